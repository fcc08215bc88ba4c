"""Right-click and the Menu key on the Jobs and Files tables, the batch bar's Copy links, and
Ctrl+Shift+C in Files: each reaches the shared links flow with the right jobs or files."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QStandardItem, QStandardItemModel
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableView, QToolButton, QVBoxLayout, QWidget

from qfopgui.core.jobs import JobState
from qfopgui.services.profiles import Profile
from qfopgui.ui.files.files_context_menu import FilesContextMenu
from qfopgui.ui.jobs.jobs_context_menu import JobsContextMenu
from qfopgui.ui.jobs.jobs_model import JobsModel
from qfopgui.ui.jobs.jobs_view import JobsView
from tests.gui.links.conftest import make_record
from tests.helpers.aio import wait_until

pytestmark = [
    pytest.mark.gui,
    # the offscreen platform cannot raise a popup or grab the keyboard for it; harmless here
    pytest.mark.qt_log_ignore(
        r"This plugin does not support raise\(\)", "This plugin does not support grabbing"
    ),
]


def _no_questions(_question: Any, _ok: str) -> Any:
    raise AssertionError("nothing should be asked")


def settle(loop: asyncio.AbstractEventLoop) -> None:
    """Let the Qt loop run a moment, as it does between two things a user does."""
    loop.run_until_complete(asyncio.sleep(0.05))


def right_click(table: QTableView, row: int, loop: asyncio.AbstractEventLoop) -> None:
    """A real right-click: through the window, so Qt makes the context-menu event itself."""
    settle(loop)  # what the click lands on is laid out (a user is never faster)
    pos = table.visualRect(table.model().index(row, 0)).center()
    window = table.window()
    at = table.viewport().mapTo(window, pos)
    handle, button, none = window.windowHandle(), Qt.MouseButton.RightButton, Qt.KeyboardModifier(0)
    QTest.mousePress(handle, button, none, at)
    settle(loop)  # the menu opens on the press, as on Linux and Windows
    QTest.mouseRelease(handle, button, none, at)


def menu_key(table: QTableView) -> None:
    """What the platform sends for the Menu key (or Shift+F10) on the focused table."""
    at = QPoint(5, 5)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, at, table.mapToGlobal(at), Qt.KeyboardModifier(0)
    )
    QApplication.sendEvent(table, event)


def texts(menu: Any) -> list[str]:
    return [a.text() for a in menu.actions()]


@pytest.fixture
def jobs(links: Any, qtbot: Any) -> Any:
    """A Jobs view over two batches; in b1 a failed job was retried (the retry is done)."""
    failed = make_record(batch_id="b1", state=JobState.FAILED)
    b1 = [make_record(batch_id="b1") for _ in range(2)]
    b1.append(make_record(batch_id="b1", retry_of=failed.id))
    b2 = [make_record(batch_id="b2") for _ in range(2)]
    model = JobsModel()
    model.set_records([failed, *b1, *b2])
    view = JobsView(model)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    links.flow.ask_options = _no_questions
    menu = JobsContextMenu(view, links.flow)
    return type("Jobs", (), {"view": view, "menu": menu, "b1": b1, "b2": b2, "failed": failed})


def urls(records: list[Any]) -> list[str]:
    return [f"https://media.example.com/{o}" for r in records for o in r.outputs]


def test_jobs_table_right_click_offers_links_first_then_the_views_actions(
    links: Any, jobs: Any
) -> None:
    view, menu = jobs.view, jobs.menu
    view.select_job(jobs.b1[0].id)
    right_click(view.table, view.table.currentIndex().row(), links.loop)
    assert menu.menu.isVisible()
    assert texts(menu.menu) == [
        "Copy links",
        "Copy links of this batch",
        "Export links…",
        "",
        "Copy job ID",
        "",
        "Retry",
        "Remove from list",
        "",
        "Link options…",
    ]
    # the view's own actions, not copies: the same shortcuts, the same enabled state
    assert view.copy_links_action in menu.menu.actions()
    assert view.retry_action in menu.menu.actions()
    assert menu.batch_links_action.isEnabled()
    menu.menu.hide()

    menu.batch_links_action.trigger()
    links.loop.run_until_complete(wait_until(lambda: links.copied))
    assert sorted(links.copied[-1].split("\n")) == sorted(urls(jobs.b1))  # retried one left out
    assert links.shell.status["jobs-action"] == "Copied 6 links"

    retried: list[Any] = []
    view.retry_requested.connect(retried.append)
    menu_key(view.table)
    assert menu.menu.isVisible()
    next(a for a in menu.menu.actions() if a.text() == "Retry").trigger()
    assert [[r.id for r in rs] for rs in retried] == [[jobs.b1[0].id]]
    menu.menu.hide()


def test_batch_bar_copies_the_links_of_the_batches_shown(links: Any, jobs: Any) -> None:
    view = jobs.view
    view.set_batches(["b2"])
    button = view.batch_bar.findChild(QToolButton, "batch_bar_copy_links")
    assert button is not None
    assert button.isVisible()
    assert button.accessibleName() == "Copy links"
    assert view.batch_bar.findChild(QToolButton, "batch_bar_export_links").isVisible()
    button.click()
    links.loop.run_until_complete(wait_until(lambda: links.copied))
    assert sorted(links.copied[-1].split("\n")) == sorted(urls(jobs.b2))


class FakeFiles(QWidget):
    """The Files view's public API the menu uses: a table, its selected keys, bucket, account."""

    def __init__(self, keys: list[str]) -> None:
        super().__init__()
        self.model = QStandardItemModel(self)
        for key in keys:
            self.model.appendRow(QStandardItem(key))
        self._table = QTableView(self)
        self._table.setModel(self.model)
        QVBoxLayout(self).addWidget(self._table)

    @property
    def table(self) -> QTableView:
        return self._table

    def selected_keys(self) -> list[str]:
        rows = sorted(i.row() for i in self._table.selectionModel().selectedRows())
        return [self.model.item(r).text() for r in rows]

    def current_bucket(self) -> str | None:
        return "media"

    def current_profile(self) -> Profile | None:
        return Profile("demo", "AK")


def test_files_menu_and_ctrl_shift_c_copy_the_selected_files_links(links: Any, qtbot: Any) -> None:
    files = FakeFiles(["a.mp4", "b.jpg", "new\nline.txt"])
    qtbot.addWidget(files)
    files.show()
    qtbot.waitExposed(files)
    links.flow.ask_options = _no_questions
    menu = FilesContextMenu(files, links.flow)
    table = files.table
    right_click(table, 0, links.loop)  # nothing selected before: the click selects the row
    assert menu.menu.isVisible()
    assert texts(menu.menu) == ["Copy links", "Export links…", "Copy keys", "", "Link options…"]
    assert menu.copy_links_action.isEnabled()
    menu.menu.hide()

    sel = table.selectionModel()
    sel.select(
        files.model.index(2, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    table.setFocus()
    QTest.keyClick(
        table,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    links.loop.run_until_complete(wait_until(lambda: links.copied))
    assert (
        links.copied[-1]
        == "https://media.example.com/a.mp4\nhttps://media.example.com/new%0Aline.txt"
    )
    menu.copy_keys_action.trigger()
    assert links.copied[-1] == "a.mp4\nnew\\x0aline.txt"

    sel.clearSelection()
    menu_key(table)
    assert menu.menu.isVisible()
    assert not menu.copy_links_action.isEnabled()  # nothing selected: nothing to copy
    assert menu.options_action.isEnabled()
    menu.menu.hide()
