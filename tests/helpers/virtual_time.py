"""An asyncio event loop on virtual time: when every task waits, the clock jumps to the next timer.

`asyncio.sleep`, `asyncio.wait_for` and `loop.call_later` all read `loop.time()`, so code that
waits only through the loop (and reads `loop.time` as its clock) runs a 60 s scenario in
milliseconds, deterministically. Blocking work must run inline (no threads): while the loop
is idle the clock moves on without waiting for a thread, so a thread's answer would arrive
"late" in virtual time.

Run with ``asyncio.Runner(loop_factory=VirtualTimeLoop)`` (see `run_virtual`).
"""

from __future__ import annotations

import asyncio
import selectors
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

DEADLOCK_AFTER = 5.0  # real seconds to wait for a thread's wake-up before calling it a deadlock


class _VirtualSelector(selectors.DefaultSelector):
    """The loop's selector: never sleeps for a timeout, it advances the virtual clock instead."""

    def __init__(self, start: float) -> None:
        super().__init__()
        self.now = start

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        ready = super().select(0)  # the loop's own wake-up pipe, if anything wrote to it
        if ready or (timeout is not None and timeout <= 0):
            return ready
        if timeout is None:  # nothing scheduled: only another thread could wake the loop
            ready = super().select(DEADLOCK_AFTER)
            if not ready:
                raise RuntimeError("every task is waiting and no timer is due (deadlock)")
            return ready
        self.now += timeout
        return []


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    """`time()` is virtual; it moves only when the loop would otherwise sleep."""

    def __init__(self, start: float = 1000.0) -> None:
        self._virtual = _VirtualSelector(start)
        super().__init__(self._virtual)

    def time(self) -> float:
        return self._virtual.now


def run_virtual(coro: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run` on a fresh `VirtualTimeLoop`."""
    with asyncio.Runner(loop_factory=VirtualTimeLoop) as runner:
        return runner.run(coro)
