"""Pipeline medians count only times the app actually observed."""

from __future__ import annotations

from dataclasses import replace

from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.services.stats import compute_pipeline_stats


def _done(job_id: int, *, took: float, closed: bool = False) -> JobRecord:
    return JobRecord(
        id=job_id,
        profile="p",
        bucket="b",
        key=f"k{job_id}",
        fops=("f",),
        presets=("P",),
        outputs=("o",),
        output_bucket="b",
        pipeline="video",
        batch_id="",
        state=JobState.DONE,
        persistent_id=f"z0.{job_id}",
        force=False,
        notify_url="",
        type=0,
        submitted_at=100.0,
        updated_at=100.0 + took,
        started_at=110.0,
        finished_at=110.0 + took,
        status_json=None,
        error="",
        retry_of=None,
        finished_while_closed=closed,
    )


def test_jobs_that_finished_while_the_app_was_closed_do_not_skew_the_medians() -> None:
    fast = [_done(i, took=10.0) for i in range(3)]
    closed = [_done(10 + i, took=3 * 3600.0, closed=True) for i in range(5)]
    stats = compute_pipeline_stats([*fast, *closed], since=0.0)["video"]
    assert stats.done_since == 8  # they still count as done today
    assert stats.median_processing_s == 10.0  # but not with the hours the app was closed
    again = compute_pipeline_stats(
        [*fast, *(replace(r, finished_while_closed=False) for r in closed)], since=0.0
    )["video"]
    assert again.median_processing_s == 3 * 3600.0  # the rule is what made the difference
