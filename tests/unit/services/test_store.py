"""JobStore: every field survives a round trip, migrations back up first, crashes never resubmit."""

from __future__ import annotations

import itertools
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from qfopgui.core.jobs import JobState
from qfopgui.services.store import INTERRUPTED, JobStore, StoreError
from qfopgui.services.store_migrations import MIGRATIONS, migrate
from tests.unit.services.fakes import add_active, make_status
from tests.unit.services.old_schema import add_old_row


class Clock:
    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> JobStore:
    s = JobStore(tmp_path / "jobs.db", clock=clock)
    yield s  # type: ignore[misc]
    s.close()


def _submit(store: JobStore, **kw: object) -> int:
    args: dict[str, object] = dict(
        profile="work",
        bucket="src",
        key="in/ä.mp4",
        fops=("avthumb/mp4|saveas/x", "vframe/jpg"),
        presets=("MP4 720p", "Poster"),
        outputs=("out/ä.mp4", "out/ä.jpg"),
        output_bucket="dst",
        pipeline="fast",
        batch_id="batch-1",
    )
    args.update(kw)
    return store.add_submitting(**args).id  # type: ignore[arg-type]


def test_round_trip_of_every_field(tmp_path: Path, clock: Clock) -> None:
    """Every JobRecord field is written and read back unchanged, also by a new JobStore."""
    path = tmp_path / "jobs.db"
    store = JobStore(path, clock=clock)
    first = _submit(store)
    clock.now += 1
    rec = store.add_submitting(
        profile="work",
        bucket="src",
        key="in/ä.mp4",
        fops=("avthumb/mp4|saveas/x", "vframe/jpg"),
        presets=("MP4 720p", "Poster"),
        outputs=("out/ä.mp4", "out/ä.jpg"),
        output_bucket="dst",
        pipeline="fast",
        batch_id="batch-1",
        force=True,
        notify_url="http://cb.test/n",
        type=1,
        retry_of=first,
    )
    assert rec.state is JobState.SUBMITTING
    assert rec.persistent_id is None
    assert rec.submitted_at == rec.updated_at == clock.now
    clock.now += 2
    store.mark_submitted(rec.id, "z0.abc")
    clock.now += 3
    store.apply_status(rec.id, make_status("z0.abc", 2))
    clock.now += 4
    failed = make_status("z0.abc", 3, error="execute fop cmd failed: not a valid media file")
    rec = store.apply_status(rec.id, failed)  # type: ignore[assignment]
    assert rec is not None
    store.close()

    again = JobStore(path, clock=clock).get(rec.id)
    assert again == rec
    t0 = 1_700_000_001.0
    expected = dict(
        id=rec.id,
        profile="work",
        bucket="src",
        key="in/ä.mp4",
        fops=("avthumb/mp4|saveas/x", "vframe/jpg"),
        presets=("MP4 720p", "Poster"),
        outputs=("out/ä.mp4", "out/ä.jpg"),
        output_bucket="dst",
        pipeline="fast",
        batch_id="batch-1",
        state=JobState.FAILED,
        persistent_id="z0.abc",
        force=True,
        notify_url="http://cb.test/n",
        type=1,
        submitted_at=t0,
        updated_at=t0 + 9,
        started_at=t0 + 5,
        finished_at=t0 + 9,
        retry_of=first,
    )
    for name, value in expected.items():
        assert getattr(again, name) == value, name
    status = again.status()
    assert status is not None
    assert status.code == 3
    assert status.items[0].error.endswith("not a valid media file")
    assert "not a video or audio file" in again.error
    assert again.duration == 9


def test_new_database_is_current_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "jobs.db"
    store = JobStore(path)
    store.open()
    assert store.backup_path is None  # nothing to back up in a new file
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) == 4
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"jobs_profile_state", "jobs_persistent_id", "jobs_batch_id", "jobs_source"} <= indexes
    con.close()
    store.close()


