"""Objects of one bucket folder, paged lazily from `list_page` — built for a million rows.

Rows are stored compactly (parallel lists/arrays, interned mime strings; no QStandardItem, no
per-row QObject) and each page is added with one `beginInsertRows` — never a reset per page. A
reset happens only when the source changes (bucket, folder, search) or the type filter changes.
Folders (common prefixes) stay first: they are inserted after the last folder row.
"""

from __future__ import annotations

import asyncio
import logging
from array import array
from collections.abc import Awaitable, Callable, Coroutine
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon

from qfopgui.api.models import ListPage
from qfopgui.ui import human_readable as fmt
from qfopgui.ui.files.object_kinds import Kind, kind_of
from qfopgui.ui.translated_messages import api_error_text
from qfopgui.ui.widgets.icons import icon

log = logging.getLogger(__name__)

__all__ = ["Column", "Kind", "ObjectsModel", "kind_of"]

Index = QModelIndex | QPersistentModelIndex
FetchPage = Callable[[str], Awaitable[ListPage]]  # marker -> page
StartTask = Callable[[Coroutine[Any, Any, None], str], Any]  # (coro, name) -> task


class Column(IntEnum):
    NAME = 0
    SIZE = 1
    TYPE = 2
    MODIFIED = 3


KEY_ROLE = Qt.ItemDataRole.UserRole + 1
IS_FOLDER_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3

_ROLES = frozenset(
    (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        KEY_ROLE,
        IS_FOLDER_ROLE,
        KIND_ROLE,
    )
)


