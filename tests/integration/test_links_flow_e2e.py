"""Acceptance: "transcode these videos to 720p MP4 plus a thumbnail each and get the links" for
20 videos takes at most 8 user actions, and every link on the clipboard downloads a real output.

The real app on the real sandbox (real ffmpeg). Every click and shortcut goes through `Actions`,
which sends it with qtbot (QTest) and counts it; waiting for the app is not an action.
"""

from __future__ import annotations

import asyncio
import dataclasses
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from unittest import mock

import imageio_ffmpeg
import pytest
import requests
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QListView, QStyle, QStyleOptionViewItem, QWidget

from qfopgui.api.client import QiniuClient
from qfopgui.api.config import Credentials, Endpoints
from qfopgui.core.jobs import JobState
from qfopgui.paths import Paths
from qfopgui.sandbox import SandboxConfig, SandboxServer
from qfopgui.services import sandbox_manager
from tests.helpers.aio import wait_until
from tests.integration.app_harness import running_app, wait_states

pytestmark = [pytest.mark.integration, pytest.mark.gui, pytest.mark.slow]

BUCKET = "links-e2e"
VIDEOS = [f"clip-{i:02d}.mp4" for i in range(1, 21)]
MP4_720P, JPG = "MP4 H.264 720p", "JPG thumbnail"
WORKERS = 2  # per pipeline: the machine has 2 cores; measured, see the report of this test
MAX_ACTIONS = 8


class Actions:
    """Clicks and shortcuts a user makes, sent through qtbot and counted."""

    def __init__(self, qtbot: Any) -> None:
        self._qtbot = qtbot
        self.done: list[str] = []

    def click(self, widget: QWidget, what: str, pos: QPoint | None = None) -> None:
        self.done.append(f"click {what}")
        if pos is None:
            self._qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        else:
            self._qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)

    def key(self, widget: QWidget, what: str, key: Qt.Key, modifiers: Any) -> None:
        self.done.append(f"key {what}")
        self._qtbot.keyClick(widget, key, modifiers)


