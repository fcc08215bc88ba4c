"""Upload records: what is being uploaded and how far it got, so an upload resumes after a
lost connection or an app restart (`Paths.uploads_db`, sqlite).

Each record holds the file (path, size, mtime_ns), where it goes (profile, bucket, key), its
state, the multipart session (uploadId, expireAt, part size), the parts already sent (number →
etag and the part's SHA-1, one Qiniu etag block), and for transcode on upload the planned fops,
pipeline, notify URL, batch and the job row it created.

Threading, as `JobStore`: every call goes through ONE serial executor, so calls never overlap;
the connection is opened by the first call on that thread (`check_same_thread=False` only so
`close()` may come from elsewhere at shutdown). WAL with `synchronous=NORMAL`: a committed
record survives the app being killed (only a power cut may lose the last ones, and then the
resume still learns from the server's part list which parts it has: nothing is sent twice
because of it). One fsync per transaction would make many small uploads wait on the disk.

Defence: opening (`upload_records_file`) sets a damaged, unreadable or newer file aside and
starts a fresh one, or keeps the records in memory when no file can be used; what it found is
`health`. Every other sqlite/OS failure of a call is a `RecordsError` with plain words.
"""

from __future__ import annotations

import functools
import json
import logging
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from qfopgui.services import upload_messages as M
from qfopgui.services.messages import ServiceError
from qfopgui.services.store_errors import StoreError
from qfopgui.services.upload_records_file import MIGRATIONS, RecordsHealth, open_records
from qfopgui.services.upload_types import TransferState

__all__ = [
    "MIGRATIONS",
    "DonePart",
    "NewUpload",
    "RecordsError",
    "RecordsHealth",
    "UploadRecord",
    "UploadRecords",
]

log = logging.getLogger(__name__)

_P = ParamSpec("_P")
_R = TypeVar("_R")

_JSON_LISTS = ("presets", "fops", "outputs")
_JSON_MAPS = ("error_params", "note_params")
_UPDATABLE = frozenset(
    {"key", "size", "mtime_ns", "state", "error", "error_params", "note", "note_params"}
    | {"expire_at", "job_id", "file_etag", "resumed", "overwrite"}
)


class RecordsError(ServiceError):
    """The upload records could not be read or written."""


@dataclass(frozen=True)
class NewUpload:
    """What `add` writes for one file."""

    profile: str
    bucket: str
    key: str
    path: str
    size: int
    mtime_ns: int
    part_size: int
    state: TransferState = TransferState.QUEUED
    overwrite: bool = False
    presets: tuple[str, ...] = ()
    fops: tuple[str, ...] = ()
    outputs: tuple[str, ...] = ()
    pipeline: str = ""
    notify_url: str = ""
    batch_id: str = ""
    error: str = ""
    error_params: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class UploadRecord:
    id: int
    profile: str
    bucket: str
    key: str
    path: str
    size: int
    mtime_ns: int
    state: TransferState
    error: str
    error_params: Mapping[str, str]
    note: str
    note_params: Mapping[str, str]
    upload_id: str | None
    expire_at: int
    part_size: int
    overwrite: bool
    presets: tuple[str, ...]
    fops: tuple[str, ...]
    outputs: tuple[str, ...]
    pipeline: str
    notify_url: str
    batch_id: str
    job_id: int | None
    file_etag: str
    resumed: bool
    created_at: float
    updated_at: float


@dataclass(frozen=True)
class DonePart:
    etag: str
    sha1: bytes | None  # the part's SHA-1 digest (an etag block), if it was read here


