"""A centred message with an optional button, shown in place of a table (empty states, errors)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from qfopgui.ui.translated_messages import api_error_text


def error_text(exc: BaseException) -> str:
    """The person-readable part of an error (QiniuError translated, else its text)."""
    return api_error_text(exc)


class MessagePanel(QWidget):
    """A centred message with an optional button: empty states and errors in place of the table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.addStretch(1)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        col.addWidget(self.label)
        self.button = QPushButton()
        col.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        col.addStretch(2)
        self._action: Callable[[], object] | None = None
        self.button.clicked.connect(self._on_button_clicked)

    def _on_button_clicked(self) -> None:
        if self._action is not None:
            self._action()

    def show_message(
        self, text: str, button: str | None = None, action: Callable[[], object] | None = None
    ) -> None:
        self.label.setText(text)
        self.button.setVisible(bool(button))
        self.button.setText(button or "")
        self._action = action
