"""The app's client of the sandbox admin route, against a real (processor-less) sandbox."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable
from typing import Any

import pytest

from qfopgui.api.config import Credentials
from qfopgui.sandbox import SandboxServer
from qfopgui.sandbox.pipelines import KnownPipelines
from qfopgui.services.sandbox_pipelines import (
    SandboxPipelineError,
    SandboxPipelines,
    create_pipeline,
)
from tests.fixtures_sandbox import SANDBOX_AK, SANDBOX_SK

KEYS = Credentials(SANDBOX_AK, SANDBOX_SK)


@pytest.fixture
def server(sandbox_factory: Callable[..., SandboxServer]) -> SandboxServer:
    return sandbox_factory(processor_factory=lambda storage, config: None)


def test_create_is_idempotent_and_the_sandbox_knows_the_name(server: SandboxServer) -> None:
    assert create_pipeline(server.base_url, KEYS, "app-q") is True
    assert create_pipeline(server.base_url + "/", KEYS, "app-q") is False
    assert KnownPipelines(server.storage).knows("app-q")


def test_refusals_and_no_answer_say_why(server: SandboxServer) -> None:
    with pytest.raises(SandboxPipelineError, match="HTTP 400: invalid pipeline name"):
        create_pipeline(server.base_url, KEYS, "bad name")
    with pytest.raises(SandboxPipelineError, match="HTTP 401"):
        create_pipeline(server.base_url, Credentials(SANDBOX_AK, "wrong"), "app-q")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there once closed
    with pytest.raises(SandboxPipelineError, match="did not answer"):
        create_pipeline(f"http://127.0.0.1:{port}", KEYS, "app-q", timeout=2)
    assert not KnownPipelines(server.storage).knows("app-q")


class _Manager:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.started = 0

    async def start(self) -> str:
        self.started += 1
        return self.base_url

    def credentials(self) -> tuple[str, str]:
        return SANDBOX_AK, SANDBOX_SK


def test_service_starts_the_sandbox_and_runs_the_call_in_the_executor(
    server: SandboxServer,
) -> None:
    ran: list[str] = []

    async def run_in(fn: Callable[[], Any]) -> Any:
        ran.append("executor")
        return await asyncio.get_running_loop().run_in_executor(None, fn)

    manager = _Manager(server.base_url)
    created = asyncio.run(SandboxPipelines(manager, run_in).create("svc-q"))
    assert (created, manager.started, ran) == (True, 1, ["executor"])
    assert KnownPipelines(server.storage).knows("svc-q")
