"""The submit dialog's preview: every output key of every file, with problems per row.

Model-based (no per-row widgets) so a batch of 1,000 files × several presets stays fast. The
planning itself (`PreviewPlanner`) runs in chunks on timer ticks, so typing in the name field
never freezes the dialog; the latest change wins.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
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
from qfopgui.ui.translated_messages import preset_display_name
from qfopgui.ui.translated_messages import (
    problem_text as problem_text,  # re-exported (submit dialog)
)

Index = QModelIndex | QPersistentModelIndex
PlanFn = Callable[[str, str, Sequence[Preset], str, "str | None", int, datetime], JobPlan]
PROBLEM_COLOUR = "#c0392b"


def _t(text: str) -> str:
    return QCoreApplication.translate("SubmitPreview", text)


@dataclass(frozen=True)
class PreviewResult:
    """All plans of one planning run, plus problems that span files (name collisions)."""

    sources: tuple[str, ...]
    plans: tuple[JobPlan, ...]
    cross_problems: dict[int, tuple[Problem, ...]]  # file index → extra problems

    def problems_of(self, i: int) -> tuple[Problem, ...]:
        return self.plans[i].problems + self.cross_problems.get(i, ())

    @property
    def problems(self) -> list[Problem]:
        return [p for i in range(len(self.plans)) for p in self.problems_of(i)]

    @property
    def output_count(self) -> int:
        return sum(len(p.outputs) for p in self.plans)


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
            self._done.append(
                self._plan(bucket, sources[i], presets, out_bucket, template, i + 1, now)
            )
        if len(self._done) < len(sources):
            self.progress.emit(len(self._done))
            return
        self._timer.stop()
        self._job = None
        plans = tuple(self._done)
        self.result = PreviewResult(
            tuple(sources), plans, cross_file_collisions(sources, plans, out_bucket)
        )
        self.finished.emit(self.result)


class PreviewColumn(IntEnum):
    SOURCE = 0
    PRESET = 1
    OUTPUT = 2
    PROBLEM = 3


class SubmitPreviewModel(QAbstractTableModel):
    """Flat rows: one per planned output; a file with problems and no output gets one row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._result: PreviewResult | None = None
        self._rows: list[tuple[int, int]] = []  # (file index, output index or -1)
        self._problem_text: list[str] = []

    @property
    def result(self) -> PreviewResult | None:
        return self._result

    def set_result(self, result: PreviewResult | None) -> None:
        self.beginResetModel()
        self._result = result
        self._rows, self._problem_text = [], []
        if result is not None:
            for i, plan in enumerate(result.plans):
                problems = result.problems_of(i)
                if not plan.outputs:
                    self._rows.append((i, -1))
                    self._problem_text.append("; ".join(problem_text(p) for p in problems))
                    continue
                for j, out in enumerate(plan.outputs):
                    mine = [p for p in problems if p.subject in ("", out.preset_name)]
                    self._rows.append((i, j))
                    self._problem_text.append(
                        "; ".join(problem_text(p, subject=False) for p in mine)
                    )
        self.endResetModel()

    def output_keys(self) -> list[tuple[str, str, str]]:
        """(source, preset, output key) per row with an output (tests, commands area)."""
        out = []
        if self._result is not None:
            for i, j in self._rows:
                if j >= 0:
                    o = self._result.plans[i].outputs[j]
                    out.append((self._result.sources[i], o.preset_name, o.output_key))
        return out

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
        i, j = self._rows[index.row()]
        problem = self._problem_text[index.row()]
        col = PreviewColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col is PreviewColumn.SOURCE:
                return self._result.sources[i]
            if col is PreviewColumn.PROBLEM:
                return problem or None
            if j < 0:
                return None
            out = self._result.plans[i].outputs[j]
            if role == Qt.ItemDataRole.ToolTipRole and col is PreviewColumn.OUTPUT:
                return f"{out.output_key}\n{out.fop}"
            if col is PreviewColumn.PRESET:
                return preset_display_name(out.preset_name)
            return out.output_key
        if role == Qt.ItemDataRole.ForegroundRole and problem:
            return QBrush(QColor(PROBLEM_COLOUR))
        return None
