"""Reload the folder on screen when something wrote into it, without disturbing the user.

Requests are debounced: the reload starts at least `quiet_ms` after the last request, at most
once per `min_gap_ms`, and at the latest `max_wait_ms` after the first request it answers (so a
long stream of finishing jobs cannot postpone it forever); while the user types a search it
waits (the search reload lists the folder anyway and cancels the request). The new listing
is fetched in the background — up to as many rows as were loaded, at most `MAX_PAGES` pages —
and swapped in at once, so the table never flashes "Loading files…" and keeps its selection,
current row and scroll position (`view_state`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer

from qfopgui.api.models import ListPage
from qfopgui.ui.context import AppContext
from qfopgui.ui.files.objects_model import FetchPage, ObjectsModel

__all__ = [
    "MAX_PAGES",
    "ListingRefresher",
    "ListingSource",
    "RefreshHost",
    "listing_source",
    "shows_any",
]

log = logging.getLogger(__name__)

MAX_PAGES = 50  # a refresh re-reads at most this many pages (50,000 objects)
StartLoad = Callable[[Coroutine[Any, Any, None], str], Any]  # (coro, name): latest wins


@dataclass(frozen=True)
class ListingSource:
    """What is listed: `where` = (profile, bucket, listed prefix) tells two listings apart."""

    where: tuple[str, str, str]
    base: str
    fetch: FetchPage


class RefreshHost(Protocol):
    """What the refresher needs from the Files view."""

    model: ObjectsModel

    def listing_source(self) -> ListingSource | None: ...
    def is_typing(self) -> bool: ...
    def swap_listing(self, source: ListingSource, pages: list[ListPage]) -> None: ...


class ListingRefresher(QObject):
    """`request()` asks for a reload of the listing on screen; see the module docstring."""

    def __init__(
        self,
        host: RefreshHost,
        start_load: StartLoad,
        *,
        quiet_ms: int = 1000,
        min_gap_ms: int = 2000,
        max_wait_ms: int = 5000,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._host = host
        self._start_load = start_load
        self._quiet, self._gap, self._max_wait = quiet_ms, min_gap_ms, max_wait_ms
        self._clock = clock
        self._first = 0.0  # when the oldest unanswered request came
        self._last = -1e9  # when the last reload started
        self._pending = False
        self.reloads = 0  # reloads started (for tests and logs)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._due)

    @property
    def pending(self) -> bool:
        return self._pending

    def request(self) -> None:
        now = self._clock()
        if not self._pending:
            self._pending, self._first = True, now
        waited_ms = (now - self._first) * 1000
        if not self._timer.isActive() or waited_ms + self._quiet <= self._max_wait:
            self._timer.start(self._quiet)

    def cancel(self) -> None:
        """The listing was just reloaded another way (navigation, search): nothing to do."""
        self._pending = False
        self._timer.stop()

    def _due(self) -> None:
        if not self._pending:
            return
        if self._host.is_typing():
            self._timer.start(self._quiet)
            return
        wait_ms = self._gap - (self._clock() - self._last) * 1000
        if wait_ms > 0:
            self._timer.start(int(wait_ms) + 1)
            return
        source = self._host.listing_source()
        self._pending = False
        if source is None:
            return
        self._last = self._clock()
        self.reloads += 1
        model = self._host.model
        want = model.folder_count + model.loaded_object_count
        self._start_load(self._fetch(source, want), "files:refresh")

    async def _fetch(self, source: ListingSource, want: int) -> None:
        pages: list[ListPage] = []
        marker, rows = "", 0
        try:
            while True:
                page = await source.fetch(marker)
                pages.append(page)
                rows += len(page.items) + len(page.prefixes)
                marker = page.marker
                if not marker or rows >= want or len(pages) >= MAX_PAGES:
                    break
        except Exception as exc:  # noqa: BLE001 - the listing on screen stays; a later request retries
            log.warning("refreshing the listing failed: %s", exc)
            return
        current = self._host.listing_source()
        if current is None or current.where != source.where:
            return  # the user went elsewhere meanwhile
        self._host.swap_listing(current, pages)


def listing_source(
    ctx: AppContext, profile: str, bucket: str, folder: str, search: str
) -> ListingSource:
    """The listing of `folder` (names starting with `search`) through the network executor."""
    prefix = folder + search
    run_blocking, clients = ctx.run_blocking, ctx.clients

    async def fetch(marker: str) -> ListPage:
        client = clients.client_for(profile)
        page: ListPage = await run_blocking(
            lambda: client.list_page(bucket, prefix=prefix, delimiter="/", marker=marker)
        )
        return page

    return ListingSource((profile, bucket, prefix), folder, fetch)


def shows_any(
    keys: Iterable[str], folder: str, search: str, has_folder: Callable[[str], bool]
) -> bool:
    """Whether a listing of `folder` (names starting with `search`, "/" as delimiter) would
    change for these written keys: one is in it, or makes a subfolder it does not show yet."""
    listed = folder + search
    for key in keys:
        if key.startswith(listed):
            name, slash, _ = key[len(folder) :].partition("/")
            if not slash or not has_folder(folder + name + "/"):
                return True
    return False
