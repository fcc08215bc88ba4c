"""The read-only SQL of the job store, as functions of an open connection.

`JobStore` owns the connection, the error translation and the threading rules; these functions
only say which rows each read selects, so every query sits in one place next to its index needs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.services.stats import PipelineStats, compute_pipeline_stats
from qfopgui.services.store_rows import COLUMNS, record_from_row

__all__ = [
    "batch_jobs",
    "fetch_job",
    "job_by_persistent_id",
    "jobs_for_source",
    "jobs_writing_to",
    "pipeline_stats",
    "retried_among",
    "select_jobs",
    "state_counts",
    "unverified_done",
]

# Ids per `IN (...)` list, well under sqlite's limit on bound parameters.
_CHUNK = 500


def fetch_job(conn: sqlite3.Connection, job_id: int) -> JobRecord | None:
    row = conn.execute(f"SELECT {COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
    return record_from_row(row) if row else None


def job_by_persistent_id(conn: sqlite3.Connection, profile: str, pid: str) -> JobRecord | None:
    """The newest row of this profile with this server id."""
    row = conn.execute(
        f"SELECT {COLUMNS} FROM jobs WHERE persistent_id = ? AND profile = ? "
        "ORDER BY id DESC LIMIT 1",
        (pid, profile),
    ).fetchone()
    return record_from_row(row) if row else None


def select_jobs(
    conn: sqlite3.Connection,
    profile: str | None,
    states: Iterable[JobState] | None,
    limit: int | None,
) -> list[JobRecord]:
    """Records, newest first, optionally for one profile and/or some states."""
    where: list[str] = []
    args: list[Any] = []
    if profile is not None:
        where.append("profile = ?")
        args.append(profile)
    if states is not None:
        values = [JobState(s).value for s in states]
        if not values:
            return []
        where.append(f"state IN ({', '.join('?' for _ in values)})")
        args.extend(values)
    sql = f"SELECT {COLUMNS} FROM jobs"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        args.append(int(limit))
    return [record_from_row(r) for r in conn.execute(sql, args)]


def jobs_for_source(
    conn: sqlite3.Connection, profile: str, bucket: str, key: str, limit: int
) -> list[JobRecord]:
    """Plain equality on (profile, bucket, key), so sqlite answers from the `jobs_source` index."""
    rows = conn.execute(
        f"SELECT {COLUMNS} FROM jobs WHERE profile = ? AND bucket = ? AND key = ? "
        "ORDER BY id DESC LIMIT ?",
        (profile, bucket, key, int(limit)),
    )
    return [record_from_row(r) for r in rows]


def jobs_writing_to(
    conn: sqlite3.Connection, profile: str, output_bucket: str, states: Iterable[JobState]
) -> list[JobRecord]:
    """Jobs of a profile, in some states, that save their outputs in `output_bucket`."""
    values = [JobState(s).value for s in states]
    if not values:
        return []
    marks = ", ".join("?" for _ in values)
    rows = conn.execute(
        f"SELECT {COLUMNS} FROM jobs WHERE profile = ? AND output_bucket = ? "
        f"AND state IN ({marks}) ORDER BY id",
        (profile, output_bucket, *values),
    )
    return [record_from_row(r) for r in rows]


def batch_jobs(conn: sqlite3.Connection, batch_id: str) -> list[JobRecord]:
    rows = conn.execute(
        f"SELECT {COLUMNS} FROM jobs WHERE batch_id = ? ORDER BY id DESC", (batch_id,)
    )
    return [record_from_row(r) for r in rows]


def state_counts(conn: sqlite3.Connection, profile: str) -> dict[JobState, int]:
    """Rows per state for one profile; every state is present (0 if none)."""
    out = dict.fromkeys(JobState, 0)
    rows = conn.execute(
        "SELECT state, COUNT(*) FROM jobs WHERE profile = ? GROUP BY state", (profile,)
    )
    for state, n in rows:
        out[JobState(state)] = int(n)
    return out


def retried_among(conn: sqlite3.Connection, job_ids: Iterable[int]) -> set[int]:
    """Which of these jobs a later job retries (they are superseded by their retry)."""
    ids = [int(i) for i in job_ids]
    out: set[int] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        rows = conn.execute(
            f"SELECT DISTINCT retry_of FROM jobs WHERE retry_of IN ({marks})", chunk
        )
        out.update(int(row[0]) for row in rows)
    return out


def pipeline_stats(
    conn: sqlite3.Connection, profile: str, since: float
) -> dict[str, PipelineStats]:
    """Active jobs and those finished since `since`, summed up per pipeline."""
    rows = conn.execute(
        f"SELECT {COLUMNS} FROM jobs WHERE profile = ? AND (state IN (?, ?) OR finished_at >= ?)",
        (profile, JobState.WAITING.value, JobState.PROCESSING.value, since),
    )
    return compute_pipeline_stats((record_from_row(r) for r in rows), since=since)


def unverified_done(conn: sqlite3.Connection, limit: int) -> list[JobRecord]:
    """The newest done jobs whose outputs were never checked, or could not be checked; jobs a
    later job retries are left out (their outputs were made again)."""
    rows = conn.execute(
        f"SELECT {COLUMNS} FROM jobs WHERE state IN (?, ?) "
        "AND (verify_state IS NULL OR verify_state = 'unchecked') "
        "AND id NOT IN (SELECT retry_of FROM jobs WHERE retry_of IS NOT NULL) "
        "ORDER BY id DESC LIMIT ?",
        (JobState.DONE.value, JobState.NOTIFY_FAILED.value, int(limit)),
    )
    return [record_from_row(r) for r in rows]
