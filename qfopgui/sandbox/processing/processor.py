"""Processor: the pfop engine behind the sandbox's /pfop and /status/get/prefop routes."""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from qfopgui.sandbox.processing.execute import FAILED_PREFIX, Executor, Outcome, StorageLike
from qfopgui.sandbox.processing.fopparse import Command, FopSyntaxError, parse_command, parse_fops
from qfopgui.sandbox.processing.notify import post_result
from qfopgui.sandbox.processing.probe import ProbeError
from qfopgui.sandbox.processing.probe import avinfo as probe_avinfo
from qfopgui.sandbox.processing.queue import SHARED, Pipelines
from qfopgui.sandbox.processing.runner import Cancelled, Runner
from qfopgui.sandbox.processing.tasks import (
    CALLBACK_FAILED,
    DESC,
    DONE,
    FAILED,
    PROCESSING,
    WAITING,
    Item,
    Task,
    TaskStore,
)

log = logging.getLogger(__name__)
_PIPELINE_RE = re.compile(r"[A-Za-z0-9_.\-]{1,100}")  # the pipeline registry's rule


class ProcessingRequestError(Exception):
    """A request-level error: the server answers HTTP `status` with `{"error": message}`."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status} {message}")
        self.status = status
        self.message = message


class Processor:
    """Pipelines of pfop tasks run by real ffmpeg; tasks persist in `data_dir/tasks.sqlite`.

    `download_base` (bucket → "http://host:port/dl/<bucket>") may be set by the server once it
    knows its port; HLS playlists then get absolute segment URLs (else relative ones).
    """

    def __init__(
        self,
        storage: StorageLike,
        *,
        data_dir: Path,
        ffmpeg: str,
        workers: int = 1,
        uid: int = 1380000000,
        region: str = "z0",
        notify_timeout: float = 5.0,
    ) -> None:
        self._storage = storage
        self._region = region
        self._notify_timeout = notify_timeout
        self.download_base: Callable[[str], str | None] | None = None
        data_dir.mkdir(parents=True, exist_ok=True)
        work_root = data_dir / "work"
        shutil.rmtree(work_root, ignore_errors=True)  # leftovers of an interrupted run
        work_root.mkdir()
        self._store = TaskStore(data_dir / "tasks.sqlite")
        self._runner = Runner()
        self._executor = Executor(
            storage,
            ffmpeg=ffmpeg,
            runner=self._runner,
            work_root=work_root,
            download_base=self._base_for,
        )
        self._lock = threading.RLock()
        self._tasks: dict[str, Task] = {}
        self._closing = threading.Event()
        self._pipes = Pipelines(uid, self._run_task, workers)
        self._pipes.ensure(SHARED)
        for task in self._store.unfinished():
            self._resume(task)

    # -- public API ---------------------------------------------------------------------

    def submit(
        self,
        *,
        bucket: str,
        key: str,
        fops: str,
        pipeline: str = "",
        notify_url: str = "",
        force: bool = False,
        type: int = 0,
        workflow_template_id: str = "",
        reqid: str = "",
        region: str = "",
    ) -> str:
        """Validate and queue a task; returns its persistentId (ProcessingRequestError if not).

        The id starts with the bucket's region (``z2.…``) as on the service, so clients can
        route ``prefop`` by it; `region` defaults to the processor's own.
        """
        if not self._storage.bucket_exists(bucket):
            raise ProcessingRequestError(631, "no such bucket")
        if self._storage.stat(bucket, key) is None:
            raise ProcessingRequestError(612, "no such file or directory")
        commands: list[Command] = []
        if fops.strip():
            try:
                commands = parse_fops(fops)
            except FopSyntaxError as exc:
                log.info("pfop rejected: %s", exc)
                raise ProcessingRequestError(400, "invalid argument") from exc
        elif not workflow_template_id:
            raise ProcessingRequestError(400, "invalid argument: fops is empty")
        if type not in (0, 1):
            raise ProcessingRequestError(400, "invalid argument: type must be 0 or 1")
        if pipeline and pipeline != SHARED and not _PIPELINE_RE.fullmatch(pipeline):
            raise ProcessingRequestError(400, "invalid argument: bad pipeline name")
        items = [Item(cmd=c.cmd) for c in commands]
        if not items:  # a workflow template alone: the sandbox has no templates to run
            items = [Item(cmd="")]
        task = Task(
            id=f"{region or self._region}.{secrets.token_hex(12)}",
            bucket=bucket,
            key=key,
            pipeline=self._pipes.reported_name(pipeline),
            creation_date=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            items=items,
            notify_url=notify_url,
            force=bool(force),
            type=type,
            workflow_template_id=workflow_template_id,
            reqid=reqid,
        )
        with self._lock:
            if self._closing.is_set():
                raise ProcessingRequestError(599, "processor is shutting down")
            self._store.insert(task)
            self._tasks[task.id] = task
            self._pipes.ensure(task.pipeline).put(task.id)
        return task.id

    def status(self, persistent_id: str) -> dict[str, Any] | None:
        """The prefop JSON object, or None for an unknown id."""
        with self._lock:
            task = self._tasks.get(persistent_id)
            if task is not None:
                return task.to_status()
        stored = self._store.get(persistent_id)
        return None if stored is None else stored.to_status()

    def ensure_pipeline(self, name: str) -> None:
        if name and name != SHARED and not _PIPELINE_RE.fullmatch(name):
            raise ProcessingRequestError(400, "invalid argument: bad pipeline name")
        self._pipes.ensure(self._pipes.reported_name(name))

    def pipelines(self) -> list[str]:
        return self._pipes.names()

    def avinfo(self, path: Path) -> dict[str, Any]:
        """ffprobe-style media info; ProcessingRequestError(400) when it is not media."""
        try:
            return probe_avinfo(path)
        except ProbeError as exc:
            raise ProcessingRequestError(400, str(exc)) from exc

    def close(self) -> None:
        """Stop promptly: kill running ffmpeg; unfinished tasks resume on the next start."""
        if self._closing.is_set():
            return
        self._closing.set()
        self._runner.close()
        self._pipes.close(timeout=self._notify_timeout + 5.0)
        self._store.close()

    # -- workers ------------------------------------------------------------------------

    def _base_for(self, bucket: str) -> str | None:
        return None if self.download_base is None else self.download_base(bucket)

    def _resume(self, task: Task) -> None:
        for item in task.items:
            if item.code in (WAITING, PROCESSING):
                item.reset()
        task.code = WAITING
        self._store.save(task)
        self._tasks[task.id] = task
        self._pipes.ensure(task.pipeline).put(task.id)

    def _save(self, task: Task) -> None:
        self._store.save(task)  # a no-op once the store is closed

    def _run_task(self, task_id: str) -> None:
        with self._lock:
            task = self._tasks.get(task_id)
            if task is None or task.finished or self._closing.is_set():
                return
            task.code = PROCESSING
            self._save(task)
        for index, item in enumerate(task.items):
            if item.code in (DONE, FAILED):
                continue
            if self._closing.is_set():
                return
            with self._lock:
                item.code = PROCESSING
                self._save(task)
            try:
                outcome = self._execute(task, item, index)
            except Cancelled:
                with self._lock:
                    item.reset()
                return
            with self._lock:
                _apply(item, outcome)
                self._save(task)
        final = FAILED if any(item.code == FAILED for item in task.items) else DONE
        if task.notify_url:
            with self._lock:
                body = task.to_status()
            body["code"], body["desc"] = final, DESC[final]
            if not post_result(task.notify_url, body, timeout=self._notify_timeout):
                final = CALLBACK_FAILED
        with self._lock:
            task.code = final
            self._save(task)

    def _execute(self, task: Task, item: Item, index: int) -> Outcome:
        if not item.cmd:
            return Outcome(
                FAILED,
                error=FAILED_PREFIX + "workflow templates are not supported by the sandbox",
                error_index=0,
            )
        try:
            command = parse_command(item.cmd)
            return self._executor.run(
                command,
                bucket=task.bucket,
                key=task.key,
                force=task.force,
                tag=f"{task.id}-{index}",
            )
        except Cancelled:
            raise
        except Exception as exc:  # an engine bug must fail the item, not hang the task
            log.exception("task %s item %d crashed", task.id, index)
            return Outcome(FAILED, error=f"{FAILED_PREFIX}internal error: {exc}", error_index=0)


def _apply(item: Item, outcome: Outcome) -> None:
    item.code, item.error, item.error_index = outcome.code, outcome.error, outcome.error_index
    item.hash, item.key, item.keys = outcome.hash, outcome.key, outcome.keys
    item.return_old = outcome.return_old
