"""Choosing files or a folder to upload, with the platform's dialog, awaited without a nested
event loop (`QFileDialog.open()`, not the static getters that call `exec()`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from qfopgui.ui.background import run_dialog

# (parent, folder?, start directory) → the chosen paths ([] when cancelled)
ChoosePaths = Callable[[QWidget, bool, str], Awaitable[list[Path]]]


async def choose_local_paths(parent: QWidget, folder: bool, start: str) -> list[Path]:
    dialog = QFileDialog(parent)
    dialog.setObjectName("upload_folder_chooser" if folder else "upload_files_chooser")
    if folder:
        dialog.setWindowTitle(QCoreApplication.translate("FileChooser", "Upload a folder"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    else:
        dialog.setWindowTitle(QCoreApplication.translate("FileChooser", "Upload files"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    if start:
        dialog.setDirectory(start)
    try:
        if await run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return []
        return [Path(p) for p in dialog.selectedFiles() if p]
    finally:
        dialog.deleteLater()
