"""The composition root against the real in-process sandbox (what `qfopgui --sandbox` does)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from qfopgui.app import build, install_features, shutdown
from qfopgui.log import setup_logging, shutdown_logging
from qfopgui.paths import Paths
from tests.helpers.aio import wait_until

pytestmark = [pytest.mark.integration, pytest.mark.gui, pytest.mark.slow]


async def open_sandbox(base: Path) -> dict[str, Any]:
    paths = Paths.under(base).ensure()
    rt = build(paths, setup_logging(paths.log_dir))
    try:
        install_features(rt)
        w = rt.window
        w.show()
        w.start_sandbox()
        fv = w.files_view
        await wait_until(lambda: fv.current_bucket() == "demo", timeout=120)
        await wait_until(lambda: fv.model.rowCount() > 0 and not fv.model.loading, timeout=30)
        profile = rt.ctx.profiles.current
        # each row: the name (and "private"), then the region on a second line
        names = [
            fv.bucket_list.item(i).text().split("\n")[0] for i in range(fv.bucket_list.count())
        ]
        keys = [fv.model.key_at(r) for r in range(fv.model.rowCount())]
        fv.open_folder("videos/")
        await wait_until(
            lambda: fv.model.rowCount() > 0 and fv.model.key_at(0).startswith("videos/")
        )
        return {
            "profile": profile,
            "base_url": rt.ctx.sandbox.base_url,
            "buckets": names,
            "keys": keys,
            "videos": [fv.model.key_at(r) for r in range(fv.model.rowCount())],
            "status": w.status_text("connection"),
        }
    finally:
        await shutdown(rt)


def test_sandbox_start_shows_demo_objects_and_reuses_data(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path
) -> None:
    try:
        first = qloop.run_until_complete(open_sandbox(tmp_path))
        creds = json.loads((tmp_path / "data" / "sandbox" / "app-credentials.json").read_text())
        second = qloop.run_until_complete(open_sandbox(tmp_path))
    finally:
        shutdown_logging()
    p = first["profile"]
    assert p.is_sandbox
    assert p.name == "Sandbox"
    assert p.hosts == {"uc": first["base_url"]}  # only uc: bucket regions are discovered
    assert first["buckets"][0] == "demo"
    assert "private" in first["buckets"][1]
    assert "README.txt" in first["keys"]
    assert any(k.endswith("/") for k in first["keys"])  # demo folders listed first
    assert first["videos"]
    assert all(k.startswith("videos/") for k in first["videos"])
    assert "Connected" in first["status"]
    # second run: same keys and data, hosts re-pointed at the new port
    assert second["profile"].access_key == creds["access_key"] == p.access_key
    assert second["keys"] == first["keys"]
    assert second["profile"].hosts == {"uc": second["base_url"]}
    sk = creds["secret_key"]
    for d in ("config", "logs"):
        for f in (tmp_path / d).rglob("*"):
            assert not (f.is_file() and sk.encode() in f.read_bytes()), f
