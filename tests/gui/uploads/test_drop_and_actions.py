"""Drag and drop onto the real Files view, and Upload… in the toolbar and the File menu.

The events are real `QDragEnterEvent`/`QDropEvent`s carrying a `QMimeData` with local file
URLs, sent to the widgets the user drops on (the table's viewport, the empty-folder panel).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from qfopgui.core.presets import BUILTIN_PRESETS
from qfopgui.services.profiles import Profile
from qfopgui.ui.shell.main_window import MainWindow
from qfopgui.ui.uploads.controller import UploadsController
from qfopgui.ui.uploads.feature import install_uploads_feature
from tests.gui.appfakes import FakeClient, make_ctx, obj
from tests.gui.uploads.fake_uploads import FakeUploads
from tests.helpers.aio import wait_until

pytestmark = pytest.mark.gui

PROFILE = Profile("demo", "AK-of-this-test-0123456789abcdef0123456")
ACTIONS = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction


def mime_of(*urls: QUrl) -> QMimeData:
    mime = QMimeData()
    mime.setUrls(list(urls))
    return mime


def drag_enter(widget: QWidget, mime: QMimeData) -> QDragEnterEvent:
    event = QDragEnterEvent(
        QPoint(20, 20), ACTIONS, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, event)
    return event


def drop(widget: QWidget, mime: QMimeData) -> QDropEvent:
    event = QDropEvent(
        QPointF(20, 20), ACTIONS, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, event)
    return event


Body = Callable[[MainWindow, UploadsController, FakeUploads], Coroutine[Any, Any, None]]


def run(qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, body: Body) -> None:
    client = FakeClient(objects={"media": [obj("videos/a.mp4"), obj("videos/b.mp4")]})
    ctx = make_ctx(tmp_path, client, profiles=[(PROFILE, "SK-0123456789abcdef0123456789")])
    uploads = FakeUploads()

    async def scenario() -> None:
        w = MainWindow(ctx, active_jobs=lambda: 0)
        qtbot.addWidget(w)
        controller = install_uploads_feature(w, ctx, uploads, lambda: BUILTIN_PRESETS)
        w.show()
        try:
            await wait_until(lambda: w.files_view.current_bucket() == "media")
            await body(w, controller, uploads)
        finally:
            await ctx.tasks.shutdown()

    qloop.run_until_complete(scenario())


def test_files_and_folders_dropped_on_the_table_upload_into_the_folder_shown(
    qloop: Any, qtbot: Any, tmp_path: Path
) -> None:
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"x" * 100)
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "c.mp4").write_bytes(b"y" * 10)

    async def body(w: MainWindow, c: UploadsController, uploads: FakeUploads) -> None:
        fv = w.files_view
        fv.open_folder("videos/")
        await wait_until(lambda: fv.model.rowCount() == 2 and not fv.model.loading)
        viewport = fv.table.viewport()
        mime = mime_of(QUrl.fromLocalFile(str(clip)), QUrl.fromLocalFile(str(folder)))
        enter = drag_enter(viewport, mime)
        assert enter.isAccepted()
        assert enter.dropAction() == Qt.DropAction.CopyAction  # never a move of the originals
        assert c.drops is not None
        hint = c.drops.hint(viewport)
        assert hint is not None
        assert hint.isVisible()
        assert hint.text() == "Drop to upload into media / videos/"
        dropped = drop(viewport, mime)
        assert dropped.isAccepted()
        assert not hint.isVisible()
        await wait_until(lambda: c.dialog is not None and c.dialog.isVisible())
        assert c.dialog is not None
        assert c.dialog.summary.text() == "Upload 2 files (110 bytes) to media / videos/."
        c.dialog.upload_button.click()
        await wait_until(lambda: uploads.enqueued)
        scan = uploads.enqueued[0][0]
        assert [i.key for i in scan.items] == ["videos/clip.mp4", "videos/more/c.mp4"]

    run(qloop, qtbot, tmp_path, body)


def test_an_empty_folder_takes_drops_too_and_nothing_is_taken_without_a_bucket(
    qloop: Any, qtbot: Any, tmp_path: Path
) -> None:
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"x")

    async def body(w: MainWindow, c: UploadsController, uploads: FakeUploads) -> None:
        fv = w.files_view
        fv.open_folder("empty/")
        await wait_until(lambda: fv.stack.currentWidget() is fv.message and not fv.model.loading)
        mime = mime_of(QUrl.fromLocalFile(str(clip)))
        assert drag_enter(fv.message, mime).isAccepted()
        assert c.drops is not None
        hint = c.drops.hint(fv.message)
        assert hint is not None
        assert hint.text() == "Drop to upload into media / empty/"
        # a web link is not a file: the drag is refused
        assert not drag_enter(fv.message, mime_of(QUrl("https://example.com/a.mp4"))).isAccepted()
        assert not hint.isVisible()
        drop(fv.message, mime)
        await wait_until(lambda: c.dialog is not None and c.dialog.isVisible())
        assert c.dialog is not None
        c.dialog.cancel_button.click()
        await wait_until(lambda: c.dialog is None)
        fv.set_profile(None)  # no bucket open: no drop, and Upload… is off
        await wait_until(lambda: not w.toolbar.upload_action.isEnabled())
        assert not drag_enter(fv.message, mime).isAccepted()
        assert uploads.scans == [("demo", "media", "empty/", [clip])]

    run(qloop, qtbot, tmp_path, body)


def test_upload_is_on_the_toolbar_in_a_file_menu_and_the_transfers_view_is_in_the_nav(
    qloop: Any, qtbot: Any, tmp_path: Path
) -> None:
    async def body(w: MainWindow, c: UploadsController, uploads: FakeUploads) -> None:
        menus = [a.text() for a in w.menuBar().actions()]
        assert menus[:3] == ["&File", "&Account", "&Help"]
        assert c.file_menu is not None
        assert [a.text() for a in c.file_menu.actions()] == ["Upload…", "Upload folder…"]
        upload = w.toolbar.upload_action
        assert upload.isEnabled()
        assert upload.shortcut() == QKeySequence("Ctrl+U")
        assert c.folder_action is not None
        assert c.folder_action.isEnabled()
        button = w.toolbar.widgetForAction(upload)
        assert button.objectName() == "upload_button"
        assert button.accessibleName() == "Upload files"
        assert "transfers" in w.views()
        uploads.add(key="videos/x.mp4")
        await wait_until(lambda: w.nav.item(w.nav.count() - 1).text() == "Transfers  1")

    run(qloop, qtbot, tmp_path, body)
