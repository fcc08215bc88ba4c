"""Runs accepted async-process tasks with real ffmpeg and stores the outputs.

Tasks run on a small thread pool; each has a persisted record (``tasks.TaskRecord`` in an
``OssTaskStore``: Status Running, Succeeded or Failed, an IMM-style Code, a message and the
output keys), read by the emulated IMM GetTask and by tests (``task(task_id)``). A task cut off
by a stop stays Running in the store and ``resume()`` re-runs it at the next start. Snapshot
naming: ``o`` with an extension keeps only the last frame (as OSS documents); ``{index}`` in
``o`` is replaced by the 1-based frame number; otherwise frames are saved as ``<o>_0_<n>.<f>``
(the suffix form the OSS docs show; the exact numbering is unconfirmed).
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from qfopgui.sandbox.mime import guess_mime
from qfopgui.sandbox.oss.checksums import file_digests
from qfopgui.sandbox.oss.media_args import (
    ParamError,
    Plan,
    audio_convert,
    snapshot,
    snapshots,
    video_convert,
)
from qfopgui.sandbox.oss.model import ProcessJob, stored_meta
from qfopgui.sandbox.oss.tasks import FAILED, SUCCEEDED, OssTaskStore, TaskRecord
from qfopgui.sandbox.processing.runner import Cancelled, FfmpegError, Runner
from qfopgui.sandbox.storage import NoSuchBucketError, Storage

log = logging.getLogger(__name__)

# The Code a failed task reports (IMM's codes for these cases are unconfirmed: sandbox choices).
CODE_BAD_PARAMETER = "InvalidParameter"
CODE_NOT_FOUND = "ResourceNotFound"
CODE_PROCESSING = "MediaProcessingFailed"
CODE_INTERNAL = "InternalError"


def plan_for(job: ProcessJob) -> Plan:
    if job.action == "video/convert":
        return video_convert(job.params, job.target_key)
    if job.action == "audio/convert":
        return audio_convert(job.params, job.target_key)
    if job.action == "video/snapshots":
        return snapshots(job.params)
    return snapshot(job.params)


def snapshot_keys(target: str, count: int, extension: str) -> list[str | None]:
    """Target key of each numbered frame (None: dropped, only the last survives)."""
    if "{index}" in target:
        return [target.replace("{index}", str(n)) for n in range(1, count + 1)]
    if "." in target.rsplit("/", 1)[-1]:
        return [None] * (count - 1) + [target] if count else []
    return [f"{target}_0_{n}.{extension}" for n in range(1, count + 1)]


class MediaWorker:
    """The ``AsyncSubmitter`` the server uses: one ffmpeg process per running task."""

    def __init__(
        self,
        storage: Storage,
        store: OssTaskStore,
        *,
        work_dir: Path,
        ffmpeg: str,
        workers: int = 1,
        on_done: Callable[[TaskRecord], None] | None = None,
    ) -> None:
        self._storage = storage
        self._tasks = store
        self._work_dir = work_dir
        self._ffmpeg = ffmpeg
        self._runner = Runner()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="oss-media")
        self._on_done = on_done
        self._closing = False

    def submit(self, job: ProcessJob) -> None:
        record = TaskRecord.from_job(job, time.time())
        self._tasks.save(record)
        self._pool.submit(self._run, record)

    def resume(self) -> list[str]:
        """Re-queue the tasks a previous run left Running (oldest first); their ids."""
        records = self._tasks.running()
        for record in records:
            log.info("OSS task %s resumed after a restart", record.task_id)
            self._pool.submit(self._run, record)
        return [r.task_id for r in records]

    def task(self, task_id: str) -> TaskRecord | None:
        return self._tasks.get(task_id)

    def close(self) -> None:
        """Stop ffmpeg and the pool; cut-off tasks stay Running in the store (resumed later)."""
        self._closing = True
        self._runner.close()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _finish(self, record: TaskRecord, status: str, code: str, message: str) -> None:
        record.status, record.code, record.message = status, code, message
        record.end, record.progress = time.time(), 100
        self._tasks.save(record)
        if self._on_done is not None:
            try:
                self._on_done(record)
            except Exception:  # a notify problem must not hide the task's own result
                log.exception("OSS task %s: the completion hook failed", record.task_id)

    def _run(self, record: TaskRecord) -> None:
        job = record.job()
        workdir = self._work_dir / job.task_id
        workdir.mkdir(parents=True, exist_ok=True)
        try:
            record.outputs = self._execute(job, workdir)
        except ParamError as exc:
            self._finish(record, FAILED, CODE_BAD_PARAMETER, str(exc) or "invalid parameter")
        except (NoSuchBucketError, FileNotFoundError) as exc:
            self._finish(record, FAILED, CODE_NOT_FOUND, str(exc) or type(exc).__name__)
        except FfmpegError as exc:
            self._finish(record, FAILED, CODE_PROCESSING, str(exc) or "ffmpeg failed")
        except Cancelled:
            if not self._closing:
                self._finish(record, FAILED, CODE_INTERNAL, "the task was cancelled")
            # else: left Running in the store; resume() re-runs it at the next start
        except Exception as exc:  # a bug must still end the task, never leave it Running
            log.exception("OSS task %s crashed", job.task_id)
            self._finish(record, FAILED, CODE_INTERNAL, f"internal sandbox error: {exc}")
        else:
            self._finish(record, SUCCEEDED, "", "")
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    def _execute(self, job: ProcessJob, workdir: Path) -> list[str]:
        source = self._storage.stat(job.bucket, job.key)
        if source is None:
            raise FileNotFoundError(f"the source {job.key!r} was deleted")
        plan = plan_for(job)
        many = job.action == "video/snapshots"
        out_name = f"frame_%d.{plan.extension}" if many else f"out.{plan.extension}"
        argv = [self._ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-y"]
        argv += [*plan.before, "-i", str(source.path), *plan.after, out_name]
        self._runner.run(argv, cwd=workdir)
        if not many:
            return [self._store(job, workdir / out_name, job.target_key)]
        frames = sorted(workdir.glob(f"frame_*.{plan.extension}"), key=lambda p: int(p.stem[6:]))
        if not frames:
            raise FfmpegError("no frame was captured (is ss past the end?)")
        keys = snapshot_keys(job.target_key, len(frames), plan.extension)
        return [self._store(job, f, k) for f, k in zip(frames, keys, strict=True) if k]

    def _store(self, job: ProcessJob, path: Path, key: str) -> str:
        digests = file_digests(path)
        meta = stored_meta(digests.etag, digests.crc64)
        self._storage.put_file(
            job.target_bucket, key, path, move=True, mime_type=guess_mime(key), meta=meta
        )
        return key
