"""Numbers for people: "1.2 MB", "1 min 20 s", "2 min ago", "1,000+".

Pure functions (no widgets), translated through `QCoreApplication.translate` with the context
"format" so zh_CN reads naturally too.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication

_UNITS = ("KB", "MB", "GB", "TB", "PB")


def human_size(n: int | None) -> str:
    """Bytes in KB/MB/GB (1024-based, one decimal below 10 units, as file managers show them)."""
    if n is None or n < 0:
        return ""
    if n < 1024:
        return (
            _f(QCoreApplication.translate("format", "%1 bytes"), n)
            if n != 1
            else QCoreApplication.translate("format", "1 byte")
        )
    value = float(n)
    for unit in _UNITS:
        value /= 1024.0
        if value < 1024.0 or unit == _UNITS[-1]:
            text = f"{value:.1f}" if value < 10 else f"{value:.0f}"
            return f"{text} {unit}"
    return f"{value:.0f} PB"  # pragma: no cover - loop always returns


def _f(text: str, *args: object) -> str:
    """Fill Qt-style %1, %2 placeholders of an already translated text."""
    out = text
    for i, a in enumerate(args, 1):
        out = out.replace(f"%{i}", str(a))
    return out


def human_duration(seconds: float | None) -> str:
    """ "45 s", "1 min 20 s", "2 h 5 min", "3 d 4 h" (the two most significant parts)."""
    if seconds is None or seconds < 0:
        return ""
    s = round(seconds)
    if s < 60:
        return _f(QCoreApplication.translate("format", "%1 s"), s)
    m, s = divmod(s, 60)
    if m < 60:
        return (
            _f(QCoreApplication.translate("format", "%1 min %2 s"), m, s)
            if s
            else _f(QCoreApplication.translate("format", "%1 min"), m)
        )
    h, m = divmod(m, 60)
    if h < 24:
        return (
            _f(QCoreApplication.translate("format", "%1 h %2 min"), h, m)
            if m
            else _f(QCoreApplication.translate("format", "%1 h"), h)
        )
    d, h = divmod(h, 24)
    return (
        _f(QCoreApplication.translate("format", "%1 d %2 h"), d, h)
        if h
        else _f(QCoreApplication.translate("format", "%1 d"), d)
    )


def relative_time(when: datetime, now: datetime | None = None) -> str:
    """ "just now", "2 min ago", "3 h ago", "yesterday"; older dates as YYYY-MM-DD HH:MM."""
    now = now or datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    delta = (now - when).total_seconds()
    if delta < -60:
        return exact_time(when)
    if delta < 45:
        return QCoreApplication.translate("format", "just now")
    if delta < 3600:
        return _f(QCoreApplication.translate("format", "%1 min ago"), max(1, round(delta / 60)))
    if delta < 86400:
        return _f(QCoreApplication.translate("format", "%1 h ago"), round(delta / 3600))
    if delta < 2 * 86400:
        return QCoreApplication.translate("format", "yesterday")
    return exact_time(when)


def exact_time(when: datetime) -> str:
    """Local time, to the minute (tooltips and older rows)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def count(n: int, *, more: bool = False) -> str:
    """ "1,000" or "1,000+" when more rows are still to come."""
    return f"{n:,}+" if more else f"{n:,}"
