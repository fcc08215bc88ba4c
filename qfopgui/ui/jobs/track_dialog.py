"""Track job ID…: follow pfop jobs submitted elsewhere (qshell, the console, a script).

The dialog stays open until the jobs service has asked the server about every ID: pieces that
are not job IDs, and IDs the server does not know, are listed right here with the user's text
kept as typed, so nothing is added on a guess.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from qfopgui.core.job_rules import parse_job_ids
from qfopgui.services.job_tracking import TrackResult


def _quoted(pieces: tuple[str, ...], limit: int = 3) -> str:
    shown = "  ".join(f"“{p}”" for p in pieces[:limit])
    return shown + (" …" if len(pieces) > limit else "")


class TrackDialog(QDialog):
    """Signals: track_requested(str) — the text as typed; the controller answers with
    `show_result` (problems, dialog stays open) or `accept()`."""

    track_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Track job ID"))
        self.resize(480, 280)
        lay = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Paste the job IDs (persistentId) of jobs submitted elsewhere, "
                "one per line. They are added to Jobs and followed like your "
                "own."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.ids_edit = QPlainTextEdit(self)
        self.ids_edit.setObjectName("ids_edit")
        self.ids_edit.setAccessibleName(self.tr("Job IDs"))
        self.ids_edit.setPlaceholderText("z0.01z001cq8ry9gcvxo00mu1ys5p000crp")
        self.error_label = QLabel(self)
        self.error_label.setObjectName("track_error")
        self.error_label.setStyleSheet("color: #c0392b")
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setAccessibleName(self.tr("Track"))
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(intro)
        lay.addWidget(self.ids_edit, 1)
        lay.addWidget(self.error_label)
        lay.addWidget(self.buttons)
        self.ids_edit.textChanged.connect(self._validate)
        self._busy = False
        self._validate()

    def ids(self) -> list[str]:
        return list(parse_job_ids(self.ids_edit.toPlainText()).ids)

    def _validate(self) -> None:
        parsed = parse_job_ids(self.ids_edit.toPlainText())
        good, bad = parsed.ids, parsed.invalid
        self.ok_button.setEnabled(bool(good) and not bad and not self._busy)
        self.ok_button.setText(
            self.tr("Track 1 job")
            if len(good) == 1
            else self.tr("Track %1 jobs").replace("%1", str(len(good)))
        )
        self._set_error(self.tr("Not a job ID: %1").replace("%1", _quoted(bad)) if bad else "")

    def _set_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _on_ok(self) -> None:
        if self.ok_button.isEnabled():
            self.track_requested.emit(self.ids_edit.toPlainText())

    def set_busy(self, busy: bool) -> None:
        """While the server is asked: no second click, and the user sees why."""
        self._busy = busy
        self.ids_edit.setReadOnly(busy)
        if busy:
            self._set_error("")
            self.ok_button.setText(self.tr("Checking…"))
            self.ok_button.setEnabled(False)
        else:
            self._validate()

    def show_result(self, result: TrackResult) -> None:
        """Say what could not be tracked; what was added is already in the Jobs list."""
        lines: list[str] = []
        if result.parsed.invalid:
            lines.append(self.tr("Not a job ID: %1").replace("%1", _quoted(result.parsed.invalid)))
        if result.unknown:
            lines.append(
                self.tr(
                    "The server does not know these job IDs (they may have expired, or "
                    "belong to another account): %1"
                ).replace("%1", _quoted(result.unknown))
            )
        for pid, why in result.unchecked[:3]:
            lines.append(
                self.tr("%1 could not be checked: %2").replace("%1", f"“{pid}”").replace("%2", why)
            )
        if result.added or result.already:
            n = len(result.added) + len(result.already)
            lines.append(self.tr("%1 of the IDs are now in Jobs.").replace("%1", str(n)))
        self._set_error("\n".join(lines))
