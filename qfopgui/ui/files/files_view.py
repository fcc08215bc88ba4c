"""Files: buckets on the left; breadcrumb, prefix search, type chips and the lazy object table.

Everything slow (bucket list, pages of the listing) runs through `ctx.run_blocking` as tasks of
`ctx.tasks`, named so that a newer request replaces an older one (latest wins).
"""

from __future__ import annotations

import logging
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, QSignalBlocker, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qfopgui.api.models import BucketInfo, ListPage
from qfopgui.services.profiles import Profile
from qfopgui.ui import human_readable as fmt
from qfopgui.ui.context import AppContext
from qfopgui.ui.files.file_details import FileDetails
from qfopgui.ui.files.objects_model import Column, Kind, ObjectsModel
from qfopgui.ui.widgets.breadcrumb import Breadcrumb
from qfopgui.ui.widgets.chips import ChipGroup
from qfopgui.ui.widgets.icons import icon
from qfopgui.ui.widgets.message_panel import MessagePanel, error_text

__all__ = ["FilesView", "error_text"]

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 300


class FilesView(QWidget):
    """The bucket browser. `selection_changed` fires when the set of selected files changes."""

    selection_changed = Signal()
    bucket_changed = Signal(str)
    connection_changed = Signal(bool, str)  # buckets listed?, error message

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._profile: Profile | None = None
        self._bucket: str | None = None
        self._prefix = ""
        self._buckets: list[BucketInfo] = []
        self._buckets_state = "idle"  # idle | loading | error | loaded
        self.model = ObjectsModel(self._start_page_load, self)
        self._build()
        self._wire()
        self._show_state()

    # -- building -------------------------------------------------------------------------------

    def _on_search_edited(self, _text: str) -> None:
        self._search_timer.start()

    def _on_model_state_changed(self, *_args: object) -> None:
        self._show_state()

    def _start_page_load(self, coro: Coroutine[Any, Any, None], name: str) -> None:
        """The object model's page loads: a newer listing replaces an older one."""
        self._ctx.tasks.start_load(coro, name=name)

    def _build(self) -> None:
        self.bucket_list = QListWidget()
        self.bucket_list.setIconSize(QSize(18, 18))
        left = QWidget()
        lcol = QVBoxLayout(left)
        lcol.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Buckets"))
        title.setStyleSheet("font-weight: 600; padding: 4px 2px;")
        lcol.addWidget(title)
        lcol.addWidget(self.bucket_list)

        self.breadcrumb = Breadcrumb()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find files whose name starts with…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
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
        self.count_label.setEnabled(False)
        chips_row = QHBoxLayout()
        chips_row.addWidget(self.chips)
        chips_row.addStretch(1)
        chips_row.addWidget(self.count_label)
        self.details = FileDetails(self._ctx, self)  # Details pane (toggle in the chips row)
        chips_row.addWidget(self.details.toggle)

        self.error_bar = QWidget()
        erow = QHBoxLayout(self.error_bar)
        erow.setContentsMargins(0, 0, 0, 0)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c0392b;")
        self.retry_button = QPushButton(self.tr("Retry"))
        erow.addWidget(self.error_label, 1)
        erow.addWidget(self.retry_button)
        self.error_bar.hide()

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setIconSize(QSize(16, 16))
        vh = self.table.verticalHeader()
        vh.setVisible(False)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never size rows to contents
        vh.setDefaultSectionSize(self.fontMetrics().height() + 10)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        for col, chars in ((Column.SIZE, 10), (Column.TYPE, 14), (Column.MODIFIED, 16)):
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            hh.resizeSection(col, self.fontMetrics().averageCharWidth() * chars + 16)
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

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([190, 620, 300])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 6)
        outer.addWidget(self.splitter)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)

    def _wire(self) -> None:
        self.bucket_list.currentItemChanged.connect(self._bucket_item_changed)
        self.breadcrumb.navigated.connect(self.open_folder)
        self.search.textChanged.connect(self._on_search_edited)
        self._search_timer.timeout.connect(self._reload_listing)
        self.chips.changed.connect(self.model.set_type_filter)
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

    def open_bucket(self, name: str) -> None:
        for i in range(self.bucket_list.count()):
            item = self.bucket_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == name:
                self.bucket_list.setCurrentItem(item)
                return

    def open_folder(self, prefix: str) -> None:
        self._prefix = prefix
        with QSignalBlocker(self.search):
            self.search.clear()
        self._reload_listing()

    def show_all_types(self) -> None:
        self.chips.set_value(None)
        self.model.set_type_filter(None)

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
        self.bucket_list.blockSignals(True)
        for b in self._buckets:
            item = QListWidgetItem(icon("lock" if b.private else "bucket"), b.name)
            item.setData(Qt.ItemDataRole.UserRole, b.name)
            tip = self.tr("Private bucket: links to its files need a signature")
            item.setToolTip(tip if b.private else (b.region or b.name))
            if b.private:
                private = self.tr("private")
                item.setText(f"{b.name}  ·  {private}")
            self.bucket_list.addItem(item)
        self.bucket_list.blockSignals(False)
        if self._buckets:
            remembered = self._remembered_bucket()
            self.open_bucket(remembered or self._buckets[0].name)
        self._show_state()

    def _remembered_bucket(self) -> str | None:
        if self._profile is None:
            return None
        stored = str(self._ctx.settings.get("files/last_bucket") or "")
        profile, _, bucket = stored.partition("\n")
        names = {b.name for b in self._buckets}
        return bucket if profile == self._profile.name and bucket in names else None

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

    def _reload_listing(self) -> None:
        self._search_timer.stop()
        self.breadcrumb.set_path(self._bucket or "", self._prefix)
        if self._profile is None or self._bucket is None:
            self.model.set_source(None)
            self._show_state()
            return
        profile, bucket = self._profile.name, self._bucket
        prefix = self._prefix + self.search.text()
        run_blocking = self._ctx.run_blocking
        clients = self._ctx.clients

        async def fetch(marker: str) -> ListPage:
            client = clients.client_for(profile)
            page: ListPage = await run_blocking(
                lambda: client.list_page(bucket, prefix=prefix, delimiter="/", marker=marker)
            )
            return page

        self.model.set_source(fetch, base=self._prefix)
        self.model.fetchMore(QModelIndex())

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
        if self._profile is None:
            self._show_message(self.tr("Choose or add an account to see its files."))
        elif self._bucket is None:
            if self._buckets_state == "loading":
                self._show_message(self.tr("Loading buckets…"))
            elif self._buckets_state == "error":
                self.stack.setCurrentWidget(self.message)  # the error with Retry stays
            elif not self._buckets:
                self._show_message(
                    self.tr(
                        "This account has no buckets yet. Create one in the Qiniu "
                        "portal, then press Refresh (F5)."
                    )
                )
            else:
                self._show_message(self.tr("Choose a bucket on the left to see its files."))
        elif m.error:
            self._show_message(
                self.tr("Could not list the files: %1").replace("%1", m.error),
                self.tr("Retry"),
                m.retry,
            )
        elif m.loading or m.has_more:
            self._show_message(self.tr("Loading files…"))
        elif self.search.text():
            self._show_message(
                self.tr(
                    "No files here start with “%1”. Check the spelling or clear the search."
                ).replace("%1", self.search.text()),
                self.tr("Clear search"),
                self.search.clear,
            )
        elif self.chips.value() is not None and m.loaded_object_count:
            self._show_message(
                self.tr("No files of this type in this folder."),
                self.tr("Show all files"),
                self.show_all_types,
            )
        elif self._prefix:
            self._show_message(self.tr("This folder is empty."), self.tr("Go up"), self.go_up)
        else:
            self._show_message(
                self.tr(
                    "This bucket is empty. Upload files to it (for example in the Qiniu "
                    "portal), then press Refresh (F5)."
                )
            )

    # -- interaction -------------------------------------------------------------------------------
    def _activated(self, index: QModelIndex) -> None:
        if index.isValid() and self.model.is_folder(index.row()):
            self.open_folder(self.model.key_at(index.row()))

    def _selection_changed(self, _a: QItemSelection, _b: QItemSelection) -> None:
        self._update_count()
        self.selection_changed.emit()

    def _update_count(self) -> None:
        """ "1,000+ items · loading…" or "6 items · 2 selected" next to the type chips."""
        m = self.model
        text = self.tr("%1 items").replace("%1", fmt.count(m.rowCount(), more=m.has_more))
        if m.loading:
            text += " · " + self.tr("loading…")
        selected = len(self.selected_keys())
        if selected:
            text += " · " + self.tr("%1 selected").replace("%1", f"{selected:,}")
        self.count_label.setText(text if self._bucket else "")
