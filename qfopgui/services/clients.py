"""One QiniuClient per profile, built on demand from the profile and its SecretKey.

The SecretKey is read from the keyring once (through the serial keyring executor, never on the Qt
thread) and then kept in memory here, so `client_for()` itself never blocks. Each key handed in
is registered with the log redactor so it can never reach the log file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from qfopgui.api.client import QiniuClient
from qfopgui.api.config import Credentials, Endpoints
from qfopgui.api.regions import RegionCache
from qfopgui.services.executors import RunIn
from qfopgui.services.messages import (
    NO_SUCH_ACCOUNT,
    SECRET_MISSING,
    MissingSecretError,
    NoSuchAccountError,
)
from qfopgui.services.profiles import ProfileStore
from qfopgui.services.secrets import SecretStore

log = logging.getLogger(__name__)

ClientClass = Callable[..., QiniuClient]


def default_client_class() -> ClientClass:
    return QiniuClient


class ClientFactory:
    """`client_for(name)` → a cached client; `await load_secret(name)` fills the key cache first."""

    def __init__(
        self,
        profiles: ProfileStore,
        secrets: SecretStore,
        run_keyring: RunIn,
        *,
        client_class: ClientClass | None = None,
        on_secret: Callable[[str], None] | None = None,
        timeout: tuple[float, float] = (5.0, 30.0),
        max_retries: int = 3,
        region_cache: RegionCache | None = None,
    ) -> None:
        self._profiles = profiles
        self._secrets = secrets
        self._run_keyring = run_keyring
        self._client_class = client_class
        self._on_secret = on_secret
        self._timeout = timeout
        self._max_retries = max_retries
        self._keys: dict[str, str] = {}
        self._clients: dict[str, QiniuClient] = {}
        # Shared by every client: a rebuilt client (new key, re-pointed sandbox) keeps the
        # bucket regions it learnt, keyed by uc and AccessKey so accounts never mix.
        self._regions = region_cache or RegionCache()

    # -- secrets ------------------------------------------------------------------------------
    def remember_secret(self, profile: str, secret: str) -> None:
        """Keep `secret` for this session (and drop a client built with an older one)."""
        if self._keys.get(profile) != secret:
            self._clients.pop(profile, None)
        self._keys[profile] = secret
        if self._on_secret is not None:
            self._on_secret(secret)

    def has_secret(self, profile: str) -> bool:
        return profile in self._keys

    async def load_secret(self, profile: str) -> bool:
        """Read the profile's SecretKey from the keyring (off the Qt thread) into the cache."""
        if profile in self._keys:
            return True
        secret = await self._run_keyring(lambda: self._secrets.get(profile))
        if not secret:
            return False
        self.remember_secret(profile, secret)
        return True

    # -- clients ------------------------------------------------------------------------------
    def client_for(self, profile_name: str) -> QiniuClient:
        """The client for a profile; MissingSecretError / LookupError carry a clear message."""
        client = self._clients.get(profile_name)
        if client is not None:
            return client
        profile = self._profiles.get(profile_name)
        if profile is None:
            raise NoSuchAccountError.make(NO_SUCH_ACCOUNT, profile=profile_name)
        secret = self._keys.get(profile_name)
        if not secret:
            raise MissingSecretError.make(SECRET_MISSING, profile=profile_name)
        client = self.make_client(profile.access_key, secret, profile.endpoints())
        self._clients[profile_name] = client
        return client

    def make_client(self, access_key: str, secret_key: str, endpoints: Endpoints) -> QiniuClient:
        """A client that is not cached (the account dialog's Test connection uses this)."""
        cls = self._client_class or default_client_class()
        return cls(
            Credentials(access_key, secret_key),
            endpoints,
            timeout=self._timeout,
            max_retries=self._max_retries,
            region_cache=self._regions,
        )

    def invalidate(self, profile_name: str) -> None:
        """Drop the cached client (hosts or key changed); the next `client_for` builds a new one."""
        self._clients.pop(profile_name, None)

    def forget(self, profile_name: str) -> None:
        """Drop the client and the in-memory key (profile deleted)."""
        self._clients.pop(profile_name, None)
        self._keys.pop(profile_name, None)
