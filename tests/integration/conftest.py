"""Integration fixtures: one demo-seeded sandbox data dir per session, copied into each test."""

from __future__ import annotations

from pathlib import Path

import pytest

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
