"""Jobs table: one row per JobRecord, keyed by local id, updated in coalesced ranges.

The poller reports changes in batches; `apply()` turns a batch of 10,000 changed records into a
handful of `dataChanged` ranges (contiguous rows merged) plus one `beginInsertRows` for new
ones, and never resets the model, so selection and scroll position survive every update.
New rows are appended (cheap); the proxy sorts newest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from qfopgui.core.job_rules import superseded_ids
from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.ui.human_readable import exact_time, human_duration, relative_time
from qfopgui.ui.jobs.status_icons import STATUS_COLOURS, status_icon
from qfopgui.ui.jobs.verification_badges import status_badge, status_colour
from qfopgui.ui.jobs.verification_text import (
    status_accessible,
    status_word,
    verification_tooltip,
)
from qfopgui.ui.translated_messages import failure_text, preset_display_name

JobRole = Qt.ItemDataRole.UserRole + 1  # the JobRecord itself
SortRole = Qt.ItemDataRole.UserRole + 2  # native value for sorting

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    STATUS = 0
    FILE = 1
    PRESETS = 2
    PIPELINE = 3
    SUBMITTED = 4
    TOOK = 5


def _t(text: str) -> str:
    return QCoreApplication.translate("JobsModel", text)


def status_text(state: JobState) -> str:
    """The word shown next to the status icon (never colour alone)."""
    words = {
        JobState.SUBMITTING: _t("Submitting"),
        JobState.UNRESOLVED: _t("Needs decision"),
        JobState.WAITING: _t("Waiting"),
        JobState.PROCESSING: _t("Processing"),
        JobState.DONE: _t("Done"),
        JobState.FAILED: _t("Failed"),
        JobState.NOTIFY_FAILED: _t("Notify failed"),
    }
    return words[state]


def command_names(record: JobRecord) -> str:
    """Preset names (built-ins in the user's language), or the operations of a tracked job
    that has no presets."""
    if record.presets:
        return ", ".join(preset_display_name(p) for p in dict.fromkeys(record.presets))
    ops = [f.split("/", 1)[0].split("|", 1)[0] for f in record.fops]
    return ", ".join(dict.fromkeys(op for op in ops if op))


def _when(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, tz=UTC)


def ranges(rows: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted rows → inclusive (first, last) runs of consecutive numbers."""
    out: list[tuple[int, int]] = []
    for r in sorted(set(rows)):
        if out and r == out[-1][1] + 1:
            out[-1] = (out[-1][0], r)
        else:
            out.append((r, r))
    return out


class JobsModel(QAbstractTableModel):
    """Rows of JobRecords with an id → row index."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[JobRecord] = []
        self._superseded: set[int] | None = None
        self._index: dict[int, int] = {}
        self._now: datetime | None = None  # fixed "now" for tests; None = real clock

    # --- reading ---------------------------------------------------------------------------

    def superseded(self) -> set[int]:
        """Ids of jobs a later job in the list retries (cached until the rows change)."""
        if self._superseded is None:
            self._superseded = superseded_ids(self._rows)
        return self._superseded

    def records(self) -> list[JobRecord]:
        return list(self._rows)

    def record(self, row: int) -> JobRecord:
        return self._rows[row]

    def get(self, job_id: int) -> JobRecord | None:
        row = self._index.get(job_id)
        return None if row is None else self._rows[row]

    def row_of(self, job_id: int) -> int | None:
        return self._index.get(job_id)

    def set_now(self, now: datetime | None) -> None:
        self._now = now

    # --- writing ---------------------------------------------------------------------------

    def set_records(self, records: Sequence[JobRecord]) -> None:
        """Replace everything (profile switch, first load): the only reset."""
        self.beginResetModel()
        self._rows = list(records)
        self._reindex()
        self.endResetModel()

    def apply(self, records: Iterable[JobRecord]) -> tuple[int, int]:
        """Upsert a batch: changed rows in coalesced ranges, new rows in one insert.

        A retry also marks its original as changed: the original is superseded now, so the
        filters see it again. Returns (updated, inserted).
        """
        self._superseded = None
        changed: list[int] = []
        new: dict[int, JobRecord] = {}
        for rec in records:
            row = self._index.get(rec.id)
            if row is None:
                new[rec.id] = rec
            else:
                self._rows[row] = rec
                changed.append(row)
        originals = sorted(
            row
            for r in new.values()
            if r.retry_of is not None and (row := self._index.get(r.retry_of)) is not None
        )
        last = len(Column) - 1
        for first, end in ranges(changed):
            self.dataChanged.emit(self.index(first, 0), self.index(end, last))
        if new:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(new) - 1)
            for i, rec in enumerate(new.values()):
                self._rows.append(rec)
                self._index[rec.id] = start + i
            self.endInsertRows()
        for first, end in ranges(originals):
            self.dataChanged.emit(self.index(first, 0), self.index(end, last))  # superseded now
        return len(changed), len(new)

    def remove_ids(self, job_ids: Iterable[int]) -> int:
        """Remove rows, one beginRemoveRows per contiguous run, last run first."""
        rows = [self._index[i] for i in job_ids if i in self._index]
        for first, end in reversed(ranges(rows)):
            self.beginRemoveRows(QModelIndex(), first, end)
            del self._rows[first : end + 1]
            self.endRemoveRows()
        if rows:
            self._reindex()
        return len(rows)

    def refresh_times(self) -> None:
        """Relative times age: repaint the 'submitted' and 'took' columns."""
        if self._rows:
            top = self.index(0, Column.SUBMITTED)
            self.dataChanged.emit(top, self.index(len(self._rows) - 1, Column.TOOK))

    def _reindex(self) -> None:
        self._superseded = None
        self._index = {rec.id: i for i, rec in enumerate(self._rows)}

    # --- Qt model --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(Column):
            return None
        titles = (
            _t("Status"),
            _t("File"),
            _t("Preset"),
            _t("Pipeline"),
            _t("Submitted"),
            _t("Took"),
        )
        return titles[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        rec = self._rows[index.row()]
        col = Column(index.column())
        if role == JobRole:
            return rec
        if role == SortRole:
            return self._sort_value(rec, col)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(rec, col)
        if role == Qt.ItemDataRole.DecorationRole and col is Column.STATUS:
            return status_badge(rec) or status_icon(rec.state)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(rec, col)
        if role == Qt.ItemDataRole.ForegroundRole and col is Column.STATUS:
            return QBrush(QColor(status_colour(rec) or STATUS_COLOURS[rec.state]))
        if role == Qt.ItemDataRole.AccessibleTextRole and col is Column.STATUS:
            return status_accessible(rec, status_text(rec.state))
        return None

    def _display(self, rec: JobRecord, col: Column) -> str:
        if col is Column.STATUS:
            return status_word(rec, status_text(rec.state))
        if col is Column.FILE:
            return rec.key or rec.persistent_id or ""
        if col is Column.PRESETS:
            return command_names(rec)
        if col is Column.PIPELINE:
            return rec.pipeline or _t("shared queue")
        if col is Column.SUBMITTED:
            return relative_time(_when(rec.submitted_at), self._now)
        if rec.finished_while_closed:
            at_least = rec.timing.at_least
            return "≥ " + human_duration(at_least) if at_least else "—"
        return human_duration(rec.duration)

    def _tooltip(self, rec: JobRecord, col: Column) -> str | None:
        if col is Column.TOOK and rec.finished_while_closed:
            return _t("Finished while qfopgui was closed, so how long it took is not known")
        if col is Column.SUBMITTED:
            return exact_time(_when(rec.submitted_at))
        if col is Column.FILE:
            return f"{rec.bucket}/{rec.key}" if rec.bucket else rec.persistent_id
        if col is Column.STATUS and rec.error:
            return failure_text(rec)
        if col is Column.STATUS:
            return verification_tooltip(rec)
        if col is Column.PRESETS:
            return command_names(rec)
        if col is Column.PIPELINE and not rec.pipeline:
            return _t("The shared public queue (slower than a dedicated pipeline)")
        return None

    @staticmethod
    def _sort_value(rec: JobRecord, col: Column) -> Any:
        if col is Column.STATUS:
            return list(JobState).index(rec.state)
        if col is Column.FILE:
            return rec.key.lower()
        if col is Column.PRESETS:
            return command_names(rec).lower()
        if col is Column.PIPELINE:
            return rec.pipeline.lower()
        if col is Column.SUBMITTED:
            return rec.submitted_at
        if rec.finished_while_closed:
            return rec.timing.at_least or 0.0
        return rec.duration if rec.duration is not None else -1.0


# --- filtering ---------------------------------------------------------------------------------
