"""Which hosts serve a bucket: uc's region query (`GET uc/v4/query?ak=&bucket=`), cached.

Qiniu keeps every bucket in one region, and a region's rs/rsf/api/up/io hosts refuse requests
for another region's buckets (HTTP 400 `incorrect region, please use <host>` from up,
`incorrect zone` from rs/rsf/api). The SDKs therefore ask uc once per (uc, AccessKey, bucket)
and keep the answer for its `ttl` (seconds, 86400 when absent). This module does the same:

- `parse_region_query` reads `{"hosts": [region, ...]}`; the first region is used, its first
  domain per service (bare `host[:port]`, given the scheme of the uc URL).
- `RegionCache` keeps answers for their ttl (injectable clock) and single-flights concurrent
  queries for one key: the client runs in several executor threads at once, and twenty
  uploads to a new bucket must not send twenty queries.
- `is_region_error` recognises the refusal, so the client can drop the cached answer and ask
  once more (a bucket's region never changes, but a cached answer can be stale or wrong).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from qfopgui.api import errors
from qfopgui.api.answer_fields import Fields
from qfopgui.api.config import Endpoints
from qfopgui.api.responses import Answer

DEFAULT_TTL = 86400
MAX_TTL = 30 * 86400  # a cache entry is re-checked at least monthly, whatever a server says
UP_REGION_ERROR = "incorrect region"  # up: "incorrect region, please use <host>"
ZONE_ERROR = "incorrect zone"  # rs, rsf, api
QUERY_NOT_FOUND = frozenset({612, 631})  # the query's "no such bucket" answers
_SERVICES = ("up", "io", "rs", "rsf", "api")

Clock = Callable[[], float]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RegionHosts:
    """One region's hosts as base URLs (`scheme://host[:port]`), first choice first."""

    region: str
    up: tuple[str, ...]
    io: tuple[str, ...]
    rs: tuple[str, ...]
    rsf: tuple[str, ...]
    api: tuple[str, ...]
    ttl: int = DEFAULT_TTL

    def endpoints(self, base: Endpoints) -> Endpoints:
        """`base` (uc and the fallbacks) with this region's first host for each service."""
        return Endpoints(
            uc=base.uc,
            rs=self.rs[0],
            rsf=self.rsf[0],
            api=self.api[0],
            up=self.up[0],
            io=self.io[0],
            discover=base.discover,
        )


def parse_region_query(answer: Answer, body: object, scheme: str) -> RegionHosts:
    """`hosts[0]` of a `/v4/query` answer; a missing service or odd domain is a ProtocolError."""
    page = Fields.of(answer, body)
    regions = page.objects("hosts")
    if not regions:
        raise page.bad("hosts")
    first = regions[0]
    found: dict[str, tuple[str, ...]] = {}
    for service in _SERVICES:
        block = Fields.of(answer, first.get(service), f"hosts[0].{service}.")
        domains = block.strings("domains")
        if not domains or not all(_bare_host(d) for d in domains):
            raise block.bad("domains")
        found[service] = tuple(f"{scheme}://{d.strip().rstrip('/')}" for d in domains)
    ttl = first.number("ttl", DEFAULT_TTL, minimum=0)
    return RegionHosts(region=first.text("region"), ttl=min(ttl, MAX_TTL), **found)


def _bare_host(domain: str) -> bool:
    """`host[:port]` only: a scheme, path, space or query would be pasted into our URLs."""
    text = domain.strip().rstrip("/")
    return bool(text) and not any(c in text for c in "/?#@ \\") and "://" not in text


def is_region_error(exc: BaseException) -> bool:
    """True for the service's "this bucket lives in another region" refusal (HTTP 400)."""
    if not isinstance(exc, errors.BadRequestError) or exc.status != 400:
        return False
    text = (exc.server_message or "").strip().lower()
    return text.startswith(UP_REGION_ERROR) or text == ZONE_ERROR


def region_of_job(persistent_id: str) -> str:
    """The region a persistentId names (`z2.0123…` → `z2`); "" when it names none."""
    prefix, dot, rest = persistent_id.partition(".")
    return prefix if dot and rest and 2 <= len(prefix) <= 32 else ""


@dataclass
class _Flight:
    done: threading.Event = field(default_factory=threading.Event)
    value: RegionHosts | None = None
    error: BaseException | None = None


CacheKey = tuple[str, str, str]  # (uc URL, AccessKey, bucket)


class RegionCache:
    """Region answers per (uc, AccessKey, bucket) for their ttl; thread-safe, single-flight.

    One cache may serve several clients (the app shares one across accounts). It also learns
    which api host each region id has, so `prefop` can follow a job id's region prefix.
    """

    def __init__(self, clock: Clock = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[CacheKey, tuple[RegionHosts, float]] = {}
        self._flights: dict[CacheKey, _Flight] = {}
        self._api_by_region: dict[tuple[str, str, str], str] = {}

    def get(self, key: CacheKey, load: Callable[[], RegionHosts]) -> RegionHosts:
        """The cached answer, or `load()`'s (one load per key at a time; others wait for it).

        A failed load is not cached: the error reaches every waiter and the next call loads
        again."""
        with self._lock:
            cached = self._entries.get(key)
            if cached is not None and self._clock() < cached[1]:
                return cached[0]
            flight = self._flights.get(key)
            leader = flight is None
            if flight is None:
                flight = self._flights[key] = _Flight()
        if not leader:
            flight.done.wait()
            if flight.value is None:
                raise flight.error or RuntimeError("region query failed")
            return flight.value
        try:
            flight.value = load()
        except BaseException as exc:
            flight.error = exc
            raise
        finally:
            with self._lock:
                if flight.value is not None:
                    self._store(key, flight.value)
                self._flights.pop(key, None)
            flight.done.set()
        return flight.value

    def _store(self, key: CacheKey, hosts: RegionHosts) -> None:
        self._entries[key] = (hosts, self._clock() + hosts.ttl)
        if hosts.region:
            self._api_by_region[(key[0], key[1], hosts.region)] = hosts.api[0]

    def drop(self, key: CacheKey) -> None:
        """Forget one answer (the service said it was wrong)."""
        with self._lock:
            self._entries.pop(key, None)

    def api_host(self, uc: str, access_key: str, region: str) -> str | None:
        """The api host a query has reported for `region` (None when none has yet)."""
        with self._lock:
            return self._api_by_region.get((uc, access_key, region))
