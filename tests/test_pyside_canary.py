"""Canary for the PySide6 6.12.0 refcount bug.

PySide6 6.12.0 on Python 3.11 drops a reference to `True` on every `Signal.emit()`; after ~1,000
emits the interpreter aborts with `Fatal Python error: bool_dealloc`. qasync signals across threads
with emit(), so the app would crash mid-session. This test emits 5,000 times and checks refcounts,
so a PySide6 bump that brings the bug back fails here instead of on a user's desk.
"""

from __future__ import annotations

import sys

import pytest

pytestmark = pytest.mark.gui


def test_signal_emit_keeps_refcount_of_true(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        fired = Signal(int)

    received: list[int] = []
    emitter = Emitter()
    emitter.fired.connect(received.append)
    before = sys.getrefcount(True)
    for i in range(5000):
        emitter.fired.emit(i)
    after = sys.getrefcount(True)
    assert len(received) == 5000
    # On the buggy build the count drops by ~5,000 (or the process aborts before we get here).
    assert after >= before - 50, f"Signal.emit leaks references to True: {before} -> {after}"
