from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from qfopgui.api.errors import AuthError, NetworkError
from qfopgui.api.models import BucketInfo
from qfopgui.services.profiles import Profile
from qfopgui.ui.context import AppContext
from qfopgui.ui.files.files_view import SEARCH_DELAY_MS, FilesView
from qfopgui.ui.files.objects_model import Kind
from tests.gui.appfakes import FakeClient, make_ctx, obj
from tests.helpers.aio import wait_until

pytestmark = pytest.mark.gui

PROFILE = Profile("A", "ak")


def client() -> FakeClient:
    return FakeClient(
        buckets=[BucketInfo("media", "z0"), BucketInfo("secret", "z0", private=True)],
        objects={
            "media": [
                obj("intro.mp4", mime="video/mp4"),
                obj("logo.png", mime="image/png"),
                obj("theme.mp3", mime="audio/mpeg"),
                obj("videos/abc.mp4", mime="video/mp4"),
                obj("videos/abd.mov"),
                obj("videos/xyz.mp4"),
            ]
        },
    )


def run(qloop: Any, qtbot: Any, ctx: AppContext, body: Any) -> Any:
    async def scenario() -> Any:
        v = FilesView(ctx)
        qtbot.addWidget(v)
        v.resize(900, 500)
        v.show()
        try:
            return await body(v)
        finally:
            await ctx.tasks.shutdown()

    return qloop.run_until_complete(scenario())


def keys(v: FilesView) -> list[str]:
    return [v.model.key_at(r) for r in range(v.model.rowCount())]


def test_buckets_folders_first_and_navigation(qloop: Any, qtbot: Any, tmp_path: Path) -> None:
    c = client()
    ctx = make_ctx(tmp_path, c, profiles=[(PROFILE, "sk")])

    async def body(v: FilesView) -> None:
        v.set_profile(PROFILE)
        await wait_until(lambda: v.model.rowCount() == 4)
        items = [v.bucket_list.item(i) for i in range(v.bucket_list.count())]
        east = "z0 · East China (Zhejiang)"  # each bucket's region, on a second line
        assert [i.text() for i in items] == [f"media\n{east}", f"secret  ·  private\n{east}"]
        assert items[0].data(Qt.ItemDataRole.AccessibleTextRole) == f"media, {east}"
        assert "Private" in items[1].toolTip()
        assert v.current_bucket() == "media"
        assert keys(v) == ["videos/", "intro.mp4", "logo.png", "theme.mp3"]
        assert c.calls[-1] == ("media", "", "/", "")
        assert v.count_label.text() == "4 items"
        v.table.doubleClicked.emit(v.model.index(0, 0))
        await wait_until(lambda: keys(v) == ["videos/abc.mp4", "videos/abd.mov", "videos/xyz.mp4"])
        assert v.current_prefix() == "videos/"
        assert [b.text() for b in v.breadcrumb.buttons] == ["media", "videos"]
        assert v.model.data(v.model.index(0, 0)) == "abc.mp4"
        v.breadcrumb.buttons[0].click()
        await wait_until(lambda: v.model.rowCount() == 4)
        assert v.current_prefix() == ""

    run(qloop, qtbot, ctx, body)


def test_search_is_debounced_prefix_latest_wins(qloop: Any, qtbot: Any, tmp_path: Path) -> None:
    c = client()
    ctx = make_ctx(tmp_path, c, profiles=[(PROFILE, "sk")])

    async def body(v: FilesView) -> None:
        v.set_profile(PROFILE)
        await wait_until(lambda: v.model.rowCount() == 4)
        v.open_folder("videos/")
        await wait_until(lambda: v.model.rowCount() == 3)
        before = len(c.calls)
        for text in ("a", "ab", "abd"):
            v.search.setText(text)
        await asyncio.sleep(SEARCH_DELAY_MS / 1000 / 3)
        assert len(c.calls) == before  # nothing yet: still typing
        await wait_until(lambda: keys(v) == ["videos/abd.mov"])
        assert [call[1] for call in c.calls[before:]] == ["videos/abd"]
        v.search.setText("zzz")
        await wait_until(lambda: "start with “zzz”" in v.message.label.text())
        assert v.stack.currentWidget() is v.message
        v.message.button.click()  # Clear search
        await wait_until(lambda: v.model.rowCount() == 3)

    run(qloop, qtbot, ctx, body)


