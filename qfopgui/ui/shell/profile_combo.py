"""The toolbar's account picker: never wider than `MAX_CHARS`, however long a name is.

Names are shortened in the middle (the " · region" end stays readable); the full text is the
tooltip of the combo and of each popup row, and the popup is capped too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

MIN_CHARS = 18
MAX_CHARS = 34
POPUP_MAX_CHARS = 60


class ProfileCombo(QComboBox):
    """A QComboBox whose shown text is elided (ElideMiddle) to the width it is given."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        char = self.fontMetrics().averageCharWidth()
        self.setMinimumContentsLength(MIN_CHARS)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMaximumWidth(char * MAX_CHARS + 48)  # + icon, arrow and frame
        self.view().setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view().window().setMaximumWidth(char * POPUP_MAX_CHARS + 48)
        self.currentIndexChanged.connect(self.update_tooltip)

    def update_tooltip(self) -> None:
        """The full text of the current item (call after changing it with signals blocked)."""
        index = self.currentIndex()
        self.setToolTip(self.itemText(index) if index >= 0 else self.placeholderText())

    def shown_text(self) -> str:
        """The current text as painted: shortened in the middle to fit the text area."""
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        return self._elided(opt)

    def _elided(self, opt: QStyleOptionComboBox) -> str:
        rect = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        width = rect.width() - 4
        if not opt.currentIcon.isNull():
            width -= opt.iconSize.width() + 4
        return self.fontMetrics().elidedText(
            opt.currentText, Qt.TextElideMode.ElideMiddle, max(0, width)
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        opt.currentText = self._elided(opt)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)
        painter.end()
