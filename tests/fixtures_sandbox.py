"""Pytest fixtures that run an in-process sandbox (registered from tests/conftest.py).

``sandbox``: a started ``SandboxServer`` on a free loopback port in ``tmp_path`` with one bucket
(``SANDBOX_BUCKET``) and one key pair (``SANDBOX_AK``/``SANDBOX_SK``), stopped after the test.
``sandbox_factory(**overrides)``: build more (config overrides + ``processor_factory``); all are
stopped at teardown. Both use the real processor when ``qfopgui.sandbox.processing`` is importable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from qfopgui.sandbox import SandboxConfig, SandboxServer

SANDBOX_AK = "sandbox-test-ak"
SANDBOX_SK = "sandbox-test-sk"
SANDBOX_BUCKET = "test-bucket"


def sandbox_config(data_dir: Path, **overrides: Any) -> SandboxConfig:
    base = SandboxConfig(
        data_dir=data_dir, credentials=[(SANDBOX_AK, SANDBOX_SK)], buckets=[SANDBOX_BUCKET]
    )
    return replace(base, **overrides)


@pytest.fixture
def sandbox_factory(tmp_path: Path) -> Iterator[Callable[..., SandboxServer]]:
    servers: list[SandboxServer] = []

    def make(*, processor_factory: Any = None, **overrides: Any) -> SandboxServer:
        overrides.setdefault("data_dir", tmp_path / "sandbox")
        server = SandboxServer(sandbox_config(**overrides), processor_factory=processor_factory)
        server.start()
        servers.append(server)
        return server

    yield make
    for server in reversed(servers):
        server.stop()


@pytest.fixture
def sandbox(sandbox_factory: Callable[..., SandboxServer]) -> SandboxServer:
    return sandbox_factory()
