"""Right-click (or the Menu key) on the jobs table: the links first, then the view's own actions.

The view's QActions (Copy links Ctrl+Shift+C, Copy job ID Ctrl+C, Retry, Remove) are reused as
they are, so the menu, the buttons and the shortcuts can never disagree. The batch bar (shown
while the view is filtered to batches) gets Copy links / Export links… for those batches.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from qfopgui.core.jobs import JobRecord
from qfopgui.services.batch_links import records_of_batches
from qfopgui.ui.jobs.jobs_view import JobsView
from qfopgui.ui.links.link_flow import LinkFlow


class JobsContextMenu(QObject):
    """Installs itself on ``view.table``; ``menu`` is the one popup (public for tests)."""

    def __init__(self, view: JobsView, flow: LinkFlow, parent: QObject | None = None) -> None:
        super().__init__(parent or view)
        self._view = view
        self._flow = flow
        self.batch_links_action = self._action(
            self.tr("Copy links of this batch"), "copy_batch_links", self._copy_batch
        )
        self.batch_links_action.setToolTip(
            self.tr("Copy the download links of every job submitted with this one")
        )
        self.export_links_action = self._action(
            self.tr("Export links…"), "export_links", self._export_links
        )
        self.export_links_action.setToolTip(
            self.tr(
                "Save source, preset, output and download link of the selected jobs (all jobs "
                "shown when none is selected) as a CSV file"
            )
        )
        self.options_action = self._action(self.tr("Link options…"), "link_options", self._options)
        self.options_action.setToolTip(
            self.tr("How long private links work, and which domain each bucket's links use")
        )
        self.shown_copy_action = self._action(
            self.tr("Copy links"), "copy_shown_batch_links", self._copy_shown_batches
        )
        self.shown_copy_action.setToolTip(self.tr("Copy the download links of these batches"))
        self.shown_export_action = self._action(
            self.tr("Export links…"), "export_shown_batch_links", self._export_shown_batches
        )
        self.shown_export_action.setToolTip(self.tr("Save the links of these batches as CSV"))
        for action, name in (
            (self.shown_copy_action, "batch_bar_copy_links"),
            (self.shown_export_action, "batch_bar_export_links"),
        ):
            button = view.add_batch_action(action)
            button.setObjectName(name)
            button.setAccessibleName(action.text())
        self.menu = self._build_menu()
        table = view.table
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self.open_at)

    def _action(self, text: str, name: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self._view)
        action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def _build_menu(self) -> QMenu:
        v = self._view
        menu = QMenu(v)
        menu.setObjectName("jobs_context_menu")
        menu.setAccessibleName(self.tr("Job actions"))
        menu.setToolTipsVisible(True)
        for action in (v.copy_links_action, self.batch_links_action, self.export_links_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(v.copy_action)
        menu.addSeparator()
        menu.addAction(v.retry_action)
        menu.addAction(v.remove_action)
        menu.addSeparator()
        menu.addAction(self.options_action)
        return menu

    # --- showing --------------------------------------------------------------------------------

    def open_at(self, pos: QPoint) -> None:
        """``pos`` in the table's viewport (right-click) or the table (Menu key)."""
        self.update_actions()
        self.menu.popup(self._view.table.viewport().mapToGlobal(pos))

    def update_actions(self) -> None:
        rec = self._view.current_record()
        self.batch_links_action.setEnabled(rec is not None and bool(rec.batch_id))
        rows = self._view.proxy.rowCount() > 0
        self.export_links_action.setEnabled(rows)
        self.options_action.setEnabled(rows)

    # --- what the actions do ----------------------------------------------------------------------

    def _chosen(self) -> list[JobRecord]:
        return self._view.selected_records() or self._view.visible_records()

    def _copy_batch(self) -> None:
        rec = self._view.current_record()
        if rec is not None and rec.batch_id:
            self._flow.copy_jobs(records_of_batches(self._view.model.records(), [rec.batch_id]))

    def _export_links(self) -> None:
        records = self._chosen()
        if records:
            self._flow.export_jobs(records)

    def _options(self) -> None:
        places = dict.fromkeys((r.profile, r.output_bucket) for r in self._chosen())
        self._flow.edit_options(list(places))

    def _shown_batches(self) -> list[JobRecord]:
        return records_of_batches(self._view.model.records(), self._view.proxy.batches)

    def _copy_shown_batches(self) -> None:
        self._flow.copy_jobs(self._shown_batches())

    def _export_shown_batches(self) -> None:
        self._flow.export_jobs(self._shown_batches())
