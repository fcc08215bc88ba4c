"""UploadService: the queue of uploads the Transfers view shows (Qt-free; `UploadQueue`).

At most `max_files` files upload at once, each with at most `part_concurrency` parts in flight
(`upload_runner`). Every transfer is an upload record (`upload_records`, `Paths.uploads_db`),
so it resumes after a network failure (Retry) or a restart (`resume_pending`: records left
queued, uploading or completing go on; a completing one first asks the bucket whether the file
arrived). `shutdown()` stops the workers without aborting any session; only `cancel()` aborts.

The listener is called on the event loop's thread: at once for every state change, and for
progress at most `1 / tick` times a second per transfer (a ticker adds up the bytes worker
threads report). Speed is bytes over the last few seconds (`upload_progress`).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from qfopgui.api.upload import PART_SIZE
from qfopgui.services import upload_messages as M
from qfopgui.services.executors import RunIn
from qfopgui.services.submit_rules import new_batch_id
from qfopgui.services.upload_batch import new_uploads
from qfopgui.services.upload_conflicts import apply_choice, resolve_keep_both
from qfopgui.services.upload_progress import kept_bytes, transfer_of
from qfopgui.services.upload_records import (
    DonePart,
    RecordsError,
    RecordsHealth,
    UploadRecord,
    UploadRecords,
)
from qfopgui.services.upload_run_types import JobSubmitter, RunnerDeps, Running, UploadClient
from qfopgui.services.upload_runner import TransferRunner
from qfopgui.services.upload_scan import existing_keys, scan_local
from qfopgui.services.upload_types import (
    ACTIVE_STATES,
    ConflictChoice,
    TranscodeOnUpload,
    Transfer,
    TransfersListener,
    TransferState,
    UploadQueue,
    UploadScan,
)

log = logging.getLogger(__name__)

FORM_LIMIT = 4 * 1024 * 1024  # up to this size one form POST (not resumable, one request)
KEEP_FINISHED = 7 * 24 * 3600  # finished records older than this are dropped at start
_FINISHED = frozenset({TransferState.DONE, TransferState.SKIPPED, TransferState.CANCELLED})
_RETRYABLE = frozenset({TransferState.FAILED, TransferState.CANCELLED})
_CANCELLABLE = ACTIVE_STATES | {TransferState.FAILED}


class UploadService(UploadQueue):
    """See the module docstring. Construct once in the composition root."""

    def __init__(
        self,
        *,
        records: UploadRecords,
        run_records: RunIn,
        client_for: Callable[[str], UploadClient],
        run_blocking: RunIn,
        submitter: JobSubmitter,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        prepare_account: Callable[[str], Awaitable[object]] | None = None,
        jobs_ready: Callable[[], Awaitable[None]] | None = None,
        batch_sent: Callable[[str], None] | None = None,
        max_files: int = 2,
        max_small_files: int = 4,
        part_concurrency: int = 3,
        form_limit: int = FORM_LIMIT,
        part_size: int = PART_SIZE,
        tick: float = 0.2,
    ) -> None:
        self._records = records
        self._run_records = run_records
        self._client_for = client_for
        self._run_blocking = run_blocking
        self._clock = clock
        self._wall = wall
        self._prepare = prepare_account
        # large files (multipart) at most `max_files` at a time, and at most
        # `max_small_files` transfers in all: small form uploads are bound by round trips
        # (each is a few requests and record writes), not by bandwidth or memory
        self._max_files = max(1, max_files)
        self._max_small = max(self._max_files, max_small_files)
        self._form_limit = form_limit
        self._part_size = part_size
        self._tick = tick
        self._runner = TransferRunner(
            RunnerDeps(
                records=records,
                run_records=run_records,
                run_blocking=run_blocking,
                client_for=client_for,
                submitter=submitter,
                wall=wall,
                prepare_account=prepare_account,
                jobs_ready=jobs_ready,
                part_concurrency=part_concurrency,
                form_limit=form_limit,
            ),
            self._running_changed,
        )
        self._listener: TransfersListener | None = None
        self._rows: dict[int, UploadRecord] = {}
        self._parts: dict[int, dict[int, DonePart]] = {}
        self._transfers: dict[int, Transfer] = {}
        self._running: dict[int, Running] = {}
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._queue: deque[int] = deque()
        self._ticker: asyncio.Task[None] | None = None
        self._loaded = False
        self._load_lock = asyncio.Lock()
        self._closing = False
        # "Transcode on upload" batches: told once every upload of the batch has ended, so
        # the jobs service reports the batch when its jobs are final (as for Transcode…)
        self._batch_sent = batch_sent
        self._told: set[str] = set()

    # --- what the UI reads -----------------------------------------------------------------

    def set_listener(self, listener: TransfersListener) -> None:
        self._listener = listener

    def transfers(self) -> list[Transfer]:
        return [self._transfers[i] for i in sorted(self._transfers)]

    @property
    def health(self) -> RecordsHealth | None:
        """What opening the records found (`message` is "" when there is nothing to tell)."""
        return self._records.health

    # --- commands --------------------------------------------------------------------------

    async def scan(
        self, profile: str, bucket: str, prefix: str, paths: Sequence[Path]
    ) -> UploadScan:
        """What dropping `paths` into `prefix` would upload, and which keys already exist."""
        local = await self._run_blocking(lambda: scan_local(paths, prefix))
        client = await self._client(profile)
        keys = [i.key for i in local.items]
        existing = await existing_keys(client, bucket, keys, self._run_blocking)
        return UploadScan(profile, bucket, prefix, local.items, local.problems, frozenset(existing))

    async def enqueue(
        self,
        scan: UploadScan,
        *,
        conflicts: ConflictChoice,
        transcode: TranscodeOnUpload | None = None,
    ) -> list[Transfer]:
        """Queue the scan's items (after the batch's conflict choice); returns their transfers."""
        await self._load()
        if conflicts is ConflictChoice.KEEP_BOTH and scan.existing:
            client = await self._client(scan.profile)

            async def exists(keys: Sequence[str]) -> set[str]:
                return await existing_keys(client, scan.bucket, keys, self._run_blocking)

            planned = await resolve_keep_both(scan.items, scan.existing, exists)
        else:
            planned = apply_choice(scan.items, scan.existing, conflicts)
        jobs = transcode is not None and bool(transcode.presets)
        batch_id = new_batch_id(self._wall()) if jobs else ""
        now = datetime.fromtimestamp(self._wall())
        news = await self._run_blocking(  # plan_job for 10,000 files is seconds of work
            lambda: new_uploads(
                scan.profile,
                scan.bucket,
                planned,
                transcode,
                batch_id=batch_id,
                part_size=self._part_size,
                now=now,
            )
        )
        added: list[UploadRecord] = await self._run_records(lambda: self._records.add(news))
        for rec in added:
            self._adopt(rec, {})
            if rec.state is TransferState.QUEUED:
                self._queue.append(rec.id)
        out = [self._transfers[r.id] for r in added]
        self._emit(out)
        self._pump()
        return out

    async def cancel(self, ids: Sequence[int]) -> None:
        """Stop these uploads and throw their server sessions away (CANCELLED; Retry starts
        again); failed ones too, so their kept parts are freed. One whose final request is on
        the wire is left to finish."""
        for tid in ids:
            rec = self._rows.get(tid)
            if rec is None or rec.state not in _CANCELLABLE:
                continue
            if rec.state is TransferState.COMPLETING and tid in self._tasks:
                continue
            if tid in self._queue:
                self._queue.remove(tid)
            await self._stop_task(tid)
            rec = self._rows[tid]
            if rec.upload_id:
                await self._runner.abort(rec)
            try:
                await self._run_records(functools.partial(self._records.forget_session, tid))
                rec = await self._run_records(
                    functools.partial(self._records.update, tid, state=TransferState.CANCELLED)
                )
            except RecordsError as exc:
                log.warning("upload %d: the cancel was not recorded: %s", tid, exc.message)
                rec = replace(rec, state=TransferState.CANCELLED, upload_id=None)
            self._parts[tid] = {}
            self._adopt(rec, {})
            self._emit([self._transfers[tid]])
        self._pump()

    async def retry(self, ids: Sequence[int]) -> None:
        """Queue failed or cancelled uploads again (a failed one continues where it stopped).
        One whose presets could not be planned stays as it is: upload it again instead."""
        changed: list[Transfer] = []
        for tid in ids:
            rec = self._rows.get(tid)
            if rec is None or rec.state not in _RETRYABLE or tid in self._tasks:
                continue
            if rec.error == M.CANNOT_PLAN:  # it would upload without the transcoding asked for
                continue
            queued = functools.partial(
                self._records.update, tid, state=TransferState.QUEUED, error="", error_params={}
            )
            rec = await self._run_records(queued)
            self._adopt(rec, self._parts.get(tid, {}))
            self._queue.append(tid)
            changed.append(self._transfers[tid])
        self._emit(changed)
        self._pump()

    async def clear_finished(self) -> None:
        """Forget done, skipped and cancelled uploads (failed ones stay for Retry)."""
        ids = [i for i, r in self._rows.items() if r.state in _FINISHED and i not in self._tasks]
        if not ids:
            return
        await self._run_records(lambda: self._records.remove(ids))
        self._drop(ids)

    async def resume_pending(self) -> None:
        """At start: load the records and continue every upload a quit or crash left."""
        await self._load()
        self._pump()

    async def shutdown(self, grace: float = 10.0) -> None:
        """Stop the workers without aborting sessions (they resume at the next start).

        A final request already on the wire gets `grace` seconds to be answered and recorded.
        """
        self._closing = True
        self._queue.clear()
        finishing = [
            t for i, t in self._tasks.items() if self._rows[i].state is TransferState.COMPLETING
        ]
        if finishing:
            await asyncio.wait(finishing, timeout=grace)
        for tid in list(self._tasks):
            await self._stop_task(tid)
        if self._ticker is not None:
            self._ticker.cancel()
            await asyncio.wait([self._ticker])
            self._ticker = None
        try:
            await self._run_records(self._records.close)
        except RecordsError as exc:
            log.warning("closing the upload records failed: %s", exc.message)

    # --- loading -----------------------------------------------------------------------------

    async def _load(self) -> None:
        async with self._load_lock:
            if self._loaded:
                return
            health = await self._run_records(self._records.open)
            if health.message:
                log.warning("%s", health.message)
                if self._listener is not None:
                    self._listener.on_records_problem(health.template, dict(health.params))
            rows: list[UploadRecord] = await self._run_records(self._records.records)
            old = self._wall() - KEEP_FINISHED
            stale = [r.id for r in rows if r.state in _FINISHED and r.updated_at < old]
            if stale:
                await self._run_records(lambda: self._records.remove(stale))
            for rec in rows:
                if rec.id in stale:
                    continue
                parts: dict[int, DonePart] = {}
                if rec.upload_id:
                    parts = await self._run_records(functools.partial(self._records.parts, rec.id))
                if rec.state in ACTIVE_STATES:
                    self._queue.append(rec.id)
                self._adopt(rec, parts)
            self._loaded = True
            self._emit(self.transfers())

    # --- running -----------------------------------------------------------------------------

    def _pump(self) -> None:
        """Start queued uploads while there is a free slot."""
        while not self._closing and self._queue and self._has_slot(self._queue[0]):
            tid = self._queue.popleft()
            if tid in self._tasks or tid not in self._rows:
                continue
            run = Running(self._rows[tid], dict(self._parts.get(tid, {})))
            self._running[tid] = run
            task = asyncio.get_running_loop().create_task(self._drive(tid, run))
            self._tasks[tid] = task
            task.add_done_callback(self._task_done)
        if self._tasks and self._ticker is None and not self._closing:
            self._ticker = asyncio.get_running_loop().create_task(self._tick_loop())

    def _has_slot(self, tid: int) -> bool:
        """Whether the next queued transfer may start now (first in, first out)."""
        if len(self._tasks) >= self._max_small:
            return False
        rec = self._rows.get(tid)
        if rec is None or rec.size <= self._form_limit:
            return True
        large = sum(self._rows[t].size > self._form_limit for t in self._tasks if t in self._rows)
        return large < self._max_files

    async def _drive(self, tid: int, run: Running) -> None:
        try:
            await self._runner.run(run)
        finally:
            self._running.pop(tid, None)
            self._tasks.pop(tid, None)
            self._rows[tid] = run.record
            self._parts[tid] = run.parts
            if tid in self._transfers:
                self._adopt(run.record, run.parts)
                self._emit([self._transfers[tid]])
            self._pump()
            self._tell_if_sent(run.record.batch_id)

    def _tell_if_sent(self, batch_id: str) -> None:
        """Every upload of the batch has ended and at least one made a job: tell, once."""
        if not batch_id or batch_id in self._told or self._batch_sent is None:
            return
        rows = [r for r in self._rows.values() if r.batch_id == batch_id]
        if any(r.state in ACTIVE_STATES or r.id in self._tasks for r in rows):
            return
        if any(r.job_id is not None for r in rows):
            self._told.add(batch_id)
            self._batch_sent(batch_id)

    def _task_done(self, task: asyncio.Task[None]) -> None:
        if not task.cancelled() and task.exception() is not None:
            log.error("an upload worker stopped", exc_info=task.exception())

    async def _stop_task(self, tid: int) -> None:
        task, run = self._tasks.get(tid), self._running.get(tid)
        if run is not None:
            run.stop.set()  # parts being written stop at their next piece
        if task is not None:
            task.cancel()
            await asyncio.wait([task])

    async def _client(self, profile: str) -> UploadClient:
        if self._prepare is not None:
            await self._prepare(profile)
        return self._client_for(profile)

    def _running_changed(self, run: Running) -> None:
        """The runner changed a record: show it now (every state change is reported)."""
        rec = run.record
        before = self._rows.get(rec.id)
        self._rows[rec.id] = rec
        if rec.id not in self._transfers:
            return
        if before is not None and before.state is not rec.state:
            run.meter.reset()
        self._transfers[rec.id] = transfer_of(rec, run.live.sent, run.meter.speed)
        self._emit([self._transfers[rec.id]])

    async def _tick_loop(self) -> None:
        """Progress and speed of the uploading transfers, a few times a second."""
        try:
            while self._running:
                await asyncio.sleep(self._tick)
                now = self._clock()
                changed: list[Transfer] = []
                for tid, run in list(self._running.items()):
                    old = self._transfers.get(tid)
                    if old is None or run.record.state is not TransferState.UPLOADING:
                        continue
                    sent = min(run.live.sent, run.record.size)
                    run.meter.add(now, sent)
                    new = transfer_of(run.record, sent, run.meter.speed)
                    if (new.sent, new.speed) != (old.sent, old.speed):
                        self._transfers[tid] = new
                        changed.append(new)
                self._emit(changed)
        finally:
            self._ticker = None

    # --- transfers ---------------------------------------------------------------------------

    def _adopt(self, rec: UploadRecord, parts: dict[int, DonePart]) -> None:
        self._rows[rec.id] = rec
        self._parts[rec.id] = parts
        self._transfers[rec.id] = transfer_of(rec, kept_bytes(rec, parts), 0.0)

    def _drop(self, ids: Iterable[int]) -> None:
        gone = [i for i in ids if self._transfers.pop(i, None) is not None]
        for i in gone:
            self._rows.pop(i, None)
            self._parts.pop(i, None)
        if gone and self._listener is not None:
            try:
                self._listener.on_transfers_removed(gone)
            except Exception:
                log.exception("the transfers listener failed")

    def _emit(self, transfers: list[Transfer]) -> None:
        if transfers and self._listener is not None:
            try:
                self._listener.on_transfers_changed(transfers)
            except Exception:  # a broken view must not stop the uploads
                log.exception("the transfers listener failed")
