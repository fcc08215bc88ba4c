"""OutputVerifier: checks the outputs of done jobs in the background, a few at a time.

Fed by the jobs service when the poller sees a job finish (`submit` never waits), and at start
with the newest done jobs that were never checked (or could not be). For each job the
`OutputProbe` stats every output and reads the ``?avinfo`` of outputs and source; the verdict
(`qfopgui.core.verification`) is written to the job row and reported through `on_changed`.

Bounded: at most `max_jobs` jobs in flight, the probe's request rate, and at most
`queue_limit` jobs waiting (the rest stay unchecked in the store for the next start). A request
that fails on the way (network, 5xx, 573, no keys) leaves the job UNCHECKED with the reason
and it is tried again after each of `retry_delays`; a job is never marked failed for it.
Polling never awaits any of this: `run()` is its own task.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Protocol

from qfopgui.api.errors import QiniuError
from qfopgui.core.jobs import JobRecord
from qfopgui.core.output_checks import VERIFIABLE_STATES
from qfopgui.core.verification import Verification, VerifyState, unchecked
from qfopgui.services.executors import RunIn
from qfopgui.services.messages import ServiceError
from qfopgui.services.output_probe import OutputProbe, Unreachable, VerifyClient
from qfopgui.services.store_errors import StoreError

log = logging.getLogger(__name__)

MAX_JOBS = 2  # jobs checked at once
RETRY_DELAYS = (10.0, 60.0, 300.0)  # seconds before each new try after a failed request
STARTUP_LIMIT = 200  # unchecked done jobs taken from the store at start
QUEUE_LIMIT = 2000  # more waiting jobs are left for the next start
_SETTLED = frozenset({VerifyState.VERIFIED.value, VerifyState.WARNING.value})


class VerifyStore(Protocol):
    def get(self, job_id: int) -> JobRecord | None: ...
    def set_verification(self, job_id: int, state: str, note: str) -> JobRecord | None: ...
    def unverified_done(self, limit: int = STARTUP_LIMIT) -> list[JobRecord]: ...


class OutputVerifier:
    """See the module docstring. `on_changed` hears each job whose verdict was stored."""

    def __init__(
        self,
        *,
        store: VerifyStore,
        run_store: RunIn,
        probe: OutputProbe,
        client_for: Callable[[str], VerifyClient],
        prepare_account: Callable[[str], Awaitable[object]] | None = None,
        max_jobs: int = MAX_JOBS,
        retry_delays: Sequence[float] = RETRY_DELAYS,
        startup_limit: int = STARTUP_LIMIT,
        queue_limit: int = QUEUE_LIMIT,
    ) -> None:
        self._store = store
        self._run_store = run_store
        self.probe = probe
        self._client_for = client_for
        self._prepare_account = prepare_account
        self._max_jobs = max(1, max_jobs)
        self._retry_delays = tuple(retry_delays)
        self._startup_limit = startup_limit
        self._queue_limit = queue_limit
        self.on_changed: Callable[[list[JobRecord]], None] = _nobody
        self._queue: asyncio.Queue[int] = asyncio.Queue()
        self._waiting: set[int] = set()  # queued, being checked, or due for another try
        self._tries: dict[int, int] = {}
        self._retries: dict[int, asyncio.TimerHandle] = {}
        self._prepared: set[str] = set()
        self.in_flight = 0  # jobs being checked now
        self.most_in_flight = 0  # the most at once so far (diagnostics and tests)

    # --- feeding -----------------------------------------------------------------------------

    def submit(self, records: Iterable[JobRecord]) -> None:
        """Queue the done jobs among these that have no verdict yet (never waits)."""
        for rec in records:
            if rec.state in VERIFIABLE_STATES and rec.verify_state is None:
                self._enqueue(rec.id)

    def _enqueue(self, job_id: int) -> None:
        if job_id in self._waiting or len(self._waiting) >= self._queue_limit:
            return  # already coming, or left for the start-up pass of the next run
        self._waiting.add(job_id)
        self._queue.put_nowait(job_id)

    @property
    def pending(self) -> int:
        """Jobs queued, being checked or waiting to be tried again."""
        return len(self._waiting)

    # --- running -----------------------------------------------------------------------------

    async def run(self) -> None:
        """Check queued jobs until cancelled; first queue those left unchecked last time."""
        try:
            try:
                left = await self._run_store(
                    lambda: self._store.unverified_done(self._startup_limit)
                )
            except StoreError as exc:
                log.warning("could not read the jobs to verify: %s", exc.message)
                left = []
            for rec in left:
                self._enqueue(rec.id)
            async with asyncio.TaskGroup() as group:
                for n in range(self._max_jobs):
                    group.create_task(self._worker(), name=f"verify-{n}")
        finally:
            for handle in self._retries.values():
                handle.cancel()
            self._retries.clear()

    async def _worker(self) -> None:
        while True:
            job_id = await self._queue.get()
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            try:
                await self._process(job_id)
            except Exception:  # one odd job must not stop the others being checked
                log.exception("verifying the outputs of job %s failed", job_id)
                self._forget(job_id)
            finally:
                self.in_flight -= 1

    async def _process(self, job_id: int) -> None:
        rec = await self._run_store(lambda: self._store.get(job_id))
        if rec is None or rec.state not in VERIFIABLE_STATES or rec.verify_state in _SETTLED:
            self._forget(job_id)  # removed, or checked meanwhile (e.g. queued twice at start)
            return
        again = False
        try:
            result = await self.probe.check(await self._client(rec.profile), rec)
        except Unreachable as exc:
            result = unchecked(exc.output, exc.why)
            again = not exc.final
        saved = await self._save(job_id, result)
        if again and saved:
            self._try_later(job_id)
        else:
            self._forget(job_id)

    async def _client(self, profile: str) -> VerifyClient:
        """The account's client; its keys are read (or the sandbox started) once if needed."""
        try:
            return self._client_for(profile)
        except LookupError as exc:
            if self._prepare_account is None or profile in self._prepared:
                raise Unreachable("", _why(exc)) from exc
        self._prepared.add(profile)
        try:
            await self._prepare_account(profile)
            return self._client_for(profile)
        except Exception as exc:  # any reason the account cannot be used now
            raise Unreachable("", _why(exc)) from exc

    def _forget(self, job_id: int) -> None:
        self._waiting.discard(job_id)
        self._tries.pop(job_id, None)

    def _try_later(self, job_id: int) -> None:
        tries = self._tries.get(job_id, 0)
        if tries >= len(self._retry_delays):
            self._forget(job_id)  # stays UNCHECKED; the next start tries again
            return
        self._tries[job_id] = tries + 1
        loop = asyncio.get_running_loop()
        self._retries[job_id] = loop.call_later(self._retry_delays[tries], self._due, job_id)

    def _due(self, job_id: int) -> None:
        self._retries.pop(job_id, None)
        self._queue.put_nowait(job_id)

    async def _save(self, job_id: int, result: Verification) -> bool:
        try:
            saved = await self._run_store(
                lambda: self._store.set_verification(job_id, result.state.value, result.note())
            )
        except StoreError as exc:
            log.warning("could not save the verification of job %s: %s", job_id, exc.message)
            return False
        if saved is None:  # removed meanwhile
            return False
        self.on_changed([saved])
        return True


def _why(exc: BaseException) -> str:
    if isinstance(exc, QiniuError | ServiceError):
        return exc.message
    return str(exc) or type(exc).__name__


def _nobody(_records: list[JobRecord]) -> None:
    """Until the jobs service listens."""
