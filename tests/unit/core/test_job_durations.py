"""core.job_timing: the start of "Took", finishes nobody watched, and what JobRecord exposes."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from qfopgui.core.job_timing import (
    TRACKED_LEAD,
    WATCH_GAP,
    finish_unwatched,
    job_start,
    job_timing,
    parse_server_time,
)
from qfopgui.core.jobs import JobRecord, JobState

T0 = datetime(2024, 5, 21, 2, 30, tzinfo=UTC).timestamp()  # 10:30 in UTC+8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-21T10:30:00+08:00", T0),
        ("2024-05-21T02:30:00Z", T0),
        ("2024-05-21T02:30:00.250+00:00", T0 + 0.25),
        ("  2024-05-21T10:30:00+08:00 ", T0),
    ],
)
def test_parse_server_time_reads_rfc3339(text: str, expected: float) -> None:
    assert parse_server_time(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "yesterday",
        "2024-05-21T10:30:00",  # no offset: the zone is unknown
        "2024-05-21",
        "0001-01-01T00:00:00Z",  # Go's zero time, a placeholder
        "2024-13-40T99:00:00Z",
        "2024-05-21T10:30:00+25:00",
    ],
)
def test_parse_server_time_rejects_what_is_not_a_usable_time(text: str) -> None:
    assert parse_server_time(text) is None


def test_start_is_the_server_creation_only_for_rows_written_later_than_the_job() -> None:
    tracked = job_start(submitted_at=T0 + 3600, server_created_at=T0)
    assert tracked == T0  # tracked an hour after the server made it
    # Submitted by this app: the local time is on the same clock as the finish, so a desktop
    # clock 30 s behind or ahead of the server does not change "Took".
    assert job_start(submitted_at=T0, server_created_at=T0 + 30) == T0
    assert job_start(submitted_at=T0, server_created_at=T0 - 30) == T0
    assert job_start(submitted_at=T0, server_created_at=T0 - TRACKED_LEAD - 1) < T0
    assert job_start(submitted_at=T0, server_created_at=None) == T0


def test_a_finish_is_unwatched_when_first_seen_after_a_restart_or_a_long_gap() -> None:
    run = T0 + 10_000.0

    def unwatched(last_seen: float | None, seen_done: float) -> bool:
        return finish_unwatched(
            last_seen_active_at=last_seen, seen_terminal_at=seen_done, run_started_at=run
        )

    assert not unwatched(run + 100, run + 160)  # seen running a minute before: watched
    assert unwatched(run - 5, run + 1)  # last seen by the previous run: it was closed
    assert unwatched(None, run + 1)  # never seen running (tracked after it finished)
    assert unwatched(run + 100, run + 100 + WATCH_GAP + 1)  # asleep/offline for 15+ minutes
    assert not unwatched(run + 100, run + 100 + WATCH_GAP)


def test_timing_while_running_finished_and_finished_while_closed() -> None:
    running = job_timing(
        submitted_at=T0,
        server_created_at=None,
        finished_at=None,
        last_seen_active_at=T0 + 5,
        finished_while_closed=False,
    )
    assert (running.start, running.end, running.duration) == (T0, None, None)
    assert not running.finished_while_closed

    watched = job_timing(
        submitted_at=T0,
        server_created_at=T0 + 1,
        finished_at=T0 + 42,
        last_seen_active_at=T0 + 40,
        finished_while_closed=False,
    )
    assert watched.duration == 42
    assert watched.at_least is None

    closed = job_timing(
        submitted_at=T0,
        server_created_at=None,
        finished_at=T0 + 3 * 3600,
        last_seen_active_at=T0 + 90,
        finished_while_closed=True,
    )
    assert closed.duration is None  # not three hours: nobody knows when it finished
    assert closed.finished_while_closed
    assert closed.at_least == 90
    assert closed.end == T0 + 3 * 3600  # when the app saw it (for sorting and "finished")

    never_seen = job_timing(
        submitted_at=T0,
        server_created_at=None,
        finished_at=T0 + 3 * 3600,
        last_seen_active_at=None,
        finished_while_closed=True,
    )
    assert never_seen == dataclasses.replace(closed, at_least=None)


def test_tracked_job_took_from_its_creation_on_the_server() -> None:
    t = job_timing(
        submitted_at=T0 + 600,
        server_created_at=T0,
        finished_at=T0 + 660,
        last_seen_active_at=T0 + 630,
        finished_while_closed=False,
    )
    assert t.start == T0
    assert t.duration == 660


def record(**kw: object) -> JobRecord:
    base = JobRecord(
        id=1,
        profile="p",
        bucket="b",
        key="k",
        fops=("avthumb/mp4",),
        presets=(),
        outputs=(),
        output_bucket="b",
        pipeline="",
        batch_id="",
        state=JobState.DONE,
        persistent_id="z0.x",
        force=False,
        notify_url="",
        type=0,
        submitted_at=T0,
        updated_at=T0,
        started_at=None,
        finished_at=T0 + 7200,
        status_json=None,
        error="",
        retry_of=None,
    )
    return dataclasses.replace(base, **kw)  # type: ignore[arg-type]


def test_job_record_exposes_the_same_rule() -> None:
    assert record().duration == 7200  # rows from before the new columns: as before
    closed = record(last_seen_active_at=T0 + 60, finished_while_closed=True)
    assert closed.duration is None
    assert closed.timing.finished_while_closed
    assert closed.timing.at_least == 60
    tracked = record(submitted_at=T0 + 3600, server_created_at=T0)
    assert tracked.duration == 7200
    assert record(finished_at=None, state=JobState.PROCESSING).duration is None
