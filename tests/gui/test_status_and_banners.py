"""The status bar's connection dot is coloured by state (with the words kept), and a banner the
user closes is reported as dismissed (one closed by code is not)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QToolButton

from qfopgui.services.profiles import Profile
from qfopgui.ui.shell.main_window import MainWindow
from qfopgui.ui.widgets.banner import BannerArea
from qfopgui.ui.widgets.status_dot import DOT_COLOURS, ConnectionDot
from tests.gui.appfakes import FakeClient, make_ctx, obj
from tests.helpers.aio import wait_until

pytestmark = pytest.mark.gui


def test_connection_dot_follows_the_connection(qloop: Any, qtbot: Any, tmp_path: Path) -> None:
    client = FakeClient(objects={"media": [obj("a.mp4")]})
    ctx = make_ctx(tmp_path, client, profiles=[(Profile("A", "ak"), "sk")])

    async def body(w: MainWindow) -> None:
        dot = w.connection_dot
        await wait_until(lambda: dot.state == "connected")
        assert w.status_text("connection") == "Connected: A · z0"
        assert DOT_COLOURS["connected"] in dot.styleSheet()
        assert dot.isVisible()
        assert dot.toolTip() == "Connected"
        w.set_connection("connecting", w.tr("Connecting to %1…").replace("%1", "A"))
        assert DOT_COLOURS["connecting"] in dot.styleSheet()
        client.fail_buckets = RuntimeError("no route to host")
        w.files_view.set_profile(ctx.profiles.get("A"))  # lists the buckets again
        await wait_until(lambda: dot.state == "error")
        assert DOT_COLOURS["error"] in dot.styleSheet()
        assert w.status_text("connection") == "Not connected: no route to host"
        w.set_connection("", "")
        assert not dot.isVisible()

    async def scenario() -> None:
        w = MainWindow(ctx, active_jobs=_no_jobs)
        qtbot.addWidget(w)
        w.show()
        try:
            await body(w)
        finally:
            await ctx.tasks.shutdown()

    qloop.run_until_complete(scenario())


def test_dot_colours_differ_and_unknown_states_are_refused(qtbot: Any) -> None:
    assert len(set(DOT_COLOURS.values())) == 3
    dot = ConnectionDot()
    qtbot.addWidget(dot)
    with pytest.raises(ValueError, match="unknown connection state"):
        dot.set_state("green")


def test_closing_a_banner_reports_it_dismissed(qtbot: Any) -> None:
    area = BannerArea()
    qtbot.addWidget(area)
    seen: list[str] = []
    area.dismissed.connect(seen.append)
    area.show_banner("a", "first")
    area.show_banner("b", "second")
    area.hide_banner("a")  # hidden by code: not a dismissal
    assert seen == []
    banner = area.banner("b")
    assert banner is not None
    close = next(b for b in banner.findChildren(QToolButton) if b.text() == "✕")
    close.click()
    assert seen == ["b"]
    assert area.keys() == []


def _no_jobs() -> int:
    return 0
