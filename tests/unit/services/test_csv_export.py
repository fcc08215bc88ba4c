"""Jobs CSV: same columns as before, cells that cannot run as formulas, bad text written safely,
write failures as CsvExportError with no partial file left."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.services.csv_export import (
    FORMULA_STARTS,
    HEADER,
    CsvExportError,
    export_jobs_csv,
    job_row,
    safe_cell,
)


def record(**kw: object) -> JobRecord:
    fields: dict[str, object] = dict(
        id=7,
        profile="demo",
        bucket="media",
        key="clips/a.mov",
        fops=("avthumb/mp4|saveas/eA==",),
        presets=("MP4 H.264 720p", "MP4 H.264 720p", "JPG thumbnail"),
        outputs=("clips/a_720p.mp4", "clips/a.jpg"),
        output_bucket="out",
        pipeline="video",
        batch_id="b1",
        state=JobState.DONE,
        persistent_id="z0.pid7",
        force=False,
        notify_url="",
        type=0,
        submitted_at=1_700_000_000.0,
        updated_at=1_700_000_100.0,
        started_at=None,
        finished_at=1_700_000_042.4,
        status_json=None,
        error="",
        retry_of=3,
    )
    fields.update(kw)
    return JobRecord(**fields)  # type: ignore[arg-type]


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_plain_record_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "jobs.csv"
    assert export_jobs_csv(path, [record(), record(id=8, persistent_id=None, retry_of=None)]) == 2
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM for 中文
    first, second = read_rows(path)
    assert list(first) == list(HEADER)
    assert first["job_id"] == "z0.pid7"
    assert first["presets"] == "MP4 H.264 720p | JPG thumbnail"
    assert first["outputs"] == "clips/a_720p.mp4 | clips/a.jpg"
    assert first["took_seconds"] == "42"
    assert first["retry_of"] == "3"
    assert first["finished"].startswith("2023-11-14T")
    assert (second["job_id"], second["retry_of"]) == ("", "")
    assert not (tmp_path / "jobs.csv.part").exists()


@pytest.mark.parametrize(
    ("key", "cell"),
    [
        ("=cmd|' /C calc'!A0.mp4", "'=cmd|' /C calc'!A0.mp4"),
        ("+1+1.mp4", "'+1+1.mp4"),
        ("-2.mp4", "'-2.mp4"),
        ("@SUM(A1).mp4", "'@SUM(A1).mp4"),
        ("\tx.mp4", "'\tx.mp4"),
        ("\rx.mp4", "'\rx.mp4"),
        ("a=b.mp4", "a=b.mp4"),  # only the first character matters
        ("'quoted.mp4", "'quoted.mp4"),
    ],
)
def test_formula_cells_are_neutralised(tmp_path: Path, key: str, cell: str) -> None:
    path = tmp_path / "jobs.csv"
    export_jobs_csv(path, [record(key=key, error=key, outputs=(key,), pipeline=key)])
    [row] = read_rows(path)
    assert row["file"] == row["error"] == row["outputs"] == row["pipeline"] == cell


def test_hostile_keys_in_every_column(tmp_path: Path) -> None:
    path = tmp_path / "jobs.csv"
    keys = [
        "../x.mp4",
        "a/./b.txt",
        "%#?.txt",
        "视频/😀 a+b.mp4",
        'say "hi", ok.mp4',
        "multi\nline\r\nkey.mp4",
    ]
    export_jobs_csv(path, [record(id=i, key=k, outputs=(k,)) for i, k in enumerate(keys, 1)])
    rows = read_rows(path)
    assert [r["file"] for r in rows] == keys  # kept exactly, quoted by the csv module
    assert [r["outputs"] for r in rows] == keys


def test_lone_surrogates_and_controls_are_escaped(tmp_path: Path) -> None:
    path = tmp_path / "jobs.csv"
    rec = record(key="clip\udcff.mov", error="bad\x00byte \x1b[31mred\x7f", outputs=("o\udc80",))
    export_jobs_csv(path, [rec])
    path.read_bytes().decode("utf-8")  # valid UTF-8 throughout
    [row] = read_rows(path)
    assert row["file"] == "clip\\udcff.mov"
    assert row["outputs"] == "o\\udc80"
    assert row["error"] == "bad\\x00byte \\x1b[31mred\\x7f"


def test_job_row_cells_are_safe() -> None:
    row = job_row(record(key="=1+1", error="-x\udcff"))
    assert row[4] == "'=1+1"
    assert row[12] == "'-x\\udcff"


@given(st.text())
def test_every_cell_is_safe(text: str) -> None:
    cell = safe_cell(text)
    cell.encode("utf-8")
    assert not cell.startswith(FORMULA_STARTS)
    assert not any(ord(c) < 0x20 and c not in "\t\n\r" for c in cell)
    if text.isprintable() and not text.startswith(FORMULA_STARTS):
        assert cell == text


def test_write_failure_is_a_clear_error_and_leaves_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "jobs.csv"
    with pytest.raises(CsvExportError) as info:
        export_jobs_csv(missing, [record()])
    err = info.value
    assert err.path == missing
    assert str(missing) in err.message
    assert err.reason
    assert err.template.format(**err.params) == err.message
    assert isinstance(err.__cause__, OSError)


def test_failure_while_replacing_removes_the_part_file(tmp_path: Path) -> None:
    target = tmp_path / "jobs.csv"
    target.mkdir()  # a folder cannot be replaced by a file
    (target / "keep").write_text("x")
    with pytest.raises(CsvExportError):
        export_jobs_csv(target, [record()])
    assert not (tmp_path / "jobs.csv.part").exists()
    assert (target / "keep").read_text() == "x"


def test_failure_in_the_records_removes_the_part_file(tmp_path: Path) -> None:
    def records() -> object:
        yield record()
        raise RuntimeError("store closed")

    with pytest.raises(RuntimeError, match="store closed"):
        export_jobs_csv(tmp_path / "jobs.csv", records())  # type: ignore[arg-type]
    assert os.listdir(tmp_path) == []
