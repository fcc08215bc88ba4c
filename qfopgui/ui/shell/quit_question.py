"""The question before quitting with jobs still running: they go on without the app."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


class QuitQuestion(QMessageBox):
    """The question "N jobs are still waiting or processing" with Quit (default) and Cancel.

    Shown with `run_dialog` (window-modal `open()`), never `exec()`.
    """

    def __init__(self, active_jobs: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quit_question")
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Quit qfopgui?"))
        if active_jobs == 1:
            self.setText(self.tr("1 job is still waiting or processing."))
            more = self.tr(
                "It keeps running on the server, and qfopgui picks it up the next time it starts."
            )
        else:
            self.setText(
                self.tr("%1 jobs are still waiting or processing.").replace(
                    "%1", f"{active_jobs:,}"
                )
            )
            more = self.tr(
                "They keep running on the server, and qfopgui picks them up the next time it "
                "starts."
            )
        self.setInformativeText(more)
        self.quit_button: QPushButton = self.addButton(
            self.tr("Quit"), QMessageBox.ButtonRole.AcceptRole
        )
        self.quit_button.setAccessibleName(self.tr("Quit qfopgui"))
        cancel = self.addButton(QMessageBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel and keep qfopgui open"))
        self.cancel_button = cancel
        self.setDefaultButton(self.quit_button)
        self.setEscapeButton(cancel)

    def quit_chosen(self) -> bool:
        return self.clickedButton() is self.quit_button
