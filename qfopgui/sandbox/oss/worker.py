"""Runs accepted async-process tasks with real ffmpeg and stores the outputs.

Tasks run on a small thread pool; each keeps a record (``task(task_id)``: Status Running,
Succeeded or Failed, with a message and the output keys) for tests and, later, an emulated IMM
GetTask. Snapshot naming: ``o`` with an extension keeps only the last frame (as OSS documents);
``{index}`` in ``o`` is replaced by the 1-based frame number; otherwise frames are saved as
``<o>_0_<n>.<f>`` (the suffix form the OSS docs show; the exact numbering is unconfirmed).
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
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
from qfopgui.sandbox.processing.runner import Cancelled, FfmpegError, Runner
from qfopgui.sandbox.storage import NoSuchBucketError, Storage

log = logging.getLogger(__name__)


@dataclass
class TaskRecord:
    task_id: str
    action: str
    status: str = "Running"
    message: str = ""
    outputs: list[str] = field(default_factory=list)
    start: float = field(default_factory=time.time)
    end: float = 0.0


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
        *,
        work_dir: Path,
        ffmpeg: str,
        workers: int = 1,
        on_done: Callable[[TaskRecord], None] | None = None,
    ) -> None:
        self._storage = storage
        self._work_dir = work_dir
        self._ffmpeg = ffmpeg
        self._runner = Runner()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="oss-media")
        self._lock = threading.Lock()
        self._tasks: dict[str, TaskRecord] = {}
        self._on_done = on_done

    def submit(self, job: ProcessJob) -> None:
        with self._lock:
            self._tasks[job.task_id] = TaskRecord(job.task_id, job.action)
        self._pool.submit(self._run, job)

    def task(self, task_id: str) -> TaskRecord | None:
        with self._lock:
            return self._tasks.get(task_id)

    def close(self) -> None:
        self._runner.close()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _finish(self, job: ProcessJob, status: str, message: str, outputs: list[str]) -> None:
        with self._lock:
            record = self._tasks[job.task_id]
            record.status, record.message, record.outputs = status, message, outputs
            record.end = time.time()
        if self._on_done is not None:
            self._on_done(record)

    def _run(self, job: ProcessJob) -> None:
        workdir = self._work_dir / job.task_id
        workdir.mkdir(parents=True, exist_ok=True)
        try:
            outputs = self._execute(job, workdir)
        except (ParamError, FfmpegError, NoSuchBucketError, FileNotFoundError) as exc:
            self._finish(job, "Failed", str(exc) or type(exc).__name__, [])
        except Cancelled:
            self._finish(job, "Failed", "the sandbox stopped before the task finished", [])
        except Exception as exc:  # a bug must still end the task, never leave it Running
            log.exception("OSS task %s crashed", job.task_id)
            self._finish(job, "Failed", f"internal sandbox error: {exc}", [])
        else:
            self._finish(job, "Succeeded", "", outputs)
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
