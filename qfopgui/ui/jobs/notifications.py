"""Tray messages for finished batches, and the words of a batch summary.

When a batch is finished is decided by `qfopgui.services.batches`; the jobs controller shows it
as an in-app banner and, where a system tray exists, as a tray message (the tray is only an
extra: on some desktops it is missing or unreliable).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from qfopgui.services.batches import BatchSummary


def summary_text(summary: BatchSummary) -> str:
    """ "12 done, 1 failed" in the user's language."""
    tr = QCoreApplication.translate
    parts = [tr("notifications", "%1 done").replace("%1", f"{summary.done:,}")]
    if summary.failed:
        parts.append(tr("notifications", "%1 failed").replace("%1", f"{summary.failed:,}"))
    if summary.undecided:
        parts.append(
            tr("notifications", "%1 need your decision").replace("%1", f"{summary.undecided:,}")
        )
    return ", ".join(parts)


class TrayNotifier(QObject):
    """A tray icon created on first use, only where the desktop has a system tray."""

    def __init__(self, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icon = icon
        self._tray: QSystemTrayIcon | None = None

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def notify(self, title: str, text: str, *, failed: bool = False) -> bool:
        if not self.available():
            return False
        if self._tray is None:
            self._tray = QSystemTrayIcon(self._icon, self)
            self._tray.setToolTip("qfopgui")
        self._tray.show()
        icons = QSystemTrayIcon.MessageIcon
        kind = icons.Warning if failed else icons.Information
        self._tray.showMessage(title, text, kind, 8000)
        return True
