"""The submit dialog's preview: every output key of every file, with problems per row.

Model-based (no per-row widgets) so a batch of 1,000 files × several presets stays fast. The
planning itself (`PreviewPlanner`) runs in chunks on timer ticks, so typing in the name field
never freezes the dialog; the latest change wins. A preset that cannot process a file (a text
file, a thumbnail of an MP3) is left out of that file's plan and shown as a greyed row with the
reason, so it is never sent only to fail on the server.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from qfopgui.core.fops import Problem
from qfopgui.core.plan import JobPlan
from qfopgui.core.presets import Preset
from qfopgui.core.source_kinds import preset_problems
from qfopgui.ui.translated_messages import preset_display_name
from qfopgui.ui.translated_messages import (
    problem_text as problem_text,  # re-exported (submit dialog)
)

Index = QModelIndex | QPersistentModelIndex
PlanFn = Callable[[str, str, Sequence[Preset], str, "str | None", int, datetime], JobPlan]
PROBLEM_COLOUR = "#c0392b"
LEFT_OUT_COLOUR = "#8a8a8a"


def _t(text: str) -> str:
    return QCoreApplication.translate("SubmitPreview", text)


@dataclass(frozen=True)
class LeftOut:
    """A ticked preset that cannot process one file: not planned, not sent."""

    preset_name: str
    reasons: tuple[Problem, ...]


def split_applicable(
    key: str, presets: Sequence[Preset]
) -> tuple[tuple[Preset, ...], tuple[LeftOut, ...]]:
    """The presets that can process ``key`` (judged from its name), and the others with why."""
    usable: list[Preset] = []
    left_out: list[LeftOut] = []
    for preset in presets:
        reasons = preset_problems(key, "", preset)
        if reasons:
            left_out.append(LeftOut(preset.name, reasons))
        else:
            usable.append(preset)
    return tuple(usable), tuple(left_out)


@dataclass(frozen=True)
class PreviewResult:
    """All plans of one planning run, plus problems that span files (name collisions) and the
    presets left out per file."""

    sources: tuple[str, ...]
    plans: tuple[JobPlan, ...]
    cross_problems: dict[int, tuple[Problem, ...]]  # file index → extra problems
    left_out: dict[int, tuple[LeftOut, ...]] = field(default_factory=dict)  # file index → …

    def problems_of(self, i: int) -> tuple[Problem, ...]:
        return self.plans[i].problems + self.cross_problems.get(i, ())

    @property
    def problems(self) -> list[Problem]:
        return [p for i in range(len(self.plans)) for p in self.problems_of(i)]

    @property
    def output_count(self) -> int:
        return sum(len(p.outputs) for p in self.plans)

    @property
    def job_count(self) -> int:
        """Files that will be sent (a file whose every preset was left out is not)."""
        return sum(1 for i, p in enumerate(self.plans) if p.outputs or i not in self.left_out)

    @property
    def left_out_files(self) -> int:
        """Files not sent at all because no ticked preset can process them."""
        return sum(1 for i, p in enumerate(self.plans) if not p.outputs and i in self.left_out)


def cross_file_collisions(
    sources: Sequence[str], plans: Sequence[JobPlan], output_bucket: str
) -> dict[int, tuple[Problem, ...]]:
    """Outputs of different files that would get the same key, or overwrite another source."""
    first: dict[str, int] = {}
    out: dict[int, list[Problem]] = {}
    source_set = set(sources)
    for i, plan in enumerate(plans):
        for o in plan.outputs:
            j = first.setdefault(o.output_key, i)
            if j != i:
                out.setdefault(i, []).append(
                    Problem.make(
                        "template",
                        "{key} would also be made from {other}; add {{name}} to the output name",
                        key=o.output_key,
                        other=sources[j],
                    ).with_subject(o.preset_name)
                )
            elif o.output_key in source_set and o.output_key != sources[i] and output_bucket:
                out.setdefault(i, []).append(
                    Problem.make(
                        "template",
                        "{key} is one of the source files; it would be overwritten",
                        key=o.output_key,
                    ).with_subject(o.preset_name)
                )
    return {i: tuple(ps) for i, ps in out.items()}


class PreviewPlanner(QObject):
    """Plans a batch in chunks on timer ticks. Signals: finished(PreviewResult), progress(int)."""

    finished = Signal(object)
    progress = Signal(int)
    CHUNK = 150

    def __init__(self, plan: PlanFn, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._plan = plan
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        self._job: tuple[Any, ...] | None = None
        self._done: list[JobPlan] = []
        self._left_out: dict[int, tuple[LeftOut, ...]] = {}
        self.result: PreviewResult | None = None

    @property
    def busy(self) -> bool:
        return self._job is not None

    def start(
        self,
        bucket: str,
        sources: Sequence[str],
        presets: Sequence[Preset],
        output_bucket: str,
        template: str | None,
        now: datetime,
    ) -> None:
        """Plan again from scratch (a run in progress is dropped)."""
        self._job = (bucket, tuple(sources), tuple(presets), output_bucket, template, now)
        self._done = []
        self._left_out = {}
        self.result = None
        if len(sources) * max(1, len(presets)) <= 300:
            while self._job is not None:
                self._step()
        else:
            self._timer.start()

    def _step(self) -> None:
        if self._job is None:
            self._timer.stop()
            return
        bucket, sources, presets, out_bucket, template, now = self._job
        start = len(self._done)
        for i in range(start, min(len(sources), start + self.CHUNK)):
            usable, left_out = split_applicable(sources[i], presets)
            if left_out:
                self._left_out[i] = left_out
            if presets and not usable:  # nothing to send for this file, and nothing wrong
                self._done.append(JobPlan((), (), ()))
                continue
            self._done.append(
                self._plan(bucket, sources[i], usable, out_bucket, template, i + 1, now)
            )
        if len(self._done) < len(sources):
            self.progress.emit(len(self._done))
            return
        self._timer.stop()
        self._job = None
        plans = tuple(self._done)
        self.result = PreviewResult(
            tuple(sources),
            plans,
            cross_file_collisions(sources, plans, out_bucket),
            dict(self._left_out),
        )
        self.finished.emit(self.result)


class PreviewColumn(IntEnum):
    SOURCE = 0
    PRESET = 1
    OUTPUT = 2
    PROBLEM = 3


@dataclass(frozen=True)
class _Row:
    file: int
    output: int = -1  # index into the plan's outputs; -1: none
    left_out: int = -1  # index into the file's left-out presets; -1: not a left-out row
    note: str = ""  # the problem (or, for a left-out row, the reason) shown on the row


class SubmitPreviewModel(QAbstractTableModel):
    """Flat rows: one per planned output; a file with problems and no output gets one row; a
    preset left out for a file gets a greyed row with the reason."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._result: PreviewResult | None = None
        self._rows: list[_Row] = []

    @property
    def result(self) -> PreviewResult | None:
        return self._result

    def set_result(self, result: PreviewResult | None) -> None:
        self.beginResetModel()
        self._result = result
        self._rows = [] if result is None else list(_rows_of(result))
        self.endResetModel()

    def output_keys(self) -> list[tuple[str, str, str]]:
        """(source, preset, output key) per row with an output (tests, commands area)."""
        out = []
        if self._result is not None:
            for row in self._rows:
                if row.output >= 0:
                    o = self._result.plans[row.file].outputs[row.output]
                    out.append((self._result.sources[row.file], o.preset_name, o.output_key))
        return out

    def left_out_rows(self) -> list[tuple[str, str, str]]:
        """(source, preset, shown reason) per greyed row: what is not sent, and why."""
        out = []
        if self._result is not None:
            for row in self._rows:
                if row.left_out >= 0:
                    skipped = self._result.left_out[row.file][row.left_out]
                    out.append((self._result.sources[row.file], skipped.preset_name, row.note))
        return out

    def source_at(self, row: int) -> str | None:
        if self._result is None or not 0 <= row < len(self._rows):
            return None
        return self._result.sources[self._rows[row].file]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PreviewColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (_t("Source"), _t("Preset"), _t("Output name"), _t("Problem"))
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._result is None or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = PreviewColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, col, role)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.left_out >= 0:
                return QBrush(QColor(LEFT_OUT_COLOUR))
            if row.note:
                return QBrush(QColor(PROBLEM_COLOUR))
        return None

    def _text(self, row: _Row, col: PreviewColumn, role: int) -> str | None:
        assert self._result is not None
        if col is PreviewColumn.SOURCE:
            return self._result.sources[row.file]
        if col is PreviewColumn.PROBLEM:
            return row.note or None
        if row.left_out >= 0:
            skipped = self._result.left_out[row.file][row.left_out]
            if col is PreviewColumn.PRESET:
                return preset_display_name(skipped.preset_name)
            return _t("not sent") if role == Qt.ItemDataRole.DisplayRole else row.note
        if row.output < 0:
            return None
        out = self._result.plans[row.file].outputs[row.output]
        if role == Qt.ItemDataRole.ToolTipRole and col is PreviewColumn.OUTPUT:
            return f"{out.output_key}\n{out.fop}"
        if col is PreviewColumn.PRESET:
            return preset_display_name(out.preset_name)
        return out.output_key


def _rows_of(result: PreviewResult) -> list[_Row]:
    rows: list[_Row] = []
    for i, plan in enumerate(result.plans):
        problems = result.problems_of(i)
        left_out = result.left_out.get(i, ())
        if not plan.outputs and (problems or not left_out):
            rows.append(_Row(i, note="; ".join(problem_text(p) for p in problems)))
        for j, out in enumerate(plan.outputs):
            mine = [p for p in problems if p.subject in ("", out.preset_name)]
            rows.append(
                _Row(i, output=j, note="; ".join(problem_text(p, subject=False) for p in mine))
            )
        for k, skipped in enumerate(left_out):
            reasons = "; ".join(problem_text(p, subject=False) for p in skipped.reasons)
            rows.append(_Row(i, left_out=k, note=reasons))
    return rows
