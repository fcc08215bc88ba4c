"""The preview box at the top of Files → Details: a poster frame or thumbnail, or why not.

The box keeps one size (16:9, at most 280×158) whatever it shows, so nothing below it moves when
a picture arrives. Pictures are decoded off the Qt thread (`decode_picture`: QImage is safe to
use in a worker; QPixmap is not, so the pixmap is made here, on the Qt thread).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from qfopgui.services.thumbnails import MediaKind, Reason, ThumbnailProblem
from qfopgui.ui.translated_messages import api_error_text
from qfopgui.ui.widgets.icons import icon

BOX = QSize(280, 158)  # 16:9
MIN_WIDTH = 160
_KIND_ICONS = {
    MediaKind.VIDEO: "video",
    MediaKind.IMAGE: "image",
    MediaKind.AUDIO: "audio",
    MediaKind.OTHER: "file",
}


def decode_picture(data: bytes) -> QImage:
    """The picture in `data` (a null QImage when it is not one). Safe in a worker thread."""
    image = QImage()
    image.loadFromData(data)
    return image


class ThumbnailView(QFrame):
    """Shows a picture scaled to fit (aspect kept), or a short text with the file kind's icon.

    Signals: activated — double-click (the pane opens the file).
    """

    activated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("details_thumbnail")
        self.setAccessibleName(self.tr("Preview of the selected file"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedHeight(BOX.height())
        self.setMinimumWidth(MIN_WIDTH)
        self.setMaximumWidth(BOX.width())
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._image: QImage | None = None
        self._col = col = QVBoxLayout(self)
        col.setContentsMargins(6, 6, 6, 6)
        col.addStretch(1)
        self._picture = QLabel()
        self._picture.setObjectName("thumbnail_picture")
        self._picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        col.addWidget(self._picture)
        self._text = QLabel()
        self._text.setObjectName("thumbnail_text")
        self._text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._text.setWordWrap(True)
        self._text.setStyleSheet("color: gray")
        self._text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        col.addWidget(self._text)
        col.addStretch(1)
        self.show_text("")

    def _picture_mode(self, on: bool) -> None:
        """A picture takes the whole box; a message sits in the middle with its icon."""
        policy = QSizePolicy.Policy.Ignored if on else QSizePolicy.Policy.Preferred
        self._picture.setSizePolicy(policy, policy)
        for index, stretch in enumerate((0, 1, 0, 0) if on else (1, 0, 0, 1)):
            self._col.setStretch(index, stretch)  # spacer, picture, text, spacer

    # --- state ---------------------------------------------------------------------------------

    def show_text(self, text: str, *, kind: MediaKind | None = None, tip: str = "") -> None:
        """A message instead of a picture (with the kind's icon when given)."""
        self._image = None
        self._picture_mode(False)
        self._picture.clear()
        if kind is not None:
            self._picture.setPixmap(icon(_KIND_ICONS[kind]).pixmap(QSize(40, 40)))
        self._text.setText(text)
        self._text.setVisible(bool(text))
        self.setToolTip(tip)

    def show_problem(self, problem: ThumbnailProblem) -> None:
        """Why there is no preview, in the user's language (what the server said as a tip)."""
        self.show_text(self.problem_text(problem), kind=problem.kind, tip=problem.detail)

    def problem_text(self, problem: ThumbnailProblem) -> str:
        if problem.reason is Reason.AUDIO:
            return self.tr("No preview for audio files")
        if problem.reason is Reason.NOT_PREVIEWABLE:
            return self.tr("No preview for this type of file")
        if problem.reason is Reason.NO_DOMAIN:
            return self.tr("Preview needs a download domain for this bucket")
        if problem.reason is Reason.UNREADABLE:
            if problem.kind is MediaKind.IMAGE:
                return self.tr("This file could not be read as an image")
            return self.tr("This file could not be read as video")
        why = api_error_text(problem.error) if problem.error is not None else ""
        return self.tr("The preview could not be loaded: %1").replace("%1", why)

    def show_loading(self, kind: MediaKind | None = None) -> None:
        self.show_text(self.tr("Loading preview…"), kind=kind)

    def show_image(self, image: QImage, tip: str = "") -> None:
        self._image = image
        self._picture_mode(True)
        self._text.clear()
        self._text.hide()
        self.setToolTip(tip)
        self._fit()

    def has_picture(self) -> bool:
        return self._image is not None

    def text(self) -> str:
        return self._text.text()

    def picture_size(self) -> QSize:
        """The size the picture is shown at (empty without one)."""
        pix = self._picture.pixmap()
        if self._image is None or pix.isNull():
            return QSize()
        return pix.deviceIndependentSize().toSize()

    def sizeHint(self) -> QSize:
        return BOX

    # --- events --------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit()
        super().mouseDoubleClickEvent(event)

    def _fit(self) -> None:
        if self._image is None:
            return
        room = self.contentsRect().size() - QSize(12, 12)
        if room.width() <= 0 or room.height() <= 0:
            return
        ratio = self.devicePixelRatioF()
        scaled = self._image.scaled(
            room * ratio,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        pix = QPixmap.fromImage(scaled)
        pix.setDevicePixelRatio(ratio)
        self._picture.setPixmap(pix)
