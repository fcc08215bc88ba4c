"""Acceptance: transcode demo videos through the UI and watch the jobs end Done or Failed.

Everything runs for real: the composition root, the Files view, the Transcode dialog, the
submitter, the poller and the in-process sandbox with its ffmpeg. The tests click what a user
clicks and check what the user sees (Jobs table status, details pane) and what the server made
(objects in the sandbox, probed with PyAV).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from qfopgui.core.jobs import JobState
from qfopgui.ui.jobs.jobs_filter import Chip
from tests.helpers.aio import wait_until
from tests.integration.app_harness import (
    CLIP_720P,
    CLIP_VERTICAL,
    DEMO,
    choose_presets_and_submit,
    decode_picture,
    details_texts,
    new_basedir,
    open_folder,
    open_transcode,
    probe_video,
    running_app,
    select_files,
    select_job,
    stored_path,
    wait_states,
)

pytestmark = [pytest.mark.integration, pytest.mark.gui, pytest.mark.slow]

MP4_720P, JPG = "MP4 H.264 720p", "JPG thumbnail"


def test_transcode_two_videos_to_mp4_and_jpg(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, seeded_sandbox_dir: Path
) -> None:
    base = new_basedir(seeded_sandbox_dir, tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_app(base) as app:
            await open_folder(app, DEMO, "videos/")
            select_files(app, [CLIP_720P, CLIP_VERTICAL])
            dialog = await open_transcode(app)
            assert dialog.windowTitle() == "Transcode 2 files"
            await choose_presets_and_submit(dialog, [MP4_720P, JPG])
            # when the batch is in, the dialog closes and the app shows the batch in Jobs
            await wait_until(lambda: app.window.current_view() == "jobs", timeout=15)
            assert len(app.records()) == 2
            assert app.jobs_view.batch_bar.isVisibleTo(app.jobs_view)
            ids = [r.id for r in app.records()]
            records = await wait_states(app, ids, {JobState.DONE}, timeout=90)
            words = app.status_words()
            chip = app.jobs_view.chips[Chip.DONE]
            await wait_until(lambda: chip.text() == "Done · 2", timeout=2)  # counts debounce
            panes = {}
            for rec in records:
                select_job(app, rec.id)
                panes[rec.key] = details_texts(app)
            server = app.server
            outputs = {
                rec.key: [stored_path(server, rec.output_bucket, k) for k in rec.outputs]
                for rec in records
            }
            sources = {rec.key: stored_path(server, DEMO, rec.key) for rec in records}
            return {
                "records": records,
                "words": words,
                "panes": panes,
                "outputs": outputs,
                "sources": sources,
            }

    got = qloop.run_until_complete(scenario())
    records = got["records"]
    assert sorted(r.key for r in records) == sorted([CLIP_720P, CLIP_VERTICAL])
    assert set(got["words"].values()) == {"Done"}
    for rec in records:
        assert rec.bucket == rec.output_bucket == DEMO
        assert rec.presets == (MP4_720P, JPG)
        assert len(rec.outputs) == 2
        assert rec.outputs[0].endswith(".mp4")
        assert rec.outputs[1].endswith(".jpg")
        status = rec.status()
        assert status is not None
        assert status.code == 0
        assert [i.key for i in status.items] == list(rec.outputs)  # made where planned
        pane = got["panes"][rec.key]
        assert pane[0] == rec.key
        assert "Done" in pane
        for key in rec.outputs:  # each output key is listed
            assert any(key in text for text in pane), (key, pane)

        mp4, jpg = got["outputs"][rec.key]
        _, src_w, src_h, src_duration = probe_video(got["sources"][rec.key])
        codec, w, h, duration = probe_video(mp4)
        assert codec == "h264"
        assert w <= 1280
        assert h <= 720
        assert max(w / 1280, h / 720) > 0.99  # fills the 1280x720 box on one side
        assert abs(w / h - src_w / src_h) < 0.01  # keeps the aspect ratio
        assert abs(duration - src_duration) <= 0.2
        codec, w, h = decode_picture(jpg)
        assert codec == "mjpeg"
        assert w == 320
        assert abs(h - 320 * src_h / src_w) <= 1


def test_failed_job_shows_server_error_and_retry_succeeds(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, seeded_sandbox_dir: Path
) -> None:
    base = new_basedir(seeded_sandbox_dir, tmp_path)
    broken = "broken/clip.mp4"

    async def scenario() -> dict[str, Any]:
        async with running_app(base) as app:
            await wait_until(lambda: app.servers and app.ctx.sandbox.running, timeout=30)
            server = app.server
            server.storage.put_bytes(DEMO, broken, b"not a video\n" * 100, mime_type="video/mp4")
            await open_folder(app, DEMO, "broken/")
            select_files(app, [broken])
            dialog = await open_transcode(app)
            await choose_presets_and_submit(dialog, [JPG])
            await wait_until(lambda: len(app.records()) == 1, timeout=15)
            (first,) = app.records()
            (failed,) = await wait_states(app, [first.id], {JobState.FAILED}, timeout=60)
            select_job(app, failed.id)
            failed_pane = details_texts(app)
            failed_word = app.status_words()[failed.id]
            retry_all = app.jobs_view.retry_failed_button
            await wait_until(retry_all.isEnabled, timeout=2)  # counts are debounced
            retry_all_text = retry_all.text()

            # the user fixes the source, then presses Retry on the failed row
            server.storage.put_file(DEMO, broken, stored_path(server, DEMO, CLIP_VERTICAL))
            pfops = server.hits["pfop"]
            assert app.jobs_view.retry_action.isEnabled()
            app.jobs_view.retry_action.trigger()
            await wait_until(lambda: len(app.records()) == 2, timeout=15)
            (retry,) = [r for r in app.records() if r.id != failed.id]
            (done,) = await wait_states(app, [retry.id], {JobState.DONE}, timeout=60)
            select_job(app, done.id)
            await wait_until(lambda: not retry_all.isEnabled(), timeout=2)  # nothing to retry
            return {
                "failed": failed,
                "failed_pane": failed_pane,
                "failed_word": failed_word,
                "retry_all_text": retry_all_text,
                "done": done,
                "done_pane": details_texts(app),
                "pfops": server.hits["pfop"] - pfops,
                "original_after": app.jobs_model.get(failed.id),
                "jpg": decode_picture(stored_path(server, DEMO, done.outputs[0])),
            }

    got = qloop.run_until_complete(scenario())
    failed, done = got["failed"], got["done"]
    # the failure, as the server reported it, is in the details pane
    assert got["failed_word"] == "Failed"
    status = failed.status()
    assert status is not None
    assert status.code == 3
    server_error = status.items[0].error
    assert server_error
    assert any(server_error in text for text in got["failed_pane"]), got["failed_pane"]
    assert failed.error  # the plain-words summary stored on the row
    assert got["retry_all_text"] == "Retry all failed (1)"
    # Retry: one new pfop, same file and commands, overwrite on, linked to the original
    assert got["pfops"] == 1
    assert done.retry_of == failed.id
    assert done.force is True
    assert (done.bucket, done.key, done.fops) == (failed.bucket, failed.key, failed.fops)
    assert done.batch_id == failed.batch_id
    assert f"Retry of job #{failed.id}" in "\n".join(got["done_pane"])
    assert got["original_after"].state is JobState.FAILED  # history is kept
    codec, w, h = got["jpg"]
    assert (codec, w) == ("mjpeg", 320)
    assert abs(h - 320 * 1280 / 720) <= 1  # the 720x1280 clip that replaced the broken one
