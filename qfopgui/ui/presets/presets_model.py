"""The preset library as a list: built-ins (locked) first, then the user's own, with search.

Search matches the shown name, the description and the fop strings, so "crf" or "m3u8" finds
the presets that use them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from qfopgui.core.presets import Preset
from qfopgui.ui.translated_messages import preset_description, preset_display_name
from qfopgui.ui.widgets.icons import icon

NameRole = Qt.ItemDataRole.UserRole + 1  # the stored (English) name
BuiltinRole = Qt.ItemDataRole.UserRole + 2
SearchRole = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


class PresetsModel(QAbstractListModel):
    """One row per preset; ``set_presets`` replaces the rows (the library is small)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._presets: tuple[Preset, ...] = ()
        self._search: tuple[str, ...] = ()
        self._unsaved = ""  # the preset whose edits are not saved yet ("" none)

    def set_presets(self, presets: Sequence[Preset]) -> None:
        self.beginResetModel()
        self._presets = tuple(presets)
        self._search = tuple(_search_text(p) for p in self._presets)
        self.endResetModel()

    def set_unsaved(self, name: str | None) -> None:
        """Mark ``name`` as having unsaved edits (None: no row)."""
        name = name or ""
        if name == self._unsaved:
            return
        rows = [self.row_of(n) for n in (self._unsaved, name) if n]
        self._unsaved = name
        for row in rows:
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, 0))

    def presets(self) -> tuple[Preset, ...]:
        return self._presets

    def row_of(self, name: str) -> int:
        return next((i for i, p in enumerate(self._presets) if p.name == name), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._presets)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._presets):
            return None
        preset = self._presets[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            shown = preset_display_name(preset.name)
            return f"{shown} •" if preset.name == self._unsaved else shown
        if role == Qt.ItemDataRole.DecorationRole:
            return icon("lock") if preset.builtin else icon("presets")
        if role == Qt.ItemDataRole.ToolTipRole:
            text = preset_description(preset.name, preset.description)
            if preset.builtin:
                locked = self.tr("Built-in: locked. Duplicate it to make your own version.")
                return f"{text}\n{locked}" if text else locked
            return text or None
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            if preset.name == self._unsaved:
                return self.tr("Your preset, with unsaved changes")
            return self.tr("Built-in preset") if preset.builtin else self.tr("Your preset")
        if role == Qt.ItemDataRole.FontRole and not preset.builtin:
            font = QFont()
            font.setBold(True)
            return font
        if role == NameRole:
            return preset.name
        if role == BuiltinRole:
            return preset.builtin
        if role == SearchRole:
            return self._search[index.row()]
        return None


def _search_text(preset: Preset) -> str:
    parts = [
        preset_display_name(preset.name),
        preset.name,
        preset_description(preset.name, preset.description),
        *(c.build() for c in preset.commands),
    ]
    return "\n".join(parts).casefold()


class PresetsFilter(QSortFilterProxyModel):
    """Rows whose name, description or commands contain every word typed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self._words = tuple(text.casefold().split())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        haystack = str(model.data(model.index(source_row, 0, source_parent), SearchRole) or "")
        return all(word in haystack for word in self._words)
