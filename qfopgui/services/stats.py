"""Per-pipeline figures for the queue panel: how busy each queue is and how long jobs take.

Timing rules (what the numbers can honestly mean, given we only see the server by polling):
* wait = `started_at - submitted_at`, processing = `finished_at - started_at`;
* `started_at` is the first time the poller *saw* the job processing, so both are accurate to
  about one poll interval, and jobs that went from waiting to finished between two polls have no
  `started_at` and count in neither median; nor do jobs that finished while qfopgui was closed
  (their end is when the app came back, not when they finished);
* only jobs that finished at or after `since` count in `done_since`/`failed_since`/medians;
  NOTIFY_FAILED counts as done (its outputs exist); a submit that the server refused
  (no persistent id) never reached a queue and is not counted.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from qfopgui.core.jobs import JobRecord, JobState


@dataclass(frozen=True, slots=True)
class PipelineStats:
    pipeline: str  # as the user typed it ("" = shared public queue)
    waiting: int
    processing: int
    done_since: int
    failed_since: int
    median_wait_s: float | None
    median_processing_s: float | None


def compute_pipeline_stats(
    records: Iterable[JobRecord], *, since: float
) -> dict[str, PipelineStats]:
    """Group records by pipeline and count/measure them (see the module docstring for rules)."""
    waits: dict[str, list[float]] = {}
    procs: dict[str, list[float]] = {}
    counts: dict[str, dict[str, int]] = {}
    for r in records:
        if r.persistent_id is None:
            continue
        c = counts.setdefault(r.pipeline, {"w": 0, "p": 0, "d": 0, "f": 0})
        waits.setdefault(r.pipeline, [])
        procs.setdefault(r.pipeline, [])
        if r.state is JobState.WAITING:
            c["w"] += 1
        elif r.state is JobState.PROCESSING:
            c["p"] += 1
        elif r.state.is_terminal and r.finished_at is not None and r.finished_at >= since:
            c["f" if r.state is JobState.FAILED else "d"] += 1
            if r.started_at is not None and not r.finished_while_closed:  # times unknown
                waits[r.pipeline].append(max(0.0, r.started_at - r.submitted_at))
                procs[r.pipeline].append(max(0.0, r.finished_at - r.started_at))
    return {
        p: PipelineStats(
            pipeline=p,
            waiting=c["w"],
            processing=c["p"],
            done_since=c["d"],
            failed_since=c["f"],
            median_wait_s=statistics.median(waits[p]) if waits[p] else None,
            median_processing_s=statistics.median(procs[p]) if procs[p] else None,
        )
        for p, c in counts.items()
    }
