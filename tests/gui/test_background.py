from __future__ import annotations

import asyncio
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from qfopgui.ui.background import TaskOwner, run_dialog
from tests.helpers.aio import wait_until

pytestmark = pytest.mark.gui


def test_named_tasks_are_latest_wins(qloop: asyncio.AbstractEventLoop) -> None:
    owner = TaskOwner()
    log: list[str] = []

    async def job(tag: str) -> None:
        try:
            await asyncio.sleep(0.1)
            log.append(f"done {tag}")
        except asyncio.CancelledError:
            log.append(f"cancelled {tag}")
            raise

    async def scenario() -> None:
        first = owner.start_load(job("a"), name="refresh")
        await asyncio.sleep(0)
        assert owner.running("refresh")
        second = owner.start_load(job("b"), name="refresh")
        await asyncio.gather(first, second, return_exceptions=True)

    qloop.run_until_complete(scenario())
    assert log == ["cancelled a", "done b"]
    assert len(owner) == 0
    assert not owner.running("refresh")


def test_errors_go_to_the_callback(qloop: asyncio.AbstractEventLoop) -> None:
    seen: list[tuple[str, str]] = []
    owner = TaskOwner(on_error=lambda exc, name: seen.append((name, str(exc))))

    async def bad() -> None:
        raise RuntimeError("kaput")

    async def scenario() -> None:
        owner.start(bad(), name="bad-one")
        await wait_until(lambda: bool(seen))

    qloop.run_until_complete(scenario())
    assert seen == [("bad-one", "kaput")]


def test_cancel_all_on_quit(qloop: asyncio.AbstractEventLoop) -> None:
    owner = TaskOwner()

    async def forever() -> None:
        await asyncio.sleep(3600)

    async def scenario() -> list[asyncio.Task[Any]]:
        tasks = [owner.start(forever()) for _ in range(3)]
        await asyncio.sleep(0)
        await owner.shutdown()
        return tasks

    tasks = qloop.run_until_complete(scenario())
    assert all(t.cancelled() for t in tasks)
    with pytest.raises(RuntimeError):
        qloop.run_until_complete(_start_after_close(owner))


async def _start_after_close(owner: TaskOwner) -> None:
    owner.start(asyncio.sleep(0))


def test_run_dialog_resolves_without_nested_loop(
    qloop: asyncio.AbstractEventLoop, qtbot: Any
) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    ticks: list[int] = []

    async def ticker() -> None:
        while True:
            ticks.append(1)
            await asyncio.sleep(0.01)

    async def scenario() -> int:
        t = asyncio.ensure_future(ticker())
        fut = run_dialog(dialog)
        await asyncio.sleep(0.1)  # other tasks keep running while the dialog is open
        assert dialog.isVisible()
        dialog.accept()
        result = await fut
        t.cancel()
        await asyncio.gather(t, return_exceptions=True)
        return result

    assert qloop.run_until_complete(scenario()) == QDialog.DialogCode.Accepted
    assert len(ticks) >= 3


def test_commands_with_the_same_name_never_cancel_each_other(
    qloop: asyncio.AbstractEventLoop,
) -> None:
    """Retry [a, b] then Retry [c]: a command started again must not cancel the first."""
    owner = TaskOwner()
    log: list[str] = []

    async def job(tag: str) -> None:
        await asyncio.sleep(0.05)
        log.append(f"done {tag}")

    async def scenario() -> None:
        first = owner.start(job("a"), name="jobs:retry")
        second = owner.start(job("b"), name="jobs:retry")
        await asyncio.gather(first, second)

    qloop.run_until_complete(scenario())
    assert sorted(log) == ["done a", "done b"]
