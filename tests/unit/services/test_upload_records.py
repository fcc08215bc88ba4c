"""Upload records: what a restart needs to resume (session, parts, transcode plan) survives on
disk; a damaged or newer file is set aside instead of crashing the app."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from qfopgui.services import upload_messages as M
from qfopgui.services.upload_records import (
    MIGRATIONS,
    DonePart,
    NewUpload,
    RecordsError,
    UploadRecords,
)
from qfopgui.services.upload_types import TransferState


def new(key: str = "v/a.mp4", **kw: object) -> NewUpload:
    base: dict[str, object] = {
        "profile": "p",
        "bucket": "bkt",
        "key": key,
        "path": f"/local/{key}",
        "size": 9_000_000,
        "mtime_ns": 123,
        "part_size": 4 * 1024 * 1024,
    }
    base.update(kw)
    return NewUpload(**base)  # type: ignore[arg-type]


def test_a_record_and_its_parts_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "uploads.sqlite3"
    records = UploadRecords(path, clock=lambda: 1000.0)
    health = records.open()
    assert (health.in_memory, health.message) == (False, "")
    (rec,) = records.add(
        [
            new(
                presets=("MP4",),
                fops=("avthumb/mp4|saveas/x",),
                outputs=("v/a_mp4.mp4",),
                pipeline="pipe",
                notify_url="https://example.com/n",
                batch_id="b1",
                overwrite=True,
            )
        ]
    )
    assert rec.state is TransferState.QUEUED
    records.start_session(rec.id, "up-1", 2_000_000_000)
    records.add_part(rec.id, 1, "etag-1", b"\x01" * 20)
    records.add_part(rec.id, 2, "etag-2", None)
    records.update(rec.id, state=TransferState.UPLOADING, job_id=7, resumed=True)
    records.close()

    again = UploadRecords(path)
    (got,) = again.records()
    assert (got.upload_id, got.expire_at, got.state, got.job_id, got.resumed) == (
        "up-1",
        2_000_000_000,
        TransferState.UPLOADING,
        7,
        True,
    )
    assert (got.presets, got.fops, got.outputs) == (
        ("MP4",),
        ("avthumb/mp4|saveas/x",),
        ("v/a_mp4.mp4",),
    )
    assert (got.pipeline, got.notify_url, got.batch_id, got.overwrite) == (
        "pipe",
        "https://example.com/n",
        "b1",
        True,
    )
    assert again.parts(got.id) == {1: DonePart("etag-1", b"\x01" * 20), 2: DonePart("etag-2", None)}
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone() == (len(MIGRATIONS),)
    assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    con.close()
    again.close()


def test_sessions_start_fresh_are_forgotten_and_finish(tmp_path: Path) -> None:
    records = UploadRecords(tmp_path / "u.sqlite3")
    (rec,) = records.add([new()])
    records.start_session(rec.id, "up-1", 0)
    records.add_part(rec.id, 1, "e1", None)
    records.start_session(rec.id, "up-2", 0)  # a new session: the old parts mean nothing
    assert records.parts(rec.id) == {}
    records.add_part(rec.id, 1, "e1", None)
    forgotten = records.forget_session(rec.id)
    assert (forgotten.upload_id, records.parts(rec.id)) == (None, {})
    records.start_session(rec.id, "up-3", 0)
    records.add_part(rec.id, 1, "e1", None)
    records.update(rec.id, error=M.RESUMABLE, error_params={"error": "boom"})
    done = records.finish(rec.id, "etag-of-file")
    assert (done.state, done.upload_id, done.file_etag, done.error) == (
        TransferState.DONE,
        None,
        "etag-of-file",
        "",
    )
    assert records.parts(rec.id) == {}
    records.close()


def test_error_and_note_templates_are_kept_with_their_params(tmp_path: Path) -> None:
    records = UploadRecords(tmp_path / "u.sqlite3")
    (rec,) = records.add(
        [new(state=TransferState.FAILED, error=M.CANNOT_PLAN, error_params={"problem": "x"})]
    )
    assert (rec.state, rec.error, dict(rec.error_params)) == (
        TransferState.FAILED,
        M.CANNOT_PLAN,
        {"problem": "x"},
    )
    upd = records.update(rec.id, note=M.RESUMED, note_params={"parts": "2", "total": "5"})
    assert (upd.note, dict(upd.note_params)) == (M.RESUMED, {"parts": "2", "total": "5"})
    records.close()


def test_bad_updates_and_missing_records(tmp_path: Path) -> None:
    records = UploadRecords(tmp_path / "u.sqlite3")
    (rec,) = records.add([new()])
    with pytest.raises(ValueError, match="not updatable"):
        records.update(rec.id, upload_id="x")
    with pytest.raises(KeyError):
        records.update(999, state=TransferState.DONE)
    assert records.get(999) is None
    records.remove([rec.id])
    assert records.records() == []
    records.close()
    with pytest.raises(RecordsError):
        records.records()


def test_a_damaged_file_is_set_aside_and_a_fresh_one_started(tmp_path: Path) -> None:
    path = tmp_path / "uploads.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    records = UploadRecords(path)
    health = records.open()
    assert health.template == M.RECORDS_SET_ASIDE
    assert health.backup is not None
    assert health.backup.read_bytes().startswith(b"this is not")
    assert str(health.backup) in health.message
    (rec,) = records.add([new()])
    assert records.get(rec.id) is not None
    records.close()


def test_a_file_from_a_newer_version_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "uploads.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE future (x)")
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    records = UploadRecords(path)
    assert records.open().template == M.RECORDS_SET_ASIDE
    assert records.records() == []
    records.close()


def test_no_usable_place_keeps_the_records_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    records = UploadRecords(blocker / "uploads.sqlite3")
    health = records.open()
    assert health.in_memory
    assert health.template == M.RECORDS_IN_MEMORY
    (rec,) = records.add([new()])
    assert records.get(rec.id) is not None
    records.close()
