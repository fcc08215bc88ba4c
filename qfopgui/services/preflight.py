"""Checks before a batch is submitted: outputs that already exist, two sources writing one key,
presets that cannot process a file, and outputs that would enlarge a small video.

Everything here is async and Qt-free: blocking calls (``stat``, the size probe) go through a
``RunIn`` with at most ``limit`` in flight, ``progress(done, total)`` is called after each, and
setting ``cancel`` stops new calls from starting (the ones in flight finish; what never started
is listed in ``not_started``). The sentences are core ``Problem``s, translated by the UI.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from qfopgui.api.errors import NoSuchBucketError, NotFoundError, QiniuError
from qfopgui.api.models import ObjectInfo
from qfopgui.api.responses import Context, parse_json
from qfopgui.api.transport import Transport
from qfopgui.core.fops import Problem
from qfopgui.core.output_targets import (
    OutputTarget,
    batch_targets,
    duplicate_outputs,
    existing_sentence,
    no_size_sentence,
    unchecked_sentence,
)
from qfopgui.core.plan import JobPlan
from qfopgui.core.presets import Preset
from qfopgui.core.source_kinds import SourceKind, not_applicable, source_kind
from qfopgui.core.upscale import (
    MediaSize,
    UpscaleDecision,
    UpscalePolicy,
    decide,
    size_from_avinfo,
    target_size,
)
from qfopgui.services.executors import RunIn

DEFAULT_STAT_LIMIT = 8
DEFAULT_PROBE_LIMIT = 4

Progress = Callable[[int, int], None]
# Blocking: the picture size of bucket/key, None when it has no video; QiniuError when unreadable.
Probe = Callable[[str, str], MediaSize | None]

T = TypeVar("T")
R = TypeVar("R")


class StatClient(Protocol):
    def stat(self, bucket: str, key: str) -> ObjectInfo: ...


class AvinfoClient(Protocol):
    @property
    def transport(self) -> Transport: ...

    def download_url(
        self, domain: str, key: str, *, private: bool = False, expires: int = 3600
    ) -> str: ...


@dataclass(frozen=True)
class SourceFile:
    """A file to be processed. ``etag``/``put_time`` tell versions apart for the size cache
    (an object replaced under the same key is probed again)."""

    bucket: str
    key: str
    mime_type: str = ""
    etag: str = ""
    put_time: int = 0

    @classmethod
    def of(cls, bucket: str, info: ObjectInfo) -> SourceFile:
        return cls(bucket, info.key, info.mime_type, info.hash, info.put_time)

    @property
    def version(self) -> tuple[str, str, str]:
        return (self.bucket, self.key, self.etag or str(self.put_time))


@dataclass(frozen=True)
class ExistingOutput:
    target: OutputTarget
    info: ObjectInfo

    @property
    def sentence(self) -> Problem:
        return existing_sentence(self.target, self.info.fsize)


@dataclass(frozen=True)
class UncheckedOutput:
    """A stat failed for another reason than "not found": the output may or may not exist."""

    target: OutputTarget
    error: QiniuError

    @property
    def sentence(self) -> Problem:
        return unchecked_sentence(self.target, self.error.message)


@dataclass(frozen=True)
class NotApplicable:
    source: SourceFile
    reasons: tuple[Problem, ...]


@dataclass(frozen=True)
class ExistingScan:
    existing: tuple[ExistingOutput, ...]
    unchecked: tuple[UncheckedOutput, ...]
    not_started: tuple[OutputTarget, ...]  # left when cancelled

    @property
    def cancelled(self) -> bool:
        return bool(self.not_started)


@dataclass(frozen=True)
class UpscaleScan:
    decisions: tuple[UpscaleDecision, ...]
    unreadable: tuple[Problem, ...]  # sources whose size could not be read (converted as set)
    not_started: tuple[SourceFile, ...]

    @property
    def cancelled(self) -> bool:
        return bool(self.not_started)


@dataclass(frozen=True)
class PreflightReport:
    """What the dialog shows before submitting; every item has a translatable sentence."""

    existing: tuple[ExistingOutput, ...] = ()
    unchecked: tuple[UncheckedOutput, ...] = ()
    duplicates: tuple[Problem, ...] = ()
    not_applicable: tuple[NotApplicable, ...] = ()
    upscale: tuple[UpscaleDecision, ...] = ()
    unreadable_sizes: tuple[Problem, ...] = ()
    cancelled: bool = False

    @property
    def sentences(self) -> tuple[Problem, ...]:
        return (
            *(e.sentence for e in self.existing),
            *(u.sentence for u in self.unchecked),
            *self.duplicates,
            *(r for n in self.not_applicable for r in n.reasons),
            *(d.sentence for d in self.upscale),
            *self.unreadable_sizes,
        )

    @property
    def clean(self) -> bool:
        return not self.sentences and not self.cancelled


async def _bounded(
    items: Sequence[T],
    work: Callable[[T], Awaitable[R]],
    *,
    limit: int,
    progress: Progress | None,
    cancel: asyncio.Event | None,
    done_before: int = 0,
    total: int | None = None,
) -> dict[int, R]:
    """``work`` on every item with at most ``limit`` running; results by index (an index that
    is missing was never started because ``cancel`` was set)."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    results: dict[int, R] = {}
    total = len(items) if total is None else total
    next_index = 0
    done = done_before

    async def worker() -> None:
        nonlocal next_index, done
        while next_index < len(items) and not (cancel is not None and cancel.is_set()):
            index = next_index
            next_index += 1
            results[index] = await work(items[index])
            done += 1
            if progress is not None:
                progress(done, total)

    await asyncio.gather(*(worker() for _ in range(min(limit, len(items)))))
    return results


