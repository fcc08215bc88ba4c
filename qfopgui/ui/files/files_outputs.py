"""The Files listing's side of "outputs apart": mark what qfopgui's jobs made, and Hide outputs.

For the bucket on screen it reads the outputs once from the job store (off the Qt thread, as a
latest-wins task) and hands them to the model; when job events add outputs to that bucket it
marks them again after a quiet second. A re-mark that changes which rows show keeps the
selection, current row and scroll position. The Hide outputs chip is remembered in settings
(`files/hide_outputs`) and combines with the type chips.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QPushButton, QTableView

from qfopgui.core.jobs import JobRecord
from qfopgui.services.output_index import OUTPUT_STATES, BucketOutputs, OutputIndex
from qfopgui.ui.context import AppContext
from qfopgui.ui.files.objects_model import ObjectsModel
from qfopgui.ui.files.view_state import capture, keeping_view, restore
from qfopgui.ui.widgets.chips import CHIP_STYLE

__all__ = ["REMARK_DELAY_MS", "FilesOutputs"]

log = logging.getLogger(__name__)

REMARK_DELAY_MS = 1000  # outputs learnt from job events are marked after this quiet time
Shown = Callable[[], tuple[str, str] | None]  # (profile, bucket) on screen, if any


class FilesOutputs(QObject):
    """Owns `index` (built on the job store unless given) and the Hide outputs `chip`."""

    def __init__(
        self,
        ctx: AppContext,
        model: ObjectsModel,
        table: QTableView,
        shown: Shown,
        on_state: Callable[[], None],
        *,
        index: OutputIndex | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._model = model
        self._table = table
        self._shown = shown
        self._on_state = on_state
        self.index = index or OutputIndex(self._read)
        self.index.on_changed = self._changed
        self.chip = self._build_chip()
        self._pending: set[str] = set()  # keys that became outputs, marked after a quiet time
        self._timer = QTimer(self, singleShot=True, interval=REMARK_DELAY_MS)
        self._timer.timeout.connect(self._remark)
        model.set_hide_outputs(self.chip.isChecked())

    def _build_chip(self) -> QPushButton:
        chip = QPushButton(self.tr("Hide outputs"))
        chip.setObjectName("hide_outputs_chip")
        chip.setAccessibleName(self.tr("Hide outputs"))
        chip.setToolTip(
            self.tr("Hide the files that qfopgui's jobs made, so that only the sources show")
        )
        chip.setCheckable(True)
        chip.setStyleSheet(CHIP_STYLE)
        chip.setChecked(bool(self._ctx.settings.get("files/hide_outputs")))
        chip.toggled.connect(self._toggled)
        return chip

    def listing_started(self, profile: str, bucket: str) -> None:
        """A new listing of this bucket begins: mark with what is known, read the rest."""
        self._pending.clear()  # the new listing is marked with all that is known
        outputs = self.index.cached(profile, bucket)
        self._model.set_outputs(outputs)
        if outputs is None:
            self._ctx.tasks.start_load(self._fetch(profile, bucket), name="files:outputs")

    async def _read(self, profile: str, bucket: str) -> Sequence[JobRecord]:
        store = self._ctx.store
        if store is None:  # a context without a job store (some tests)
            return []
        jobs: list[JobRecord] = await self._ctx.run_store(
            lambda: store.jobs_writing_to(profile, bucket, OUTPUT_STATES)
        )
        return jobs

    async def _fetch(self, profile: str, bucket: str) -> None:
        try:
            outputs = await self.index.get(profile, bucket)
        except Exception as exc:  # noqa: BLE001 - without the job store nothing is marked
            log.warning("reading the outputs made in %s failed: %s", bucket, exc)
            return
        if self._shown() == (profile, bucket):
            self._apply(outputs)

    def _apply(self, outputs: BucketOutputs) -> None:
        state = capture(self._table, self._model)
        if self._model.set_outputs(outputs):  # rows changed: one reset
            restore(self._table, self._model, state)
        self._on_state()

    def _changed(self, profile: str, bucket: str, keys: frozenset[str]) -> None:
        if self._shown() == (profile, bucket):
            self._pending |= keys
            self._timer.start()

    def _remark(self) -> None:
        keys, self._pending = self._pending, set()
        if self._shown() is None or not keys:
            return
        self._model.mark_outputs(keys)  # rows only leave: the selection of the rest stays
        self._on_state()

    def _toggled(self, hide: bool) -> None:
        self._ctx.settings.set("files/hide_outputs", hide)
        keeping_view(self._table, self._model, lambda: self._model.set_hide_outputs(hide))
        self._on_state()
