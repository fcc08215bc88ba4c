"""Pipelines table: the profile's queues with live counts and typical times from the store."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from qfopgui.services.stats import PipelineStats
from qfopgui.ui.human_readable import human_duration

FAILED_COLOUR = "#c0392b"  # the Failed status colour (status_icons.STATUS_COLOURS)

Index = QModelIndex | QPersistentModelIndex
NameRole = Qt.ItemDataRole.UserRole + 1


def _t(text: str) -> str:
    return QCoreApplication.translate("PipelinesModel", text)


class PColumn(IntEnum):
    NAME = 0
    WAITING = 1
    PROCESSING = 2
    DONE = 3
    FAILED = 4
    WAIT = 5
    PROCESS = 6


@dataclass(frozen=True)
class PipelineRow:
    name: str  # "" = the shared public queue
    is_default: bool
    configured: bool  # in the profile's list (else only seen in job history)
    stats: PipelineStats | None


def build_rows(
    pipelines: Sequence[str], default: str, stats: Mapping[str, PipelineStats]
) -> list[PipelineRow]:
    """The profile's pipelines in order, then the shared queue, then any others seen in jobs."""
    names = list(dict.fromkeys([*pipelines, ""]))
    names += sorted(n for n in stats if n not in names)
    configured = set(pipelines) | {""}
    return [PipelineRow(n, n == default, n in configured, stats.get(n)) for n in names]


class PipelinesModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PipelineRow] = []

    def rows(self) -> list[PipelineRow]:
        return list(self._rows)

    def set_rows(self, rows: Sequence[PipelineRow]) -> None:
        """Same names → repaint in place (keeps the selection); otherwise reset."""
        rows = list(rows)
        if [r.name for r in rows] == [r.name for r in self._rows] and rows:
            self._rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(PColumn) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:  # over the numbers: right, like them
            left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
            side = left if section == PColumn.NAME else right
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            _t("Pipeline"),
            _t("Waiting"),
            _t("Processing"),
            _t("Done today"),
            _t("Failed today"),
            _t("Typical wait"),
            _t("Typical processing"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = PColumn(index.column())
        if role == NameRole:
            return row.name
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.ToolTipRole and col is PColumn.NAME:
            if not row.name:
                return _t(
                    "Qiniu's shared public queue: free to use but slower than a dedicated "
                    "pipeline; jobs may wait long when it is busy."
                )
            if not row.configured:
                return _t("Seen in your jobs but not in this account's pipeline list")
        if role == Qt.ItemDataRole.FontRole and col is PColumn.NAME and row.is_default:
            font = QFont()
            font.setBold(True)
            return font
        failed = row.stats is not None and row.stats.failed_since > 0
        if role == Qt.ItemDataRole.ForegroundRole and col is PColumn.FAILED and failed:
            return QBrush(QColor(FAILED_COLOUR))
        if role == Qt.ItemDataRole.TextAlignmentRole and col is not PColumn.NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(row: PipelineRow, col: PColumn) -> str:
        if col is PColumn.NAME:
            name = row.name or _t("Shared public queue")
            return f"{name}  ★ {_t('default')}" if row.is_default else name
        s = row.stats
        if s is None:
            return "0" if col <= PColumn.FAILED else "—"
        values = {
            PColumn.WAITING: f"{s.waiting:,}",
            PColumn.PROCESSING: f"{s.processing:,}",
            PColumn.DONE: f"{s.done_since:,}",
            PColumn.FAILED: f"{s.failed_since:,}",
            PColumn.WAIT: human_duration(s.median_wait_s) or "—",
            PColumn.PROCESS: human_duration(s.median_processing_s) or "—",
        }
        return values[col]
