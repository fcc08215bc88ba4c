"""Shared fixtures: offscreen Qt, an in-memory keyring, and a qasync loop that checks for leaks."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

import asyncio
import gc
import sys
from collections.abc import Iterator

import keyring
import pytest

from tests.helpers.memory_keyring import MemoryKeyring

pytest_plugins = ["tests.fixtures_sandbox"]


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets a fresh in-memory keyring; the real OS keychain is never used."""
    old = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(old)


@pytest.fixture
def qloop(qapp):  # type: ignore[no-untyped-def]
    """A qasync event loop on the test QApplication. Fails the test if tasks were left running."""
    import PySide6.QtWidgets  # noqa: F401  -- bind qasync to PySide6 before importing it
    import qasync

    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    yield loop
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for t in pending:
        t.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.close()
    asyncio.set_event_loop(None)
    assert not pending, f"tasks left running after the test: {pending}"


@pytest.fixture(autouse=True)
def _qt_app_hygiene() -> Iterator[None]:
    """Keep Qt state from leaking between tests (only when the test used Qt at all).

    - As in the app (`app.main`), closing the last window must not quit the event loop;
      otherwise a window closed at teardown leaves a Quit queued and the next test's qasync
      loop stops with "Event loop stopped before Future completed".
    - Free the test's widgets (often in reference cycles) now, on the GUI thread: left to the
      cyclic GC they may be collected on a sandbox or executor thread, which crashes Qt.
    """
    app = None
    if "PySide6.QtWidgets" in sys.modules:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
    before = app.quitOnLastWindowClosed() if app is not None else None
    if app is not None:
        app.setQuitOnLastWindowClosed(False)
    yield
    if app is None and "PySide6.QtWidgets" in sys.modules:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is not None:
            app.setQuitOnLastWindowClosed(False)
    gc.collect()
    if app is not None and before is not None:
        app.setQuitOnLastWindowClosed(before)
