"""JobStore keeps what truthful durations need, across app runs (a new JobStore = a new run)."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

from qfopgui.core.job_timing import WATCH_GAP
from qfopgui.core.jobs import JobRecord, JobState, JobStatus
from qfopgui.services.store import JobStore
from tests.unit.services.fakes import add_active, make_status
from tests.unit.services.old_schema import add_old_row

T0 = 1_716_258_600.0  # 2024-05-21T10:30:00+08:00
CREATED = "2024-05-21T10:30:00+08:00"


class Clock:
    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def status(pid: str, code: int, created: str = CREATED) -> JobStatus:
    st = make_status(pid, code)
    return dataclasses.replace(st, creation_date=created, raw={**st.raw, "creationDate": created})


def reopened(path: Path, job_id: int) -> JobRecord:
    rec = JobStore(path).get(job_id)
    assert rec is not None
    return rec


def test_watched_job_round_trip(tmp_path: Path) -> None:
    path, clock = tmp_path / "j.db", Clock()
    store = JobStore(path, clock=clock)
    rec = add_active(store, "z0.a")  # submitted and accepted at T0
    clock.now += 5
    store.apply_status(rec.id, status("z0.a", 2))
    clock.now += 40
    done = store.apply_status(rec.id, status("z0.a", 0))
    assert done is not None
    assert done.duration == 45
    assert not done.finished_while_closed
    assert done.server_created_at == T0
    assert done.last_seen_active_at == T0 + 5
    again = reopened(path, rec.id)
    assert again == done  # every new field survives, as written


def test_job_that_finished_while_the_app_was_closed(tmp_path: Path) -> None:
    path, clock = tmp_path / "j.db", Clock()
    first_run = JobStore(path, clock=clock)
    rec = add_active(first_run, "z0.a")
    clock.now += 90
    first_run.apply_status(rec.id, status("z0.a", 2))
    first_run.close()

    clock.now += 3 * 3600  # closed for three hours; the job finished meanwhile
    second_run = JobStore(path, clock=clock)
    clock.now += 2  # the first poll after the start
    done = second_run.apply_status(rec.id, status("z0.a", 0))
    assert done is not None
    assert done.finished_while_closed
    assert done.duration is None  # not 3 h: the finish time is unknown
    assert done.timing.at_least == 90
    assert reopened(path, rec.id).finished_while_closed


def test_job_still_running_after_a_restart_then_finishing_is_watched(tmp_path: Path) -> None:
    path, clock = tmp_path / "j.db", Clock()
    first_run = JobStore(path, clock=clock)
    rec = add_active(first_run, "z0.a")
    first_run.apply_status(rec.id, status("z0.a", 2))
    first_run.close()

    clock.now += 600
    second_run = JobStore(path, clock=clock)
    clock.now += 1
    # Same answer as before the restart: not a change to report, but it was seen running now.
    assert second_run.apply_status(rec.id, status("z0.a", 2)) is None
    assert reopened(path, rec.id).last_seen_active_at == clock.now
    clock.now += 30
    done = second_run.apply_status(rec.id, status("z0.a", 0))
    assert done is not None
    assert not done.finished_while_closed
    assert done.duration == 631  # includes the restart: it was really running all along


def test_a_long_gap_within_one_run_counts_as_unwatched(tmp_path: Path) -> None:
    clock = Clock()
    store = JobStore(tmp_path / "j.db", clock=clock)
    rec = add_active(store, "z0.a")
    clock.now += WATCH_GAP + 60  # e.g. the computer slept
    done = store.apply_status(rec.id, status("z0.a", 0))
    assert done is not None
    assert done.finished_while_closed


def test_tracked_jobs_start_at_their_creation_on_the_server(tmp_path: Path) -> None:
    clock = Clock(T0 + 3600)  # tracked an hour after the server made it
    store = JobStore(tmp_path / "j.db", clock=clock)
    running = store.add_tracked(profile="p", persistent_id="z0.run")
    finished = store.add_tracked(profile="p", persistent_id="z0.old")
    clock.now += 1
    store.apply_statuses([(running.id, status("z0.run", 2)), (finished.id, status("z0.old", 0))])
    clock.now += 20
    done = store.apply_status(running.id, status("z0.run", 0))
    assert done is not None
    assert done.duration == 3621  # from creation, not from when it was tracked
    old = store.get(finished.id)
    assert old is not None
    assert old.finished_while_closed  # it was done before the app ever saw it running
    assert old.duration is None


def test_garbage_creation_date_is_ignored(tmp_path: Path) -> None:
    clock = Clock()
    store = JobStore(tmp_path / "j.db", clock=clock)
    rec = add_active(store, "z0.a")
    clock.now += 12
    done = store.apply_status(rec.id, status("z0.a", 0, created="not a date"))
    assert done is not None
    assert done.server_created_at is None
    assert done.duration == 12


def test_removed_and_restored_rows_keep_their_timing(tmp_path: Path) -> None:
    clock = Clock()
    store = JobStore(tmp_path / "j.db", clock=clock)
    rec = add_active(store, "z0.a")
    store.close()
    clock.now += 3600
    store = JobStore(tmp_path / "j.db", clock=clock)
    done = store.apply_status(rec.id, status("z0.a", 0))
    assert done is not None
    store.remove([done.id])
    assert store.restore([done]) == [done]


def test_migration_keeps_old_durations_and_knows_when_active_jobs_were_seen(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.db"
    active = add_old_row(path, version=2, key="active.mp4")
    finished = add_old_row(path, version=2, key="done.mp4")
    con = sqlite3.connect(path, isolation_level=None)
    con.execute(
        "UPDATE jobs SET state='processing', persistent_id='z0.a', updated_at=? WHERE id=?",
        (T0 + 50, active),
    )
    con.execute(
        "UPDATE jobs SET state='done', submitted_at=?, finished_at=? WHERE id=?",
        (T0, T0 + 75, finished),
    )
    con.close()

    clock = Clock(T0 + 7200)
    store = JobStore(path, clock=clock)
    old_done = store.get(finished)
    assert old_done is not None
    assert old_done.duration == 75  # as the previous version showed it
    assert not old_done.finished_while_closed
    old_active = store.get(active)
    assert old_active is not None
    assert old_active.last_seen_active_at == T0 + 50  # its last change: it was active then
    clock.now += 1
    done = store.apply_status(active, status("z0.a", 0))
    assert done is not None
    assert done.finished_while_closed  # last seen by the old version, before this run
    assert done.timing.at_least == T0 + 50 - done.timing.start
    assert store.get(active) == done
    assert done.state is JobState.DONE
