"""Closing the window by hand: unsaved work is offered for saving, then active jobs are named.

Features register a close guard (``add_guard``): ``pending()`` says whether it has something to
lose, ``settle()`` asks the user and returns False to keep the window open. Only when every
pending guard settled is the question about running jobs (they go on without the app) and
running uploads (they continue at the next start) shown; `count_uploads` adds the latter.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from PySide6.QtWidgets import QWidget

from qfopgui.ui.background import TaskOwner, run_dialog
from qfopgui.ui.shell.quit_question import QuitQuestion

log = logging.getLogger(__name__)

ActiveJobs = Callable[[], int]  # jobs waiting or processing right now
Pending = Callable[[], bool]
Settle = Callable[[], Awaitable[bool]]


class QuitGate:
    """``ask(close)``: True when the close must wait (a question is open); ``close`` is called
    once the user agreed."""

    def __init__(self, window: QWidget, tasks: TaskOwner, active_jobs: ActiveJobs) -> None:
        self._window = window
        self._tasks = tasks
        self._active_jobs = active_jobs
        self._active_uploads: ActiveJobs = lambda: 0
        self._guards: list[tuple[Pending, Settle]] = []
        self._question: QuitQuestion | None = None
        self._settling = False

    def add_guard(self, pending: Pending, settle: Settle) -> None:
        self._guards.append((pending, settle))

    def count_uploads(self, active_uploads: ActiveJobs) -> None:
        """Name running uploads in the question too (the uploads feature calls this)."""
        self._active_uploads = active_uploads

    def ask(self, close: Callable[[], object]) -> bool:
        if self._settling:
            return True
        if self._question is not None and self._question.isVisible():
            self._question.raise_()
            self._question.activateWindow()
            return True
        if any(pending() for pending, _ in self._guards):
            return self._start(self._settle_then_ask(close), "window:unsaved")
        n, uploads = (
            self._count(self._active_jobs, "jobs"),
            self._count(self._active_uploads, "uploads"),
        )
        if n <= 0 and uploads <= 0:
            return False
        self._question = QuitQuestion(n, self._window, active_uploads=uploads)
        if not self._start(self._confirm(self._question, close), "window:quit"):
            self._question.deleteLater()
            self._question = None
            return False
        return True

    @staticmethod
    def _count(counter: ActiveJobs, what: str) -> int:
        try:
            return counter()
        except Exception:  # never let a failing count stop the user from quitting
            log.exception("counting active %s failed", what)
            return 0

    def _start(self, coro: Coroutine[Any, Any, None], name: str) -> bool:
        try:
            self._tasks.start(coro, name=name)
        except RuntimeError:  # the app is shutting down already
            coro.close()
            return False
        return True

    async def _settle_then_ask(self, close: Callable[[], object]) -> None:
        self._settling = True
        try:
            for pending, settle in self._guards:
                if pending() and not await settle():
                    return
        finally:
            self._settling = False
        if not self.ask(close):
            close()

    async def _confirm(self, box: QuitQuestion, close: Callable[[], object]) -> None:
        try:
            await run_dialog(box)
            confirmed = box.quit_chosen()
        finally:
            if self._question is box:
                self._question = None
            box.deleteLater()
        if confirmed:
            close()  # from code: no second question
