"""The Progress column is painted as a progress bar by the delegate (no widget per row)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QTableView

from qfopgui.services.upload_types import Transfer, TransferState
from qfopgui.ui.uploads.progress_delegate import ProgressDelegate
from qfopgui.ui.uploads.transfers_model import Column, TransfersModel

pytestmark = pytest.mark.gui

W, H = 240, 24


def paint_cell(view: QTableView, model: TransfersModel, row: int) -> QImage:
    image = QImage(W, H, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = QRect(0, 0, W, H)
    painter = QPainter(image)
    ProgressDelegate(view).paint(painter, option, model.index(row, Column.PROGRESS))
    painter.end()
    return image


def filled(image: QImage, x0: int, x1: int) -> int:
    """Pixels in columns x0..x1 (middle row band) that carry the bar's highlight colour."""
    highlight = QApplication.palette().highlight().color()
    n = 0
    for x in range(x0, x1):
        for y in range(H // 2 - 3, H // 2 + 3):
            c = image.pixelColor(x, y)
            if abs(c.hue() - highlight.hue()) < 20 and c.saturation() > 60:
                n += 1
    return n


def test_the_bar_is_filled_as_far_as_the_file_is_sent(qtbot: Any) -> None:
    model = TransfersModel()
    model.apply(
        [
            Transfer(1, "demo", "media", "a.mp4", "/a", 1000, 250, TransferState.UPLOADING),
            Transfer(2, "demo", "media", "b.mp4", "/b", 1000, 0, TransferState.SKIPPED),
        ]
    )
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    quarter = paint_cell(view, model, 0)
    left, right = filled(quarter, 6, W // 4 - 6), filled(quarter, W // 2, W - 6)
    assert left > 50, "the sent quarter is drawn as a filled bar"
    assert right == 0, "the unsent part is not"
    skipped = paint_cell(view, model, 1)
    assert filled(skipped, 0, W) == 0  # a skipped file has no bar at all
