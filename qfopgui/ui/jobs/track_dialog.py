"""Track job ID…: follow pfop jobs submitted elsewhere (qshell, the console, a script)."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]{5,127}$")


def parse_ids(text: str) -> tuple[list[str], list[str]]:
    """(valid ids, invalid entries) from text with one id per line (commas/spaces allowed too)."""
    good: list[str] = []
    bad: list[str] = []
    for part in re.split(r"[\s,;]+", text):
        if not part:
            continue
        (good if _ID.match(part) else bad).append(part)
    return list(dict.fromkeys(good)), bad


class TrackDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Track job ID"))
        self.resize(480, 280)
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("Paste the job IDs (persistentId) of jobs submitted elsewhere, "
                               "one per line. They are added to Jobs and followed like your "
                               "own."), self)  # fmt: skip
        intro.setWordWrap(True)
        self.ids_edit = QPlainTextEdit(self)
        self.ids_edit.setObjectName("ids_edit")
        self.ids_edit.setPlaceholderText("z0.01z001cq8ry9gcvxo00mu1ys5p000crp")
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #c0392b")
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(intro)
        lay.addWidget(self.ids_edit, 1)
        lay.addWidget(self.error_label)
        lay.addWidget(self.buttons)
        self.ids_edit.textChanged.connect(self._validate)
        self._validate()

    def ids(self) -> list[str]:
        return parse_ids(self.ids_edit.toPlainText())[0]

    def _validate(self) -> None:
        good, bad = parse_ids(self.ids_edit.toPlainText())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(good) and not bad)
        ok.setText(self.tr("Track 1 job") if len(good) == 1 else
                   self.tr("Track %1 jobs").replace("%1", str(len(good))))  # fmt: skip
        self.error_label.setText(
            self.tr("Not a job ID: %1").replace("%1", ", ".join(bad[:3])) if bad else ""
        )
        self.error_label.setVisible(bool(bad))
