"""What the accounts controller needs from the window that hosts it, and nothing more.

The controller never imports the main window (which imports the controller): it is typed
against `AccountsHost`, and tells the window about changes through its own signals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QWidget

from qfopgui.services.profiles import Profile


class AccountsHost(Protocol):
    """The window side of the account flows: the account on screen, dialogs' parent, banners."""

    def current_profile(self) -> Profile | None:
        """The account whose files are shown (what Edit/Remove act on)."""
        ...

    def dialog_parent(self) -> QWidget:
        """The widget the account dialogs and questions are modal to."""
        ...

    def show_banner(
        self,
        key: str,
        text: str,
        *,
        level: str = "info",
        action_text: str | None = None,
        action: Callable[[], object] | None = None,
    ) -> None: ...

    def hide_banner(self, key: str) -> None: ...
