"""Shared fixtures: offscreen Qt, an in-memory keyring, and a qasync loop that checks for leaks."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

import asyncio
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
