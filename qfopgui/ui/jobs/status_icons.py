"""The Jobs view's state colours and icons: a distinct shape per state, drawn once.

Colour alone would fail colour-blind users, so each state has its own shape as well.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from qfopgui.core.jobs import JobState

STATUS_COLOURS = {
    JobState.SUBMITTING: "#8e44ad",
    JobState.UNRESOLVED: "#8e44ad",
    JobState.WAITING: "#7f8c8d",
    JobState.PROCESSING: "#2471a3",
    JobState.DONE: "#1e8449",
    JobState.FAILED: "#c0392b",
    JobState.NOTIFY_FAILED: "#b9770e",
}
_ICONS: dict[JobState, QIcon] = {}


def _paint_shape(p: QPainter, state: JobState, s: float) -> None:
    """A distinct shape per state, so colour-blind users can tell them apart too."""
    colour = QColor(STATUS_COLOURS[state])
    pen = QPen(colour, s * 0.14, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    m = s * 0.12
    box = QRectF(m, m, s - 2 * m, s - 2 * m)
    if state is JobState.WAITING:  # hollow circle with clock hands
        p.drawEllipse(box)
        c = box.center()
        p.drawLine(c, QPointF(c.x(), box.top() + s * 0.25))
        p.drawLine(c, QPointF(box.right() - s * 0.25, c.y()))
    elif state is JobState.PROCESSING:  # filled circle with a play triangle
        p.setBrush(QBrush(colour))
        p.drawEllipse(box)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(QColor("white")))
        c = box.center()
        r = s * 0.2
        p.drawPolygon(
            QPolygonF(
                [
                    QPointF(c.x() - r * 0.7, c.y() - r),
                    QPointF(c.x() - r * 0.7, c.y() + r),
                    QPointF(c.x() + r, c.y()),
                ]
            )
        )
    elif state is JobState.DONE:  # check mark
        path = QPainterPath(QPointF(box.left(), box.center().y()))
        path.lineTo(QPointF(box.left() + box.width() * 0.38, box.bottom() - s * 0.08))
        path.lineTo(QPointF(box.right(), box.top() + s * 0.08))
        p.drawPath(path)
    elif state is JobState.FAILED:  # cross
        p.drawLine(box.topLeft(), box.bottomRight())
        p.drawLine(box.topRight(), box.bottomLeft())
    elif state is JobState.NOTIFY_FAILED:  # warning triangle
        tri = QPolygonF([QPointF(box.center().x(), box.top()), box.bottomRight(), box.bottomLeft()])
        p.drawPolygon(tri)
    else:  # submitting / needs decision: diamond (filled when it needs the user)
        if state is JobState.UNRESOLVED:
            p.setBrush(QBrush(colour))
        c = box.center()
        h = box.width() / 2
        p.drawPolygon(
            QPolygonF(
                [
                    QPointF(c.x(), c.y() - h),
                    QPointF(c.x() + h, c.y()),
                    QPointF(c.x(), c.y() + h),
                    QPointF(c.x() - h, c.y()),
                ]
            )
        )


def status_icon(state: JobState) -> QIcon:
    """Drawn once per state (needs a QGuiApplication)."""
    icon = _ICONS.get(state)
    if icon is None:
        icon = QIcon()
        for size in (16, 32):
            pm = QPixmap(size, size)
            pm.fill(Qt.GlobalColor.transparent)
            p = QPainter(pm)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            _paint_shape(p, state, float(size))
            p.end()
            icon.addPixmap(pm)
        _ICONS[state] = icon
    return icon
