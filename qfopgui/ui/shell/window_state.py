"""The main window's geometry, dock/toolbar state and splitter, kept across runs in Settings."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QSplitter

from qfopgui.settings import Settings


def restore_window_state(window: QMainWindow, splitter: QSplitter, settings: Settings) -> None:
    """Put the window back as it was at the last quit (nothing stored: keep the defaults)."""
    geometry, state = settings.get("window/geometry"), settings.get("window/state")
    if geometry:
        window.restoreGeometry(geometry)
    if state:
        window.restoreState(state)
    saved_splitter = settings.get("window/splitter")
    if saved_splitter:
        splitter.restoreState(saved_splitter)


def save_window_state(
    window: QMainWindow, splitter: QSplitter, settings: Settings, last_view: str
) -> None:
    """Store the window's state and the view on screen, written to disk at once."""
    settings.set("window/geometry", bytes(window.saveGeometry().data()))
    settings.set("window/state", bytes(window.saveState().data()))
    settings.set("window/splitter", bytes(splitter.saveState().data()))
    settings.set("ui/last_view", last_view)
    settings.sync()
