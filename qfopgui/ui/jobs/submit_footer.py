"""The bottom of the Transcode dialog: the problem line, the summary, progress and buttons.

Only words and widgets: the dialog decides what to show, this says it (checking and
submitting progress, "3 jobs · 5 outputs · 1 not sent · pipeline …", the first problem).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from qfopgui.core.fops import Problem
from qfopgui.services.preflight_runner import PreflightStep
from qfopgui.ui.translated_messages import problem_text


class SubmitFooter(QWidget):
    """``cancel_button`` and ``submit_button`` are the dialog's to connect."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("problem_label")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #c0392b")
        self.problem_label.hide()
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("summary_label")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("submit_progress")
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.submit_button = QPushButton(self)
        self.submit_button.setObjectName("submit_button")
        self.submit_button.setAccessibleName(self.tr("Submit"))
        self.submit_button.setDefault(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.summary_label, 1)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.submit_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.problem_label)
        lay.addLayout(row)

    def show_problems(self, problems: Sequence[Problem], field_label: Callable[[str], str]) -> None:
        """The first problem, naming its field, and how many more there are."""
        self.problem_label.setText(self._problem_sentence(problems, field_label))
        self.problem_label.setVisible(bool(problems))

    def show_message(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))

    def _problem_sentence(
        self, problems: Sequence[Problem], field_label: Callable[[str], str]
    ) -> str:
        if not problems:
            return ""
        first = problems[0]
        text = (
            self.tr("%1: %2")
            .replace("%1", field_label(first.field))
            .replace("%2", problem_text(first))
        )
        others = len({(p.field, p.message) for p in problems}) - 1
        if others > 0:
            text += " " + (
                self.tr("(and 1 more problem; see the preview)")
                if others == 1
                else self.tr("(and %1 more problems; see the preview)").replace("%1", str(others))
            )
        return text

    def show_counts(self, jobs: int, outputs: int, left_out: int, pipeline: str) -> None:
        self.submit_button.setText(
            self.tr("Submit 1 job")
            if jobs == 1
            else self.tr("Submit %1 jobs").replace("%1", f"{jobs:,}")
        )
        parts = [
            self.tr("1 job") if jobs == 1 else self.tr("%1 jobs").replace("%1", f"{jobs:,}"),
            self.tr("1 output")
            if outputs == 1
            else self.tr("%1 outputs").replace("%1", f"{outputs:,}"),
        ]
        if left_out:
            parts.append(
                self.tr("1 not sent (see the preview)")
                if left_out == 1
                else self.tr("%1 not sent (see the preview)").replace("%1", f"{left_out:,}")
            )
        parts.append(self.tr("pipeline %1").replace("%1", pipeline))
        self.summary_label.setText(" · ".join(parts))

    def show_planning(self, done: int, total: int) -> None:
        self.summary_label.setText(
            self.tr("Checking names… %1 of %2")
            .replace("%1", f"{done:,}")
            .replace("%2", f"{total:,}")
        )

    def show_check_progress(self, step: PreflightStep, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        text = (
            self.tr("Checking %1 of %2 outputs…")
            if step is PreflightStep.OUTPUTS
            else self.tr("Reading the picture size of %1 of %2 files…")
        )
        self.progress.setFormat(text.replace("%1", f"{done:,}").replace("%2", f"{total:,}"))

    def show_submit_progress(self, done: int, total: int, *, stopping: bool) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        shown = done if stopping else min(total, done + 1)
        self.progress.setFormat(
            self.tr("Submitting %1 of %2").replace("%1", str(shown)).replace("%2", str(total))
        )

    def set_busy(self, busy: bool) -> None:
        self.submit_button.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.summary_label.setVisible(not busy)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Stop") if busy else self.tr("Cancel"))

    def set_stopping(self) -> None:
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Stopping…"))
