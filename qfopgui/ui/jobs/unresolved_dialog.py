"""Submissions whose outcome is unknown (the app stopped, or pfop timed out).

They may or may not have reached the server, so the app never resubmits them by itself: the
user chooses, per job, to submit again (with overwrite) or to discard the row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qfopgui.core.jobs import JobRecord
from qfopgui.ui.human_readable import exact_time
from qfopgui.ui.jobs.jobs_model import command_names
from qfopgui.ui.translated_messages import failure_text


class UnresolvedDialog(QDialog):
    """Signals: resolve_requested(list[JobRecord], bool resubmit)."""

    resolve_requested = Signal(object, bool)

    def __init__(self, records: Sequence[JobRecord], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Submissions that need your decision"))
        self.resize(760, 360)
        lay = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "These jobs were being submitted when the app stopped or the server did not "
                "answer, so they may or may not be running. Check their outputs if you can, then "
                "submit them again (existing outputs are overwritten) or discard them."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setHeaderLabels(
            [self.tr("File"), self.tr("Preset"), self.tr("Submitted"), self.tr("Why")]
        )
        self.tree.setColumnWidth(0, 220)
        self.tree.setColumnWidth(1, 140)
        self.tree.setColumnWidth(2, 130)
        self.resubmit_button = QPushButton(self.tr("Submit again"), self)
        self.resubmit_button.setObjectName("resubmit_button")
        self.discard_button = QPushButton(self.tr("Discard"), self)
        self.discard_button.setObjectName("discard_button")
        later = QPushButton(self.tr("Decide later"), self)
        later.clicked.connect(self.reject)
        self.resubmit_button.clicked.connect(self._on_resubmit)
        self.discard_button.clicked.connect(self._on_discard)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("For the selected jobs:"), self))
        row.addWidget(self.resubmit_button)
        row.addWidget(self.discard_button)
        row.addStretch(1)
        row.addWidget(later)
        lay.addWidget(intro)
        lay.addWidget(self.tree, 1)
        lay.addLayout(row)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.set_records(records)

    def set_records(self, records: Iterable[JobRecord]) -> None:
        self.tree.clear()
        for r in records:
            when = exact_time(datetime.fromtimestamp(r.submitted_at, UTC))
            error = failure_text(r)
            item = QTreeWidgetItem([r.key, command_names(r), when, error])
            item.setData(0, Qt.ItemDataRole.UserRole, r)
            item.setToolTip(3, error)
            self.tree.addTopLevelItem(item)
        self.tree.selectAll()
        self._update_buttons()

    def records(self) -> list[JobRecord]:
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [i.data(0, Qt.ItemDataRole.UserRole) for i in items if i is not None]

    def remove_ids(self, ids: Iterable[int]) -> None:
        gone = set(ids)
        self.set_records(r for r in self.records() if r.id not in gone)
        if not self.tree.topLevelItemCount():
            self.accept()

    def _selected(self) -> list[JobRecord]:
        return [i.data(0, Qt.ItemDataRole.UserRole) for i in self.tree.selectedItems()]

    def _update_buttons(self) -> None:
        n = len(self.tree.selectedItems())
        for b in (self.resubmit_button, self.discard_button):
            b.setEnabled(n > 0)

    def _on_resubmit(self) -> None:
        self._resolve(True)

    def _on_discard(self) -> None:
        self._resolve(False)

    def _resolve(self, resubmit: bool) -> None:
        records = self._selected()
        if records:
            self.resolve_requested.emit(records, resubmit)
