"""When a batch of jobs is finished: one notification per batch, never one per file.

A batch is watched once its submission is complete (or it is loaded unfinished at start-up);
it "finishes" when every job in it is final (done, failed or needing a decision). A retry that
joins a finished batch re-arms it, so the user hears again when the retry ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from qfopgui.core.job_rules import superseded_ids
from qfopgui.core.jobs import JobRecord, JobState


@dataclass(frozen=True)
class BatchSummary:
    batch_id: str
    done: int
    failed: int
    undecided: int
    total: int


def _final(state: JobState) -> bool:
    return state.is_terminal or state is JobState.UNRESOLVED


class BatchTracker:
    """Feed it every created/changed record; calls `on_finished` once per finished batch."""

    def __init__(self, on_finished: Callable[[BatchSummary], None]) -> None:
        self._on_finished = on_finished
        self._batches: dict[str, dict[int, JobRecord]] = {}
        self._watched: set[str] = set()
        self._notified: set[str] = set()

    def update(self, records: Iterable[JobRecord]) -> None:
        touched: set[str] = set()
        for r in records:
            if not r.batch_id:
                continue
            jobs = self._batches.setdefault(r.batch_id, {})
            if r.id not in jobs:
                self._notified.discard(r.batch_id)  # a retry joined: tell again when final
            jobs[r.id] = r
            touched.add(r.batch_id)
        for batch_id in touched:
            self._check(batch_id)

    def watch(self, batch_id: str, records: Iterable[JobRecord] = ()) -> None:
        """The batch is complete (submitted, or loaded at start-up): tell when it is final."""
        self._watched.add(batch_id)
        jobs = self._batches.setdefault(batch_id, {})
        for r in records:  # what `update` saw is newer: a job may have finished meanwhile
            jobs.setdefault(r.id, r)
        self._check(batch_id)

    def forget(self, job_ids: Iterable[int]) -> None:
        ids = set(job_ids)
        for jobs in self._batches.values():
            for i in ids & jobs.keys():
                del jobs[i]

    def summary(self, batch_id: str) -> BatchSummary:
        jobs = list(self._batches.get(batch_id, {}).values())
        superseded = superseded_ids(jobs)
        current = [r for r in jobs if r.id not in superseded]  # a retried job counts once
        done = sum(r.state in (JobState.DONE, JobState.NOTIFY_FAILED) for r in current)
        failed = sum(r.state is JobState.FAILED for r in current)
        undecided = sum(r.state is JobState.UNRESOLVED for r in current)
        return BatchSummary(batch_id, done, failed, undecided, len(current))

    def _check(self, batch_id: str) -> None:
        if batch_id not in self._watched or batch_id in self._notified:
            return
        jobs = self._batches.get(batch_id, {})
        if not jobs or not all(_final(r.state) for r in jobs.values()):
            return
        self._notified.add(batch_id)
        self._on_finished(self.summary(batch_id))
