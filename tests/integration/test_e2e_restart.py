"""Acceptance: quitting while jobs run loses nothing; the next start follows them to Done.

The app's job store keeps the rows, the poller reloads the active ones, and the sandbox
re-queues its persisted unfinished tasks (its ffmpeg was killed at quit), so the jobs finish
without being submitted again.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from qfopgui.core.jobs import JobState
from qfopgui.paths import Paths
from qfopgui.services.store import JobStore
from qfopgui.ui.jobs.unresolved_dialog import UnresolvedDialog
from tests.helpers.aio import wait_until
from tests.integration.app_harness import (
    CLIP_720P,
    CLIP_VERTICAL,
    DEMO,
    choose_presets_and_submit,
    decode_picture,
    new_basedir,
    open_folder,
    open_transcode,
    probe_video,
    running_app,
    sandbox_task_count,
    select_files,
    stored_path,
    wait_states,
)

pytestmark = [pytest.mark.integration, pytest.mark.gui, pytest.mark.slow]

JPG = "JPG thumbnail"
MP4_1080P = "MP4 H.264 1080p"  # slow enough (upscaling 10 s of 720p) to quit mid-way


def test_jobs_processing_at_quit_resume_and_finish_after_restart(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, seeded_sandbox_dir: Path
) -> None:
    base = new_basedir(seeded_sandbox_dir, tmp_path)

    async def first_run() -> dict[str, Any]:
        # leaving the block quits the app, with ffmpeg still running in the sandbox
        async with running_app(base) as app:
            await open_folder(app, DEMO, "videos/")
            select_files(app, [CLIP_720P, CLIP_VERTICAL])
            dialog = await open_transcode(app)
            await choose_presets_and_submit(dialog, [MP4_1080P])
            await wait_until(lambda: app.window.current_view() == "jobs", timeout=15)
            await wait_until(
                lambda: "Processing" in app.status_words().values(), timeout=30, interval=0.05
            )
            return {
                "records": app.records(),
                "words": app.status_words(),
                "pfops": app.server.hits["pfop"],
            }

    async def second_run() -> dict[str, Any]:
        # no --sandbox this time: the saved (sandbox) account is reopened and starts it
        async with running_app(base, sandbox=False) as app:
            await wait_until(lambda: len(app.records()) == 2, timeout=15)
            shown = app.status_words()
            ids = [r.id for r in app.records()]
            records = await wait_states(app, ids, {JobState.DONE}, timeout=90)
            server = app.server
            return {
                "shown": shown,
                "records": records,
                "words": app.status_words(),
                "pfops": server.hits["pfop"],
                "prefops": server.hits["prefop"],
                "outputs": {r.key: stored_path(server, DEMO, r.outputs[0]) for r in records},
                "sources": {r.key: stored_path(server, DEMO, r.key) for r in records},
                "banners": app.window.banners.keys(),
            }

    before = qloop.run_until_complete(first_run())
    after = qloop.run_until_complete(second_run())

    assert before["pfops"] == 2
    assert all(r.state.is_active for r in before["records"]), before["words"]
    # the same jobs come back, still active, and are followed to the end
    assert sorted(r.id for r in after["records"]) == sorted(r.id for r in before["records"])
    assert set(after["shown"].values()) <= {"Waiting", "Processing"}, after["shown"]
    assert set(after["words"].values()) == {"Done"}
    assert after["pfops"] == 0  # resumed, never submitted again
    assert after["prefops"] >= 2
    for rec in after["records"]:
        old = next(r for r in before["records"] if r.id == rec.id)
        assert rec.persistent_id == old.persistent_id
        status = rec.status()
        assert status is not None
        assert status.code == 0
        _, src_w, src_h, src_duration = probe_video(after["sources"][rec.key])
        codec, w, h, duration = probe_video(after["outputs"][rec.key])
        assert codec == "h264"
        assert w <= 1920
        assert h <= 1080
        assert abs(w / h - src_w / src_h) < 0.01
        assert abs(duration - src_duration) <= 0.2
    assert "jobs-poll" not in after["banners"]  # no scary "checking failed" on a clean restart


def test_quit_while_a_pfop_is_on_the_wire_keeps_that_job(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, seeded_sandbox_dir: Path
) -> None:
    """Quit mid-batch: the file whose request was sent is recorded; the rest is not sent."""
    base = new_basedir(seeded_sandbox_dir, tmp_path)

    async def first_run() -> dict[str, Any]:
        async with running_app(base) as app:
            await open_folder(app, DEMO, "videos/")
            select_files(app, [CLIP_720P, CLIP_VERTICAL])
            dialog = await open_transcode(app)
            app.server.faults.latency_ms = 1500  # a slow server: the quit lands mid-request
            await choose_presets_and_submit(dialog, [JPG])
            await wait_until(lambda: len(app.records()) == 1, timeout=10)
            words = app.status_words()
            server = app.server
        return {"words": words, "pfops": server.hits["pfop"]}

    async def second_run() -> dict[str, Any]:
        async with running_app(base, sandbox=False) as app:
            await wait_until(lambda: len(app.records()) == 1, timeout=15)
            shown = app.status_words()
            (rec,) = app.records()
            settled = {JobState.DONE, JobState.FAILED, JobState.UNRESOLVED}
            (done,) = await wait_states(app, [rec.id], settled, timeout=60)
            return {"shown": shown, "done": done, "pfops": app.server.hits["pfop"]}

    before = qloop.run_until_complete(first_run())
    after = qloop.run_until_complete(second_run())
    assert set(before["words"].values()) == {"Submitting"}
    assert before["pfops"] == 1  # the server accepted the first file; the second never went
    # the accepted job was recorded before the app let go of its store: nothing to decide
    assert set(after["shown"].values()) <= {"Waiting", "Processing", "Done"}, after["shown"]
    assert after["done"].state is JobState.DONE
    assert after["done"].persistent_id
    assert after["done"].key == CLIP_720P
    assert after["pfops"] == 0


# --- a crash between writing the row and sending pfop ------------------------------------------

CRASH_CHILD = r"""
import asyncio, os, sys
from datetime import datetime
from pathlib import Path

