"""Which jobs count as failed, superseded or active, and what Retry may do with each.

Every count the app shows (the Failed chip, the sidebar badge, the status bar, "Retry all
failed") comes from these functions, so they always agree. The rule behind most of them: a
failed job that has been retried is *superseded* by its retry — it stays in the history but no
longer counts as an open failure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from qfopgui.core.jobs import JobRecord, JobState


def superseded_ids(records: Iterable[JobRecord]) -> set[int]:
    """Local ids of jobs that a later job retries (`retry_of` points at them)."""
    return {r.retry_of for r in records if r.retry_of is not None}


def is_open_failure(record: JobRecord, superseded: set[int]) -> bool:
    return record.state is JobState.FAILED and record.id not in superseded


def open_failures(records: Sequence[JobRecord]) -> list[JobRecord]:
    """Failed jobs not retried yet: what "Retry all failed" resubmits and "Failed" counts."""
    superseded = superseded_ids(records)
    return [r for r in records if is_open_failure(r, superseded)]


def is_running(record: JobRecord) -> bool:
    """Being submitted, or waiting/processing on the server."""
    return record.state is JobState.SUBMITTING or record.state.is_active


@dataclass(frozen=True)
class JobCounts:
    """How many jobs are in each group; `failed` counts open failures only."""

    total: int = 0
    running: int = 0
    done: int = 0
    failed: int = 0
    superseded: int = 0
    undecided: int = 0


def count_jobs(records: Sequence[JobRecord]) -> JobCounts:
    superseded = superseded_ids(records)
    running = done = failed = old = undecided = 0
    for r in records:
        if is_running(r):
            running += 1
        elif r.state in (JobState.DONE, JobState.NOTIFY_FAILED):
            done += 1
        elif r.state is JobState.FAILED:
            if r.id in superseded:
                old += 1
            else:
                failed += 1
        elif r.state is JobState.UNRESOLVED:
            undecided += 1
    return JobCounts(len(records), running, done, failed, old, undecided)


class RetryCheck(StrEnum):
    """What Retry may do with one job."""

    READY = "ready"  # failed (or notify-failed): submit again with overwrite
    DECIDE = "decide"  # outcome unknown: submitting again settles it (overwrite)
    REPLACES_OUTPUTS = "replaces_outputs"  # done: only after the user agrees to overwrite
    RUNNING = "running"  # still being submitted or processed: nothing to do
    SUPERSEDED = "superseded"  # already retried: retry the newer job instead
    NO_COMMANDS = "no_commands"  # tracked by ID: qfopgui does not know what to submit


def retry_check(record: JobRecord, superseded: set[int]) -> RetryCheck:
    if is_running(record):
        return RetryCheck.RUNNING
    if not record.fops or not record.bucket or not record.key:
        return RetryCheck.NO_COMMANDS
    if record.id in superseded:
        return RetryCheck.SUPERSEDED
    if record.state is JobState.UNRESOLVED:
        return RetryCheck.DECIDE
    if record.state is JobState.DONE:
        return RetryCheck.REPLACES_OUTPUTS
    return RetryCheck.READY


@dataclass(frozen=True)
class RetryPlan:
    """Jobs sorted by what Retry may do with them (each list keeps the input order)."""

    ready: tuple[JobRecord, ...] = ()  # failed / notify-failed / unresolved
    replaces_outputs: tuple[JobRecord, ...] = ()  # done: ask first
    skipped: tuple[tuple[JobRecord, RetryCheck], ...] = ()  # running, superseded, no commands

    @property
    def empty(self) -> bool:
        return not self.ready and not self.replaces_outputs


def plan_retry(records: Sequence[JobRecord], superseded: set[int]) -> RetryPlan:
    ready: list[JobRecord] = []
    done: list[JobRecord] = []
    skipped: list[tuple[JobRecord, RetryCheck]] = []
    seen: set[int] = set()
    for r in records:
        if r.id in seen:
            continue
        seen.add(r.id)
        check = retry_check(r, superseded)
        if check in (RetryCheck.READY, RetryCheck.DECIDE):
            ready.append(r)
        elif check is RetryCheck.REPLACES_OUTPUTS:
            done.append(r)
        else:
            skipped.append((r, check))
    return RetryPlan(tuple(ready), tuple(done), tuple(skipped))


# --- job IDs typed by a person ---------------------------------------------------------------

# A persistentId is "<region or zone>.<hex>" such as z0.0123456789abcdef01234567, or the older
# "<digits>.<hex>" form; letters, digits, '.', '_' and '-' only, at most 128 characters.
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]*\.[A-Za-z0-9_\-.]+")
_SEPARATORS = re.compile(r"[\s,;，；]+")
MAX_ID_LENGTH = 128


@dataclass(frozen=True)
class ParsedIds:
    ids: tuple[str, ...]  # valid, de-duplicated, in the order typed
    invalid: tuple[str, ...]  # the pieces that are not job IDs, exactly as typed


def parse_job_ids(text: str) -> ParsedIds:
    """Split pasted text on spaces, newlines, commas and semicolons into job IDs."""
    ids: list[str] = []
    invalid: list[str] = []
    for piece in _SEPARATORS.split(text.strip()):
        if not piece:
            continue
        if len(piece) <= MAX_ID_LENGTH and _ID.fullmatch(piece):
            if piece not in ids:
                ids.append(piece)
        elif piece not in invalid:
            invalid.append(piece)
    return ParsedIds(tuple(ids), tuple(invalid))
