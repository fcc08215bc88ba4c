"""A finished job as the job store returns it, for the Files outputs tests."""

from __future__ import annotations

from qfopgui.core.jobs import JobRecord, JobState


def done_job(
    job_id: int,
    outputs: tuple[str, ...],
    presets: tuple[str, ...] | None = None,
    *,
    profile: str = "A",
    bucket: str = "media",
    state: JobState = JobState.DONE,
) -> JobRecord:
    return JobRecord(
        id=job_id,
        profile=profile,
        bucket=bucket,
        key="v/a.mp4",
        fops=tuple("fop" for _ in outputs),
        presets=presets or tuple("MP4 720p" for _ in outputs),
        outputs=outputs,
        output_bucket=bucket,
        pipeline="",
        batch_id="b",
        state=state,
        persistent_id=f"z{job_id}",
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
