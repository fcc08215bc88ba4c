from __future__ import annotations

import asyncio
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from qfopgui.api.errors import NetworkError
from qfopgui.api.models import ListPage
from qfopgui.ui.background import TaskOwner
from qfopgui.ui.files.objects_model import (
    IS_FOLDER_ROLE,
    KEY_ROLE,
    Column,
    Kind,
    ObjectsModel,
    kind_of,
)
from tests.gui.appfakes import obj
from tests.helpers.aio import wait_until

pytestmark = pytest.mark.gui


def page(keys: list[str], prefixes: tuple[str, ...] = (), marker: str = "") -> ListPage:
    return ListPage(tuple(obj(k, size=2048) for k in keys), prefixes, marker)


def test_qtmodeltester_with_folders_items_and_filter(qtmodeltester: Any) -> None:
    m = ObjectsModel()
    m.set_source(None, base="a/")
    m.append_page(page(["a/x.mp4", "a/y.jpg"], ("a/sub/",), marker="m1"))
    m.append_page(page(["a/z.mp3", "a/readme"], ("a/other/",)))
    qtmodeltester.check(m)
    assert [m.key_at(r) for r in range(m.rowCount())] == [
        "a/sub/",
        "a/other/",
        "a/x.mp4",
        "a/y.jpg",
        "a/z.mp3",
        "a/readme",
    ]
    assert m.data(m.index(0, Column.NAME)) == "sub"
    assert m.data(m.index(2, Column.NAME)) == "x.mp4"
    assert m.data(m.index(2, Column.SIZE)) == "2.0 KB"
    assert m.data(m.index(0, Column.NAME), IS_FOLDER_ROLE) is True
    assert m.data(m.index(3, Column.NAME), KEY_ROLE) == "a/y.jpg"
    m.set_type_filter(Kind.VIDEO)
    qtmodeltester.check(m)
    assert [m.key_at(r) for r in range(m.rowCount())] == ["a/sub/", "a/other/", "a/x.mp4"]


def test_kind_by_mime_then_extension() -> None:
    assert kind_of("a.bin", "video/mp4") == Kind.VIDEO
    assert kind_of("clip.MOV", "application/octet-stream") == Kind.VIDEO
    assert kind_of("x.m3u8", "application/x-mpegurl") == Kind.VIDEO
    assert kind_of("song.flac", "") == Kind.AUDIO
    assert kind_of("p.webp", "application/octet-stream") == Kind.IMAGE
    assert kind_of("notes.txt", "text/plain") == Kind.OTHER
    assert kind_of("noext", "") == Kind.OTHER


def test_pages_are_appended_one_fetch_in_flight(qloop: asyncio.AbstractEventLoop) -> None:
    owner = TaskOwner()
    m = ObjectsModel(lambda coro, name: owner.start(coro, name=name))
    gates: list[asyncio.Future[ListPage]] = []
    markers: list[str] = []

    async def fetch(marker: str) -> ListPage:
        markers.append(marker)
        fut: asyncio.Future[ListPage] = asyncio.get_running_loop().create_future()
        gates.append(fut)
        return await fut

    resets: list[int] = []
    inserted: list[tuple[int, int]] = []
    m.modelReset.connect(lambda: resets.append(1))
    m.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))

    async def scenario() -> None:
        m.set_source(fetch)
        resets.clear()
        assert m.canFetchMore(QModelIndex())
        m.fetchMore(QModelIndex())
        m.fetchMore(QModelIndex())  # ignored: one in flight
        await wait_until(lambda: len(gates) == 1)
        assert m.loading
        assert not m.canFetchMore(QModelIndex())
        await asyncio.sleep(0.05)
        assert len(gates) == 1
        gates[0].set_result(page([f"k{i:04}" for i in range(1000)], marker="p2"))
        await wait_until(lambda: m.rowCount() == 1000 and not m.loading)
        assert m.canFetchMore(QModelIndex())
        m.fetchMore(QModelIndex())
        await wait_until(lambda: len(gates) == 2)
        gates[1].set_result(page([f"k{i:04}" for i in range(1000, 1500)], ("dir/",)))
        await wait_until(lambda: m.rowCount() == 1501)
        assert not m.canFetchMore(QModelIndex())  # empty marker: listing complete
        await owner.shutdown()

    qloop.run_until_complete(scenario())
    assert markers == ["", "p2"]
    assert resets == []  # pages never reset the model
    assert inserted == [(0, 999), (0, 0), (1001, 1500)]  # folder goes before the items
    assert m.key_at(0) == "dir/"


