"""Whether an Aliyun OSS ``x-oss-async-process`` job has finished, decided from what can be seen.

OSS has no API to query such a task. What a desktop app can use: the output object appearing
(``HeadObject``/``ListObjectsV2``; needs only OSS rights), IMM ``GetTask`` when an IMM project is
configured, or the task's MNS notification. Only the last two can say "failed": from the output
signal alone a failed task looks exactly like a running one, so a job that shows no output in
time ends *unknown*, never failed. Unknown is final for the watcher but not a verdict: a later
look that finds the output (or a service's answer) still turns it into done or failed.

Pure functions over immutable ``JobWatch`` values: the caller (``services.oss_watch``) passes the
observations and the times, so every rule is testable without a clock. Times are epoch seconds
(they are compared with the objects' Last-Modified).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from qfopgui.core.oss_process import OssJobPlan
from qfopgui.core.polling import Rng

# Translation context of every text below (qfopgui/i18n/core_zh_CN.ts).
TEXT_CONTEXT = "oss_status"


class WatchSignal(Enum):
    """How the app learns that a job finished (the UI names it with ``signal_text``)."""

    OUTPUT_PROBE = "output_probe"
    IMM_GETTASK = "imm_gettask"
    MNS_QUEUE = "mns_queue"


SIGNAL_TEXTS = {
    WatchSignal.OUTPUT_PROBE: "Watching for the output file",
    WatchSignal.IMM_GETTASK: "Asking IMM for the task's status",
    WatchSignal.MNS_QUEUE: "Listening for the task's notification",
}


class WatchState(Enum):
    WAITING = "waiting"
    DONE = "done"
    UNKNOWN = "unknown"  # no output in time: the task may have failed or may still be running
    FAILED = "failed"  # only ever from IMM or MNS, with the service's message

    @property
    def is_final(self) -> bool:
        return self is not WatchState.WAITING


WAITING = "Waiting for the output ({ready} of {total} ready)"
STALE = "{key} is older than this job; waiting for the new file"
EMPTY = "{key} is still empty; waiting for it to be written"
SERIES_GROWING = "{count} pictures so far; waiting until no more appear"
PROBE_ERROR = "Could not check for the output: {error}. Trying again."
DONE_OUTPUT = "Every output is there ({total} of {total})"
TIMED_OUT = (
    "No output after {minutes} min. OSS cannot say whether the task failed or is still "
    "running: check the source and the parameters, or look the task up in the OSS console "
    "(Data Processing, Tasks)."
)
TASK_RUNNING = "The service reports that the task is running"
TASK_SUCCEEDED = "The service reports that the task succeeded"
TASK_FAILED = "The service reports that the task failed: {message}"
TASK_FAILED_SILENT = "The service reports that the task failed without saying why"
TASK_STRANGE = "The service answered “{status}”, which this app does not know; still waiting"
TEXTS = (
    *SIGNAL_TEXTS.values(),
    WAITING,
    STALE,
    EMPTY,
    SERIES_GROWING,
    PROBE_ERROR,
    DONE_OUTPUT,
    TIMED_OUT,
    TASK_RUNNING,
    TASK_SUCCEEDED,
    TASK_FAILED,
    TASK_FAILED_SILENT,
    TASK_STRANGE,
)


@dataclass(frozen=True)
class StatusText:
    """A sentence for the UI: the English ``template`` (translated in ``TEXT_CONTEXT``) and its
    parameters."""

    template: str
    params: tuple[tuple[str, str], ...] = ()

    @classmethod
    def make(cls, template: str, /, **params: object) -> StatusText:
        return cls(template, tuple((k, str(v)) for k, v in params.items()))

    @property
    def message(self) -> str:
        return self.template.format(**dict(self.params))


def signal_text(signal: WatchSignal) -> StatusText:
    return StatusText(SIGNAL_TEXTS[signal])


@dataclass(frozen=True)
class WatchPolicy:
    """Per-account knobs. ``timeout`` is how long to wait for an output before saying unknown;
    a source of known duration adds ``per_source_second`` seconds per second of media. An
    object without a Last-Modified counts as fresh (nothing tells it is old)."""

    timeout: float = 30 * 60.0
    per_source_second: float = 3.0
    max_timeout: float = 12 * 3600.0
    clock_slack: float = 120.0  # our clock and OSS's may disagree by this much
    backoff: tuple[float, ...] = (2.0, 5.0, 10.0, 30.0, 60.0)  # seconds; the last one repeats
    jitter: float = 0.1  # ± fraction, so jobs submitted together spread out
    max_rps: float = 5.0  # probes started per second for one account


def timeout_for(policy: WatchPolicy, duration: float | None = None) -> float:
    """Seconds to wait for the output: the account's timeout, longer for long sources."""
    extra = max(0.0, duration or 0.0) * policy.per_source_second
    return min(max(policy.timeout, policy.max_timeout), policy.timeout + extra)


