"""An in-memory stand-in for `qfopgui.sandbox.storage.Storage` (same methods, thread-safe)."""

from __future__ import annotations

import shutil
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from qiniu.utils import etag


@dataclass(frozen=True)
class FakeObject:
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


class FakeStorage:
    def __init__(self, root: Path, buckets: tuple[str, ...] = ("src", "out")) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.buckets = set(buckets)
        self.objects: dict[tuple[str, str], FakeObject] = {}
        self.puts: list[tuple[str, str]] = []
        self._lock = threading.Lock()

    def bucket_exists(self, name: str) -> bool:
        return name in self.buckets

    def stat(self, bucket: str, key: str) -> FakeObject | None:
        with self._lock:
            return self.objects.get((bucket, key))

    def put_file(
        self, bucket: str, key: str, src: Path, *, mime_type: str | None = None, move: bool = False
    ) -> FakeObject:
        if bucket not in self.buckets:
            raise LookupError(bucket)
        dest = self.root / uuid.uuid4().hex
        if move:
            shutil.move(str(src), dest)
        else:
            shutil.copyfile(src, dest)
        obj = FakeObject(
            bucket,
            key,
            dest.stat().st_size,
            etag(str(dest)),
            mime_type or "application/octet-stream",
            time.time_ns() // 100,
            0,
            0,
            "",
            dest,
        )
        with self._lock:
            self.objects[(bucket, key)] = obj
            self.puts.append((bucket, key))
        return obj
