"""An in-process `UploadQueue` for the uploads UI tests: scans real local paths, keeps
transfers in memory and reports every change to its listener, like the real service.

Tests drive progress by hand (`progress`, `finish`, `fail`); nothing is sent anywhere.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from qfopgui.services.upload_types import (
    ConflictChoice,
    ProblemKind,
    ScanProblem,
    TranscodeOnUpload,
    Transfer,
    TransfersListener,
    TransferState,
    UploadItem,
    UploadScan,
)

FINISHED = (TransferState.DONE, TransferState.SKIPPED, TransferState.CANCELLED)


def _walk(path: Path, key_base: str) -> Iterable[tuple[Path, str]]:
    if path.is_symlink() or not path.is_dir():
        yield path, key_base + path.name
        return
    for child in sorted(path.iterdir()):
        yield from _walk(child, f"{key_base}{path.name}/")


class FakeUploads:
    """Implements `UploadQueue`; `existing` are the keys the "bucket" already holds."""

    def __init__(self, existing: Iterable[str] = ()) -> None:
        self.existing = set(existing)
        self.listener: TransfersListener | None = None
        self.items: dict[int, Transfer] = {}
        self._ids = itertools.count(1)
        self.scans: list[tuple[str, str, str, list[Path]]] = []
        self.enqueued: list[tuple[UploadScan, ConflictChoice, TranscodeOnUpload | None]] = []
        self.cancelled: list[int] = []
        self.retried: list[int] = []
        self.fail_scan: BaseException | None = None

    # --- UploadQueue ---------------------------------------------------------------------

    def set_listener(self, listener: TransfersListener) -> None:
        self.listener = listener

    def transfers(self) -> list[Transfer]:
        return list(self.items.values())

    async def scan(
        self, profile: str, bucket: str, prefix: str, paths: Sequence[Path]
    ) -> UploadScan:
        self.scans.append((profile, bucket, prefix, list(paths)))
        if self.fail_scan is not None:
            raise self.fail_scan
        items: list[UploadItem] = []
        problems: list[ScanProblem] = []
        for root in paths:
            for path, key in _walk(root, prefix):
                if path.is_symlink():
                    problems.append(
                        ScanProblem(str(path), ProblemKind.SYMLINK, "symbolic link, not followed")
                    )
                    continue
                st = path.stat()
                if not os.access(path, os.R_OK):
                    problems.append(
                        ScanProblem(
                            str(path),
                            ProblemKind.UNREADABLE,
                            "cannot be read: permission denied",
                        )
                    )
                elif st.st_size == 0:
                    problems.append(ScanProblem(str(path), ProblemKind.EMPTY, "empty (0 bytes)"))
                else:
                    items.append(UploadItem(str(path), st.st_size, st.st_mtime_ns, key))
        existing = frozenset(i.key for i in items if i.key in self.existing)
        return UploadScan(profile, bucket, prefix, tuple(items), tuple(problems), existing)

    async def enqueue(
        self,
        scan: UploadScan,
        *,
        conflicts: ConflictChoice,
        transcode: TranscodeOnUpload | None = None,
    ) -> list[Transfer]:
        self.enqueued.append((scan, conflicts, transcode))
        out = []
        for item in scan.items:
            skip = item.key in scan.existing and conflicts is ConflictChoice.SKIP
            key = item.key
            if item.key in scan.existing and conflicts is ConflictChoice.KEEP_BOTH:
                stem, dot, ext = key.rpartition(".")
                key = f"{stem} (1).{ext}" if dot else f"{key} (1)"
            t = Transfer(
                id=next(self._ids),
                profile=scan.profile,
                bucket=scan.bucket,
                key=key,
                path=item.path,
                size=item.size,
                sent=0,
                state=TransferState.SKIPPED if skip else TransferState.QUEUED,
                presets=tuple(p.name for p in transcode.presets) if transcode else (),
            )
            self.items[t.id] = t
            out.append(t)
        return out

    async def cancel(self, ids: Sequence[int]) -> None:
        self.cancelled.extend(ids)
        self._change(
            [i for i in ids if self.items[i].active], state=TransferState.CANCELLED, speed=0.0
        )

    async def retry(self, ids: Sequence[int]) -> None:
        self.retried.extend(ids)
        self._change(ids, state=TransferState.QUEUED, error="")

    async def clear_finished(self) -> None:
        gone = [i for i, t in self.items.items() if t.state in FINISHED]
        for i in gone:
            del self.items[i]
        if gone and self.listener is not None:
            self.listener.on_transfers_removed(gone)

    # --- driving it from a test ------------------------------------------------------------

    def add(self, **fields: object) -> Transfer:
        """A transfer as if queued earlier (before the UI was built, or by another batch)."""
        base = Transfer(
            id=next(self._ids),
            profile="demo",
            bucket="media",
            key="videos/clip.mp4",
            path="/tmp/clip.mp4",
            size=1000,
            sent=0,
            state=TransferState.QUEUED,
        )
        t = dataclasses.replace(base, **fields)  # type: ignore[arg-type]
        self.items[t.id] = t
        if self.listener is not None:
            self.listener.on_transfers_changed([t])
        return t

    def progress(self, transfer_id: int, sent: int, speed: float = 1000.0) -> None:
        self._change([transfer_id], state=TransferState.UPLOADING, sent=sent, speed=speed)

    def finish(self, transfer_id: int, job_id: int | None = None) -> None:
        t = self.items[transfer_id]
        self._change([transfer_id], state=TransferState.DONE, sent=t.size, speed=0.0, job_id=job_id)

    def fail(self, transfer_id: int, error: str) -> None:
        self._change([transfer_id], state=TransferState.FAILED, error=error, speed=0.0)

    def _change(self, ids: Iterable[int], **fields: object) -> None:
        changed = []
        for i in ids:
            t = dataclasses.replace(self.items[i], **fields)  # type: ignore[arg-type]
            self.items[i] = t
            changed.append(t)
        if changed and self.listener is not None:
            self.listener.on_transfers_changed(changed)
