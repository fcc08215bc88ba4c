"""What the uploads feature needs from the main window and the Files view, as Protocols.

The real `MainWindow` and `FilesView` satisfy them; the tests' fakes implement the same ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from qfopgui.services.profiles import Profile

ShowJob = Callable[[int], None]  # switch to Jobs and select this job


class RefreshIfShowing(Protocol):
    """`FilesView.refresh_if_showing`: reload the folder shown (debounced) if it shows a key."""

    def __call__(
        self, bucket: str, keys: Iterable[str], *, profile: str | None = None
    ) -> object: ...


class UploadsShell(Protocol):
    """The main window, as far as uploads are concerned."""

    def add_view(
        self, key: str, title: str, widget: QWidget, *, icon: QIcon | None = None
    ) -> None: ...
    def show_view(self, key: str) -> None: ...
    def current_view(self) -> str | None: ...
    def set_nav_badge(self, key: str, text: str) -> None: ...
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
    def set_status(self, section: str, text: str) -> None: ...
    def dialog_parent(self) -> QWidget: ...


class UploadTarget(Protocol):
    """The Files view: which bucket and folder a drop or Upload… goes to."""

    bucket_changed: SignalInstance  # (bucket name, "" when none)

    def current_profile(self) -> Profile | None: ...
    def current_bucket(self) -> str | None: ...
    def current_prefix(self) -> str: ...
    def open_bucket(self, name: str) -> None: ...
    def open_folder(self, prefix: str) -> None: ...
    def refresh(self) -> None: ...
