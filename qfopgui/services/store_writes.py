"""The SQL of the job store's writes, run inside a transaction on an open connection.

`JobStore` decides when to write (read-only stores, the clock, error translation); these
functions say what each write does to the jobs table, and `in_transaction` how one write is
committed or rolled back, so that a failed write never leaves half a change behind.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from qfopgui.core.jobs import JobRecord, JobState, StatusLike
from qfopgui.services.store_queries import fetch_job
from qfopgui.services.store_rows import RECORD_FIELDS, db_value, replaced
from qfopgui.services.store_status_rules import status_fields

__all__ = [
    "INTERRUPTED",
    "apply_status_rows",
    "delete_jobs",
    "in_transaction",
    "insert_job",
    "mark_interrupted",
    "reset_verification",
    "restore_rows",
    "set_verification",
    "update_job",
]

log = logging.getLogger(__name__)

INTERRUPTED = (
    "The app stopped while this job was being submitted, so it may or may not have reached "
    "the server. Submit it again (it will overwrite) or discard it."
)

# Stored as JSON text lists.
_LIST_FIELDS = ("fops", "presets", "outputs")

_T = TypeVar("_T")


def in_transaction(conn: sqlite3.Connection, fn: Callable[[sqlite3.Connection], _T]) -> _T:
    """Run `fn` in one immediate transaction: committed if it returns, rolled back if not."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = fn(conn)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # sqlite may already have rolled back (e.g. disk full)
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:  # the first failure is the one to report
                log.warning("rolling back a failed job store write failed", exc_info=True)
        raise
    return result


def insert_job(conn: sqlite3.Connection, fields: Mapping[str, Any]) -> JobRecord:
    """Insert one row (list fields as sequences) and return it as stored."""
    values = {
        name: json.dumps(list(value), ensure_ascii=False) if name in _LIST_FIELDS else value
        for name, value in fields.items()
    }
    names = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cur = conn.execute(f"INSERT INTO jobs ({names}) VALUES ({marks})", tuple(values.values()))
    rec = fetch_job(conn, int(cur.lastrowid or 0))
    assert rec is not None
    return rec


def update_job(conn: sqlite3.Connection, job_id: int, fields: Mapping[str, Any]) -> JobRecord:
    """Update some columns of one row and return it; KeyError if the row is gone."""
    assigns = ", ".join(f"{name} = ?" for name in fields)
    conn.execute(f"UPDATE jobs SET {assigns} WHERE id = ?", (*fields.values(), job_id))
    rec = fetch_job(conn, job_id)
    if rec is None:
        raise KeyError(job_id)
    return rec


def apply_status_rows(
    conn: sqlite3.Connection,
    updates: Sequence[tuple[int, StatusLike]],
    now: float,
    run_started_at: float,
) -> list[JobRecord]:
    """Write what each prefop answer changes (`status_fields`); returns the changed records.

    An active job whose answer changes nothing still gets `last_seen_active_at = now`.
    """
    out: list[JobRecord] = []
    seen_active: list[tuple[float, int]] = []
    for job_id, status in updates:
        rec = fetch_job(conn, job_id)
        if rec is None:
            continue
        fields = status_fields(rec, status, now, run_started_at)
        if not fields:
            if rec.state.is_active:
                seen_active.append((now, job_id))
            continue
        fields["updated_at"] = now
        assigns = ", ".join(f"{name} = ?" for name in fields)
        values = [db_value(v) for v in fields.values()]
        conn.execute(f"UPDATE jobs SET {assigns} WHERE id = ?", (*values, job_id))
        out.append(replaced(rec, fields))
    conn.executemany("UPDATE jobs SET last_seen_active_at = ? WHERE id = ?", seen_active)
    return out


def mark_interrupted(conn: sqlite3.Connection, now: float) -> None:
    """Every SUBMITTING row → UNRESOLVED with the `INTERRUPTED` reason."""
    conn.execute(
        "UPDATE jobs SET state = ?, error = ?, updated_at = ? WHERE state = ?",
        (JobState.UNRESOLVED.value, INTERRUPTED, now, JobState.SUBMITTING.value),
    )


def delete_jobs(conn: sqlite3.Connection, job_ids: Iterable[int]) -> None:
    conn.executemany("DELETE FROM jobs WHERE id = ?", [(int(i),) for i in job_ids])


def restore_rows(conn: sqlite3.Connection, records: Sequence[JobRecord]) -> None:
    """Insert removed rows back with their own ids; a row whose id is taken is skipped."""
    names = [n for n in RECORD_FIELDS if n != "id"]
    sql = (
        f"INSERT OR IGNORE INTO jobs (id, {', '.join(names)}) "
        f"VALUES (?, {', '.join('?' for _ in names)})"
    )
    rows = [(r.id, *(db_value(getattr(r, n)) for n in names)) for r in records]
    conn.executemany(sql, rows)


def set_verification(
    conn: sqlite3.Connection, job_id: int, state: str, note: str
) -> JobRecord | None:
    """Record what checking the outputs found (``updated_at`` stays: the job did not change)."""
    conn.execute(
        "UPDATE jobs SET verify_state = ?, verify_note = ? WHERE id = ?", (state, note, job_id)
    )
    return fetch_job(conn, job_id)


def reset_verification(conn: sqlite3.Connection, job_ids: Iterable[int]) -> list[JobRecord]:
    """Forget the verdict of these jobs (their outputs are being made again); returns the rows
    that had one."""
    out: list[JobRecord] = []
    for job_id in job_ids:
        cur = conn.execute(
            "UPDATE jobs SET verify_state = NULL, verify_note = NULL "
            "WHERE id = ? AND verify_state IS NOT NULL",
            (int(job_id),),
        )
        if cur.rowcount and (rec := fetch_job(conn, int(job_id))) is not None:
            out.append(rec)
    return out
