"""A 2,000-character account name never stretches the toolbar, the status bar or the window."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from qfopgui.services.profiles import Profile
from qfopgui.ui.shell.main_window import MainWindow
from tests.gui.appfakes import FakeClient, make_ctx
from tests.gui.shell.conftest import run_window
from tests.helpers.aio import wait_until

pytestmark = pytest.mark.gui


class LabelRecorder(QProxyStyle):
    """Remembers the text each combo box label is painted with."""

    def __init__(self) -> None:
        super().__init__()
        self.painted: list[str] = []

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.ControlElement.CE_ComboBoxLabel:
            self.painted.append(option.currentText)  # type: ignore[attr-defined]
        super().drawControl(element, option, painter, widget)


LONG = "Very long account name " + "x" * 1960 + " the end"  # 2,000 characters
assert len(LONG) >= 1990


@pytest.mark.qt_log_ignore(  # the offscreen plugin, when the popup opens
    r"This plugin does not support raise\(\)", r"This plugin does not support grabbing"
)
def test_a_very_long_account_name_is_elided_everywhere(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path
) -> None:
    ctx = make_ctx(tmp_path, FakeClient(), profiles=[(Profile(LONG, "ak", region="z1"), "sk")])

    async def body(w: MainWindow) -> None:
        await wait_until(lambda: w.current_profile() is not None)
        await wait_until(lambda: "Connected" in w.status_text("connection"))
        combo = w.profile_combo
        assert w.toolbar.sizeHint().width() < 1024
        assert combo.width() <= combo.maximumWidth() < 500
        assert w.minimumSizeHint().width() <= 1024
        w.resize(1024, 700)
        await asyncio.sleep(0.05)
        QApplication.processEvents()
        assert (w.width(), w.height()) == (1024, 700)
        # the combo paints the name shortened in the middle; the full text is the tooltip
        shown = combo.shown_text()
        assert "…" in shown
        assert shown.startswith("Very long")
        assert shown.endswith("· z1")
        assert combo.fontMetrics().horizontalAdvance(shown) <= combo.width()
        recorder = LabelRecorder()
        combo.setStyle(recorder)
        combo.grab()  # paints
        assert recorder.painted == [combo.shown_text()]
        assert combo.toolTip() == f"{LONG} · z1"
        assert combo.itemData(0, 3) == f"{LONG} · z1"  # Qt.ToolTipRole of the popup row
        combo.showPopup()
        await asyncio.sleep(0.05)
        assert combo.view().window().width() < 1024
        combo.hidePopup()
        # window title, status bar and the remove question are short too
        assert len(w.windowTitle()) < 80
        assert w.windowTitle().endswith("the end — qfopgui")
        assert len(w.status_text("connection")) < 100
        assert w.delete_account_action.toolTip().startswith("Remove “Very long")
        assert len(w.delete_account_action.toolTip()) < 100
        w.grab().save("/tmp/h6-toolbar-long-name.png")

    run_window(qloop, qtbot, ctx, body)
