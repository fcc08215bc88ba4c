"""Drag and drop of local files and folders onto the Files view, with a visible hint.

An event filter on the widgets that show the folder (the table's viewport, the empty-state
panel) so the Files view itself needs no drop code. The drop is offered as a copy (never a
move: a file manager must not delete the originals) and only while a bucket is open.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, Signal
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QLabel, QWidget

HINT_STYLE = (
    "QLabel#drop_hint { border: 2px dashed palette(highlight); border-radius: 6px;"
    " background: rgba(74, 144, 217, 40); color: palette(text); font-weight: bold;"
    " padding: 12px; }"
)


def local_paths(mime: QMimeData | None) -> list[Path]:
    """The local files and folders a drag carries (web links and the like are left out)."""
    if mime is None or not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


class DropHint(QLabel):
    """ "Drop to upload into media / videos/" over the whole target while a drag is over it.

    Transparent for the mouse, so the drag events still reach the widget underneath.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("drop_hint")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setStyleSheet(HINT_STYLE)
        self.hide()

    def show_over(self, text: str) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect().adjusted(4, 4, -4, -4))
        self.setText(text)
        self.show()
        self.raise_()


class DropTarget(QObject):
    """Signals: dropped(list[Path]) — what the user dropped, while `where()` named a folder.

    `where()` says where a drop would go ("media / videos/"), or None when nothing can be
    uploaded now (no bucket open).
    """

    dropped = Signal(list)

    def __init__(self, where: Callable[[], str | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._where = where
        self._hints: dict[QObject, DropHint] = {}

    def watch(self, widget: QWidget) -> None:
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)
        self._hints[widget] = DropHint(widget)

    def hint(self, widget: QObject) -> DropHint | None:
        return self._hints.get(widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        hint = self._hints.get(watched)
        if hint is None:
            return False
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if not isinstance(event, QDragMoveEvent):  # QDragEnterEvent is one too
                return False
            where = self._where()
            if not where or not local_paths(event.mimeData()):
                event.ignore()
                hint.hide()
                return True
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            if kind == QEvent.Type.DragEnter or not hint.isVisible():
                hint.show_over(self.tr("Drop to upload into %1").replace("%1", where))
            return True
        if kind == QEvent.Type.DragLeave:
            hint.hide()
            return True
        if kind == QEvent.Type.Drop:
            hint.hide()
            if not isinstance(event, QDropEvent):
                return False
            paths = local_paths(event.mimeData())
            if not paths or not self._where():
                event.ignore()
                return True
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self.dropped.emit(paths)
            return True
        if kind == QEvent.Type.Resize and hint.isVisible():
            hint.show_over(hint.text())
        return False
