"""Job states, the local job record, and how prefop answers map onto them.

`core` may not import `qfopgui.api`, so the prefop answer types live here too: `JobStatus` and
`JobItem` have exactly the fields of `qfopgui.api.models.JobStatus`/`JobItem`, and everything in
`services` accepts either through the `StatusLike` protocol.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from qfopgui.core.job_timing import JobTiming, job_timing
from qfopgui.core.verification import Verification


class JobState(StrEnum):
    """Lifecycle of one submitted job (one source file, one pfop request)."""

    SUBMITTING = "submitting"  # written before the pfop request; no persistentId yet
    UNRESOLVED = "unresolved"  # found "submitting" at start-up: the user decides (retry/discard)
    WAITING = "waiting"  # prefop code 1
    PROCESSING = "processing"  # prefop code 2
    DONE = "done"  # prefop code 0
    FAILED = "failed"  # prefop code 3, or the pfop request itself was refused
    NOTIFY_FAILED = "notify_failed"  # prefop code 4: outputs done, the notify POST failed

    @property
    def is_terminal(self) -> bool:
        return self in TERMINAL_STATES

    @property
    def is_active(self) -> bool:
        """States the poller keeps asking about."""
        return self in (JobState.WAITING, JobState.PROCESSING)


TERMINAL_STATES = frozenset({JobState.DONE, JobState.FAILED, JobState.NOTIFY_FAILED})
ACTIVE_STATES = frozenset({JobState.WAITING, JobState.PROCESSING})

_CODE_TO_STATE = {
    0: JobState.DONE,
    1: JobState.WAITING,
    2: JobState.PROCESSING,
    3: JobState.FAILED,
    4: JobState.NOTIFY_FAILED,
}


def state_from_prefop_code(code: int) -> JobState:
    """Map a prefop top-level code to a state; unknown codes count as still processing."""
    return _CODE_TO_STATE.get(code, JobState.PROCESSING)


# --- prefop answer ---------------------------------------------------------------------------


class ItemLike(Protocol):
    """What services need from one prefop item (satisfied by both JobItem classes)."""

    @property
    def cmd(self) -> str: ...
    @property
    def code(self) -> int: ...
    @property
    def desc(self) -> str: ...
    @property
    def error(self) -> str: ...
    @property
    def error_index(self) -> int | None: ...
    @property
    def hash(self) -> str: ...
    @property
    def key(self) -> str: ...
    @property
    def keys(self) -> tuple[str, ...]: ...
    @property
    def return_old(self) -> bool: ...
    @property
    def result(self) -> Any: ...


class StatusLike(Protocol):
    """What services need from a prefop answer (satisfied by both JobStatus classes)."""

    @property
    def id(self) -> str: ...
    @property
    def code(self) -> int: ...
    @property
    def desc(self) -> str: ...
    @property
    def input_bucket(self) -> str: ...
    @property
    def input_key(self) -> str: ...
    @property
    def pipeline(self) -> str: ...
    @property
    def reqid(self) -> str: ...
    @property
    def items(self) -> Sequence[ItemLike]: ...
    @property
    def type(self) -> int: ...
    @property
    def creation_date(self) -> str: ...
    @property
    def task_from(self) -> str: ...
    @property
    def raw(self) -> Mapping[str, Any]: ...


@dataclass(frozen=True, slots=True)
class JobItem:
    """One command of a pfop job, as prefop reports it ."""

    cmd: str
    code: int
    desc: str = ""
    error: str = ""
    error_index: int | None = None
    hash: str = ""
    key: str = ""
    keys: tuple[str, ...] = ()
    return_old: bool = False
    result: Any = None


@dataclass(frozen=True, slots=True)
class JobStatus:
    """prefop answer . code: 0 done … 4 notify failed."""

    id: str
    code: int
    desc: str
    input_bucket: str
    input_key: str
    pipeline: str
    reqid: str
    items: tuple[JobItem, ...]
    type: int = 0
    creation_date: str = ""
    task_from: str = ""
    raw: Mapping[str, Any] = field(default_factory=dict)


def _int(value: Any, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _str(value: Any) -> str:
    return "" if value is None else str(value)


def parse_job_status(data: Mapping[str, Any]) -> JobStatus:
    """Read a prefop JSON object. Tolerant: missing or odd fields get defaults, never raise."""
    items: list[JobItem] = []
    raw_items = data.get("items")
    for it in raw_items if isinstance(raw_items, list) else []:
        if not isinstance(it, Mapping):
            continue
        keys = it.get("keys")
        ei = it.get("errorIndex")
        items.append(
            JobItem(
                cmd=_str(it.get("cmd")),
                code=_int(it.get("code"), 2),
                desc=_str(it.get("desc")),
                error=_str(it.get("error")),
                error_index=_int(ei) if ei is not None else None,
                hash=_str(it.get("hash")),
                key=_str(it.get("key")),
                keys=tuple(_str(k) for k in keys) if isinstance(keys, list) else (),
                return_old=bool(_int(it.get("returnOld"))),
                result=it.get("result"),
            )
        )
    return JobStatus(
        id=_str(data.get("id")),
        code=_int(data.get("code"), 2),
        desc=_str(data.get("desc")),
        input_bucket=_str(data.get("inputBucket")),
        input_key=_str(data.get("inputKey")),
        pipeline=_str(data.get("pipeline")),
        reqid=_str(data.get("reqid")),
        items=tuple(items),
        type=_int(data.get("type")),
        creation_date=_str(data.get("creationDate")),
        task_from=_str(data.get("taskFrom")),
        raw=dict(data),
    )


def status_to_json(status: StatusLike) -> str:
    """The prefop JSON for a status: its `raw` answer if it has one, else rebuilt from fields."""
    if status.raw:
        return json.dumps(dict(status.raw), ensure_ascii=False, sort_keys=True, default=str)
    items = []
    for it in status.items:
        d: dict[str, Any] = {"cmd": it.cmd, "code": it.code, "desc": it.desc}
        d.update({"returnOld": int(it.return_old)})
        if it.error:
            d["error"] = it.error
        if it.error_index is not None:
            d["errorIndex"] = it.error_index
        for name, value in (("hash", it.hash), ("key", it.key)):
            if value:
                d[name] = value
        if it.keys:
            d["keys"] = list(it.keys)
        if it.result is not None:
            d["result"] = it.result
        items.append(d)
    data: dict[str, Any] = {
        "id": status.id,
        "code": status.code,
        "desc": status.desc,
        "inputBucket": status.input_bucket,
        "inputKey": status.input_key,
        "pipeline": status.pipeline,
        "reqid": status.reqid,
        "items": items,
        "type": status.type,
    }
    if status.creation_date:
        data["creationDate"] = status.creation_date
    if status.task_from:
        data["taskFrom"] = status.task_from
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


# --- local record ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class JobRecord:
    """One row of the local job store: what was submitted, and the last known server state."""

    id: int  # local id (sqlite rowid, never reused)
    profile: str
    bucket: str
    key: str
    fops: tuple[str, ...]  # exact fop strings submitted (each with |saveas/...)
    presets: tuple[str, ...]  # preset names (display)
    outputs: tuple[str, ...]  # planned output keys (display; real ones come from status)
    output_bucket: str
    pipeline: str  # as the user typed it ("" = shared public queue)
    batch_id: str
    state: JobState
    persistent_id: str | None
    force: bool
    notify_url: str
    type: int  # 1 = idle-time task
    submitted_at: float  # unix seconds (time the row was written)
    updated_at: float
    started_at: float | None  # first time seen processing
    finished_at: float | None
    status_json: str | None  # last prefop JSON (raw)
    error: str  # submit error or failure summary (plain words)
    retry_of: int | None  # local id of the job this retries
    server_created_at: float | None = None  # the server's creationDate (unix seconds)
    last_seen_active_at: float | None = None  # last time this app saw it waiting/processing
    finished_while_closed: bool = False  # it finished while the app was not watching
    verify_state: str | None = None  # `core.verification.VerifyState` value; None: not checked
    verify_note: str | None = None  # the checks behind it (JSON, `Verification.note`)

    @property
    def timing(self) -> JobTiming:
        """Start, end and the truthful duration (rules in `qfopgui.core.job_timing`)."""
        return job_timing(
            submitted_at=self.submitted_at,
            server_created_at=self.server_created_at,
            finished_at=self.finished_at,
            last_seen_active_at=self.last_seen_active_at,
            finished_while_closed=self.finished_while_closed,
        )

    @property
    def duration(self) -> float | None:
        """Seconds the job took; None while unfinished and when it finished while the app was
        closed (then `timing.at_least` is what is known)."""
        return self.timing.duration

    @property
    def verification(self) -> Verification | None:
        """What checking the outputs found (None: not checked yet)."""
        return Verification.from_row(self.verify_state, self.verify_note)

    def status(self) -> JobStatus | None:
        """The last prefop answer, parsed; None if there is none or it is not a JSON object."""
        if not self.status_json:
            return None
        try:
            data = json.loads(self.status_json)
        except ValueError:
            return None
        return parse_job_status(data) if isinstance(data, Mapping) else None


# --- plain-words failures --------------------------------------------------------------------

# (lower-case fragment of the server text, explanation). First match wins; order matters.
_FAILURE_HINTS: tuple[tuple[str, str], ...] = (
    ("source data is empty", "The source file is empty or could not be read"),
    ("fail to get source data", "The source file is empty or could not be read"),
    ("no such file", "The source file does not exist (any more)"),
    ("no such bucket", "The bucket does not exist"),
    ("invalid data found when processing input", "The source file is not a video or audio file"),
    ("not a valid", "The source file is not a video or audio file"),
    ("moov atom not found", "The source video is incomplete or damaged"),
    ("does not contain any stream", "The source file has no audio or video track"),
    ("no video stream", "The source file has no video track"),
    ("no audio stream", "The source file has no audio track"),
    ("unknown encoder", "The requested codec is not supported"),
    ("unsupported", "The requested format or option is not supported"),
    ("invalid saveas", "The output name (saveas) is not valid"),
    ("saveas", "The output could not be saved"),
    ("file exists", "The output file already exists (submit with overwrite)"),
    ("timeout", "Processing took too long on the server"),
    ("timed out", "Processing took too long on the server"),
    ("out of memory", "The server ran out of memory processing this file"),
    ("invalid argument", "A processing option is not valid"),
    ("bad argument", "A processing option is not valid"),
)


NOTIFY_FAILED_TEXT = "The outputs were made, but the notification to the notify URL failed"
NO_REASON_TEXT = "The job failed (the server gave no reason)"
FAILED_WORD = "failed"  # an item with neither error nor desc
SERVER_NOTE = "{words} (server: {server})"  # plain words followed by the server's own text
FAILURE_HINTS: tuple[str, ...] = tuple(dict.fromkeys(words for _, words in _FAILURE_HINTS))


def failure_hint(text: str) -> str | None:
    """The plain-words hint (an English key of ``FAILURE_HINTS``) for a server error, if any."""
    low = text.strip().lower()
    for fragment, words in _FAILURE_HINTS:
        if fragment in low:
            return words
    return None


def failed_items(status: StatusLike) -> list[ItemLike]:
    """The items a failure summary is about (failed, or carrying an error text)."""
    return [it for it in status.items if it.code == 3 or it.error]


def item_op(item: ItemLike) -> str:
    """The operation name of an item's command (``avthumb``, ``vframe``…)."""
    return item.cmd.split("/", 1)[0].split("|", 1)[0]


def explain_server_error(text: str) -> str:
    """Plain words for a server error text, with the server text kept for support."""
    text = text.strip()
    words = failure_hint(text)
    return SERVER_NOTE.format(words=words, server=text) if words else text


def summarize_failure(status: StatusLike) -> str:
    """Explain why a job failed, in plain words, from its failed items (one line per item)."""
    if status.code == 4:
        return NOTIFY_FAILED_TEXT
    failed = failed_items(status)
    lines: list[str] = []
    for it in failed:
        text = it.error or it.desc or FAILED_WORD
        words = explain_server_error(text)
        op = item_op(it) if len(failed) > 1 else ""
        lines.append(f"{op}: {words}" if op else words)
    if not lines:
        return status.desc or NO_REASON_TEXT
    return "; ".join(dict.fromkeys(lines))
