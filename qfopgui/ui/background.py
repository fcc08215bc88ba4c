"""qasync glue: one owner for every coroutine the UI starts, and dialogs as awaitables.

Why an owner: asyncio keeps only weak references to tasks, so a fire-and-forget task can vanish
mid-flight; its exceptions would also be lost. `TaskOwner` keeps strong references, routes
unexpected errors to one callback and cancels everything on quit.

The policy: a *load* (`start_load`) replaces an older load of the same name — listing a folder
again cancels the listing still running. A *command* (`start`) is never cancelled by another
task: two Retry clicks both run (the jobs service queues them), so a name given to `start` only
labels the task in the log.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDialog

log = logging.getLogger(__name__)

T = TypeVar("T")
ErrorHandler = Callable[[BaseException, str], None]


class TaskOwner:
    """Starts and owns asyncio tasks for the UI."""

    def __init__(self, on_error: ErrorHandler | None = None) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._named: dict[str, asyncio.Task[Any]] = {}
        self.on_error = on_error
        self._closed = False

    def start(
        self,
        coro: Coroutine[Any, Any, T],
        *,
        name: str | None = None,
        on_error: ErrorHandler | None = None,
    ) -> asyncio.Task[T]:
        """Run a command as a task; `name` labels it (nothing is cancelled)."""
        return self._create(coro, name, on_error, replace=False)

    def start_load(
        self,
        coro: Coroutine[Any, Any, T],
        *,
        name: str,
        on_error: ErrorHandler | None = None,
    ) -> asyncio.Task[T]:
        """Run a load: a still-running load of the same `name` is cancelled (latest wins)."""
        return self._create(coro, name, on_error, replace=True)

    def _create(
        self,
        coro: Coroutine[Any, Any, T],
        name: str | None,
        on_error: ErrorHandler | None,
        *,
        replace: bool,
    ) -> asyncio.Task[T]:
        if self._closed:
            coro.close()
            raise RuntimeError("TaskOwner is closed")
        if name is not None and replace:
            previous = self._named.get(name)
            if previous is not None and not previous.done():
                previous.cancel()
        task = asyncio.get_running_loop().create_task(coro, name=name)
        self._tasks.add(task)
        if name is not None and replace:
            self._named[name] = task
        task.add_done_callback(functools.partial(self._finished, name=name, on_error=on_error))
        return task

    def _finished(
        self, task: asyncio.Task[Any], *, name: str | None, on_error: ErrorHandler | None
    ) -> None:
        self._tasks.discard(task)
        if name is not None and self._named.get(name) is task:
            del self._named[name]
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        label = name or task.get_name()
        handler = on_error or self.on_error
        log.error("task %s failed", label, exc_info=exc)
        if handler is not None:
            try:
                handler(exc, label)
            except Exception:
                log.exception("error handler failed for task %s", label)

    def running(self, name: str) -> bool:
        """Whether a load of this name is still running."""
        task = self._named.get(name)
        return task is not None and not task.done()

    def cancel(self, name: str) -> bool:
        task = self._named.get(name)
        if task is None or task.done():
            return False
        task.cancel()
        return True

    def __len__(self) -> int:
        return sum(1 for t in self._tasks if not t.done())

    def cancel_all(self) -> list[asyncio.Task[Any]]:
        """Cancel every task (quit); returns them so a caller can await their end."""
        self._closed = True
        tasks = [t for t in self._tasks if not t.done()]
        for t in tasks:
            t.cancel()
        return tasks

    async def shutdown(self, grace: float = 2.0) -> None:
        """Cancel everything and wait (at most `grace` seconds) until the tasks have unwound."""
        tasks = self.cancel_all()
        if tasks:
            await asyncio.wait(tasks, timeout=grace)


class TaskStarter(QObject):
    """Starts a feature's coroutines through the `TaskOwner`, from Qt signals too.

    A signal may fire while the asyncio loop is not running yet (a timer at start-up); the task
    is then started from the loop's first turn instead of being lost. Once the owner is closed
    (quitting), new work is dropped quietly.
    """

    def __init__(self, owner: TaskOwner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._owner = owner

    def command(self, coro: Coroutine[Any, Any, object], label: str) -> None:
        """A user command: never cancelled by another."""
        self._start(coro, label, load=False)

    def load(self, coro: Coroutine[Any, Any, object], name: str) -> None:
        """A load: a newer one of the same name replaces an older one."""
        self._start(coro, name, load=True)

    def _start(self, coro: Coroutine[Any, Any, object], name: str, *, load: bool) -> None:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            QTimer.singleShot(0, self, functools.partial(self._start, coro, name, load=load))
            return
        try:
            if load:
                self._owner.start_load(coro, name=name)
            else:
                self._owner.start(coro, name=name)
        except RuntimeError:  # the owner is closed: the app is quitting
            coro.close()


def run_dialog(dialog: QDialog) -> asyncio.Future[int]:
    """Show `dialog` window-modal with `open()` and resolve with its result code.

    Never `exec()` inside a coroutine: a nested event loop makes every other asyncio task fail
    with "Cannot enter into task" and hang.
    Cancelling the returned future rejects the dialog.
    """
    fut: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def finished(result: int) -> None:
        if not fut.done():
            fut.set_result(int(result))

    def cancelled(f: asyncio.Future[int]) -> None:
        if f.cancelled() and dialog.isVisible():
            dialog.reject()

    dialog.finished.connect(finished)
    fut.add_done_callback(cancelled)
    dialog.open()
    return fut
