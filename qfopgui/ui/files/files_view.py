"""Files: buckets on the left; breadcrumb, prefix search, type chips and the lazy object table.

Everything slow (bucket list, pages of the listing, the outputs qfopgui made) runs through
`ctx.run_blocking`/`ctx.run_store` as tasks of `ctx.tasks`, named so that a newer request
replaces an older one (latest wins). Objects that qfopgui's jobs made carry an "output" mark and
can be hidden (Hide outputs); a job or upload writing into the folder on screen reloads it
(`refresh_if_showing`), keeping what the user had selected.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine, Iterable
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from qfopgui.api.models import BucketInfo, ListPage
from qfopgui.services.output_index import OutputIndex
from qfopgui.services.profiles import Profile
from qfopgui.ui import human_readable as fmt
from qfopgui.ui.context import AppContext
from qfopgui.ui.files.bucket_pane import BucketPane, remembered_bucket
from qfopgui.ui.files.file_details import FileDetails
from qfopgui.ui.files.files_outputs import FilesOutputs
from qfopgui.ui.files.files_states import EmptyAction, ErrorBar, ListingState, empty_state
from qfopgui.ui.files.listing_refresh import (
    ListingRefresher,
    ListingSource,
    listing_source,
    shows_any,
)
from qfopgui.ui.files.objects_model import Kind, ObjectsModel
from qfopgui.ui.files.objects_table import build_objects_table
from qfopgui.ui.files.view_state import capture, keeping_view, restore
from qfopgui.ui.widgets.breadcrumb import Breadcrumb
from qfopgui.ui.widgets.chips import ChipGroup
from qfopgui.ui.widgets.message_panel import MessagePanel, error_text

__all__ = ["FilesView", "error_text"]

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 300


class FilesView(QWidget):
    """The bucket browser. `selection_changed` fires when the set of selected files changes."""

    selection_changed = Signal()
    bucket_changed = Signal(str)
    connection_changed = Signal(bool, str)  # buckets listed?, error message

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, outputs: OutputIndex | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._profile: Profile | None = None
        self._bucket: str | None = None
        self._prefix = ""
        self._buckets: list[BucketInfo] = []
        self._buckets_state = "idle"  # idle | loading | error | loaded
        self._swapping = False  # a refreshed listing is being put in place
        self.model = ObjectsModel(self._start_page_load, self)
        self.refresher = ListingRefresher(self, self._start_page_load, parent=self)
        self._outputs_index = outputs
        self._build()
        self._wire()
        self._show_state()

    # -- building -------------------------------------------------------------------------------

    def _on_search_edited(self, _text: str) -> None:
        self._search_timer.start()

    def _on_model_state_changed(self, *_args: object) -> None:
        if not self._swapping:
            self._show_state()

    def _start_page_load(self, coro: Coroutine[Any, Any, None], name: str) -> None:
        """The object model's page loads: a newer listing replaces an older one."""
        self._ctx.tasks.start_load(coro, name=name)

    def _build(self) -> None:
        self.buckets_pane = BucketPane()
        self.bucket_list = self.buckets_pane.list
        self.breadcrumb = Breadcrumb()
        self.search = QLineEdit()
        self.search.setObjectName("files_search")
        self.search.setPlaceholderText(self.tr("Find files whose name starts with…"))
        self.search.setAccessibleName(self.search.placeholderText())
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)
        top = QHBoxLayout()
        top.addWidget(self.breadcrumb, 1)
        top.addWidget(self.search)

        self.chips = ChipGroup(
            [
                (self.tr("All"), None),
                (self.tr("Video"), Kind.VIDEO),
                (self.tr("Audio"), Kind.AUDIO),
                (self.tr("Image"), Kind.IMAGE),
            ]
        )
        self.count_label = QLabel()
        self.count_label.setObjectName("files_count")
        self.count_label.setEnabled(False)
        # its text changes with every selection: it must never widen the pane and resize others
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.table = build_objects_table(self.model, self.fontMetrics())
        self.files_outputs = FilesOutputs(
            self._ctx,
            self.model,
            self.table,
            self._shown_bucket,
            self._show_state,
            index=self._outputs_index,
            parent=self,
        )
        self.outputs = self.files_outputs.index  # what qfopgui made, per bucket
        self.hide_outputs_button = self.files_outputs.chip
        chips_row = QHBoxLayout()
        chips_row.addWidget(self.chips)
        chips_row.addSpacing(8)
        chips_row.addWidget(self.hide_outputs_button)
        chips_row.addStretch(1)
        self.details = FileDetails(self._ctx, self)  # Details pane (toggle in the chips row)
        chips_row.addWidget(self.details.toggle)

        self.error_bar = ErrorBar()  # "Could not load more files" above the rows that did load
        self.error_label, self.retry_button = self.error_bar.label, self.error_bar.retry_button

        self.message = MessagePanel()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.message)

        right = QWidget()
        rcol = QVBoxLayout(right)
        rcol.setContentsMargins(0, 0, 0, 0)
        rcol.addLayout(top)
        rcol.addLayout(chips_row)
        rcol.addWidget(self.error_bar)
        rcol.addWidget(self.stack, 1)
        rcol.addWidget(self.count_label)  # under the rows, where it never crowds the chips

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.buckets_pane)
        self.splitter.addWidget(right)
        self.splitter.addWidget(self.details)
        for pane, stretch in ((0, 0), (1, 1), (2, 0)):  # a wider window widens the listing
            self.splitter.setStretchFactor(pane, stretch)
        self.splitter.setSizes([150, 620, 250])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 6)
        outer.addWidget(self.splitter)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)

    def _wire(self) -> None:
        self.bucket_list.currentItemChanged.connect(self._bucket_item_changed)
        self.breadcrumb.navigated.connect(self.open_folder)
        self.search.textChanged.connect(self._on_search_edited)
        self._search_timer.timeout.connect(self._reload_listing)
        self.chips.changed.connect(self._type_chosen)
        self.retry_button.clicked.connect(self.model.retry)
        self.table.doubleClicked.connect(self._activated)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        for sig in (self.model.count_changed, self.model.loading_changed, self.model.failed):
            sig.connect(self._on_model_state_changed)
        self.model.modelReset.connect(self.selection_changed.emit)
        up = QShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Up), self)
        up.activated.connect(self.go_up)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(self.search.setFocus)

    # -- public API --------------------------------------------------------------------------------
    def current_profile(self) -> Profile | None:
        return self._profile

    def current_bucket(self) -> str | None:
        return self._bucket

    def current_prefix(self) -> str:
        return self._prefix

    def selected_keys(self) -> list[str]:
        """Keys of the selected files, in table order (folders are not included)."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.key_at(r) for r in rows if not self.model.is_folder(r)]

    def set_profile(self, profile: Profile | None) -> None:
        """Show this profile's buckets (loaded in the background)."""
        self._profile = profile
        self._buckets = []
        self._buckets_state = "idle"
        self._set_bucket(None)
        self.bucket_list.clear()
        if profile is None:
            self._ctx.tasks.cancel("files:buckets")
            self._show_state()
            return
        self._ctx.tasks.start_load(self._load_buckets(profile), name="files:buckets")

    def refresh(self) -> None:
        """F5: reload the bucket list (keeping the bucket and folder) or just the listing."""
        if self._profile is None:
            return
        if not self._buckets:
            self.set_profile(self._profile)
        else:
            self._reload_listing()

    def refresh_if_showing(
        self, bucket: str, keys: Iterable[str], *, profile: str | None = None
    ) -> bool:
        """Objects `keys` of `bucket` were written (a job finished, an upload is done): reload
        the listing soon if one of them is in the folder on screen or makes a new folder in it.

        Debounced (`ListingRefresher`: ≥ 1 s after the last call, ≤ once per 2 s; never while
        the user types a search) and invisible: the selection, current row and scroll position
        stay. `profile` (if given) must be the account shown. True when a reload is due.
        """
        if self._profile is None or self._bucket != bucket:
            return False
        if profile is not None and profile != self._profile.name:
            return False
        if not shows_any(keys, self._prefix, self.search.text(), self.model.has_folder):
            return False
        self.refresher.request()
        return True

    def open_bucket(self, name: str) -> None:
        self.buckets_pane.select(name)

    def open_folder(self, prefix: str) -> None:
        self._prefix = prefix
        with QSignalBlocker(self.search):
            self.search.clear()
        self._reload_listing()

    def show_all_types(self) -> None:
        self.chips.set_value(None)
        self._type_chosen(None)

    def _type_chosen(self, kind: Kind | None) -> None:
        keeping_view(self.table, self.model, lambda: self.model.set_type_filter(kind))

    def show_outputs(self) -> None:
        self.hide_outputs_button.setChecked(False)

    def go_up(self) -> None:
        if self._prefix:
            parts = self._prefix.rstrip("/").split("/")[:-1]
            self.open_folder("/".join(parts) + "/" if parts else "")

    # -- loading -----------------------------------------------------------------------------------
    async def _load_buckets(self, profile: Profile) -> None:
        self._buckets_state = "loading"
        self._show_state()
        try:
            await self._ctx.clients.load_secret(profile.name)  # if missing, client_for says so
            client = self._ctx.clients.client_for(profile.name)
            buckets = await self._ctx.run_blocking(client.list_buckets)
        except Exception as exc:  # noqa: BLE001 - shown in place with Retry
            log.warning("listing buckets failed: %s", exc)
            self._buckets_state = "error"
            self.connection_changed.emit(False, error_text(exc))
            self._show_message(
                self.tr("Could not load the buckets: %1").replace("%1", error_text(exc)),
                self.tr("Retry"),
                lambda: self.set_profile(self._profile),
            )
            return
        self._buckets = sorted(buckets, key=lambda b: b.name)
        self._buckets_state = "loaded"
        self.connection_changed.emit(True, "")
        self.buckets_pane.fill(self._buckets)
        if self._buckets:
            stored = str(self._ctx.settings.get("files/last_bucket") or "")
            remembered = remembered_bucket(stored, profile.name, self._buckets)
            self.open_bucket(remembered or self._buckets[0].name)
        self._show_state()

    def _bucket_item_changed(self, item: QListWidgetItem | None, _prev: Any = None) -> None:
        name = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self._set_bucket(name)
        if name and self._profile is not None:
            self._ctx.settings.set("files/last_bucket", f"{self._profile.name}\n{name}")

    def _set_bucket(self, bucket: str | None) -> None:
        self._bucket = bucket
        self._prefix = ""
        with QSignalBlocker(self.search):
            self.search.clear()
        self._reload_listing()
        self.bucket_changed.emit(bucket or "")

    def listing_source(self) -> ListingSource | None:
        """What the table lists now (None without an account and bucket)."""
        if self._profile is None or self._bucket is None:
            return None
        return listing_source(
            self._ctx, self._profile.name, self._bucket, self._prefix, self.search.text()
        )

    def is_typing(self) -> bool:
        """A search is being typed (its own reload is due)."""
        return self._search_timer.isActive()

    def swap_listing(self, source: ListingSource, pages: list[ListPage]) -> None:
        """Put a freshly fetched listing in place at once, as the user had the old one."""
        state = capture(self.table, self.model)
        self._swapping = True
        try:
            self.model.set_source(source.fetch, base=source.base)
            for page in pages:
                self.model.append_page(page)
        finally:
            self._swapping = False
        restore(self.table, self.model, state)
        self._show_state()

    def _reload_listing(self) -> None:
        self._search_timer.stop()
        self.refresher.cancel()
        self._ctx.tasks.cancel("files:refresh")
        self.breadcrumb.set_path(self._bucket or "", self._prefix)
        source = self.listing_source()
        if source is None:
            self.model.set_source(None)
            self._show_state()
            return
        self.model.set_source(source.fetch, base=source.base)
        self.files_outputs.listing_started(source.where[0], source.where[1])
        self.model.fetchMore(QModelIndex())

    def _shown_bucket(self) -> tuple[str, str] | None:
        if self._profile is None or self._bucket is None:
            return None
        return self._profile.name, self._bucket

    # -- state display -----------------------------------------------------------------------------
    def _show_message(self, text: str, button: str | None = None, action: Any = None) -> None:
        self.message.show_message(text, button, action)
        self.stack.setCurrentWidget(self.message)

    def _show_state(self) -> None:
        m = self.model
        n = m.rowCount()
        self._update_count()
        self.error_bar.setVisible(bool(m.error) and n > 0)
        self.error_label.setText(self.tr("Could not load more files: %1").replace("%1", m.error))
        if n > 0:
            self.stack.setCurrentWidget(self.table)
            return
        state = empty_state(
            ListingState(
                has_profile=self._profile is not None,
                bucket=self._bucket,
                buckets_state=self._buckets_state,
                has_buckets=bool(self._buckets),
                error=m.error,
                loading=m.loading or m.has_more,
                search=self.search.text(),
                type_filtered=self.chips.value() is not None,
                loaded_objects=m.loaded_object_count,
                hidden_outputs=m.hidden_output_count,
                in_folder=bool(self._prefix),
            )
        )
        if state is None:
            self.stack.setCurrentWidget(self.message)  # the buckets error with Retry stays
            return
        actions: dict[EmptyAction | None, Callable[[], None] | None] = {
            None: None,
            EmptyAction.RETRY: m.retry,
            EmptyAction.CLEAR_SEARCH: self.search.clear,
            EmptyAction.SHOW_OUTPUTS: self.show_outputs,
            EmptyAction.SHOW_ALL_TYPES: self.show_all_types,
            EmptyAction.GO_UP: self.go_up,
        }
        self._show_message(state.text, state.button, actions[state.action])

    # -- interaction -------------------------------------------------------------------------------
    def _activated(self, index: QModelIndex) -> None:
        if index.isValid() and self.model.is_folder(index.row()):
            self.open_folder(self.model.key_at(index.row()))

    def _selection_changed(self, _a: QItemSelection, _b: QItemSelection) -> None:
        self._update_count()
        self.selection_changed.emit()

    def _update_count(self) -> None:
        """ "6 items · 4 outputs hidden · loading…" or "6 items · 2 selected" by the chips."""
        m = self.model
        text = self.tr("%1 items").replace("%1", fmt.count(m.rowCount(), more=m.has_more))
        hidden = m.hidden_output_count
        if hidden:
            text += " · " + self.tr("%1 outputs hidden").replace("%1", f"{hidden:,}")
        if m.loading:
            text += " · " + self.tr("loading…")
        selected = len(self.selected_keys())
        if selected:
            text += " · " + self.tr("%1 selected").replace("%1", f"{selected:,}")
        self.count_label.setText(text if self._bucket else "")
