"""The Transfers table: one row per `Transfer`, keyed by id, updated in merged ranges.

The upload service reports changes a few times a second per transfer; `apply()` turns a batch
into a handful of `dataChanged` ranges plus one `beginInsertRows`, so selection and scrolling
survive. Rows are plain values computed on the fly (no per-row widgets: 100,000 transfers cost
one list and one dict). Per-state counts are kept as rows change, so enabling "Retry failed" or
the nav badge never walks the rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from qfopgui.services.upload_types import ACTIVE_STATES, Transfer, TransferState
from qfopgui.ui.human_readable import human_duration, human_size
from qfopgui.ui.uploads.transfer_texts import (
    STATE_COLOURS,
    details_text,
    error_text,
    folder_of,
    name_of,
    place_text,
    state_text,
)

TransferRole = Qt.ItemDataRole.UserRole + 1  # the Transfer itself
ProgressRole = Qt.ItemDataRole.UserRole + 2  # 0.0 … 1.0, or -1.0 when there is no bar

Index = QModelIndex | QPersistentModelIndex
MAX_REMOVE_RANGES = 64  # more separate runs of rows than this: one reset is cheaper


class Column(IntEnum):
    NAME = 0
    FOLDER = 1
    SIZE = 2
    PROGRESS = 3
    SPEED = 4
    TIME_LEFT = 5
    STATE = 6


FINISHED_STATES = frozenset(TransferState) - ACTIVE_STATES
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _t(text: str) -> str:
    return QCoreApplication.translate("TransfersModel", text)


def ranges(rows: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted rows → inclusive (first, last) runs of consecutive numbers."""
    out: list[tuple[int, int]] = []
    for r in sorted(set(rows)):
        if out and r == out[-1][1] + 1:
            out[-1] = (out[-1][0], r)
        else:
            out.append((r, r))
    return out


def progress_of(t: Transfer) -> float:
    """How far the file is, 0…1 (-1: no bar, e.g. skipped files)."""
    if t.state is TransferState.DONE:
        return 1.0
    if t.state is TransferState.SKIPPED:
        return -1.0
    if t.size <= 0:
        return 0.0
    return min(1.0, max(0.0, t.sent / t.size))


def speed_text(speed: float) -> str:
    return _t("%1/s").replace("%1", human_size(int(speed))) if speed > 0 else ""


def time_left_text(seconds: float | None) -> str:
    if seconds is None:
        return ""
    return _t("about %1").replace("%1", human_duration(max(1.0, seconds)))


