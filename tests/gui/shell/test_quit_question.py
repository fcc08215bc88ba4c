"""Quitting by hand while jobs are active asks first; quitting from code (the app's shutdown,
the smoke test) never waits for an answer."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication

from qfopgui.ui.shell.main_window import MainWindow
from qfopgui.ui.shell.quit_question import QuitQuestion
from tests.gui.appfakes import make_ctx
from tests.gui.shell.conftest import run_window
from tests.helpers.aio import wait_until

pytestmark = pytest.mark.gui


class CloseButton(QCloseEvent):
    """The close event the window system sends for the title bar's × (spontaneous)."""

    def spontaneous(self) -> bool:
        return True


def question(w: MainWindow) -> QuitQuestion | None:
    shown = [q for q in w.findChildren(QuitQuestion) if q.isVisible()]
    return shown[0] if shown else None


class Jobs:
    """What the jobs service would answer: how many jobs are waiting or processing."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.asked = 0

    def __call__(self) -> int:
        self.asked += 1
        return self.n


@pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)")  # offscreen only
def test_ctrl_q_with_active_jobs_asks_and_cancel_keeps_the_window(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path
) -> None:
    jobs = Jobs(3)
    closed: list[bool] = []

    async def body(w: MainWindow) -> None:
        w.closed.connect(lambda: closed.append(True))
        w.quit_action.trigger()
        await wait_until(lambda: question(w) is not None)
        box = question(w)
        assert box is not None
        assert box.text() == "3 jobs are still waiting or processing."
        assert "keep running on the server" in box.informativeText()
        assert "picks them up the next time it starts" in box.informativeText()
        assert box.quit_button.text() == "Quit"
        assert box.windowModality() == Qt.WindowModality.WindowModal  # open(), not exec()
        w.quit_action.trigger()  # a second Ctrl+Q does not stack a second question
        await asyncio.sleep(0.05)
        assert len([q for q in w.findChildren(QuitQuestion) if q.isVisible()]) == 1
        box.cancel_button.click()
        await wait_until(lambda: question(w) is None)
        assert w.isVisible()
        assert closed == []
        w.quit_action.trigger()
        await wait_until(lambda: question(w) is not None)
        box = question(w)
        assert box is not None
        box.quit_button.click()
        await wait_until(lambda: bool(closed))
        assert not w.isVisible()

    run_window(qloop, qtbot, make_ctx(tmp_path), body, active_jobs=jobs)
    assert closed == [True]


def test_close_button_asks_too_and_one_job_reads_singular(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path
) -> None:
    async def body(w: MainWindow) -> None:
        event = CloseButton()
        QApplication.sendEvent(w, event)
        assert not event.isAccepted()  # the window stays while the question is open
        await wait_until(lambda: question(w) is not None)
        box = question(w)
        assert box is not None
        assert box.text() == "1 job is still waiting or processing."
        assert "picks it up" in box.informativeText()
        box.quit_button.click()
        await wait_until(lambda: not w.isVisible())

    run_window(qloop, qtbot, make_ctx(tmp_path), body, active_jobs=Jobs(1))


def test_no_question_without_active_jobs(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path
) -> None:
    jobs = Jobs(0)

    async def body(w: MainWindow) -> None:
        event = CloseButton()
        QApplication.sendEvent(w, event)
        assert event.isAccepted()
        await asyncio.sleep(0.05)
        assert question(w) is None

    run_window(qloop, qtbot, make_ctx(tmp_path), body, active_jobs=jobs)
    assert jobs.asked == 1  # it did look


def test_close_from_code_never_waits_for_an_answer(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path
) -> None:
    """The app's shutdown and `--smoke-test` call window.close() with jobs still running."""
    jobs = Jobs(5)

    async def body(w: MainWindow) -> None:
        assert w.close() is True
        assert not w.isVisible()
        await asyncio.sleep(0.05)
        assert question(w) is None

    run_window(qloop, qtbot, make_ctx(tmp_path), body, active_jobs=jobs)
    assert jobs.asked == 0


def test_running_uploads_alone_ask_and_say_they_continue_next_time(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path
) -> None:
    uploads = Jobs(2)

    async def body(w: MainWindow) -> None:
        w.quit_gate.count_uploads(uploads)
        event = CloseButton()
        QApplication.sendEvent(w, event)
        assert not event.isAccepted()
        await wait_until(lambda: question(w) is not None)
        box = question(w)
        assert box is not None
        assert box.text() == "2 uploads are still going."
        assert "continue from where they stopped" in box.informativeText()
        assert "server" not in box.informativeText()  # no jobs: nothing about the server
        box.cancel_button.click()
        await wait_until(lambda: question(w) is None)
        assert w.isVisible()
        uploads.n = 0
        event = CloseButton()
        QApplication.sendEvent(w, event)
        assert event.isAccepted()  # nothing running any more: no question

    run_window(qloop, qtbot, make_ctx(tmp_path), body, active_jobs=Jobs(0))
    assert uploads.asked == 2


def test_jobs_and_uploads_are_both_named(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path
) -> None:
    async def body(w: MainWindow) -> None:
        w.quit_gate.count_uploads(Jobs(1))
        w.quit_action.trigger()
        await wait_until(lambda: question(w) is not None)
        box = question(w)
        assert box is not None
        assert box.text() == "4 jobs are still waiting or processing.\n1 upload is still going."
        info = box.informativeText()
        assert "keep running on the server" in info
        assert "parts already sent are not sent again" in info
        box.quit_button.click()
        await wait_until(lambda: not w.isVisible())

    run_window(qloop, qtbot, make_ctx(tmp_path), body, active_jobs=Jobs(4))
