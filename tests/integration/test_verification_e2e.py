"""Acceptance: the outputs of done jobs are checked, and the Jobs view says what was found.

Real app on the real sandbox. A normal job (MP4 720p, a 5 s GIF clip and a JPG thumbnail of a
10 s video) shows "Verified" in its details; the GIF's 5 s is what its preset asked for, so it
passes. A job whose output is a stale, shorter file — submitted without overwrite by another
tool onto a key that already held a 4 s clip, so the server kept the old object
(``returnOld``), then tracked here by its ID — shows the warning with both durations, and the
"Check output" chip selects it and only it. The JPG is measured with ``?imageInfo`` (Qiniu's
avinfo does not answer for pictures).
"""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path
from typing import Any

import imageio_ffmpeg
import pytest
from PySide6.QtWidgets import QWidget

from qfopgui.core.fops import Avthumb, Command
from qfopgui.core.jobs import JobState
from qfopgui.core.verification import VerifyState
from qfopgui.ui.jobs.jobs_filter import Chip
from qfopgui.ui.jobs.verification_badges import box_text
from tests.helpers.aio import wait_until
from tests.integration.app_harness import (
    CLIP_720P,
    DEMO,
    choose_presets_and_submit,
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

PRESETS = ["MP4 H.264 720p", "GIF (5 s, 480 wide)", "JPG thumbnail"]
STALE_KEY = "stale/sample.mp4"


@pytest.fixture(scope="module")
def short_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real 4 s H.264/AAC clip (what an earlier, shorter upload left at the output key)."""
    out = tmp_path_factory.mktemp("clips") / "short.mp4"
    subprocess.run(
        [
            imageio_ffmpeg.get_ffmpeg_exe(),
            *("-y", "-loglevel", "error"),
            *("-f", "lavfi", "-i", "testsrc=size=320x180:rate=25:duration=4"),
            *("-f", "lavfi", "-i", "sine=frequency=440:duration=4"),
            *("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest"),
            str(out),
        ],
        check=True,
        timeout=30,
    )
    return out


def verification_text(app: Any) -> str:
    box = app.jobs_view.details.widget().findChild(QWidget, "details_verification")
    return "" if box is None else box_text(box)


def shown_ids(app: Any) -> set[int]:
    return {r.id for r in app.jobs_view.visible_records()}


def test_verified_and_warned_outputs(
    qloop: asyncio.AbstractEventLoop,
    qtbot: Any,
    tmp_path: Path,
    seeded_sandbox_dir: Path,
    short_clip: Path,
) -> None:
    base = new_basedir(seeded_sandbox_dir, tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_app(base) as app:
            await open_folder(app, DEMO, "videos/")
            select_files(app, [CLIP_720P])
            dialog = await open_transcode(app)
            await choose_presets_and_submit(dialog, PRESETS)
            await wait_until(lambda: len(app.records()) == 1, timeout=15)
            (normal,) = app.records()
            await wait_states(app, [normal.id], {JobState.DONE}, timeout=60)
            await wait_until(lambda: app.jobs_model.get(normal.id).verify_state, timeout=20)
            normal = app.jobs_model.get(normal.id)
            select_job(app, normal.id)
            verified_text = verification_text(app)
            image_infos = app.server.hits["imageInfo"]

            # another tool sends a job without overwrite onto a key holding an older 4 s clip
            server = app.server
            server.storage.put_file(DEMO, STALE_KEY, short_clip, mime_type="video/mp4")
            client = app.ctx.clients.client_for(app.feature.profile)
            fop = Command(Avthumb("mp4")).with_saveas(DEMO, STALE_KEY).build()
            pid = await app.ctx.run_blocking(lambda: client.pfop(DEMO, CLIP_720P, [fop]))
            app.jobs_view.track_action.trigger()
            await wait_until(lambda: app.feature.tracking.dialog is not None, timeout=5)
            track = app.feature.tracking.dialog
            track.ids_edit.setPlainText(pid)
            track.ok_button.click()

            def tracked() -> Any:
                return next((r for r in app.records() if r.persistent_id == pid), None)

            await wait_until(lambda: (r := tracked()) is not None and r.verify_state, timeout=30)
            stale = tracked()
            select_job(app, stale.id)
            warned_text = verification_text(app)
            words = app.status_words()
            chip = app.jobs_view.chips[Chip.CHECK_OUTPUT]
            await wait_until(lambda: chip.isVisibleTo(app.jobs_view), timeout=2)  # debounced
            chip_text = chip.text()
            both_shown = shown_ids(app)
            chip.click()
            only_warned = shown_ids(app)
            app.jobs_view.chips[Chip.ALL].click()
            return {
                "normal": normal,
                "stale": stale,
                "verified_text": verified_text,
                "image_infos": image_infos,
                "warned_text": warned_text,
                "words": words,
                "chip_text": chip_text,
                "both_shown": both_shown,
                "only_warned": only_warned,
                "durations": (
                    probe_video(stored_path(server, DEMO, STALE_KEY))[3],
                    probe_video(stored_path(server, DEMO, CLIP_720P))[3],
                ),
            }

    got = qloop.run_until_complete(scenario())
    normal, stale = got["normal"], got["stale"]
    assert normal.verify_state == VerifyState.VERIFIED, normal.verify_note
    assert got["verified_text"] == "Verified: 3 outputs, durations match the source"
    assert got["image_infos"] >= 1  # the thumbnail's size came from imageInfo, not avinfo
    assert got["words"][normal.id] == "Done"  # "verified" is the icon (and the tooltip)

    output, source = got["durations"]
    assert output < 4.5 < 9.5 < source  # the stale clip, and the 10 s source
    assert stale.verify_state == VerifyState.WARNING, stale.verify_note
    assert stale.state is JobState.DONE  # never failed for it
    assert got["warned_text"].splitlines() == [
        "Check output: it does not look right",
        f"• output {output:.1f} s, source {source:.1f} s",
        "• the server kept a file that already existed instead of making a new one (submit "
        "again with overwrite)",
    ]
    assert got["words"][stale.id] == "Check output"
    assert got["chip_text"] == "Check output · 1"
    assert got["both_shown"] == {normal.id, stale.id}
    assert got["only_warned"] == {stale.id}
