"""The one exception the job store raises, and how sqlite/OS failures become it.

Callers never see a raw ``sqlite3`` or ``OSError``: every failure is a ``StoreError`` whose
``message`` says what happened and what to do, with the un-formatted ``template`` (one of
``qfopgui.services.store_messages``) and ``params`` kept so the UI can translate it.
``disk_full`` and ``read_only`` let a caller react without parsing words (e.g. stop submitting).
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Self

from qfopgui.services import store_messages as M

# sqlite primary result codes (https://sqlite.org/rescode.html); extended codes keep them in
# their low byte, e.g. SQLITE_IOERR_WRITE = 778 = 10 | (3 << 8).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_AUTH = 23
SQLITE_NOTADB = 26

# when sqlite gave no code (errors raised by the sqlite3 module itself), its words
_BY_WORDS = (
    ("database or disk is full", SQLITE_FULL),
    ("attempt to write a readonly database", SQLITE_READONLY),
    ("disk i/o error", SQLITE_IOERR),
    ("database is locked", SQLITE_BUSY),
    ("database table is locked", SQLITE_LOCKED),
    ("file is not a database", SQLITE_NOTADB),
    ("database disk image is malformed", SQLITE_CORRUPT),
    ("unable to open database file", SQLITE_CANTOPEN),
)
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}


class StoreError(Exception):
    """The job database cannot do what was asked; ``message`` is for people."""

    def __init__(
        self,
        message: str,
        *,
        template: str = "",
        params: Mapping[str, str] | None = None,
        disk_full: bool = False,
        read_only: bool = False,
        code: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.template = template or message
        self.params: dict[str, str] = dict(params or {})
        self.disk_full = disk_full
        self.read_only = read_only
        self.code = code  # sqlite's error name or the errno name, for the log

    @classmethod
    def make(
        cls,
        template: str,
        /,
        *,
        disk_full: bool = False,
        read_only: bool = False,
        code: str = "",
        **params: object,
    ) -> Self:
        """Build from a ``str.format`` template with named parameters (kept for translation)."""
        texts = {k: str(v) for k, v in params.items()}
        return cls(
            template.format(**texts),
            template=template,
            params=texts,
            disk_full=disk_full,
            read_only=read_only,
            code=code,
        )


def sqlite_code(exc: sqlite3.Error) -> int:
    """The primary result code of a sqlite error (0 if unknown)."""
    # errors raised by the sqlite3 module itself (closed connection, bad use) carry no code
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    words = str(exc).lower()
    return next((c for text, c in _BY_WORDS if text in words), 0)


def store_error_from(exc: sqlite3.Error | OSError, path: Path) -> StoreError:
    """The StoreError telling a person what a sqlite or OS failure on ``path`` means."""
    if isinstance(exc, OSError):
        return _from_os_error(exc, path)
    code = sqlite_code(exc)
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    if code == SQLITE_FULL:
        return StoreError.make(M.DISK_FULL, path=path, disk_full=True, code=name)
    if code == SQLITE_READONLY:
        return StoreError.make(M.READ_ONLY, path=path, read_only=True, code=name)
    if code == SQLITE_IOERR:
        return StoreError.make(M.IO_ERROR, path=path, code=name)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return StoreError.make(M.LOCKED, path=path, code=name)
    if code in (SQLITE_NOTADB, SQLITE_CORRUPT):
        return StoreError.make(M.DAMAGED, path=path, code=name)
    if code in (SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_AUTH):
        return StoreError.make(M.CANNOT_OPEN, path=path, error=exc, code=name)
    return StoreError.make(M.OTHER, path=path, error=exc, code=name)


def _from_os_error(exc: OSError, path: Path) -> StoreError:
    name = errno.errorcode.get(exc.errno or 0, "")
    if exc.errno in _FULL_ERRNOS:
        return StoreError.make(M.DISK_FULL, path=path, disk_full=True, code=name)
    if exc.errno in _READ_ONLY_ERRNOS:
        return StoreError.make(M.READ_ONLY, path=path, read_only=True, code=name)
    if exc.errno == errno.EIO:
        return StoreError.make(M.IO_ERROR, path=path, code=name)
    return StoreError.make(M.OTHER, path=path, error=exc.strerror or exc, code=name)
