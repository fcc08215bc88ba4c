"""Starts the in-process sandbox on demand and keeps the "Sandbox" profile pointed at it.

The sandbox keeps its data in `<data>/sandbox` so demo files and jobs survive restarts. Its
AccessKey/SecretKey are the sandbox server's own keys: generated once, stored with the sandbox
data (not in the keyring: they unlock nothing but this local server), and handed to the client
factory in memory. Each start gets a fresh port, so the profile's uc URL is re-pointed then
(an older profile's "base" URL is replaced by uc, so its buckets' regions are discovered).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import secrets
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from qfopgui.services.clients import ClientFactory
from qfopgui.services.profiles import Profile, ProfileStore

log = logging.getLogger(__name__)

PROFILE_NAME = "Sandbox"
# Demo mode seeds "demo" and "demo-private" (region z0) itself; one more bucket in z2 shows
# a user an account spread over two regions (its own port: requests must find its region).
DEMO_SOUTH_BUCKET = "demo-south"
DEMO_BUCKETS: tuple[str, ...] = (f"{DEMO_SOUTH_BUCKET}@z2",)
ServerFactory = Callable[[Path, str, str, Sequence[str]], Any]
RunIn = Callable[[Callable[[], Any]], Awaitable[Any]]


def default_server_factory(data_dir: Path, ak: str, sk: str, buckets: Sequence[str]) -> Any:
    from qfopgui.sandbox.config import SandboxConfig
    from qfopgui.sandbox.server import SandboxServer

    config = SandboxConfig(
        data_dir=data_dir, credentials=[(ak, sk)], buckets=list(buckets), port=0, demo=True
    )
    return SandboxServer(config)


class SandboxManager:
    """`await ensure_profile()` → the sandbox is running and the profile points at it."""

    def __init__(
        self,
        data_dir: Path,
        profiles: ProfileStore,
        clients: ClientFactory,
        run_in: RunIn,
        *,
        server_factory: ServerFactory | None = None,
        buckets: Sequence[str] = DEMO_BUCKETS,
    ) -> None:
        self._dir = data_dir
        self._profiles = profiles
        self._clients = clients
        self._run_in = run_in
        self._factory = server_factory or default_server_factory
        self._buckets = tuple(buckets)
        self._server: Any = None
        self._base_url: str | None = None
        self._lock = asyncio.Lock()

    @property
    def data_dir(self) -> Path:
        return self._dir

    @property
    def running(self) -> bool:
        return self._base_url is not None

    @property
    def base_url(self) -> str | None:
        return self._base_url

    def credentials(self) -> tuple[str, str]:
        """The sandbox's own key pair: read from the sandbox data, generated on first use."""
        path = self._dir / "app-credentials.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            ak, sk = str(data["access_key"]), str(data["secret_key"])
            if ak and sk and ":" not in ak:
                return ak, sk
        except (OSError, ValueError, KeyError, TypeError):
            pass
        ak = "sandbox-" + secrets.token_hex(8)
        sk = secrets.token_urlsafe(30)
        self._dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"access_key": ak, "secret_key": sk}, fh)
        os.replace(tmp, path)
        return ak, sk

    async def start(self) -> str:
        """Start the server once (concurrent callers share the start); returns its base URL."""
        async with self._lock:
            if self._base_url is not None:
                return self._base_url
            ak, sk = await self._run_in(self.credentials)
            server = self._factory(self._dir, ak, sk, self._buckets)
            base_url = str(await self._run_in(server.start)).rstrip("/")
            self._server, self._base_url = server, base_url
            log.info("sandbox started at %s", base_url)
            return base_url

    async def ensure_profile(self, name: str | None = None) -> Profile:
        """Start the sandbox, create or re-point the sandbox profile, and make its key known."""
        base_url = await self.start()
        ak, sk = await self._run_in(self.credentials)
        name = name or self._sandbox_profile_name() or PROFILE_NAME
        existing = self._profiles.get(name)
        # Only uc: the client asks the sandbox where each bucket lives (`/v4/query`), as it
        # does on the real service, so region discovery is exercised every day.
        hosts = {"uc": base_url}
        if existing is None:  # offer the demo pipelines, so jobs show a dedicated queue at work
            from qfopgui.sandbox.demo import DEMO_PIPELINES

            profile = Profile(
                name=name,
                access_key=ak,
                region="z0",
                hosts=hosts,
                is_sandbox=True,
                pipelines=DEMO_PIPELINES,
                default_pipeline=DEMO_PIPELINES[0],
            )
        else:
            profile = replace(existing, access_key=ak, hosts=hosts, is_sandbox=True)
        if profile != existing:
            self._profiles.upsert(profile)
        self._clients.invalidate(name)
        self._clients.remember_secret(name, sk)
        return profile

    def _sandbox_profile_name(self) -> str | None:
        for p in self._profiles.list():
            if p.is_sandbox:
                return p.name
        return None

    def stop(self) -> None:
        """Stop the server (quit). Safe to call when it never started."""
        server, self._server, self._base_url = self._server, None, None
        if server is not None:
            try:
                server.stop()
            except Exception:
                log.exception("stopping the sandbox failed")