def _guarded(
    method: Callable[Concatenate[UploadRecords, _P], _R],
) -> Callable[Concatenate[UploadRecords, _P], _R]:
    """sqlite/OS failures → RecordsError (KeyError and the rest pass)."""

    @functools.wraps(method)
    def run(self: UploadRecords, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(self, *args, **kwargs)
        except (sqlite3.Error, OSError, StoreError) as exc:
            raise RecordsError.make(M.RECORDS_FAILED, path=self.path, error=exc) from exc

    return run


class UploadRecords:
    """sqlite-backed upload records. Synchronous; see the module docstring for threading."""

    def __init__(self, path: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self._clock = clock
        self._conn: sqlite3.Connection | None = None
        self._closed = False
        self.health: RecordsHealth | None = None

    # --- connection ------------------------------------------------------------------------

    @_guarded
    def open(self) -> RecordsHealth:
        """Check and open now (otherwise the first call does it)."""
        self._db()
        assert self.health is not None
        return self.health

    def _db(self) -> sqlite3.Connection:
        if self._conn is not None:
            return self._conn
        if self._closed:
            raise sqlite3.ProgrammingError("the upload records are closed")
        self._conn, self.health = open_records(self.path, self._clock())
        return self._conn

    @_guarded
    def close(self) -> None:
        conn, self._conn, self._closed = self._conn, None, True
        if conn is not None:
            conn.close()

    def _tx(self, fn: Callable[[sqlite3.Connection], _R]) -> _R:
        conn = self._db()
        conn.execute("BEGIN IMMEDIATE")
        try:
            result = fn(conn)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return result

    # --- writes ----------------------------------------------------------------------------

    @_guarded
    def add(self, uploads: Sequence[NewUpload]) -> list[UploadRecord]:
        """Write the records of one batch in one transaction; returns them in order."""
        now = self._clock()

        def write(conn: sqlite3.Connection) -> list[int]:
            ids: list[int] = []
            for u in uploads:
                cur = conn.execute(
                    "INSERT INTO uploads (profile, bucket, key, path, size, mtime_ns, state,"
                    " error, error_params, part_size, overwrite, presets, fops, outputs,"
                    " pipeline, notify_url, batch_id, created_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        u.profile,
                        u.bucket,
                        u.key,
                        u.path,
                        u.size,
                        u.mtime_ns,
                        u.state.value,
                        u.error,
                        json.dumps(dict(u.error_params)),
                        u.part_size,
                        int(u.overwrite),
                        json.dumps(list(u.presets)),
                        json.dumps(list(u.fops)),
                        json.dumps(list(u.outputs)),
                        u.pipeline,
                        u.notify_url,
                        u.batch_id,
                        now,
                        now,
                    ),
                )
                ids.append(int(cur.lastrowid or 0))
            return ids

        ids = self._tx(write)
        return [self._get(i) for i in ids]

    @_guarded
    def update(self, upload: int, /, **fields: Any) -> UploadRecord:
        """Change some columns of one record; KeyError when it is gone."""
        unknown = set(fields) - _UPDATABLE
        if unknown:
            raise ValueError(f"not updatable: {sorted(unknown)}")
        values = {k: _encode(k, v) for k, v in fields.items()}
        values["updated_at"] = self._clock()
        sets = ", ".join(f"{k} = ?" for k in values)

        def write(conn: sqlite3.Connection) -> None:
            cur = conn.execute(
                f"UPDATE uploads SET {sets} WHERE id = ?", (*values.values(), upload)
            )
            if cur.rowcount == 0:
                raise KeyError(upload)

        self._tx(write)
        return self._get(upload)

    @_guarded
    def start_session(self, upload: int, upload_id: str, expire_at: int) -> UploadRecord:
        """A new multipart session: stored before any part is sent; older parts forgotten."""

        def write(conn: sqlite3.Connection) -> None:
            cur = conn.execute(
                "UPDATE uploads SET upload_id = ?, expire_at = ?, file_etag = '', updated_at = ?"
                " WHERE id = ?",
                (upload_id, expire_at, self._clock(), upload),
            )
            if cur.rowcount == 0:
                raise KeyError(upload)
            conn.execute("DELETE FROM upload_parts WHERE upload = ?", (upload,))

        self._tx(write)
        return self._get(upload)

    @_guarded
    def forget_session(self, upload: int) -> UploadRecord:
        """No session any more (aborted, expired or the file changed): start from scratch."""

        def write(conn: sqlite3.Connection) -> None:
            cur = conn.execute(
                "UPDATE uploads SET upload_id = NULL, expire_at = 0, file_etag = '', resumed = 0,"
                " updated_at = ? WHERE id = ?",
                (self._clock(), upload),
            )
            if cur.rowcount == 0:
                raise KeyError(upload)
            conn.execute("DELETE FROM upload_parts WHERE upload = ?", (upload,))

        self._tx(write)
        return self._get(upload)

    @_guarded
    def finish(self, upload: int, file_etag: str) -> UploadRecord:
        """The object is in the bucket: DONE, and the session and its parts are forgotten."""

        def write(conn: sqlite3.Connection) -> None:
            cur = conn.execute(
                "UPDATE uploads SET state = ?, upload_id = NULL, expire_at = 0, file_etag = ?,"
                " error = '', error_params = '{}', updated_at = ? WHERE id = ?",
                (TransferState.DONE.value, file_etag, self._clock(), upload),
            )
            if cur.rowcount == 0:
                raise KeyError(upload)
            conn.execute("DELETE FROM upload_parts WHERE upload = ?", (upload,))

        self._tx(write)
        return self._get(upload)

    @_guarded
    def add_part(self, upload: int, number: int, etag: str, sha1: bytes | None) -> None:
        """One part the server accepted (replaces an earlier record of the same number)."""
        self._tx(
            lambda conn: conn.execute(
                "INSERT OR REPLACE INTO upload_parts (upload, number, etag, sha1)"
                " VALUES (?, ?, ?, ?)",
                (upload, number, etag, sha1),
            )
        )

    @_guarded
    def remove(self, uploads: Iterable[int]) -> None:
        ids = [(int(i),) for i in uploads]

        def write(conn: sqlite3.Connection) -> None:
            conn.executemany("DELETE FROM upload_parts WHERE upload = ?", ids)
            conn.executemany("DELETE FROM uploads WHERE id = ?", ids)

        self._tx(write)

    # --- reads -----------------------------------------------------------------------------

    def _get(self, upload: int) -> UploadRecord:
        row = self._db().execute(f"SELECT {_COLUMNS} FROM uploads WHERE id = ?", (upload,))
        found = row.fetchone()
        if found is None:
            raise KeyError(upload)
        return _record(found)

    @_guarded
    def get(self, upload: int) -> UploadRecord | None:
        try:
            return self._get(upload)
        except KeyError:
            return None

    @_guarded
    def records(self) -> list[UploadRecord]:
        """Every record, oldest first."""
        rows = self._db().execute(f"SELECT {_COLUMNS} FROM uploads ORDER BY id").fetchall()
        return [_record(r) for r in rows]

    @_guarded
    def parts(self, upload: int) -> dict[int, DonePart]:
        rows = self._db().execute(
            "SELECT number, etag, sha1 FROM upload_parts WHERE upload = ? ORDER BY number",
            (upload,),
        )
        return {int(n): DonePart(str(e), bytes(s) if s is not None else None) for n, e, s in rows}


_FIELDS = tuple(UploadRecord.__dataclass_fields__)
_COLUMNS = ", ".join(_FIELDS)


def _encode(name: str, value: Any) -> Any:
    if name in _JSON_MAPS:
        return json.dumps(dict(value))
    if name in _JSON_LISTS:
        return json.dumps(list(value))
    if isinstance(value, TransferState):
        return value.value
    if isinstance(value, bool):
        return int(value)
    return value


def _record(row: Sequence[Any]) -> UploadRecord:
    raw = dict(zip(_FIELDS, row, strict=True))
    for name in _JSON_LISTS:
        raw[name] = tuple(str(x) for x in json.loads(raw[name]))
    for name in _JSON_MAPS:
        raw[name] = {str(k): str(v) for k, v in json.loads(raw[name]).items()}
    raw["state"] = TransferState(raw["state"])
    raw["overwrite"] = bool(raw["overwrite"])
    raw["resumed"] = bool(raw["resumed"])
    return UploadRecord(**raw)