# -- collisions ---------------------------------------------------------------------------------

_FREE = "free"


async def find_existing(
    client: StatClient,
    targets: Sequence[OutputTarget],
    run_blocking: RunIn,
    *,
    limit: int = DEFAULT_STAT_LIMIT,
    progress: Progress | None = None,
    cancel: asyncio.Event | None = None,
    done_before: int = 0,
    total: int | None = None,
) -> ExistingScan:
    """Stat every distinct output key. Not found = free; a missing bucket or any other error is
    "could not check" (never taken as free). ``done_before``/``total`` let a caller report one
    progress over several steps."""
    unique = list(dict.fromkeys((t.bucket, t.key) for t in targets))

    async def check(where: tuple[str, str]) -> ObjectInfo | QiniuError | str:
        bucket, key = where
        try:
            return await run_blocking(lambda: client.stat(bucket, key))
        except NoSuchBucketError as exc:  # a NotFoundError, but it says nothing about the key
            return exc
        except NotFoundError:
            return _FREE
        except QiniuError as exc:
            return exc

    found = await _bounded(
        unique,
        check,
        limit=limit,
        progress=progress,
        cancel=cancel,
        done_before=done_before,
        total=len(unique) if total is None else total,
    )
    by_key = {unique[i]: result for i, result in found.items()}
    existing: list[ExistingOutput] = []
    unchecked: list[UncheckedOutput] = []
    not_started: list[OutputTarget] = []
    for target in targets:
        result = by_key.get((target.bucket, target.key))
        if isinstance(result, ObjectInfo):
            existing.append(ExistingOutput(target, result))
        elif isinstance(result, QiniuError):
            unchecked.append(UncheckedOutput(target, result))
        elif result is None:
            not_started.append(target)
    return ExistingScan(tuple(existing), tuple(unchecked), tuple(not_started))


# -- applicability ------------------------------------------------------------------------------


def not_applicable_sources(
    sources: Sequence[SourceFile], presets: Sequence[Preset]
) -> tuple[NotApplicable, ...]:
    """The sources some preset cannot process, each with its reasons (by MIME type/extension)."""
    out: list[NotApplicable] = []
    for source in sources:
        reasons = not_applicable(source.key, source.mime_type, presets)
        if reasons:
            out.append(NotApplicable(source, reasons))
    return tuple(out)


# -- never upscale ------------------------------------------------------------------------------


class SizeCache:
    """Picture sizes by (bucket, key, etag-or-putTime), so reopening the dialog does not probe
    again. Failures are not cached: the next check tries again."""

    def __init__(self, probe: Probe, run_blocking: RunIn) -> None:
        self._probe = probe
        self._run_blocking = run_blocking
        self._sizes: dict[tuple[str, str, str], MediaSize | None] = {}
        self.probes = 0  # calls made to the probe (for diagnostics and tests)

    def __contains__(self, source: SourceFile) -> bool:
        return source.version in self._sizes

    async def size(self, source: SourceFile) -> MediaSize | None:
        """The size (None: no video stream); raises ``QiniuError`` when it cannot be read."""
        if source.version not in self._sizes:
            self.probes += 1
            found = await self._run_blocking(lambda: self._probe(source.bucket, source.key))
            self._sizes[source.version] = found
        return self._sizes[source.version]


