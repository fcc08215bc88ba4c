"""Integration fixtures: one demo-seeded sandbox data dir per session, copied into each test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import qiniu
from qiniu import config as qconfig
from qiniu.http import regions_provider

from qfopgui.sandbox import SandboxConfig, SandboxServer


@pytest.fixture(scope="session")
def seeded_sandbox_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A stopped sandbox data dir holding the demo media (seeding takes seconds; do it once).

    Tests copy it (`app_harness.new_basedir`) and never write here. The server is stopped
    before anyone copies, so its sqlite files are closed and complete.
    """
    data = tmp_path_factory.mktemp("seeded") / "sandbox"
    server = SandboxServer(
        SandboxConfig(data_dir=data, credentials=[("seed-ak", "seed-sk")], demo=True)
    )
    server.start()
    server.stop()
    assert (data / "meta.sqlite").is_file()
    return data


@pytest.fixture
def sdk(
    sandbox: SandboxServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[qiniu.Auth]:
    """The official SDK pointed at the sandbox (its global config and regions cache); both are
    restored afterwards so no other test sees them."""
    saved = dict(qconfig._config), dict(qconfig._is_customized_default)
    cache = regions_provider._global_cache_scope._replace(
        memo_cache={}, persist_path=str(tmp_path / "qn-py-sdk" / "regions-cache.jsonl")
    )
    monkeypatch.setattr(regions_provider, "_global_cache_scope", cache)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    qconfig.set_default(default_uc_host=sandbox.base_url, default_api_host=sandbox.base_url)
    try:
        yield qiniu.Auth(sandbox.access_key, sandbox.secret_key)
    finally:
        qconfig._config.clear()
        qconfig._config.update(saved[0])
        qconfig._is_customized_default.clear()
        qconfig._is_customized_default.update(saved[1])
