from __future__ import annotations

import asyncio
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import pytest

from qfopgui.services.clients import ClientFactory
from qfopgui.services.executors import runner, serial_executor
from qfopgui.services.profiles import Profile, ProfileStore
from qfopgui.services.sandbox_manager import SandboxManager
from qfopgui.services.secrets import SecretStore
from tests.gui.appfakes import ClientMaker, FakeClient

pytestmark = pytest.mark.gui


class FakeServer:
    instances: ClassVar[list[FakeServer]] = []

    def __init__(self, data_dir: Path, ak: str, sk: str, buckets: Sequence[str]) -> None:
        self.args = (data_dir, ak, sk, tuple(buckets))
        self.port = 40000 + len(FakeServer.instances)
        self.started = self.stopped = 0
        FakeServer.instances.append(self)

    def start(self) -> str:
        self.started += 1
        return f"http://127.0.0.1:{self.port}/"

    def stop(self) -> None:
        self.stopped += 1


def make(tmp_path: Path) -> tuple[SandboxManager, ProfileStore, ClientFactory, ClientMaker]:
    FakeServer.instances.clear()
    profiles = ProfileStore(tmp_path / "profiles.json")
    maker = ClientMaker(FakeClient())
    run = runner(serial_executor("test-sandbox"))
    clients = ClientFactory(profiles, SecretStore(), run, client_class=maker)
    return (
        SandboxManager(tmp_path / "sandbox", profiles, clients, run, server_factory=FakeServer),
        profiles,
        clients,
        maker,
    )


def test_credentials_are_generated_once_and_private(tmp_path: Path) -> None:
    mgr, *_ = make(tmp_path)
    ak, sk = mgr.credentials()
    assert mgr.credentials() == (ak, sk)
    path = tmp_path / "sandbox" / "app-credentials.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert ":" not in ak
    assert len(sk) >= 30


def test_ensure_profile_starts_once_and_points_profile_at_the_server(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path, memory_keyring: Any
) -> None:
    mgr, profiles, clients, maker = make(tmp_path)

    async def scenario() -> list[Profile]:
        return list(await asyncio.gather(mgr.ensure_profile(), mgr.ensure_profile()))

    p1, p2 = qloop.run_until_complete(scenario())
    assert len(FakeServer.instances) == 1  # concurrent callers share one start
    server = FakeServer.instances[0]
    assert server.started == 1
    ak, sk = mgr.credentials()
    assert server.args[1:3] == (ak, sk)
    assert p1 == p2 == profiles.get("Sandbox")
    assert p1.is_sandbox
    assert p1.access_key == ak
    assert p1.hosts == {"uc": f"http://127.0.0.1:{server.port}"}
    client = clients.client_for("Sandbox")
    assert maker.made[-1][0].secret_key == sk
    assert client.endpoints.rs == f"http://127.0.0.1:{server.port}"
    assert memory_keyring.store == {}  # sandbox keys never go to the keyring
    mgr.stop()
    assert server.stopped == 1
    assert not mgr.running


def test_restart_repoints_an_existing_renamed_sandbox_profile(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    mgr, profiles, clients, _maker = make(tmp_path)
    profiles.upsert(
        Profile(
            "My sandbox",
            "old",
            hosts={"base": "http://127.0.0.1:1"},
            is_sandbox=True,
            pipelines=("p1",),
        )
    )
    p = qloop.run_until_complete(mgr.ensure_profile())
    assert p.name == "My sandbox"
    assert p.pipelines == ("p1",)  # kept
    assert p.hosts == {"uc": f"http://127.0.0.1:{FakeServer.instances[0].port}"}
    assert clients.has_secret("My sandbox")
    mgr.stop()
