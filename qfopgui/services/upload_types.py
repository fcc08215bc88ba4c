"""What the upload service and the transfers UI exchange: plain, immutable values (Qt-free).

A user's drop or "Upload…" becomes an `UploadScan` (what would be uploaded, what cannot be and
why, which keys already exist), then — after the one conflict question for the whole batch —
`Transfer`s the service runs, resumes after a restart and reports through `TransfersListener`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from qfopgui.core.presets import Preset


class TransferState(enum.StrEnum):
    QUEUED = "queued"  # waiting for a free upload slot
    UPLOADING = "uploading"
    COMPLETING = "completing"  # the final request is on the wire (a job may be created)
    DONE = "done"
    FAILED = "failed"  # stopped with `error`; Retry resumes where it stopped
    CANCELLED = "cancelled"  # by the user; Retry starts it again
    SKIPPED = "skipped"  # the key existed and the user chose Skip


ACTIVE_STATES = frozenset({TransferState.QUEUED, TransferState.UPLOADING, TransferState.COMPLETING})


class ProblemKind(enum.StrEnum):
    SYMLINK = "symlink"  # not followed: it may point outside the folder, or in a loop
    UNREADABLE = "unreadable"
    EMPTY = "empty"  # 0 bytes
    BAD_NAME = "bad_name"  # the key it would get is one Qiniu refuses
    NOT_A_FILE = "not_a_file"  # a device, socket, pipe, or gone


@dataclass(frozen=True)
class ScanProblem:
    """A local file that will not be uploaded, and why in plain words."""

    path: str
    kind: ProblemKind
    message: str
    template: str = ""  # `message` before filling in `params` (to translate it)
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class UploadItem:
    """One local file and the key it gets (folder structure kept under the target prefix)."""

    path: str
    size: int
    mtime_ns: int
    key: str


@dataclass(frozen=True)
class UploadScan:
    profile: str
    bucket: str
    prefix: str  # the folder shown in Files when the user dropped
    items: tuple[UploadItem, ...]
    problems: tuple[ScanProblem, ...]
    existing: frozenset[str]  # keys of `items` already in the bucket


class ConflictChoice(enum.StrEnum):
    """Asked once per batch when `UploadScan.existing` is not empty."""

    SKIP = "skip"
    OVERWRITE = "overwrite"
    KEEP_BOTH = "keep_both"  # `name (1).ext`, `name (2).ext`, … the first free one


@dataclass(frozen=True)
class TranscodeOnUpload:
    """Presets applied by the upload itself (persistentOps in the upload token)."""

    presets: tuple[Preset, ...]
    pipeline: str = ""
    notify_url: str = ""


@dataclass(frozen=True)
class Transfer:
    """One file's upload as the UI shows it; `speed` is bytes/s over the last few seconds."""

    id: int
    profile: str
    bucket: str
    key: str
    path: str
    size: int
    sent: int
    state: TransferState
    error: str = ""  # plain words; "" unless FAILED
    speed: float = 0.0
    batch_id: str = ""  # the jobs batch when presets are applied on upload
    presets: tuple[str, ...] = ()
    job_id: int | None = None  # the job the upload created (None without presets)
    resumed: bool = False  # continued an earlier session (parts already on the server kept)
    error_template: str = ""  # `error` before filling in `error_params` (to translate it)
    error_params: tuple[tuple[str, str], ...] = ()
    note: str = ""  # plain words worth telling even when it went well ("started again …")
    note_template: str = ""
    note_params: tuple[tuple[str, str], ...] = ()

    @property
    def active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def seconds_left(self) -> float | None:
        if self.state is not TransferState.UPLOADING or self.speed <= 0:
            return None
        return max(0.0, (self.size - self.sent) / self.speed)


class TransfersListener(Protocol):
    """Called on the event loop's thread, at most a few times a second per transfer."""

    def on_transfers_changed(self, transfers: list[Transfer]) -> None: ...
    def on_transfers_removed(self, ids: list[int]) -> None: ...
    def on_records_problem(self, template: str, params: Mapping[str, str]) -> None:
        """The uploads file was damaged, newer or unusable (what was done about it)."""


class UploadQueue(Protocol):
    """The upload service as the UI uses it (`services.uploads.UploadService`)."""

    def set_listener(self, listener: TransfersListener) -> None: ...
    def transfers(self) -> list[Transfer]: ...
    async def scan(
        self, profile: str, bucket: str, prefix: str, paths: Sequence[Path]
    ) -> UploadScan: ...
    async def enqueue(
        self,
        scan: UploadScan,
        *,
        conflicts: ConflictChoice,
        transcode: TranscodeOnUpload | None = None,
    ) -> list[Transfer]: ...
    async def cancel(self, ids: Sequence[int]) -> None: ...
    async def retry(self, ids: Sequence[int]) -> None: ...
    async def clear_finished(self) -> None: ...
