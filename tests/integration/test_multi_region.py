"""One account, buckets in two regions (z0 and z2), each region on its own sandbox port.

The official Python SDK finds each bucket's region through `/v4/query` (only its
PersistentFop has no region logic: it posts to `default_api_host`). The real app, on a sandbox
profile that sets only uc, lists, stats, uploads to and transcodes in both buckets, and every
bucket-scoped request reaches its bucket's region's listener: the sandbox refuses any other
(`wrong_region` counts the refusals; there must be none).
"""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import imageio_ffmpeg
import pytest
import qiniu
from PySide6.QtCore import Qt
from qiniu import config as qconfig

from qfopgui.core.jobs import JobState
from qfopgui.sandbox import SandboxServer
from qfopgui.services.sandbox_manager import DEMO_SOUTH_BUCKET
from tests.fixtures_sandbox import SANDBOX_BUCKET
from tests.helpers.aio import wait_until
from tests.integration.app_harness import (
    CLIP_VERTICAL,
    DEMO,
    choose_presets_and_submit,
    new_basedir,
    open_folder,
    open_transcode,
    running_app,
    select_files,
    stored_path,
    wait_states,
)
from tests.integration.test_e2e_uploads import drop_paths, upload_dialog

pytestmark = [pytest.mark.integration]

