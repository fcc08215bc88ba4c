"""Files → Details with previews (fake server): the button row and the preview box keep their
places whatever is selected, Open hands the injected opener the file's URL and says why when it
cannot, the reasons shown instead of a picture, and the latest selection's picture wins."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QItemSelectionModel, QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QWidget
from requests.structures import CaseInsensitiveDict

from qfopgui.api.errors import BadRequestError, NotFoundError
from qfopgui.api.models import ObjectInfo
from qfopgui.api.responses import NO_CONTEXT, Answer, Context
from qfopgui.services.links import LinkResolver
from qfopgui.services.profiles import Profile
from qfopgui.services.thumbnail_cache import ThumbnailCache
from qfopgui.services.thumbnails import ThumbnailService
from qfopgui.ui.context import AppContext
from qfopgui.ui.files.files_view import FilesView
from tests.gui.appfakes import FakeClient, make_ctx, obj
from tests.helpers.aio import wait_until

pytestmark = pytest.mark.gui

PROFILE = Profile("A", "ak")
SHORT_IMAGE = "clips/a.png"
LONG_VIDEO = "clips/" + "a-very-long-file-name-that-never-fits-" * 4 + "final.mp4"
VERTICAL = "clips/vertical.mp4"
AUDIO = "clips/tone.mp3"
BROKEN = "clips/broken.mp4"


def jpeg(width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buf, "JPG")
    return bytes(data.data())


@dataclass
class Transport:
    """GETs of processed pictures: 16:9 for most keys, 9:16 for the vertical one."""

    urls: list[str] = field(default_factory=list)
    gate: dict[str, threading.Event] = field(default_factory=dict)

    def request(
        self, method: str, url: str, *, idempotent: bool, ctx: Context = NO_CONTEXT
    ) -> Answer:
        self.urls.append(url)
        if ctx.key in self.gate:
            assert self.gate[ctx.key].wait(10)
        if ctx.key == BROKEN:
            raise BadRequestError("bad", status=400, server_message="not a valid media file")
        body = jpeg(90, 160) if ctx.key == VERTICAL else jpeg(160, 90)
        return Answer(200, CaseInsensitiveDict({"Content-Type": "image/jpeg"}), body)


@dataclass
class PreviewClient(FakeClient):
    transport: Transport = field(default_factory=Transport)
    domains: list[str] = field(default_factory=lambda: ["cdn.example.com"])

    def stat(self, bucket: str, key: str) -> ObjectInfo:
        for o in self.objects.get(bucket, []):
            if o.key == key:
                return ObjectInfo(key, o.fsize, f"hash-of-{key}", o.mime_type, o.put_time)
        raise NotFoundError("no such file", status=612)

    def bucket_domains(self, bucket: str) -> list[str]:
        return list(self.domains)

    def download_url(
        self, domain: str, key: str, *, private: bool = False, expires: int = 3600, query: str = ""
    ) -> str:
        return f"https://{domain}/{key}" + (f"?{query}" if query else "")


def make(tmp_path: Path) -> tuple[AppContext, PreviewClient]:
    keys = [
        (SHORT_IMAGE, "image/png"),
        (LONG_VIDEO, "video/mp4"),
        (VERTICAL, "video/mp4"),
        (AUDIO, "audio/mpeg"),
        (BROKEN, "video/mp4"),
    ]
    client = PreviewClient(objects={"media": [obj(k, mime=m) for k, m in keys]})
    ctx = make_ctx(tmp_path, client, profiles=[(PROFILE, "sk")])
    client_for = ctx.clients.client_for
    links = LinkResolver(client_for, ctx.run_blocking)  # type: ignore[arg-type]
    cache = ThumbnailCache(tmp_path / "thumbs")
    ctx.thumbnails = ThumbnailService(
        client_for,  # type: ignore[arg-type]
        links,
        ctx.run_blocking,
        ctx.run_store,
        cache,
    )
    return ctx, client


@pytest.fixture
def setup(tmp_path: Path) -> tuple[AppContext, PreviewClient]:
    return make(tmp_path)


def run(qloop: Any, qtbot: Any, ctx: AppContext, body: Any) -> Any:
    async def scenario() -> Any:
        v = FilesView(ctx)
        qtbot.addWidget(v)
        v.resize(1024, 700)
        v.show()
        v.set_profile(PROFILE)
        await wait_until(lambda: v.model.rowCount() > 0 and not v.model.loading)
        v.open_folder("clips/")
        await wait_until(lambda: v.model.rowCount() >= 5 and not v.model.loading)
        try:
            return await body(v)
        finally:
            await ctx.tasks.shutdown()

    return qloop.run_until_complete(scenario())


def select(v: FilesView, *keys: str) -> None:
    sel = v.table.selectionModel()
    sel.clearSelection()
    flag = QItemSelectionModel.SelectionFlag
    for row in range(v.model.rowCount()):
        if v.model.key_at(row) in keys:
            sel.select(v.model.index(row, 0), flag.Select | flag.Rows)


async def selected(v: FilesView, *keys: str) -> None:
    select(v, *keys)
    await wait_until(lambda: sorted(f.key for f in v.details.selection().files) == sorted(keys))


def place(widget: QWidget, pane: QWidget) -> tuple[int, int, int, int]:
    corner = widget.mapTo(pane, QPoint(0, 0))
    return corner.x(), corner.y(), widget.width(), widget.height()


def test_the_buttons_and_the_preview_box_never_move(
    qloop: Any, qtbot: Any, setup: tuple[AppContext, PreviewClient]
) -> None:
    ctx, _client = setup

    async def body(v: FilesView) -> None:
        pane = v.details
        row = pane.buttons
        places: dict[str, Any] = {}
        for label, keys in (
            ("short image", (SHORT_IMAGE,)),
            ("long video", (LONG_VIDEO,)),
            ("several", (SHORT_IMAGE, LONG_VIDEO)),
            ("folder only", ()),
        ):
            await selected(v, *keys)
            if len(keys) == 1:
                await wait_until(lambda: pane.preview.has_picture(), timeout=10)
                assert pane.jobs() is None or pane.jobs() == []
            places[label] = (
                place(row.open_button, pane),
                place(row.copy_button, pane),
                place(pane.preview, pane),
            )
            single = len(keys) == 1
            assert row.open_button.isEnabled() is single, label
            assert row.copy_button.isEnabled() is single, label
            assert row.open_button.isVisible(), label  # disabled, never hidden
            assert row.copy_button.isVisible(), label
        assert len(set(places.values())) == 1, places
        # the buttons sit at the bottom, inside the pane, whatever the name's length
        (x, y, w, h) = places["long video"][0]
        assert y + h <= pane.height()
        assert 0 <= x <= pane.width() - w
        assert pane.preview.text() == ""  # nothing selected: an empty box

    run(qloop, qtbot, ctx, body)


def test_open_hands_the_url_to_the_opener_and_says_why_when_it_cannot(
    qloop: Any, qtbot: Any, setup: tuple[AppContext, PreviewClient]
) -> None:
    ctx, _client = setup

    async def body(v: FilesView) -> None:
        pane = v.details
        row = pane.buttons
        opened: list[QUrl] = []
        pane.opener = lambda url: opened.append(url) or True
        await selected(v, VERTICAL)
        row.open_button.click()
        await wait_until(lambda: opened, timeout=10)
        assert opened[0].toString(QUrl.ComponentFormattingOption.FullyEncoded) == (
            f"https://cdn.example.com/{VERTICAL}"
        )
        assert not row.notice.isVisible()
        # double-click on the picture opens too
        await wait_until(lambda: pane.preview.has_picture(), timeout=10)
        qtbot.mouseDClick(pane.preview, Qt.MouseButton.LeftButton)
        await wait_until(lambda: len(opened) == 2, timeout=10)

        pane.opener = lambda url: False  # nothing on this system opens links
        row.open_button.click()
        await wait_until(lambda: row.notice.isVisible(), timeout=10)
        assert row.notice_text.text().startswith(
            "No program on this computer opened “vertical.mp4”"
        )
        assert row.notice_copy.isEnabled()
        row.notice_copy.click()
        assert QGuiApplication.clipboard().text() == f"https://cdn.example.com/{VERTICAL}"
        assert row.notice_copy.text() == "Link copied"

        await selected(v, AUDIO)  # another file: the note goes
        assert not row.notice.isVisible()

    run(qloop, qtbot, ctx, body)


def test_reasons_instead_of_a_picture(
    qloop: Any, qtbot: Any, setup: tuple[AppContext, PreviewClient]
) -> None:
    ctx, _client = setup

    async def body(v: FilesView) -> None:
        pane = v.details
        await selected(v, AUDIO)
        await wait_until(lambda: pane.preview.text() == "No preview for audio files", timeout=10)
        await selected(v, BROKEN)
        await wait_until(
            lambda: pane.preview.text() == "This file could not be read as video", timeout=10
        )
        assert pane.preview.toolTip() == "not a valid media file"
        assert not pane.preview.has_picture()
        await selected(v, SHORT_IMAGE, LONG_VIDEO)
        assert pane.preview.text() == "Select one file to see a preview"

    run(qloop, qtbot, ctx, body)


def test_a_bucket_without_a_download_domain(
    qloop: Any, qtbot: Any, setup: tuple[AppContext, PreviewClient]
) -> None:
    ctx, client = setup
    client.domains.clear()

    async def body(v: FilesView) -> None:
        pane = v.details
        row = pane.buttons
        opened: list[QUrl] = []
        pane.opener = lambda url: opened.append(url) or True
        await selected(v, LONG_VIDEO)
        await wait_until(
            lambda: pane.preview.text() == "Preview needs a download domain for this bucket",
            timeout=10,
        )
        assert client.transport.urls == []  # nothing to ask
        row.open_button.click()
        await wait_until(lambda: row.notice.isVisible(), timeout=10)
        assert "cannot be opened" in row.notice_text.text()
        assert "has no download domain" in row.notice_text.text()
        assert not row.notice_copy.isEnabled()  # no link to copy
        assert opened == []

    run(qloop, qtbot, ctx, body)


def test_the_latest_selection_wins(
    qloop: Any, qtbot: Any, setup: tuple[AppContext, PreviewClient]
) -> None:
    ctx, client = setup
    slow = threading.Event()
    client.transport.gate[LONG_VIDEO] = slow  # its picture (16:9) arrives late

    async def body(v: FilesView) -> None:
        pane = v.details
        await selected(v, LONG_VIDEO)
        await wait_until(lambda: any(LONG_VIDEO in u for u in client.transport.urls), timeout=10)
        assert pane.preview.text() == "Loading preview…"
        await selected(v, VERTICAL)
        await wait_until(lambda: pane.preview.has_picture(), timeout=10)
        slow.set()  # the old answer comes in now: it must not replace the vertical picture
        await wait_until(lambda: not ctx.tasks.running("files:preview"), timeout=10)
        size = pane.preview.picture_size()
        assert size.height() > size.width()

    run(qloop, qtbot, ctx, body)
