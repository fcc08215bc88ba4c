"""Job databases in an older schema, written with plain SQL (today's JobStore reads and writes
only the current schema, so it cannot make an old file)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from qfopgui.services.store_migrations import MIGRATIONS


def add_old_row(path: Path, *, version: int = 1, key: str = "in/a.mp4") -> int:
    """Create `path` at schema `version` if it is new, add one SUBMITTING job; returns its id."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        if con.execute("PRAGMA user_version").fetchone()[0] == 0:
            for migration in MIGRATIONS[:version]:
                for statement in migration:
                    con.execute(statement)
            con.execute(f"PRAGMA user_version = {version:d}")
        cur = con.execute(
            "INSERT INTO jobs (profile, bucket, key, fops, presets, outputs, output_bucket,"
            " pipeline, batch_id, state, persistent_id, force, notify_url, type, submitted_at,"
            " updated_at, error) VALUES ('work', 'src', ?, '[\"avthumb/mp4\"]', '[\"MP4\"]',"
            " '[\"out/a.mp4\"]', 'dst', '', 'b1', 'submitting', NULL, 0, '', 0,"
            " 1700000000.0, 1700000000.0, '')",
            (key,),
        )
        return int(cur.lastrowid or 0)
    finally:
        con.close()
