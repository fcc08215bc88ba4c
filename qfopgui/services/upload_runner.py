"""One attempt at one transfer, from its record to DONE or FAILED (the service schedules them).

Order of an attempt: if a final request was sent before (`file_etag` is set), ask the bucket
first — the file may be there already; if the local file changed size or mtime, start from
scratch (and say so); then a form upload (small files, one request) or multipart: continue the
stored session if the server still has it (list its parts, send only the missing ones, at most
`part_concurrency` at a time), else start a new one. Each finished part is recorded before it
counts as sent. The local etag (from the parts' SHA-1s) is recorded right before the final
request, and the answer's hash must equal it.

Transcode on upload: the token carries the fops, and the final request goes through
`Submitter.submit_with`, which writes the job row (SUBMITTING) just before it and applies the
pfop outcome rules; the job's id is recorded first, so a crash in between loses nothing.

Failures: a part that still fails after the transport's retries leaves the session and the
parts kept, and the message says Retry continues; a lost answer to the final request says Retry
checks the bucket first. Being cancelled (user cancel, shutdown, the app dying) never aborts
the session here: only `UploadService.cancel` does.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from qfopgui.api.errors import AlreadyExistsError, NoSuchBucketError, NotFoundError, QiniuError
from qfopgui.api.models import UploadResult
from qfopgui.api.resumable_upload import (
    FileChangedError,
    MultipartSession,
    Part,
    Session,
    part_plan,
    reusable,
    usable_parts,
)
from qfopgui.core.jobs import JobRecord
from qfopgui.services import upload_messages as M
from qfopgui.services.messages import ServiceError
from qfopgui.services.store_errors import StoreError
from qfopgui.services.submit_rules import SubmitItem, SubmitOptions, describe_error, refused
from qfopgui.services.upload_blocking import local_etag, put_one, read_all, size_and_mtime
from qfopgui.services.upload_records import DonePart, RecordsError, UploadRecord
from qfopgui.services.upload_run_types import (
    Failed,
    RunnerDeps,
    Running,
    SessionGone,
    UploadClient,
)
from qfopgui.services.upload_scan import first_error
from qfopgui.services.upload_types import TransferState

log = logging.getLogger(__name__)

TOKEN_TTL = 3600  # every request gets a fresh token, so a long upload never outlives one


class TransferRunner:
    """Runs attempts; `on_record` hears every change of a running transfer's record."""

    def __init__(self, deps: RunnerDeps, on_record: Callable[[Running], None]) -> None:
        self._d = deps
        self._on_record = on_record

    async def run(self, r: Running) -> None:
        """One attempt; the record ends DONE or FAILED (or as it was, if cancelled)."""
        try:
            await self._attempt(r)
        except Failed as exc:
            await self._fail(r, exc.template, exc.params)
        except FileChangedError:
            await self._forget(r)
            await self._fail(r, M.FILE_CHANGED_DURING, {})
        except RecordsError as exc:
            await self._fail(r, M.RECORD_NOT_SAVED, {"error": exc.message})
        except (ServiceError, StoreError) as exc:  # no account key, or the job history
            await self._fail(r, M.NOT_SENT, {"error": exc.message})
        except QiniuError as exc:
            kept = M.RESUMABLE if r.record.upload_id else M.NOT_SENT
            await self._fail(r, kept, {"error": describe_error(exc)})
        except OSError as exc:
            await self._fail(r, M.FILE_GONE, {"error": exc.strerror or str(exc)})
        except Exception as exc:  # a bug: say so, keep the session for a retry
            log.exception("upload %d failed unexpectedly", r.record.id)
            await self._fail(r, M.UNEXPECTED, {"error": str(exc) or type(exc).__name__})

    # --- record keeping -------------------------------------------------------------------

    async def _set(self, r: Running, **fields: Any) -> None:
        upload = r.record.id
        r.record = await self._d.run_records(lambda: self._d.records.update(upload, **fields))
        self._on_record(r)

    async def _fail(self, r: Running, template: str, params: Mapping[str, str]) -> None:
        try:
            await self._set(
                r, state=TransferState.FAILED, error=template, error_params=dict(params)
            )
        except RecordsError:  # shown all the same; the record says where it really was
            r.record = replace(
                r.record, state=TransferState.FAILED, error=template, error_params=dict(params)
            )
            self._on_record(r)

    async def _forget(self, r: Running) -> None:
        """No session any more: the next parts go to a new one."""
        upload = r.record.id
        r.record = await self._d.run_records(lambda: self._d.records.forget_session(upload))
        r.parts = {}
        r.live.reset()
        self._on_record(r)

    async def _finish(self, r: Running, etag: str) -> None:
        upload = r.record.id
        r.record = await self._d.run_records(lambda: self._d.records.finish(upload, etag))
        r.parts = {}
        r.live.reset(r.record.size)
        self._on_record(r)

    # --- the attempt ----------------------------------------------------------------------

    async def _attempt(self, r: Running) -> None:
        if self._d.prepare_account is not None:
            await self._d.prepare_account(r.record.profile)
        client = self._d.client_for(r.record.profile)
        await self._set(
            r, state=TransferState.UPLOADING, error="", error_params={}, note="", note_params={}
        )
        if r.record.file_etag and await self._arrived(client, r.record):
            await self._finish(r, r.record.file_etag)
            return
        await self._check_file(r)
        if r.record.size <= self._d.form_limit:
            await self._form(r, client)
            return
        for _try in range(2):
            try:
                await self._multipart(r, client)
                return
            except SessionGone:
                await self._forget(r)
                await self._set(r, note=M.SESSION_GONE, note_params={})
        raise Failed(M.SESSION_LOST)

    async def _arrived(self, client: UploadClient, rec: UploadRecord) -> bool:
        """The object is in the bucket with this file's size and etag."""

        def look() -> bool:
            try:
                info = client.stat(rec.bucket, rec.key)
            except NoSuchBucketError:
                raise
            except NotFoundError:
                return False
            return info.fsize == rec.size and info.hash == rec.file_etag

        return await self._d.run_blocking(look)

    async def _check_file(self, r: Running) -> None:
        """A file that changed since its record was made is sent again from the start."""
        rec = r.record
        size, mtime_ns = await self._d.run_blocking(lambda: size_and_mtime(rec.path))
        if (size, mtime_ns) == (rec.size, rec.mtime_ns):
            return
        if size == 0:
            raise Failed(M.EMPTY)
        had_progress = bool(rec.upload_id or r.parts)
        if rec.upload_id:
            await self.abort(r.record)
        await self._forget(r)
        note = M.FILE_CHANGED if had_progress else ""
        await self._set(r, size=size, mtime_ns=mtime_ns, note=note, note_params={})

    async def abort(self, rec: UploadRecord) -> None:
        """Best effort: throw away the server session of a record (cancel, or unusable)."""
        upload_id = rec.upload_id
        if not upload_id:
            return
        try:
            if self._d.prepare_account is not None:
                await self._d.prepare_account(rec.profile)
            client = self._d.client_for(rec.profile)
            session = client.multipart_session(rec.bucket, rec.key)
            token = self._token(client, rec)
            await self._d.run_blocking(lambda: session.abort(token, upload_id))
        except (QiniuError, ServiceError) as exc:
            log.info("upload %d: the session could not be aborted: %s", rec.id, exc)

    def _token(self, client: UploadClient, rec: UploadRecord) -> str:
        return client.upload_token(
            rec.bucket,
            rec.key,
            expires=TOKEN_TTL,
            persistent_ops=";".join(rec.fops),
            persistent_pipeline=rec.pipeline,
            persistent_notify_url=rec.notify_url,
            insert_only=not rec.overwrite,
        )

    # --- form upload ----------------------------------------------------------------------

    async def _form(self, r: Running, client: UploadClient) -> None:
        rec = r.record
        data, etag = await self._d.run_blocking(lambda: read_all(rec.path, rec.size))
        token = self._token(client, rec)
        await self._set(r, file_etag=etag)
        result = await self._final(
            r, lambda: client.upload_bytes(rec.bucket, rec.key, data, token=token)
        )
        if result.hash and result.hash != etag:
            raise Failed(M.HASH_MISMATCH)
        await self._finish(r, etag)

    # --- multipart ------------------------------------------------------------------------

    async def _multipart(self, r: Running, client: UploadClient) -> None:
        plan = part_plan(r.record.size, r.record.part_size)
        session = client.multipart_session(r.record.bucket, r.record.key)
        token = functools.partial(self._token, client, r.record)
        await self._open_session(r, session, token, plan)
        missing = [p for p in plan if p.number not in r.parts]
        await self._send_parts(r, session, token, missing)
        rec = r.record
        size, mtime_ns = await self._d.run_blocking(lambda: size_and_mtime(rec.path))
        if (size, mtime_ns) != (rec.size, rec.mtime_ns):
            await self.abort(r.record)
            raise FileChangedError("the file changed during the upload")
        parts = dict(r.parts)
        etag = await self._d.run_blocking(lambda: local_etag(rec, plan, parts))
        await self._set(r, file_etag=etag)
        upload_id = r.record.upload_id or ""
        etags = {n: p.etag for n, p in parts.items()}
        name = Path(rec.path).name
        result = await self._final(
            r, lambda: session.complete(token(), upload_id, etags, file_name=name)
        )
        if result.hash and result.hash != etag:
            await self._forget(r)
            raise Failed(M.HASH_MISMATCH)
        await self._finish(r, etag)

    async def _open_session(
        self, r: Running, session: MultipartSession, token: Callable[[], str], plan: Sequence[Part]
    ) -> None:
        """Continue the stored session (learning which parts the server has) or start one."""
        rec = r.record
        if rec.upload_id and not reusable(Session(rec.upload_id, rec.expire_at), self._d.wall()):
            await self._forget(r)  # it would expire during the upload
        upload_id = r.record.upload_id
        if upload_id:
            try:
                listed = await self._d.run_blocking(lambda: session.list_parts(token(), upload_id))
            except NoSuchBucketError:
                raise
            except NotFoundError as exc:
                raise SessionGone from exc
            usable = usable_parts(plan, listed)
            known = r.parts
            r.parts = {
                n: DonePart(e, old.sha1 if (old := known.get(n)) and old.etag == e else None)
                for n, e in usable.items()
            }
            if r.parts:
                params = {"parts": str(len(r.parts)), "total": str(len(plan))}
                await self._set(r, resumed=True, note=M.RESUMED, note_params=params)
        else:
            started = await self._d.run_blocking(lambda: session.init(token()))
            upload = rec.id
            r.record = await self._d.run_records(
                lambda: self._d.records.start_session(upload, started.upload_id, started.expire_at)
            )
            r.parts = {}
            self._on_record(r)
        sizes = {p.number: p.size for p in plan}
        r.live.reset(sum(sizes[n] for n in r.parts))
        r.meter.reset()

    async def _send_parts(
        self,
        r: Running,
        session: MultipartSession,
        token: Callable[[], str],
        missing: Sequence[Part],
    ) -> None:
        """PUT the missing parts, at most `part_concurrency` at once; each is recorded before
        it counts as sent."""
        if not missing:
            return
        pending = iter(missing)
        rec = r.record
        records = self._d.records

        async def worker() -> None:
            for part in pending:
                put = functools.partial(put_one, session, token, rec, part, r)
                etag, sha1 = await self._d.run_blocking(put)
                save = functools.partial(records.add_part, rec.id, part.number, etag, sha1)
                await self._d.run_records(save)
                r.parts[part.number] = DonePart(etag, sha1)
                r.live.finished(part.number, part.size)

        try:
            async with asyncio.TaskGroup() as group:
                for _n in range(min(max(1, self._d.part_concurrency), len(missing))):
                    group.create_task(worker())
        except ExceptionGroup as failed:
            r.stop.set()  # parts still being written stop at their next piece
            raise first_error(failed) from None

    # --- the final request ----------------------------------------------------------------

    async def _final(self, r: Running, send: Callable[[], UploadResult]) -> UploadResult:
        """Form POST or multipart complete; with fops, inside a job row (see module doc)."""
        rec = r.record
        if not rec.fops:
            await self._set(r, state=TransferState.COMPLETING)
            try:
                result: UploadResult = await self._d.run_blocking(send)
            except QiniuError as exc:
                raise self._final_failure(rec, exc) from exc
            return result
        if self._d.jobs_ready is not None:
            await self._d.jobs_ready()
        box: dict[str, object] = {}

        def send_pid() -> str:
            try:
                res = send()
            except BaseException as exc:
                box["error"] = exc
                raise
            box["result"] = res
            return res.persistent_id or ""

        async def before(job: JobRecord) -> None:
            await self._set(r, state=TransferState.COMPLETING, job_id=job.id)

        await self._d.submitter.submit_with(
            rec.profile,
            SubmitItem(rec.bucket, rec.key, rec.fops, rec.presets, rec.outputs, rec.bucket),
            SubmitOptions(pipeline=rec.pipeline, notify_url=rec.notify_url),
            rec.batch_id,
            send_pid,
            before_send=before,
        )
        done = box.get("result")
        if isinstance(done, UploadResult):
            if not done.persistent_id:
                await self._set(r, note=M.NO_JOB_ID, note_params={})
            return done
        error = box.get("error")
        if isinstance(error, QiniuError):
            raise self._final_failure(rec, error) from error
        raise Failed(M.OUTCOME_UNKNOWN)

    def _final_failure(self, rec: UploadRecord, exc: QiniuError) -> Exception:
        if isinstance(exc, AlreadyExistsError):
            return Failed(M.APPEARED, key=rec.key)
        if isinstance(exc, NotFoundError) and not isinstance(exc, NoSuchBucketError):
            return SessionGone() if rec.upload_id else Failed(M.NOT_SENT, error=exc.message)
        if refused(exc):
            kept = M.RESUMABLE if rec.upload_id else M.NOT_SENT
            return Failed(kept, error=describe_error(exc))
        return Failed(M.OUTCOME_UNKNOWN)