from qfopgui.core.plan import plan_job
from qfopgui.core.presets import builtin_preset
from qfopgui.services.store import JobStore
from qfopgui.services.submitter import SubmitItem, SubmitOptions, Submitter

db, profile, bucket, key, pipeline = sys.argv[1:6]


class CrashBeforeSend:
    def pfop(self, *args, **kwargs):
        os._exit(3)  # the process dies after the row is committed, before any request


async def direct(fn):
    return fn()


plan = plan_job(bucket, key, [builtin_preset("JPG thumbnail")], bucket, None, 1, datetime.now())
item = SubmitItem(bucket, key, plan.fops, tuple(o.preset_name for o in plan.outputs),
                  tuple(o.output_key for o in plan.outputs), bucket)
submitter = Submitter(store=JobStore(Path(db)), run_store=direct,
                      client_for=lambda _p: CrashBeforeSend(), run_blocking=direct,
                      on_created=lambda _r: None, on_updated=lambda _r: None)
asyncio.run(submitter.submit(profile, [item], SubmitOptions(pipeline=pipeline)))
sys.exit(0)  # not reached
"""


def crash_while_submitting(db: Path, profile: str, key: str, pipeline: str) -> None:
    """The real Submitter and JobStore in a process that dies right before pfop goes out."""
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        [sys.executable, "-c", CRASH_CHILD, str(db), profile, DEMO, key, pipeline],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 3, proc.stderr


def test_crash_before_pfop_leaves_a_job_that_needs_a_decision(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, seeded_sandbox_dir: Path
) -> None:
    base = new_basedir(seeded_sandbox_dir, tmp_path)

    async def first_run() -> Any:
        # a first start creates the sandbox account, as `qfopgui --sandbox` does
        async with running_app(base) as app:
            await open_folder(app, DEMO, "videos/")
            return app.window.current_profile()

    profile = qloop.run_until_complete(first_run())
    paths = Paths.under(base)
    tasks_before = sandbox_task_count(paths)
    for key in (CLIP_VERTICAL, CLIP_720P):
        crash_while_submitting(paths.jobs_db, profile.name, key, profile.default_pipeline)

    async def second_run() -> dict[str, Any]:
        async with running_app(base, sandbox=False) as app:
            await wait_until(lambda: len(app.records()) == 2, timeout=15)
            await wait_until(lambda: app.window.banners.banner("jobs-unresolved") is not None)
            shown = {
                "words": app.status_words(),
                "records": app.records(),
                "banner": app.window.banners.banner("jobs-unresolved").text,
            }
            await wait_until(lambda: app.ctx.sandbox.running, timeout=30)
            await asyncio.sleep(2.5)  # the poller and the sandbox had time to act on their own
            shown["pfops_idle"] = app.server.hits["pfop"]
            shown["tasks_idle"] = sandbox_task_count(paths)

            # the user opens the banner's "Decide…", submits one again and discards the other
            app.window.banners.banner("jobs-unresolved").action_button.click()
            dialog = app.window.findChild(UnresolvedDialog)
            await wait_until(lambda: dialog is not None and dialog.isVisible())
            by_key = {r.key: r for r in shown["records"]}
            pick(dialog, by_key[CLIP_VERTICAL].id)
            dialog.resubmit_button.click()
            again = by_key[CLIP_VERTICAL]
            await wait_until(lambda: any(r.retry_of == again.id for r in app.records()), timeout=15)
            (new,) = [r for r in app.records() if r.retry_of == again.id]
            (done,) = await wait_states(app, [new.id], {JobState.DONE}, timeout=60)
            await wait_until(lambda: len(dialog.records()) == 1)
            pick(dialog, by_key[CLIP_720P].id)
            dialog.discard_button.click()
            await wait_until(lambda: app.jobs_model.get(by_key[CLIP_720P].id) is None)
            await wait_until(lambda: app.window.banners.banner("jobs-unresolved") is None)
            return {
                **shown,
                "done": done,
                "old": app.jobs_model.get(again.id),
                "dialog_open": dialog.isVisible(),
                "pfops": app.server.hits["pfop"],
                "jpg": decode_picture(stored_path(app.server, DEMO, done.outputs[0])),
                "final": app.records(),
            }

    got = qloop.run_until_complete(second_run())
    # the interrupted jobs are kept and shown as needing a decision, never sent by themselves
    assert set(got["words"].values()) == {"Needs decision"}
    assert {r.key for r in got["records"]} == {CLIP_VERTICAL, CLIP_720P}
    assert all(r.persistent_id is None for r in got["records"])
    assert all(r.fops and r.outputs for r in got["records"])
    assert got["banner"] == "2 submissions need your decision"
    assert got["pfops_idle"] == 0
    assert got["tasks_idle"] == tasks_before == 0
    # Submit again: exactly one pfop, with overwrite, linked to the interrupted row
    assert got["pfops"] == 1
    done, old = got["done"], got["old"]
    assert (done.key, done.fops, done.force) == (CLIP_VERTICAL, old.fops, True)
    assert old.state is JobState.FAILED
    assert f"#{done.id}" in old.error
    assert got["jpg"][:2] == ("mjpeg", 320)
    # Discard: the row is gone for good; the dialog closed when nothing was left
    assert {r.id for r in got["final"]} == {old.id, done.id}
    assert not got["dialog_open"]
    store = JobStore(paths.jobs_db)
    try:
        assert {r.id for r in store.jobs()} == {old.id, done.id}
    finally:
        store.close()


def pick(dialog: UnresolvedDialog, job_id: int) -> None:
    """Select only this job's row in the decision dialog."""
    tree = dialog.tree
    tree.clearSelection()
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if item.data(0, Qt.ItemDataRole.UserRole).id == job_id:
            item.setSelected(True)
    chosen = [i.data(0, Qt.ItemDataRole.UserRole).id for i in tree.selectedItems()]
    assert chosen == [job_id]
