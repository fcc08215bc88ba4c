"""The pre-flight checks the Transcode dialog runs before sending: the seam and the real one.

The dialog only knows `PreflightRunner` (tests give it a fake). `ClientPreflight` is built (by
`AccountPreflights`, which the jobs controller owns) from the account's client, the network
executor and the bucket list: it stats every planned output, and for presets that never enlarge
it reads the picture size of the sources (``?avinfo`` of the download URL, signed for private
buckets), remembered in the account's `SizeCache` across dialogs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from qfopgui.api.errors import QiniuError
from qfopgui.api.models import BucketInfo, ObjectInfo
from qfopgui.api.transport import Transport
from qfopgui.core.fops import Problem
from qfopgui.core.output_targets import batch_targets, duplicate_outputs, no_size_sentence
from qfopgui.core.plan import JobPlan
from qfopgui.core.presets import Preset
from qfopgui.core.upscale import (
    MediaSize,
    UpscaleDecision,
    UpscalePolicy,
    decide,
    size_from_avinfo,
)
from qfopgui.services.executors import RunIn
from qfopgui.services.media_reads import read_avinfo
from qfopgui.services.preflight import (
    PreflightReport,
    SizeCache,
    SourceFile,
    StatClient,
    check_upscale,
    find_existing,
    needs_size,
)

NO_DOMAIN = "the bucket has no download domain"  # a {reason}, translated by the UI
STAT_LIMIT = 8
PROBE_LIMIT = 4


class PreflightStep(StrEnum):
    OUTPUTS = "outputs"  # stat of every planned output key
    SIZES = "sizes"  # picture sizes of the sources (never-upscale presets)


StepProgress = Callable[[PreflightStep, int, int], None]


@dataclass(frozen=True)
class PreflightRequest:
    """What would be sent: ``plans`` are ``(source key, plan)`` pairs with only the presets
    that can process that file; ``presets`` are the ticked presets (their upscale policy)."""

    source_bucket: str
    output_bucket: str
    plans: tuple[tuple[str, JobPlan], ...]
    presets: tuple[Preset, ...]


class PreflightRunner(Protocol):
    """Checks a batch; ``cancel`` stops starting new requests (the report says ``cancelled``)."""

    async def check(
        self, request: PreflightRequest, progress: StepProgress, cancel: asyncio.Event
    ) -> PreflightReport: ...


class PreflightClient(StatClient, Protocol):
    @property
    def transport(self) -> Transport: ...

    def bucket_domains(self, bucket: str) -> list[str]: ...

    def download_url(
        self,
        domain: str,
        key: str,
        *,
        private: bool = False,
        expires: int = 3600,
        query: str = "",
    ) -> str: ...


class AccountSizes:
    """One account's picture sizes: a `SizeCache` whose probe reads avinfo through the
    account's current client. The runner fills ``domain_of`` and ``private`` before probing a
    bucket (the probe runs on a worker thread and only reads them)."""

    def __init__(self, client_for: Callable[[], PreflightClient], run_blocking: RunIn) -> None:
        self._client_for = client_for
        self.domain_of: dict[str, str] = {}
        self.private: set[str] = set()
        self.cache = SizeCache(self._probe, run_blocking)

    def _probe(self, bucket: str, key: str) -> MediaSize | None:
        try:
            client = self._client_for()
        except LookupError as exc:  # no SecretKey any more: the size cannot be read
            raise QiniuError(str(exc)) from exc
        info = read_avinfo(
            client, self.domain_of[bucket], bucket, key, private=bucket in self.private
        )
        return size_from_avinfo(info)


class ClientPreflight:
    """The real `PreflightRunner` for one account (see the module docstring)."""

    def __init__(
        self,
        client_for: Callable[[], PreflightClient],
        run_blocking: RunIn,
        buckets: Callable[[], Awaitable[Sequence[BucketInfo]]],
        sizes: AccountSizes,
        *,
        stat_limit: int = STAT_LIMIT,
        probe_limit: int = PROBE_LIMIT,
    ) -> None:
        self._client_for = client_for
        self._run_blocking = run_blocking
        self._buckets = buckets
        self._sizes = sizes
        self._stat_limit = stat_limit
        self._probe_limit = probe_limit

    async def check(
        self, request: PreflightRequest, progress: StepProgress, cancel: asyncio.Event
    ) -> PreflightReport:
        client = self._client_for()
        targets = batch_targets(request.output_bucket, request.plans)
        scan = await find_existing(
            client,
            targets,
            self._run_blocking,
            limit=self._stat_limit,
            progress=lambda done, total: progress(PreflightStep.OUTPUTS, done, total),
            cancel=cancel,
        )
        decisions: tuple[UpscaleDecision, ...] = ()
        unreadable: tuple[Problem, ...] = ()
        sizes_cancelled = False
        if not scan.cancelled and not cancel.is_set():
            decisions, unreadable, sizes_cancelled = await self._upscale(
                client, request, progress, cancel
            )
        return PreflightReport(
            existing=scan.existing,
            unchecked=scan.unchecked,
            duplicates=duplicate_outputs(targets),
            upscale=decisions,
            unreadable_sizes=unreadable,
            cancelled=scan.cancelled or sizes_cancelled or cancel.is_set(),
        )

    async def _upscale(
        self,
        client: PreflightClient,
        request: PreflightRequest,
        progress: StepProgress,
        cancel: asyncio.Event,
    ) -> tuple[tuple[UpscaleDecision, ...], tuple[Problem, ...], bool]:
        """Never-upscale decisions, per each preset's own policy, for the pairs planned."""
        guarded = [p for p in request.presets if p.never_upscale is not None]
        planned = {(src, o.preset_name) for src, plan in request.plans for o in plan.outputs}
        bucket = request.source_bucket
        keys = [
            src
            for src, _plan in request.plans
            if any((src, p.name) in planned for p in guarded)
            and needs_size(SourceFile(bucket, src), guarded)
        ]
        if not keys:
            return (), (), False
        if await self._is_private(bucket):
            self._sizes.private.add(bucket)
        else:
            self._sizes.private.discard(bucket)
        domain = await self._domain(client, bucket)
        if isinstance(domain, QiniuError) or not domain:
            reason = domain.message if isinstance(domain, QiniuError) else NO_DOMAIN
            return (), tuple(no_size_sentence(k, reason) for k in keys), False
        self._sizes.domain_of[bucket] = domain
        progress(PreflightStep.SIZES, 0, len(keys))
        sources = await self._versions(client, bucket, keys, cancel)
        scan = await check_upscale(
            sources,
            guarded,
            self._sizes.cache,
            UpscalePolicy.SKIP,
            limit=self._probe_limit,
            progress=lambda done, total: progress(PreflightStep.SIZES, done, total),
            cancel=cancel,
        )
        policy = {p.name: p.never_upscale for p in guarded}
        decisions: list[UpscaleDecision] = []
        for d in scan.decisions:
            chosen = policy.get(d.preset_name)
            if chosen is None or (d.key, d.preset_name) not in planned:
                continue
            again = decide(d.bucket, d.key, d.preset_name, d.command, d.source, chosen)
            if again is not None:
                decisions.append(again)
        return tuple(decisions), scan.unreadable, scan.cancelled or len(sources) < len(keys)

    async def _versions(
        self, client: PreflightClient, bucket: str, keys: Sequence[str], cancel: asyncio.Event
    ) -> list[SourceFile]:
        """The sources with their etag, so a file replaced under the same key is probed again
        (a source that cannot be stated is probed by its key alone)."""
        limit = asyncio.Semaphore(self._stat_limit)

        async def version(key: str) -> SourceFile | None:
            async with limit:
                if cancel.is_set():
                    return None
                try:
                    info: ObjectInfo = await self._run_blocking(lambda: client.stat(bucket, key))
                except QiniuError:
                    return SourceFile(bucket, key)
                return SourceFile.of(bucket, info)

        found = await asyncio.gather(*(version(k) for k in keys))
        return [s for s in found if s is not None]

    async def _is_private(self, bucket: str) -> bool:
        return any(b.name == bucket and b.private for b in await self._buckets())

    async def _domain(self, client: PreflightClient, bucket: str) -> str | QiniuError:
        """The bucket's first download domain ("" when it has none)."""
        known = self._sizes.domain_of.get(bucket)
        if known is not None:
            return known
        try:
            domains = await self._run_blocking(lambda: client.bucket_domains(bucket))
        except QiniuError as exc:
            return exc
        return domains[0] if domains else ""


class AccountPreflights:
    """`for_profile(name)`: the checks of one account, with picture sizes kept per account for
    as long as the app runs (so reopening the dialog does not probe again)."""

    def __init__(
        self,
        client_for: Callable[[str], PreflightClient],
        run_blocking: RunIn,
        buckets: Callable[[str], Awaitable[Sequence[BucketInfo]]],
    ) -> None:
        self._client_for = client_for
        self._run_blocking = run_blocking
        self._buckets = buckets
        self._sizes: dict[str, AccountSizes] = {}

    def sizes(self, profile: str) -> AccountSizes:
        found = self._sizes.get(profile)
        if found is None:
            found = self._sizes[profile] = AccountSizes(
                lambda: self._client_for(profile), self._run_blocking
            )
        return found

    def for_profile(self, profile: str) -> ClientPreflight:
        return ClientPreflight(
            lambda: self._client_for(profile),
            self._run_blocking,
            lambda: self._buckets(profile),
            self.sizes(profile),
        )