class TransfersModel(QAbstractTableModel):
    """Rows of Transfers with an id → row index and running per-state counts."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Transfer] = []
        self._index: dict[int, int] = {}
        self._counts: Counter[TransferState] = Counter()

    # --- reading ---------------------------------------------------------------------------

    def transfers(self) -> list[Transfer]:
        return list(self._rows)

    def transfer(self, row: int) -> Transfer:
        return self._rows[row]

    def get(self, transfer_id: int) -> Transfer | None:
        row = self._index.get(transfer_id)
        return self._rows[row] if row is not None else None

    def row_of(self, transfer_id: int) -> int | None:
        return self._index.get(transfer_id)

    def count(self, *states: TransferState) -> int:
        return sum(self._counts[s] for s in states)

    def active_count(self) -> int:
        return self.count(*ACTIVE_STATES)

    def ids_in(self, states: Iterable[TransferState]) -> list[int]:
        wanted = frozenset(states)
        return [t.id for t in self._rows if t.state in wanted]

    # --- writing ---------------------------------------------------------------------------

    def set_transfers(self, transfers: Sequence[Transfer]) -> None:
        """Replace every row (the service's list at start-up)."""
        self.beginResetModel()
        self._rows = list({t.id: t for t in transfers}.values())
        self._reindex(0)
        self._counts = Counter(t.state for t in self._rows)
        self.endResetModel()

    def apply(self, transfers: Iterable[Transfer]) -> None:
        """Update known rows in place and append new ones (a later value of an id wins)."""
        changed: list[int] = []
        new: dict[int, Transfer] = {}
        for t in transfers:
            row = self._index.get(t.id)
            if row is None:
                new[t.id] = t
                continue
            self._counts[self._rows[row].state] -= 1
            self._counts[t.state] += 1
            self._rows[row] = t
            changed.append(row)
        last = self.columnCount() - 1
        for first, end in ranges(changed):
            self.dataChanged.emit(self.index(first, 0), self.index(end, last))
        if new:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(new) - 1)
            for offset, t in enumerate(new.values()):
                self._rows.append(t)
                self._index[t.id] = start + offset
                self._counts[t.state] += 1
            self.endInsertRows()

    def remove_ids(self, ids: Iterable[int]) -> int:
        """Drop these rows; returns how many were there."""
        rows = [r for i in set(ids) if (r := self._index.get(i)) is not None]
        if not rows:
            return 0
        runs = ranges(rows)
        if len(runs) > MAX_REMOVE_RANGES:  # e.g. "Clear finished" across 100,000 mixed rows
            gone = set(rows)
            self.beginResetModel()
            self._rows = [t for r, t in enumerate(self._rows) if r not in gone]
            self._reindex(0)
            self._counts = Counter(t.state for t in self._rows)
            self.endResetModel()
            return len(rows)
        for first, end in reversed(runs):
            self.beginRemoveRows(QModelIndex(), first, end)
            for t in self._rows[first : end + 1]:
                self._counts[t.state] -= 1
                del self._index[t.id]
            del self._rows[first : end + 1]
            self.endRemoveRows()
        self._reindex(runs[0][0])
        return len(rows)

    def _reindex(self, start: int) -> None:
        if start == 0:
            self._index = {}
        for r in range(start, len(self._rows)):
            self._index[self._rows[r].id] = r

    # --- Qt model --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            Column.NAME: _t("Name"),
            Column.FOLDER: _t("Folder"),
            Column.SIZE: _t("Size"),
            Column.PROGRESS: _t("Progress"),
            Column.SPEED: _t("Speed"),
            Column.TIME_LEFT: _t("Time left"),
            Column.STATE: _t("State"),
        }
        return titles.get(Column(section)) if 0 <= section < len(Column) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        t = self._rows[index.row()]
        col = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(t, col)
        if role == TransferRole:
            return t
        if role == ProgressRole:
            return progress_of(t)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(t, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            right = col in (Column.SIZE, Column.SPEED, Column.TIME_LEFT)
            return int(_RIGHT if right else _LEFT)
        if role == Qt.ItemDataRole.ForegroundRole and col == Column.STATE:
            return QColor(STATE_COLOURS[t.state])
        if role == Qt.ItemDataRole.AccessibleTextRole and col == Column.PROGRESS:
            return self._display(t, col)
        return None

    def _display(self, t: Transfer, col: Column) -> str:
        if col == Column.NAME:
            return name_of(t.key)
        if col == Column.FOLDER:
            return place_text(t.bucket, folder_of(t.key))
        if col == Column.SIZE:
            return human_size(t.size)
        if col == Column.PROGRESS:
            p = progress_of(t)
            return f"{int(p * 100)}%" if p >= 0 else ""
        if col == Column.SPEED:
            return speed_text(t.speed) if t.state is TransferState.UPLOADING else ""
        if col == Column.TIME_LEFT:
            return time_left_text(t.seconds_left)
        return state_text(t.state)

    def _tooltip(self, t: Transfer, col: Column) -> str:
        if col == Column.STATE and t.state is TransferState.FAILED and t.error:
            return error_text(t)
        if col in (Column.NAME, Column.FOLDER):
            return f"{place_text(t.bucket, t.key)}\n{t.path}"
        return details_text(t)
