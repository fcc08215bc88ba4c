"""The values and seams of an upload attempt (`upload_runner`): what it needs from a client and
from the submitter, the state of one running transfer, and how an attempt ends early."""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

from qfopgui.api.models import UploadResult
from qfopgui.api.resumable_upload import MultipartSession
from qfopgui.core.jobs import JobRecord
from qfopgui.services import upload_messages as M
from qfopgui.services.executors import RunIn
from qfopgui.services.submit_rules import SubmitItem, SubmitOptions
from qfopgui.services.upload_progress import LiveBytes, SpeedMeter
from qfopgui.services.upload_records import DonePart, UploadRecord, UploadRecords
from qfopgui.services.upload_scan import ExistsClient


class UploadClient(ExistsClient, Protocol):
    """What an upload needs from a client (QiniuClient has it)."""

    def upload_token(
        self,
        bucket: str,
        key: str | None = None,
        *,
        expires: int = 3600,
        persistent_ops: str = "",
        persistent_pipeline: str = "",
        persistent_notify_url: str = "",
        persistent_type: int = 0,
        insert_only: bool = False,
    ) -> str: ...

    def upload_bytes(
        self,
        bucket: str,
        key: str | None,
        data: bytes,
        *,
        token: str | None = None,
        mime_type: str | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> UploadResult: ...

    def multipart_session(self, bucket: str, key: str) -> MultipartSession: ...


class JobSubmitter(Protocol):
    """`Submitter.submit_with`: the job row around the final request."""

    async def submit_with(
        self,
        profile: str,
        item: SubmitItem,
        options: SubmitOptions,
        batch_id: str,
        send: Callable[[], str],
        *,
        before_send: Callable[[JobRecord], Awaitable[None]] | None = None,
    ) -> JobRecord: ...


@dataclass
class Running:
    """One transfer while an attempt runs (owned by the event loop; threads touch `live`)."""

    record: UploadRecord
    parts: dict[int, DonePart]
    live: LiveBytes = field(default_factory=LiveBytes)
    meter: SpeedMeter = field(default_factory=SpeedMeter)
    stop: threading.Event = field(default_factory=threading.Event)


class Failed(Exception):
    """The attempt ends FAILED with this sentence (an `upload_messages` template)."""

    def __init__(self, template: str, **params: str) -> None:
        super().__init__(M.render(template, params))
        self.template = template
        self.params = params


class SessionGone(Exception):
    """The server no longer has the multipart session (612): start a new one."""


@dataclass(frozen=True)
class RunnerDeps:
    records: UploadRecords
    run_records: RunIn
    run_blocking: RunIn
    client_for: Callable[[str], UploadClient]
    submitter: JobSubmitter
    wall: Callable[[], float]
    prepare_account: Callable[[str], Awaitable[object]] | None = None
    jobs_ready: Callable[[], Awaitable[None]] | None = None
    part_concurrency: int = 3
    form_limit: int = 4 * 1024 * 1024
