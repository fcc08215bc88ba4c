"""Object storage for the sandbox: files on disk plus sqlite metadata, thread-safe, restart-proof.

Objects live under ``<data>/objects/<aa>/<sha256(bucket, key)>-<unique>``; the unique suffix lets a
replacement be written beside the old file and become visible in one sqlite commit, so readers
streaming the old version are never cut off (and Windows never has to rename over an open file).

Besides the service's basic fields an object keeps its ``x-qn-meta-*`` metadata, its archive
restore window and its expiry time (``deleteAfterDays``). Time comes from an injectable ``clock``
(Unix seconds) so tests can move it; an expired object is deleted lazily, on the next access.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Unpack

from qiniu.utils import etag, etag_stream

from qfopgui.sandbox.mime import guess_mime
from qfopgui.sandbox.storage_listing import ListPage, list_page, successor
from qfopgui.sandbox.storage_schema import (
    ARCHIVED_TYPES,
    COLUMNS,
    DAY,
    META_MAX_BYTES,
    PLACEHOLDERS,
    RESTORE_SECONDS,
    BucketRow,
    MetadataTooLargeError,
    NewObject,
    NoSuchBucketError,
    PutOptions,
    StoredObject,
    meta_size,
    migrate,
    object_from_row,
    rows_from,
)

__all__ = [
    "ARCHIVED_TYPES",
    "RESTORE_SECONDS",
    "BucketRow",
    "ListPage",
    "MetadataTooLargeError",
    "NoSuchBucketError",
    "Storage",
    "StoredObject",
    "successor",
]


class Storage:
    """Buckets and objects. Every public method may be called from any thread."""

    def __init__(self, data_dir: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.data_dir = Path(data_dir)
        self._clock = clock
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
        migrate(self._db)
        self._empty_trash()

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

    def _purge_expired(self) -> None:
        """Delete objects whose ``deleteAfterDays`` time has come (one indexed read if none)."""
        with self._lock:
            now = self._clock()
            due = "expire_at > 0 AND expire_at <= ?"
            if self._db.execute(f"SELECT 1 FROM objects WHERE {due} LIMIT 1", (now,)).fetchone():
                with self._tx():
                    rows = self._db.execute(f"SELECT file FROM objects WHERE {due}", (now,))
                    for (rel,) in rows.fetchall():
                        self._discard(str(rel))
                    self._db.execute(f"DELETE FROM objects WHERE {due}", (now,))

    def get_meta(self, name: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM kv WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, name: str, value: str) -> None:
        with self._tx():
            self._db.execute("INSERT OR REPLACE INTO kv (name, value) VALUES (?, ?)", (name, value))

    def create_bucket(self, name: str, *, private: bool = False, region: str = "z0") -> None:
        """Create the bucket, or update its privacy/region if it already exists."""
        with self._tx():
            self._db.execute(
                "INSERT INTO buckets (name, private, region, ctime) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(name) DO UPDATE SET private = excluded.private,"
                " region = excluded.region",
                (name, int(private), region, int(self._clock())),
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
        self._purge_expired()
        with self._lock:
            row = self._db.execute(
                "SELECT COUNT(*), COALESCE(SUM(fsize), 0) FROM objects WHERE bucket = ?", (name,)
            ).fetchone()
        return int(row[0]), int(row[1])

    def stat(self, bucket: str, key: str) -> StoredObject | None:
        self._purge_expired()
        with self._lock:
            row = self._db.execute(
                f"SELECT {COLUMNS} FROM objects WHERE bucket = ? AND key = ?", (bucket, key)
            ).fetchone()
        return None if row is None else object_from_row(row, self.data_dir, self._clock())

    def _new_location(self, bucket: str, key: str) -> tuple[Path, str]:
        digest = hashlib.sha256(f"{bucket}\0{key}".encode()).hexdigest()
        rel = f"objects/{digest[:2]}/{digest}-{uuid.uuid4().hex[:12]}"
        path = self.data_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        return path, rel

    def put_file(
        self, bucket: str, key: str, src: Path, *, move: bool = False, **opts: Unpack[PutOptions]
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
        return self._commit(dest, rel, NewObject(bucket, key, etag(str(dest)), **opts))

    def put_bytes(
        self, bucket: str, key: str, data: bytes, **opts: Unpack[PutOptions]
    ) -> StoredObject:
        """Store ``data`` under (bucket, key), atomically replacing any previous version."""
        if not self.bucket_exists(bucket):
            raise NoSuchBucketError(bucket)
        dest, rel = self._new_location(bucket, key)
        dest.write_bytes(data)
        hash_ = etag_stream(io.BytesIO(data))
        return self._commit(dest, rel, NewObject(bucket, key, hash_, **opts))

    def _commit(self, dest: Path, rel: str, new: NewObject) -> StoredObject:
        mime = new.mime_type or guess_mime(new.key)
        meta = dict(new.meta or {})
        if meta_size(meta) > META_MAX_BYTES:
            dest.unlink(missing_ok=True)
            raise MetadataTooLargeError(f"metadata exceeds {META_MAX_BYTES} bytes")
        size, now = dest.stat().st_size, int(self._clock() * 10_000_000)
        b, k, t, u = new.bucket, new.key, new.file_type, new.end_user
        obj = StoredObject(b, k, size, new.hash, mime, now, t, 0, u, dest, meta)
        row = (b, k, size, new.hash, mime, now, t, 0, u, rel, json.dumps(meta), 0, 0, 0)
        self._purge_expired()
        try:
            with self._tx():
                if not self.bucket_exists(b):
                    raise NoSuchBucketError(b)
                old = self._db.execute(
                    "SELECT file FROM objects WHERE bucket = ? AND key = ?", (b, k)
                ).fetchone()
                self._db.execute(
                    f"INSERT OR REPLACE INTO objects ({COLUMNS}) VALUES ({PLACEHOLDERS})", row
                )
                if old is not None:
                    self._discard(str(old[0]))
        except BaseException:
            dest.unlink(missing_ok=True)
            raise
        return obj

    def update_fields(self, bucket: str, key: str, **fields: str | int) -> bool:
        """Change ``mime_type``/``type``/``status`` of an object in place; False if absent.

        A new storage type starts frozen: any restore of an archived object is forgotten.
        """
        allowed = {"mime_type", "type", "status"}
        if not fields or not set(fields) <= allowed:
            raise ValueError(f"unsupported fields: {sorted(set(fields) - allowed)}")
        values: dict[str, object] = dict(fields)
        if "type" in fields:
            values.update(restore_ready=0, restore_until=0)
        return self._update(bucket, key, values)

    def _update(self, bucket: str, key: str, values: Mapping[str, object]) -> bool:
        self._purge_expired()
        with self._tx():
            return self._set(bucket, key, values)

    def _set(self, bucket: str, key: str, values: Mapping[str, object]) -> bool:
        sets = ", ".join(f"{name} = ?" for name in values)
        cur = self._db.execute(
            f"UPDATE objects SET {sets} WHERE bucket = ? AND key = ?",
            (*values.values(), bucket, key),
        )
        return cur.rowcount > 0

    def change_meta(
        self, bucket: str, key: str, changes: Mapping[str, str], *, mime_type: str | None = None
    ) -> bool:
        """Set the named metadata (an empty value removes one), and the MIME type if given.

        Raises ``MetadataTooLargeError`` (changing nothing) when the result is over the limit.
        """
        self._purge_expired()
        with self._tx():
            row = self._db.execute(
                "SELECT meta FROM objects WHERE bucket = ? AND key = ?", (bucket, key)
            ).fetchone()
            if row is None:
                return False
            meta = {**json.loads(str(row[0]) or "{}"), **changes}
            meta = {k: v for k, v in meta.items() if v != ""}
            if meta_size(meta) > META_MAX_BYTES:
                raise MetadataTooLargeError(f"metadata exceeds {META_MAX_BYTES} bytes")
            values: dict[str, object] = {"meta": json.dumps(meta)}
            if mime_type is not None:
                values["mime_type"] = mime_type
            return self._set(bucket, key, values)

    def restore(self, bucket: str, key: str, days: int) -> bool:
        """Start (or extend) a restore: readable after ``RESTORE_SECONDS``, for ``days`` days."""
        now = self._clock()
        ready = "(CASE WHEN restore_until > ? THEN restore_ready ELSE ? END)"
        args = (now, now + RESTORE_SECONDS)
        self._purge_expired()
        with self._tx():
            cur = self._db.execute(
                f"UPDATE objects SET restore_ready = {ready}, restore_until = {ready} + ?"
                " WHERE bucket = ? AND key = ?",
                (*args, *args, days * DAY, bucket, key),
            )
        return cur.rowcount > 0

    def set_expiration(self, bucket: str, key: str, days: int) -> bool:
        """Delete the object ``days`` days from now (0 cancels); False if absent."""
        expire_at = self._clock() + days * DAY if days > 0 else 0
        return self._update(bucket, key, {"expire_at": expire_at})

    def delete(self, bucket: str, key: str) -> bool:
        self._purge_expired()
        with self._tx():
            row = self._db.execute(
                "SELECT file FROM objects WHERE bucket = ? AND key = ?", (bucket, key)
            ).fetchone()
            if row is None:
                return False
            self._db.execute("DELETE FROM objects WHERE bucket = ? AND key = ?", (bucket, key))
            self._discard(str(row[0]))
        return True

    def list(
        self,
        bucket: str,
        *,
        prefix: str = "",
        delimiter: str = "",
        marker_key: str = "",
        limit: int = 1000,
    ) -> ListPage[StoredObject]:
        """One page of keys > ``marker_key`` under ``prefix``, rolled up at ``delimiter``.

        See ``storage_listing.list_page``; expired objects are purged first, so never listed.
        """
        self._purge_expired()
        with self._lock:
            return list_page(
                partial(rows_from, self._db, bucket),
                lambda row: object_from_row(row, self.data_dir, self._clock()),
                prefix=prefix,
                delimiter=delimiter,
                marker_key=marker_key,
                limit=limit,
            )
