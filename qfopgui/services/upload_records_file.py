"""Opening the upload records file: its schema, and what to do with a file that cannot be used.

A damaged, unreadable or newer-version file is set aside (`uploads.sqlite3.damaged-<time>`,
with the job store's checks from `store_open`) and a fresh one started; a file that can be
neither used nor created leaves an in-memory store, so uploads still work but do not survive a
restart. `RecordsHealth` says which (a template of `upload_messages`).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from qfopgui.services import upload_messages as M
from qfopgui.services.store_errors import StoreError
from qfopgui.services.store_migrations import Migration, migrate
from qfopgui.services.store_open import check_file, connect_uri, file_uri, set_aside

log = logging.getLogger(__name__)

V1: Migration = (
    """CREATE TABLE uploads (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        profile TEXT NOT NULL,
        bucket TEXT NOT NULL,
        key TEXT NOT NULL,
        path TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        state TEXT NOT NULL,
        error TEXT NOT NULL DEFAULT '',          -- template (upload_messages)
        error_params TEXT NOT NULL DEFAULT '{}',  -- JSON object of strings
        note TEXT NOT NULL DEFAULT '',
        note_params TEXT NOT NULL DEFAULT '{}',
        upload_id TEXT,                           -- multipart session, NULL before/without one
        expire_at INTEGER NOT NULL DEFAULT 0,
        part_size INTEGER NOT NULL,
        overwrite INTEGER NOT NULL DEFAULT 0,
        presets TEXT NOT NULL DEFAULT '[]',       -- JSON arrays of strings
        fops TEXT NOT NULL DEFAULT '[]',
        outputs TEXT NOT NULL DEFAULT '[]',
        pipeline TEXT NOT NULL DEFAULT '',
        notify_url TEXT NOT NULL DEFAULT '',
        batch_id TEXT NOT NULL DEFAULT '',
        job_id INTEGER,
        file_etag TEXT NOT NULL DEFAULT '',       -- set right before the final request
        resumed INTEGER NOT NULL DEFAULT 0,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL
    )""",
    """CREATE TABLE upload_parts (
        upload INTEGER NOT NULL,
        number INTEGER NOT NULL,
        etag TEXT NOT NULL,
        sha1 BLOB,
        PRIMARY KEY (upload, number)
    ) WITHOUT ROWID""",
    "CREATE INDEX uploads_state ON uploads (state)",
)
MIGRATIONS: tuple[Migration, ...] = (V1,)


@dataclass(frozen=True)
class RecordsHealth:
    """What opening found; `template` is "" when there is nothing to tell."""

    path: Path
    in_memory: bool = False
    backup: Path | None = None
    template: str = ""
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return M.render(self.template, self.params) if self.template else ""


def open_records(path: Path, now: float) -> tuple[sqlite3.Connection, RecordsHealth]:
    """Check, set aside what cannot be used, open (or fall back to memory)."""
    health = RecordsHealth(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        existed = _size(path) > 0 or _size(path.with_name(path.name + "-wal")) > 0
        if existed:
            verdict = check_file(path, connect_uri, known=len(MIGRATIONS))
            if verdict.reason is not None:
                log.warning("upload records %s are unusable: %s", path, verdict.error)
                backup = set_aside(path, verdict.reason, now)
                health = RecordsHealth(
                    path,
                    backup=backup,
                    template=M.RECORDS_SET_ASIDE,
                    params={"backup": str(backup)},
                )
                existed = False
        conn = connect_uri(file_uri(path, "rwc"))
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")  # see upload_records: survives a crash
            migrate(conn, path, MIGRATIONS, existed=existed, now=now)
            conn.execute("BEGIN IMMEDIATE")  # fail now, not at the first part, if unwritable
            try:
                conn.execute(f"PRAGMA user_version = {len(MIGRATIONS):d}")
            finally:
                conn.execute("ROLLBACK")
        except BaseException:
            conn.close()
            raise
        return conn, health
    except (sqlite3.Error, OSError, StoreError) as exc:
        log.warning("cannot use the upload records %s: %s; keeping them in memory", path, exc)
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        migrate(conn, path, MIGRATIONS, existed=False, now=now)
        words = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        params = {"path": str(path), "error": words}
        return conn, RecordsHealth(path, True, template=M.RECORDS_IN_MEMORY, params=params)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0
