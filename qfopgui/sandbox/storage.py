"""Object storage for the sandbox: files on disk plus sqlite metadata, thread-safe, restart-proof.

Objects live under ``<data>/objects/<aa>/<sha256(bucket, key)>-<unique>``; the unique suffix lets a
replacement be written beside the old file and become visible in one sqlite commit, so readers
streaming the old version are never cut off (and Windows never has to rename over an open file).
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from qiniu.utils import etag, etag_stream

from qfopgui.sandbox.mime import guess_mime

_SCHEMA_VERSION = 1
_COLUMNS = "bucket, key, fsize, hash, mime_type, put_time, type, status, end_user, file"


class NoSuchBucketError(LookupError):
    """Raised when an object operation names a bucket that was never created."""


@dataclass(frozen=True)
class StoredObject:
    """One object's metadata; ``put_time`` is in Qiniu's 100 ns units since the epoch."""

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


@dataclass(frozen=True)
class BucketRow:
    """A bucket as the sandbox knows it; ``ctime`` is Unix seconds."""

    name: str
    private: bool
    region: str
    ctime: int


class ListPage(NamedTuple):
    """One listing page; unpacks as ``(items, common_prefixes, next_marker_key)``."""

    items: list[StoredObject]
    common_prefixes: list[str]
    next_marker_key: str


def successor(s: str) -> str | None:
    """Smallest string greater than every string that starts with ``s`` (None if there is none)."""
    chars = list(s)
    while chars:
        code = ord(chars[-1])
        if code < 0x10FFFF:
            code += 1
            if 0xD800 <= code <= 0xDFFF:
                code = 0xE000
            chars[-1] = chr(code)
            return "".join(chars)
        chars.pop()
    return None


class Storage:
    """Buckets and objects. Every public method may be called from any thread."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self._objects_dir = self.data_dir / "objects"
        self.tmp_dir = self.data_dir / "tmp"
        self._objects_dir.mkdir(parents=True, exist_ok=True)
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(
            self.data_dir / "meta.sqlite", check_same_thread=False, isolation_level=None
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._migrate()
        self._empty_trash()

    # -- lifecycle -------------------------------------------------------------------------

    def _migrate(self) -> None:
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version >= _SCHEMA_VERSION:
            return
        with self._tx():
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS buckets (name TEXT PRIMARY KEY,"
                " private INTEGER NOT NULL, region TEXT NOT NULL, ctime INTEGER NOT NULL)"
            )
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS objects (bucket TEXT NOT NULL, key TEXT NOT NULL,"
                " fsize INTEGER NOT NULL, hash TEXT NOT NULL, mime_type TEXT NOT NULL,"
                " put_time INTEGER NOT NULL, type INTEGER NOT NULL DEFAULT 0,"
                " status INTEGER NOT NULL DEFAULT 0, end_user TEXT NOT NULL DEFAULT '',"
                " file TEXT NOT NULL, PRIMARY KEY (bucket, key)) WITHOUT ROWID"
            )
            self._db.execute("CREATE TABLE IF NOT EXISTS trash (path TEXT PRIMARY KEY)")
            self._db.execute("CREATE TABLE IF NOT EXISTS kv (name TEXT PRIMARY KEY, value TEXT)")
            self._db.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _tx(self) -> Iterator[None]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _empty_trash(self) -> None:
        """Retry deleting replaced files that were still open (Windows) when replaced."""
        with self._lock:
            rows = self._db.execute("SELECT path FROM trash").fetchall()
            for (rel,) in rows:
                self._discard(rel, remember=False)
        for leftover in self.tmp_dir.iterdir():
            if leftover.is_file():
                leftover.unlink(missing_ok=True)

    def _discard(self, rel: str, *, remember: bool = True) -> None:
        try:
            (self.data_dir / rel).unlink(missing_ok=True)
        except OSError:
            if remember:
                self._db.execute("INSERT OR IGNORE INTO trash (path) VALUES (?)", (rel,))
            return
        if not remember:
            self._db.execute("DELETE FROM trash WHERE path = ?", (rel,))

    # -- key/value (demo seeding markers etc.) -----------------------------------------------

    def get_meta(self, name: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM kv WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, name: str, value: str) -> None:
        with self._tx():
            self._db.execute("INSERT OR REPLACE INTO kv (name, value) VALUES (?, ?)", (name, value))

    # -- buckets ---------------------------------------------------------------------------

    def create_bucket(self, name: str, *, private: bool = False, region: str = "z0") -> None:
        """Create the bucket, or update its privacy/region if it already exists."""
        with self._tx():
            self._db.execute(
                "INSERT INTO buckets (name, private, region, ctime) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(name) DO UPDATE SET private = excluded.private,"
                " region = excluded.region",
                (name, int(private), region, int(time.time())),
            )

    def bucket_exists(self, name: str) -> bool:
        return self.bucket(name) is not None

    def bucket(self, name: str) -> BucketRow | None:
        with self._lock:
            row = self._db.execute(
                "SELECT name, private, region, ctime FROM buckets WHERE name = ?", (name,)
            ).fetchone()
        return None if row is None else BucketRow(row[0], bool(row[1]), row[2], row[3])

    def buckets(self) -> list[BucketRow]:
        with self._lock:
            rows = self._db.execute(
                "SELECT name, private, region, ctime FROM buckets ORDER BY name"
            ).fetchall()
        return [BucketRow(r[0], bool(r[1]), r[2], r[3]) for r in rows]

    def bucket_usage(self, name: str) -> tuple[int, int]:
        """(object count, total bytes) — a full index scan, fine for the sandbox's sizes."""
        with self._lock:
            row = self._db.execute(
                "SELECT COUNT(*), COALESCE(SUM(fsize), 0) FROM objects WHERE bucket = ?", (name,)
            ).fetchone()
        return int(row[0]), int(row[1])

    # -- objects ---------------------------------------------------------------------------

    def _row_to_object(self, row: tuple[object, ...]) -> StoredObject:
        bucket, key, fsize, hash_, mime, put_time, type_, status, end_user, rel = row
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
            path=self.data_dir / str(rel),
        )

    def stat(self, bucket: str, key: str) -> StoredObject | None:
        with self._lock:
            row = self._db.execute(
                f"SELECT {_COLUMNS} FROM objects WHERE bucket = ? AND key = ?", (bucket, key)
            ).fetchone()
        return None if row is None else self._row_to_object(row)

    def _new_location(self, bucket: str, key: str) -> tuple[Path, str]:
        digest = hashlib.sha256(f"{bucket}\0{key}".encode()).hexdigest()
        rel = f"objects/{digest[:2]}/{digest}-{uuid.uuid4().hex[:12]}"
        path = self.data_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        return path, rel

    def put_file(
        self,
        bucket: str,
        key: str,
        src: Path,
        *,
        mime_type: str | None = None,
        move: bool = False,
        file_type: int = 0,
        end_user: str = "",
    ) -> StoredObject:
        """Store ``src`` under (bucket, key), atomically replacing any previous version."""
        if not self.bucket_exists(bucket):
            raise NoSuchBucketError(bucket)
        dest, rel = self._new_location(bucket, key)
        if move:
            try:
                os.replace(src, dest)
            except OSError:
                shutil.copyfile(src, dest)
                Path(src).unlink(missing_ok=True)
        else:
            shutil.copyfile(src, dest)
        meta = (bucket, key, etag(str(dest)), mime_type, file_type, end_user)
        return self._commit(dest, rel, meta)

    def put_bytes(
        self,
        bucket: str,
        key: str,
        data: bytes,
        *,
        mime_type: str | None = None,
        file_type: int = 0,
        end_user: str = "",
    ) -> StoredObject:
        """Store ``data`` under (bucket, key), atomically replacing any previous version."""
        if not self.bucket_exists(bucket):
            raise NoSuchBucketError(bucket)
        dest, rel = self._new_location(bucket, key)
        dest.write_bytes(data)
        hash_ = etag_stream(io.BytesIO(data))
        return self._commit(dest, rel, (bucket, key, hash_, mime_type, file_type, end_user))

    def _commit(
        self, dest: Path, rel: str, meta: tuple[str, str, str, str | None, int, str]
    ) -> StoredObject:
        bucket, key, hash_, mime_type, file_type, end_user = meta
        mime = mime_type or guess_mime(key)
        size, now = dest.stat().st_size, time.time_ns() // 100
        obj = StoredObject(bucket, key, size, hash_, mime, now, file_type, 0, end_user, dest)
        try:
            with self._tx():
                if not self.bucket_exists(bucket):
                    raise NoSuchBucketError(bucket)
                old = self._db.execute(
                    "SELECT file FROM objects WHERE bucket = ? AND key = ?", (bucket, key)
                ).fetchone()
                self._db.execute(
                    f"INSERT OR REPLACE INTO objects ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (bucket, key, size, hash_, mime, now, file_type, 0, end_user, rel),
                )
                if old is not None:
                    self._discard(str(old[0]))
        except BaseException:
            dest.unlink(missing_ok=True)
            raise
        return obj

    def update_fields(self, bucket: str, key: str, **fields: str | int) -> bool:
        """Change ``mime_type``/``type``/``status`` of an object in place; False if absent."""
        allowed = {"mime_type", "type", "status"}
        if not fields or not set(fields) <= allowed:
            raise ValueError(f"unsupported fields: {sorted(set(fields) - allowed)}")
        sets = ", ".join(f"{name} = ?" for name in fields)
        with self._tx():
            cur = self._db.execute(
                f"UPDATE objects SET {sets} WHERE bucket = ? AND key = ?",
                (*fields.values(), bucket, key),
            )
        return cur.rowcount > 0

    def delete(self, bucket: str, key: str) -> bool:
        with self._tx():
            row = self._db.execute(
                "SELECT file FROM objects WHERE bucket = ? AND key = ?", (bucket, key)
            ).fetchone()
            if row is None:
                return False
            self._db.execute("DELETE FROM objects WHERE bucket = ? AND key = ?", (bucket, key))
            self._discard(str(row[0]))
        return True

    # -- listing ---------------------------------------------------------------------------

    def _rows_from(
        self, bucket: str, start: str, inclusive: bool, upper: str | None, limit: int
    ) -> Iterator[tuple[object, ...]]:
        op = ">=" if inclusive else ">"
        sql = f"SELECT {_COLUMNS} FROM objects WHERE bucket = ? AND key {op} ?"
        args: list[object] = [bucket, start]
        if upper is not None:
            sql += " AND key < ?"
            args.append(upper)
        sql += " ORDER BY key LIMIT ?"
        args.append(limit)
        # a lazy cursor: the listing loop stops reading as soon as it meets a common prefix
        return iter(self._db.execute(sql, args))

    def list(
        self,
        bucket: str,
        *,
        prefix: str = "",
        delimiter: str = "",
        marker_key: str = "",
        limit: int = 1000,
    ) -> ListPage:
        """One page of keys > ``marker_key`` under ``prefix``, rolled up at ``delimiter``.

        Items and common prefixes both count toward ``limit``. A marker that falls inside a
        common prefix means that prefix was already returned, so the whole group is skipped
        with one range query rather than by scanning its keys.
        """
        limit = max(1, limit)
        upper = successor(prefix) if prefix else None
        start: str | None = prefix
        inclusive = True
        if marker_key and marker_key >= prefix:
            group = _group_of(marker_key, prefix, delimiter)
            if group is not None:
                start = successor(group)
            else:
                start, inclusive = marker_key, False
        items: list[StoredObject] = []
        prefixes: list[str] = []
        last = ""
        exhausted = start is None
        with self._lock:
            while not exhausted and start is not None and len(items) + len(prefixes) < limit:
                want = limit - len(items) - len(prefixes)
                restarted = False
                seen = 0
                for row in self._rows_from(bucket, start, inclusive, upper, want):
                    seen += 1
                    key = str(row[1])
                    group = _group_of(key, prefix, delimiter)
                    if group is not None:
                        prefixes.append(group)
                        last = group
                        start, inclusive = successor(group), True
                        restarted = True
                        break
                    items.append(self._row_to_object(row))
                    last = key
                    start, inclusive = key, False
                if not restarted and seen < want:
                    exhausted = True
            if start is None:
                exhausted = True
            if not exhausted and start is not None:
                exhausted = next(self._rows_from(bucket, start, inclusive, upper, 1), None) is None
        return ListPage(items, prefixes, "" if exhausted else last)


def _group_of(key: str, prefix: str, delimiter: str) -> str | None:
    """The common prefix ``key`` rolls up into, or None when it is listed as an item."""
    if not delimiter or not key.startswith(prefix):
        return None
    idx = key.find(delimiter, len(prefix))
    if idx < 0:
        return None
    return key[: idx + len(delimiter)]
