"""The line above the Transfers table: "3 of 10 files · 45 MB of 120 MB · 4.2 MB/s · about 18 s
left" and a bar for the whole run, plus the sentence said when a run ends."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from qfopgui.ui.human_readable import human_duration, human_size
from qfopgui.ui.uploads.upload_run import RunFigures

STEPS = 1000


def _t(text: str) -> str:
    return QCoreApplication.translate("OverallLine", text)


def overall_text(f: RunFigures) -> str:
    """While files are on their way: how many, how much, how fast, how long."""
    if not f.files_total:
        return ""
    if f.ended:
        return finished_text(f)
    parts = [
        _t("%1 of %2 files").replace("%1", f"{f.files_done:,}").replace("%2", f"{f.files_total:,}"),
        _t("%1 of %2")
        .replace("%1", human_size(f.bytes_sent))
        .replace("%2", human_size(f.bytes_total)),
    ]
    if f.speed > 0:
        parts.append(_t("%1/s").replace("%1", human_size(int(f.speed))))
    left = f.seconds_left
    if left is not None:
        parts.append(_t("about %1 left").replace("%1", human_duration(max(1.0, left))))
    if f.failed:
        parts.append(_t("%1 failed").replace("%1", f"{f.failed:,}"))
    return " · ".join(parts)


def finished_text(f: RunFigures) -> str:
    """Said when a run ends: "12 files uploaded, 1 failed"."""
    if f.files_done == 1:
        text = _t("1 file uploaded")
    else:
        text = _t("%1 files uploaded").replace("%1", f"{f.files_done:,}")
    if f.failed:
        text = _t("%1, %2 failed").replace("%1", text).replace("%2", f"{f.failed:,}")
    return text


class OverallLine(QWidget):
    """A label and a progress bar for the current run; hidden when nothing was uploaded yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overall_line")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setObjectName("overall_text")
        self.bar = QProgressBar(self)
        self.bar.setObjectName("overall_bar")
        self.bar.setAccessibleName(_t("Progress of all uploads"))
        self.bar.setRange(0, STEPS)
        self.bar.setTextVisible(True)
        self.bar.setMaximumWidth(260)
        row.addWidget(self.label, 1)
        row.addWidget(self.bar)
        self.figures = RunFigures()
        self.setVisible(False)

    def show_figures(self, f: RunFigures) -> None:
        self.figures = f
        text = overall_text(f)
        self.label.setText(text)
        self.label.setToolTip(text)
        self.bar.setValue(round(f.fraction * STEPS))
        self.bar.setFormat(f"{int(f.fraction * 100)}%")
        self.setVisible(bool(text))
