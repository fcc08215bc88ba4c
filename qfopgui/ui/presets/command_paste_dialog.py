"""Edit as command: paste fops, a qshell pfop line or a processing URL, see what the form reads.

Reading is core's ``edit_as_command``; this dialog lists, for each command, its kind, every
parameter the form cannot hold (by name) and its problems, live while typing. The editor applies
the readings (replacing the preset's commands or adding to them).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qfopgui.core.preset_form import FormKind, FormReading, command_from_form, edit_as_command
from qfopgui.ui.presets.field_widgets import without_mnemonic
from qfopgui.ui.translated_messages import problem_text
from qfopgui.ui.widgets.padded_rows import PaddedRows

_PROBLEM = QColor("#c0392b")


class CommandPasteDialog(QDialog):
    """``readings()`` after it was accepted; ``replace_chosen()``: Replace (True) or Add."""

    def __init__(self, parent: QWidget | None = None, *, text: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("command_paste_dialog")
        self.setWindowTitle(self.tr("Edit as command"))
        self._readings: list[FormReading] = []
        self._replace = True
        col = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "&Paste one or more fop commands (separated by ; or new lines), a qshell pfop "
                "command line, or a processing URL."
            ),
            self,
        )
        intro.setWordWrap(True)
        col.addWidget(intro)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setObjectName("paste_edit")
        self.text_edit.setAccessibleName(self.tr("Commands to read"))
        self.text_edit.setPlaceholderText(
            "avthumb/mp4/s/1280x720/crf/23;vframe/jpg/offset/1\n"
            "qshell pfop <bucket> <key> 'avthumb/mp4/vb/1m'\n"
            "https://example.com/video.mp4?vframe/jpg/offset/1"
        )
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        intro.setBuddy(self.text_edit)
        col.addWidget(self.text_edit, 2)
        found = QLabel(self.tr("&What the form reads:"), self)
        col.addWidget(found)
        self.readings_list = QListWidget(self)
        self.readings_list.setObjectName("readings_list")
        self.readings_list.setAccessibleName(self.tr("What the form reads"))
        self.readings_list.setWordWrap(True)
        self.readings_list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.readings_list.setAlternatingRowColors(True)
        self.readings_list.setSpacing(2)
        self.readings_list.setItemDelegate(PaddedRows(self.readings_list))  # no cut lines
        found.setBuddy(self.readings_list)
        col.addWidget(self.readings_list, 3)

        buttons = QDialogButtonBox(self)
        self.replace_button = QPushButton(self.tr("&Replace commands"), self)
        self.replace_button.setObjectName("replace_button")
        self.replace_button.setToolTip(self.tr("Use these commands instead of the preset's own"))
        self.add_button = QPushButton(self.tr("&Add to preset"), self)
        self.add_button.setObjectName("add_button")
        self.add_button.setToolTip(self.tr("Add these commands after the preset's own"))
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancel_button")
        for button in (self.replace_button, self.add_button):
            button.setAccessibleName(without_mnemonic(button.text()))
            button.setAutoDefault(False)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.replace_button.clicked.connect(lambda: self._choose(replace=True))
        self.add_button.clicked.connect(lambda: self._choose(replace=False))
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)

        self.text_edit.textChanged.connect(self._read)
        self.resize(620, 440)
        self.text_edit.setPlainText(text)
        self._read()

    def readings(self) -> list[FormReading]:
        """Every command read, usable (``kind`` set) or not."""
        return list(self._readings)

    def replace_chosen(self) -> bool:
        return self._replace

    def _choose(self, *, replace: bool) -> None:
        self._replace = replace
        self.accept()

    def _read(self) -> None:
        text = self.text_edit.toPlainText()
        self._readings = edit_as_command(text) if text.strip() else []
        self.readings_list.clear()
        for number, reading in enumerate(self._readings, 1):
            self._add_item(number, reading)
        usable = any(r.kind is not None for r in self._readings)
        self.replace_button.setEnabled(usable)
        self.add_button.setEnabled(usable)

    def _add_item(self, number: int, reading: FormReading) -> None:
        lines = [self._heading(number, reading)]
        if reading.source:
            lines.append(reading.source)
        if reading.kind is not None and reading.unrepresented:
            lines.append(
                self.tr("Not kept by the form: %1").replace("%1", ", ".join(reading.unrepresented))
            )
        problems = list(reading.problems)
        if reading.kind is not None:
            problems += command_from_form(reading.kind, reading.values).problems
        lines += [problem_text(p, subject=False) for p in problems]
        item = QListWidgetItem("\n".join(lines))
        item.setData(Qt.ItemDataRole.UserRole, number)
        notes = [problem_text(n, subject=False) for n in reading.notes]
        if notes:
            item.setToolTip("\n".join(notes))
        if reading.kind is None or problems:
            item.setForeground(QBrush(_PROBLEM))
        self.readings_list.addItem(item)

    def _heading(self, number: int, reading: FormReading) -> str:
        kinds = {
            FormKind.AVTHUMB: self.tr("Transcode video/audio (avthumb)"),
            FormKind.VFRAME: self.tr("Snapshot (vframe)"),
            FormKind.VSAMPLE: self.tr("Frames at intervals (vsample)"),
        }
        kind = kinds[reading.kind] if reading.kind is not None else self.tr("Cannot be used")
        return self.tr("Command %1: %2").replace("%1", str(number)).replace("%2", kind)
