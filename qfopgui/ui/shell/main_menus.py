"""The main window's menu bar: Account (add, edit, remove, sandbox, quit) and Help.

The window connects the actions; `update_account` keeps Edit/Remove right for the account on
screen (the built-in Sandbox account can't be removed, and the tooltip says so).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenuBar

from qfopgui.services.profiles import Profile
from qfopgui.ui.accounts.names import short_name
from qfopgui.ui.widgets.icons import icon


class MainMenus(QObject):
    """The menus and their actions; see the module docstring."""

    def __init__(self, bar: QMenuBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        account = bar.addMenu(self.tr("&Account"))
        account.setToolTipsVisible(True)  # why "Remove account…" is disabled for the Sandbox
        self.account_menu = account
        self.add_account_action = account.addAction(self.tr("Add account…"))
        self.edit_account_action = account.addAction(self.tr("Edit account…"))
        self.delete_account_action = account.addAction(self.tr("Remove account…"))
        account.addSeparator()
        self.sandbox_action = account.addAction(icon("sandbox"), self.tr("Open the sandbox"))
        account.addSeparator()
        self.quit_action = account.addAction(self.tr("Quit"))
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        help_menu = bar.addMenu(self.tr("&Help"))
        self.open_logs_action = help_menu.addAction(self.tr("Open log folder"))

    def update_account(self, profile: Profile | None, removable: bool) -> None:
        """Edit/Remove act on the account on screen; the Sandbox can't be removed."""
        self.edit_account_action.setEnabled(profile is not None)
        self.delete_account_action.setEnabled(removable)
        if profile is not None and not removable:
            tip = self.tr("The Sandbox account is built in and can't be removed.")
        elif profile is not None:
            tip = self.tr("Remove “%1” from this computer").replace("%1", short_name(profile.name))
        else:
            tip = ""
        self.delete_account_action.setToolTip(tip)
        self.delete_account_action.setStatusTip(tip)