def test_type_chips_filter_rows(qloop: Any, qtbot: Any, tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path, client(), profiles=[(PROFILE, "sk")])

    async def body(v: FilesView) -> None:
        v.set_profile(PROFILE)
        await wait_until(lambda: v.model.rowCount() == 4)
        v.chips.buttons[1].click()  # Video
        assert v.chips.value() == Kind.VIDEO
        assert keys(v) == ["videos/", "intro.mp4"]
        v.chips.buttons[3].click()  # Image
        assert keys(v) == ["videos/", "logo.png"]
        v.chips.buttons[0].click()
        assert v.model.rowCount() == 4

    run(qloop, qtbot, ctx, body)


def test_paging_while_scrolling_shows_more_count(qloop: Any, qtbot: Any, tmp_path: Path) -> None:
    c = FakeClient(objects={"media": [obj(f"f{i:05}.mp4") for i in range(2500)]}, page_size=1000)
    ctx = make_ctx(tmp_path, c, profiles=[(PROFILE, "sk")])

    async def body(v: FilesView) -> None:
        v.set_profile(PROFILE)
        await wait_until(lambda: v.model.rowCount() == 1000 and not v.model.loading)
        assert v.count_label.text() == "1,000+ items"
        seen = []
        while v.model.rowCount() < 2500:  # each scroll to the bottom pulls one more page
            seen.append(v.model.rowCount())
            v.table.scrollToBottom()
            await wait_until(lambda n=seen[-1]: v.model.rowCount() > n, timeout=5)
        assert seen == [1000, 2000]
        assert v.count_label.text() == "2,500 items"
        assert c.max_in_flight == 1

    run(qloop, qtbot, ctx, body)


def test_empty_bucket_and_no_buckets_say_what_to_do(qloop: Any, qtbot: Any, tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path, FakeClient(), profiles=[(PROFILE, "sk")])

    async def body(v: FilesView) -> None:
        v.set_profile(PROFILE)
        await wait_until(lambda: "empty" in v.message.label.text())
        assert v.stack.currentWidget() is v.message
        assert "Upload… (Ctrl+U)" in v.message.label.text()  # drop or upload, not the portal

    run(qloop, qtbot, ctx, body)
    ctx2 = make_ctx(tmp_path / "b", FakeClient(buckets=[]), profiles=[(PROFILE, "sk")])

    async def body2(v: FilesView) -> None:
        v.set_profile(PROFILE)
        await wait_until(lambda: "no buckets yet" in v.message.label.text())

    run(qloop, qtbot, ctx2, body2)


def test_errors_inline_with_retry(qloop: Any, qtbot: Any, tmp_path: Path) -> None:
    c = client()
    c.fail_buckets = AuthError("The AccessKey or SecretKey was refused.")
    ctx = make_ctx(tmp_path, c, profiles=[(PROFILE, "sk")])

    async def body(v: FilesView) -> None:
        v.set_profile(PROFILE)
        await wait_until(lambda: "refused" in v.message.label.text())
        assert v.message.button.isVisible()
        assert v.message.button.text() == "Retry"
        c.fail_buckets = None
        c.fail_list = NetworkError("The network is down.")
        v.message.button.click()
        await wait_until(
            lambda: v.message.label.text() == "Could not list the files: The network is down."
        )
        c.fail_list = None
        v.message.button.click()
        await wait_until(lambda: v.model.rowCount() == 4)
        assert v.stack.currentWidget() is v.table

    run(qloop, qtbot, ctx, body)


def test_missing_secret_is_explained(qloop: Any, qtbot: Any, tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path, client())
    ctx.profiles.upsert(PROFILE)  # no key anywhere

    async def body(v: FilesView) -> None:
        v.set_profile(PROFILE)
        await wait_until(lambda: "is not available" in v.message.label.text())
        assert "Edit account" in v.message.label.text()

    run(qloop, qtbot, ctx, body)
