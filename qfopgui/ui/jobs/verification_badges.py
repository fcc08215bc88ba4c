"""How verification looks: the Status column's icons for a verified or warned done job, and the
details pane's "Verification" label. Shapes differ as well as colours (never colour alone)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from qfopgui.core.jobs import JobRecord
from qfopgui.ui.jobs.verification_text import Level, is_verified, is_warned, verification_view

COLOURS = {Level.OK: "#1e8449", Level.WARNING: "#b9770e", Level.UNKNOWN: "#7f8c8d"}
_ICONS: dict[Level, QIcon] = {}


def _paint(p: QPainter, level: Level, s: float) -> None:
    colour = QColor(COLOURS[level])
    m = s * 0.08
    box = QRectF(m, m, s - 2 * m, s - 2 * m)
    if level is Level.OK:  # a white check on a filled circle ("done and checked")
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(colour))
        p.drawEllipse(box)
        p.setPen(QPen(QColor("white"), s * 0.13, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        path = QPainterPath(QPointF(s * 0.28, s * 0.52))
        path.lineTo(QPointF(s * 0.44, s * 0.68))
        path.lineTo(QPointF(s * 0.72, s * 0.34))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        return
    # a filled warning triangle with a white "!" ("done, but look at the outputs")
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(colour))
    p.drawPolygon(
        QPolygonF([QPointF(box.center().x(), box.top()), box.bottomRight(), box.bottomLeft()])
    )
    p.setPen(QPen(QColor("white"), s * 0.12, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    x = box.center().x()
    p.drawLine(QPointF(x, s * 0.4), QPointF(x, s * 0.64))
    p.drawPoint(QPointF(x, s * 0.8))


def level_icon(level: Level) -> QIcon:
    """Drawn once per level (needs a QGuiApplication)."""
    icon = _ICONS.get(level)
    if icon is None:
        icon = QIcon()
        for size in (16, 32):
            pm = QPixmap(size, size)
            pm.fill(Qt.GlobalColor.transparent)
            p = QPainter(pm)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            _paint(p, level, float(size))
            p.end()
            icon.addPixmap(pm)
        _ICONS[level] = icon
    return icon


def status_badge(rec: JobRecord) -> QIcon | None:
    """The icon replacing the plain "done" check, when the outputs were judged."""
    if is_verified(rec):
        return level_icon(Level.OK)
    if is_warned(rec):
        return level_icon(Level.WARNING)
    return None


def status_colour(rec: JobRecord) -> str | None:
    """The Status text's colour when the verdict changes it (a warning)."""
    return COLOURS[Level.WARNING] if is_warned(rec) else None


def _line_label(text: str, name: str, style: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setAccessibleName(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # keys may contain anything
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet(style)
    return label


def verification_box(rec: JobRecord, parent: QWidget | None = None) -> QWidget | None:
    """The details pane's "Verification" part: a headline ("Verified: 3 outputs, durations
    match the source") and, for a warning, one line per finding with its numbers. None when
    there is nothing to say (not done, or not checked yet)."""
    view = verification_view(rec)
    if view is None:
        return None
    box = QWidget(parent)
    box.setObjectName("details_verification")
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(2)
    colour = COLOURS[view.level]
    weight = "bold" if view.level is Level.WARNING else "normal"
    lay.addWidget(
        _line_label(
            view.headline, "verification_headline", f"color: {colour}; font-weight: {weight}"
        )
    )
    if view.lines:
        lines = "\n".join(view.bullets())
        lay.addWidget(_line_label(lines, "verification_lines", f"color: {colour}"))
    return box


def box_text(box: QWidget) -> str:
    """Everything the box says, top to bottom (for tests and the screenshot script)."""
    return "\n".join(label.text() for label in box.findChildren(QLabel))
