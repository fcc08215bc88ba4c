"""What the Files view has selected, as plain data for the Details pane.

Kept apart from the pane so the selection can be read (and compared: latest wins) without
any widgets; `BrowsedFiles` is a Protocol so the pane never imports the Files view.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QTableView

from qfopgui.services.profiles import Profile
from qfopgui.ui.files.objects_model import ObjectsModel


@dataclass(frozen=True)
class SelectedFile:
    key: str
    size: int | None = None
    type_text: str = ""
    modified: datetime | None = None


@dataclass(frozen=True)
class Selection:
    """What the Files view has selected (folders apart: they are not transcoded)."""

    profile: str | None = None
    bucket: str | None = None
    files: tuple[SelectedFile, ...] = ()
    folders: tuple[str, ...] = ()


class BrowsedFiles(Protocol):
    """What the pane reads from the Files view (a Protocol keeps the import one-way)."""

    model: ObjectsModel
    table: QTableView
    selection_changed: SignalInstance

    def current_profile(self) -> Profile | None: ...
    def current_bucket(self) -> str | None: ...


def selection_of(view: BrowsedFiles) -> Selection:
    """The current selection of the Files view."""
    profile, bucket, model = view.current_profile(), view.current_bucket(), view.model
    rows = sorted({i.row() for i in view.table.selectionModel().selectedRows()})
    files: list[SelectedFile] = []
    folders: list[str] = []
    for r in rows:
        if model.is_folder(r):
            folders.append(model.key_at(r))
        else:
            type_text = model.type_text_at(r)
            files.append(
                SelectedFile(model.key_at(r), model.size_at(r), type_text, model.modified_at(r))
            )
    return Selection(profile.name if profile else None, bucket, tuple(files), tuple(folders))
