"""Files → Details: a preview, facts about the selected file(s) and "Outputs of this file".

The pane answers "what has been made from this file?" from the app's own job history (the
store; Qiniu has no such query) — each job with its status, presets, output keys and a Copy
link for finished outputs. Selection changes are debounced and the loading tasks are named, so
the latest selection wins; job events touching the shown file refresh it the same way.
The hash comes from a `stat` of the single selected file (listings are kept lean); the preview
(a poster frame or thumbnail, `ThumbnailService`) needs that hash, so it is asked for after it.

Three fixed parts: the preview box on top, the scrolling facts and outputs, and the button row
(Open, Copy link) at the bottom — neither the box nor the row moves whatever is selected.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QToolButton, QVBoxLayout, QWidget

from qfopgui.api.models import ObjectInfo
from qfopgui.core.jobs import JobRecord
from qfopgui.ui import human_readable as fmt
from qfopgui.ui.context import AppContext
from qfopgui.ui.files.details_actions import DetailsActions, Opener, open_in_system
from qfopgui.ui.files.details_preview import DetailsPreview, Source
from qfopgui.ui.files.details_widgets import (
    ElidedLabel,
    OutputJobBox,
    facts_grid,
    selectable_label,
)
from qfopgui.ui.files.file_selection import BrowsedFiles, SelectedFile, Selection, selection_of
from qfopgui.ui.files.thumbnail_view import ThumbnailView
from qfopgui.ui.jobs.job_events import JobEvents
from qfopgui.ui.translated_messages import api_error_text

__all__ = [
    "DEBOUNCE_MS",
    "JOBS_LIMIT",
    "BrowsedFiles",
    "ElidedLabel",
    "FileDetails",
    "SelectedFile",
    "Selection",
    "selection_of",
]

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150
JOBS_LIMIT = 50
TASK = "files:details"


class FileDetails(QWidget):
    """The pane of a `FilesView` (`view`: follows its `selection_changed`).

    Signals: copy_link_requested(bucket, key) — the jobs feature resolves and copies it.
    `toggle` is the checkable button that shows/hides the pane (remembered in settings).
    `opener` (QDesktopServices.openUrl by default) is what Open hands the file's URL to.
    """

    copy_link_requested = Signal(str, str)

    def __init__(
        self,
        ctx: AppContext,
        view: BrowsedFiles,
        parent: QWidget | None = None,
        *,
        opener: Opener = open_in_system,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("file_details")
        self._ctx = ctx
        self._selection_source: Callable[[], Selection] = lambda: selection_of(view)
        self._sel = Selection()
        self._jobs: list[JobRecord] | None = None  # None: not known (yet)
        self._jobs_of: Source | None = None
        self._stats: dict[Source, ObjectInfo | str] = {}  # info, or why not
        self.setMinimumWidth(240)
        thumbnails = ctx.thumbnails
        self.preview = ThumbnailView()
        self._preview = DetailsPreview(ctx, self.preview, parent=self)
        self.buttons = DetailsActions(
            ctx.tasks, thumbnails.open_url if thumbnails is not None else None, opener=opener
        )
        self.buttons.copy_link_requested.connect(self.copy_link_requested)
        self.preview.activated.connect(self.buttons.open_current)
        self._scroll = QScrollArea()
        self._scroll.setObjectName("file_details_scroll")
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        top = QHBoxLayout()
        top.setContentsMargins(6, 6, 6, 2)
        top.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignLeft)  # stays put if the pane widens
        outer.addLayout(top)
        outer.addWidget(self._scroll, 1)
        outer.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        self.toggle = QToolButton()
        self.toggle.setObjectName("details_toggle")
        self.toggle.setText(self.tr("Details"))
        self.toggle.setCheckable(True)
        self.toggle.setToolTip(self.tr("Show or hide the details of the selected files"))
        self.toggle.setChecked(bool(ctx.settings.get("files/details_visible")))
        self.toggle.toggled.connect(self._toggled)
        if not self.toggle.isChecked():
            self.hide()  # explicitly: the splitter will not show it
        view.selection_changed.connect(self.selection_changed)
        view.model.modelReset.connect(self._stats.clear)  # new listing (F5 too): stat again
        self._render()

    # --- public ----------------------------------------------------------------------------

    def selection(self) -> Selection:
        return self._sel

    def widget(self) -> QWidget:
        """The scrolling part (facts and outputs), as `QScrollArea.widget()` gives it."""
        return self._body

    @property
    def opener(self) -> Opener:
        return self.buttons.opener

    @opener.setter
    def opener(self, opener: Opener) -> None:
        self.buttons.opener = opener

    def jobs(self) -> list[JobRecord] | None:
        """The jobs shown under "Outputs of this file" (None while unknown)."""
        return self._jobs

    def selection_changed(self) -> None:
        """Debounced: a burst of changes (Shift+arrows) loads once, for the last one."""
        self._timer.start()

    def watch(self, events: JobEvents) -> None:
        """Refresh when jobs of the shown file are created or change."""
        events.jobs_changed.connect(self._jobs_event)

    def refresh(self) -> None:
        """Read the selection now, show what is known and load the rest (latest wins)."""
        self._timer.stop()
        if not self.isVisible():
            return  # shown again → showEvent refreshes
        sel = self._selection_source()
        source = self._source_of(sel)
        if source != self._jobs_of:
            self._jobs, self._jobs_of = None, None
        self._sel = sel
        self._render()
        self._preview.point_at(source, several=len(sel.files) > 1)
        self.buttons.set_target(source)
        if source is None:
            self._ctx.tasks.cancel(TASK)
            return
        coro = self._load(sel, source)
        try:
            self._ctx.tasks.start_load(coro, name=TASK)
        except RuntimeError:  # no running loop, or the app is quitting
            coro.close()

    # --- loading ---------------------------------------------------------------------------

    @staticmethod
    def _source_of(sel: Selection) -> Source | None:
        if sel.profile and sel.bucket and len(sel.files) == 1:
            return sel.profile, sel.bucket, sel.files[0].key
        return None

    async def _load(self, sel: Selection, source: Source) -> None:
        profile, bucket, key = source
        if source not in self._stats:
            try:
                client = self._ctx.clients.client_for(profile)
                info = await self._ctx.run_blocking(lambda: client.stat(bucket, key))
                self._stats[source] = info
            except Exception as exc:  # noqa: BLE001 - shown in place of the hash
                log.info("stat %s/%s failed: %s", bucket, key, exc)
                self._stats[source] = api_error_text(exc)
            if len(self._stats) > 200:
                self._stats.pop(next(iter(self._stats)))
        self._preview.stat_known(source, self._stats[source])
        store = self._ctx.store
        if store is not None:
            jobs = await self._ctx.run_store(
                lambda: store.jobs_for_source(profile, bucket, key, limit=JOBS_LIMIT)
            )
            if source == self._source_of(self._sel):
                self._jobs, self._jobs_of = list(jobs), source
        if sel == self._sel:
            self._render()

    # --- events ----------------------------------------------------------------------------------

    def _jobs_event(self, records: Sequence[JobRecord]) -> None:
        source = self._source_of(self._sel)
        if source is not None and any((r.profile, r.bucket, r.key) == source for r in records):
            self._timer.start()

    def _toggled(self, on: bool) -> None:
        self.setVisible(on)
        self._ctx.settings.set("files/details_visible", on)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._timer.start()  # (never start(0): that would change the debounce interval)

    # --- rendering -------------------------------------------------------------------------

    def _render(self) -> None:
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setAlignment(Qt.AlignmentFlag.AlignTop)
        sel = self._sel
        if len(sel.files) == 1:
            self._one_file(lay, sel.files[0])
        elif sel.files:
            self._many_files(lay, sel.files)
        elif len(sel.folders) == 1:
            name = sel.folders[0].rstrip("/").rsplit("/", 1)[-1] or sel.folders[0]
            lay.addWidget(
                selectable_label(
                    self.tr(
                        "“%1” is a folder. Open it to see its files, "
                        "or select files to see their details."
                    ).replace("%1", name),
                    name="details_note",
                )
            )
        elif sel.folders:
            lay.addWidget(
                selectable_label(
                    self.tr(
                        "%1 folders selected. Folders are not "
                        "transcoded; select files to see their details."
                    ).replace("%1", f"{len(sel.folders):,}"),
                    name="details_note",
                )
            )
        else:
            lay.addWidget(
                selectable_label(
                    self.tr("Select a file to see its size, type and the outputs made from it."),
                    name="details_note",
                    style="color: gray",
                )
            )
        if sel.files and sel.folders:
            n = len(sel.folders)
            text = (
                self.tr("The selected folder is not included.")
                if n == 1
                else self.tr("The %1 selected folders are not included.").replace("%1", str(n))
            )
            lay.addWidget(selectable_label(text, name="details_note", style="color: gray"))
        self._body = body
        self._scroll.setWidget(body)

    def _one_file(self, lay: QVBoxLayout, f: SelectedFile) -> None:
        title = ElidedLabel(f.key.rsplit("/", 1)[-1], file_name=True)
        title.setObjectName("details_name")
        title.setToolTip(f.key)
        title.setStyleSheet("font-weight: bold; font-size: 11pt")
        lay.addWidget(title)
        source = self._source_of(self._sel)
        stat = self._stats.get(source) if source else None
        if isinstance(stat, ObjectInfo):
            hash_text, hash_tip = stat.hash, stat.hash
        else:
            hash_text = self.tr("could not be read") if stat else self.tr("loading…")
            hash_tip = stat or ""
        size = fmt.human_size(f.size)
        when = f.modified.astimezone(UTC) if f.modified else None
        lay.addLayout(
            facts_grid(
                [
                    (
                        "details_size",
                        self.tr("Size"),
                        size,
                        self.tr("%1 bytes").replace("%1", f"{f.size:,}")
                        if f.size is not None
                        else "",
                    ),
                    ("details_type", self.tr("Type"), f.type_text, ""),
                    (
                        "details_modified",
                        self.tr("Modified"),
                        fmt.relative_time(when) if when else "",
                        fmt.exact_time(when) if when else "",
                    ),
                    ("details_hash", self.tr("Hash"), hash_text, hash_tip),
                ]
            )
        )
        if self._ctx.store is not None:
            self._outputs(lay)

    def _many_files(self, lay: QVBoxLayout, files: Sequence[SelectedFile]) -> None:
        total = sum(f.size or 0 for f in files)
        lay.addWidget(
            selectable_label(
                self.tr("%1 files selected").replace("%1", f"{len(files):,}"),
                name="details_name",
                style="font-weight: bold; font-size: 11pt",
            )
        )
        lay.addLayout(
            facts_grid(
                [
                    (
                        "details_total",
                        self.tr("Total size"),
                        fmt.human_size(total),
                        self.tr("%1 bytes").replace("%1", f"{total:,}"),
                    ),
                ]
            )
        )
        lay.addWidget(
            selectable_label(
                self.tr("Select one file to see the outputs made from it."), style="color: gray"
            )
        )

    def _outputs(self, lay: QVBoxLayout) -> None:
        title = selectable_label(
            self.tr("Outputs of this file"),
            name="outputs_title",
            style="font-weight: bold; margin-top: 8px",
        )
        lay.addWidget(title)
        if self._jobs is None:
            lay.addWidget(selectable_label(self.tr("Looking for jobs…"), style="color: gray"))
            return
        if not self._jobs:
            lay.addWidget(
                selectable_label(
                    self.tr(
                        "Nothing made from this file yet. Press "
                        "Transcode… to make MP4s, thumbnails and more."
                    ),
                    name="outputs_empty",
                    style="color: gray",
                )
            )
            return
        for rec in self._jobs:
            lay.addWidget(self._job_box(rec))
        if len(self._jobs) >= JOBS_LIMIT:
            lay.addWidget(
                selectable_label(
                    self.tr("Showing the latest %1 jobs.").replace("%1", str(JOBS_LIMIT)),
                    style="color: gray",
                )
            )

    def _job_box(self, rec: JobRecord) -> OutputJobBox:
        box = OutputJobBox(rec)
        box.copy_link_requested.connect(self.copy_link_requested)
        return box