SOUTH = "south-bucket"
JPG = "JPG thumbnail"
ROUTES = ("list", "stat", "form_upload", "pfop")


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1 s 320x180 H.264 clip (made once per module)."""
    path = tmp_path_factory.mktemp("clip") / "clip.mp4"
    args = ["-f", "lavfi", "-i", "testsrc=size=320x180:rate=10", "-t", "1"]
    args += ["-c:v", "libx264", "-pix_fmt", "yuv420p", str(path)]
    exe = imageio_ffmpeg.get_ffmpeg_exe()
    subprocess.run([exe, "-hide_banner", "-loglevel", "error", "-y", *args], check=True)
    return path


@pytest.fixture
def sandbox(sandbox_factory: Callable[..., SandboxServer]) -> SandboxServer:
    """Overrides the shared fixture (so `sdk` points at it): test-bucket in z0, south in z2."""
    return sandbox_factory(buckets=[SANDBOX_BUCKET, f"{SOUTH}@z2"])


def _wait_done(pfop: qiniu.PersistentFop, persistent_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ret, info = pfop.get_status(persistent_id)
        assert info.status_code == 200, info.text_body
        if ret["code"] not in (1, 2):
            return dict(ret)
        time.sleep(0.1)
    raise AssertionError(f"{persistent_id} did not finish")


def test_official_sdk_finds_each_buckets_region(
    sandbox: SandboxServer, sdk: qiniu.Auth, clip: Path
) -> None:
    z2 = sandbox.region_urls["z2"]
    bm = qiniu.BucketManager(sdk)
    for bucket, region in ((SANDBOX_BUCKET, "z0"), (SOUTH, "z2")):
        before = sandbox.hits_in(region)
        ret, info = qiniu.put_data(sdk.upload_token(bucket, "c.mp4"), "c.mp4", clip.read_bytes())
        assert info.status_code == 200, info.text_body
        ret, info = bm.stat(bucket, "c.mp4")
        assert info.status_code == 200, info.text_body
        assert ret["fsize"] == clip.stat().st_size
        ret, _eof, info = bm.list(bucket, prefix="c")
        assert info.status_code == 200, info.text_body
        assert [i["key"] for i in ret["items"]] == ["c.mp4"]
        got = sandbox.hits_in(region) - before
        assert (got["form_upload"], got["stat"], got["list"]) == (1, 1, 1), (region, got)
    assert sandbox.hits_in("z0")["wrong_region"] == sandbox.hits_in("z2")["wrong_region"] == 0
    assert sandbox.hits_in("z0")["query"] >= 2  # uc (the main port) answered both queries

    # PersistentFop posts to default_api_host whatever the bucket: the main (z0) port
    # refuses the z2 bucket as the service's wrong-region api host does
    pfop = qiniu.PersistentFop(sdk, SOUTH)
    ret, info = pfop.execute("c.mp4", fops=["vframe/jpg/offset/0"])
    assert info.status_code == 400
    assert "incorrect zone" in info.text_body
    qconfig.set_default(default_api_host=z2)  # point it at the bucket's region (restored)
    ret, info = pfop.execute("c.mp4", fops=["vframe/jpg/offset/0"])
    assert info.status_code == 200, info.text_body
    assert _wait_done(pfop, ret["persistentId"])["code"] == 0
    assert sandbox.hits_in("z2")["pfop"] == 1


def _region_rows(app: Any) -> dict[str, tuple[str, str]]:
    fv = app.files
    items = [fv.bucket_list.item(i) for i in range(fv.bucket_list.count())]
    return {
        i.data(Qt.ItemDataRole.UserRole): (
            i.text().split("\n", 1)[-1],
            i.data(Qt.ItemDataRole.AccessibleTextRole),
        )
        for i in items
    }


@pytest.mark.gui
@pytest.mark.slow
def test_app_works_in_buckets_of_two_regions(
    qloop: asyncio.AbstractEventLoop,
    qtbot: Any,
    tmp_path: Path,
    seeded_sandbox_dir: Path,
) -> None:
    base = new_basedir(seeded_sandbox_dir, tmp_path / "app")
    note = tmp_path / "note.txt"
    note.write_bytes(b"two regions\n" * 10)

    async def scenario() -> dict[str, Any]:
        async with running_app(base) as app:
            await wait_until(lambda: app.servers and app.ctx.sandbox.running, timeout=30)
            server = app.server
            server.storage.put_file(
                DEMO_SOUTH_BUCKET, CLIP_VERTICAL, stored_path(server, DEMO, CLIP_VERTICAL)
            )
            fv = app.files
            got: dict[str, Any] = {"profile": app.ctx.profiles.current, "url": server.base_url}
            for bucket, region in ((DEMO, "z0"), (DEMO_SOUTH_BUCKET, "z2")):
                before = server.hits_in(region)
                await open_folder(app, bucket, "videos/")  # list
                select_files(app, [CLIP_VERTICAL])  # the details pane stats the file
                await wait_until(
                    lambda r=region, b=before: server.hits_in(r)["stat"] > b["stat"], timeout=15
                )
                drop_paths(fv.table.viewport(), note)  # upload into videos/
                (await upload_dialog(app)).upload_button.click()
                await wait_until(
                    lambda b=bucket: server.storage.stat(b, "videos/note.txt") is not None,
                    timeout=30,
                )
                select_files(app, [CLIP_VERTICAL])
                count = len(app.records())
                await choose_presets_and_submit(await open_transcode(app), [JPG])
                await wait_until(lambda n=count: len(app.records()) == n + 1, timeout=15)
                job = max(app.records(), key=lambda r: r.id)
                (done,) = await wait_states(app, [job.id], {JobState.DONE}, timeout=60)
                made = all(server.storage.stat(bucket, k) is not None for k in done.outputs)
                got[bucket] = (server.hits_in(region) - before, done, made)
                app.window.show_view("files")
            got["rows"] = _region_rows(app)
            got["wrong"] = (
                server.hits_in("z0")["wrong_region"] + server.hits_in("z2")["wrong_region"]
            )
            return got

    got = qloop.run_until_complete(scenario())
    assert got["profile"].hosts == {"uc": got["url"]}  # discovery, not fixed hosts
    assert got["wrong"] == 0  # no bucket request ever reached another region's port
    for bucket in (DEMO, DEMO_SOUTH_BUCKET):
        hits, done, made = got[bucket]
        assert isinstance(hits, Counter)
        assert all(hits[r] >= 1 for r in ROUTES), (bucket, hits)  # on its region's port
        assert done.bucket == bucket
        assert done.outputs
        assert made  # the thumbnail is in the bucket
    south_line, south_spoken = got["rows"][DEMO_SOUTH_BUCKET]
    assert south_line == "z2 · South China (Guangdong)"
    assert south_spoken == f"{DEMO_SOUTH_BUCKET}, z2 · South China (Guangdong)"
    assert got["rows"][DEMO][0] == "z0 · East China (Zhejiang)"
