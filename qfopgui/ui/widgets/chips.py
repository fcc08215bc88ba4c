"""Filter chips: a row of exclusive, checkable buttons (All · Video · Audio · Image)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

CHIP_STYLE = (  # for QPushButton and QToolButton chips alike (Files and Jobs look the same)
    "QPushButton, QToolButton { border: 1px solid palette(mid); border-radius: 11px;"
    " padding: 2px 10px; min-height: 18px; }"
    "QPushButton:checked, QToolButton:checked { background: palette(highlight);"
    " color: palette(highlighted-text); border-color: palette(highlight); }"
)


class ChipGroup(QWidget):
    """`changed(value)` with the value of the chip that became checked."""

    changed = Signal(object)

    def __init__(self, chips: list[tuple[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._values: list[Any] = []
        self.buttons: list[QPushButton] = []
        for n, (text, value) in enumerate(chips):
            b = QPushButton(text)
            b.setCheckable(True)
            b.setStyleSheet(CHIP_STYLE)
            b.setChecked(n == 0)
            self._group.addButton(b, n)
            self._values.append(value)
            self.buttons.append(b)
            row.addWidget(b)
        self._group.idClicked.connect(self._on_clicked)

    def _on_clicked(self, index: int) -> None:
        self.changed.emit(self._values[index])

    def value(self) -> Any:
        return self._values[self._group.checkedId()]

    def set_value(self, value: Any) -> None:
        if value in self._values:
            self.buttons[self._values.index(value)].setChecked(True)
