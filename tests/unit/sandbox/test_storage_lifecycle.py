"""Storage schema v2: an old database opens with its data, and the clock-driven object states
(deleteAfterDays expiry, archive restore window) and metadata merging behave as documented."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from qfopgui.sandbox.storage import RESTORE_SECONDS, MetadataTooLargeError, Storage

DAY = 86400
V1_OBJECTS = (
    "CREATE TABLE objects (bucket TEXT NOT NULL, key TEXT NOT NULL,"
    " fsize INTEGER NOT NULL, hash TEXT NOT NULL, mime_type TEXT NOT NULL,"
    " put_time INTEGER NOT NULL, type INTEGER NOT NULL DEFAULT 0,"
    " status INTEGER NOT NULL DEFAULT 0, end_user TEXT NOT NULL DEFAULT '',"
    " file TEXT NOT NULL, PRIMARY KEY (bucket, key)) WITHOUT ROWID"
)


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def storage(tmp_path: Path, clock: Clock) -> Iterator[Storage]:
    s = Storage(tmp_path / "data", clock=clock)
    s.create_bucket("b")
    yield s
    s.close()


def _make_v1_db(data: Path) -> None:
    """A database exactly as schema version 1 wrote it, with one bucket and one object."""
    (data / "objects" / "ab").mkdir(parents=True)
    (data / "objects" / "ab" / "abc-1").write_bytes(b"old bytes")
    db = sqlite3.connect(data / "meta.sqlite")
    db.execute(
        "CREATE TABLE buckets (name TEXT PRIMARY KEY, private INTEGER NOT NULL,"
        " region TEXT NOT NULL, ctime INTEGER NOT NULL)"
    )
    db.execute(V1_OBJECTS)
    db.execute("CREATE TABLE trash (path TEXT PRIMARY KEY)")
    db.execute("CREATE TABLE kv (name TEXT PRIMARY KEY, value TEXT)")
    db.execute("INSERT INTO buckets VALUES ('old', 1, 'z1', 1600000000)")
    db.execute(
        "INSERT INTO objects VALUES ('old', 'k.txt', 9, 'Fhash', 'text/plain',"
        " 16000000000000000, 1, 1, 'eu', 'objects/ab/abc-1')"
    )
    db.execute("INSERT INTO kv VALUES ('demo', 'seeded')")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()


def test_old_schema_db_opens_with_data_intact(tmp_path: Path) -> None:
    data = tmp_path / "old"
    _make_v1_db(data)
    s = Storage(data)
    try:
        obj = s.stat("old", "k.txt")
        assert obj is not None
        assert (obj.fsize, obj.hash, obj.mime_type, obj.type, obj.status, obj.end_user) == (
            9,
            "Fhash",
            "text/plain",
            1,
            1,
            "eu",
        )
        assert obj.put_time == 16000000000000000
        assert obj.path.read_bytes() == b"old bytes"
        assert (dict(obj.meta), obj.restore_status, obj.expiration) == ({}, 0, 0)
        bucket = s.bucket("old")
        assert bucket is not None
        assert (bucket.private, bucket.region) == (True, "z1")
        assert s.get_meta("demo") == "seeded"
        assert [o.key for o in s.list("old").items] == ["k.txt"]
        assert s.change_meta("old", "k.txt", {"a": "1"})
        assert s.set_expiration("old", "k.txt", 2)
    finally:
        s.close()
    db = sqlite3.connect(data / "meta.sqlite")
    assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    db.close()
    reopened = Storage(data)  # already current: opens without migrating again
    try:
        again = reopened.stat("old", "k.txt")
        assert again is not None
        assert dict(again.meta) == {"a": "1"}
        assert again.expiration > 0
    finally:
        reopened.close()


def test_expired_object_disappears_with_its_file(storage: Storage, clock: Clock) -> None:
    obj = storage.put_bytes("b", "gone.txt", b"x")
    storage.put_bytes("b", "kept.txt", b"y")
    assert storage.set_expiration("b", "gone.txt", 1)
    stat = storage.stat("b", "gone.txt")
    assert stat is not None
    assert stat.expiration == int(clock.now + DAY)
    assert obj.put_time == int(clock.now * 10_000_000)  # upload time comes from the clock too
    clock.now += DAY
    assert [o.key for o in storage.list("b").items] == ["kept.txt"]
    assert storage.stat("b", "gone.txt") is None
    assert not obj.path.exists()
    assert storage.bucket_usage("b") == (1, 1)
    assert not storage.set_expiration("b", "gone.txt", 1)


def test_expiration_is_cancelled_by_zero_and_by_replacing(storage: Storage, clock: Clock) -> None:
    storage.put_bytes("b", "k", b"x")
    storage.set_expiration("b", "k", 1)
    storage.set_expiration("b", "k", 0)
    storage.set_expiration("b", "r", 1)  # absent: nothing happens
    clock.now += 2 * DAY
    assert storage.stat("b", "k") is not None
    storage.set_expiration("b", "k", 1)
    storage.put_bytes("b", "k", b"new")  # a new version starts without an expiry
    clock.now += 2 * DAY
    assert storage.stat("b", "k") is not None


def test_restore_window_restoring_restored_frozen(storage: Storage, clock: Clock) -> None:
    storage.put_bytes("b", "ar", b"x", file_type=2)
    obj = storage.stat("b", "ar")
    assert obj is not None
    assert (obj.restore_status, obj.readable) == (0, False)
    assert storage.restore("b", "ar", 1)
    assert storage.stat("b", "ar").restore_status == 1  # type: ignore[union-attr]
    clock.now += RESTORE_SECONDS
    restored = storage.stat("b", "ar")
    assert restored is not None
    assert (restored.restore_status, restored.readable) == (2, True)
    assert storage.restore("b", "ar", 3)  # extending keeps it readable
    assert storage.stat("b", "ar").restore_status == 2  # type: ignore[union-attr]
    clock.now += 3 * DAY
    assert storage.stat("b", "ar").restore_status == 0  # type: ignore[union-attr]
    storage.restore("b", "ar", 1)
    clock.now += RESTORE_SECONDS
    storage.update_fields("b", "ar", type=3)  # a new archive type starts frozen
    assert storage.stat("b", "ar").restore_status == 0  # type: ignore[union-attr]
    assert not storage.restore("b", "missing", 1)


def test_change_meta_merges_removes_and_keeps_the_limit(storage: Storage) -> None:
    storage.put_bytes("b", "m", b"x", meta={"a": "1", "b": "2"})
    assert storage.change_meta("b", "m", {"b": "", "c": "3"}, mime_type="text/x")
    obj = storage.stat("b", "m")
    assert obj is not None
    assert dict(obj.meta) == {"a": "1", "c": "3"}
    assert obj.mime_type == "text/x"
    with pytest.raises(MetadataTooLargeError):
        storage.change_meta("b", "m", {"big": "v" * 2000})
    assert dict(storage.stat("b", "m").meta) == {"a": "1", "c": "3"}  # type: ignore[union-attr]
    with pytest.raises(MetadataTooLargeError):
        storage.put_bytes("b", "n", b"x", meta={"big": "v" * 2000})
    assert storage.stat("b", "n") is None
    assert not storage.change_meta("b", "missing", {"a": "1"})
