"""Pipelines: a FIFO queue of task ids each, drained by N daemon worker threads."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

SHARED = "0.default"


class Pipeline:
    """FIFO of task ids; `workers` threads call `handler(task_id)` one task at a time each."""

    def __init__(self, name: str, handler: Callable[[str], None], workers: int) -> None:
        self.name = name
        self._handler = handler
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._threads = [
            threading.Thread(target=self._work, name=f"pfop-{name}-{n}", daemon=True)
            for n in range(max(1, workers))
        ]
        for thread in self._threads:
            thread.start()

    def put(self, task_id: str) -> None:
        self._queue.put(task_id)

    def _work(self) -> None:
        while True:
            task_id = self._queue.get()
            if task_id is None:
                return
            try:
                self._handler(task_id)
            except Exception:  # a worker must survive any bug in one task
                log.exception("pipeline %s: task %s crashed", self.name, task_id)

    def stop(self) -> None:
        """Ask every worker to exit after its current task (queued ids are dropped)."""
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        for _ in self._threads:
            self._queue.put(None)

    def join(self, timeout: float) -> None:
        for thread in self._threads:
            thread.join(timeout)


class Pipelines:
    """All pipelines by reported name; created on first use."""

    def __init__(self, uid: int, handler: Callable[[str], None], workers: int) -> None:
        self._uid = uid
        self._handler = handler
        self._workers = workers
        self._lock = threading.Lock()
        self._pipes: dict[str, Pipeline] = {}
        self._closed = False

    def reported_name(self, name: str) -> str:
        """`""` → the shared `0.default`; anything else → `<uid>.<name>`."""
        return SHARED if name in ("", SHARED) else f"{self._uid}.{name}"

    def ensure(self, reported: str) -> Pipeline:
        with self._lock:
            if self._closed:
                raise RuntimeError("processor is closed")
            pipe = self._pipes.get(reported)
            if pipe is None:
                pipe = self._pipes[reported] = Pipeline(reported, self._handler, self._workers)
            return pipe

    def names(self) -> list[str]:
        with self._lock:
            return sorted(self._pipes)

    def close(self, timeout: float) -> None:
        with self._lock:
            self._closed = True
            pipes = list(self._pipes.values())
        for pipe in pipes:
            pipe.stop()
        for pipe in pipes:
            pipe.join(timeout)
