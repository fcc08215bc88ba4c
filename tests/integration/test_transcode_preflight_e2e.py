"""Acceptance: the Transcode dialog's pre-flight checks on the real app and the real sandbox.

Submitting the same outputs twice offers Overwrite / Skip those, and Skip sends no pfop for
them; a 640×360 video with never-upscale 1080p presets is skipped or kept at 640×360 as each
preset says, and the dialog says so before anything is sent.
"""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path
from typing import Any

import imageio_ffmpeg
import pytest

from qfopgui.core.fops import Avthumb, Command
from qfopgui.core.jobs import JobState
from qfopgui.core.presets import BUILTIN_PRESETS, Preset
from qfopgui.core.upscale import UpscalePolicy
from qfopgui.ui.jobs.submit_dialog import SubmitDialog
from tests.helpers.aio import wait_until
from tests.integration.app_harness import (
    CLIP_720P,
    DEMO,
    RunningApp,
    choose_presets_and_submit,
    new_basedir,
    open_folder,
    open_transcode,
    probe_video,
    running_app,
    select_files,
    stored_path,
    wait_states,
)

pytestmark = [pytest.mark.integration, pytest.mark.gui, pytest.mark.slow]

JPG, PNG = "JPG thumbnail", "PNG poster frame"
_HD = Command(Avthumb("mp4", vcodec="libx264", s="1920x1080", autoscale=True))
SKIP_HD = Preset("1080p, skip smaller", (_HD,), never_upscale=UpscalePolicy.SKIP)
KEEP_HD = Preset("1080p, keep smaller", (_HD,), never_upscale=UpscalePolicy.KEEP_SOURCE_SIZE)
SMALL = "small/clip-640x360.mp4"


async def _answer(dialog: SubmitDialog, name: str, choice: str) -> list[str]:
    """Wait for the pre-flight question `name`, press `choice`; returns the lines it listed."""
    await wait_until(
        lambda: dialog.flow.question is not None and dialog.flow.question.isVisible(), timeout=30
    )
    question = dialog.flow.question
    assert question is not None
    assert question.objectName() == name
    lines = [question.list.item(i).text() for i in range(question.list.count())]
    question.button(choice).click()
    return lines


async def _submit(app: RunningApp, keys: list[str], presets: list[str]) -> SubmitDialog:
    select_files(app, keys)
    dialog = await open_transcode(app)
    await choose_presets_and_submit(dialog, presets)
    return dialog


def test_submitting_the_same_outputs_again_offers_skip_and_skip_sends_no_pfop(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, seeded_sandbox_dir: Path
) -> None:
    base = new_basedir(seeded_sandbox_dir, tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_app(base) as app:
            await open_folder(app, DEMO, "videos/")
            await _submit(app, [CLIP_720P], [JPG])
            await wait_until(lambda: len(app.records()) == 1, timeout=15)
            (first,) = await wait_states(app, [app.records()[0].id], {JobState.DONE}, timeout=45)
            pfops = app.server.hits["pfop"]

            # again, with one more preset: the JPG exists already
            dialog = await _submit(app, [CLIP_720P], [JPG, PNG])
            listed = await _answer(dialog, "existing_question", "skip")
            await wait_until(lambda: len(app.records()) == 2, timeout=15)
            (second,) = [r for r in app.records() if r.id != first.id]
            pfops_after_skip = app.server.hits["pfop"] - pfops

            # and once more with only the JPG: nothing is left, nothing is sent
            dialog = await _submit(app, [CLIP_720P], [JPG])
            await _answer(dialog, "existing_question", "skip")
            await wait_until(lambda: dialog.submit_button.isEnabled(), timeout=10)
            message = dialog.problem_label.text()
            dialog.reject()
            return {
                "first": first,
                "second": second,
                "listed": listed,
                "pfops_after_skip": pfops_after_skip,
                "pfops_at_end": app.server.hits["pfop"] - pfops,
                "message": message,
                "records": len(app.records()),
            }

    got = qloop.run_until_complete(scenario())
    jpg_key = got["first"].outputs[0]
    assert len(got["listed"]) == 1
    assert got["listed"][0].startswith(f"{jpg_key} · ")
    assert got["listed"][0].endswith(f"from {CLIP_720P}")
    assert got["pfops_after_skip"] == 1  # the PNG only
    assert got["second"].presets == (PNG,)
    assert len(got["second"].fops) == 1
    assert got["second"].outputs[0].endswith(".png")
    assert got["second"].force is False
    assert got["pfops_at_end"] == 1  # the third time sent nothing
    assert got["records"] == 2
    assert got["message"] == "Nothing is left to send: every output was skipped."


def _small_video(path: Path) -> None:
    exe = imageio_ffmpeg.get_ffmpeg_exe()
    args = ["-f", "lavfi", "-i", "testsrc=size=640x360:rate=10", "-t", "1"]
    args += ["-c:v", "libx264", "-pix_fmt", "yuv420p", str(path)]
    subprocess.run([exe, "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


@pytest.mark.parametrize("bucket", [DEMO, "demo-private"])
def test_a_small_video_is_never_enlarged_and_the_dialog_says_so(
    qloop: asyncio.AbstractEventLoop,
    qtbot: Any,
    tmp_path: Path,
    seeded_sandbox_dir: Path,
    bucket: str,
) -> None:
    base = new_basedir(seeded_sandbox_dir, tmp_path / "app")
    clip = tmp_path / "small.mp4"
    _small_video(clip)

    async def scenario() -> dict[str, Any]:
        async with running_app(base) as app:
            await wait_until(lambda: app.servers and app.ctx.sandbox.running, timeout=30)
            await wait_until(lambda: app.window.current_profile() is not None, timeout=30)
            app.feature.presets_provider = lambda: (*BUILTIN_PRESETS, SKIP_HD, KEEP_HD)
            profile = app.window.current_profile().name
            client = app.ctx.clients.client_for(profile)
            await app.ctx.run_blocking(lambda: client.upload_file(bucket, SMALL, clip))
            await open_folder(app, bucket, "small/")
            dialog = await _submit(app, [SMALL], [SKIP_HD.name, KEEP_HD.name])
            said = await _answer(dialog, "sizes_question", "send")
            await wait_until(lambda: len(app.records()) == 1, timeout=15)
            (job,) = await wait_states(app, [app.records()[0].id], {JobState.DONE}, timeout=45)
            made = probe_video(stored_path(app.server, bucket, job.outputs[0]))
            sizes = app.feature.preflights.sizes(profile).cache

            # the size is remembered: a second check does not probe again
            dialog = await _submit(app, [SMALL], [SKIP_HD.name, KEEP_HD.name])
            await _answer(dialog, "existing_question", "cancel")
            await wait_until(lambda: dialog.submit_button.isEnabled(), timeout=10)
            dialog.reject()
            return {"said": said, "job": job, "made": made, "probes": sizes.probes}

    got = qloop.run_until_complete(scenario())
    assert got["said"] == [
        f"{SKIP_HD.name}: {SMALL} is only 640×360, smaller than 1920x1080; this output is "
        "skipped so the video is not enlarged",
        f"{KEEP_HD.name}: {SMALL} is only 640×360, smaller than 1920x1080; it is converted at "
        "its own size instead of being enlarged",
    ]
    job = got["job"]
    assert job.presets == (KEEP_HD.name,)  # the skipped rendition was not sent
    assert len(job.fops) == 1
    assert "1920x1080" not in job.fops[0]
    codec, width, height, _duration = got["made"]
    assert (codec, width, height) == ("h264", 640, 360)
    assert got["probes"] == 1
