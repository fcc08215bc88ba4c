"""The auto-refresh of the folder shown is debounced and invisible (issue: "the Files view shows
the new outputs without Refresh"): one reload for a burst, at most one per gap, never while a
search is typed, and the new listing is fetched before it replaces the old one."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from qfopgui.api.models import ListPage
from qfopgui.ui.background import TaskOwner
from qfopgui.ui.files.listing_refresh import ListingRefresher, ListingSource, shows_any
from qfopgui.ui.files.objects_model import ObjectsModel
from tests.gui.appfakes import obj
from tests.helpers.aio import wait_until

pytestmark = pytest.mark.gui


class Clock:
    now = 100.0

    def __call__(self) -> float:
        return self.now


class Host:
    def __init__(self) -> None:
        self.model = ObjectsModel()
        self.typing = False
        self.where = ("A", "media", "v/")
        self.fetched: list[str] = []
        self.swaps: list[list[str]] = []

    async def fetch(self, marker: str) -> ListPage:
        self.fetched.append(marker)
        n = int(marker or 0)
        return ListPage((obj(f"v/{n}.mp4"),), (), "" if n >= 2 else str(n + 1))

    def listing_source(self) -> ListingSource | None:
        return ListingSource(self.where, "v/", self.fetch)

    def is_typing(self) -> bool:
        return self.typing

    def swap_listing(self, source: ListingSource, pages: list[ListPage]) -> None:
        self.swaps.append([it.key for p in pages for it in p.items])


def run(qloop: Any, body: Any) -> None:
    owner = TaskOwner()

    async def scenario() -> None:
        try:
            await body(owner)
        finally:
            await owner.shutdown()

    qloop.run_until_complete(scenario())


def refresher(host: Host, owner: TaskOwner, clock: Clock) -> ListingRefresher:
    return ListingRefresher(
        host,
        lambda coro, name: owner.start_load(coro, name=name),
        quiet_ms=20,
        min_gap_ms=2000,
        max_wait_ms=5000,
        clock=clock,
    )


def test_a_burst_is_one_reload_and_the_next_waits_for_the_gap(qloop: Any) -> None:
    host, clock = Host(), Clock()

    async def body(owner: TaskOwner) -> None:
        r = refresher(host, owner, clock)
        for _ in range(5):
            r.request()
        await wait_until(lambda: host.swaps)
        assert r.reloads == 1
        assert host.swaps == [["v/0.mp4"]]  # nothing was loaded: one page is enough
        r.request()
        await asyncio.sleep(0.15)  # the quiet time passed many times, the gap did not
        assert r.reloads == 1
        assert r.pending
        clock.now += 2.0
        r.request()  # (re-arms the short quiet timer instead of the real 2 s one)
        await wait_until(lambda: r.reloads == 2)
        await wait_until(lambda: len(host.swaps) == 2)

    run(qloop, body)


def test_never_while_a_search_is_typed(qloop: Any) -> None:
    host, clock = Host(), Clock()

    async def body(owner: TaskOwner) -> None:
        r = refresher(host, owner, clock)
        host.typing = True
        r.request()
        await asyncio.sleep(0.15)
        assert r.reloads == 0
        host.typing = False
        await wait_until(lambda: r.reloads == 1)
        r.request()
        r.cancel()  # the search's own reload came first
        clock.now += 5
        await asyncio.sleep(0.1)
        assert r.reloads == 1

    run(qloop, body)


def test_the_refetch_covers_what_was_loaded_and_drops_a_stale_answer(qloop: Any) -> None:
    host, clock = Host(), Clock()
    host.model.append_page(ListPage((obj("v/0.mp4"), obj("v/1.mp4")), (), "more"))

    async def body(owner: TaskOwner) -> None:
        r = refresher(host, owner, clock)
        r.request()
        await wait_until(lambda: host.swaps)
        assert host.swaps == [["v/0.mp4", "v/1.mp4"]]  # two rows were loaded: two pages
        host.where = ("A", "media", "other/")  # the user moves on while it fetches
        clock.now += 3
        gate = asyncio.Event()
        real_fetch = host.fetch

        async def slow(marker: str) -> ListPage:
            await gate.wait()
            return await real_fetch(marker)

        source = ListingSource(("A", "media", "v/"), "v/", slow)
        host.listing_source = lambda: source  # type: ignore[method-assign]
        r.request()
        await wait_until(lambda: r.reloads == 2)
        host.listing_source = lambda: ListingSource(host.where, "o/", real_fetch)  # type: ignore[method-assign]
        gate.set()
        await asyncio.sleep(0.05)
        assert len(host.swaps) == 1

    run(qloop, body)


def test_which_written_keys_change_the_folder_shown() -> None:
    def no_folders(_prefix: str) -> bool:
        return False

    def has_sub(prefix: str) -> bool:
        return prefix == "v/sub/"

    assert shows_any(["v/new.mp4"], "v/", "", no_folders)
    assert not shows_any(["w/new.mp4", "vv.mp4"], "v/", "", no_folders)
    assert shows_any(["v/sub/x.mp4"], "v/", "", no_folders)  # a new subfolder
    assert not shows_any(["v/sub/x.mp4"], "v/", "", has_sub)  # the subfolder is there
    assert not shows_any(["v/new.mp4"], "v/", "old", no_folders)  # the search hides it
    assert shows_any(["v/olden.mp4"], "v/", "old", no_folders)
