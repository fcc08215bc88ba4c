"""Objects of one bucket folder, paged lazily from `list_page` — built for a million rows.

Rows are stored compactly (`listing_rows`: parallel arrays, one class byte per object; no
QStandardItem, no per-row QObject) and each page is added with one `beginInsertRows` — never a
reset per page. A reset happens only when the source changes (bucket, folder, search), a filter
changes (type chips, Hide outputs) or newly known outputs change which rows show. Folders
(common prefixes) stay first: they are inserted after the last folder row. HLS segments are no
rows: their playlist's row counts them (`hls_groups`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from qfopgui.api.models import ListPage
from qfopgui.services.output_index import OutputMark
from qfopgui.ui.files import object_texts as texts
from qfopgui.ui.files.hls_groups import OutputLookup
from qfopgui.ui.files.listing_filter import ClassCounts, ListingFilter
from qfopgui.ui.files.listing_rows import ListingRows, runs
from qfopgui.ui.files.object_kinds import Kind, kind_of
from qfopgui.ui.files.object_texts import Column
from qfopgui.ui.translated_messages import api_error_text
from qfopgui.ui.widgets.name_elide import BADGE_ROLE

log = logging.getLogger(__name__)

__all__ = ["BADGE_ROLE", "Column", "Kind", "ObjectsModel", "kind_of"]

Index = QModelIndex | QPersistentModelIndex
FetchPage = Callable[[str], Awaitable[ListPage]]  # marker -> page
StartTask = Callable[[Coroutine[Any, Any, None], str], Any]  # (coro, name) -> task


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
        BADGE_ROLE,
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
        self._rows = ListingRows(None, ListingFilter())
        self._marker = ""
        self._more = False
        self._in_flight = False
        self._error = ""
        self._generation = 0
        self._now = datetime.now(UTC)

    # -- source and filters --------------------------------------------------------------------
    def set_source(self, fetch: FetchPage | None, *, base: str = "") -> None:
        """Start a new listing: `fetch(marker)` gives the next page; `base` is cut from names."""
        self.beginResetModel()
        self._generation += 1
        self._fetch = fetch
        self._base = base
        self._rows = ListingRows(self._rows.outputs, self._rows.filter)
        self._marker = ""
        self._more = fetch is not None
        self._error = ""
        self._now = datetime.now(UTC)
        self._set_in_flight(False)
        self.endResetModel()
        self.count_changed.emit()
        self.failed.emit("")

    def set_type_filter(self, kind: Kind | None) -> None:
        """Show only one kind of file (folders always stay). One reset; C loops only."""
        self._set_filter(ListingFilter(kind, self._rows.filter.hide_outputs))

    def set_hide_outputs(self, hide: bool) -> None:
        """Hide (or show again) the objects qfopgui's jobs made. One reset; C loops only."""
        self._set_filter(ListingFilter(self._rows.filter.kind, hide))

    def _set_filter(self, wanted: ListingFilter) -> None:
        rows = self._rows
        if wanted == rows.filter:
            return
        self.beginResetModel()
        rows.filter, rows.visible = wanted, rows.shown_for(wanted)
        self.endResetModel()
        self.count_changed.emit()
        if not rows.visible and self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def set_outputs(self, outputs: OutputLookup | None) -> bool:
        """Mark the objects qfopgui made (this bucket's `BucketOutputs`; None: none known).

        Re-marks what is loaded: True when that changed which rows show (one reset); else
        only the marks are repainted.
        """
        rows = self._rows
        rows.outputs = outputs
        if not rows.keys:
            return False
        classes, groups = rows.remarked(outputs)
        old_visible = rows.visible
        rows.classes, rows.groups, rows.counts = classes, groups, ClassCounts(classes)
        visible = rows.shown_for(rows.filter)
        if visible == old_visible:
            if self.rowCount():
                last = self.index(self.rowCount() - 1, Column.TYPE)
                self.dataChanged.emit(self.index(0, 0), last)
            self.count_changed.emit()
            return False
        self.beginResetModel()
        rows.visible = visible
        self.endResetModel()
        self.count_changed.emit()
        return True

    def mark_outputs(self, keys: Iterable[str]) -> None:
        """These keys became outputs (job events): mark just them, found by bisection (no scan,
        no reset). Rows they hide (Hide outputs, HLS segments of a listed playlist) go."""
        rows = self._rows
        items = rows.mark_keys(keys)
        if not items:
            return
        grouped = rows.adopt_segments(items)
        table = rows.filter.table
        offset = len(rows.folders)
        for first, last in reversed(
            runs(rows.positions_of(i for i in items if not table[rows.classes[i]]))
        ):
            self.beginRemoveRows(QModelIndex(), offset + first, offset + last)
            del rows.visible[first : last + 1]
            self.endRemoveRows()
        shown = rows.positions_of(items)
        if grouped and self.rowCount():  # a playlist's count changed too
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, Column.NAME))
        elif shown:
            last_col = Column.MODIFIED
            top, bottom = offset + shown[0], offset + shown[-1]
            self.dataChanged.emit(self.index(top, 0), self.index(bottom, last_col))
        self.count_changed.emit()

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
        return len(self._rows.folders)

    @property
    def object_count(self) -> int:
        """Objects shown (after the filters; grouped HLS segments are not rows)."""
        return len(self._rows.visible)

    @property
    def loaded_object_count(self) -> int:
        return len(self._rows.keys)

    @property
    def listing_filter(self) -> ListingFilter:
        return self._rows.filter

    @property
    def hidden_output_count(self) -> int:
        """Loaded objects of the chosen type that are no rows only because of Hide outputs."""
        return self._rows.filter.hidden_outputs(self._rows.counts)

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
        """Add one page (folders after the last folder, objects at the end); returns rows added
        (minus segment rows it took away)."""
        rows = self._rows
        self._marker = page.marker
        self._more = bool(page.marker)
        added = 0
        folders = rows.new_folders(page.prefixes)
        if folders:
            at = len(rows.folders)
            self.beginInsertRows(QModelIndex(), at, at + len(folders) - 1)
            rows.folders.extend(folders)
            self.endInsertRows()
            added += len(folders)
        if page.items:
            new, late = rows.store(page.items)
            if new:
                first = rows.row_count
                self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
                rows.visible.extend(new)
                self.endInsertRows()
                added += len(new)
            for first, last in reversed(rows.group_late(late)):
                offset = len(rows.folders)
                self.beginRemoveRows(QModelIndex(), offset + first, offset + last)
                del rows.visible[first : last + 1]
                self.endRemoveRows()
                added -= last - first + 1
        self.page_loaded.emit(len(page.items))
        self.count_changed.emit()
        return added

    # -- rows ------------------------------------------------------------------------------------
    def item_index(self, row: int) -> int:
        """Row → position in the item arrays, or -1 for a folder row."""
        return self._rows.item_index(row)

    def key_at(self, row: int) -> str:
        i = self._rows.item_index(row)
        return self._rows.folders[row] if i < 0 else self._rows.keys[i]

    def is_folder(self, row: int) -> bool:
        return row < len(self._rows.folders)

    def has_folder(self, prefix: str) -> bool:
        """Whether this folder ("a/b/") is a row (loaded so far)."""
        return prefix in self._rows.folders

    def size_at(self, row: int) -> int | None:
        """Bytes of a file row (None for a folder)."""
        i = self._rows.item_index(row)
        return None if i < 0 else self._rows.sizes[i]

    def modified_at(self, row: int) -> datetime | None:
        i = self._rows.item_index(row)
        return None if i < 0 else self._modified(i)

    def type_text_at(self, row: int) -> str:
        """ "MP4 video", "Folder": the plain type, without output or segment marks."""
        i = self._rows.item_index(row)
        return texts.folder_word() if i < 0 else texts.type_text(self._rows.keys[i], self._kind(i))

    def output_mark_at(self, row: int) -> OutputMark | None:
        """Which qfopgui job made this row's object (None: not an output, or a folder)."""
        i = self._rows.item_index(row)
        return None if i < 0 else self._rows.mark(i)

    def segment_count_at(self, row: int) -> int:
        """HLS segments counted in this playlist's row (0 for any other row)."""
        i = self._rows.item_index(row)
        return 0 if i < 0 else self._rows.groups.count(self._rows.keys[i])

    def rows_of(self, keys: Iterable[str]) -> dict[str, int]:
        """Key → row of those keys that are rows now."""
        return self._rows.rows_of(keys)

    # -- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows.row_count

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

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks ~10 roles per painted cell; answer the ones we ignore at once.
        if role not in _ROLES or not index.isValid():
            return None
        row, col = index.row(), index.column()
        if row >= self._rows.row_count:
            return None
        i = self._rows.item_index(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, i, col)
        if role == Qt.ItemDataRole.DecorationRole and col == Column.NAME:
            return texts.kind_icon(Kind.FOLDER if i < 0 else self._kind(i))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, i, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == Column.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == KEY_ROLE:
            return self.key_at(row)
        if role == IS_FOLDER_ROLE:
            return i < 0
        if role == KIND_ROLE:
            return int(Kind.FOLDER if i < 0 else self._kind(i))
        if role == BADGE_ROLE and col == Column.NAME and i >= 0:
            return texts.badge_text(self._rows.is_output(i), self.segment_count_at(row))
        return None

    def _kind(self, i: int) -> Kind:
        return self._rows.kind(i)

    def _modified(self, i: int) -> datetime:
        return texts.modified(self._rows, i)

    def _display(self, row: int, i: int, col: int) -> str:
        return texts.cell_text(self._rows, self._base, self._now, row, i, col)

    def _tooltip(self, row: int, i: int, col: int) -> str:
        return texts.cell_tooltip(self._rows, row, i, col)
