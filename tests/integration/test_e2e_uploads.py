"""Acceptance: uploads through the real app on the real sandbox — a dropped folder with files
that cannot go up, and an upload that transcodes itself into a job of the Jobs view.

Everything runs for real: the composition root, the Files view with its drop target, the
upload dialog, the upload service with its records, the submitter and poller, and the sandbox
with its ffmpeg. The drop is a real `QDropEvent` carrying local file URLs.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
from pathlib import Path
from typing import Any

import imageio_ffmpeg
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from qfopgui.core.jobs import JobState
from qfopgui.services.upload_types import TransferState
from qfopgui.ui.uploads.upload_dialog import UploadDialog
from tests.helpers.aio import wait_until
from tests.integration.app_harness import (
    DEMO,
    RunningApp,
    new_basedir,
    open_folder,
    running_app,
    stored_path,
    wait_states,
)

pytestmark = [pytest.mark.integration, pytest.mark.gui, pytest.mark.slow]

MP4_720P = "MP4 H.264 720p"
ACTIONS = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction


def drop_paths(widget: QWidget, *paths: Path) -> None:
    """What a file manager does when the user drops these on `widget`."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(30, 30), ACTIONS, mime, buttons, mods)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    assert enter.dropAction() == Qt.DropAction.CopyAction
    dropped = QDropEvent(QPointF(30, 30), ACTIONS, mime, buttons, mods)
    QApplication.sendEvent(widget, dropped)
    assert dropped.isAccepted()


async def upload_dialog(app: RunningApp) -> UploadDialog:
    c = app.uploads
    await wait_until(lambda: c.dialog is not None and c.dialog.isVisible(), timeout=20)
    assert c.dialog is not None
    return c.dialog


def done_transfers(app: RunningApp) -> list[Any]:
    return [t for t in app.uploads.model.transfers() if t.state is TransferState.DONE]


def small_video(path: Path) -> None:
    exe = imageio_ffmpeg.get_ffmpeg_exe()
    args = ["-f", "lavfi", "-i", "testsrc=size=640x360:rate=10", "-t", "1"]
    args += ["-c:v", "libx264", "-pix_fmt", "yuv420p", str(path)]
    subprocess.run([exe, "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


def test_a_dropped_folder_uploads_what_it_can_and_says_why_not_the_rest(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, seeded_sandbox_dir: Path
) -> None:
    base = new_basedir(seeded_sandbox_dir, tmp_path / "app")
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "first.mp4").write_bytes(os.urandom(3000))
    (folder / "second.txt").write_bytes(b"notes " * 100)
    (folder / "empty.mp4").write_bytes(b"")
    other = folder / "locked.mp4"
    if os.geteuid() == 0:  # root reads a chmod 000 file anyway: a symlink is the 2nd problem
        other = folder / "link.mp4"
        other.symlink_to(folder / "first.mp4")
        why_not = "link.mp4 — Symbolic link, not followed"
    else:
        other.write_bytes(b"secret")
        other.chmod(0)
        why_not = "locked.mp4 — Cannot be read:"

    async def scenario() -> dict[str, Any]:
        async with running_app(base) as app:
            await open_folder(app, DEMO, "videos/")
            fv = app.files
            assert app.window.toolbar.upload_action.isEnabled()
            drop_paths(fv.table.viewport(), folder)
            dialog = await upload_dialog(app)
            got = {
                "summary": dialog.summary.text(),
                "problems_title": dialog.problems.title.text(),
                "problems": dialog.problems.lines(),
            }
            dialog.upload_button.click()
            await wait_until(lambda: len(done_transfers(app)) == 2, timeout=30)
            # the Files view shows the new folder without anyone pressing Refresh
            await wait_until(
                lambda: any(
                    fv.model.key_at(r) == "videos/batch/" for r in range(fv.model.rowCount())
                ),
                timeout=10,
            )
            await wait_until(lambda: app.window.status_text("uploads") == "2 files uploaded")
            app.window.show_view("transfers")
            got["keys"] = sorted(t.key for t in done_transfers(app))
            got["stored"] = {
                k: stored_path(app.server, DEMO, k).stat().st_size for k in got["keys"]
            }
            got["overall"] = app.uploads.view.overall.label.text()
            got["nav"] = app.window.nav.item(app.window.nav.count() - 1).toolTip()
            return got

    got = qloop.run_until_complete(scenario())
    assert got["summary"] == "Upload 2 files (3.5 KB) to demo / videos/."
    assert got["problems_title"] == "2 files will not be uploaded:"
    lines = sorted(got["problems"])
    assert lines[0] == "batch/empty.mp4 — Empty (0 bytes), not uploaded"
    assert lines[1].startswith(f"batch/{why_not}")
    assert got["keys"] == ["videos/batch/first.mp4", "videos/batch/second.txt"]
    assert got["stored"] == {"videos/batch/first.mp4": 3000, "videos/batch/second.txt": 600}
    assert got["overall"] == "2 files uploaded"
    assert got["nav"] == "Transfers (Ctrl+5)"


def test_transcode_on_upload_makes_a_job_that_reaches_done(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, seeded_sandbox_dir: Path
) -> None:
    base = new_basedir(seeded_sandbox_dir, tmp_path / "app")
    clip = tmp_path / "clip.mp4"
    small_video(clip)

    async def scenario() -> dict[str, Any]:
        async with running_app(base) as app:
            await open_folder(app, DEMO, "videos/")
            drop_paths(app.files.table.viewport(), clip)
            dialog = await upload_dialog(app)
            box = dialog.transcode
            box.setChecked(True)
            model = box.picker.model
            for row in range(model.rowCount()):
                on = model.item(row).data(Qt.ItemDataRole.UserRole) == MP4_720P
                model.item(row).setCheckState(
                    Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
                )
            dialog.upload_button.click()
            await wait_until(
                lambda: any(t.job_id is not None for t in done_transfers(app)), timeout=30
            )
            (t,) = done_transfers(app)
            assert t.job_id is not None
            (record,) = await wait_states(app, [t.job_id], {JobState.DONE}, timeout=60)
            # the batch is reported like one sent by Transcode… (banner with its links)
            await wait_until(lambda: app.window.banners.banner("batches") is not None, timeout=10)
            banner = app.window.banners.banner("batches").text
            # "Show job": Jobs with the job selected
            view = app.uploads.view
            app.window.show_view("transfers")
            view.select_ids([t.id])
            view.show_job_action.trigger()
            current = app.jobs_view.current_record()
            return {
                "key": t.key,
                "presets": t.presets,
                "record": record,
                "view": app.window.current_view(),
                "selected": current.id if current is not None else None,
                "remembered": app.ctx.settings.get("uploads/presets"),
                "banner": banner,
            }

    got = qloop.run_until_complete(scenario())
    assert got["key"] == "videos/clip.mp4"
    assert got["presets"] == (MP4_720P,)
    assert got["record"].key == "videos/clip.mp4"
    assert got["record"].presets == (MP4_720P,)
    assert got["view"] == "jobs"
    assert got["selected"] == got["record"].id
    assert got["remembered"] == f'["{MP4_720P}"]'
    assert "1 done" in got["banner"], got["banner"]
