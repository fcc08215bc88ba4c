"""Building the main window inside a qasync loop for the shell tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

from qfopgui.ui.context import AppContext
from qfopgui.ui.shell.main_window import MainWindow


def run_window(
    qloop: asyncio.AbstractEventLoop,
    qtbot: Any,
    ctx: AppContext,
    body: Callable[[MainWindow], Coroutine[Any, Any, Any]],
    **kw: Any,
) -> Any:
    """Show a MainWindow on `ctx`, run `body(window)` in the loop, then stop its tasks."""
    kw.setdefault("active_jobs", lambda: 0)

    async def scenario() -> Any:
        w = MainWindow(ctx, **kw)
        qtbot.addWidget(w)
        w.show()
        try:
            return await body(w)
        finally:
            await ctx.tasks.shutdown()

    return qloop.run_until_complete(scenario())
