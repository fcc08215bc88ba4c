"""The fixed row at the bottom of Files → Details: Open and Copy link for the selected file.

The row never moves or changes its buttons: they are disabled, not hidden, when they do not
apply (no file, several files). Open asks for the object's download URL (signed for a private
bucket, valid for an hour) and hands it to the system (`opener`, QDesktopServices.openUrl by
default: a seam for tests). When there is no URL, or no program took it, a note above the row
says why and offers the link to copy.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from qfopgui.ui.background import TaskOwner
from qfopgui.ui.translated_messages import api_error_text

Opener = Callable[[QUrl], bool]
ResolveUrl = Callable[[str, str, str], Awaitable[str]]  # (profile, bucket, key) → URL
Target = tuple[str, str, str]  # profile, bucket, key

TASK = "files:open"


def open_in_system(url: QUrl) -> bool:
    return QDesktopServices.openUrl(url)


def to_qurl(url: str) -> QUrl:
    """The URL exactly as made (already percent-encoded): a private link's signature covers
    its bytes, so Qt must not re-encode them."""
    return QUrl.fromEncoded(url.encode("utf-8"), QUrl.ParsingMode.StrictMode)


class DetailsActions(QWidget):
    """Signals: copy_link_requested(bucket, key) — the jobs feature resolves and copies it."""

    copy_link_requested = Signal(str, str)

    def __init__(
        self,
        tasks: TaskOwner,
        resolve: ResolveUrl | None,
        *,
        opener: Opener = open_in_system,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("details_actions")
        self._tasks = tasks
        self._resolve = resolve
        self.opener = opener
        self._target: Target | None = None
        self._notice_url = ""
        col = QVBoxLayout(self)
        col.setContentsMargins(6, 4, 6, 6)
        self.notice = QFrame()
        self.notice.setObjectName("details_open_notice")
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(self.notice)
        box.setContentsMargins(6, 4, 6, 4)
        self.notice_text = QLabel()
        self.notice_text.setObjectName("details_open_notice_text")
        self.notice_text.setWordWrap(True)
        box.addWidget(self.notice_text)
        self.notice_copy = QPushButton(self.tr("Copy link"))
        self.notice_copy.setObjectName("details_notice_copy_button")
        self.notice_copy.setAccessibleName(self.tr("Copy the link that could not be opened"))
        self.notice_copy.clicked.connect(self._copy_notice_url)
        notice_row = QHBoxLayout()
        notice_row.addWidget(self.notice_copy)
        notice_row.addStretch(1)
        box.addLayout(notice_row)
        self.notice.hide()
        col.addWidget(self.notice)
        row = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName("details_open_button")
        self.open_button.setAccessibleName(self.tr("Open the selected file"))
        self.open_button.setToolTip(
            self.tr("Open the file with the program your system uses for links (browser, player)")
        )
        self.open_button.clicked.connect(self.open_current)
        row.addWidget(self.open_button)
        self.copy_button = QPushButton(self.tr("Copy link"))
        self.copy_button.setObjectName("details_copy_link_button")
        self.copy_button.setAccessibleName(self.tr("Copy the link of the selected file"))
        self.copy_button.setToolTip(self.tr("Copy the file's download link"))
        self.copy_button.clicked.connect(self._copy_link_clicked)
        row.addWidget(self.copy_button)
        row.addStretch(1)
        col.addLayout(row)
        self.set_target(None)

    def set_target(self, target: Target | None) -> None:
        """The file the buttons act on (None: disabled); a new file clears the note."""
        if target != self._target:
            self.hide_notice()
        self._target = target
        self.open_button.setEnabled(target is not None and self._resolve is not None)
        self.copy_button.setEnabled(target is not None)

    def target(self) -> Target | None:
        return self._target

    def open_current(self) -> None:
        if self._target is None or self._resolve is None:
            return
        coro = self.open_target(self._target)
        try:
            self._tasks.start(coro, name=TASK)  # a result for a file no longer shown is dropped
        except RuntimeError:  # no running loop, or the app is quitting
            coro.close()

    async def open_target(self, target: Target) -> bool:
        """Resolve and open; True when the system took the link (else the note says why)."""
        if self._resolve is None:
            return False
        name = target[2].rsplit("/", 1)[-1] or target[2]
        self.hide_notice()
        try:
            url = await self._resolve(*target)
        except LookupError as exc:
            if target == self._target:
                self.show_notice(
                    self.tr("“%1” cannot be opened: %2")
                    .replace("%1", name)
                    .replace("%2", api_error_text(exc)),
                    url="",
                )
            return False
        if target != self._target:
            return False  # another file was selected meanwhile
        qurl = to_qurl(url)
        if not qurl.isValid():
            self.show_notice(
                self.tr("The link of “%1” is not a valid address.").replace("%1", name), url=url
            )
            return False
        if not self.opener(qurl):
            self.show_notice(
                self.tr(
                    "No program on this computer opened “%1”. "
                    "Copy the link and open it in a browser or player."
                ).replace("%1", name),
                url=url,
            )
            return False
        return True

    def show_notice(self, text: str, *, url: str) -> None:
        self._notice_url = url
        self.notice_text.setText(text)
        self.notice_copy.setText(self.tr("Copy link"))
        self.notice_copy.setEnabled(bool(url))
        self.notice.show()

    def hide_notice(self) -> None:
        self._notice_url = ""
        self.notice.hide()

    def _copy_notice_url(self) -> None:
        if self._notice_url:
            QGuiApplication.clipboard().setText(self._notice_url)
            self.notice_copy.setText(self.tr("Link copied"))

    def _copy_link_clicked(self) -> None:
        if self._target is not None:
            self.copy_link_requested.emit(self._target[1], self._target[2])