def test_error_is_reported_and_retry_resumes(qloop: asyncio.AbstractEventLoop) -> None:
    owner = TaskOwner()
    m = ObjectsModel(lambda coro, name: owner.start(coro, name=name))
    calls: list[str] = []
    errors: list[str] = []
    m.failed.connect(errors.append)

    async def fetch(marker: str) -> ListPage:
        calls.append(marker)
        if len(calls) == 1:
            raise NetworkError("Could not connect to the server.")
        return page(["a.mp4"])

    async def scenario() -> None:
        m.set_source(fetch)
        m.fetchMore(QModelIndex())
        await wait_until(lambda: m.error != "")
        assert not m.canFetchMore(QModelIndex())
        m.retry()
        await wait_until(lambda: m.rowCount() == 1)
        await owner.shutdown()

    qloop.run_until_complete(scenario())
    assert "Could not connect to the server." in errors
    assert m.error == ""


def test_new_source_discards_a_stale_page(qloop: asyncio.AbstractEventLoop) -> None:
    owner = TaskOwner()
    m = ObjectsModel(lambda coro, name: owner.start(coro, name=name))
    slow: asyncio.Future[ListPage] = qloop.create_future()

    async def old(_marker: str) -> ListPage:
        return await asyncio.shield(slow)

    async def new(_marker: str) -> ListPage:
        return page(["new.mp4"])

    async def scenario() -> None:
        m.set_source(old)
        m.fetchMore(QModelIndex())
        await asyncio.sleep(0.02)
        m.set_source(new)
        m.fetchMore(QModelIndex())
        await wait_until(lambda: m.rowCount() == 1)
        slow.set_result(page(["old1", "old2"]))
        await asyncio.sleep(0.05)
        await owner.shutdown()

    qloop.run_until_complete(scenario())
    assert [m.key_at(r) for r in range(m.rowCount())] == ["new.mp4"]


def test_filtered_pages_keep_fetching_until_something_shows(
    qloop: asyncio.AbstractEventLoop,
) -> None:
    owner = TaskOwner()
    m = ObjectsModel(lambda coro, name: owner.start(coro, name=name))
    pages = {
        "": page(["a.txt", "b.txt"], marker="2"),
        "2": page(["c.txt"], marker="3"),
        "3": page(["d.mp4"]),
    }

    async def fetch(marker: str) -> ListPage:
        return pages[marker]

    async def scenario() -> None:
        m.set_type_filter(Kind.VIDEO)
        m.set_source(fetch)
        m.fetchMore(QModelIndex())
        await wait_until(lambda: m.rowCount() == 1)
        await owner.shutdown()

    qloop.run_until_complete(scenario())
    assert m.key_at(0) == "d.mp4"
    assert m.loaded_object_count == 4
    m.set_type_filter(None)
    assert m.rowCount() == 4


def test_display_roles(qapp: Any) -> None:
    m = ObjectsModel()
    m.append_page(page(["v/clip.mp4"]))
    idx = m.index(0, Column.SIZE)
    assert m.data(idx, Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignRight)
    assert m.data(idx, Qt.ItemDataRole.ToolTipRole) == "2,048"
    assert m.data(m.index(0, Column.TYPE)) == "MP4 video"
    assert not m.data(m.index(0, Column.NAME), Qt.ItemDataRole.DecorationRole).isNull()
    assert m.data(m.index(0, Column.MODIFIED))  # a relative or exact time, never empty
