"""Every sqlite/OS failure of the job store reaches callers as a StoreError with plain words
and flags; never a raw sqlite3 exception. Errors here are real ones sqlite raised."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from qfopgui.core.jobs import JobState
from qfopgui.services import store_messages as M
from qfopgui.services.store import JobStore, StoreError
from qfopgui.services.store_errors import store_error_from
from qfopgui.services.store_health import StoreStatus
from qfopgui.services.store_open import connect_uri
from tests.unit.services.fakes import make_status
from tests.unit.services.test_store_health import garble_middle_pages, populated, submit


def _raised(action: Callable[[], object]) -> sqlite3.Error:
    try:
        action()
    except sqlite3.Error as exc:
        return exc
    raise AssertionError("sqlite did not fail")


def _real_full_error(tmp_path: Path) -> sqlite3.Error:
    con = sqlite3.connect(tmp_path / "tiny.db", isolation_level=None)
    con.execute("CREATE TABLE t (x BLOB)")
    con.execute("PRAGMA max_page_count = 3")
    try:
        return _raised(lambda: con.execute("INSERT INTO t VALUES (zeroblob(100000))"))
    finally:
        con.close()


def _real_read_only_error(tmp_path: Path) -> sqlite3.Error:
    path = tmp_path / "ro.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return _raised(lambda: con.execute("INSERT INTO t VALUES (1)"))
    finally:
        con.close()


def _real_busy_error(tmp_path: Path) -> sqlite3.Error:
    path = tmp_path / "busy.db"
    one = sqlite3.connect(path, isolation_level=None)
    one.execute("CREATE TABLE t (x)")
    one.execute("BEGIN IMMEDIATE")
    two = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        return _raised(lambda: two.execute("BEGIN IMMEDIATE"))
    finally:
        two.close()
        one.close()


def _real_not_a_database_error(tmp_path: Path) -> sqlite3.Error:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is a text file, not sqlite\n" * 200)
    con = sqlite3.connect(path)
    try:
        return _raised(lambda: con.execute("SELECT * FROM sqlite_master").fetchall())
    finally:
        con.close()


def _real_malformed_error(tmp_path: Path) -> sqlite3.Error:
    path = tmp_path / "bad.db"
    populated(path)
    garble_middle_pages(path, count=6)
    con = sqlite3.connect(path)
    try:
        return _raised(lambda: con.execute("SELECT * FROM jobs ORDER BY key").fetchall())
    finally:
        con.close()


@pytest.mark.parametrize(
    ("make", "words", "template", "disk_full", "read_only"),
    [
        (_real_full_error, "database or disk is full", M.DISK_FULL, True, False),
        (_real_read_only_error, "attempt to write a readonly database", M.READ_ONLY, False, True),
        (_real_busy_error, "database is locked", M.LOCKED, False, False),
        (_real_not_a_database_error, "file is not a database", M.DAMAGED, False, False),
        (_real_malformed_error, "database disk image is malformed", M.DAMAGED, False, False),
    ],
)
def test_sqlite_errors_become_plain_words(
    tmp_path: Path,
    make: Callable[[Path], sqlite3.Error],
    words: str,
    template: str,
    disk_full: bool,
    read_only: bool,
) -> None:
    raw = make(tmp_path)
    assert words in str(raw)  # sqlite really said it
    err = store_error_from(raw, tmp_path / "jobs.db")
    assert err.template == template
    assert err.message == template.format(path=tmp_path / "jobs.db")
    assert (err.disk_full, err.read_only) == (disk_full, read_only)
    assert err.code.startswith("SQLITE_")


@pytest.mark.parametrize(
    ("raw", "template", "disk_full", "read_only"),
    [
        # raised by the sqlite3 module itself: no result code, only sqlite's words
        (sqlite3.OperationalError("disk I/O error"), M.IO_ERROR, False, False),
        (sqlite3.OperationalError("database or disk is full"), M.DISK_FULL, True, False),
        (OSError(errno.ENOSPC, "No space left on device"), M.DISK_FULL, True, False),
        (OSError(errno.EROFS, "Read-only file system"), M.READ_ONLY, False, True),
        (PermissionError(errno.EACCES, "Permission denied"), M.READ_ONLY, False, True),
        (OSError(errno.EIO, "Input/output error"), M.IO_ERROR, False, False),
    ],
)
def test_errors_without_a_code_are_read_by_their_words_or_errno(
    raw: sqlite3.Error | OSError, template: str, disk_full: bool, read_only: bool
) -> None:
    err = store_error_from(raw, Path("/data/jobs.db"))
    assert (err.template, err.disk_full, err.read_only) == (template, disk_full, read_only)
    assert err.message == template.format(path="/data/jobs.db")


def test_unknown_failures_keep_the_original_words() -> None:
    err = store_error_from(
        sqlite3.ProgrammingError("Cannot operate on a closed database."), Path("/data/jobs.db")
    )
    assert err.template == M.OTHER
    assert err.params == {"path": "/data/jobs.db", "error": "Cannot operate on a closed database."}
    assert "Cannot operate on a closed database." in err.message
    assert not err.disk_full
    assert not err.read_only


def test_make_keeps_template_and_params_for_translation() -> None:
    err = StoreError.make(M.CANNOT_OPEN, path=Path("/x/jobs.db"), error="unable to open")
    assert err.template == M.CANNOT_OPEN
    assert err.params == {"path": "/x/jobs.db", "error": "unable to open"}
    assert err.message == str(err) == M.CANNOT_OPEN.format(**err.params)
    assert (err.disk_full, err.read_only, err.code) == (False, False, "")
    plain = StoreError("Just words")
    assert (plain.template, plain.params) == ("Just words", {})


# --- every public method ---------------------------------------------------------------------


class FlakyConnection(sqlite3.Connection):
    """A real connection that fails every statement with `failure` once it is set."""

    failure: sqlite3.Error | None = None

    def execute(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.failure is not None:
            raise self.failure
        return super().execute(*args, **kwargs)

    def executemany(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.failure is not None:
            raise self.failure
        return super().executemany(*args, **kwargs)


CALLS: dict[str, Callable[[JobStore, int], object]] = {
    "add_submitting": lambda s, _j: submit(s),
    "add_tracked": lambda s, _j: s.add_tracked(profile="work", persistent_id="z0.new"),
    "mark_submitted": lambda s, j: s.mark_submitted(j, "z0.1"),
    "mark_failed": lambda s, j: s.mark_failed(j, "no"),
    "mark_submit_failed": lambda s, j: s.mark_submit_failed(j, "no"),
    "mark_unresolved": lambda s, j: s.mark_unresolved(j, "maybe"),
    "apply_status": lambda s, j: s.apply_status(j, make_status("z0.1", 0)),
    "apply_statuses": lambda s, j: s.apply_statuses([(j, make_status("z0.1", 0))]),
    "recover_interrupted": lambda s, _j: s.recover_interrupted(),
    "discard": lambda s, j: s.discard(j),
    "remove": lambda s, j: s.remove([j]),
    "restore": lambda s, j: s.restore([r for r in [s.get(j)] if r is not None] or []),
    "retried_among": lambda s, j: s.retried_among([j]),
    "get": lambda s, j: s.get(j),
    "get_by_persistent_id": lambda s, _j: s.get_by_persistent_id("work", "z0.1"),
    "jobs": lambda s, _j: s.jobs(),
    "jobs_for_source": lambda s, _j: s.jobs_for_source("work", "src", "in/a.mp4"),
    "active": lambda s, _j: s.active(),
    "batch": lambda s, _j: s.batch("b1"),
    "counts": lambda s, _j: s.counts("work"),
    "pipeline_stats": lambda s, _j: s.pipeline_stats("work", since=0.0),
    "set_verification": lambda s, j: s.set_verification(j, "verified", "{}"),
    "reset_verification": lambda s, j: s.reset_verification([j]),
    "unverified_done": lambda s, _j: s.unverified_done(),
    "jobs_writing_to": lambda s, _j: s.jobs_writing_to("work", "out", [JobState.DONE]),
}
OPENING = {"open", "close"}  # tested on their own below


def test_the_table_covers_every_public_method() -> None:
    public = {n for n, v in vars(JobStore).items() if not n.startswith("_") and callable(v)}
    assert public == set(CALLS) | OPENING, "add the new method to CALLS"


@pytest.fixture
def flaky(tmp_path: Path) -> Iterator[tuple[JobStore, FlakyConnection, int]]:
    made: list[FlakyConnection] = []

    def opener(uri: str) -> sqlite3.Connection:
        con = sqlite3.connect(uri, uri=True, isolation_level=None, factory=FlakyConnection)
        made.append(con)
        return con

    store = JobStore(tmp_path / "jobs.db", opener=opener)
    job = submit(store)
    yield store, made[-1], job
    made[-1].failure = None
    store.close()


@pytest.mark.parametrize("name", sorted(CALLS))
def test_every_public_method_raises_only_store_error(
    tmp_path: Path, flaky: tuple[JobStore, FlakyConnection, int], name: str
) -> None:
    store, con, job = flaky
    con.failure = failure = _real_full_error(tmp_path)  # what sqlite raises on a full disk
    with pytest.raises(StoreError) as caught:
        CALLS[name](store, job)
    assert caught.value.__cause__ is failure
    assert caught.value.disk_full
    assert caught.value.template == M.DISK_FULL
    con.failure = None
    assert store.get(job) is not None  # nothing was changed and the store still works


def test_a_missing_row_is_still_a_key_error(tmp_path: Path) -> None:
    store = JobStore(tmp_path / "jobs.db")
    with pytest.raises(KeyError):
        store.mark_submitted(12345, "z0.x")
    store.close()


def test_close_marks_the_store_closed_even_when_sqlite_fails(
    flaky: tuple[JobStore, FlakyConnection, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, con, _job = flaky
    failure = sqlite3.OperationalError("disk I/O error")

    def broken_close() -> None:
        raise failure

    monkeypatch.setattr(con, "close", broken_close)
    with pytest.raises(StoreError) as caught:
        store.close()
    assert caught.value.template == M.IO_ERROR
    with pytest.raises(StoreError) as closed:
        store.jobs()
    assert closed.value.template == M.CLOSED
    monkeypatch.undo()
    con.close()


def test_open_raises_store_error_not_sqlite_error(tmp_path: Path) -> None:
    """A failure opening a healthy file that waiting may fix is reported, not swallowed."""
    path = tmp_path / "jobs.db"
    populated(path, n=2)

    def opener(uri: str) -> sqlite3.Connection:
        con = sqlite3.connect(uri, uri=True, isolation_level=None, factory=FlakyConnection)
        if "mode=rwc" in uri:
            con.failure = sqlite3.OperationalError("database schema has changed")
        return con

    with pytest.raises(StoreError) as caught:
        JobStore(path, opener=opener).open()
    assert caught.value.template == M.OTHER
    assert "database schema has changed" in caught.value.message
    assert JobStore(path).open().status is StoreStatus.OK  # the file was not set aside


# --- disk full -------------------------------------------------------------------------------


def test_disk_full_is_reported_and_nothing_half_written(tmp_path: Path) -> None:
    """`max_page_count` makes sqlite hit SQLITE_FULL exactly as a full disk does."""
    path = tmp_path / "jobs.db"
    populated(path, n=1)

    def tight(uri: str) -> sqlite3.Connection:
        con = connect_uri(uri)
        if "mode=rwc" in uri:
            pages = con.execute("PRAGMA page_count").fetchone()[0]
            con.execute(f"PRAGMA max_page_count = {pages + 4}")
        return con

    store = JobStore(path, opener=tight)
    assert store.open().status is StoreStatus.OK
    written: list[int] = []
    with pytest.raises(StoreError) as full:  # noqa: PT012 - fill until the disk is "full"
        for i in range(1000):
            written.append(submit(store, key=f"in/{i:04d}-" + "x" * 3000))
    assert full.value.disk_full
    assert not full.value.read_only
    assert full.value.message == M.DISK_FULL.format(path=path)
    assert isinstance(full.value.__cause__, sqlite3.OperationalError)
    assert 0 < len(written) < 1000
    assert sorted(r.id for r in store.jobs())[1:] == written  # reads work, no half-written row
    with pytest.raises(StoreError) as again:
        store.mark_failed(written[0], "x" * 100_000)
    assert again.value.disk_full
    assert store.get(written[0]).error == ""  # type: ignore[union-attr]
    store.close()
    roomy = JobStore(path)  # space freed: writing works again
    assert roomy.get(submit(roomy)) is not None
    roomy.close()