def needs_size(source: SourceFile, presets: Sequence[Preset]) -> bool:
    """Only a video (or a file of unknown kind) with a command that sets a size is probed."""
    if source_kind(source.key, source.mime_type) not in (SourceKind.VIDEO, SourceKind.UNKNOWN):
        return False
    return any(target_size(c) is not None for p in presets for c in p.commands)


async def check_upscale(
    sources: Sequence[SourceFile],
    presets: Sequence[Preset],
    sizes: SizeCache,
    policy: UpscalePolicy,
    *,
    limit: int = DEFAULT_PROBE_LIMIT,
    progress: Progress | None = None,
    cancel: asyncio.Event | None = None,
    done_before: int = 0,
    total: int | None = None,
) -> UpscaleScan:
    """Which outputs would enlarge their source, and what ``policy`` does about each."""
    todo = [s for s in dict.fromkeys(sources) if needs_size(s, presets)]

    async def measure(source: SourceFile) -> MediaSize | QiniuError | None:
        try:
            return await sizes.size(source)
        except QiniuError as exc:
            return exc

    found = await _bounded(
        todo,
        measure,
        limit=limit,
        progress=progress,
        cancel=cancel,
        done_before=done_before,
        total=len(todo) if total is None else total,
    )
    decisions: list[UpscaleDecision] = []
    unreadable: list[Problem] = []
    for index, result in sorted(found.items()):
        source = todo[index]
        if isinstance(result, QiniuError):
            unreadable.append(no_size_sentence(source.key, result.message))
        elif result is not None:
            for preset in presets:
                for command in preset.commands:
                    d = decide(source.bucket, source.key, preset.name, command, result, policy)
                    if d is not None:
                        decisions.append(d)
    not_started = tuple(s for i, s in enumerate(todo) if i not in found)
    return UpscaleScan(tuple(decisions), tuple(unreadable), not_started)


def avinfo_probe(client: AvinfoClient, domain_of: Mapping[str, str]) -> Probe:
    """A ``Probe`` that reads ``<download URL>?avinfo`` of public buckets (``domain_of``: bucket →
    download domain). Private buckets need the query inside the signed URL, which the client
    does not sign; use another probe for them."""

    def probe(bucket: str, key: str) -> MediaSize | None:
        url = client.download_url(domain_of[bucket], key) + "?avinfo"
        answer = client.transport.request(
            "GET", url, idempotent=True, ctx=Context(bucket=bucket, key=key)
        )
        return size_from_avinfo(parse_json(answer))

    return probe


# -- everything at once -------------------------------------------------------------------------


async def run_preflight(
    *,
    sources: Sequence[SourceFile],
    presets: Sequence[Preset],
    output_bucket: str,
    plans: Sequence[tuple[str, JobPlan]],
    client: StatClient,
    run_blocking: RunIn,
    sizes: SizeCache | None = None,
    policy: UpscalePolicy = UpscalePolicy.SKIP,
    stat_limit: int = DEFAULT_STAT_LIMIT,
    probe_limit: int = DEFAULT_PROBE_LIMIT,
    progress: Progress | None = None,
    cancel: asyncio.Event | None = None,
) -> PreflightReport:
    """All checks for one batch; ``plans`` are ``(source_key, plan_job(...))`` pairs. Progress
    counts stats and probes together. ``sizes=None`` skips the never-upscale check."""
    targets = batch_targets(output_bucket, plans)
    stats = len({(t.bucket, t.key) for t in targets})
    probes = len([s for s in dict.fromkeys(sources) if needs_size(s, presets)]) if sizes else 0
    total = stats + probes
    scan = await find_existing(
        client,
        targets,
        run_blocking,
        limit=stat_limit,
        progress=progress,
        cancel=cancel,
        total=total,
    )
    upscale = UpscaleScan((), (), ())
    if sizes is not None:
        upscale = await check_upscale(
            sources,
            presets,
            sizes,
            policy,
            limit=probe_limit,
            progress=progress,
            cancel=cancel,
            done_before=stats - len({(t.bucket, t.key) for t in scan.not_started}),
            total=total,
        )
    return PreflightReport(
        existing=scan.existing,
        unchecked=scan.unchecked,
        duplicates=duplicate_outputs(targets),
        not_applicable=not_applicable_sources(sources, presets),
        upscale=upscale.decisions,
        unreadable_sizes=upscale.unreadable,
        cancelled=scan.cancelled or upscale.cancelled,
    )
