from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from qfopgui.api.config import Endpoints
from qfopgui.services.clients import ClientFactory
from qfopgui.services.executors import runner, serial_executor
from qfopgui.services.messages import MissingSecretError
from qfopgui.services.profiles import Profile, ProfileStore
from qfopgui.services.secrets import SecretStore
from tests.gui.appfakes import ClientMaker, FakeClient

pytestmark = pytest.mark.gui


def make(tmp_path: Path) -> tuple[ClientFactory, ProfileStore, ClientMaker, list[str]]:
    profiles = ProfileStore(tmp_path / "p.json")
    profiles.upsert(Profile("A", "ak-a", region="z2"))
    maker = ClientMaker(FakeClient())
    seen: list[str] = []
    f = ClientFactory(
        profiles,
        SecretStore(),
        runner(serial_executor("t-kr")),
        client_class=maker,
        on_secret=seen.append,
    )
    return f, profiles, maker, seen


def test_missing_secret_is_a_clear_error(tmp_path: Path) -> None:
    f, *_ = make(tmp_path)
    with pytest.raises(MissingSecretError, match="“A” is not available"):
        f.client_for("A")
    with pytest.raises(LookupError, match="no account named"):
        f.client_for("nobody")


def test_load_secret_from_keyring_then_cached_client(
    qloop: asyncio.AbstractEventLoop, tmp_path: Path, memory_keyring: Any
) -> None:
    f, profiles, maker, seen = make(tmp_path)
    memory_keyring.store[("qfopgui", "A")] = "sk-a"
    assert qloop.run_until_complete(f.load_secret("A")) is True
    assert seen == ["sk-a"]  # registered with the log redactor
    c1 = f.client_for("A")
    assert f.client_for("A") is c1
    assert len(maker.made) == 1
    creds, endpoints = maker.made[0]
    assert (creds.access_key, creds.secret_key) == ("ak-a", "sk-a")
    assert endpoints == Endpoints.discovered("z2")  # no hosts set: regions are discovered
    profiles.upsert(Profile("A", "ak-a", region="z1"))
    f.invalidate("A")
    f.client_for("A")
    assert maker.made[-1][1] == Endpoints.discovered("z1")
    f.forget("A")
    assert not f.has_secret("A")
    assert qloop.run_until_complete(f.load_secret("nobody")) is False
