"""Executors for blocking work, and the small adapter that awaits them from asyncio.

* `DaemonThreadExecutor`: idempotent network calls (prefop, listings). Its threads are daemons
  and `shutdown()` never waits, so closing the window is not held up by a slow request
  (qasync's loop waits for its executor's threads on close). Never use it for work that must
  finish (uploads, file or store writes).
* `serial_executor(name)`: one thread, in order. The job store and the keyring each get one, so
  their calls are serialized without locks, and sqlite's connection stays on one thread.
"""

from __future__ import annotations

import asyncio
import itertools
import queue
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any, ParamSpec, Protocol, TypeVar

T = TypeVar("T")
P = ParamSpec("P")


class RunIn(Protocol):
    """`await run(fn)`: run a zero-argument callable somewhere else and await its result."""

    def __call__(self, fn: Callable[[], T], /) -> Awaitable[T]: ...


_WorkItem = tuple[Future[Any], Callable[..., Any], tuple[Any, ...], dict[str, Any]]
_STOP = None


class DaemonThreadExecutor(Executor):
    """A bounded pool of daemon threads; `shutdown()` does not wait for running calls.

    Threads are started on demand up to `max_workers` and then reused, so 10,000 queued calls
    do not mean 10,000 threads.
    """

    def __init__(self, max_workers: int = 8, *, name: str = "qfop-net") -> None:
        if max_workers < 1:
            raise ValueError("max_workers must be at least 1")
        self._max_workers = max_workers
        self._name = name
        self._queue: queue.SimpleQueue[_WorkItem | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._idle = threading.Semaphore(0)  # released by a worker each time it becomes free
        self._shutdown = False
        self._counter = itertools.count(1)

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        fut: Future[T] = Future()
        with self._lock:
            if self._shutdown:
                raise RuntimeError("cannot schedule new calls after shutdown")
            self._queue.put((fut, fn, args, kwargs))
            # Same rule as ThreadPoolExecutor: reuse a free worker, else start one if allowed.
            if not self._idle.acquire(timeout=0) and len(self._threads) < self._max_workers:
                t = threading.Thread(
                    target=self._worker, name=f"{self._name}-{next(self._counter)}", daemon=True
                )
                self._threads.append(t)
                t.start()
        return fut

    def _worker(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            fut, fn, args, kwargs = item
            if fut.set_running_or_notify_cancel():
                try:
                    fut.set_result(fn(*args, **kwargs))
                except BaseException as exc:  # noqa: BLE001 - handed to whoever awaits it
                    fut.set_exception(exc)
            del item, fut, fn, args, kwargs
            self._idle.release()

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop accepting work. Never joins the threads (they are daemons), whatever `wait` is."""
        with self._lock:
            if self._shutdown:
                return
            self._shutdown = True
            if cancel_futures:
                while True:
                    try:
                        item = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if item is not _STOP:
                        item[0].cancel()
            for _ in self._threads:
                self._queue.put(_STOP)

    @property
    def threads(self) -> int:
        """Worker threads started so far (for tests and diagnostics)."""
        return len(self._threads)


def serial_executor(name: str) -> ThreadPoolExecutor:
    """A single-thread executor: calls run one at a time, in submission order."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)


def runner(executor: Executor) -> RunIn:
    """Adapt an executor to the `run(fn) -> awaitable` shape the services take."""

    def run(fn: Callable[[], T], /) -> Awaitable[T]:
        return asyncio.get_running_loop().run_in_executor(executor, fn)

    return run
