"""One pre-flight question: a sentence, the affected items in a scrollable list, and choices.

Used for outputs that already exist (Overwrite / Skip those / Cancel), outputs that could not be
checked (Send anyway / Cancel), never-upscale changes (Send / Cancel) and blocking problems
(Close). "Copy all" puts the listed keys on the clipboard, one per line, for a script or a
ticket. Awaited with `run_dialog` (window-modal, no nested event loop).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qfopgui.ui.background import run_dialog
from qfopgui.ui.widgets.padded_rows import PaddedRows


@dataclass(frozen=True)
class Choice:
    """A button: ``id`` is what `ask` returns, ``text`` its label."""

    id: str
    text: str
    default: bool = False


class PreflightQuestion(QDialog):
    """``choice`` is the id of the button pressed ("" when closed with Esc or the title bar)."""

    def __init__(
        self,
        *,
        title: str,
        text: str,
        lines: Sequence[str],
        choices: Sequence[Choice],
        copy_lines: Sequence[str] = (),
        name: str = "preflight_question",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.choice = ""
        self._copy = "\n".join(copy_lines)
        self.text_label = QLabel(text, self)
        self.text_label.setObjectName("question_text")
        self.text_label.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("question_list")
        self.list.setAccessibleName(title)
        for line in lines:
            self.list.addItem(line)
            self.list.item(self.list.count() - 1).setToolTip(line)
        self.list.setVisible(bool(lines))
        self.list.setWordWrap(True)  # the sentences wrap; a long key is elided in the middle
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setItemDelegate(PaddedRows(self.list))  # wrapped Chinese lines are not cut
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        em = self.fontMetrics().averageCharWidth()
        self.list.setMinimumWidth(em * 72)
        rows = min(max(len(lines), 3), 8)
        self.list.setMinimumHeight((self.fontMetrics().height() + 4) * rows + 8 if lines else 0)
        buttons = QHBoxLayout()
        self.copy_button = QPushButton(self.tr("Copy all"), self)
        self.copy_button.setObjectName("copy_all_button")
        self.copy_button.setAccessibleName(self.tr("Copy all the names to the clipboard"))
        self.copy_button.setToolTip(self.tr("Copy every name in the list, one per line"))
        self.copy_button.setVisible(bool(self._copy))
        self.copy_button.clicked.connect(self._copy_all)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        self._buttons: dict[str, QPushButton] = {}
        for choice in choices:
            button = QPushButton(choice.text, self)
            button.setObjectName(f"{choice.id}_button")
            button.setAccessibleName(choice.text)
            button.setAutoDefault(choice.default)
            button.setDefault(choice.default)
            button.clicked.connect(lambda _=False, c=choice.id: self._choose(c))
            buttons.addWidget(button)
            self._buttons[choice.id] = button
        lay = QVBoxLayout(self)
        lay.addWidget(self.text_label)
        lay.addWidget(self.list, 1)
        lay.addLayout(buttons)
        wide = any(self.fontMetrics().horizontalAdvance(line) > em * 72 for line in lines)
        if len(lines) > 8 or wide:  # more room, within a 1024×700 screen
            tall = 440 if len(lines) > 8 else self.sizeHint().height()
            self.resize(
                self.sizeHint().expandedTo(QSize(em * 100, tall)).boundedTo(QSize(900, 560))
            )

    def button(self, choice_id: str) -> QPushButton:
        return self._buttons[choice_id]

    def _choose(self, choice_id: str) -> None:
        self.choice = choice_id
        self.accept()

    def _copy_all(self) -> None:
        clipboard = QApplication.clipboard()
        clipboard.setText(self._copy)
        self.copy_button.setText(self.tr("Copied"))


async def ask(question: PreflightQuestion) -> str:
    """Show the question and wait for an answer; the dialog is deleted afterwards."""
    try:
        await run_dialog(question)
        return question.choice
    finally:
        question.deleteLater()
