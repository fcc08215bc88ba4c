"""File names elided at the end of the stem, keeping the extension: "sample-1280x720-1…mp4".

Qt's own modes hide the wrong part of a file name: ElideMiddle makes "clip-2024-01-a.mp4" and
"clip-2024-02-b.mp4" look the same ("clip…b.mp4" at narrow widths hides which is which), and
ElideRight drops the extension that tells a video from its thumbnail. The stem is cut at its end,
the "…" stands for the cut part and the dot, and the extension stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

__all__ = [
    "BADGE_ROLE",
    "BADGE_SEPARATOR",
    "ELLIPSIS",
    "MAX_EXTENSION",
    "NameElideDelegate",
    "NameLayout",
    "elide_name",
    "extension_of",
]

ELLIPSIS = "…"
MAX_EXTENSION = 8  # a longer "extension" is part of the name ("report.final-version-two")
# A short label the delegate draws after the name, in a rounded frame ("output", "12 segments").
BADGE_ROLE = Qt.ItemDataRole.UserRole + 20
BADGE_SEPARATOR = " · "  # between the parts of a badge; the first part is kept when narrow
_BADGE_PAD, _BADGE_GAP = 5, 6  # pixels inside the frame / between the name and the frame
_NAME_MIN_CHARS = 12


def extension_of(name: str) -> str:
    """The extension without its dot, or "" when there is none (".profile", "a.", long tails)."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or not ext or len(ext) > MAX_EXTENSION or " " in ext:
        return ""
    return ext


def elide_name(name: str, metrics: QFontMetrics, width: int) -> str:
    """`name` if it fits in `width` pixels; else its stem cut at the end + "…" + the extension.

    With no extension (or no room even for "…" + extension) it is a plain right elide. The
    result always fits `width` (it may be "" when not even "…" fits).
    """
    if metrics.horizontalAdvance(name) <= width:
        return name
    ext = extension_of(name)
    suffix = ELLIPSIS + ext
    if not ext or metrics.horizontalAdvance(name[0] + suffix) > width:
        return _right_elide(name, metrics, width)
    stem = name[: len(name) - len(ext) - 1]
    lo, hi = 1, len(stem)  # the longest stem prefix that fits, found by bisection
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if metrics.horizontalAdvance(stem[:mid] + suffix) <= width:
            lo = mid
        else:
            hi = mid - 1
    return stem[:lo].rstrip() + suffix


def _right_elide(text: str, metrics: QFontMetrics, width: int) -> str:
    elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(width, 0))
    return elided if metrics.horizontalAdvance(elided) <= width else ""


@dataclass(frozen=True)
class NameLayout:
    """What a cell shows: the (elided) name and, if there is room, the badge and its frame."""

    text: str
    badge: str = ""
    badge_frame: QRect | None = None


class NameElideDelegate(QStyledItemDelegate):
    """Paints a name column with `elide_name` (icon and selection colours as Qt draws them),
    plus the index's `BADGE_ROLE` text, if any, in a small frame after the name.

    The full name stays available as the model's tooltip.
    """

    def layout(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> tuple[QStyleOptionViewItem, NameLayout]:
        """The style option to draw (its text elided) and where the badge goes."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        fm = opt.fontMetrics
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        room = text_rect.width() - 2 * margin
        badge = _fitting_badge(index.data(BADGE_ROLE), opt.text, fm, room)
        badge_w = fm.horizontalAdvance(badge) + 2 * _BADGE_PAD if badge else 0
        width = room - (badge_w + _BADGE_GAP if badge else 0)
        opt.text = elide_name(opt.text, fm, width) if opt.text else ""
        opt.textElideMode = Qt.TextElideMode.ElideNone
        if not badge:
            return opt, NameLayout(opt.text)
        x = text_rect.left() + margin + fm.horizontalAdvance(opt.text) + _BADGE_GAP
        h = fm.height()
        frame = QRect(x, text_rect.center().y() - h // 2, badge_w, h)
        return opt, NameLayout(opt.text, badge, frame)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt, layout = self.layout(option, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        # Not super().paint(): it would run initStyleOption again and restore the full text.
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if layout.badge_frame is not None:
            _draw_badge(painter, opt, layout.badge_frame, layout.badge)


def _fitting_badge(badge: object, name: str, fm: QFontMetrics, room: int) -> str:
    """The badge, or its first part ("output" of "output · 12 segments"), or nothing: the
    name keeps room for about 12 characters (or all of it if shorter) — it matters more, and
    the tooltip has everything."""
    if not isinstance(badge, str) or not badge:
        return ""
    name_room = min(fm.horizontalAdvance(name), fm.averageCharWidth() * _NAME_MIN_CHARS)
    for text in dict.fromkeys((badge, badge.split(BADGE_SEPARATOR)[0])):
        if room - fm.horizontalAdvance(text) - 2 * _BADGE_PAD - _BADGE_GAP >= name_room:
            return text
    return ""


def _draw_badge(painter: QPainter, opt: QStyleOptionViewItem, frame: QRect, text: str) -> None:
    selected = bool(opt.state & QStyle.StateFlag.State_Selected)
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(opt.palette.color(role))
    painter.drawRoundedRect(frame.adjusted(0, 0, -1, -1), 4, 4)
    painter.drawText(frame, int(Qt.AlignmentFlag.AlignCenter), text)
    painter.restore()
