"""How long a job took, told truthfully: the one rule behind "Took" in the job list and details.

Qiniu tells us one server time, a job's `creationDate`; it never says when a job finished. So
the finish is the moment the app first saw the job in a terminal state, and that is only true
while the app was watching. Two cases would make a plain "seen finished − submitted" lie:

* The job finished while the app was not watching: closed (or asleep, or offline) at the
  time, it saw the job finished only when it came back, maybe hours later. The end is then
  unknown: `duration` is None, `finished_while_closed` is True, and `at_least` is how long the
  job was known to be still running. Decided once, when the terminal state is first seen
  (`finish_unwatched`): the job's previous observation as active was in an earlier app run,
  or more than `WATCH_GAP` before, or never (it was tracked after it had already finished).
  `WATCH_GAP` is longer than any pause of a running poller (polls at most a minute apart,
  back-off at most 2 minutes, Retry-After obeyed up to 10 minutes).
* The row was written long after the job was made (a job tracked by its id). Then the
  server's creation time is the start. Otherwise the local submission time is the start: it
  is on the same clock as the finish, so a desktop clock that is off does not skew "Took",
  and it is sub-second where `creationDate` has whole seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

WATCH_GAP = 15 * 60.0  # seconds without seeing an active job before its finish counts as unseen
TRACKED_LEAD = 60.0  # server creation this much before the local row: the row tracks the job
EARLIEST_SERVER_TIME = 1_262_304_000.0  # 2010-01-01 UTC; earlier = a placeholder (Go zero time)


def parse_server_time(text: str) -> float | None:
    """Unix seconds of an RFC 3339 time such as ``2024-05-21T10:30:00+08:00``.

    None for "", garbage, a time without a UTC offset (its zone is unknown) and placeholders
    before 2010 (e.g. ``0001-01-01T00:00:00Z``).
    """
    text = text.strip()
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    if when.tzinfo is None or when.utcoffset() is None:
        return None
    try:
        seconds = when.timestamp()
    except (OverflowError, OSError, ValueError):
        return None
    return seconds if seconds >= EARLIEST_SERVER_TIME else None


def finish_unwatched(
    *, last_seen_active_at: float | None, seen_terminal_at: float, run_started_at: float
) -> bool:
    """Whether a job first seen terminal at `seen_terminal_at` finished while nobody watched.

    Args:
        last_seen_active_at: the last time this app saw the job waiting or processing (None:
            never).
        run_started_at: when this run of the app started.
    """
    if last_seen_active_at is None:
        return True
    if last_seen_active_at < run_started_at:
        return True
    return seen_terminal_at - last_seen_active_at > WATCH_GAP


@dataclass(frozen=True, slots=True)
class JobTiming:
    """What the UI may say about a job's time (unix seconds; durations in seconds)."""

    start: float  # when the job started: local submission, or the server's creation time
    end: float | None  # when the app first saw it finished; None while it is not
    duration: float | None  # end − start; None while unfinished and when the end is unknown
    finished_while_closed: bool  # True: the end is when the app came back, not when it finished
    at_least: float | None  # if finished_while_closed: it ran at least this long (if known)


def job_start(*, submitted_at: float, server_created_at: float | None) -> float:
    """The start of "Took" (see the module docstring for why not always `creationDate`)."""
    if server_created_at is not None and server_created_at < submitted_at - TRACKED_LEAD:
        return server_created_at
    return submitted_at


def job_timing(
    *,
    submitted_at: float,
    server_created_at: float | None,
    finished_at: float | None,
    last_seen_active_at: float | None,
    finished_while_closed: bool,
) -> JobTiming:
    """The timing of one job from what the store keeps about it."""
    start = job_start(submitted_at=submitted_at, server_created_at=server_created_at)
    if finished_at is None:
        return JobTiming(start, None, None, False, None)
    if finished_while_closed:
        at_least = None if last_seen_active_at is None else max(0.0, last_seen_active_at - start)
        return JobTiming(start, finished_at, None, True, at_least)
    return JobTiming(start, finished_at, max(0.0, finished_at - start), False, None)
