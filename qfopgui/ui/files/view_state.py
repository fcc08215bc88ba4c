"""What the user had in the Files table — selection, current row, scroll position — by key, so
a listing rebuilt under them (auto-refresh, outputs marked late) looks as it did."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView, QTableView

from qfopgui.ui.files.listing_rows import runs
from qfopgui.ui.files.objects_model import ObjectsModel

__all__ = ["ViewState", "capture", "keeping_view", "restore"]


@dataclass(frozen=True)
class ViewState:
    selected: tuple[str, ...] = ()
    current: str | None = None
    current_column: int = 0
    top: str | None = None  # the key of the first row in view
    rows: int = 0  # rows (folders and objects) that were loaded


def capture(table: QTableView, model: ObjectsModel) -> ViewState:
    sel = table.selectionModel()
    rows = sorted({i.row() for i in sel.selectedRows()})
    current = sel.currentIndex()
    top = table.rowAt(0)
    n = model.rowCount()
    return ViewState(
        selected=tuple(model.key_at(r) for r in rows if r < n),
        current=model.key_at(current.row()) if current.isValid() and current.row() < n else None,
        current_column=current.column() if current.isValid() else 0,
        top=model.key_at(top) if 0 < top < n else None,
        rows=model.folder_count + model.loaded_object_count,
    )


def restore(table: QTableView, model: ObjectsModel, state: ViewState) -> None:
    """Select again the keys that are still rows; current row and scroll position likewise."""
    wanted = [*state.selected, *(k for k in (state.current, state.top) if k is not None)]
    if not wanted:
        return
    found = model.rows_of(wanted)
    table.doItemsLayout()  # scroll ranges must know the new row count before scrollTo
    sel = table.selectionModel()
    last = model.columnCount() - 1
    selection = QItemSelection()
    for first, end in runs([found[k] for k in state.selected if k in found]):
        selection.select(model.index(first, 0), model.index(end, last))
    flags = QItemSelectionModel.SelectionFlag
    sel.select(selection, flags.ClearAndSelect | flags.Rows)
    if state.current in found:
        index = model.index(found[state.current], state.current_column)
        sel.setCurrentIndex(index, flags.NoUpdate)
    if state.top in found:
        top = model.index(found[state.top], 0)
        table.scrollTo(top, QAbstractItemView.ScrollHint.PositionAtTop)


def keeping_view(table: QTableView, model: ObjectsModel, change: Callable[[], object]) -> None:
    """Run `change` (a filter, a re-mark: it may reset the model) and keep the view as it was."""
    state = capture(table, model)
    change()
    restore(table, model, state)
