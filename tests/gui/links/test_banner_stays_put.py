"""A banner appearing or hiding never moves the rows under the pointer, and the batches banner
has a Copy all links button that copies the links of exactly the batches it sums up."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QPushButton, QTableView

from qfopgui.services.batches import BatchSummary
from qfopgui.services.profiles import Profile
from qfopgui.ui.jobs.batch_banner import BANNER_KEY, BatchBanner
from qfopgui.ui.shell.main_window import MainWindow
from tests.gui.appfakes import make_ctx
from tests.gui.shell.conftest import run_window

pytestmark = pytest.mark.gui


async def settled() -> None:
    """Let the Qt loop lay out and delete, as between two things a user does."""
    await asyncio.sleep(0.1)


def test_showing_and_hiding_banners_keeps_the_table_where_it_is(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path
) -> None:
    ctx = make_ctx(tmp_path, profiles=[(Profile("p", "AK"), "SK")])

    async def body(w: MainWindow) -> dict[str, Any]:
        table = QTableView()
        table.setModel(QStandardItemModel(50, 3, table))
        w.add_view("table", "Table", table)
        w.show_view("table")
        await settled()
        where = [table.mapToGlobal(QPoint(0, 0)).y()]
        heights = [table.height()]
        batches = BatchBanner(w, lambda _ids: None, copy_links=lambda _ids: None, buttons=w)
        batches.add(BatchSummary(batch_id="b1", done=2, failed=0, undecided=0, total=2))
        w.show_banner("other", "A second banner", level="warning")
        await settled()
        banner = w.banners.banner(BANNER_KEY)
        assert banner is not None
        assert banner.isVisible()
        where.append(table.mapToGlobal(QPoint(0, 0)).y())
        heights.append(table.height())
        top = banner.mapToGlobal(QPoint(0, 0)).y()
        bottom = table.mapToGlobal(QPoint(0, table.height())).y()
        batches.clear()
        w.hide_banner("other")
        await settled()
        where.append(table.mapToGlobal(QPoint(0, 0)).y())
        heights.append(table.height())
        return {"where": where, "heights": heights, "banner_top": top, "table_bottom": bottom}

    got = run_window(qloop, qtbot, ctx, body)
    assert len(set(got["where"])) == 1, got["where"]  # the rows stay under the pointer
    assert got["heights"][1] < got["heights"][0] == got["heights"][2]  # the banners took room…
    assert got["banner_top"] >= got["table_bottom"]  # …below the table, covering nothing


def test_batches_banner_copy_all_links_button(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path
) -> None:
    ctx = make_ctx(tmp_path, profiles=[(Profile("p", "AK"), "SK")])
    copied: list[list[str]] = []
    shown: list[list[str]] = []

    async def body(w: MainWindow) -> dict[str, Any]:
        batches = BatchBanner(w, shown.append, copy_links=copied.append, buttons=w)
        batches.add(BatchSummary(batch_id="A", done=2, failed=0, undecided=0, total=2))
        batches.add(BatchSummary(batch_id="B", done=1, failed=1, undecided=0, total=2))
        banner = w.banners.banner(BANNER_KEY)
        assert banner is not None
        buttons = banner.findChildren(QPushButton, "banner_copy_links")
        assert len(buttons) == 1  # one button however many batches were added
        button = buttons[0]
        facts = {"text": button.text(), "name": button.accessibleName()}
        button.click()
        facts["still_there"] = w.banners.banner(BANNER_KEY) is banner  # copying keeps it
        return facts

    got = run_window(qloop, qtbot, ctx, body)
    assert got == {"text": "Copy all links", "name": "Copy all links", "still_there": True}
    assert copied == [["A", "B"]]
    assert shown == []
