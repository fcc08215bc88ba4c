"""Writing and checking values in OSS's units: milliseconds, bits per second, OSS's ranges.

Shared by the ``video/convert``/``audio/convert`` and ``video/snapshots`` builders; each check
returns problems (never raises) worded for an Aliyun OSS account.
"""

from __future__ import annotations

import re

from qfopgui.core.fops import Problem
from qfopgui.core.fops.grammar import format_number
from qfopgui.core.oss_capabilities import OSS_SIDE

_BITRATE = re.compile(r"(\d+(?:\.\d+)?)([km]?)")


def join_stage(action: str, params: list[tuple[str, str]]) -> str:
    """``video/convert`` + [(f, mp4), …] → ``video/convert,f_mp4,…``."""
    return ",".join([action, *(f"{k}_{v}" for k, v in params)])


def ms(seconds: float) -> str:
    """OSS times are whole milliseconds."""
    return str(round(seconds * 1000))


def check_sides(width: int | None, height: int | None, *, field: str = "") -> list[Problem]:
    """Each side within ``OSS_SIDE``; ``field`` names the form field (default ``w``/``h``)."""
    out: list[Problem] = []
    for key, label, value in (("w", "Width", width), ("h", "Height", height)):
        if value is not None:
            out += check_range(field or key, label, value, OSS_SIDE, "pixels")
    return out


def check_range(
    field: str, label: str, value: float, bounds: tuple[float, float], unit: str = ""
) -> list[Problem]:
    """``label`` is a model label (translated as a field name); ``unit`` a model unit."""
    lo, hi = bounds
    if lo <= value <= hi:
        return []
    if unit:
        return [
            Problem.make(
                field,
                "{label} must be between {min} and {max} {unit} on Aliyun OSS",
                label=label,
                min=format_number(lo),
                max=format_number(hi),
                unit=unit,
            )
        ]
    return [
        Problem.make(
            field,
            "{label} must be between {min} and {max} on Aliyun OSS",
            label=label,
            min=format_number(lo),
            max=format_number(hi),
        )
    ]


def bits_per_second(
    field: str, label: str, value: str, bounds: tuple[int, int], problems: list[Problem]
) -> str | None:
    """``"1.5m"`` → ``"1500000"`` (OSS counts bits per second); None when unreadable."""
    match = _BITRATE.fullmatch(value)
    if match is None:
        problems.append(
            Problem.make(
                field,
                "{label} must look like 128k, 1.25m or a plain number, not '{value}'",
                label=label,
                value=value,
            )
        )
        return None
    scale = {"": 1, "k": 1000, "m": 1_000_000}[match.group(2)]
    bits = round(float(match.group(1)) * scale)
    lo, hi = bounds
    if not lo <= bits <= hi:
        problems.append(
            Problem.make(
                field,
                "{label} must be between {min} and {max} on Aliyun OSS",
                label=label,
                min=_short_bits(lo),
                max=_short_bits(hi),
            )
        )
    return str(bits)


def _short_bits(bits: int) -> str:
    """``50000000`` → ``50m``, ``8000`` → ``8k`` (how bitrates are typed in the preset)."""
    if bits % 1_000_000 == 0:
        return f"{bits // 1_000_000}m"
    if bits % 1000 == 0:
        return f"{bits // 1000}k"
    return str(bits)
