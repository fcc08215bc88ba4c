"""The widgets the Files → Details pane is built from.

The pane rebuilds its body on every change; these pieces (labels that fit long keys, the
facts grid, one job's box under "Outputs of this file") hold no state of the pane, so they
live here and the pane keeps only selection, loading and layout.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.ui import human_readable as fmt
from qfopgui.ui.jobs.job_details import command_views
from qfopgui.ui.jobs.jobs_model import status_text
from qfopgui.ui.jobs.status_icons import STATUS_COLOURS, status_icon
from qfopgui.ui.translated_messages import preset_display_name
from qfopgui.ui.widgets.name_elide import elide_name


class ElidedLabel(QLabel):
    """One line, shortened in the middle to fit (keys have no spaces to wrap at) — or, for a
    file name, at the end of its stem keeping the extension; the full text is in the tooltip."""

    def __init__(
        self, text: str, parent: QWidget | None = None, *, file_name: bool = False
    ) -> None:
        super().__init__(parent)
        self._full = text
        self._file_name = file_name
        self.setToolTip(text)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = max(0, self.width())
        if self._file_name:
            self.setText(elide_name(self._full, self.fontMetrics(), width))
            return
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, width))


def selectable_label(text: str, *, name: str = "", style: str = "") -> QLabel:
    """A wrapping label whose text can be selected (and copied) with the mouse."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    if style:
        label.setStyleSheet(style)
    return label


def facts_grid(rows: list[tuple[str, str, str, str]]) -> QGridLayout:
    """(object name, label, value, tooltip) rows in a two-column grid."""
    grid = QGridLayout()
    grid.setColumnStretch(1, 1)
    for n, (name, label, value, tip) in enumerate(rows):
        head = QLabel(label)
        head.setStyleSheet("color: gray")
        grid.addWidget(head, n, 0, Qt.AlignmentFlag.AlignTop)
        cell = ElidedLabel(value)
        cell.setObjectName(name)
        cell.setToolTip(tip or value)
        cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(cell, n, 1)
    return grid


class OutputJobBox(QFrame):
    """One job made from the file: status, when, and per command its preset and output key,
    with a Copy link button for finished outputs.

    Signals: copy_link_requested(bucket, key).
    """

    copy_link_requested = Signal(str, str)

    def __init__(self, rec: JobRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("output_job")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        col = QVBoxLayout(self)
        col.setContentsMargins(6, 4, 6, 4)
        head = QHBoxLayout()
        pic = QLabel()
        pic.setPixmap(status_icon(rec.state).pixmap(16, 16))
        head.addWidget(pic)
        word = QLabel(status_text(rec.state))
        word.setObjectName("output_status")
        word.setStyleSheet(f"color: {STATUS_COLOURS[rec.state]}; font-weight: bold")
        head.addWidget(word)
        submitted = datetime.fromtimestamp(rec.submitted_at, UTC)
        when = QLabel("· " + fmt.relative_time(submitted))
        when.setToolTip(fmt.exact_time(submitted))
        when.setStyleSheet("color: gray")
        head.addWidget(when, 1)
        col.addLayout(head)
        bucket = rec.output_bucket or rec.bucket
        for cmd in command_views(rec):
            done = cmd.state in (JobState.DONE, JobState.NOTIFY_FAILED)
            row = QHBoxLayout()
            text = QVBoxLayout()
            text.setSpacing(0)
            text.addWidget(ElidedLabel(preset_display_name(cmd.preset)))  # never wider
            key = ElidedLabel(cmd.output_key or "—")
            key.setObjectName("output_key")
            key.setStyleSheet("color: gray" if not done else "")
            text.addWidget(key)
            row.addLayout(text, 1)
            if done and cmd.output_key:
                link = QPushButton(self.tr("Copy link"))
                link.setObjectName("copy_link_button")
                link.setProperty("output", [bucket, cmd.output_key])
                link.clicked.connect(self._on_copy_link_clicked)
                row.addWidget(link, 0, Qt.AlignmentFlag.AlignVCenter)
            col.addLayout(row)

    def _on_copy_link_clicked(self) -> None:
        sender = self.sender()
        value = sender.property("output") if sender is not None else None
        if isinstance(value, list) and len(value) == 2:
            self.copy_link_requested.emit(str(value[0]), str(value[1]))
