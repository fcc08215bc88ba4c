"""Paints the Progress column as the platform's progress bar (no widget per row).

A delegate drawing `QStyle.CE_ProgressBar` costs nothing for rows out of sight, where an
index widget per row would cost a QWidget each: the table must stay light at 100,000 rows.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

from qfopgui.ui.uploads.transfers_model import ProgressRole

STEPS = 1000  # the bar's resolution (per mille)


def bar_option(option: QStyleOptionViewItem, fraction: float, text: str) -> QStyleOptionProgressBar:
    """The progress bar to draw inside a cell, inset a little so rows stay apart."""
    bar = QStyleOptionProgressBar()
    bar.rect = option.rect.adjusted(3, 3, -3, -3)
    bar.state = option.state | QStyle.StateFlag.State_Horizontal
    bar.direction = option.direction
    bar.fontMetrics = option.fontMetrics
    bar.palette = option.palette
    bar.minimum = 0
    bar.maximum = STEPS
    bar.progress = round(max(0.0, min(1.0, fraction)) * STEPS)
    bar.text = text
    bar.textVisible = bool(text)
    bar.textAlignment = Qt.AlignmentFlag.AlignCenter
    return bar


class ProgressDelegate(QStyledItemDelegate):
    """The cell background as usual (selection colours), then a progress bar with "45%"."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        fraction = index.data(ProgressRole)
        if not isinstance(fraction, float) or fraction < 0:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        style.drawControl(
            QStyle.ControlElement.CE_ProgressBar, bar_option(opt, fraction, text), painter, widget
        )
