"""Right-click (or the Menu key) on the Files table: Copy links (Ctrl+Shift+C while the table has
the focus), Export links…, Copy keys, Link options… for the selected files (folders skipped).

Installed from outside the Files view (the composition root), through the view's public API
only: its table, its selection and its bucket and account.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QTableView

from qfopgui.services.profiles import Profile
from qfopgui.ui.links.link_flow import LinkFlow


class FilesSelection(Protocol):
    """What the menu needs from the Files view (`FilesView` has it)."""

    @property
    def table(self) -> QTableView: ...
    def selected_keys(self) -> list[str]: ...
    def current_bucket(self) -> str | None: ...
    def current_profile(self) -> Profile | None: ...


class FilesContextMenu(QObject):
    """See the module docstring; ``menu`` is the one popup (public for tests)."""

    def __init__(self, files: FilesSelection, flow: LinkFlow, parent: QObject | None = None):
        super().__init__(parent or files.table)
        self._files = files
        self._flow = flow
        self.copy_links_action = self._action(
            self.tr("Copy links"), "files_copy_links", self.copy_links, "Ctrl+Shift+C"
        )
        self.copy_links_action.setToolTip(
            self.tr("Copy the download links of the selected files, one per line (Ctrl+Shift+C)")
        )
        self.export_links_action = self._action(
            self.tr("Export links…"), "files_export_links", self.export_links
        )
        self.export_links_action.setToolTip(
            self.tr("Save the names and download links of the selected files as a CSV file")
        )
        self.copy_keys_action = self._action(
            self.tr("Copy keys"), "files_copy_keys", self.copy_keys
        )
        self.copy_keys_action.setToolTip(
            self.tr("Copy the full names (keys) of the selected files, one per line")
        )
        self.options_action = self._action(
            self.tr("Link options…"), "files_link_options", self.edit_options
        )
        self.options_action.setToolTip(
            self.tr("How long private links work, and which domain this bucket's links use")
        )
        self.menu = QMenu(files.table)
        self.menu.setObjectName("files_context_menu")
        self.menu.setAccessibleName(self.tr("File actions"))
        self.menu.setToolTipsVisible(True)
        for action in (self.copy_links_action, self.export_links_action, self.copy_keys_action):
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.options_action)
        table = files.table
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self.open_at)

    def _action(
        self, text: str, name: str, slot: Callable[[], None], shortcut: str | None = None
    ) -> QAction:
        table = self._files.table
        action = QAction(text, table)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        table.addAction(action)  # the shortcut works where the selection is
        return action

    def open_at(self, pos: QPoint) -> None:
        """``pos`` in the table's viewport (right-click) or the table (Menu key)."""
        has = self._target() is not None
        for action in (self.copy_links_action, self.export_links_action, self.copy_keys_action):
            action.setEnabled(has)
        self.options_action.setEnabled(self._where() is not None)
        self.menu.popup(self._files.table.viewport().mapToGlobal(pos))

    def _where(self) -> tuple[str, str] | None:
        profile, bucket = self._files.current_profile(), self._files.current_bucket()
        return (profile.name, bucket) if profile is not None and bucket else None

    def _target(self) -> tuple[str, str, list[str]] | None:
        where, keys = self._where(), self._files.selected_keys()
        return (*where, keys) if where is not None and keys else None

    def copy_links(self) -> None:
        target = self._target()
        if target is not None:
            self._flow.copy_objects(*target)

    def export_links(self) -> None:
        target = self._target()
        if target is not None:
            self._flow.export_objects(*target)

    def copy_keys(self) -> None:
        self._flow.copy_keys(self._files.selected_keys())

    def edit_options(self) -> None:
        where = self._where()
        if where is not None:
            self._flow.edit_options([where])