class ObjectsModel(QAbstractTableModel):
    """A lazily paged listing; `set_source()` starts over, `fetchMore()` loads the next page."""

    loading_changed = Signal(bool)
    failed = Signal(str)  # user-facing message; empty string when the error is cleared
    page_loaded = Signal(int)  # items in the page just added
    count_changed = Signal()

    def __init__(self, start_task: StartTask | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._start_task = start_task
        self._fetch: FetchPage | None = None
        self._base = ""
        self._folders: list[str] = []
        self._keys: list[str] = []
        self._sizes = array("q")
        self._times = array("q")
        self._mimes: list[str] = []
        self._kinds = bytearray()
        self._mime_pool: dict[str, str] = {}
        self._filter: Kind | None = None
        self._visible: array[int] | None = None  # item indexes shown while a filter is on
        self._marker = ""
        self._more = False
        self._in_flight = False
        self._error = ""
        self._generation = 0
        self._icons: dict[Kind, QIcon] = {}
        self._now = datetime.now(UTC)

    # -- source --------------------------------------------------------------------------------
    def set_source(self, fetch: FetchPage | None, *, base: str = "") -> None:
        """Start a new listing: `fetch(marker)` gives the next page; `base` is cut from names."""
        self.beginResetModel()
        self._generation += 1
        self._fetch = fetch
        self._base = base
        self._folders = []
        self._keys = []
        self._sizes = array("q")
        self._times = array("q")
        self._mimes = []
        self._kinds = bytearray()
        self._visible = array("l") if self._filter is not None else None
        self._marker = ""
        self._more = fetch is not None
        self._error = ""
        self._now = datetime.now(UTC)
        self._set_in_flight(False)
        self.endResetModel()
        self.count_changed.emit()
        self.failed.emit("")

    def set_type_filter(self, kind: Kind | None) -> None:
        """Show only one kind of file (folders always stay). One reset; O(n) over a bytearray."""
        if kind == self._filter:
            return
        self.beginResetModel()
        self._filter = kind
        self._visible = None if kind is None else self._matching(0, len(self._keys))
        self.endResetModel()
        self.count_changed.emit()
        if self._visible is not None and not self._visible and self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def _matching(self, start: int, stop: int) -> array[int]:
        want = int(self._filter) if self._filter is not None else -1
        kinds = self._kinds
        return array("l", (i for i in range(start, stop) if kinds[i] == want))

    # -- counts and state ----------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._in_flight

    @property
    def has_more(self) -> bool:
        return self._more

    @property
    def error(self) -> str:
        return self._error

    @property
    def folder_count(self) -> int:
        return len(self._folders)

    @property
    def object_count(self) -> int:
        """Objects shown (after the type filter)."""
        return len(self._keys) if self._visible is None else len(self._visible)

    @property
    def loaded_object_count(self) -> int:
        return len(self._keys)

    def _set_in_flight(self, value: bool) -> None:
        if self._in_flight != value:
            self._in_flight = value
            self.loading_changed.emit(value)

    # -- paging ---------------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid()
            and self._fetch is not None
            and self._more
            and not self._in_flight
            and not self._error
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._start_task is None:
            return
        self._set_in_flight(True)
        self._start_task(self._load(self._generation, self._marker), f"objects-page:{id(self)}")

    async def _load(self, generation: int, marker: str) -> None:
        fetch = self._fetch
        if generation != self._generation or fetch is None:
            return  # the listing was replaced (e.g. account switched) before this task ran
        try:
            page = await fetch(marker)
        except asyncio.CancelledError:
            if generation == self._generation:
                self._set_in_flight(False)
            raise
        except Exception as exc:  # noqa: BLE001 - shown inline with Retry
            if generation != self._generation:
                return
            self._error = api_error_text(exc)
            log.warning("listing failed: %s", exc)
            self._set_in_flight(False)
            self.failed.emit(self._error)
            return
        if generation != self._generation:
            return
        self._set_in_flight(False)
        shown = self.append_page(page)
        if shown == 0 and self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())  # a filtered page added nothing: keep going

    def retry(self) -> None:
        """Clear an error and fetch the next page again."""
        if self._error:
            self._error = ""
            self.failed.emit("")
        self.fetchMore(QModelIndex())

    def append_page(self, page: ListPage) -> int:
        """Add one page (folders after the last folder, objects at the end); returns rows added."""
        self._marker = page.marker
        self._more = bool(page.marker)
        added = 0
        known = set(self._folders) if page.prefixes else ()
        folders = [p for p in page.prefixes if p not in known]
        if folders:
            at = len(self._folders)
            self.beginInsertRows(QModelIndex(), at, at + len(folders) - 1)
            self._folders.extend(folders)
            self.endInsertRows()
            added += len(folders)
        items = page.items
        if items:
            start = len(self._keys)
            pool = self._mime_pool
            keys, mimes, kinds = [], [], bytearray()
            sizes, times = array("q"), array("q")
            for it in items:
                mime = pool.setdefault(it.mime_type, it.mime_type)
                keys.append(it.key)
                mimes.append(mime)
                kinds.append(kind_of(it.key, mime))
                sizes.append(it.fsize)
                times.append(it.put_time)
            if self._visible is None:
                first = len(self._folders) + start
                self.beginInsertRows(QModelIndex(), first, first + len(items) - 1)
                self._store(keys, mimes, kinds, sizes, times)
                self.endInsertRows()
                added += len(items)
            else:
                self._store(keys, mimes, kinds, sizes, times)
                new = self._matching(start, len(self._keys))
                if new:
                    first = len(self._folders) + len(self._visible)
                    self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
                    self._visible.extend(new)
                    self.endInsertRows()
                    added += len(new)
        self.page_loaded.emit(len(items))
        self.count_changed.emit()
        return added

    def _store(
        self,
        keys: list[str],
        mimes: list[str],
        kinds: bytearray,
        sizes: array[int],
        times: array[int],
    ) -> None:
        self._keys.extend(keys)
        self._mimes.extend(mimes)
        self._kinds.extend(kinds)
        self._sizes.extend(sizes)
        self._times.extend(times)

    # -- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._folders) + self.object_count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:  # headers line up with their column
            left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
            side = right if section == Column.SIZE else left
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Name"), self.tr("Size"), self.tr("Type"), self.tr("Modified"))[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def item_index(self, row: int) -> int:
        """Row → position in the item arrays, or -1 for a folder row."""
        i = row - len(self._folders)
        if i < 0:
            return -1
        return i if self._visible is None else self._visible[i]

    def key_at(self, row: int) -> str:
        i = self.item_index(row)
        return self._folders[row] if i < 0 else self._keys[i]

    def is_folder(self, row: int) -> bool:
        return row < len(self._folders)

    def size_at(self, row: int) -> int | None:
        """Bytes of a file row (None for a folder)."""
        i = self.item_index(row)
        return None if i < 0 else self._sizes[i]

    def modified_at(self, row: int) -> datetime | None:
        i = self.item_index(row)
        return None if i < 0 else self._modified(i)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks ~10 roles per painted cell; answer the ones we ignore at once.
        if role not in _ROLES or not index.isValid():
            return None
        row, col = index.row(), index.column()
        if row >= len(self._folders) + self.object_count:
            return None
        i = self.item_index(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, i, col)
        if role == Qt.ItemDataRole.DecorationRole and col == Column.NAME:
            return self._icon(Kind.FOLDER if i < 0 else Kind(self._kinds[i]))
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == Column.MODIFIED and i >= 0:
                return fmt.exact_time(self._modified(i))
            if col == Column.SIZE and i >= 0:
                return f"{self._sizes[i]:,}"
            return self.key_at(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == Column.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == KEY_ROLE:
            return self.key_at(row)
        if role == IS_FOLDER_ROLE:
            return i < 0
        if role == KIND_ROLE:
            return int(Kind.FOLDER if i < 0 else self._kinds[i])
        return None

    def _modified(self, i: int) -> datetime:
        return datetime.fromtimestamp(self._times[i] / 10_000_000, tz=UTC)

    def _display(self, row: int, i: int, col: int) -> str:
        if i < 0:
            if col == Column.NAME:
                return self._folders[row][len(self._base) :].rstrip("/") or "/"
            return self.tr("Folder") if col == Column.TYPE else ""
        if col == Column.NAME:
            key = self._keys[i]
            return key[len(self._base) :] if key.startswith(self._base) else key
        if col == Column.SIZE:
            return fmt.human_size(self._sizes[i])
        if col == Column.TYPE:
            return self._type_text(self._keys[i], Kind(self._kinds[i]))
        return fmt.relative_time(self._modified(i), self._now)

    def _type_text(self, key: str, kind: Kind) -> str:
        ext = key.rpartition(".")[2].upper() if "." in key.rpartition("/")[2] else ""
        word = {
            Kind.VIDEO: self.tr("video"),
            Kind.AUDIO: self.tr("audio"),
            Kind.IMAGE: self.tr("image"),
        }.get(kind, self.tr("file"))
        return f"{ext} {word}" if ext and len(ext) <= 5 else word.capitalize()

    def _icon(self, kind: Kind) -> QIcon:
        ic = self._icons.get(kind)
        if ic is None:
            ic = icon(
                {
                    Kind.FOLDER: "folder",
                    Kind.VIDEO: "video",
                    Kind.AUDIO: "audio",
                    Kind.IMAGE: "image",
                }.get(kind, "file")
            )
            self._icons[kind] = ic
        return ic
