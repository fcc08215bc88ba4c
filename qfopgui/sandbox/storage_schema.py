"""The sandbox storage's sqlite schema, its forward migrations, and the row types it yields.

Version 1 held the service's basic object fields; version 2 added ``x-qn-meta-*`` metadata,
the archive restore window and the ``deleteAfterDays`` expiry. ``migrate`` brings an older
database forward one step at a time inside one transaction, keeping every row.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

SCHEMA_VERSION = 2
COLUMNS = (
    "bucket, key, fsize, hash, mime_type, put_time, type, status, end_user, file,"
    " meta, restore_ready, restore_until, expire_at"
)
PLACEHOLDERS = ",".join("?" * 14)
DAY = 86400
RESTORE_SECONDS = 1.0  # how long an archived object stays "restoring" before it is readable
META_MAX_BYTES = 1024  # names + values of one object's x-qn-meta-* (the sandbox's own limit)
ARCHIVED_TYPES = (2, 3)  # archive, deep archive: readable only while restored

Row = tuple[object, ...]


class NoSuchBucketError(LookupError):
    """Raised when an object operation names a bucket that was never created."""


class MetadataTooLargeError(ValueError):
    """Raised when an object's metadata would exceed ``META_MAX_BYTES``."""


def meta_size(meta: Mapping[str, str]) -> int:
    """UTF-8 bytes of every metadata name and value (what ``META_MAX_BYTES`` limits)."""
    return sum(len(k.encode()) + len(v.encode()) for k, v in meta.items())


@dataclass(frozen=True)
class StoredObject:
    """One object's metadata; ``put_time`` is in Qiniu's 100 ns units since the epoch.

    ``restore_status`` is 0 (frozen or not archived), 1 (restoring) or 2 (restored, readable);
    ``expiration`` is the Unix second it will be deleted at, 0 for never.
    """

    bucket: str
    key: str
    fsize: int
    hash: str
    mime_type: str
    put_time: int
    type: int
    status: int
    end_user: str
    path: Path
    meta: Mapping[str, str] = field(default_factory=dict)
    restore_status: int = 0
    expiration: int = 0

    @property
    def readable(self) -> bool:
        """False for an archived object that is not restored (downloads are refused)."""
        return self.type not in ARCHIVED_TYPES or self.restore_status == 2


@dataclass(frozen=True)
class BucketRow:
    """A bucket as the sandbox knows it; ``ctime`` is Unix seconds."""

    name: str
    private: bool
    region: str
    ctime: int


class PutOptions(TypedDict, total=False):
    """What an upload or copy may say about the object it stores, beyond its bytes."""

    mime_type: str | None  # None: guessed from the key
    file_type: int
    end_user: str
    meta: Mapping[str, str] | None


@dataclass(frozen=True)
class NewObject:
    """An object about to be stored: its identity, etag, and its ``PutOptions``."""

    bucket: str
    key: str
    hash: str
    mime_type: str | None = None
    file_type: int = 0
    end_user: str = ""
    meta: Mapping[str, str] | None = None


def object_from_row(row: Row, data_dir: Path, now: float) -> StoredObject:
    """A ``SELECT COLUMNS`` row as an object; the restore state is judged at ``now``."""
    bucket, key, fsize, hash_, mime, put_time, type_, status, end_user, rel = row[:10]
    meta_json, ready, until, expire_at = row[10:]
    restore = 0
    if float(str(until)) > now:
        restore = 1 if now < float(str(ready)) else 2
    meta = json.loads(str(meta_json) or "{}")
    return StoredObject(
        bucket=str(bucket),
        key=str(key),
        fsize=int(str(fsize)),
        hash=str(hash_),
        mime_type=str(mime),
        put_time=int(str(put_time)),
        type=int(str(type_)),
        status=int(str(status)),
        end_user=str(end_user),
        path=data_dir / str(rel),
        meta={str(k): str(v) for k, v in meta.items()} if isinstance(meta, dict) else {},
        restore_status=restore,
        expiration=int(float(str(expire_at))),
    )


def rows_from(
    db: sqlite3.Connection, bucket: str, start: str, inclusive: bool, upper: str | None, limit: int
) -> Iterator[Row]:
    """Rows of ``bucket`` from ``start`` (up to ``upper``) in key order, read lazily: the
    listing loop stops reading as soon as it meets a common prefix."""
    op = ">=" if inclusive else ">"
    sql = f"SELECT {COLUMNS} FROM objects WHERE bucket = ? AND key {op} ?"
    args: list[object] = [bucket, start]
    if upper is not None:
        sql += " AND key < ?"
        args.append(upper)
    sql += " ORDER BY key LIMIT ?"
    args.append(limit)
    return iter(db.execute(sql, args))


def migrate(db: sqlite3.Connection) -> None:
    """Bring the database (autocommit connection) to ``SCHEMA_VERSION``, keeping its data."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version >= SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        if version < 1:
            db.execute(
                "CREATE TABLE IF NOT EXISTS buckets (name TEXT PRIMARY KEY,"
                " private INTEGER NOT NULL, region TEXT NOT NULL, ctime INTEGER NOT NULL)"
            )
            db.execute(
                "CREATE TABLE IF NOT EXISTS objects (bucket TEXT NOT NULL, key TEXT NOT NULL,"
                " fsize INTEGER NOT NULL, hash TEXT NOT NULL, mime_type TEXT NOT NULL,"
                " put_time INTEGER NOT NULL, type INTEGER NOT NULL DEFAULT 0,"
                " status INTEGER NOT NULL DEFAULT 0, end_user TEXT NOT NULL DEFAULT '',"
                " file TEXT NOT NULL, PRIMARY KEY (bucket, key)) WITHOUT ROWID"
            )
            db.execute("CREATE TABLE IF NOT EXISTS trash (path TEXT PRIMARY KEY)")
            db.execute("CREATE TABLE IF NOT EXISTS kv (name TEXT PRIMARY KEY, value TEXT)")
        if version < 2:
            for column in (
                "meta TEXT NOT NULL DEFAULT '{}'",
                "restore_ready REAL NOT NULL DEFAULT 0",
                "restore_until REAL NOT NULL DEFAULT 0",
                "expire_at REAL NOT NULL DEFAULT 0",
            ):
                db.execute(f"ALTER TABLE objects ADD COLUMN {column}")
            db.execute("CREATE INDEX objects_expiry ON objects (expire_at) WHERE expire_at > 0")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
