"""A batch whose first job finishes while the others are still being submitted still reports
"finished": the records the submit call returns (older) must not undo what polling saw."""

from __future__ import annotations

import dataclasses

from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.services.batches import BatchSummary, BatchTracker


def record(job_id: int, state: JobState) -> JobRecord:
    return JobRecord(
        id=job_id,
        profile="demo",
        bucket="media",
        key=f"c{job_id}.mov",
        fops=("avthumb/mp4",),
        presets=("MP4 H.264 720p",),
        outputs=(f"c{job_id}.mp4",),
        output_bucket="media",
        pipeline="",
        batch_id="b1",
        state=state,
        persistent_id=f"z0.{job_id}",
        force=False,
        notify_url="",
        type=0,
        submitted_at=1.0,
        updated_at=1.0,
        started_at=None,
        finished_at=None,
        status_json=None,
        error="",
        retry_of=None,
    )


def test_a_job_done_before_the_batch_is_watched_stays_done() -> None:
    finished: list[BatchSummary] = []
    tracker = BatchTracker(finished.append)
    first, second = record(1, JobState.WAITING), record(2, JobState.WAITING)
    tracker.update([first])
    tracker.update([dataclasses.replace(first, state=JobState.DONE)])  # polled while sending
    tracker.update([second])
    tracker.watch("b1", [first, second])  # what submit() returns: the records as sent
    tracker.update([dataclasses.replace(second, state=JobState.DONE)])
    assert finished == [BatchSummary("b1", done=2, failed=0, undecided=0, total=2)]
