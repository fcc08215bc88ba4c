"""The Jobs view: filter chips with counts, pipeline/batch/text filters, table and details.

The view only shows things and says what the user asked for (signals); `JobsFeature` does the
work. Counts are recomputed at most a few times a second, however fast updates arrive.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qfopgui.core.jobs import JobRecord
from qfopgui.ui.jobs.job_details import JobDetails
from qfopgui.ui.jobs.jobs_filter import Chip, JobsFilter, chip_counts
from qfopgui.ui.jobs.jobs_model import Column, JobRole, JobsModel
from qfopgui.ui.jobs.verification_text import warned_count
from qfopgui.ui.widgets.chips import CHIP_STYLE
from qfopgui.ui.widgets.name_elide import NameElideDelegate

_ALL_PIPELINES = "\x00all"


class JobsView(QWidget):
    """Signals:
    retry_requested(list[JobRecord]), retry_all_failed_requested(), track_requested(),
    remove_requested(list[JobRecord]), export_requested(list[JobRecord]) (the rows shown),
    copy_link_requested(bucket, key), open_requested(bucket, key), shown().
    """

    retry_requested = Signal(object)
    retry_all_failed_requested = Signal()
    track_requested = Signal()
    remove_requested = Signal(object)
    export_requested = Signal(object)
    copy_links_requested = Signal(object)  # records: the selection, else every row shown
    copy_link_requested = Signal(str, str)
    open_requested = Signal(str, str)
    shown = Signal()

    def __init__(self, model: JobsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("jobs_view")
        self.model = model
        self.proxy = JobsFilter(self)
        self.proxy.setSourceModel(model)
        self._counts_timer = QTimer(self, singleShot=True, interval=250)
        self._counts_timer.timeout.connect(self.update_counts)
        for sig in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.dataChanged):
            sig.connect(self._on_model_changed)

        root = QVBoxLayout(self)
        root.addLayout(self._build_filters())
        root.addWidget(self._build_batch_bar())
        root.addLayout(self._build_actions())
        self.table = self._build_table()
        self.details = JobDetails(self)
        self.details.copy_link_requested.connect(self.copy_link_requested)
        self.details.open_requested.connect(self.open_requested)
        self.details.retry_requested.connect(self.retry_requested)
        self.details.remove_requested.connect(self.remove_requested)
        self.empty_label = QLabel(
            self.tr("No jobs yet. Choose files in Files and press Transcode… to start."), self
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: gray")
        left = QWidget(self)
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        left_lay.addWidget(self.empty_label)
        left_lay.addWidget(self.table, 1)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([700, 340])
        root.addWidget(self.splitter, 1)
        self.update_counts()

    # --- building --------------------------------------------------------------------------

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.chip_group = QButtonGroup(self)
        self.chip_group.setExclusive(True)
        self.chips: dict[Chip, QToolButton] = {}
        for chip in Chip:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setObjectName(f"chip_{chip.name.lower()}")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setStyleSheet(CHIP_STYLE)
            self.chip_group.addButton(button, int(chip))
            self.chips[chip] = button
            row.addWidget(button)
        self.chips[Chip.ALL].setChecked(True)
        self.chip_group.idClicked.connect(self._on_chip_clicked)
        row.addSpacing(12)
        self.pipeline_combo = QComboBox(self)
        self.pipeline_combo.setObjectName("pipeline_filter")
        self.pipeline_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.pipeline_combo.addItem(self.tr("All pipelines"), _ALL_PIPELINES)
        self.pipeline_combo.currentIndexChanged.connect(self._on_pipeline_chosen)
        row.addWidget(self.pipeline_combo)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("jobs_search")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(self.tr("Search by job ID or file name"))
        self.search_edit.textChanged.connect(self.proxy.set_text)
        row.addWidget(self.search_edit, 1)
        return row

    def _build_batch_bar(self) -> QWidget:
        self.batch_bar = QWidget(self)
        lay = QHBoxLayout(self.batch_bar)
        lay.setContentsMargins(0, 0, 0, 0)
        self.batch_label = QLabel(self.batch_bar)
        clear = QPushButton(self.tr("Show all jobs"), self.batch_bar)
        clear.clicked.connect(self.show_all_batches)
        lay.addWidget(self.batch_label, 1)
        lay.addWidget(clear)
        self.batch_bar.hide()
        return self.batch_bar

    def _action(self, text: str, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.retry_failed_button = QPushButton(self.tr("Retry all failed"), self)
        self.retry_failed_button.setObjectName("retry_failed_button")
        self.retry_failed_button.setDefault(True)
        self.retry_failed_button.setToolTip(
            self.tr("Submit every failed job again, overwriting partial outputs")
        )
        self.retry_failed_button.clicked.connect(self.retry_all_failed_requested)
        self.retry_action = self._action(self.tr("Retry"), self._on_retry, "Ctrl+R")
        self.retry_action.setToolTip(self.tr("Submit the selected jobs again (overwrites)"))
        self.track_action = self._action(self.tr("Track job ID…"), self.track_requested)
        self.remove_action = self._action(
            self.tr("Remove from list"), self._on_remove, QKeySequence.StandardKey.Delete
        )
        self.remove_action.setToolTip(
            self.tr("Stop following the selected jobs. Jobs already on the server keep running.")
        )
        self.export_action = self._action(self.tr("Export CSV…"), self._on_export)
        self.copy_action = self._action(
            self.tr("Copy job ID"), self.copy_selected_ids, QKeySequence.StandardKey.Copy
        )
        self.copy_links_action = self._action(
            self.tr("Copy links"), self._on_copy_links, "Ctrl+Shift+C"
        )
        self.copy_links_action.setToolTip(
            self.tr(
                "Copy the download links of the outputs of the selected jobs (all jobs shown "
                "when none is selected), one per line (Ctrl+Shift+C)"
            )
        )
        row.addWidget(self.retry_failed_button)
        for action in (
            self.retry_action,
            self.track_action,
            self.remove_action,
            self.export_action,
            self.copy_links_action,
        ):
            button = QToolButton(self)
            button.setDefaultAction(action)
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("jobs_table")
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(Column.SUBMITTED, Qt.SortOrder.DescendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)  # presets, pipelines
        # file names end-elided keeping the extension: two files never look the same
        table.setItemDelegateForColumn(Column.FILE, NameElideDelegate(table))
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        head = table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(Column.FILE, QHeaderView.ResizeMode.Stretch)
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        em = self.fontMetrics().averageCharWidth()
        bold = head.fontMetrics()
        for col, chars in (
            (Column.STATUS, 16),  # "Needs decision", "Check output" and their icon
            (Column.PRESETS, 20),
            (Column.PIPELINE, 10),
            (Column.SUBMITTED, 10),
            (Column.TOOK, 8),
        ):
            title = str(self.model.headerData(col, Qt.Orientation.Horizontal))
            # wide enough for the header and its sort arrow, in every language
            head.resizeSection(col, max(em * chars + 16, bold.horizontalAdvance(title) + 28))
        sel = table.selectionModel()
        sel.currentRowChanged.connect(self._on_current_changed)
        sel.selectionChanged.connect(self._on_selection_changed)
        return table

    # --- state -----------------------------------------------------------------------------

    def _on_chip_clicked(self, chip: int) -> None:
        self.proxy.set_chip(Chip(chip))

    def show_all_batches(self) -> None:
        self.set_batch("")

    def add_batch_action(self, action: QAction) -> QToolButton:
        """A button for `action` on the batch bar, before "Show all jobs" (Copy links…)."""
        button = QToolButton(self.batch_bar)
        button.setDefaultAction(action)
        lay = self.batch_bar.layout()
        assert isinstance(lay, QHBoxLayout)
        lay.insertWidget(lay.count() - 1, button)
        return button

    def selected_records(self) -> list[JobRecord]:
        rows = self.table.selectionModel().selectedRows()
        return [r.data(JobRole) for r in rows]

    def visible_records(self) -> list[JobRecord]:
        return [self.proxy.index(r, 0).data(JobRole) for r in range(self.proxy.rowCount())]

    def current_record(self) -> JobRecord | None:
        idx = self.table.selectionModel().currentIndex()
        rec = idx.data(JobRole) if idx.isValid() else None
        return rec if isinstance(rec, JobRecord) else None

    def _on_current_changed(self, *_args: object) -> None:
        self.refresh_details()

    def _on_selection_changed(self, *_args: object) -> None:
        self.refresh_details()

    def refresh_details(self) -> None:
        """Show the selection (one job, or a summary of several); also after model updates."""
        selected = self.selected_records()
        if len(selected) > 1:
            self.details.set_records([self.model.get(r.id) or r for r in selected])
        else:
            rec = self.current_record()
            if rec is not None:
                rec = self.model.get(rec.id) or rec
            self.details.set_record(rec)
        self._update_actions()

    def select_job(self, job_id: int) -> None:
        row = self.model.row_of(job_id)
        if row is None:
            return
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        if idx.isValid():
            self.table.selectionModel().setCurrentIndex(
                idx,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def set_chip(self, chip: Chip) -> None:
        self.chips[chip].setChecked(True)
        self.proxy.set_chip(chip)

    def set_batch(self, batch_id: str, label: str = "") -> None:
        self.set_batches([batch_id] if batch_id else [], label)

    def set_batches(self, batch_ids: Sequence[str], label: str = "") -> None:
        """Show only these batches ([] = all jobs), with a bar saying so."""
        self.proxy.set_batches(batch_ids)
        if not label and len(batch_ids) == 1:
            label = self.tr("Showing batch %1").replace("%1", batch_ids[0])
        elif not label:
            label = self.tr("Showing %1 batches").replace("%1", str(len(batch_ids)))
        self.batch_label.setText(label)
        self.batch_bar.setVisible(bool(batch_ids))

    def set_pipelines(self, names: list[str]) -> None:
        """Pipelines offered in the filter (the profile's plus those seen in jobs)."""
        current = self.pipeline_combo.currentData()
        self.pipeline_combo.blockSignals(True)
        self.pipeline_combo.clear()
        self.pipeline_combo.addItem(self.tr("All pipelines"), _ALL_PIPELINES)
        for name in dict.fromkeys(names):
            self.pipeline_combo.addItem(name or self.tr("shared public queue"), name)
        i = self.pipeline_combo.findData(current)
        self.pipeline_combo.setCurrentIndex(max(0, i))
        self.pipeline_combo.blockSignals(False)

    def _on_pipeline_chosen(self, _i: int) -> None:
        data = self.pipeline_combo.currentData()
        self.proxy.set_pipeline(None if data in (None, _ALL_PIPELINES) else str(data))

    def _on_model_changed(self, *_args: Any) -> None:
        if not self._counts_timer.isActive():
            self._counts_timer.start()

    def update_counts(self) -> None:
        records = self.model.records()
        counts = {**chip_counts(records), Chip.CHECK_OUTPUT: warned_count(records)}
        words = {
            Chip.ALL: self.tr("All"),
            Chip.ACTIVE: self.tr("Active"),
            Chip.DONE: self.tr("Done"),
            Chip.FAILED: self.tr("Failed"),
            Chip.UNRESOLVED: self.tr("Needs decision"),
            Chip.CHECK_OUTPUT: self.tr("Check output"),
        }
        for chip, button in self.chips.items():
            button.setText(f"{words[chip]} · {counts[chip]:,}")
            button.setAccessibleName(words[chip])
        for rare in (Chip.UNRESOLVED, Chip.CHECK_OUTPUT):  # shown when there is something
            self.chips[rare].setVisible(counts[rare] > 0 or self.chips[rare].isChecked())
        self.chips[Chip.CHECK_OUTPUT].setToolTip(
            self.tr("Done jobs whose outputs look wrong: missing, empty, too short or mis-sized")
        )
        retryable = counts[Chip.FAILED]  # the same number "Retry all failed" resubmits
        self.retry_failed_button.setEnabled(retryable > 0)
        self.retry_failed_button.setText(
            self.tr("Retry all failed (%1)").replace("%1", f"{retryable:,}")
            if retryable
            else self.tr("Retry all failed")
        )
        self.empty_label.setVisible(not records)
        self.table.setVisible(bool(records))
        self._update_actions()

    def _update_actions(self) -> None:
        selected = self.table.selectionModel().hasSelection()
        self.retry_action.setEnabled(selected)
        self.remove_action.setEnabled(selected)
        self.copy_action.setEnabled(selected)
        self.export_action.setEnabled(self.proxy.rowCount() > 0)
        self.copy_links_action.setEnabled(self.proxy.rowCount() > 0)

    # --- user actions ----------------------------------------------------------------------

    def _on_retry(self) -> None:
        records = self.selected_records()
        if records:
            self.retry_requested.emit(records)

    def _on_remove(self) -> None:
        records = self.selected_records()
        if records:
            self.remove_requested.emit(records)

    def _on_export(self) -> None:
        self.export_requested.emit(self.visible_records())

    def _on_copy_links(self) -> None:
        records = self.selected_records() or self.visible_records()
        if records:
            self.copy_links_requested.emit(records)

    def copy_selected_ids(self) -> None:
        ids = [r.persistent_id for r in self.selected_records() if r.persistent_id]
        if ids:
            QGuiApplication.clipboard().setText("\n".join(ids))

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.shown.emit()
