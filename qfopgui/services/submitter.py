"""Submitter: sends pfop requests so that a crash can never cause a silent double submission.

For each file: the row is written and committed as SUBMITTING first, then pfop is sent (never
retried automatically: Qiniu has no idempotency token), then the row is completed. A crash in
between leaves a SUBMITTING row that `JobStore.recover_interrupted()` turns UNRESOLVED at the
next start, for the user to resubmit or discard: Qiniu has no idempotency token, so a blind
resubmission could run a job twice.

Outcomes: only an error that provably happened before the request reached the server (no
connection, DNS, TLS handshake, or the server's own refusal: 4xx/6xx) makes a job FAILED. Any
error after the request may have been received (reset, read timeout, total deadline, a 5xx, an
unreadable answer) leaves the outcome unknown: the job is UNRESOLVED ("needs decision") with
the reason, and nothing is resubmitted behind the user's back. A 573 ("too many requests") is a
refusal too: the submitter pauses (the server's Retry-After, or a growing back-off) and sends
that file again, at most `RATE_LIMIT_TRIES` times.

An upload whose token carries the fops creates a job too (`submit_with`): the same rules apply,
with the upload's final request (form POST or multipart complete) in the place of pfop. The
items, options and outcome rules live in `submit_rules`.

A persistentId the server returned is never lost: if the store cannot record it (disk full,
read-only), it is logged, kept in memory, reported through `on_unsaved` and written again every
`save_retry` seconds until the store takes it.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace

from qfopgui.api.errors import QiniuError, RateLimitedError
from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.services.executors import RunIn
from qfopgui.services.store import JobStore
from qfopgui.services.store_errors import StoreError
from qfopgui.services.submit_rules import (
    NO_JOB_ID,
    RESUBMITTED,
    TIMED_OUT,
    UNEXPECTED,
    PfopClient,
    SubmitItem,
    SubmitOptions,
    UnsavedJob,
    describe_error,
    new_batch_id,
    refused,
)

__all__ = [
    "NO_JOB_ID",
    "RATE_LIMIT_PAUSE",
    "RATE_LIMIT_TRIES",
    "RESUBMITTED",
    "TIMED_OUT",
    "UNEXPECTED",
    "PfopClient",
    "SubmitItem",
    "SubmitOptions",
    "Submitter",
    "UnsavedJob",
    "describe_error",
    "new_batch_id",
]

log = logging.getLogger(__name__)

RATE_LIMIT_TRIES = 3  # pfop attempts per file while the server answers 573
RATE_LIMIT_PAUSE = (2.0, 60.0)  # first pause and cap (doubling) when there is no Retry-After


class Submitter:
    """Creates jobs with pfop and records them; see the module docstring for the guarantees."""

    def __init__(
        self,
        *,
        store: JobStore,
        run_store: RunIn,
        client_for: Callable[[str], PfopClient],
        run_blocking: RunIn,
        on_created: Callable[[list[JobRecord]], None] | None = None,
        on_updated: Callable[[list[JobRecord]], None] | None = None,
        on_unsaved: Callable[[UnsavedJob], None] | None = None,
        on_saved_late: Callable[[UnsavedJob], None] | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        save_retry: float = 5.0,
    ) -> None:
        self._store = store
        self._run_store = run_store
        self._client_for = client_for
        self._run_blocking = run_blocking
        self.on_created: Callable[[list[JobRecord]], None] = on_created or _ignore
        self.on_updated: Callable[[list[JobRecord]], None] = on_updated or _ignore
        self.on_unsaved: Callable[[UnsavedJob], None] = on_unsaved or _ignore
        self.on_saved_late: Callable[[UnsavedJob], None] = on_saved_late or _ignore
        self._sleep = sleep
        self._clock = clock
        self._save_retry = save_retry
        self._slow_until = float("-inf")
        self._strikes = 0
        self._inflight: set[asyncio.Task[JobRecord]] = set()
        self._unsaved: dict[int, UnsavedJob] = {}
        self._savers: set[asyncio.Task[None]] = set()

    async def submit(
        self,
        profile: str,
        items: Sequence[SubmitItem],
        options: SubmitOptions,
        *,
        batch_id: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancel: asyncio.Event | None = None,
    ) -> list[JobRecord]:
        """Submit one job per item, in order. Returns the records written.

        `cancel` is checked between files: items not started are not written at all. A file
        whose pfop is already on the wire is always completed (even if this task is cancelled),
        so its row never stays SUBMITTING while the app runs. `progress(done, total)` is called
        after each file.
        """
        batch = batch_id or new_batch_id()
        client = self._client_for(profile)
        out: list[JobRecord] = []
        for n, item in enumerate(items, start=1):
            if cancel is not None and cancel.is_set():
                break
            out.append(await self._submit_one(profile, client, item, options, batch, retry_of=None))
            if progress is not None:
                progress(n, len(items))
        return out

    async def submit_with(
        self,
        profile: str,
        item: SubmitItem,
        options: SubmitOptions,
        batch_id: str,
        send: Callable[[], str],
        *,
        before_send: Callable[[JobRecord], Awaitable[None]] | None = None,
    ) -> JobRecord:
        """A job created by another request than pfop: an upload whose token carries the fops.

        Same guarantees as `submit`: the SUBMITTING row is committed first, then
        `before_send(row)` runs (the caller records the job's id; if it fails nothing is sent
        and the row is FAILED), then the blocking `send()` (the final upload request, returning
        the persistentId) runs in the network executor and the outcome rules of pfop apply
        (refused → FAILED, maybe received → UNRESOLVED, an answer without an id → UNRESOLVED).
        Once sent, the request and the row's completion always finish, even if the caller is
        cancelled.
        """
        record = await self._add_row(profile, item, options, batch_id, retry_of=None)
        if before_send is not None:
            try:
                await before_send(record)
            except BaseException as exc:  # nothing was sent: no job exists
                why = describe_error(exc)
                await self._complete(
                    record, functools.partial(self._store.mark_failed, record.id, why)
                )
                raise

        async def attempt() -> str:
            pid: str = await self._run_blocking(send)
            return pid

        return await self._sent(record, attempt)

    async def drain(self, grace: float) -> None:
        """At quit, before the store closes: let requests already on the wire be recorded.

        Their rows would otherwise stay "submitting" and come back as "needs decision" although
        the server accepted them. Waits at most `grace` seconds; a row still open after that is
        left for the user to decide at the next start, as after a crash.
        """
        if self._inflight:
            await asyncio.wait(set(self._inflight), timeout=grace)
        for job in self._unsaved.values():  # last word in the log: these IDs exist nowhere else
            log.error("job %d (%s) was never saved: %s", job.job_id, job.persistent_id, job.error)
        for task in list(self._savers):
            task.cancel()

    async def retry(self, record: JobRecord) -> JobRecord:
        """Submit a job again: same file and fops, force=True, linked by retry_of, same batch."""
        client = self._client_for(record.profile)
        return await self._submit_one(
            record.profile,
            client,
            _item_of(record),
            _forced(record),
            record.batch_id,
            retry_of=record.id,
        )

    async def resolve_unresolved(self, record: JobRecord, *, resubmit: bool) -> JobRecord | None:
        """Settle a job whose submission outcome is unknown.

        resubmit=True: a new row is submitted with force=True (overwriting any output a first
        attempt made), and the old row becomes FAILED, pointing at the new one. Returns the new
        record. resubmit=False: the row is deleted; returns None.
        """
        if not resubmit:
            await self._run_store(lambda: self._store.discard(record.id))
            return None
        new = await self.retry(record)
        try:
            old = await self._run_store(
                lambda: self._store.mark_failed(record.id, RESUBMITTED.format(new_id=new.id))
            )
        except KeyError:
            return new  # removed meanwhile
        self.on_updated([old])
        return new

    async def _submit_one(
        self,
        profile: str,
        client: PfopClient,
        item: SubmitItem,
        options: SubmitOptions,
        batch_id: str,
        *,
        retry_of: int | None,
    ) -> JobRecord:
        record = await self._add_row(profile, item, options, batch_id, retry_of=retry_of)
        return await self._sent(record, lambda: self._pfop(client, record, options))

    async def _add_row(
        self,
        profile: str,
        item: SubmitItem,
        options: SubmitOptions,
        batch_id: str,
        *,
        retry_of: int | None,
    ) -> JobRecord:
        """The SUBMITTING row, committed before anything is sent."""
        record = await self._run_store(
            lambda: self._store.add_submitting(
                profile=profile,
                bucket=item.bucket,
                key=item.key,
                fops=item.fops,
                presets=item.presets,
                outputs=item.outputs,
                output_bucket=item.output_bucket,
                pipeline=options.pipeline,
                batch_id=batch_id,
                force=options.force,
                notify_url=options.notify_url,
                type=options.type,
                retry_of=retry_of,
            )
        )
        self.on_created([record])
        return record

    async def _sent(self, record: JobRecord, attempt: Callable[[], Awaitable[str]]) -> JobRecord:
        # Shielded: once the row exists, the request and the row's completion always finish.
        task = asyncio.create_task(self._send(record, attempt))
        self._inflight.add(task)
        task.add_done_callback(self._inflight.discard)
        return await asyncio.shield(task)

    @property
    def unsaved(self) -> list[UnsavedJob]:
        """Accepted jobs whose persistentId is only in memory (the store refused it)."""
        return list(self._unsaved.values())

    async def _pfop(self, client: PfopClient, r: JobRecord, options: SubmitOptions) -> str:
        """pfop, pausing and sending again while the server answers 573 (a refusal)."""
        for attempt in range(1, RATE_LIMIT_TRIES + 1):
            wait = self._slow_until - self._clock()
            if wait > 0:
                await self._sleep(wait)
            try:
                pid: str = await self._run_blocking(
                    lambda: client.pfop(
                        r.bucket,
                        r.key,
                        r.fops,
                        pipeline=options.pipeline,
                        notify_url=options.notify_url,
                        force=options.force,
                        type=options.type,
                    )
                )
            except RateLimitedError as exc:
                self._strikes += 1
                first, cap = RATE_LIMIT_PAUSE
                pause = exc.retry_after if exc.retry_after is not None else first
                pause = min(cap, max(pause, first * 2 ** (self._strikes - 1)))
                self._slow_until = max(self._slow_until, self._clock() + pause)
                log.info("pfop for job %d: 573, pausing %.1f s (try %d)", r.id, pause, attempt)
                if attempt == RATE_LIMIT_TRIES:
                    raise
            else:
                self._strikes = 0
                return pid
        raise AssertionError("unreachable")

    async def _send(self, r: JobRecord, attempt: Callable[[], Awaitable[str]]) -> JobRecord:
        """Send the request that creates the job and record its outcome (the module's rules)."""
        complete: Callable[[], JobRecord]
        try:
            pid = await attempt()
        except QiniuError as exc:
            if refused(exc):
                log.info("pfop for job %d refused: %s", r.id, exc)
                complete = functools.partial(
                    self._store.mark_submit_failed, r.id, describe_error(exc)
                )
            else:
                log.warning("pfop for job %d: outcome unknown: %s", r.id, exc)
                msg = f"{describe_error(exc).rstrip('.')}. {TIMED_OUT}"
                complete = functools.partial(self._store.mark_unresolved, r.id, msg)
        except Exception as exc:  # outcome unknown: never guess "failed"
            log.exception("pfop for job %d failed unexpectedly", r.id)
            msg = f"{describe_error(exc).rstrip('.')}. {TIMED_OUT}"
            complete = functools.partial(self._store.mark_unresolved, r.id, msg)
        else:
            if pid:
                log.info("job %d submitted as %s", r.id, pid)
                return await self._record_submitted(r, pid)
            log.warning("job %d: the answer named no persistentId", r.id)
            complete = functools.partial(self._store.mark_unresolved, r.id, NO_JOB_ID)
        return await self._complete(r, complete)

    async def _complete(self, r: JobRecord, complete: Callable[[], JobRecord]) -> JobRecord:
        """Write a failed/unresolved outcome; a store that refuses leaves the row as it is."""
        try:
            updated = await self._run_store(complete)
        except KeyError:  # the row was removed while its request was on the wire
            return r
        except StoreError as exc:  # the row stays "submitting": next start asks the user
            log.error("job %d: the outcome could not be saved: %s", r.id, exc.message)
            return r
        self.on_updated([updated])
        return updated

    async def _record_submitted(self, r: JobRecord, pid: str) -> JobRecord:
        try:
            updated = await self._run_store(lambda: self._store.mark_submitted(r.id, pid))
        except KeyError:
            return r
        except StoreError as exc:
            job = UnsavedJob(r.id, r.profile, pid, exc.message, exc)
            log.error(
                "job %d was accepted by the server as %s, but saving it failed (%s); "
                "kept in memory, saving again every %.0f s",
                r.id,
                pid,
                exc.message,
                self._save_retry,
            )
            self._unsaved[r.id] = job
            self.on_unsaved(job)
            task = asyncio.create_task(self._save_later(job))
            self._savers.add(task)
            task.add_done_callback(self._savers.discard)
            held = replace(r, state=JobState.WAITING, persistent_id=pid, error="")
            self.on_updated([held])
            return held
        self.on_updated([updated])
        return updated

    async def _save_later(self, job: UnsavedJob) -> None:
        while job.job_id in self._unsaved:
            await self._sleep(self._save_retry)
            try:
                updated = await self._run_store(
                    lambda: self._store.mark_submitted(job.job_id, job.persistent_id)
                )
            except StoreError:
                continue
            except KeyError:
                self._unsaved.pop(job.job_id, None)
                return
            self._unsaved.pop(job.job_id, None)
            log.info("job %d (%s) saved after all", job.job_id, job.persistent_id)
            self.on_saved_late(job)
            self.on_updated([updated])


def _ignore(_value: object) -> None:
    """The default callback: nobody listens."""


def _item_of(r: JobRecord) -> SubmitItem:
    return SubmitItem(r.bucket, r.key, r.fops, r.presets, r.outputs, r.output_bucket)


def _forced(r: JobRecord) -> SubmitOptions:
    return SubmitOptions(pipeline=r.pipeline, force=True, type=r.type, notify_url=r.notify_url)
