"""Acceptance: Files → Details shows a poster frame for a video and a thumbnail for a picture,
made by the real sandbox (real ffmpeg, `?vframe` / `?imageView2` on the download URL, signed for
a private bucket); a second look is served from the cache (no request reaches the sandbox);
audio gets a reason instead; Open hands the system a URL that really downloads the file.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import requests
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication

from qfopgui.sandbox.demo import DEMO_PRIVATE_BUCKET
from tests.helpers.aio import wait_until
from tests.integration.app_harness import (
    CLIP_720P,
    CLIP_VERTICAL,
    DEMO,
    RunningApp,
    new_basedir,
    open_folder,
    running_app,
    select_files,
)

pytestmark = [pytest.mark.integration, pytest.mark.gui, pytest.mark.slow]

PICTURE = "images/testsrc-1280x720.png"
AUDIO = "audio/tone-30s.mp3"
PRIVATE_CLIP = "videos/private-clip.mp4"


async def shows_picture(app: RunningApp, key: str) -> float:
    """Select `key` and wait for its picture; returns its aspect ratio as shown."""
    select_files(app, [key])
    pane = app.files.details
    await wait_until(lambda: pane.preview.has_picture() and _about(pane, key), timeout=30)
    size = pane.preview.picture_size()
    assert size.width() > 0
    assert size.height() > 0
    return size.width() / size.height()


def _about(pane: Any, key: str) -> bool:
    files = pane.selection().files
    return len(files) == 1 and files[0].key == key


def test_posters_and_thumbnails_from_the_sandbox_cached_and_open(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, seeded_sandbox_dir: Path
) -> None:
    base = new_basedir(seeded_sandbox_dir, tmp_path)

    async def scenario() -> None:
        async with running_app(base) as app:
            pane = app.files.details
            await open_folder(app, DEMO, "videos/")
            assert abs(await shows_picture(app, CLIP_720P) - 16 / 9) < 0.05
            assert abs(await shows_picture(app, CLIP_VERTICAL) - 9 / 16) < 0.05
            downloads = app.server.hits["download"]
            assert downloads == 2  # one vframe each
            # back to the first: from the cache, nothing asked of the sandbox
            await shows_picture(app, CLIP_720P)
            assert app.server.hits["download"] == downloads
            assert list((app.paths.thumbnails_dir).glob("*.thumb")), "nothing was cached"

            # Open: the opener gets the object's URL, which downloads exactly this file
            opened: list[QUrl] = []
            pane.opener = lambda url: opened.append(url) or True
            pane.buttons.open_button.click()
            await wait_until(lambda: opened, timeout=10)
            url = opened[0].toString(QUrl.ComponentFormattingOption.FullyEncoded)
            assert url.endswith("/dl/demo/videos/sample-1280x720-10s.mp4"), url
            got = await app.ctx.run_blocking(lambda: requests.get(url, timeout=30))
            stored = app.server.storage.stat(DEMO, CLIP_720P)
            assert stored is not None
            assert got.status_code == 200
            assert len(got.content) == stored.fsize

            # a system that cannot open links: the note says so and offers the link
            pane.opener = lambda url: False
            pane.buttons.open_button.click()
            await wait_until(lambda: pane.buttons.notice.isVisible(), timeout=10)
            assert "No program on this computer opened" in pane.buttons.notice_text.text()
            pane.buttons.notice_copy.click()
            assert QGuiApplication.clipboard().text() == url

            await open_folder(app, DEMO, "images/")
            assert abs(await shows_picture(app, PICTURE) - 16 / 9) < 0.05
            await open_folder(app, DEMO, "audio/")
            before = app.server.hits["download"]
            select_files(app, [AUDIO])
            await wait_until(lambda: pane.preview.text() == "No preview for audio files")
            assert app.server.hits["download"] == before  # nothing fetched for audio
            assert not pane.buttons.notice.isVisible()  # another file: the note is gone

            # a private bucket: the signed URL covers the vframe query
            await open_folder(app, DEMO_PRIVATE_BUCKET, "videos/")
            assert abs(await shows_picture(app, PRIVATE_CLIP) - 9 / 16) < 0.05
            pane.opener = lambda url: opened.append(url) or True
            pane.buttons.open_button.click()
            await wait_until(lambda: len(opened) == 2, timeout=10)
            signed = opened[1].toString(QUrl.ComponentFormattingOption.FullyEncoded)
            assert "?e=" in signed
            assert "&token=" in signed
            ok = await app.ctx.run_blocking(lambda: requests.get(signed, timeout=30))
            assert ok.status_code == 200

    qloop.run_until_complete(scenario())
