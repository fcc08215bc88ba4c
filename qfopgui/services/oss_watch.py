"""OssJobWatcher: watches many Aliyun OSS async-process jobs until each is done, unknown or failed.

OSS cannot be asked about such a task, so each job's outputs are probed (HeadObject, or a
prefix listing for a picture series) on a back-off schedule; where an account has IMM or MNS
(`TaskStatusSource`), the task's own status is asked first and its Failed is a real failure.
The decisions are ``core.oss_status``'s; this module only schedules, rate-limits and reports.

Probes of one account start at most ``WatchPolicy.max_rps`` per second (`StartPacer`: in every
1 s window), at most ``max_in_flight`` rounds run at once. A probe error (network, rights) is
reported with the error and retried later; it never ends a job.

All waiting goes through the injected ``sleep`` and ``clock`` (and the loop), so the watcher runs
unchanged on a virtual-time loop in tests. No Qt; not wired into the app yet (the OSS provider
seam comes next). All methods must be called on the event loop's thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import heapq
import logging
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from qfopgui.api.errors import QiniuError
from qfopgui.core.oss_status import (
    JobWatch,
    ObjectInfo,
    OutputTarget,
    TaskReport,
    WatchPolicy,
    WatchSignal,
    next_probe_at,
    observe_outputs,
    observe_probe_error,
    observe_task,
    start_watch,
)
from qfopgui.core.polling import Rng, StartPacer
from qfopgui.services.executors import RunIn

log = logging.getLogger(__name__)

DEFAULT_POLICY = WatchPolicy()
MIN_WAIT = 0.001  # seconds; a wait never shorter, so float rounding cannot spin the loop


class ObjectProbe(Protocol):
    """What the watcher needs from an OSS client (blocking calls; run through ``run_blocking``).

    Raise a ``QiniuError`` (``qfopgui.api.errors``, as the OSS client does) for any answer
    that is not "absent" (network, rights): the watcher reports it and retries."""

    def head(self, bucket: str, key: str) -> ObjectInfo | None:
        """The object, or None when OSS says it does not exist (404)."""
        ...

    def list_prefix(self, bucket: str, prefix: str) -> Sequence[ObjectInfo]:
        """Every object whose key starts with ``prefix`` (all pages)."""
        ...


class TaskStatusSource(Protocol):
    """IMM GetTask or a buffered MNS queue: what is known about one task (None: nothing yet)."""

    @property
    def signal(self) -> WatchSignal: ...

    def task_status(self, task_id: str) -> TaskReport | None: ...


@dataclass(frozen=True)
class WatchRequest:
    """One submitted job: its outputs, when it was submitted (epoch seconds) and, if known, the
    source's duration in seconds (a long source gets a longer timeout)."""

    job_id: str
    account: str
    targets: tuple[OutputTarget, ...]
    submitted_at: float
    duration: float | None = None


@dataclass(frozen=True)
class WatchUpdate:
    """A job's new state (``watch``), or a probe error (``error``) while it keeps waiting."""

    job_id: str
    account: str
    watch: JobWatch
    error: Exception | None = None


@dataclass(eq=False)
class _Job:
    request: WatchRequest
    watch: JobWatch
    in_flight: bool = False
    seq: int = field(default=0)


def _no_tasks(_account: str) -> TaskStatusSource | None:
    return None


def _default_policy(_account: str) -> WatchPolicy:
    return DEFAULT_POLICY


