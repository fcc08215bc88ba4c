"""Start-up: accounts with unfinished jobs get their keys before the poller asks for clients.

Guards against jobs of an account other than the one on screen failing every poll with
"key missing" after a restart (ClientFactory.client_for never reads the keyring itself).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from qfopgui.app import start_polling
from qfopgui.services.profiles import Profile


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    async def load_secret(self, name: str) -> bool:
        self.calls.append(("load_secret", name))
        if name == "Broken":
            raise RuntimeError("keyring exploded")
        return True

    async def ensure_profile(self, name: str | None = None) -> None:
        self.calls.append(("ensure_profile", str(name)))

    async def run(self) -> None:
        self.calls.append(("poller.run", ""))


def make_ctx(active_profiles: list[str], rec: Recorder) -> Any:
    profiles = {
        "Team": Profile(name="Team", access_key="ak1"),
        "Other": Profile(name="Other", access_key="ak2"),
        "Broken": Profile(name="Broken", access_key="ak3"),
        "Sandbox": Profile(name="Sandbox", access_key="ak4", is_sandbox=True),
    }

    async def run_store(fn: Callable[[], Any]) -> Any:
        return fn()

    store = SimpleNamespace(active=lambda: [SimpleNamespace(profile=p) for p in active_profiles])
    return SimpleNamespace(
        run_store=run_store,
        store=store,
        profiles=SimpleNamespace(get=profiles.get),
        clients=rec,
        sandbox=rec,
        poller=rec,
    )


def test_keys_of_accounts_with_active_jobs_are_loaded_before_polling() -> None:
    rec = Recorder()
    ctx = make_ctx(["Team", "Sandbox", "Team", "Broken", "Gone"], rec)
    asyncio.run(start_polling(ctx))
    assert rec.calls == [
        ("load_secret", "Broken"),  # its failure is logged and does not stop the others
        ("ensure_profile", "Sandbox"),  # the sandbox is started so its jobs can finish
        ("load_secret", "Team"),
        ("poller.run", ""),
    ]
    assert ("load_secret", "Other") not in rec.calls  # no active jobs: no keyring read


def test_polling_starts_even_with_no_active_jobs() -> None:
    rec = Recorder()
    asyncio.run(start_polling(make_ctx([], rec)))
    assert rec.calls == [("poller.run", "")]
