"""Submitter: sends pfop requests so that a crash can never cause a silent double submission.

For each file: the row is written and committed as SUBMITTING first, then pfop is sent (never
retried automatically: Qiniu has no idempotency token), then the row is completed. A crash in
between leaves a SUBMITTING row that `JobStore.recover_interrupted()` turns UNRESOLVED at the
next start, for the user to resubmit or discard (peers.md appendix: guard against double
submission). A timed-out pfop is UNRESOLVED for the same reason: it may have been accepted.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from qfopgui.api.errors import QiniuError, TimeoutError_
from qfopgui.core.jobs import SERVER_NOTE, JobRecord
from qfopgui.services.executors import RunIn
from qfopgui.services.store import JobStore

log = logging.getLogger(__name__)

TIMED_OUT = (
    "The server did not answer in time, so the job may or may not have been submitted. "
    "Check the output, then submit it again (it will overwrite) or discard it."
)
RESUBMITTED = "Interrupted while submitting; submitted again as job #{new_id}."
UNEXPECTED = "Unexpected error: {error}"


class PfopClient(Protocol):
    """The one client method the submitter needs (QiniuClient has it)."""

    def pfop(
        self,
        bucket: str,
        key: str,
        fops: Sequence[str],
        *,
        pipeline: str = "",
        notify_url: str = "",
        force: bool = False,
        type: int = 0,
        workflow_template_id: str = "",
    ) -> str: ...


@dataclass(frozen=True)
class SubmitItem:
    """One source file and the exact fops planned for it (see core.plan)."""

    bucket: str
    key: str
    fops: tuple[str, ...]
    presets: tuple[str, ...]
    outputs: tuple[str, ...]
    output_bucket: str


@dataclass(frozen=True)
class SubmitOptions:
    pipeline: str = ""  # "" = shared public queue
    force: bool = False  # overwrite existing outputs / re-run
    type: int = 0  # 1 = idle-time task
    notify_url: str = ""


def new_batch_id(now: float | None = None) -> str:
    """Sortable and unique: `20240521-103000-1a2b3c`."""
    t = time.localtime(time.time() if now is None else now)
    return f"{time.strftime('%Y%m%d-%H%M%S', t)}-{uuid.uuid4().hex[:6]}"


def describe_error(exc: BaseException) -> str:
    """The plain-words line stored on a failed row (the API's message plus the server's)."""
    if isinstance(exc, QiniuError):
        text = exc.message
        if exc.server_message and exc.server_message not in text:
            text = SERVER_NOTE.format(words=text, server=exc.server_message)
        return text
    return UNEXPECTED.format(error=exc)


class Submitter:
    """Creates jobs with pfop and records them; see the module docstring for the guarantees."""

    def __init__(
        self,
        *,
        store: JobStore,
        run_store: RunIn,
        client_for: Callable[[str], PfopClient],
        run_blocking: RunIn,
        on_created: Callable[[list[JobRecord]], None],
        on_updated: Callable[[list[JobRecord]], None],
    ) -> None:
        self._store = store
        self._run_store = run_store
        self._client_for = client_for
        self._run_blocking = run_blocking
        self._on_created = on_created
        self._on_updated = on_updated
        self._inflight: set[asyncio.Task[JobRecord]] = set()

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

    async def drain(self, grace: float) -> None:
        """At quit, before the store closes: let requests already on the wire be recorded.

        Their rows would otherwise stay "submitting" and come back as "needs decision" although
        the server accepted them. Waits at most `grace` seconds; a row still open after that is
        left for the user to decide at the next start, as after a crash.
        """
        if self._inflight:
            await asyncio.wait(set(self._inflight), timeout=grace)

    async def retry(self, record: JobRecord) -> JobRecord:
        """Submit a job again: same file and fops, force=True, linked by retry_of, same batch."""
        client = self._client_for(record.profile)
        return await self._submit_one(
            record.profile, client, _item_of(record), _forced(record), record.batch_id,
            retry_of=record.id,
        )  # fmt: skip

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
        self._on_updated([old])
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
        record = await self._run_store(
            lambda: self._store.add_submitting(
                profile=profile, bucket=item.bucket, key=item.key, fops=item.fops,
                presets=item.presets, outputs=item.outputs, output_bucket=item.output_bucket,
                pipeline=options.pipeline, batch_id=batch_id, force=options.force,
                notify_url=options.notify_url, type=options.type, retry_of=retry_of,
            )
        )  # fmt: skip
        self._on_created([record])
        # Shielded: once the row exists, the request and the row's completion always finish.
        task = asyncio.create_task(self._send(client, record, options))
        self._inflight.add(task)
        task.add_done_callback(self._inflight.discard)
        return await asyncio.shield(task)

    async def _send(
        self, client: PfopClient, record: JobRecord, options: SubmitOptions
    ) -> JobRecord:
        r = record
        complete: Callable[[], JobRecord]
        try:
            pid = await self._run_blocking(
                lambda: client.pfop(
                    r.bucket, r.key, r.fops, pipeline=options.pipeline,
                    notify_url=options.notify_url, force=options.force, type=options.type,
                )
            )  # fmt: skip
        except TimeoutError_ as exc:
            log.warning("pfop for job %d timed out: %s", r.id, exc)
            complete = functools.partial(self._store.mark_unresolved, r.id, TIMED_OUT)
        except QiniuError as exc:
            log.info("pfop for job %d refused: %s", r.id, exc)
            complete = functools.partial(self._store.mark_submit_failed, r.id, describe_error(exc))
        except Exception as exc:  # outcome unknown: never guess "failed"
            log.exception("pfop for job %d failed unexpectedly", r.id)
            msg = f"{describe_error(exc)}. {TIMED_OUT}"
            complete = functools.partial(self._store.mark_unresolved, r.id, msg)
        else:
            complete = functools.partial(self._store.mark_submitted, r.id, pid)
        try:
            updated = await self._run_store(complete)
        except KeyError:  # the row was removed while its request was on the wire
            return r
        self._on_updated([updated])
        return updated


def _item_of(r: JobRecord) -> SubmitItem:
    return SubmitItem(r.bucket, r.key, r.fops, r.presets, r.outputs, r.output_bucket)


def _forced(r: JobRecord) -> SubmitOptions:
    return SubmitOptions(pipeline=r.pipeline, force=True, type=r.type, notify_url=r.notify_url)