class OssJobWatcher:
    """Probes the outputs (and asks IMM/MNS) of every watched job; reports through
    ``on_update``: once per change of state, text or signal, and once per probe error."""

    def __init__(
        self,
        *,
        probe_for: Callable[[str], ObjectProbe],
        run_blocking: RunIn,
        on_update: Callable[[WatchUpdate], None],
        policy_for: Callable[[str], WatchPolicy] = _default_policy,
        tasks_for: Callable[[str], TaskStatusSource | None] = _no_tasks,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: Rng | None = None,
        max_in_flight: int = 8,
    ) -> None:
        self._probe_for = probe_for
        self._run_blocking = run_blocking
        self.on_update = on_update
        self._policy_for = policy_for
        self._tasks_for = tasks_for
        self._clock = clock
        self._sleep = sleep
        self._rng: Rng = rng if rng is not None else random.Random()
        self._jobs: dict[str, _Job] = {}
        self._heap: list[tuple[float, int, str]] = []  # (due, seq, job id); stale ones skipped
        self._seq = 0
        self._pacers: dict[str, StartPacer] = {}
        self._gates: dict[str, asyncio.Lock] = {}
        self._sem = asyncio.Semaphore(max(1, max_in_flight))
        self._wake = asyncio.Event()
        self._rounds: set[asyncio.Task[None]] = set()

    # --- public ----------------------------------------------------------------------------

    @property
    def watching(self) -> int:
        return len(self._jobs)

    def state_of(self, job_id: str) -> JobWatch | None:
        """The current state of a watched job (None once final or forgotten)."""
        job = self._jobs.get(job_id)
        return job.watch if job is not None else None

    def watch(self, request: WatchRequest) -> JobWatch:
        """Start watching a job (again: a job already watched starts over)."""
        policy = self._policy_for(request.account)
        watch = start_watch(
            request.targets, request.submitted_at, policy, duration=request.duration
        )
        job = _Job(request, watch)
        self._jobs[request.job_id] = job
        self._schedule(job, next_probe_at(watch, self._clock(), policy, self._rng))
        return watch

    def forget(self, job_id: str) -> None:
        self._jobs.pop(job_id, None)

    async def run(self) -> None:
        """Dispatch probe rounds until cancelled (then the rounds in flight are cancelled)."""
        try:
            await self._dispatch()
        finally:
            for task in list(self._rounds):
                task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.gather(*self._rounds, return_exceptions=True)

    # --- scheduling ------------------------------------------------------------------------

    def _schedule(self, job: _Job, due: float | None) -> None:
        if due is None:
            return
        self._seq += 1
        job.seq = self._seq
        heapq.heappush(self._heap, (due, self._seq, job.request.job_id))
        self._wake.set()

    def _peek(self) -> tuple[float, _Job] | None:
        while self._heap:
            due, seq, job_id = self._heap[0]
            job = self._jobs.get(job_id)
            if job is not None and job.seq == seq and not job.in_flight:
                return due, job
            heapq.heappop(self._heap)
        return None

    async def _dispatch(self) -> None:
        while True:
            self._wake.clear()
            head = self._peek()
            if head is None:
                await self._wake.wait()
                continue
            due, job = head
            wait = due - self._clock()
            if wait > 0:
                await self._sleep_or_wake(max(wait, MIN_WAIT))
                continue
            heapq.heappop(self._heap)
            job.in_flight = True
            await self._sem.acquire()
            task = asyncio.create_task(self._round(job))
            self._rounds.add(task)
            task.add_done_callback(self._rounds.discard)

    async def _sleep_or_wake(self, delay: float) -> None:
        sleeper = asyncio.ensure_future(self._sleep(delay))
        waker = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            sleeper.cancel()
            waker.cancel()

    async def _gate(self, account: str, policy: WatchPolicy) -> None:
        """Wait until this account may start one more request, and count it."""
        pacer = self._pacers.setdefault(account, StartPacer(policy.max_rps))
        async with self._gates.setdefault(account, asyncio.Lock()):
            while (wait := pacer.wait(self._clock())) > 0:
                await self._sleep(max(wait, MIN_WAIT))
            pacer.started(self._clock())

    # --- one probe round -------------------------------------------------------------------

    async def _round(self, job: _Job) -> None:
        request = job.request
        policy = self._policy_for(request.account)
        before = job.watch
        error: Exception | None = None
        try:
            watch, error = await self._ask_tasks(job, policy)
            if not watch.state.is_final:
                job.watch = watch
                watch = await self._probe_outputs(watch, request, policy)
        except QiniuError as exc:  # network, rights, a bad answer: retried, never final
            error = exc
            watch = observe_probe_error(job.watch, _describe(exc))
        except Exception as exc:  # a client bug must not stop the watching either
            log.exception("probing OSS job %s failed unexpectedly", request.job_id)
            error = exc
            watch = observe_probe_error(job.watch, _describe(exc))
        finally:
            job.in_flight = False
            self._sem.release()
        if self._jobs.get(request.job_id) is not job:  # forgotten or re-watched meanwhile
            return
        job.watch = watch
        if error is not None or _changed(before, watch):
            self._report(WatchUpdate(request.job_id, request.account, watch, error))
        if watch.state.is_final:
            self._jobs.pop(request.job_id, None)
            return
        self._schedule(job, next_probe_at(watch, self._clock(), policy, self._rng))

    def _report(self, update: WatchUpdate) -> None:
        try:
            self.on_update(update)
        except Exception:  # a view bug must not stop the watching
            log.exception("reporting OSS job %s failed", update.job_id)

    async def _ask_tasks(self, job: _Job, policy: WatchPolicy) -> tuple[JobWatch, Exception | None]:
        """IMM/MNS first, for the targets with a task id; an error there is reported and the
        outputs are probed anyway."""
        watch = job.watch
        source = self._tasks_for(job.request.account)
        if source is None:
            return watch, None
        for i in watch.pending:
            task_id = watch.targets[i].task_id
            if not task_id:
                continue
            await self._gate(job.request.account, policy)
            try:
                report = await self._run_blocking(functools.partial(source.task_status, task_id))
            except QiniuError as exc:
                return observe_probe_error(watch, _describe(exc)), exc
            if report is not None:
                watch = observe_task(watch, i, report, source.signal)
            if watch.state.is_final:
                break
        return watch, None

    async def _probe_outputs(
        self, watch: JobWatch, request: WatchRequest, policy: WatchPolicy
    ) -> JobWatch:
        probe = self._probe_for(request.account)
        started = self._clock()  # the round's time: a probe sent at the deadline decides it
        found: list[tuple[int, Sequence[ObjectInfo]]] = []
        for i in watch.pending:
            target = watch.targets[i]
            await self._gate(request.account, policy)
            if target.series:
                listing = functools.partial(probe.list_prefix, target.bucket, target.prefix)
                found.append((i, tuple(await self._run_blocking(listing))))
            else:
                head = await self._run_blocking(
                    functools.partial(probe.head, target.bucket, target.key)
                )
                found.append((i, () if head is None else (head,)))
        return observe_outputs(watch, found, started, policy)


def _changed(before: JobWatch, after: JobWatch) -> bool:
    return (before.state, before.text, before.signal) != (after.state, after.text, after.signal)


def _describe(exc: Exception) -> str:
    """The error in a few words for the job's status (no secrets: only the exception text)."""
    text = " ".join(str(exc).split())
    return text[:300] if text else type(exc).__name__
