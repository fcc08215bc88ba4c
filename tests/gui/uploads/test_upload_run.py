"""The overall figures of a run of uploads, and when a run ends."""

from __future__ import annotations

from dataclasses import replace

import pytest

from qfopgui.services.upload_types import Transfer, TransferState
from qfopgui.ui.uploads.overall_line import finished_text, overall_text
from qfopgui.ui.uploads.upload_run import UploadRun

pytestmark = pytest.mark.gui  # the texts go through Qt's translate

MB = 1024 * 1024


def tr(i: int, state: TransferState = TransferState.QUEUED, **kw: object) -> Transfer:
    base = Transfer(i, "demo", "media", f"k{i}.mp4", f"/p/{i}", 12 * MB, 0, state)
    return replace(base, **kw)  # type: ignore[arg-type]


def test_overall_line_counts_files_bytes_speed_and_time_left() -> None:
    run = UploadRun()
    assert run.update([tr(i) for i in range(10)]) is None
    run.update(
        [
            tr(0, TransferState.DONE, sent=12 * MB),
            tr(1, TransferState.DONE, sent=12 * MB),
            tr(2, TransferState.DONE, sent=12 * MB),
            tr(3, TransferState.UPLOADING, sent=9 * MB, speed=4.2 * MB),
        ]
    )
    f = run.figures()
    assert (f.files_done, f.files_total, f.active) == (3, 10, 7)
    assert (f.bytes_sent, f.bytes_total) == (45 * MB, 120 * MB)
    assert f.seconds_left == pytest.approx((120 - 45) / 4.2)
    assert overall_text(f) == "3 of 10 files · 45 MB of 120 MB · 4.2 MB/s · about 18 s left"


def test_a_run_ends_when_nothing_is_active_and_says_how_it_went() -> None:
    run = UploadRun()
    run.update([tr(i) for i in range(13)])
    done = [tr(i, TransferState.DONE, sent=12 * MB) for i in range(12)]
    assert run.update(done) is None  # one still queued
    ended = run.update([tr(12, TransferState.FAILED, error="gone")])
    assert ended is not None
    assert finished_text(ended) == "12 files uploaded, 1 failed"
    assert overall_text(ended) == "12 files uploaded, 1 failed"
    assert finished_text(replace(ended, files_done=1, failed=0)) == "1 file uploaded"


def test_skipped_and_cancelled_files_do_not_count_and_a_new_run_starts_fresh() -> None:
    run = UploadRun()
    run.update([tr(1), tr(2), tr(3)])
    run.update([tr(2, TransferState.CANCELLED), tr(3, TransferState.SKIPPED)])
    assert run.figures().files_total == 1
    assert run.update([tr(1, TransferState.DONE, sent=12 * MB)]) is not None
    run.update([tr(9, TransferState.DONE)])  # finished outside a run: not part of one
    assert run.figures().files_total == 1
    run.update([tr(1, TransferState.QUEUED)])  # Retry: a new run
    f = run.figures()
    assert (f.files_done, f.files_total, f.active) == (0, 1, 1)
    run.remove([1])
    assert run.figures().files_total == 0
    assert overall_text(run.figures()) == ""
