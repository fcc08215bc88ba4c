"""Non-modal banners for state that persists ("keys kept for this session only"), with actions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qfopgui.ui.widgets.icons import icon

LEVEL_COLOURS = {"info": "74,144,217", "warning": "230,162,60", "error": "217,83,79"}


class Banner(QFrame):
    """One message row: level icon, text, optional action button, close button."""

    closed = Signal()

    def __init__(
        self,
        text: str,
        *,
        level: str = "info",
        action_text: str | None = None,
        action: Callable[[], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if level not in LEVEL_COLOURS:
            raise ValueError(f"unknown banner level {level!r}")
        self.level = level
        self.setObjectName("banner")
        rgb = LEVEL_COLOURS[level]
        self.setStyleSheet(
            f"QFrame#banner {{ background: rgba({rgb},0.16); border: 1px solid rgba({rgb},0.55);"
            f" border-left: 4px solid rgb({rgb}); border-radius: 4px; }}"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.setSpacing(8)
        pic = QLabel()
        pic.setPixmap(icon(level).pixmap(QSize(18, 18)))
        row.addWidget(pic, 0, Qt.AlignmentFlag.AlignVCenter)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row.addWidget(self.label, 1)
        self.action_button: QPushButton | None = None
        self._action = action
        if action_text:
            self.action_button = QPushButton(action_text)
            self.action_button.setAccessibleName(action_text)
            if action is not None:
                self.action_button.clicked.connect(self._on_action)
            row.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._row = row
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Hide this message"))
        close.clicked.connect(self.closed.emit)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignVCenter)

    def _on_action(self) -> None:
        if self._action is not None:
            self._action()

    def add_button(self, text: str, action: Callable[[], object], *, name: str = "") -> QPushButton:
        """One more action button, before the close button (e.g. "Copy all links")."""
        button = QPushButton(text, self)
        button.setAccessibleName(text)
        button.setObjectName(name or "banner_button")
        button.clicked.connect(lambda _checked=False: action())
        self._row.insertWidget(self._row.count() - 1, button, 0, Qt.AlignmentFlag.AlignVCenter)
        return button

    @property
    def text(self) -> str:
        return self.label.text()


class BannerArea(QWidget):
    """A vertical stack of keyed banners; showing a key again replaces its banner.

    The window puts it under the views, so a banner appearing or hiding never moves the rows
    under the pointer (only the bottom edge of the view moves).

    `dismissed(key)` fires when the user closes a banner (not when code hides it).
    """

    dismissed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self._layout.setSpacing(4)
        self._banners: dict[str, Banner] = {}
        self.setVisible(False)

    def show_banner(
        self,
        key: str,
        text: str,
        *,
        level: str = "info",
        action_text: str | None = None,
        action: Callable[[], object] | None = None,
    ) -> Banner:
        self.hide_banner(key)
        banner = Banner(text, level=level, action_text=action_text, action=action, parent=self)
        banner.setProperty("banner_key", key)
        banner.closed.connect(self._on_banner_closed)
        self._banners[key] = banner
        self._layout.addWidget(banner)
        self.setVisible(True)
        return banner

    def hide_banner(self, key: str) -> None:
        banner = self._banners.pop(key, None)
        if banner is not None:
            banner.hide()
            banner.deleteLater()
        self.setVisible(bool(self._banners))

    def _on_banner_closed(self) -> None:
        banner = self.sender()
        if isinstance(banner, Banner):
            self._close(str(banner.property("banner_key")), banner)

    def _close(self, key: str, banner: Banner) -> None:
        if self._banners.get(key) is banner:
            self.hide_banner(key)
            self.dismissed.emit(key)

    def banner(self, key: str) -> Banner | None:
        return self._banners.get(key)

    def keys(self) -> list[str]:
        return list(self._banners)
