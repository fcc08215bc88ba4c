"""The one dialog before a batch goes up: where it goes, what is left out and why, what to do
with files already there, and Transcode on upload.

Every drop and every Upload… ends here, so nothing is sent before the user has seen the
problems and answered the conflict question. A batch with nothing to upload says so and offers
only Close. Awaited with `ask()` (window-modal `open()`, no nested event loop).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qfopgui.core.presets import Preset
from qfopgui.services.upload_types import ConflictChoice, TranscodeOnUpload, UploadScan
from qfopgui.ui.background import run_dialog
from qfopgui.ui.human_readable import human_size
from qfopgui.ui.uploads.conflict_question import ConflictBox
from qfopgui.ui.uploads.scan_problems import ProblemsList
from qfopgui.ui.uploads.transcode_box import TranscodeBox
from qfopgui.ui.uploads.transfer_texts import place_text


@dataclass(frozen=True)
class UploadChoice:
    conflicts: ConflictChoice
    transcode: TranscodeOnUpload | None


class UploadDialog(QDialog):
    """``choice()`` once accepted; see the module docstring."""

    def __init__(
        self,
        scan: UploadScan,
        *,
        presets: Sequence[Preset],
        checked: Sequence[str],
        pipelines: Sequence[str],
        default_pipeline: str,
        roots: Sequence[Path] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("upload_dialog")
        self.scan = scan
        self._place = place_text(scan.bucket, scan.prefix)
        n = len(scan.items)
        self.setWindowTitle(
            self.tr("Nothing to upload")
            if not n
            else self.tr("Upload 1 file")
            if n == 1
            else self.tr("Upload %1 files").replace("%1", f"{n:,}")
        )
        self.summary = QLabel(self._summary_text(), self)
        self.summary.setObjectName("upload_summary")
        self.summary.setWordWrap(True)
        self.problems = ProblemsList(scan.problems, roots, self)
        existing = [i.key for i in scan.items if i.key in scan.existing]
        self.conflicts = ConflictBox(existing, self._place, self) if existing else None
        self.transcode = TranscodeBox(presets, checked, pipelines, default_pipeline, self)
        self.transcode.setVisible(bool(n))
        self.cancel_button = QPushButton(self.tr("Cancel") if n else self.tr("Close"), self)
        self.cancel_button.setObjectName("upload_cancel_button")
        self.cancel_button.setAccessibleName(self.cancel_button.text())
        self.cancel_button.clicked.connect(self.reject)
        self.upload_button = QPushButton(self)
        self.upload_button.setObjectName("upload_button")
        self.upload_button.setDefault(bool(n))
        self.upload_button.setAutoDefault(bool(n))
        self.upload_button.setVisible(bool(n))
        self.upload_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.upload_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.problems)
        if self.conflicts is not None:
            lay.addWidget(self.conflicts)
            self.conflicts.changed.connect(self._update_button)
        lay.addWidget(self.transcode, 2)
        lay.addLayout(buttons)
        self.transcode.changed.connect(self._update_button)
        self._update_button()
        (self.upload_button if n else self.cancel_button).setFocus()
        em = self.fontMetrics().averageCharWidth()
        self.resize(
            max(min(em * 110, 760), self.sizeHint().width()), min(self.sizeHint().height(), 640)
        )

    def _summary_text(self) -> str:
        items = self.scan.items
        if not items:
            n = len(self.scan.problems)
            if n == 0:
                return self.tr("There are no files in what was dropped: nothing to upload.")
            return (
                self.tr("This file cannot be uploaded. Fix the problem below, then try again.")
                if n == 1
                else self.tr(
                    "None of these %1 files can be uploaded. Fix the problems below, then try "
                    "again."
                ).replace("%1", f"{n:,}")
            )
        size = human_size(sum(i.size for i in items))
        text = (
            self.tr("Upload 1 file (%2) to %3.")
            if len(items) == 1
            else self.tr("Upload %1 files (%2) to %3.").replace("%1", f"{len(items):,}")
        )
        return text.replace("%2", size).replace("%3", self._place)

    def uploading_count(self) -> int:
        """How many files the chosen answer sends (skipped ones are not)."""
        n = len(self.scan.items)
        if self.conflicts is not None and self.conflicts.choice() is ConflictChoice.SKIP:
            n -= sum(1 for i in self.scan.items if i.key in self.scan.existing)
        return n

    def _update_button(self) -> None:
        n = self.uploading_count()
        if n == 0:
            text = self.tr("Nothing to upload")
        elif n == 1:
            text = self.tr("&Upload 1 file")
        else:
            text = self.tr("&Upload %1 files").replace("%1", f"{n:,}")
        self.upload_button.setText(text)
        self.upload_button.setAccessibleName(text.replace("&", ""))
        self.upload_button.setEnabled(n > 0 and self.transcode.is_valid())

    def choice(self) -> UploadChoice:
        conflicts = self.conflicts.choice() if self.conflicts is not None else ConflictChoice.SKIP
        return UploadChoice(conflicts, self.transcode.choice())

    async def ask(self) -> UploadChoice | None:
        """Show the dialog; the answer, or None when the user cancelled."""
        result = await run_dialog(self)
        return self.choice() if result == QDialog.DialogCode.Accepted else None
