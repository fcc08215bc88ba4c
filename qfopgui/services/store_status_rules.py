"""What one prefop answer changes in a stored job, apart from the SQL that writes it."""

from __future__ import annotations

import json
from typing import Any

from qfopgui.core.job_timing import finish_unwatched, parse_server_time
from qfopgui.core.jobs import (
    JobRecord,
    JobState,
    StatusLike,
    state_from_prefop_code,
    status_to_json,
    summarize_failure,
)

__all__ = ["comparable_status", "queue_name", "status_fields"]


def comparable_status(status_json: str | None) -> Any:
    """A status without its per-request `reqid`, so identical answers compare equal."""
    if not status_json:
        return None
    try:
        data = json.loads(status_json)
    except ValueError:
        return status_json
    if isinstance(data, dict):
        data.pop("reqid", None)
    return data


def queue_name(server_pipeline: str) -> str:
    """`<uid>.<name>` → `name`; `0.default` (the shared queue) → ``."""
    if server_pipeline in ("", "0.default"):
        return ""
    return server_pipeline.split(".", 1)[1] if "." in server_pipeline else server_pipeline


def status_fields(
    rec: JobRecord, status: StatusLike, now: float, run_started_at: float
) -> dict[str, Any]:
    """The record fields a status changes ({} if none); values as JobRecord holds them.

    started_at is set when a job is first seen processing, finished_at when first seen
    terminal (with whether that finish went unwatched since `run_started_at`); a tracked job's
    bucket/key/type/queue/commands are filled in from its first answer.
    """
    state = state_from_prefop_code(status.code)
    text = status_to_json(status)
    if state is rec.state and comparable_status(text) == comparable_status(rec.status_json):
        return {}
    fields: dict[str, Any] = {"state": state, "status_json": text}
    created = parse_server_time(status.creation_date)
    if created is not None and created != rec.server_created_at:
        fields["server_created_at"] = created
    if state.is_active:
        fields["last_seen_active_at"] = now
    if state is JobState.PROCESSING and rec.started_at is None:
        fields["started_at"] = now
    if state.is_terminal and rec.finished_at is None:
        fields["finished_at"] = now
        fields["finished_while_closed"] = finish_unwatched(
            last_seen_active_at=rec.last_seen_active_at,
            seen_terminal_at=now,
            run_started_at=run_started_at,
        )
    if state in (JobState.FAILED, JobState.NOTIFY_FAILED):
        fields["error"] = summarize_failure(status)
    if not rec.bucket and status.input_bucket:  # a tracked job: fill in what it is
        fields.update(bucket=status.input_bucket, key=status.input_key, type=status.type)
        fields["pipeline"] = queue_name(status.pipeline)
        if not rec.fops:
            fields["fops"] = tuple(it.cmd for it in status.items)
    return fields
