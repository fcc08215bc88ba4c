"""The Jobs view's filters: the status chips with their counts, pipeline, batch and text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel

from qfopgui.core.job_rules import count_jobs
from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.ui.jobs.jobs_model import Index, JobsModel, SortRole
from qfopgui.ui.jobs.verification_text import is_warned


class Chip(IntEnum):
    """The status filter chips of the Jobs view."""

    ALL = 0
    ACTIVE = 1
    DONE = 2
    FAILED = 3
    UNRESOLVED = 4
    CHECK_OUTPUT = 5  # done, but verifying the outputs found a problem


CHIP_STATES: dict[Chip, frozenset[JobState]] = {
    Chip.ALL: frozenset(JobState),
    Chip.ACTIVE: frozenset({JobState.SUBMITTING, JobState.WAITING, JobState.PROCESSING}),
    # notify-failed jobs made their outputs: they count as done (the word still says why)
    Chip.DONE: frozenset({JobState.DONE, JobState.NOTIFY_FAILED}),
    Chip.FAILED: frozenset({JobState.FAILED}),
    Chip.UNRESOLVED: frozenset({JobState.UNRESOLVED}),
    Chip.CHECK_OUTPUT: frozenset({JobState.DONE, JobState.NOTIFY_FAILED}),
}


def chip_counts(records: Sequence[JobRecord]) -> dict[Chip, int]:
    """The numbers on the chips: the same groups `core.job_rules.count_jobs` defines, so the
    Failed chip, "Retry all failed", the sidebar and the status bar always agree."""
    c = count_jobs(records)
    return {
        Chip.ALL: c.total,
        Chip.ACTIVE: c.running,
        Chip.DONE: c.done,
        Chip.FAILED: c.failed,
        Chip.UNRESOLVED: c.undecided,
    }


class JobsFilter(QSortFilterProxyModel):
    """Status chip, pipeline, batch and text (job id or file name) filters; newest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._states = CHIP_STATES[Chip.ALL]
        self._open_failures_only = False
        self._warned_only = False
        self._pipeline: str | None = None
        self._batches: frozenset[str] = frozenset()
        self._text = ""
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)

    @property
    def batch(self) -> str:
        """The batch shown when exactly one is; "" otherwise."""
        return next(iter(self._batches)) if len(self._batches) == 1 else ""

    @property
    def batches(self) -> frozenset[str]:
        return self._batches

    def _refilter(self, name: str, value: object) -> None:
        self.beginFilterChange()
        setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_chip(self, chip: Chip) -> None:
        self._open_failures_only = chip is Chip.FAILED  # retried failures are not "Failed"
        self._warned_only = chip is Chip.CHECK_OUTPUT
        self._refilter("_states", CHIP_STATES[chip])

    def set_pipeline(self, pipeline: str | None) -> None:
        """None = every pipeline; "" = the shared queue only."""
        self._refilter("_pipeline", pipeline)

    def set_batch(self, batch_id: str) -> None:
        self.set_batches([batch_id] if batch_id else [])

    def set_batches(self, batch_ids: Iterable[str]) -> None:
        """Only jobs of these batches (none = every batch)."""
        self._refilter("_batches", frozenset(b for b in batch_ids if b))

    def set_text(self, text: str) -> None:
        self._refilter("_text", text.strip().lower())

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, JobsModel) or source_parent.isValid():
            return True
        rec = model.record(source_row)
        if rec.state not in self._states:
            return False
        if self._open_failures_only and rec.id in model.superseded():
            return False
        if self._warned_only and not is_warned(rec):
            return False
        if self._pipeline is not None and rec.pipeline != self._pipeline:
            return False
        if self._batches and rec.batch_id not in self._batches:
            return False
        if self._text:
            hay = f"{rec.key}\n{rec.persistent_id or ''}".lower()
            return self._text in hay
        return True
