"""Awaitable waits for async Qt tests (qtbot.wait* would start a nested loop and hang)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any


async def wait_signal(signal: Any, timeout: float = 5.0) -> tuple[Any, ...]:
    fut: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()

    def _slot(*args: Any) -> None:
        if not fut.done():
            fut.set_result(args)

    signal.connect(_slot)
    try:
        return await asyncio.wait_for(fut, timeout)
    finally:
        signal.disconnect(_slot)


async def wait_until(
    pred: Callable[[], object], timeout: float = 5.0, interval: float = 0.02
) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not pred():
        if loop.time() > deadline:
            raise TimeoutError(f"condition not met within {timeout} s")
        await asyncio.sleep(interval)