def test_v0_database_is_backed_up_then_migrated(tmp_path: Path) -> None:
    """An older file (user_version 0, with data) is copied before the schema changes."""
    path = tmp_path / "jobs.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (text TEXT)")
    con.execute("INSERT INTO notes VALUES ('keep me')")
    con.commit()
    con.close()

    store = JobStore(path)
    assert store.jobs() == []
    backup = store.backup_path
    assert backup is not None
    assert backup.exists()
    assert backup.name.startswith("jobs.db.v0-")
    bcon = sqlite3.connect(backup)
    assert bcon.execute("SELECT text FROM notes").fetchall() == [("keep me",)]
    assert bcon.execute("PRAGMA user_version").fetchone()[0] == 0
    bcon.close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert con.execute("SELECT text FROM notes").fetchall() == [("keep me",)]
    con.close()
    store.close()

    reopened = JobStore(path)
    reopened.open()
    assert reopened.backup_path is None  # already current: no second backup
    reopened.close()


def test_v1_database_migrates_to_a_later_version_keeping_rows(tmp_path: Path) -> None:
    path = tmp_path / "jobs.db"
    v1 = JobStore(path)
    job = _submit(v1)
    v1.close()
    v2 = (*MIGRATIONS, ("ALTER TABLE jobs ADD COLUMN note TEXT NOT NULL DEFAULT ''",))
    store = JobStore(path, migrations=v2)
    rec = store.get(job)
    assert rec is not None
    assert rec.key == "in/ä.mp4"
    assert store.backup_path is not None
    assert store.backup_path.name.startswith(f"jobs.db.v{len(MIGRATIONS)}-")
    bcon = sqlite3.connect(store.backup_path)
    assert bcon.execute("SELECT COUNT(*) FROM jobs").fetchone()[0] == 1
    bcon.close()
    store.close()


def test_v1_database_gets_the_source_index_and_keeps_rows(tmp_path: Path) -> None:
    path = tmp_path / "jobs.db"
    job = add_old_row(path, version=1, key="in/ä.mp4")
    store = JobStore(path)
    assert [r.id for r in store.jobs_for_source("work", "src", "in/ä.mp4")] == [job]
    assert store.backup_path is not None
    assert store.backup_path.name.startswith("jobs.db.v1-")
    store.close()


def test_jobs_for_source_newest_first_exact_match_indexed(store: JobStore) -> None:
    first = _submit(store)
    second = _submit(store, batch_id="batch-2")
    _submit(store, key="in/ä.mp4.bak")  # a longer key with the same start
    _submit(store, key="IN/ä.mp4")  # keys are case-sensitive
    _submit(store, bucket="other")
    _submit(store, profile="home")
    found = store.jobs_for_source("work", "src", "in/ä.mp4")
    assert [r.id for r in found] == [second, first]
    assert all((r.profile, r.bucket, r.key) == ("work", "src", "in/ä.mp4") for r in found)
    assert [r.id for r in store.jobs_for_source("work", "src", "in/ä.mp4", limit=1)] == [second]
    assert store.jobs_for_source("work", "src", "missing.mp4") == []
    conn = store._db()
    seen: list[str] = []
    conn.set_trace_callback(seen.append)  # the statement as sqlite ran it (values filled in)
    store.jobs_for_source("work", "src", "in/ä.mp4")
    conn.set_trace_callback(None)
    query = next(q for q in seen if q.lstrip().upper().startswith("SELECT"))
    plan = conn.execute("EXPLAIN QUERY PLAN " + query).fetchall()
    assert any("USING INDEX jobs_source" in str(row[-1]) for row in plan), plan


def test_failed_migration_leaves_the_old_version(tmp_path: Path) -> None:
    path = tmp_path / "jobs.db"
    JobStore(path).open()
    broken = (*MIGRATIONS, ("ALTER TABLE jobs ADD COLUMN a TEXT", "THIS IS NOT SQL"))
    with pytest.raises(StoreError):
        JobStore(path, migrations=broken).open()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    cols = [r[1] for r in con.execute("PRAGMA table_info(jobs)")]
    assert "a" not in cols
    con.close()


