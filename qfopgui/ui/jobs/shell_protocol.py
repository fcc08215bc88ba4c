"""What the jobs feature needs from the main window and the Files view, as Protocols.

The real `MainWindow` and `FileDetails` satisfy them; the test fakes implement the same ones, so
mypy catches drift instead of `hasattr` probing at run time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from qfopgui.services.profiles import Profile
from qfopgui.ui.jobs.job_events import JobEvents


class JobsShell(Protocol):
    """What the jobs feature needs from the main window (the test fake implements it too)."""

    transcode_requested: SignalInstance  # (bucket, keys)
    profile_changed: SignalInstance  # (profile name)
    refresh_requested: SignalInstance
    banner_dismissed: SignalInstance  # (banner key)

    def add_view(
        self, key: str, title: str, widget: QWidget, *, icon: QIcon | None = None
    ) -> None: ...
    def set_primary_widget(self, key: str, widget: QWidget) -> None: ...
    def show_view(self, key: str) -> None: ...
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
    def current_profile(self) -> Profile | None: ...
    def dialog_parent(self) -> QWidget: ...


class FileJobsPane(Protocol):
    """Files → Details: lists the jobs made from the selected file, with Copy link."""

    copy_link_requested: SignalInstance  # (bucket, key)

    def watch(self, events: JobEvents) -> None: ...
