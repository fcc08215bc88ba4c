"""What the Presets feature asks the user, as awaitables (window-modal ``open()``, no ``exec()``).

The controller depends on the ``PresetsQuestions`` protocol, so tests answer without dialogs.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from qfopgui.services.preset_import import ConflictChoice, ImportPlan
from qfopgui.ui.background import run_dialog
from qfopgui.ui.presets.import_conflicts_dialog import ImportConflictsDialog
from qfopgui.ui.widgets.confirm import confirm

JSON_FILTER = "JSON (*.json)"


class UnsavedAnswer(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class PresetsQuestions(Protocol):
    async def unsaved(self, name: str) -> UnsavedAnswer: ...

    async def confirm_delete(self, name: str) -> bool: ...

    async def new_name(self, initial: str) -> str | None: ...

    async def import_path(self) -> Path | None: ...

    async def export_path(self, suggested: str) -> Path | None: ...

    async def conflicts(self, plan: ImportPlan) -> dict[str, ConflictChoice] | None: ...

    async def tell(self, title: str, text: str, *, error: bool = False) -> None: ...


class DialogQuestions(QObject):
    """The real dialogs, window-modal over ``parent``."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent

    async def unsaved(self, name: str) -> UnsavedAnswer:
        box = QMessageBox(self._parent)
        box.setObjectName("presets_unsaved_question")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setText(self.tr("The preset “%1” has changes that are not saved.").replace("%1", name))
        box.setInformativeText(self.tr("Save them before going on?"))
        save = box.addButton(QMessageBox.StandardButton.Save)
        discard = box.addButton(QMessageBox.StandardButton.Discard)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        for button, name, spoken in (
            (save, "unsaved_save", self.tr("Save the changes")),
            (discard, "unsaved_discard", self.tr("Discard the changes")),
            (cancel, "unsaved_cancel", self.tr("Keep editing")),
        ):
            button.setObjectName(name)
            button.setAccessibleName(spoken)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        try:
            await run_dialog(box)
            clicked = box.clickedButton()
        finally:
            box.deleteLater()
        if clicked is save:
            return UnsavedAnswer.SAVE
        if clicked is discard:
            return UnsavedAnswer.DISCARD
        return UnsavedAnswer.CANCEL

    async def confirm_delete(self, name: str) -> bool:
        return await confirm(
            self._parent,
            self.tr("Delete preset"),
            self.tr(
                "Delete the preset “%1”? This cannot be undone; export it first to keep a copy."
            ).replace("%1", name),
            self.tr("Delete"),
        )

    async def new_name(self, initial: str) -> str | None:
        dialog = QInputDialog(self._parent)
        dialog.setObjectName("presets_name_question")
        dialog.setWindowTitle(self.tr("Save as"))
        dialog.setLabelText(self.tr("Name of the new preset:"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(initial)
        edit = dialog.findChild(QLineEdit)
        if edit is not None:  # Qt's own field: named like the label, wide enough for a name
            edit.setObjectName("presets_new_name")
            edit.setAccessibleName(self.tr("Name of the new preset"))
            edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * 40)
        try:
            result = await run_dialog(dialog)
            text = dialog.textValue().strip()
        finally:
            dialog.deleteLater()
        return text if result and text else None

    async def import_path(self) -> Path | None:
        dialog = QFileDialog(self._parent, self.tr("Import presets"), "", JSON_FILTER)
        dialog.setObjectName("presets_import_file")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        return await _chosen(dialog)

    async def export_path(self, suggested: str) -> Path | None:
        dialog = QFileDialog(self._parent, self.tr("Export presets"), suggested, JSON_FILTER)
        dialog.setObjectName("presets_export_file")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("json")
        return await _chosen(dialog)

    async def conflicts(self, plan: ImportPlan) -> dict[str, ConflictChoice] | None:
        dialog = ImportConflictsDialog(plan, self._parent)
        try:
            result = await run_dialog(dialog)
            return dialog.decisions() if result else None
        finally:
            dialog.deleteLater()

    async def tell(self, title: str, text: str, *, error: bool = False) -> None:
        box = QMessageBox(self._parent)
        box.setObjectName("presets_message")
        box.setIcon(QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information)
        box.setWindowTitle(title)
        box.setText(text)
        box.addButton(QMessageBox.StandardButton.Ok)
        try:
            await run_dialog(box)
        finally:
            box.deleteLater()


async def _chosen(dialog: QFileDialog) -> Path | None:
    try:
        result = await run_dialog(dialog)
        files = dialog.selectedFiles()
    finally:
        dialog.deleteLater()
    return Path(files[0]) if result and files else None