def make_clip(path: Path) -> None:
    """1.5 s of 160×120 video with sound (the JPG preset takes the frame at 1 s)."""
    subprocess.run(
        [
            imageio_ffmpeg.get_ffmpeg_exe(),
            *("-hide_banner", "-loglevel", "error", "-y"),
            *("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=1.5"),
            *("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=22050:duration=1.5"),
            *("-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p"),
            *("-c:a", "aac", "-shortest", "-movflags", "+faststart", str(path)),
        ],
        check=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def twenty_videos_dir(seeded_sandbox_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo sandbox data plus bucket `links-e2e` holding 20 short videos, uploaded with
    the real client (a stopped copy; each test copies it again)."""
    data = tmp_path_factory.mktemp("links-e2e") / "sandbox"
    shutil.copytree(seeded_sandbox_dir, data)
    clip = data.parent / "clip.mp4"
    make_clip(clip)
    server = SandboxServer(
        SandboxConfig(data_dir=data, credentials=[("seed-ak", "seed-sk")], buckets=[BUCKET])
    )
    server.start()
    try:
        with QiniuClient(
            Credentials("seed-ak", "seed-sk"), Endpoints.single(server.base_url)
        ) as client:
            body = clip.read_bytes()
            for key in VIDEOS:
                client.upload_bytes(BUCKET, key, body, mime_type="video/mp4")
    finally:
        server.stop()
    return data


@pytest.fixture
def more_workers() -> Iterator[None]:
    """The app's sandbox with `WORKERS` processing threads per pipeline."""
    original = sandbox_manager.default_server_factory

    def factory(data_dir: Path, ak: str, sk: str, buckets: Sequence[str]) -> Any:
        server = original(data_dir, ak, sk, buckets)
        return SandboxServer(dataclasses.replace(server.config, workers=WORKERS))

    with mock.patch.object(sandbox_manager, "default_server_factory", factory):
        yield


def check_indicator(view: QListView, row: int) -> QPoint:
    """Where the checkbox of `row` is drawn (what a user clicks to tick it)."""
    index = view.model().index(row, 0)
    opt = QStyleOptionViewItem()
    opt.initFrom(view)
    opt.rect = view.visualRect(index)
    opt.features = QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    rect = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, opt, view)
    return rect.center()


def fetch(url: str) -> tuple[int, bytes]:
    resp = requests.get(url, timeout=10)
    return resp.status_code, resp.content


def test_twenty_videos_to_mp4_and_thumbnail_links_in_at_most_8_actions(
    qloop: asyncio.AbstractEventLoop,
    qtbot: Any,
    tmp_path: Path,
    twenty_videos_dir: Path,
    more_workers: None,
) -> None:
    shutil.copytree(twenty_videos_dir, Paths.under(tmp_path).sandbox_dir)
    act = Actions(qtbot)

    async def scenario() -> dict[str, Any]:
        async with running_app(tmp_path) as app:
            fv = app.files
            await wait_until(lambda: fv.bucket_list.count() >= 3, timeout=30)
            # 1. the bucket
            (item,) = [
                fv.bucket_list.item(i)
                for i in range(fv.bucket_list.count())
                if fv.bucket_list.item(i).data(Qt.ItemDataRole.UserRole) == BUCKET
            ]
            rect = fv.bucket_list.visualItemRect(item)
            act.click(fv.bucket_list.viewport(), "bucket", rect.center())
            await wait_until(
                lambda: (
                    fv.current_bucket() == BUCKET
                    and not fv.model.loading
                    and fv.model.rowCount() == len(VIDEOS)
                ),
                timeout=15,
            )
            # 2-3. a row, then select all
            first = fv.table.visualRect(fv.model.index(0, 0)).center()
            act.click(fv.table.viewport(), "first file", first)
            act.key(fv.table, "Ctrl+A", Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            assert fv.selected_keys() == VIDEOS
            # 4. Transcode…
            before = app.feature.last_dialog
            act.key(fv.table, "Ctrl+T", Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
            await wait_until(lambda: app.feature.last_dialog is not before, timeout=5)
            dialog = app.feature.last_dialog
            # 5. tick the thumbnail (MP4 720p is ticked by default)
            model = dialog.presets_model
            names = [model.item(r).data(Qt.ItemDataRole.UserRole) for r in range(model.rowCount())]
            assert model.item(names.index(MP4_720P)).checkState() == Qt.CheckState.Checked
            view = dialog.presets_list
            act.click(view.viewport(), "JPG thumbnail", check_indicator(view, names.index(JPG)))
            assert [p.name for p in dialog.selected_presets()] == [MP4_720P, JPG]
            # 6. Submit
            await wait_until(dialog.submit_button.isEnabled, timeout=30)
            act.click(dialog.submit_button, "Submit")
            await wait_until(lambda: len(app.records()) == len(VIDEOS), timeout=30)
            ids = [r.id for r in app.records()]
            await wait_states(app, ids, {JobState.DONE}, timeout=40)
            # 7. the batches banner's Copy all links
            await wait_until(lambda: app.window.banners.banner("batches") is not None, timeout=10)
            banner = app.window.banners.banner("batches")
            button = banner.findChild(QWidget, "banner_copy_links")
            assert button is not None
            assert button.isVisible()
            QGuiApplication.clipboard().clear()
            act.click(button, "Copy all links")
            clipboard = QGuiApplication.clipboard()
            await wait_until(lambda: clipboard.text().count("\n") == 39, timeout=10)
            urls = clipboard.text().split("\n")
            loop = asyncio.get_running_loop()
            got = await asyncio.gather(*(loop.run_in_executor(None, fetch, u) for u in urls))
            return {
                "urls": urls,
                "bodies": dict(zip(urls, got, strict=True)),
                "status": app.window.status_text("jobs-action"),
                "outputs": [o for r in app.records() for o in r.outputs],
            }

    got = qloop.run_until_complete(scenario())
    assert len(act.done) <= MAX_ACTIONS, act.done
    urls = got["urls"]
    assert len(urls) == 40
    assert len(set(urls)) == 40
    assert got["status"] == "Copied 40 links"
    mp4 = [u for u in urls if u.endswith(".mp4")]
    jpg = [u for u in urls if u.endswith(".jpg")]
    assert (len(mp4), len(jpg)) == (20, 20)
    for url, (status, body) in got["bodies"].items():
        assert status == 200, url
        assert body, url
        if url in mp4:
            assert body[4:8] == b"ftyp", url
        else:
            assert body[:2] == b"\xff\xd8", url
    assert sorted(u.rsplit("/", 1)[-1] for u in urls) == sorted(
        o.rsplit("/", 1)[-1] for o in got["outputs"]
    )
