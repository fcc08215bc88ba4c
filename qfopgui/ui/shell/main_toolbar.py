"""The main toolbar: account picker, Refresh, and one primary action per view (ui.md).

Each view registers its primary widget (Files: Transcode…, Jobs: Retry all failed); only the
current view's is shown, styled as the accent button. Shortcuts live on the window's actions,
so Ctrl+T works from any view even though the Transcode button shows only on Files.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QToolBar, QToolButton, QWidget

from qfopgui.ui.shell.profile_combo import ProfileCombo
from qfopgui.ui.widgets.icons import icon

PRIMARY_STYLE = (
    "QToolButton, QPushButton { background: palette(highlight); color: palette(highlighted-text);"
    " border: 1px solid palette(highlight); border-radius: 4px; padding: 2px 12px;"
    " font-weight: bold; }"
    "QToolButton:hover, QPushButton:hover { border-color: palette(dark); }"
    "QToolButton:disabled, QPushButton:disabled { background: palette(button);"
    " color: palette(mid); border-color: palette(mid); }"
)


class PrimaryArea(QWidget):
    """Holds every view's primary widget and shows only the current view's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(6, 0, 6, 0)
        self._widgets: dict[str, QWidget] = {}
        self._current: str | None = None

    def add(self, key: str, widget: QWidget) -> None:
        widget.setStyleSheet(PRIMARY_STYLE)
        widget.setProperty("primary", True)
        self._widgets[key] = widget
        self._row.addWidget(widget)
        widget.setVisible(key == self._current)

    def widget(self, key: str) -> QWidget | None:
        return self._widgets.get(key)

    def show_for(self, key: str | None) -> None:
        self._current = key
        for k, w in self._widgets.items():
            w.setVisible(k == key)


class MainToolbar(QToolBar):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(self.tr("Main toolbar"), parent)
        self.setObjectName("main_toolbar")
        self.setMovable(False)
        self.setIconSize(QSize(20, 20))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.profile_combo = ProfileCombo()  # capped width, long names elided in the middle
        self.profile_combo.setAccessibleName(self.tr("Account"))
        self.profile_combo.setObjectName("profile_combo")
        self.profile_combo.setToolTip(self.tr("Account"))
        self.profile_combo.setPlaceholderText(self.tr("No account yet"))
        self.addWidget(self.profile_combo)
        self.account_button = QToolButton()
        self.account_button.setText(self.tr("Accounts"))
        self.account_button.setAccessibleName(self.tr("Accounts"))
        self.account_button.setObjectName("account_button")
        self.account_button.setIcon(icon("account"))
        self.account_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.account_button.setToolTip(self.tr("Add, edit or remove accounts"))
        self.account_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.addWidget(self.account_button)
        self.addSeparator()
        self.refresh_action = QAction(icon("refresh"), self.tr("Refresh"), parent)
        self.refresh_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_action.setToolTip(self.tr("Refresh (F5)"))
        self.addAction(self.refresh_action)
        self.upload_action = QAction(icon("upload"), self.tr("Upload…"), parent)
        self.upload_action.setObjectName("upload_action")
        self.upload_action.setIconText(self.tr("Upload…"))  # Qt would drop the "…" it opens
        self.upload_action.setShortcut(QKeySequence("Ctrl+U"))
        self.upload_action.setToolTip(
            self.tr("Upload files into the folder shown in Files (Ctrl+U)")
        )
        self.upload_action.setEnabled(False)  # enabled by the uploads feature: a bucket is open
        self.addAction(self.upload_action)
        self.transcode_action = QAction(icon("transcode"), self.tr("Transcode…"), parent)
        self.transcode_action.setShortcut(QKeySequence("Ctrl+T"))
        self.transcode_action.setToolTip(self.tr("Transcode the selected files (Ctrl+T)"))
        self.transcode_action.setEnabled(False)
        parent.addAction(self.transcode_action)  # the shortcut works on every view
        self.primary = PrimaryArea(self)
        self.addWidget(self.primary)
        transcode = QToolButton()
        transcode.setObjectName("primary")
        transcode.setDefaultAction(self.transcode_action)
        transcode.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)  # icon: in menus
        self.primary.add("files", transcode)

    def set_transcode_count(self, n: int) -> None:
        """The button says what it will do: "Transcode 3 files…" ("Transcode…" with none)."""
        if n == 1:
            text = self.tr("Transcode 1 file…")
        elif n > 1:
            text = self.tr("Transcode %1 files…").replace("%1", f"{n:,}")
        else:
            text = self.tr("Transcode…")
        self.transcode_action.setIconText(text)
