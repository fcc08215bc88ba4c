"""Numbered schema migrations for the job store (`PRAGMA user_version` = migrations applied).

Append new migrations; never edit a released one. Each is a list of SQL statements that run in
one transaction together with the `user_version` bump, so a crash leaves the old version intact.
Before migrating an existing file, a backup copy is written next to it.
To add one: define `V<N>` below the last and append it to `MIGRATIONS`; nothing else changes.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path

from qfopgui.services import store_messages as M
from qfopgui.services.store_errors import StoreError

__all__ = ["MIGRATIONS", "Migration", "StoreError", "backup", "migrate"]

Migration = Sequence[str]

V1: Migration = (
    """CREATE TABLE jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: ids of removed rows never return
        profile TEXT NOT NULL,
        bucket TEXT NOT NULL,
        key TEXT NOT NULL,
        fops TEXT NOT NULL,          -- JSON array of strings
        presets TEXT NOT NULL,       -- JSON array of strings
        outputs TEXT NOT NULL,       -- JSON array of strings
        output_bucket TEXT NOT NULL,
        pipeline TEXT NOT NULL,
        batch_id TEXT NOT NULL,
        state TEXT NOT NULL,
        persistent_id TEXT,
        force INTEGER NOT NULL,
        notify_url TEXT NOT NULL,
        type INTEGER NOT NULL,
        submitted_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        started_at REAL,
        finished_at REAL,
        status_json TEXT,
        error TEXT NOT NULL,
        retry_of INTEGER
    )""",
    "CREATE INDEX jobs_profile_state ON jobs (profile, state)",
    "CREATE INDEX jobs_persistent_id ON jobs (persistent_id)",
    "CREATE INDEX jobs_batch_id ON jobs (batch_id)",
)

# "Outputs of this file" (Files → Details) looks jobs up by their source object
V2: Migration = ("CREATE INDEX jobs_source ON jobs (profile, bucket, key)",)

# Truthful durations (`qfopgui.core.job_timing`): the server's creation time, when the app last
# saw a job active, and whether it finished while the app was not watching. Active rows were
# last seen active when they last changed; older finished rows keep the old "Took".
V3: Migration = (
    "ALTER TABLE jobs ADD COLUMN server_created_at REAL",
    "ALTER TABLE jobs ADD COLUMN last_seen_active_at REAL",
    "ALTER TABLE jobs ADD COLUMN finished_while_closed INTEGER NOT NULL DEFAULT 0",
    "UPDATE jobs SET last_seen_active_at = updated_at WHERE state IN ('waiting', 'processing')",
)

# Output verification (`qfopgui.core.verification`): the state (NULL: not checked yet) and the
# checks behind it as JSON. Rows done before this version are checked when the app next starts.
V4: Migration = (
    "ALTER TABLE jobs ADD COLUMN verify_state TEXT",
    "ALTER TABLE jobs ADD COLUMN verify_note TEXT",
)

MIGRATIONS: tuple[Migration, ...] = (V1, V2, V3, V4)


def backup(conn: sqlite3.Connection, path: Path, version: int, now: float) -> Path:
    """Copy the database (WAL included, via sqlite's backup API) to `<name>.v<N>-<time>.bak`."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.v{version}-{stamp}-{n}.bak")
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    except BaseException:
        dest.close()
        target.unlink(missing_ok=True)  # a half-written copy (disk full) is no backup
        raise
    dest.close()
    return target


def migrate(
    conn: sqlite3.Connection,
    path: Path,
    migrations: Sequence[Migration],
    *,
    existed: bool,
    now: float,
) -> Path | None:
    """Bring the schema up to date. Returns the backup path if one was written.

    `conn` must be in autocommit mode (isolation_level=None): transactions are explicit here.
    """
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    target = len(migrations)
    if version > target:
        raise StoreError.make(M.NEWER, path=path, found=version, known=target)
    if version == target:
        return None
    saved = backup(conn, path, version, now) if existed else None
    for number in range(version, target):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in migrations[number]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1:d}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # sqlite may already have rolled back (e.g. disk full)
                conn.execute("ROLLBACK")
            raise
    return saved
