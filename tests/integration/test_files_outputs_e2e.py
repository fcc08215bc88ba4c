"""Acceptance (issue items 5 and 7): "The Files view shows the new outputs without Refresh, and
'Hide outputs' hides them."

The real app on the real sandbox: transcode a demo video from the folder shown, wait until the
job is Done, and — without any refresh by the test — the outputs appear in Files, marked, the
HLS segments counted in their playlist's row; Hide outputs then leaves only the sources.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from qfopgui.core.jobs import JobState
from qfopgui.ui.files.objects_model import BADGE_ROLE, Column
from tests.helpers.aio import wait_until
from tests.integration.app_harness import (
    CLIP_720P,
    CLIP_VERTICAL,
    DEMO,
    choose_presets_and_submit,
    new_basedir,
    open_folder,
    open_transcode,
    running_app,
    select_files,
    wait_states,
)

pytestmark = [pytest.mark.integration, pytest.mark.gui, pytest.mark.slow]

PRESETS = ["HLS 720p", "JPG thumbnail"]


def test_new_outputs_appear_without_refresh_and_hide_outputs_hides_them(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, seeded_sandbox_dir: Path
) -> None:
    base = new_basedir(seeded_sandbox_dir, tmp_path)

    async def scenario() -> None:
        async with running_app(base) as app:
            files = app.files
            await open_folder(app, DEMO, "videos/")
            model = files.model
            sources = [model.key_at(r) for r in range(model.rowCount())]
            assert sources == [CLIP_720P, CLIP_VERTICAL]
            assert files.count_label.text() == "2 items"
            select_files(app, [CLIP_VERTICAL])
            dialog = await open_transcode(app)
            await choose_presets_and_submit(dialog, PRESETS)
            await wait_until(lambda: len(app.records()) == 1, timeout=15)
            (job,) = app.records()
            (done,) = await wait_states(app, [job.id], {JobState.DONE}, timeout=60)
            outputs = list(done.outputs)
            playlist = next(k for k in outputs if k.endswith(".m3u8"))
            assert all(k.startswith("videos/") for k in outputs)

            def listed() -> list[str]:
                return [model.key_at(r) for r in range(model.rowCount())]

            # no refresh by the test: the Files view reloads the folder by itself
            await wait_until(lambda: set(outputs) <= set(listed()), timeout=15)
            assert files.refresher.reloads >= 1
            assert sorted(listed()) == sorted([*sources, *outputs])  # no .ts rows
            stored = app.server.storage.list(DEMO, prefix="videos/", delimiter="/").items
            segments = [o.key for o in stored if o.key.endswith(".ts")]
            assert segments  # they exist, counted in their playlist's row instead
            rows = {model.key_at(r): r for r in range(model.rowCount())}
            assert model.segment_count_at(rows[playlist]) == len(segments)
            name = model.index(rows[playlist], Column.NAME)
            count = "1 segment" if len(segments) == 1 else f"{len(segments)} segments"
            assert model.data(name, BADGE_ROLE) == f"output · {count}"
            tip = model.data(name, Qt.ItemDataRole.ToolTipRole)
            assert f"Made by qfopgui job #{done.id} (HLS 720p)" in tip
            assert model.data(model.index(rows[CLIP_VERTICAL], Column.NAME), BADGE_ROLE) == ""
            assert files.count_label.text() == "4 items · 1 selected"  # the selection stayed

            files.hide_outputs_button.click()
            assert listed() == sources
            assert files.count_label.text() == "2 items · 2 outputs hidden · 1 selected"
            files.hide_outputs_button.click()
            assert sorted(listed()) == sorted([*sources, *outputs])

    qloop.run_until_complete(scenario())
