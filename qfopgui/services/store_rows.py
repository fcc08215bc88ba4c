"""How a `JobRecord` maps to and from a row of the jobs table, kept in one place for every query."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import Any

from qfopgui.core.jobs import JobRecord, JobState

__all__ = ["COLUMNS", "RECORD_FIELDS", "db_value", "record_from_row", "replaced"]

# The SELECT list every read uses; `record_from_row` reads a row in exactly this order.
COLUMNS = (
    "id, profile, bucket, key, fops, presets, outputs, output_bucket, pipeline, batch_id, state, "
    "persistent_id, force, notify_url, type, submitted_at, updated_at, started_at, finished_at, "
    "status_json, error, retry_of, server_created_at, last_seen_active_at, finished_while_closed, "
    "verify_state, verify_note"
)

RECORD_FIELDS = tuple(f.name for f in dataclasses.fields(JobRecord))


def record_from_row(row: Sequence[Any]) -> JobRecord:
    """A row selected with `COLUMNS` as a JobRecord."""
    return JobRecord(
        id=row[0],
        profile=row[1],
        bucket=row[2],
        key=row[3],
        fops=tuple(json.loads(row[4])),
        presets=tuple(json.loads(row[5])),
        outputs=tuple(json.loads(row[6])),
        output_bucket=row[7],
        pipeline=row[8],
        batch_id=row[9],
        state=JobState(row[10]),
        persistent_id=row[11],
        force=bool(row[12]),
        notify_url=row[13],
        type=row[14],
        submitted_at=row[15],
        updated_at=row[16],
        started_at=row[17],
        finished_at=row[18],
        status_json=row[19],
        error=row[20],
        retry_of=row[21],
        server_created_at=row[22],
        last_seen_active_at=row[23],
        finished_while_closed=bool(row[24]),
        verify_state=row[25],
        verify_note=row[26],
    )


def replaced(rec: JobRecord, changes: dict[str, Any]) -> JobRecord:
    """`dataclasses.replace` without its per-call overhead (hot path of the poller's writes)."""
    return JobRecord(*(changes.get(n, getattr(rec, n)) for n in RECORD_FIELDS))


def db_value(value: Any) -> Any:
    """A JobRecord field value as the jobs table stores it."""
    if isinstance(value, JobState):
        return value.value
    if isinstance(value, tuple):
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    return value