@dataclass(frozen=True)
class OutputTarget:
    """Where one output of a job appears: an exact key, or (``series``) the name OSS extends to
    ``<key>_<n>_<i>.<ext>`` for each picture. ``task_id`` is the submit answer's TaskId."""

    bucket: str
    key: str
    series: bool = False
    task_id: str = ""

    @property
    def prefix(self) -> str:
        """What to list for a series (the exact key otherwise)."""
        return f"{self.key}_" if self.series else self.key


_SERIES_TAIL = re.compile(r"\d+(?:_\d+)*\.[A-Za-z0-9]+")


def output_targets(plan: OssJobPlan, task_ids: Sequence[str] = ()) -> tuple[OutputTarget, ...]:
    """The targets of a planned job; ``task_ids`` are the submit answers, in output order."""
    ids = list(task_ids) + [""] * (len(plan.outputs) - len(task_ids))
    return tuple(
        OutputTarget(plan.output_bucket, o.saveas_key, o.multi_file, task_id)
        for o, task_id in zip(plan.outputs, ids, strict=False)
    )


@dataclass(frozen=True)
class ObjectInfo:
    """One object seen by HeadObject or ListObjectsV2 (``modified``: epoch seconds, if known)."""

    key: str
    size: int
    modified: float | None = None


class TaskStatus(Enum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    OTHER = "other"


@dataclass(frozen=True)
class TaskReport:
    """What IMM or MNS said about one task. ``raw`` is the service's own word."""

    status: TaskStatus
    message: str = ""
    code: str = ""
    raw: str = ""


def imm_task_report(status: str, *, code: str = "", message: str = "") -> TaskReport:
    """IMM ``GetTask``: ``Status`` is Running, Succeeded or Failed (with ``Code``/``Message``)."""
    words = {"running": TaskStatus.RUNNING, "succeeded": TaskStatus.SUCCEEDED}
    words["failed"] = TaskStatus.FAILED
    found = words.get(status.strip().lower(), TaskStatus.OTHER)
    return TaskReport(found, message.strip(), code.strip(), status)


def mns_task_report(success: object, message: object = "") -> TaskReport:
    """A task notification: its ``Success`` flag (a bool or "true"/"false") and ``Message``."""
    text = str(success).strip().lower()
    found = {"true": TaskStatus.SUCCEEDED, "false": TaskStatus.FAILED}.get(text, TaskStatus.OTHER)
    return TaskReport(found, "" if message is None else str(message).strip(), raw=str(success))


@dataclass(frozen=True)
class JobWatch:
    """What is known about one job. ``ready[i]`` tells whether ``targets[i]`` is finished;
    ``seen[i]`` is the last listing of a series (it is done once a listing repeats)."""

    targets: tuple[OutputTarget, ...]
    submitted_at: float
    deadline: float
    signal: WatchSignal = WatchSignal.OUTPUT_PROBE
    state: WatchState = WatchState.WAITING
    text: StatusText = StatusText(WAITING, (("ready", "0"), ("total", "0")))
    ready: tuple[bool, ...] = ()
    seen: tuple[tuple[ObjectInfo, ...], ...] = ()
    probes: int = 0  # probe rounds answered
    errors: int = 0  # probe errors in a row
    running: bool = False  # IMM/MNS said Running: the output timeout does not apply

    @property
    def pending(self) -> tuple[int, ...]:
        """Indexes of the targets still to look at."""
        return tuple(i for i, done in enumerate(self.ready) if not done)


def start_watch(
    targets: Sequence[OutputTarget],
    submitted_at: float,
    policy: WatchPolicy,
    *,
    duration: float | None = None,
    signal: WatchSignal = WatchSignal.OUTPUT_PROBE,
) -> JobWatch:
    """A job just submitted; ``duration`` (seconds of source media) lengthens the timeout."""
    n = len(targets)
    deadline = submitted_at + timeout_for(policy, duration)
    text = StatusText.make(WAITING, ready=0, total=n)
    return JobWatch(
        tuple(targets),
        submitted_at,
        deadline,
        signal,
        text=text,
        ready=(False,) * n,
        seen=((),) * n,
    )


def observe_outputs(
    watch: JobWatch,
    found: Sequence[tuple[int, Sequence[ObjectInfo]]],
    at: float,
    policy: WatchPolicy,
) -> JobWatch:
    """One answered probe round: for target ``i``, the objects seen (empty: absent).

    A target is finished when its object is non-empty and written after the submit time (minus
    the clock slack); a series when such pictures are there and the listing did not change
    since the previous round. All finished → DONE. Past the deadline (and no service saying
    Running) → UNKNOWN. Never FAILED.
    """
    if watch.state.is_final and watch.state is not WatchState.UNKNOWN:
        return watch
    ready, seen = list(watch.ready), list(watch.seen)
    note: StatusText | None = None
    for i, objects in found:
        target = watch.targets[i]
        fresh = [o for o in objects if _fresh(o, watch.submitted_at, policy)]
        if target.series:
            pictures = tuple(sorted((o for o in fresh if _in_series(target, o)), key=_by_key))
            ready[i] = ready[i] or (bool(pictures) and pictures == seen[i])
            seen[i] = pictures
            if pictures and not ready[i]:
                note = StatusText.make(SERIES_GROWING, count=len(pictures))
            continue
        mine = [o for o in objects if o.key == target.key]
        ready[i] = ready[i] or any(o in fresh and o.size > 0 for o in mine)
        if mine and not ready[i]:
            template = STALE if not any(o in fresh for o in mine) else EMPTY
            note = StatusText.make(template, key=target.key)
    n, done = len(ready), sum(ready)
    watch = dataclasses.replace(
        watch, ready=tuple(ready), seen=tuple(seen), probes=watch.probes + 1, errors=0
    )
    if done == n:
        text = StatusText.make(DONE_OUTPUT, total=n)
        return dataclasses.replace(watch, state=WatchState.DONE, text=text)
    if at >= watch.deadline and not watch.running:
        minutes = round((watch.deadline - watch.submitted_at) / 60)
        text = StatusText.make(TIMED_OUT, minutes=minutes)
        return dataclasses.replace(watch, state=WatchState.UNKNOWN, text=text)
    if note is None:
        running = StatusText(TASK_RUNNING) if watch.running else None
        note = running or StatusText.make(WAITING, ready=done, total=n)
    return dataclasses.replace(watch, state=WatchState.WAITING, text=note)


def observe_probe_error(watch: JobWatch, error: str) -> JobWatch:
    """A probe could not be answered (network, rights): note it and back off; never final."""
    if watch.state.is_final:
        return watch
    text = StatusText.make(PROBE_ERROR, error=error)
    return dataclasses.replace(watch, text=text, errors=watch.errors + 1)


def observe_task(watch: JobWatch, index: int, report: TaskReport, signal: WatchSignal) -> JobWatch:
    """IMM or MNS about target ``index``'s task. Failed there IS a failure (with its message);
    Running keeps the job waiting past the output timeout; Succeeded finishes the target."""
    if watch.state.is_final and watch.state is not WatchState.UNKNOWN:
        return watch
    if report.status is TaskStatus.FAILED:
        text = (
            StatusText.make(TASK_FAILED, message=report.message)
            if report.message
            else StatusText(TASK_FAILED_SILENT)
        )
        return dataclasses.replace(watch, state=WatchState.FAILED, text=text, signal=signal)
    if report.status is TaskStatus.SUCCEEDED:
        ready = tuple(done or i == index for i, done in enumerate(watch.ready))
        final = all(ready)
        return dataclasses.replace(
            watch,
            ready=ready,
            signal=signal,
            state=WatchState.DONE if final else WatchState.WAITING,
            text=StatusText(TASK_SUCCEEDED)
            if final
            else StatusText.make(WAITING, ready=sum(ready), total=len(ready)),
        )
    if report.status is TaskStatus.RUNNING:
        return dataclasses.replace(
            watch,
            running=True,
            signal=signal,
            state=WatchState.WAITING,
            text=StatusText(TASK_RUNNING),
        )
    text = StatusText.make(TASK_STRANGE, status=report.raw)
    return dataclasses.replace(watch, signal=signal, text=text)


def probe_delay(policy: WatchPolicy, probes: int, errors: int, rng: Rng) -> float:
    """Seconds to the next probe: up the back-off schedule with each round, and with each
    error in a row (whichever is longer); ± jitter."""
    steps = policy.backoff or (60.0,)
    base = steps[min(probes, len(steps) - 1)]
    if errors > 0:
        base = max(base, steps[min(errors, len(steps) - 1)])
    return max(0.0, base * (1.0 + policy.jitter * (2.0 * rng.random() - 1.0)))


def next_probe_at(watch: JobWatch, now: float, policy: WatchPolicy, rng: Rng) -> float | None:
    """When to probe next (None: the job is final). The deadline itself always gets a probe,
    so the timeout is decided on an answer, never on an error."""
    if watch.state.is_final:
        return None
    at = now + probe_delay(policy, watch.probes, watch.errors, rng)
    return min(at, watch.deadline) if now < watch.deadline else at


def _fresh(obj: ObjectInfo, submitted_at: float, policy: WatchPolicy) -> bool:
    return obj.modified is None or obj.modified >= submitted_at - policy.clock_slack


def _in_series(target: OutputTarget, obj: ObjectInfo) -> bool:
    tail = obj.key[len(target.prefix) :] if obj.key.startswith(target.prefix) else ""
    return obj.size > 0 and _SERIES_TAIL.fullmatch(tail) is not None


def _by_key(obj: ObjectInfo) -> str:
    return obj.key
