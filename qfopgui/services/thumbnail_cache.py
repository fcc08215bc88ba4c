"""The bounded on-disk cache of thumbnails and poster frames shown in Files → Details.

One file per picture, named by a hash of what identifies the picture: account, bucket, key, the
object's hash (etag) and size, and how it was made — so a replaced object gets a new thumbnail
and never shows the old one. Least recently used files go first once the cache holds more than
`max_bytes` or `max_files` (checked on every write). Each use sets the file's mtime: access
times are unreliable (noatime, relatime mounts), so mtime is the "last used" clock.

Every method blocks (file I/O): call them in an executor, never on the Qt thread.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

MAX_BYTES = 64 * 1024 * 1024
MAX_FILES = 2000
SUFFIX = ".thumb"
FORMAT_VERSION = "1"  # bump when the pictures are made differently: old files are never hit


@dataclass(frozen=True)
class CacheKey:
    profile: str
    bucket: str
    key: str
    etag: str
    size: int
    variant: str  # how the picture was made (the processing query)

    def file_name(self) -> str:
        parts = (FORMAT_VERSION, self.profile, self.bucket, self.key, self.etag, str(self.size))
        text = "\0".join((*parts, self.variant))
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() + SUFFIX


class ThumbnailCache:
    """`get`/`put` pictures by `CacheKey`; never holds more than the bounds after a `put`."""

    def __init__(
        self,
        directory: Path,
        *,
        max_bytes: int = MAX_BYTES,
        max_files: int = MAX_FILES,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.directory = directory
        self.max_bytes = max_bytes
        self.max_files = max_files
        self._clock = clock

    def get(self, key: CacheKey) -> bytes | None:
        """The cached picture (marked as just used), or None."""
        path = self.directory / key.file_name()
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if not data:
            return None
        self._touch(path)
        return data

    def put(self, key: CacheKey, data: bytes) -> bool:
        """Store `data` and evict the least recently used files beyond the bounds; False when
        it was not stored (too large, or the disk refused: a cache never fails its caller)."""
        if not data or len(data) > self.max_bytes:
            return False
        path = self.directory / key.file_name()
        part = path.with_name(f".{path.name}.part")
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            part.write_bytes(data)
            os.replace(part, path)
            self._touch(path)
        except OSError as exc:
            log.info("thumbnail not cached: %s", exc)
            with contextlib.suppress(OSError):
                part.unlink()
            return False
        self.evict()
        return True

    def evict(self) -> int:
        """Delete least recently used files until both bounds hold; returns how many went."""
        entries = self.entries()
        total = sum(size for _, size, _ in entries)
        removed = 0
        for path, size, _used in entries:  # oldest first
            if total <= self.max_bytes and len(entries) - removed <= self.max_files:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size
                removed += 1
        return removed

    def entries(self) -> list[tuple[Path, int, float]]:
        """(path, size, last used) of every cached picture, least recently used first."""
        found: list[tuple[Path, int, float]] = []
        try:
            with os.scandir(self.directory) as it:
                for entry in it:
                    if not entry.name.endswith(SUFFIX) or entry.name.startswith("."):
                        continue
                    with contextlib.suppress(OSError):
                        st = entry.stat()
                        found.append((Path(entry.path), st.st_size, st.st_mtime))
        except OSError:
            return []
        found.sort(key=lambda e: e[2])
        return found

    def _touch(self, path: Path) -> None:
        now = self._clock()
        with contextlib.suppress(OSError):
            os.utime(path, (now, now))
