"""The main window's nav list: one item per view (by key), its title, badge and Ctrl+N shortcut."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

NAV_KEY_ROLE = Qt.ItemDataRole.UserRole + 10


class ViewNav(QObject):
    """Items of `nav` by view key; a shortcut calls `show(key)`. Ctrl+N follows nav order."""

    def __init__(self, nav: QListWidget, window: QWidget, show: Callable[[str], None]) -> None:
        super().__init__(window)
        self._nav = nav
        self._window = window
        self._show = show
        self._titles: dict[str, str] = {}
        self._shortcuts: dict[QShortcut, str] = {}

    def add(self, key: str, title: str, icon: QIcon | None = None) -> None:
        """Append the view's item; the first nine get Ctrl+1…9 (window-wide)."""
        self._titles[key] = title
        item = QListWidgetItem(icon or QIcon(), title)
        item.setData(NAV_KEY_ROLE, key)
        self._nav.addItem(item)
        n = self._nav.count()
        if n <= 9:
            sc = QShortcut(QKeySequence(f"Ctrl+{n}"), self._window)
            self._shortcuts[sc] = key
            sc.activated.connect(self._shortcut_activated)
            item.setToolTip(f"{title} (Ctrl+{n})")

    def _shortcut_activated(self) -> None:
        sender = self.sender()
        key = next((k for sc, k in self._shortcuts.items() if sc is sender), None)
        if key is not None:
            self._show(key)

    def select(self, key: str) -> None:
        """Make the view's item current (the nav list then reports the change)."""
        for i in range(self._nav.count()):
            if self._nav.item(i).data(NAV_KEY_ROLE) == key:
                self._nav.setCurrentRow(i)

    def current(self) -> str | None:
        item = self._nav.currentItem()
        return str(item.data(NAV_KEY_ROLE)) if item is not None else None

    def set_badge(self, key: str, text: str) -> None:
        """Show `text` after the view's title ("" shows the title alone)."""
        for i in range(self._nav.count()):
            item = self._nav.item(i)
            if item.data(NAV_KEY_ROLE) == key:
                title = self._titles[key]
                item.setText(f"{title}  {text}" if text else title)
