"""Opening the job store checks the file first: an unusable one is set aside untouched and
reported, a healthy unwritable one is read-only, and the app always gets a working store."""

from __future__ import annotations

import errno
import hashlib
import os
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from qfopgui.core.jobs import JobState
from qfopgui.services import store_messages as M
from qfopgui.services.store import INTERRUPTED, JobStore, StoreError
from qfopgui.services.store_health import SetAsideReason, StoreStatus
from qfopgui.services.store_migrations import MIGRATIONS
from qfopgui.services.store_open import connect_uri
from tests.unit.services.old_schema import add_old_row


def submit(store: JobStore, key: str = "in/a.mp4") -> int:
    return store.add_submitting(
        profile="work",
        bucket="src",
        key=key,
        fops=("avthumb/mp4",),
        presets=("MP4",),
        outputs=("out/a.mp4",),
        output_bucket="dst",
        pipeline="",
        batch_id="b1",
    ).id


def populated(path: Path, n: int = 300) -> list[int]:
    """A closed store with `n` jobs (closing checkpoints the WAL into the main file)."""
    store = JobStore(path)
    first = store.mark_submitted(submit(store, key="in/0000.mp4"), "z0.0").id
    store.close()
    con = sqlite3.connect(path, isolation_level=None)  # the rest in one transaction: fast
    cols = [r[1] for r in con.execute("PRAGMA table_info(jobs)") if r[1] != "id"]
    copied = ", ".join("?" if c in ("key", "persistent_id") else c for c in cols)
    con.execute("BEGIN")
    for i in range(1, n):
        con.execute(
            f"INSERT INTO jobs ({', '.join(cols)}) SELECT {copied} FROM jobs WHERE id = ?",
            (f"in/{i:04d}.mp4", f"z0.{i}", first),
        )
    con.execute("COMMIT")
    ids = [int(r[0]) for r in con.execute("SELECT id FROM jobs ORDER BY id")]
    con.close()
    assert not path.with_name(path.name + "-wal").exists()
    return ids


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def garble_middle_pages(path: Path, count: int = 3) -> None:
    """Overwrite whole pages in the middle of the file with random bytes (header intact)."""
    data = path.read_bytes()
    page = int.from_bytes(data[16:18], "big")
    pages = len(data) // page
    assert pages >= 3 * count, "the file is too small to damage only its middle"
    rnd = random.Random(1234)
    with path.open("r+b") as f:
        for n in range(pages // 3, pages // 3 + count):
            f.seek(n * page)
            f.write(rnd.randbytes(page))


def sqlite_sees_damage(path: Path) -> bool:
    """What sqlite itself says of the file (and its -wal), read-only."""
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA integrity_check").fetchall() != [("ok",)]
    except sqlite3.DatabaseError:
        return True
    finally:
        con.close()


def read_only_opener(uri: str) -> sqlite3.Connection:
    """Opens every file as sqlite opens one it may not write (root ignores chmod)."""
    return connect_uri(uri.replace("mode=rwc", "mode=ro"))


def user_version(path: Path) -> int:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return int(con.execute("PRAGMA user_version").fetchone()[0])
    finally:
        con.close()


# --- healthy files --------------------------------------------------------------------------


def test_new_file_is_fresh_and_an_existing_healthy_one_is_ok(tmp_path: Path) -> None:
    path = tmp_path / "jobs.db"
    store = JobStore(path)
    health = store.open()
    assert (health.status, health.needs_attention, health.message) == (StoreStatus.FRESH, False, "")
    job = submit(store)
    store.close()
    again = JobStore(path)
    health = again.open()
    assert health.status is StoreStatus.OK
    assert health.backup_path is None
    assert not health.needs_attention
    assert again.open() is health  # opened once; later calls report the same
    assert again.get(job) is not None
    again.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jobs.db"]  # nothing set aside


def test_migrated_file_is_ok_and_names_its_backup(tmp_path: Path) -> None:
    path = tmp_path / "jobs.db"
    add_old_row(path, version=1)
    store = JobStore(path)
    health = store.open()
    assert health.status is StoreStatus.OK
    assert health.backup_path is not None
    assert health.backup_path == store.backup_path
    assert health.backup_path.name.startswith("jobs.db.v1-")
    assert user_version(health.backup_path) == 1
    store.close()


# --- damaged files --------------------------------------------------------------------------


def test_garbage_in_middle_pages_is_set_aside_untouched_and_a_fresh_store_started(
    tmp_path: Path,
) -> None:
    path = tmp_path / "jobs.db"
    populated(path)
    garble_middle_pages(path)
    assert sqlite_sees_damage(path)
    before = digest(path)

    store = JobStore(path)
    health = store.open()
    assert health.status is StoreStatus.RECOVERED
    assert health.reason is SetAsideReason.DAMAGED
    backup = health.backup_path
    assert backup is not None
    assert backup.parent == tmp_path
    assert backup.name.startswith("jobs.db.damaged-")
    assert digest(backup) == before  # the very bytes, never written to
    assert health.template == M.SET_ASIDE_DAMAGED
    assert health.needs_attention
    assert str(backup) in health.message
    # the original path now holds a new, working store
    assert store.jobs() == []
    job = submit(store)
    store.close()
    reopened = JobStore(path)
    assert reopened.open().status is StoreStatus.OK
    assert [r.id for r in reopened.jobs()] == [job]
    assert user_version(path) == len(MIGRATIONS)
    reopened.close()
    assert digest(backup) == before


def test_a_file_that_is_not_a_database_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "jobs.db"
    path.write_bytes(random.Random(7).randbytes(20_000))
    before = digest(path)
    store = JobStore(path)
    health = store.open()
    assert (health.status, health.reason) == (StoreStatus.RECOVERED, SetAsideReason.DAMAGED)
    assert health.backup_path is not None
    assert digest(health.backup_path) == before
    assert store.jobs() == []
    store.close()


def test_damage_only_the_full_integrity_check_finds_is_set_aside(tmp_path: Path) -> None:
    """An index that no longer matches its rows passes quick_check but not integrity_check."""
    path = tmp_path / "jobs.db"
    populated(path, n=20)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA writable_schema = ON")
    con.execute(
        "UPDATE sqlite_master SET sql = replace(sql, '(batch_id)', '(bucket)') "
        "WHERE name = 'jobs_batch_id'"
    )
    con.close()
    check = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    assert check.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    check.close()
    before = digest(path)
    store = JobStore(path)
    health = store.open()
    assert (health.status, health.reason) == (StoreStatus.RECOVERED, SetAsideReason.DAMAGED)
    assert health.backup_path is not None
    assert digest(health.backup_path) == before
    store.close()


def test_the_wal_and_shm_of_a_damaged_file_move_with_it(tmp_path: Path) -> None:
    """A new file must never be paired with the old -wal: sqlite would replay it into it."""
    live = tmp_path / "live.db"
    populated(live, n=200)
    writer = sqlite3.connect(live, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE jobs SET error = 'changed after the last checkpoint'")
    path = tmp_path / "jobs.db"
    for suffix in ("", "-wal", "-shm"):  # a copy as a crash leaves it: changes only in -wal
        shutil.copyfile(f"{live}{suffix}", f"{path}{suffix}")
    writer.close()
    garble_middle_pages(path)
    assert sqlite_sees_damage(path)  # pages the -wal does not replace are garbage
    before = {s: digest(Path(f"{path}{s}")) for s in ("", "-wal")}

    store = JobStore(path)
    health = store.open()
    assert health.status is StoreStatus.RECOVERED
    backup = health.backup_path
    assert backup is not None
    assert digest(backup) == before[""]
    assert digest(Path(f"{backup}-wal")) == before["-wal"]
    assert Path(f"{backup}-shm").exists()
    assert store.jobs() == []  # the old -wal was not replayed into the new file
    submit(store)
    store.close()
    assert JobStore(path).jobs()[0].error == ""


def test_lazy_open_runs_the_checks_too(tmp_path: Path) -> None:
    path = tmp_path / "jobs.db"
    populated(path)
    garble_middle_pages(path)
    store = JobStore(path)
    assert store.jobs() == []  # the first call opened, checked and set the file aside
    assert store.health is not None
    assert store.health.status is StoreStatus.RECOVERED
    assert store.open() is store.health
    store.close()


def test_newer_version_is_set_aside_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "jobs.db"
    ids = populated(path, n=5)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA user_version = 9")
    con.close()
    before = digest(path)
    store = JobStore(path)
    health = store.open()
    assert (health.status, health.reason) == (StoreStatus.RECOVERED, SetAsideReason.NEWER)
    backup = health.backup_path
    assert backup is not None
    assert backup.name.startswith("jobs.db.newer-")
    assert digest(backup) == before  # not migrated, not checkpointed: still version 9
    assert health.template == M.SET_ASIDE_NEWER
    known = str(len(MIGRATIONS))
    assert health.params == {"backup": str(backup), "found": "9", "known": known, "name": "jobs.db"}
    assert "newer version" in health.message
    assert store.jobs() == []
    store.close()
    kept = sqlite3.connect(backup)
    assert [r[0] for r in kept.execute("SELECT id FROM jobs ORDER BY id")] == ids
    kept.close()


def test_a_folder_in_place_of_the_file_is_unreadable_and_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "jobs.db"
    path.mkdir()
    (path / "note.txt").write_text("keep")
    store = JobStore(path)
    health = store.open()
    assert (health.status, health.reason) == (StoreStatus.RECOVERED, SetAsideReason.UNREADABLE)
    assert health.backup_path is not None
    assert (health.backup_path / "note.txt").read_text() == "keep"
    assert health.template == M.SET_ASIDE_UNREADABLE
    assert health.params["error"]  # sqlite's own words
    assert path.is_file()
    submit(store)
    store.close()


def test_damaged_file_that_cannot_be_moved_leaves_an_in_memory_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "jobs.db"
    populated(path)
    garble_middle_pages(path)
    before = digest(path)

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(src))

    monkeypatch.setattr(os, "replace", refuse)
    store = JobStore(path)
    health = store.open()
    monkeypatch.undo()
    assert health.status is StoreStatus.IN_MEMORY
    assert health.reason is SetAsideReason.DAMAGED
    assert health.template == M.IN_MEMORY
    assert health.params == {"path": str(path), "error": "Permission denied"}
    assert "kept only until the app quits" in health.message
    job = submit(store)  # the app still works …
    assert store.get(job) is not None
    store.close()
    assert digest(path) == before  # … without ever writing into the damaged file
    assert not [p for p in tmp_path.iterdir() if "damaged" in p.name]


def test_a_file_that_cannot_be_created_leaves_an_in_memory_store(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    store = JobStore(blocker / "jobs.db")
    health = store.open()
    assert health.status is StoreStatus.IN_MEMORY
    assert health.template == M.IN_MEMORY_NO_FILE
    assert str(blocker / "jobs.db") in health.message
    assert store.get(submit(store)) is not None
    store.close()


# --- busy and read-only ----------------------------------------------------------------------


def test_a_busy_file_is_reported_and_never_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "jobs.db"
    populated(path, n=3)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program is in the middle of a write

    def impatient(uri: str) -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, isolation_level=None, timeout=0.05)

    store = JobStore(path, opener=impatient)
    with pytest.raises(StoreError) as busy:
        store.open()
    assert busy.value.template == M.LOCKED
    assert busy.value.message == M.LOCKED.format(path=path)
    assert sorted(p.name for p in tmp_path.iterdir() if "-" not in p.name) == ["jobs.db"]
    other.execute("ROLLBACK")
    other.close()
    assert store.open().status is StoreStatus.OK  # opening again retries
    assert len(store.jobs()) == 3
    store.close()


def test_healthy_unwritable_file_opens_read_only_and_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "jobs.db"
    ids = populated(path, n=4)
    interrupted = JobStore(path)
    stuck = submit(interrupted)  # left SUBMITTING, as after a crash
    interrupted.close()
    before = digest(path)

    store = JobStore(path, opener=read_only_opener)
    health = store.open()
    assert health.status is StoreStatus.READ_ONLY
    assert store.read_only
    assert health.template == M.OPENED_READ_ONLY
    assert health.message == M.OPENED_READ_ONLY.format(path=path)
    assert [r.id for r in store.jobs()] == [stuck, *reversed(ids)]  # history is shown
    with pytest.raises(StoreError) as refused:
        submit(store)
    assert refused.value.read_only
    assert not refused.value.disk_full
    assert refused.value.message == M.READ_ONLY.format(path=path)
    for write in (lambda: store.mark_submitted(ids[0], "z0.x"), lambda: store.remove(ids)):
        with pytest.raises(StoreError) as again:
            write()
        assert again.value.read_only
    unresolved = store.recover_interrupted()  # shown for the user, but nothing is written
    assert [(r.id, r.state, r.error) for r in unresolved] == [
        (stuck, JobState.UNRESOLVED, INTERRUPTED)
    ]
    store.close()
    assert digest(path) == before


def test_read_only_old_format_is_migrated_in_a_memory_copy_only(tmp_path: Path) -> None:
    path = tmp_path / "jobs.db"
    job = add_old_row(path, version=1)
    before = digest(path)
    store = JobStore(path, opener=read_only_opener)
    assert store.open().status is StoreStatus.READ_ONLY
    conn = store._db()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "jobs_source" in indexes  # what V2 adds, available to this session's queries
    assert [r.id for r in store.jobs_for_source("work", "src", "in/a.mp4")] == [job]
    with pytest.raises(StoreError) as refused:
        submit(store)
    assert refused.value.read_only
    store.close()
    assert digest(path) == before
    assert user_version(path) == 1
    assert not list(tmp_path.glob("*.bak"))


def test_read_only_check_never_creates_a_backup_or_moves_files(tmp_path: Path) -> None:
    """Guards the order of the checks: a healthy read-only file is not 'unreadable'."""
    path = tmp_path / "jobs.db"
    populated(path, n=2)
    store = JobStore(path, opener=read_only_opener)
    assert store.open().backup_path is None
    store.close()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        "jobs.db"
    ]
    assert os.path.getsize(path) > 0
