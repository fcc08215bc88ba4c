"""JobPoller: one asyncio loop that asks prefop about active jobs, writes the store, reports.

Design: polling is the desktop's only way to learn a job's fate, and heavy polling earns 573s,
so the loop wakes only for the next due job, keeps `max_concurrency` requests in flight and
starts at most `max_rps` in any 1-second window (every attempt counts; the client does not
retry prefop behind the poller's back), and backs a job off after errors.

A 573 is a global slow-down signal: nothing is sent for the server's Retry-After (or the
poller's own pause, if longer; it doubles with each further 573), then ONE request probes
whether the server is ready; the others wait for its answer. 573s of requests that were already
in flight when the first one arrived belong to the same episode and do not grow the pause.

Waiting uses only the event loop (`asyncio.sleep`, `asyncio.wait_for`) and the injected
`clock`; with `clock=loop.time` the poller runs unchanged on a virtual-time loop in tests.

Results are written to the store first and then reported through `on_changed` in batches (at
most one call per `flush_interval`), so a table with 10,000 rows gets a few large updates, not
10,000 small ones. Active jobs are reloaded from the store by `run()`, so a restart loses
nothing; answers that were polled but not yet written when the loop stops are simply asked for
again next time.

All methods must be called on the event loop's thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import heapq
import logging
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from qfopgui.api.errors import (
    AuthError,
    NetworkError,
    NotFoundError,
    QiniuError,
    RateLimitedError,
    ServerError,
)
from qfopgui.core.jobs import JobRecord, StatusLike, state_from_prefop_code
from qfopgui.core.polling import (
    PollPolicy,
    Rng,
    StartPacer,
    global_backoff,
    honoured_retry_after,
    next_delay,
)
from qfopgui.services.executors import RunIn
from qfopgui.services.store import JobStore

log = logging.getLogger(__name__)

DEFAULT_POLICY = PollPolicy()
REPORT_EVERY = 60.0  # seconds between two on_error calls for the same profile and error kind
TRACK_CHUNK = 500  # jobs tracked per loop iteration when resuming many
NOT_FOUND_LIMIT = 3  # consecutive "no such job" answers before a job is marked failed
MIN_WAIT = 0.001  # shortest sleep: a timer may fire a hair early, and waiting 0 would spin
NOT_FOUND_MESSAGE = (
    "The server does not know this job ID (it may have expired, or belong to another account)."
)


class PrefopClient(Protocol):
    """The one client method the poller needs (QiniuClient has it)."""

    def prefop(self, persistent_id: str) -> StatusLike: ...


@dataclass(slots=True, eq=False)
class _Watch:
    job_id: int
    profile: str
    persistent_id: str
    age0: float  # job age in seconds when tracked
    tracked_at: float  # poller clock at that moment
    due: float = 0.0
    polls: int = 0
    errors: int = 0
    not_found: int = 0
    in_flight: bool = False
    again: bool = False  # poll again right after the request in flight returns


class JobPoller:
    """Polls prefop for WAITING/PROCESSING jobs until they reach a terminal state."""

    def __init__(
        self,
        *,
        store: JobStore,
        run_store: RunIn,
        client_for: Callable[[str], PrefopClient],
        run_blocking: RunIn,
        on_changed: Callable[[list[JobRecord]], None],
        policy: PollPolicy = DEFAULT_POLICY,
        clock: Callable[[], float] = time.monotonic,
        rng: Rng | None = None,
        wall_clock: Callable[[], float] = time.time,
        flush_interval: float = 0.2,
        on_error: Callable[[str, Exception], None] | None = None,
    ) -> None:
        self._store = store
        self._run_store = run_store
        self._client_for = client_for
        self._run_blocking = run_blocking
        self.on_changed = on_changed  # (records) after they were written; public for rewiring
        self._policy = policy
        self._clock = clock
        self._rng: Rng = rng if rng is not None else random.Random()
        self._wall = wall_clock
        self._flush_interval = flush_interval
        self.on_error = on_error  # (profile, error) for the status bar; "" = the store
        self._watches: dict[int, _Watch] = {}
        self._heap: list[tuple[float, int, int]] = []  # (due, seq, job_id); stale ones skipped
        self._seq = 0
        self._paused: set[str] = set()
        self._reported: dict[tuple[str, type[BaseException]], float] = {}
        self._pause_until = float("-inf")  # no request starts before this (573 slow-down)
        self._strikes = 0  # 573 episodes in a row; 0 = the server is not asking us to slow down
        self._strike_at = float("-inf")  # clock of the last strike's answer
        self._probing = False  # a probe is in flight after a pause; nothing else starts
        self._probe_over = asyncio.Event()
        self._pacer = StartPacer(policy.max_rps)
        self._sem = asyncio.Semaphore(max(1, policy.max_concurrency))
        self._wake = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()
        self._pending: list[tuple[int, StatusLike | str]] = []
        self._pending_event = asyncio.Event()
        self._last_flush = float("-inf")

    # --- public ----------------------------------------------------------------------------

    @property
    def watching(self) -> int:
        """Jobs being followed (including those of a paused profile)."""
        return len(self._watches)

    @property
    def next_check_in(self) -> float | None:
        """Seconds until the next prefop request; 0 if one is in flight; None if idle."""
        w = self._peek()
        if w is None:
            return 0.0 if any(x.in_flight for x in self._watches.values()) else None
        return max(0.0, max(w.due, self._pause_until) - self._clock())

    @property
    def paused_profiles(self) -> frozenset[str]:
        """Profiles whose polling stopped on an AuthError (see `resume`)."""
        return frozenset(self._paused)

    def track(self, records: Iterable[JobRecord]) -> None:
        """Follow these jobs (new submissions, retries, tracked ids) and poll them soon.

        Records that are not active (or have no persistent id) are ignored, and stop being
        followed if they were.
        """
        now = self._clock()
        for r in records:
            if not (r.state.is_active and r.persistent_id):
                if r.state.is_terminal:
                    self._watches.pop(r.id, None)
                continue
            w = self._watches.get(r.id)
            if w is None or w.persistent_id != r.persistent_id:
                w = _Watch(r.id, r.profile, r.persistent_id, self._age(r), now)
                self._watches[r.id] = w
            soon = now + next_delay(self._policy, age_seconds=0, polls=0, errors=0, rng=self._rng)
            if w.in_flight:
                w.again = True
            elif w.polls == 0 or soon < w.due:
                self._schedule(w, soon)

    def forget(self, job_ids: Iterable[int]) -> None:
        """Stop following these jobs (removed from the list); an answer in flight is dropped."""
        for job_id in job_ids:
            self._watches.pop(job_id, None)

    def poll_now(self) -> None:
        """Refresh: every followed job is due now; profiles paused on auth errors resume."""
        self._paused.clear()
        now = self._clock()
        for w in self._watches.values():
            if w.in_flight:
                w.again = True
            else:
                self._schedule(w, now)

    def resume(self, profile: str) -> None:
        """Poll a paused profile again (e.g. after its keys were fixed)."""
        self._paused.discard(profile)
        for k in [k for k in self._reported if k[0] == profile]:
            del self._reported[k]
        now = self._clock()
        for w in self._watches.values():
            if w.profile == profile and not w.in_flight:
                self._schedule(w, now)

    async def run(self) -> None:
        """Long-running: reload active jobs, then poll until cancelled."""
        active = await self._run_store(self._store.active)
        for start in range(0, len(active), TRACK_CHUNK):  # keep the loop responsive
            self.track(active[start : start + TRACK_CHUNK])
            await asyncio.sleep(0)
        writer = asyncio.create_task(self._writer(), name="job-poller-writer")
        try:
            await self._dispatch()
        finally:
            writer.cancel()
            tasks = [writer, *self._tasks]
            for t in self._tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    # --- scheduling ------------------------------------------------------------------------

    def _age(self, r: JobRecord) -> float:
        return max(0.0, self._wall() - r.submitted_at)

    def _schedule(self, w: _Watch, due: float) -> None:
        w.due = due
        self._seq += 1
        heapq.heappush(self._heap, (due, self._seq, w.job_id))
        self._wake.set()

    def _peek(self) -> _Watch | None:
        """The next due watch, dropping stale heap entries on the way."""
        while self._heap:
            due, _, job_id = self._heap[0]
            w = self._watches.get(job_id)
            if w is None or w.in_flight or w.due != due or w.profile in self._paused:
                heapq.heappop(self._heap)
                continue
            return w
        return None

    async def _sleep_or_wake(self, delay: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), max(delay, MIN_WAIT))

    async def _start_gate(self) -> float:
        """Wait until a request may start (rate cap, 573 pause, probe); returns that moment."""
        while True:  # re-checked after every wait: the pause may grow meanwhile
            if self._probing:
                self._probe_over.clear()
                await self._probe_over.wait()
                continue
            now = self._clock()
            gate = max(self._pacer.wait(now), self._pause_until - now)
            if gate <= 0:
                return now
            await asyncio.sleep(max(gate, MIN_WAIT))

    async def _dispatch(self) -> None:
        while True:
            self._wake.clear()
            w = self._peek()
            if w is None:
                await self._wake.wait()
                continue
            wait = max(w.due, self._pause_until) - self._clock()
            if wait > 0:
                await self._sleep_or_wake(wait)
                continue
            heapq.heappop(self._heap)
            w.in_flight = True
            await self._sem.acquire()
            started = await self._start_gate()
            if self._watches.get(w.job_id) is not w or w.profile in self._paused:
                w.in_flight = False
                self._sem.release()
                continue
            self._pacer.started(started)
            probe = self._strikes > 0
            self._probing = probe
            task = asyncio.create_task(self._poll(w, started, probe))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _poll(self, w: _Watch, started: float, probe: bool) -> None:
        try:
            delay = await self._poll_once(w, started)
        finally:
            w.in_flight = False
            self._sem.release()
            if probe:
                self._probing = False
                self._probe_over.set()
        if delay is None or self._watches.get(w.job_id) is not w or w.profile in self._paused:
            return
        if w.again:
            w.again, delay = False, 0.0
        self._schedule(w, self._clock() + delay)

    def _delay(self, w: _Watch) -> float:
        age = w.age0 + (self._clock() - w.tracked_at)
        return next_delay(
            self._policy, age_seconds=age, polls=w.polls, errors=w.errors, rng=self._rng
        )

    def _slow_down(self, started: float, retry_after: float | None) -> None:
        """A 573: pause every request for Retry-After, or longer as 573s keep coming."""
        now = self._clock()
        if started > self._strike_at:  # sent after the last 573 was known: a new strike
            self._strikes += 1
            self._strike_at = now
        pause = global_backoff(
            self._policy, strikes=self._strikes, rng=self._rng, retry_after=retry_after
        )
        self._pause_until = max(self._pause_until, now + pause)

    async def _poll_once(self, w: _Watch, started: float) -> float | None:
        """One prefop request; returns the delay until the next one, None to stop."""
        pid = w.persistent_id
        try:
            client = self._client_for(w.profile)
            status = await self._run_blocking(lambda: client.prefop(pid))
        except AuthError as exc:
            self._paused.add(w.profile)
            self._report(w.profile, exc)
            return None
        except RateLimitedError as exc:
            self._slow_down(started, exc.retry_after)
            self._report(w.profile, exc)
        except NotFoundError as exc:
            w.not_found += 1
            if w.not_found >= NOT_FOUND_LIMIT:
                self._watches.pop(w.job_id, None)
                self._queue_write(w.job_id, NOT_FOUND_MESSAGE)
                return None
            self._report(w.profile, exc)
        except ServerError as exc:
            if exc.retry_after is not None:  # e.g. a 503 saying when to come back: for everyone
                wait = honoured_retry_after(self._policy, exc.retry_after)
                self._pause_until = max(self._pause_until, self._clock() + wait)
            self._report(w.profile, exc)
        except (NetworkError, QiniuError) as exc:
            self._report(w.profile, exc)
        except Exception as exc:  # a client bug must not stop all polling
            log.exception("prefop %s failed unexpectedly", pid)
            self._report(w.profile, exc)
        else:
            if started > self._strike_at:  # not an answer to a request from before the 573
                self._strikes = 0
            w.errors = w.not_found = 0
            self._queue_write(w.job_id, status)
            if state_from_prefop_code(status.code).is_terminal:
                self._watches.pop(w.job_id, None)
                return None
            w.polls += 1
            return self._delay(w)
        w.errors += 1
        return self._delay(w)

    def _report(self, profile: str, exc: Exception) -> None:
        """Tell on_error at most once a minute per profile and kind of error (no floods)."""
        log.info("polling %r: %s", profile, exc)
        key, now = (profile, type(exc)), self._clock()
        if now - self._reported.get(key, float("-inf")) < REPORT_EVERY:
            return
        self._reported[key] = now
        if self.on_error is not None:
            self.on_error(profile, exc)

    # --- writing and reporting -------------------------------------------------------------

    def _queue_write(self, job_id: int, what: StatusLike | str) -> None:
        self._pending.append((job_id, what))
        self._pending_event.set()

    def _write(self, batch: list[tuple[int, StatusLike | str]]) -> list[JobRecord]:
        """Runs on the store thread: apply a batch, return the changed records (last wins)."""
        statuses = [(i, s) for i, s in batch if not isinstance(s, str)]
        changed = {r.id: r for r in self._store.apply_statuses(statuses)}
        for job_id, what in batch:
            if isinstance(what, str):
                with contextlib.suppress(KeyError):  # removed meanwhile
                    changed[job_id] = self._store.mark_failed(job_id, what)
        return list(changed.values())

    async def _writer(self) -> None:
        while True:
            await self._pending_event.wait()
            wait = self._last_flush + self._flush_interval - self._clock()
            if wait > 0:
                await asyncio.sleep(wait)
            batch, self._pending = self._pending, []
            self._pending_event.clear()
            try:
                changed = await self._run_store(functools.partial(self._write, batch))
            except Exception as exc:  # keep polling; the next answers retry
                log.exception("writing %d job status(es) failed", len(batch))
                self._report("", exc)
                changed = []
            self._last_flush = self._clock()
            if changed:
                try:
                    self.on_changed(changed)
                except Exception:  # a view bug must not stop polling
                    log.exception("on_changed failed")
