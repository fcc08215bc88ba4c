"""Making an account's jobs pollable before its first request (read by the poller, previews,
verification and uploads alike)."""

from __future__ import annotations

from qfopgui.services.clients import ClientFactory
from qfopgui.services.profiles import ProfileStore
from qfopgui.services.sandbox_manager import SandboxManager


class AccountKeys:
    """Makes an account pollable: reads its SecretKey, or starts the sandbox for its jobs.

    `ClientFactory.client_for()` never blocks, so it only knows keys already read from the
    keyring. Without this, jobs of an account that is not the one on screen (or of the
    sandbox, when it was not started yet) would fail every poll until the user opened it.
    """

    def __init__(
        self, profiles: ProfileStore, clients: ClientFactory, sandbox: SandboxManager
    ) -> None:
        self._profiles = profiles
        self._clients = clients
        self._sandbox = sandbox

    async def prepare(self, name: str) -> None:
        profile = self._profiles.get(name)
        if profile is None:
            return
        if profile.is_sandbox:
            await self._sandbox.ensure_profile(name)
        else:
            await self._clients.load_secret(name)
