"""Regression: a page task that runs after its listing was replaced must do nothing.

Found by the end-to-end keyring test: saving a new account switches the Files view while the
previous account's first page task was created but had not started, and the task then failed
on ``assert fetch is not None`` (an error banner for the user).
"""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import QModelIndex

from qfopgui.api.models import ListPage
from qfopgui.ui.background import TaskOwner
from qfopgui.ui.files.objects_model import ObjectsModel
from tests.gui.appfakes import obj

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("replacement", ["none", "other listing"])
def test_page_task_of_a_replaced_listing_is_dropped(
    qloop: asyncio.AbstractEventLoop, replacement: str
) -> None:
    errors: list[BaseException] = []
    owner = TaskOwner(on_error=lambda exc, _name: errors.append(exc))
    m = ObjectsModel(lambda coro, name: owner.start(coro, name=name))
    calls: list[str] = []

    async def old(marker: str) -> ListPage:
        calls.append("old")
        return ListPage((obj("old.mp4"),), (), "")

    async def new(marker: str) -> ListPage:
        calls.append("new")
        return ListPage((obj("new.mp4"),), (), "")

    async def scenario() -> None:
        m.set_source(old)
        m.fetchMore(QModelIndex())  # the task is created but has not run yet
        m.set_source(None if replacement == "none" else new)  # same turn: account switched
        await asyncio.sleep(0.05)
        await owner.shutdown()

    qloop.run_until_complete(scenario())
    assert errors == []
    assert "old" not in calls
    assert not m.loading
    assert [m.key_at(r) for r in range(m.rowCount())] == []
