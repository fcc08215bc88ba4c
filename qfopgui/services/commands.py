"""User commands that run one after another, so none ever cancels another.

Two Retry clicks in quick succession used to cancel the first: now the second waits its turn
(asyncio's Lock wakes waiters first come, first served) and the listener hears what is running
and how many commands wait behind it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class CommandState:
    """The command running now (with its progress) and how many wait behind it."""

    running: str = ""  # "retry" | "decide" | "" when idle
    done: int = 0
    total: int = 0
    queued: int = 0


class CommandQueue:
    """Runs user commands one at a time, first come first served; none cancels another."""

    def __init__(self, on_state: Callable[[CommandState], None]) -> None:
        self._lock = asyncio.Lock()  # FIFO: waiters are woken in the order they came
        self._waiting = 0
        self._state = CommandState()
        self._on_state = on_state

    @property
    def state(self) -> CommandState:
        return self._state

    def _set(self, **changes: str | int) -> None:
        s = self._state
        self._state = CommandState(
            running=str(changes.get("running", s.running)),
            done=int(changes.get("done", s.done)),
            total=int(changes.get("total", s.total)),
            queued=self._waiting,
        )
        self._on_state(self._state)

    def progress(self, done: int, total: int) -> None:
        self._set(done=done, total=total)

    async def run(self, kind: str, total: int, work: Callable[[], Awaitable[T]]) -> T:
        self._waiting += 1
        self._set()
        try:
            await self._lock.acquire()
        finally:
            self._waiting -= 1
        try:
            self._set(running=kind, done=0, total=total)
            return await work()
        finally:
            self._lock.release()
            self._set(running="", done=0, total=0)
