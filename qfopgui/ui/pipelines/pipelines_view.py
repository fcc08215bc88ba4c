"""Pipelines: the account's processing queues, how busy they are and how long jobs take.

Editing here changes only this app's list of pipeline names for the account (Qiniu has no API
to create or delete pipelines); the feature saves it in the Profile. On the sandbox account the
controller also creates an added pipeline in the sandbox, and the hint says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qfopgui.services.stats import PipelineStats
from qfopgui.ui.pipelines.pipelines_model import NameRole, PColumn, PipelinesModel, build_rows

AskText = Callable[[str, str, str], "str | None"]  # (title, label, initial) → text or None
_NAME_OK = re.compile(r"^[A-Za-z0-9_.\-]{1,100}$")


class PipelinesView(QWidget):
    """Signals: edited(tuple pipelines, str default) when the user changed the list."""

    edited = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pipelines_view")
        self._pipelines: tuple[str, ...] = ()
        self._default = ""
        self._stats: Mapping[str, PipelineStats] = {}
        self.ask_text: AskText = self._ask_text
        self.model = PipelinesModel(self)
        lay = QVBoxLayout(self)
        self.note = QLabel(self)
        self.note.setObjectName("pipelines_note")
        self.set_sandbox(False)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: gray")
        self.table = QTableView(self)
        self.table.setObjectName("pipelines_table")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setMinimumSectionSize(self.fontMetrics().averageCharWidth() * 12)  # room in zh_CN
        head.setSectionResizeMode(PColumn.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add…"), self)
        self.rename_button = QPushButton(self.tr("Rename…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.default_button = QPushButton(self.tr("Use as default"), self)
        self.default_button.setToolTip(
            self.tr("New transcodes use this pipeline unless you choose another")
        )
        for b, slot in (
            (self.add_button, self.add),
            (self.rename_button, self.rename),
            (self.remove_button, self.remove),
            (self.default_button, self.make_default),
        ):
            b.clicked.connect(slot)
            row.addWidget(b)
        row.addStretch(1)
        self.updated_label = QLabel(self)
        self.updated_label.setStyleSheet("color: gray")
        row.addWidget(self.updated_label)
        lay.addWidget(self.note)
        lay.addLayout(row)
        lay.addWidget(self.table, 1)
        self._update_buttons()

    # --- data ------------------------------------------------------------------------------

    def set_sandbox(self, sandbox: bool) -> None:
        """The hint: on the sandbox account adding a pipeline here creates it in the sandbox."""
        if sandbox:
            text = self.tr(
                "Jobs wait in a pipeline (queue) until a worker is free. This is the sandbox "
                "account: a pipeline you add here is also created in the sandbox, which refuses "
                "jobs for queues it does not know. Counts are for jobs this app follows; “today” "
                "starts at midnight."
            )
        else:
            text = self.tr(
                "Jobs wait in a pipeline (queue) until a worker is free. The shared public queue "
                "is free to use but slower; a dedicated pipeline, created in the Qiniu console, "
                "keeps your jobs moving. Counts are for jobs this app follows; “today” starts at "
                "midnight."
            )
        self.note.setText(text)

    def set_pipelines(self, pipelines: Sequence[str], default: str) -> None:
        self._pipelines = tuple(pipelines)
        self._default = default
        self._refill()

    def set_stats(self, stats: Mapping[str, PipelineStats]) -> None:
        self._stats = dict(stats)
        self._refill()

    def _refill(self) -> None:
        self.model.set_rows(build_rows(self._pipelines, self._default, self._stats))
        self._update_buttons()

    def selected_name(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(NameRole) if rows else None

    def _on_selection_changed(self, *_args: object) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        name = self.selected_name()
        mine = name is not None and name in self._pipelines
        self.rename_button.setEnabled(mine)
        self.remove_button.setEnabled(mine)
        self.default_button.setEnabled(name is not None and name != self._default)

    # --- editing ---------------------------------------------------------------------------

    def _ask_text(self, title: str, label: str, initial: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label, text=initial)
        return text.strip() if ok else None

    def _ask_name(self, title: str, initial: str = "") -> str | None:
        label = self.tr("Pipeline name, exactly as in the Qiniu console:")
        while True:
            name = self.ask_text(title, label, initial)
            if not name:
                return None
            if not _NAME_OK.match(name):
                label = self.tr("Use only letters, digits, '-', '_' and '.'. Pipeline name:")
            elif name in self._pipelines and name != initial:
                label = self.tr("%1 is already in the list. Pipeline name:").replace("%1", name)
            else:
                return name
            initial = name

    def add(self) -> None:
        name = self._ask_name(self.tr("Add pipeline"))
        if name and name not in self._pipelines:
            default = self._default or (name if not self._pipelines else "")
            self._emit((*self._pipelines, name), default, name)

    def rename(self) -> None:
        old = self.selected_name()
        if not old or old not in self._pipelines:
            return
        new = self._ask_name(self.tr("Rename pipeline"), old)
        if new and new != old:
            names = tuple(new if n == old else n for n in self._pipelines)
            self._emit(names, new if self._default == old else self._default, new)

    def remove(self) -> None:
        name = self.selected_name()
        if name is None or name not in self._pipelines:
            return
        names = tuple(n for n in self._pipelines if n != name)
        self._emit(names, "" if self._default == name else self._default, "")

    def make_default(self) -> None:
        name = self.selected_name()
        if name is not None:
            names = (
                self._pipelines if name in self._pipelines or not name else (*self._pipelines, name)
            )
            self._emit(names, name, name)

    def _emit(self, names: tuple[str, ...], default: str, select: str) -> None:
        self.set_pipelines(names, default)
        self.edited.emit(names, default)
        self._select(select)

    def _select(self, name: str) -> None:
        for r in range(self.model.rowCount()):
            idx = self.model.index(r, 0)
            if idx.data(NameRole) == name:
                self.table.selectRow(r)
                return

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete:
            self.remove()
            return
        super().keyPressEvent(event)
