"""What the submitter sends and the rules it applies to the outcome, shared by pfop and by
uploads that create jobs (`Submitter.submit_with`): the items, the options, which failures prove
that no job was started, and the plain-words sentences stored on a row.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from qfopgui.api.errors import (
    NetworkError,
    OutcomeUnknownError,
    ProtocolError,
    QiniuError,
    RateLimitedError,
)
from qfopgui.core.jobs import SERVER_NOTE
from qfopgui.services.store_errors import StoreError

TIMED_OUT = (
    "The answer to the request was lost, so the job may or may not have been submitted. "
    "Check the output, then submit it again (it will overwrite) or discard it."
)
RESUBMITTED = "Interrupted while submitting; submitted again as job #{new_id}."
UNEXPECTED = "Unexpected error: {error}"
NO_JOB_ID = (
    "The request was accepted, but its answer named no job, so the job cannot be followed. "
    "Check the outputs, then use Retry to run it again."
)


class PfopClient(Protocol):
    """The one client method the submitter needs (QiniuClient has it)."""

    def pfop(
        self,
        bucket: str,
        key: str,
        fops: Sequence[str],
        *,
        pipeline: str = "",
        notify_url: str = "",
        force: bool = False,
        type: int = 0,
        workflow_template_id: str = "",
    ) -> str: ...


@dataclass(frozen=True)
class SubmitItem:
    """One source file and the exact fops planned for it (see core.plan)."""

    bucket: str
    key: str
    fops: tuple[str, ...]
    presets: tuple[str, ...]
    outputs: tuple[str, ...]
    output_bucket: str


@dataclass(frozen=True)
class SubmitOptions:
    pipeline: str = ""  # "" = shared public queue
    force: bool = False  # overwrite existing outputs / re-run
    type: int = 0  # 1 = idle-time task
    notify_url: str = ""


def new_batch_id(now: float | None = None) -> str:
    """Sortable and unique: `20240521-103000-1a2b3c`."""
    t = time.localtime(time.time() if now is None else now)
    return f"{time.strftime('%Y%m%d-%H%M%S', t)}-{uuid.uuid4().hex[:6]}"


@dataclass(frozen=True)
class UnsavedJob:
    """A job the server accepted whose persistentId the store could not record (yet)."""

    job_id: int
    profile: str
    persistent_id: str
    error: str  # why the store refused (plain words)
    cause: StoreError | None = None  # the refusal itself, so the UI can translate it


def refused(exc: QiniuError) -> bool:
    """True only when the request provably did not start a job (see the module docstring)."""
    if isinstance(exc, OutcomeUnknownError | ProtocolError):
        return False
    if isinstance(exc, NetworkError | RateLimitedError):  # 573/429: "not now", nothing started
        return True
    status = exc.status or 0
    return 400 <= status < 500 or 600 <= status < 700


def describe_error(exc: BaseException) -> str:
    """The plain-words line stored on a failed row (the API's message plus the server's)."""
    if isinstance(exc, QiniuError):
        text = exc.message
        if exc.server_message and exc.server_message not in text:
            text = SERVER_NOTE.format(words=text, server=exc.server_message)
        return text
    return UNEXPECTED.format(error=exc)
