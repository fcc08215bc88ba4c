"""The uploads controller on a fake service: drop → scan → one question → queue, the service's
reports in the Transfers view, and what its buttons and keys do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from qfopgui.core.presets import BUILTIN_PRESETS
from qfopgui.services.upload_types import ConflictChoice, TransferState
from tests.gui.uploads.conftest import Rig, make_folder
from tests.gui.uploads.fake_uploads import FakeUploads
from tests.helpers.aio import wait_until

pytestmark = pytest.mark.gui

MP4 = "MP4 H.264 720p"
MakeRig = Callable[..., Rig]


async def answer(rig: Rig, button: str = "upload_button", **setup: Any) -> Any:
    """Wait for the upload dialog, optionally change it, press `button`; returns the dialog."""
    await wait_until(
        lambda: rig.controller.dialog is not None and rig.controller.dialog.isVisible()
    )
    d = rig.controller.dialog
    assert d is not None
    if "conflict" in setup:
        assert d.conflicts is not None
        getattr(d.conflicts, setup["conflict"]).click()
    if "presets" in setup:
        d.transcode.setChecked(True)
        model = d.transcode.picker.model
        for row in range(model.rowCount()):
            on = model.item(row).data(Qt.ItemDataRole.UserRole) in setup["presets"]
            model.item(row).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
    d.findChild(type(d.upload_button), button).click()
    return d


def test_a_drop_is_scanned_asked_once_and_queued_into_the_folder_shown(
    qloop: Any, make_rig: MakeRig, tmp_path: Path
) -> None:
    folder = make_folder(tmp_path, {"a.mp4": b"a" * 10, "b.mp4": b"b" * 20, "c.mp4": b"c"})
    rig = make_rig(FakeUploads(existing={"videos/clips/a.mp4", "videos/clips/b.mp4"}))

    async def scenario() -> Any:
        rig.controller.on_dropped([folder])
        d = await answer(rig, conflict="overwrite", presets=[MP4])
        title = d.conflicts.title()
        await wait_until(lambda: rig.uploads.enqueued)
        await wait_until(lambda: rig.shell.badges.get("transfers") == "3")  # 3 queued
        return title

    title = qloop.run_until_complete(scenario())
    assert rig.uploads.scans == [("demo", "media", "videos/", [folder])]
    assert title == "2 files are already there"
    ((_scan, conflicts, transcode),) = rig.uploads.enqueued
    assert conflicts is ConflictChoice.OVERWRITE
    assert transcode is not None
    assert [p.name for p in transcode.presets] == [MP4]
    assert transcode.pipeline == "video-hd"  # the account's default pipeline
    assert rig.controller.remembered.load() == (MP4,)
    assert [t.key for t in rig.controller.model.transfers()] == [
        "videos/clips/a.mp4",
        "videos/clips/b.mp4",
        "videos/clips/c.mp4",
    ]


def test_cancel_in_the_dialog_queues_nothing(qloop: Any, make_rig: MakeRig, tmp_path: Path) -> None:
    folder = make_folder(tmp_path, {"a.mp4": b"a"})
    rig = make_rig()

    async def scenario() -> None:
        rig.controller.on_dropped([folder])
        await answer(rig, button="upload_cancel_button")
        await wait_until(lambda: rig.controller.dialog is None)

    qloop.run_until_complete(scenario())
    assert rig.uploads.enqueued == []
    assert rig.controller.model.rowCount() == 0


def test_upload_files_uses_the_chooser_and_without_a_bucket_says_what_to_do(
    qloop: Any, make_rig: MakeRig, tmp_path: Path
) -> None:
    one = tmp_path / "one.mov"
    one.write_bytes(b"x" * 5)
    rig = make_rig()
    rig.chosen = [one]

    async def scenario() -> None:
        rig.controller.choose_files()
        await answer(rig)
        await wait_until(lambda: rig.uploads.enqueued)
        rig.files.bucket = None
        rig.controller.choose_folder()
        await wait_until(lambda: "Open a bucket" in rig.shell.status.get("uploads", ""))

    qloop.run_until_complete(scenario())
    assert rig.uploads.scans[0][3] == [one]
    assert len(rig.uploads.scans) == 1  # no bucket: nothing scanned


def test_a_failing_scan_is_a_banner_and_nothing_is_asked(
    qloop: Any, make_rig: MakeRig, tmp_path: Path
) -> None:
    uploads = FakeUploads()
    uploads.fail_scan = OSError("the disk went away")
    rig = make_rig(uploads)

    async def scenario() -> None:
        rig.controller.on_dropped([tmp_path])
        await wait_until(lambda: "uploads-scan" in rig.shell.banners)

    qloop.run_until_complete(scenario())
    assert "the disk went away" in rig.shell.banners["uploads-scan"]["text"]
    assert rig.controller.dialog is None


def test_progress_shows_in_the_overall_line_badge_and_status_then_the_end_is_told(
    qloop: Any, make_rig: MakeRig
) -> None:
    MB = 1024 * 1024
    uploads = FakeUploads()
    rig = make_rig(uploads)
    a = uploads.add(size=10 * MB, key="videos/a.mp4")
    b = uploads.add(size=10 * MB, key="videos/b.mp4")
    c = uploads.add(size=10 * MB, key="elsewhere/c.mp4")
    uploads.progress(a.id, 5 * MB, speed=1 * MB)

    async def scenario() -> None:
        await wait_until(lambda: rig.view.overall.isVisible())
        line = rig.view.overall.label.text()
        assert line == "0 of 3 files · 5.0 MB of 30 MB · 1.0 MB/s · about 25 s left"
        assert rig.shell.status["uploads"] == f"Uploading: {line}"
        assert rig.shell.badges["transfers"] == "3"
        uploads.finish(a.id)
        uploads.finish(c.id)
        uploads.fail(b.id, "The connection was lost. Retry continues where it stopped.")
        await wait_until(lambda: rig.shell.badges["transfers"] == "1 failed")

    qloop.run_until_complete(scenario())
    assert rig.shell.status["uploads"] == "2 files uploaded, 1 failed"
    assert rig.shell.banners["uploads-finished"]["text"] == "2 files uploaded, 1 failed"
    # only uploads that are DONE are shown in Files (the controller passes them on; the Files
    # side decides whether the folder shown holds them)
    assert rig.refreshes == [
        ("demo:media", ["videos/a.mp4"]),
        ("demo:media", ["elsewhere/c.mp4"]),
    ]
    assert rig.view.overall.label.text() == "2 files uploaded, 1 failed"
    rig.view.select_ids([b.id])
    rig.view.update_actions()
    assert rig.view.details.text() == (
        "media / videos/b.mp4 · Failed: The connection was lost. Retry continues where it stopped."
    )


def test_buttons_and_keys_cancel_retry_clear_copy_open_and_show_job(
    qloop: Any, qtbot: Any, make_rig: MakeRig
) -> None:
    uploads = FakeUploads()
    rig = make_rig(uploads)
    view = rig.view
    running = uploads.add(key="videos/run.mp4")
    failed = uploads.add(key="videos/bad.mp4", state=TransferState.FAILED, error="no")
    done = uploads.add(key="other/deep/done.mp4", bucket="other", state=TransferState.DONE)
    job = uploads.add(key="videos/job.mp4", state=TransferState.DONE, job_id=42)

    async def scenario() -> None:
        rig.shell.activateWindow()
        await wait_until(rig.shell.isActiveWindow)
        view.table.setFocus()
        view.select_ids([running.id, failed.id])
        qtbot.keyClick(view.table, Qt.Key.Key_Delete)  # Delete = cancel the selected
        await wait_until(lambda: uploads.cancelled == [running.id])
        await wait_until(
            lambda: rig.controller.model.get(running.id).state is TransferState.CANCELLED
        )
        view.update_actions()
        assert view.retry_action.isEnabled()
        view.retry_action.trigger()  # both are retryable now
        await wait_until(lambda: sorted(uploads.retried) == sorted([running.id, failed.id]))
        qtbot.keyClick(view.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        assert len(view.selected_transfers()) == 4
        qtbot.keyClick(view.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        assert QGuiApplication.clipboard().text().splitlines() == [
            "videos/run.mp4",
            "videos/bad.mp4",
            "other/deep/done.mp4",
            "videos/job.mp4",
        ]
        view.select_ids([done.id])
        view.update_actions()
        assert view.open_action.isEnabled()
        assert not view.show_job_action.isEnabled()
        view.open_action.trigger()
        assert (rig.files.bucket, rig.files.prefix) == ("other", "other/deep/")
        assert rig.shell.shown_view == "files"
        view.select_ids([job.id])
        view.update_actions()
        view.show_job_action.trigger()
        assert rig.jobs_shown == [42]
        view.clear_action.trigger()
        await wait_until(lambda: rig.controller.model.rowCount() == 2)

    qloop.run_until_complete(scenario())
    assert {t.key for t in rig.controller.model.transfers()} == {"videos/run.mp4", "videos/bad.mp4"}


def test_retry_failed_and_cancel_all_act_on_every_matching_row(
    qloop: Any, make_rig: MakeRig
) -> None:
    uploads = FakeUploads()
    rig = make_rig(uploads)
    a = uploads.add(state=TransferState.FAILED, error="x")
    b = uploads.add(state=TransferState.UPLOADING, sent=5)
    c = uploads.add(state=TransferState.QUEUED)
    uploads.add(state=TransferState.DONE)

    async def scenario() -> None:
        rig.view.update_actions()
        rig.view.retry_failed_action.trigger()
        await wait_until(lambda: uploads.retried == [a.id])
        rig.view.cancel_all_action.trigger()
        await wait_until(lambda: sorted(uploads.cancelled) == sorted([a.id, b.id, c.id]))

    qloop.run_until_complete(scenario())


def test_open_in_files_of_another_account_says_to_switch(make_rig: MakeRig) -> None:
    uploads = FakeUploads()
    rig = make_rig(uploads)
    t = uploads.add(profile="work", state=TransferState.DONE)
    rig.controller.open_in_files(t)
    assert "“work”" in rig.shell.status["uploads"]
    assert rig.shell.shown_view is None


def test_presets_of_the_library_are_offered(qloop: Any, make_rig: MakeRig, tmp_path: Path) -> None:
    folder = make_folder(tmp_path, {"a.mp4": b"a"})
    rig = make_rig()
    rig.controller.presets_provider = lambda: BUILTIN_PRESETS[:2]

    async def scenario() -> int:
        rig.controller.on_dropped([folder])
        d = await answer(rig, button="upload_cancel_button")
        return d.transcode.picker.model.rowCount()

    assert qloop.run_until_complete(scenario()) == 2


def test_a_damaged_uploads_file_is_told_in_a_banner(make_rig: MakeRig) -> None:
    from qfopgui.services.upload_messages import RECORDS_SET_ASIDE

    rig = make_rig(FakeUploads())
    params = {"path": "/data/uploads.sqlite3", "backup": "/data/uploads.sqlite3.damaged-1"}
    rig.controller.on_records_problem(RECORDS_SET_ASIDE, params)
    banner = rig.shell.banners["uploads-records"]
    assert banner["level"] == "warning"
    assert "/data/uploads.sqlite3.damaged-1" in banner["text"]
