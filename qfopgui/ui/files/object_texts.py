"""What a row of the Files listing says: type words, icons, and the marks of qfopgui's outputs.

Texts keep the "ObjectsModel" translation context: they are the listing model's words, kept
here so the model itself stays about rows and paging.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import IntEnum

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon

from qfopgui.services.output_index import OutputMark
from qfopgui.ui import human_readable as fmt
from qfopgui.ui.files.listing_rows import ListingRows
from qfopgui.ui.files.object_kinds import Kind
from qfopgui.ui.widgets.icons import icon
from qfopgui.ui.widgets.name_elide import BADGE_SEPARATOR

__all__ = [
    "Column",
    "badge_text",
    "cell_text",
    "cell_tooltip",
    "folder_word",
    "kind_icon",
    "made_by_text",
    "modified",
    "segments_text",
    "type_text",
]


class Column(IntEnum):
    NAME = 0
    SIZE = 1
    TYPE = 2
    MODIFIED = 3


_ICON_NAMES = {Kind.FOLDER: "folder", Kind.VIDEO: "video", Kind.AUDIO: "audio", Kind.IMAGE: "image"}
_icons: dict[Kind, QIcon] = {}


def folder_word() -> str:
    return QCoreApplication.translate("ObjectsModel", "Folder")


def type_text(key: str, kind: Kind) -> str:
    """ "MP4 video", "PNG image"; a bare word when the extension is missing or long."""
    ext = key.rpartition(".")[2].upper() if "." in key.rpartition("/")[2] else ""
    if kind is Kind.VIDEO:
        word = QCoreApplication.translate("ObjectsModel", "video")
    elif kind is Kind.AUDIO:
        word = QCoreApplication.translate("ObjectsModel", "audio")
    elif kind is Kind.IMAGE:
        word = QCoreApplication.translate("ObjectsModel", "image")
    else:
        word = QCoreApplication.translate("ObjectsModel", "file")
    return f"{ext} {word}" if ext and len(ext) <= 5 else word.capitalize()


def kind_icon(kind: Kind) -> QIcon:
    found = _icons.get(kind)
    if found is None:
        found = _icons[kind] = icon(_ICON_NAMES.get(kind, "file"))
    return found


def made_by_text(mark: OutputMark) -> str:
    """ "Made by qfopgui job #12 (MP4 720p)" for the tooltip of an output."""
    if mark.preset:
        text = QCoreApplication.translate("ObjectsModel", "Made by qfopgui job #%1 (%2)")
        return text.replace("%1", str(mark.job_id)).replace("%2", mark.preset)
    text = QCoreApplication.translate("ObjectsModel", "Made by qfopgui job #%1")
    return text.replace("%1", str(mark.job_id))


def segments_text(count: int) -> str:
    if count == 1:
        return QCoreApplication.translate("ObjectsModel", "1 segment")
    return QCoreApplication.translate("ObjectsModel", "%1 segments").replace("%1", f"{count:,}")


def badge_text(is_output: bool, segments: int) -> str:
    """The small label after a name: "output", "12 segments" or both; "" for neither."""
    parts = [QCoreApplication.translate("ObjectsModel", "output")] if is_output else []
    if segments:
        parts.append(segments_text(segments))
    return BADGE_SEPARATOR.join(parts)


def modified(rows: ListingRows, i: int) -> datetime:
    return datetime.fromtimestamp(rows.times[i] / 10_000_000, tz=UTC)


def cell_text(rows: ListingRows, base: str, now: datetime, row: int, i: int, col: int) -> str:
    """What a cell shows: the name without the folder, size, type, relative time."""
    if i < 0:
        if col == Column.NAME:
            return rows.folders[row][len(base) :].rstrip("/") or "/"
        return folder_word() if col == Column.TYPE else ""
    if col == Column.NAME:
        key = rows.keys[i]
        return key[len(base) :] if key.startswith(base) else key
    if col == Column.SIZE:
        return fmt.human_size(rows.sizes[i])
    if col == Column.TYPE:
        return type_text(rows.keys[i], rows.kind(i))
    return fmt.relative_time(modified(rows, i), now)


def cell_tooltip(rows: ListingRows, row: int, i: int, col: int) -> str:
    """The exact time or size; else the full key, which job made it and its segments."""
    if col == Column.MODIFIED and i >= 0:
        return fmt.exact_time(modified(rows, i))
    if col == Column.SIZE and i >= 0:
        return f"{rows.sizes[i]:,}"
    if i < 0:
        return rows.folders[row]
    key = rows.keys[i]
    lines = [key]
    mark = rows.mark(i)
    if mark is not None:
        lines.append(made_by_text(mark))
    segments = rows.groups.count(key)
    if segments:
        lines.append(segments_text(segments))
    return "\n".join(lines)
