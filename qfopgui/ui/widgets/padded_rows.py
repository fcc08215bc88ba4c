"""List rows a little taller than Qt measures them, for lists of wrapped, multi-line text.

Qt sizes a wrapped row with the font's line height, but a line of Chinese drawn with a fallback
font is taller: the row then loses its last line to an ellipsis. A few pixels more keep every
line (and give the rows some air).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

ROW_PADDING = 6  # pixels, shared above and below the text (it is centred)


class PaddedRows(QStyledItemDelegate):
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), hint.height() + ROW_PADDING)
