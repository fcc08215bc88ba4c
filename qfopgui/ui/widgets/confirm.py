"""Dialogs, and small awaitable helpers for asking the user something from a coroutine."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from qfopgui.ui.background import run_dialog


async def confirm(parent: QWidget | None, title: str, text: str, ok_text: str) -> bool:
    """Ask a yes/no question without a nested event loop (window-modal `open()`)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    ok = box.addButton(ok_text, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    try:
        await run_dialog(box)
        return box.clickedButton() is ok
    finally:
        box.deleteLater()
