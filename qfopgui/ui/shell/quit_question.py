"""The question before quitting with work still going: jobs go on without the app, uploads
stop and continue at the next start."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


class QuitQuestion(QMessageBox):
    """ "N jobs are still waiting or processing" and/or "N uploads are still going", with Quit
    (default) and Cancel.

    Shown with `run_dialog` (window-modal `open()`), never `exec()`.
    """

    def __init__(
        self, active_jobs: int, parent: QWidget | None = None, *, active_uploads: int = 0
    ) -> None:
        super().__init__(parent)
        self.setObjectName("quit_question")
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Quit qfopgui?"))
        lines, more = [], []
        if active_jobs == 1:
            lines.append(self.tr("1 job is still waiting or processing."))
            more.append(
                self.tr(
                    "It keeps running on the server, and qfopgui picks it up the next time it "
                    "starts."
                )
            )
        elif active_jobs > 1:
            lines.append(
                self.tr("%1 jobs are still waiting or processing.").replace(
                    "%1", f"{active_jobs:,}"
                )
            )
            more.append(
                self.tr(
                    "They keep running on the server, and qfopgui picks them up the next time it "
                    "starts."
                )
            )
        if active_uploads == 1:
            lines.append(self.tr("1 upload is still going."))
        elif active_uploads > 1:
            lines.append(
                self.tr("%1 uploads are still going.").replace("%1", f"{active_uploads:,}")
            )
        if active_uploads > 0:
            more.append(
                self.tr(
                    "Uploads stop now and continue from where they stopped the next time "
                    "qfopgui starts; parts already sent are not sent again."
                )
            )
        self.setText("\n".join(lines))
        self.setInformativeText("\n\n".join(more))
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
