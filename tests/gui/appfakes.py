"""Fakes for the shell/files/accounts GUI tests: an in-memory Qiniu client and a test AppContext."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qfopgui.api.models import BucketInfo, ListPage, ObjectInfo
from qfopgui.paths import Paths
from qfopgui.services.clients import ClientFactory
from qfopgui.services.executors import DaemonThreadExecutor, runner, serial_executor
from qfopgui.services.preset_library import PresetLibrary
from qfopgui.services.profiles import Profile, ProfileStore
from qfopgui.services.secrets import SecretStore
from qfopgui.settings import Settings
from qfopgui.ui.background import TaskOwner
from qfopgui.ui.context import AppContext

PUT_TIME = 17_000_000_000_000_000  # 2023-11-14, in 100 ns units


def obj(key: str, size: int = 1000, mime: str = "application/octet-stream") -> ObjectInfo:
    return ObjectInfo(key=key, fsize=size, hash="h", mime_type=mime, put_time=PUT_TIME)


@dataclass
class FakeClient:
    """A bucket listing over a dict, with delimiter support, call log, errors and a gate."""

    buckets: list[BucketInfo] = field(default_factory=lambda: [BucketInfo("media", "z0")])
    objects: dict[str, list[ObjectInfo]] = field(default_factory=dict)
    fail_buckets: BaseException | None = None
    fail_list: BaseException | None = None
    page_size: int = 1000
    gate: threading.Event | None = None  # list_page blocks until set
    calls: list[tuple[str, str, str, str]] = field(
        default_factory=list
    )  # bucket, prefix, delim, marker
    in_flight: int = 0
    max_in_flight: int = 0
    credentials: Any = None
    endpoints: Any = None

    def list_buckets(self) -> list[BucketInfo]:
        if self.fail_buckets is not None:
            raise self.fail_buckets
        return list(self.buckets)

    def list_page(
        self,
        bucket: str,
        *,
        prefix: str = "",
        delimiter: str = "",
        marker: str = "",
        limit: int = 1000,
    ) -> ListPage:
        self.calls.append((bucket, prefix, delimiter, marker))
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.gate is not None:
                self.gate.wait(10)
            if self.fail_list is not None:
                raise self.fail_list
            keys = sorted(o.key for o in self.objects.get(bucket, []))
            by_key = {o.key: o for o in self.objects.get(bucket, [])}
            start = int(marker or 0)
            items: list[ObjectInfo] = []
            prefixes: list[str] = []
            i = start
            size = min(limit, self.page_size)
            matching = [k for k in keys if k.startswith(prefix)]
            while i < len(matching) and len(items) + len(prefixes) < size:
                k = matching[i]
                rest = k[len(prefix) :]
                if delimiter and delimiter in rest:
                    p = prefix + rest.split(delimiter, 1)[0] + delimiter
                    if p not in prefixes:
                        prefixes.append(p)
                else:
                    items.append(by_key[k])
                i += 1
            more = i < len(matching)
            return ListPage(tuple(items), tuple(prefixes), str(i) if more else "")
        finally:
            self.in_flight -= 1


class ClientMaker:
    """`client_class` for ClientFactory: records credentials and returns the shared fake."""

    def __init__(self, client: FakeClient) -> None:
        self.client = client
        self.made: list[tuple[Any, Any]] = []

    def __call__(self, credentials: Any, endpoints: Any, **_kw: Any) -> FakeClient:
        self.made.append((credentials, endpoints))
        self.client.credentials, self.client.endpoints = credentials, endpoints
        return self.client


class FakeSandbox:
    """Stands in for SandboxManager in window tests."""

    def __init__(self, profiles: ProfileStore, clients: ClientFactory) -> None:
        self.profiles, self.clients = profiles, clients
        self.started = 0

    async def ensure_profile(self, name: str | None = None) -> Profile:
        self.started += 1
        name = name or "Sandbox"
        p = Profile(name, "sandbox-ak", hosts={"base": "http://127.0.0.1:1"}, is_sandbox=True)
        self.profiles.upsert(p)
        self.clients.remember_secret(name, "sandbox-sk")
        return p

    def stop(self) -> None:
        pass


def make_ctx(
    base: Path,
    client: FakeClient | None = None,
    *,
    profiles: Iterable[tuple[Profile, str]] = (),
    secrets: SecretStore | None = None,
    on_secret: Callable[[str], None] | None = None,
) -> AppContext:
    """A real AppContext over tmp dirs with a fake client; poller/submitter/store left out."""
    paths = Paths.under(base).ensure()
    store = ProfileStore(paths.profiles_file)
    secret_store = secrets or SecretStore()
    run_keyring = runner(serial_executor("test-keyring"))
    maker = ClientMaker(client or FakeClient())
    clients = ClientFactory(
        store, secret_store, run_keyring, client_class=maker, on_secret=on_secret
    )
    for p, sk in profiles:
        store.upsert(p)
        secret_store.set(p.name, sk)
    ctx = AppContext(
        paths=paths,
        settings=Settings(paths.settings_file),
        profiles=store,
        secrets=secret_store,
        store=None,
        run_store=runner(serial_executor("test-store")),
        run_blocking=runner(DaemonThreadExecutor(4, name="test-net")),
        run_keyring=run_keyring,
        clients=clients,
        poller=None,
        submitter=None,
        tasks=TaskOwner(),
        sandbox=None,
        jobs=None,
        presets=PresetLibrary(paths.presets_file),
        previews=None,
    )
    ctx.sandbox = FakeSandbox(store, clients)
    ctx.client_maker = maker  # type: ignore[attr-defined]
    return ctx
