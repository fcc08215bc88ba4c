"""The Transfers view: the overall line, the actions, the table of transfers and a details line.

The view shows and asks (signals); the controller does the work. What the buttons may do is
worked out from the model's running counts and the selection, at most once per event-loop turn.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qfopgui.services.upload_types import ACTIVE_STATES, Transfer, TransferState
from qfopgui.ui.uploads.overall_line import OverallLine
from qfopgui.ui.uploads.progress_delegate import ProgressDelegate
from qfopgui.ui.uploads.transfer_texts import details_text
from qfopgui.ui.uploads.transfers_model import Column, TransferRole, TransfersModel
from qfopgui.ui.widgets.name_elide import NameElideDelegate

RETRYABLE = frozenset({TransferState.FAILED, TransferState.CANCELLED})
CLEARABLE = (TransferState.DONE, TransferState.SKIPPED, TransferState.CANCELLED)


class TransfersView(QWidget):
    """Signals: cancel_requested(list[int]), retry_requested(list[int]), cancel_all_requested(),
    retry_failed_requested(), clear_finished_requested(), open_requested(Transfer),
    show_job_requested(int job id), shown()."""

    cancel_requested = Signal(object)
    retry_requested = Signal(object)
    cancel_all_requested = Signal()
    retry_failed_requested = Signal()
    clear_finished_requested = Signal()
    open_requested = Signal(object)
    show_job_requested = Signal(int)
    shown = Signal()

    def __init__(
        self, model: TransfersModel, *, can_show_jobs: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("transfers_view")
        self.model = model
        self._can_show_jobs = can_show_jobs
        self._actions_timer = QTimer(self, singleShot=True, interval=50)
        self._actions_timer.timeout.connect(self.update_actions)
        root = QVBoxLayout(self)
        self.overall = OverallLine(self)
        root.addWidget(self.overall)
        root.addLayout(self._build_actions())
        self.table = self._build_table()
        self.empty_label = QLabel(
            self.tr(
                "No uploads yet. Drop files or folders on the Files view, or press Upload… "
                "(Ctrl+U), to upload them into the folder shown there."
            ),
            self,
        )
        self.empty_label.setObjectName("transfers_empty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: gray")
        self.details = QLabel(self)
        self.details.setObjectName("transfer_details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        root.addWidget(self.empty_label, 1)
        root.addWidget(self.table, 1)
        root.addWidget(self.details)
        for sig in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.dataChanged):
            sig.connect(self._on_model_changed)
        self.update_actions()

    # --- building --------------------------------------------------------------------------

    def _action(
        self,
        name: str,
        text: str,
        tip: str,
        slot: Callable[[], None],
        shortcut: QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.cancel_action = self._action(
            "cancel_action",
            self.tr("Cancel"),
            self.tr("Stop uploading the selected files (Delete)"),
            self._on_cancel,
            QKeySequence.StandardKey.Delete,
        )
        self.retry_action = self._action(
            "retry_action",
            self.tr("Retry"),
            self.tr("Upload the selected failed or cancelled files again"),
            self._on_retry,
        )
        self.cancel_all_action = self._action(
            "cancel_all_action",
            self.tr("Cancel all"),
            self.tr("Stop every upload that has not finished"),
            self.cancel_all_requested.emit,
        )
        self.retry_failed_action = self._action(
            "retry_failed_action",
            self.tr("Retry failed"),
            self.tr("Upload every failed file again; parts already sent are kept"),
            self.retry_failed_requested.emit,
        )
        self.clear_action = self._action(
            "clear_finished_action",
            self.tr("Clear finished"),
            self.tr("Remove finished, skipped and cancelled uploads from the list"),
            self.clear_finished_requested.emit,
        )
        self.open_action = self._action(
            "open_in_files_action",
            self.tr("Open in Files"),
            self.tr("Show the folder of the uploaded file in Files"),
            self._on_open,
        )
        self.show_job_action = self._action(
            "show_job_action",
            self.tr("Show job"),
            self.tr("Show the transcoding job this upload started in Jobs"),
            self._on_show_job,
        )
        self.copy_action = self._action(
            "copy_keys_action",
            self.tr("Copy keys"),
            self.tr(
                "Copy the keys of the selected uploads (all when none is selected), one per line"
            ),
            self.copy_keys,
            QKeySequence.StandardKey.Copy,
        )
        actions = [
            self.cancel_action,
            self.retry_action,
            self.cancel_all_action,
            self.retry_failed_action,
            self.clear_action,
            self.open_action,
            self.show_job_action,
            self.copy_action,
        ]
        if not self._can_show_jobs:
            actions.remove(self.show_job_action)
        self.buttons: dict[str, QToolButton] = {}
        for action in actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setObjectName(action.objectName().replace("_action", "_button"))
            button.setAccessibleName(action.text())
            row.addWidget(button)
            self.buttons[action.objectName()] = button
        row.addStretch(1)
        return row

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("transfers_table")
        table.setAccessibleName(self.tr("Uploads"))
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setWordWrap(False)
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # folders; names keep their ext
        table.setItemDelegateForColumn(Column.NAME, NameElideDelegate(table))
        table.setItemDelegateForColumn(Column.PROGRESS, ProgressDelegate(table))
        vh = table.verticalHeader()
        vh.hide()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never size 100k rows to contents
        vh.setDefaultSectionSize(self.fontMetrics().height() + 10)
        head = table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        em = self.fontMetrics().averageCharWidth()
        bold = head.fontMetrics()
        for col, chars in (
            (Column.FOLDER, 22),
            (Column.SIZE, 9),
            (Column.PROGRESS, 14),
            (Column.SPEED, 10),
            (Column.TIME_LEFT, 10),
            (Column.STATE, 12),
        ):
            title = str(self.model.headerData(col, Qt.Orientation.Horizontal))
            head.resizeSection(col, max(em * chars + 16, bold.horizontalAdvance(title) + 24))
        sel = table.selectionModel()
        sel.selectionChanged.connect(self._on_selection_changed)
        sel.currentRowChanged.connect(self._on_selection_changed)
        return table

    # --- reading ---------------------------------------------------------------------------

    def selected_transfers(self) -> list[Transfer]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.transfer(r) for r in rows if r < self.model.rowCount()]

    def current_transfer(self) -> Transfer | None:
        idx = self.table.selectionModel().currentIndex()
        t = idx.data(TransferRole) if idx.isValid() else None
        return t if isinstance(t, Transfer) else None

    def select_ids(self, ids: list[int]) -> None:
        """Select these rows (tests, and showing what was just queued)."""
        sel = self.table.selectionModel()
        sel.clearSelection()
        flags = sel.SelectionFlag.Select | sel.SelectionFlag.Rows
        for i in ids:
            row = self.model.row_of(i)
            if row is not None:
                sel.select(self.model.index(row, 0), flags)
                sel.setCurrentIndex(self.model.index(row, 0), sel.SelectionFlag.NoUpdate)

    # --- actions ---------------------------------------------------------------------------

    def _on_cancel(self) -> None:
        ids = [t.id for t in self.selected_transfers() if t.active]
        if ids:
            self.cancel_requested.emit(ids)

    def _on_retry(self) -> None:
        ids = [t.id for t in self.selected_transfers() if t.state in RETRYABLE]
        if ids:
            self.retry_requested.emit(ids)

    def _on_open(self) -> None:
        t = self.current_transfer()
        if t is not None and t.state is TransferState.DONE:
            self.open_requested.emit(t)

    def _on_show_job(self) -> None:
        t = self.current_transfer()
        if t is not None and t.job_id is not None:
            self.show_job_requested.emit(t.job_id)

    def copy_keys(self) -> None:
        chosen = self.selected_transfers() or self.model.transfers()
        if chosen:
            QGuiApplication.clipboard().setText("\n".join(t.key for t in chosen))

    # --- state -----------------------------------------------------------------------------

    def _on_model_changed(self, *_args: object) -> None:
        self._schedule_actions()

    def _on_selection_changed(self, *_args: object) -> None:
        self.update_actions()  # at once: Delete right after a click must find Cancel enabled

    def _schedule_actions(self, *_args: object) -> None:
        if not self._actions_timer.isActive():
            self._actions_timer.start()

    def update_actions(self) -> None:
        m = self.model
        has_rows = m.rowCount() > 0
        self.empty_label.setVisible(not has_rows)
        self.table.setVisible(has_rows)
        selected = self.selected_transfers()
        current = self.current_transfer()
        if current is not None:
            current = m.get(current.id) or current
        self.cancel_action.setEnabled(any(t.active for t in selected))
        self.retry_action.setEnabled(any(t.state in RETRYABLE for t in selected))
        self.cancel_all_action.setEnabled(m.count(*ACTIVE_STATES) > 0)
        self.retry_failed_action.setEnabled(m.count(TransferState.FAILED) > 0)
        self.clear_action.setEnabled(m.count(*CLEARABLE) > 0)
        self.open_action.setEnabled(current is not None and current.state is TransferState.DONE)
        self.show_job_action.setEnabled(current is not None and current.job_id is not None)
        self.copy_action.setEnabled(has_rows)
        self.details.setText(details_text(current) if current is not None else "")
        self.details.setVisible(current is not None)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit()