def test_newer_database_is_never_migrated_by_an_older_app(tmp_path: Path) -> None:
    """migrate() itself refuses; JobStore.open() sets such a file aside (test_store_health)."""
    path = tmp_path / "jobs.db"
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA user_version = 7")
    with pytest.raises(StoreError, match="newer version") as refused:
        migrate(con, path, MIGRATIONS, existed=True, now=0.0)
    con.close()
    assert refused.value.params == {"path": str(path), "found": "7", "known": str(len(MIGRATIONS))}
    assert not list(tmp_path.glob("*.bak"))  # refused before any backup or change


CRASH = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from qfopgui.services.store import JobStore
    store = JobStore(Path(sys.argv[1]))
    rec = store.add_submitting(profile="p", bucket="b", key="k.mp4", fops=("avthumb/mp4",),
        presets=(), outputs=(), output_bucket="b", pipeline="", batch_id="x")
    print(rec.id, flush=True)
    os._exit(9)  # die before mark_submitted: no close, no cleanup
    """
)


def test_crash_between_row_and_pfop_leaves_an_unresolved_row(tmp_path: Path) -> None:
    """A process killed after add_submitting leaves a row that is never resubmitted by itself."""
    path = tmp_path / "jobs.db"
    proc = subprocess.run(
        [sys.executable, "-c", CRASH, str(path)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 9, proc.stderr
    job_id = int(proc.stdout.strip())

    store = JobStore(path)
    assert store.get(job_id) is not None
    assert store.get(job_id).state is JobState.SUBMITTING  # type: ignore[union-attr]
    unresolved = store.recover_interrupted()
    assert [r.id for r in unresolved] == [job_id]
    assert unresolved[0].state is JobState.UNRESOLVED
    assert unresolved[0].error == INTERRUPTED
    assert store.active() == []  # so the poller never asks about it
    assert store.jobs(states=[JobState.SUBMITTING]) == []
    assert [r.id for r in store.recover_interrupted()] == [job_id]  # still listed next start
    store.close()


def test_close_without_mark_then_recover(tmp_path: Path) -> None:
    path = tmp_path / "jobs.db"
    s1 = JobStore(path)
    job = _submit(s1)
    done = _submit(s1)
    s1.mark_submitted(done, "z0.done")
    s1.close()
    s2 = JobStore(path)
    assert [r.id for r in s2.recover_interrupted()] == [job]
    assert s2.get(done).state is JobState.WAITING  # type: ignore[union-attr]
    s2.close()


def test_closed_store_refuses_calls(store: JobStore) -> None:
    store.close()
    with pytest.raises(StoreError):
        store.jobs()


def test_apply_status_reports_only_real_changes(store: JobStore, clock: Clock) -> None:
    rec = add_active(store, "z0.1")
    first = store.apply_status(rec.id, make_status("z0.1", 1))
    assert first is not None
    assert first.status_json is not None
    # Same answer with a new reqid: nothing changed, nothing written.
    clock.now += 5
    assert store.apply_status(rec.id, make_status("z0.1", 1)) is None
    assert store.get(rec.id).updated_at == first.updated_at  # type: ignore[union-attr]
    clock.now += 5
    proc = store.apply_status(rec.id, make_status("z0.1", 2))
    assert proc is not None
    assert proc.state is JobState.PROCESSING
    assert proc.started_at == clock.now
    clock.now += 5
    done = store.apply_status(rec.id, make_status("z0.1", 0))
    assert done is not None
    assert done.state is JobState.DONE
    assert done.started_at == proc.started_at
    assert done.finished_at == clock.now
    assert done.error == ""
    assert store.apply_status(999, make_status("x", 0)) is None


def test_notify_failed_keeps_outputs_and_explains(store: JobStore) -> None:
    rec = add_active(store, "z0.n")
    out = store.apply_status(rec.id, make_status("z0.n", 4))
    assert out is not None
    assert out.state is JobState.NOTIFY_FAILED
    assert "notif" in out.error


def test_tracked_job_is_filled_in_from_its_first_status(store: JobStore) -> None:
    rec = store.add_tracked(profile="p", persistent_id="z0.ext", batch_id="t")
    assert (rec.state, rec.bucket, rec.fops) == (JobState.WAITING, "", ())
    assert store.add_tracked(profile="p", persistent_id="z0.ext").id == rec.id  # no duplicate
    assert store.add_tracked(profile="other", persistent_id="z0.ext").id != rec.id
    status = make_status(
        "z0.ext",
        2,
        bucket="media",
        key="clips/a.mov",
        cmd="vframe/jpg",
        pipeline="1380999352.huoniao",
    )
    out = store.apply_status(rec.id, status)
    assert out is not None
    assert (out.bucket, out.key, out.fops) == ("media", "clips/a.mov", ("vframe/jpg",))
    assert out.pipeline == "huoniao"  # the server's "<uid>.<name>" shown as typed
    assert store.get_by_persistent_id("p", "z0.ext") == out
    shared = store.add_tracked(profile="p", persistent_id="z0.shared")
    out = store.apply_status(shared.id, make_status("z0.shared", 1))
    assert out is not None
    assert out.pipeline == ""  # "0.default" is the shared public queue


def test_queries_filters_order_counts_and_removal(store: JobStore, clock: Clock) -> None:
    ids = []
    for i in range(5):
        clock.now += 1
        ids.append(_submit(store, profile="a" if i < 4 else "b", batch_id=f"b{i % 2}"))
    store.mark_submitted(ids[0], "z0.0")
    store.mark_submitted(ids[1], "z0.1")
    store.apply_status(ids[1], make_status("z0.1", 2))
    store.mark_submit_failed(ids[2], "Bad fop")
    assert [r.id for r in store.jobs()] == ids[::-1]
    assert [r.id for r in store.jobs("a", limit=2)] == [ids[3], ids[2]]
    assert [r.id for r in store.active()] == [ids[1], ids[0]]
    assert [r.id for r in store.active("b")] == []
    assert [r.id for r in store.jobs(states=[JobState.FAILED])] == [ids[2]]
    assert store.jobs(states=[]) == []
    assert [r.id for r in store.batch("b0")] == [ids[4], ids[2], ids[0]]
    counts = store.counts("a")
    assert counts[JobState.WAITING] == 1
    assert counts[JobState.PROCESSING] == 1
    assert counts[JobState.FAILED] == 1
    assert counts[JobState.SUBMITTING] == 1
    assert counts[JobState.DONE] == 0
    assert store.get(ids[2]).error == "Bad fop"  # type: ignore[union-attr]
    store.remove([ids[0], ids[1]])
    store.discard(ids[2])
    assert [r.id for r in store.jobs()] == [ids[4], ids[3]]
    assert store.get(ids[0]) is None
    with pytest.raises(KeyError):
        store.mark_submitted(ids[0], "z0.late")
    new = _submit(store)
    assert new > ids[-1]  # ids of removed rows are never reused


def test_pipeline_stats(store: JobStore, clock: Clock) -> None:
    tick = itertools.count()
    start = clock.now

    def job(pipeline: str, wait: float, work: float | None, final: int | None) -> None:
        clock.now = start + next(tick) * 1000
        rec = add_active(store, f"z0.{clock.now}", profile="p", pipeline=pipeline)
        if work is not None:
            clock.now += wait
            store.apply_status(rec.id, make_status(rec.persistent_id or "", 2))
            clock.now += work
        if final is not None:
            store.apply_status(rec.id, make_status(rec.persistent_id or "", final))

    job("fast", 10, 100, 0)
    job("fast", 20, 200, 0)
    job("fast", 30, 600, 3)
    job("fast", 0, None, None)  # waiting
    job("fast", 5, 1, None)  # processing
    job("", 50, None, 0)  # finished between polls: no started_at
    job("", 0, None, None)
    _submit(store, profile="p", pipeline="fast")  # submitting: not in a queue yet
    stats = store.pipeline_stats("p", since=start)
    fast = stats["fast"]
    assert (fast.waiting, fast.processing, fast.done_since, fast.failed_since) == (1, 1, 2, 1)
    assert fast.median_wait_s == 20
    assert fast.median_processing_s == 200
    shared = stats[""]
    assert (shared.waiting, shared.done_since, shared.median_wait_s) == (1, 1, None)
    later = store.pipeline_stats("p", since=start + 1100)
    assert later["fast"].done_since == 1  # only the job that finished after `since`
    assert later["fast"].failed_since == 1
    assert store.pipeline_stats("nobody", since=0) == {}
