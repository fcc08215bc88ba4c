"""Parameter value checks shared by the fop → ffmpeg translators.

A ParamError is an *item* failure (code 3): its message becomes
`execute fop cmd failed: <message>` in prefop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qfopgui.sandbox.processing.fopparse import b64text

LONG_SIDE_MAX = 3840
SHORT_SIDE_MAX = 2160
SIDE_MIN = 20


class ParamError(ValueError):
    """A parameter value is out of range, unsupported, or cannot be honoured."""


def seconds(name: str, value: str, *, positive: bool = False) -> float:
    """Seconds with up to millisecond precision, e.g. `3.345`."""
    if not re.fullmatch(r"\d+(\.\d{1,3})?", value):
        raise ParamError(f"invalid {name}: {value!r} is not a number of seconds (ms precision)")
    number = float(value)
    if positive and number <= 0:
        raise ParamError(f"invalid {name}: must be greater than 0")
    return number


def bitrate(name: str, value: str) -> str:
    """`128k`, `1.25m`, `64000` → an ffmpeg bitrate in bit/s, validated to [1k, 100M]."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([kKmM]?)", value)
    if not match:
        raise ParamError(f"invalid {name}: {value!r} is not a bitrate like 128k or 1.5m")
    scale = {"": 1, "k": 1000, "m": 1_000_000}[match.group(2).lower()]
    bps = round(float(match.group(1)) * scale)
    if not 1000 <= bps <= 100_000_000:
        raise ParamError(f"invalid {name}: must be between 1k and 100m")
    return str(bps)


def integer(name: str, value: str, lo: int, hi: int) -> int:
    if not re.fullmatch(r"-?\d+", value):
        raise ParamError(f"invalid {name}: {value!r} is not an integer")
    number = int(value)
    if not lo <= number <= hi:
        raise ParamError(f"invalid {name}: must be between {lo} and {hi}")
    return number


def number(name: str, value: str, lo: float, hi: float) -> float:
    if not re.fullmatch(r"\d+(\.\d+)?", value):
        raise ParamError(f"invalid {name}: {value!r} is not a number")
    result = float(value)
    if not lo <= result <= hi:
        raise ParamError(f"invalid {name}: must be between {lo:g} and {hi:g}")
    return result


def flag(name: str, value: str) -> bool:
    if value not in ("0", "1"):
        raise ParamError(f"invalid {name}: must be 0 or 1")
    return value == "1"


def text(name: str, value: str) -> str:
    """A URL-safe base64 encoded UTF-8 parameter."""
    try:
        return b64text(value)
    except ValueError as exc:
        raise ParamError(f"invalid {name}: {exc}") from exc


def _side(label: str, value: int) -> None:
    if not SIDE_MIN <= value <= LONG_SIDE_MAX:
        raise ParamError(f"{label} must be between {SIDE_MIN} and {LONG_SIDE_MAX}")


def dimensions(name: str, width: int | None, height: int | None) -> None:
    """Qiniu's rule: each side in [20, 3840] and the short side at most 2160."""
    try:
        if width is not None:
            _side("width", width)
        if height is not None:
            _side("height", height)
        if width is not None and height is not None and min(width, height) > SHORT_SIDE_MAX:
            raise ParamError(f"the short side must be at most {SHORT_SIDE_MAX}")
    except ParamError as exc:
        raise ParamError(f"invalid {name}: {exc}") from exc


@dataclass(frozen=True)
class Size:
    width: int | None  # None = proportional to the other side
    height: int | None


def size(name: str, value: str, *, allow_partial: bool = False) -> Size:
    """`WxH` (or `Wx` / `xH` where a proportional side is allowed)."""
    match = re.fullmatch(r"(\d*)x(\d*)", value)
    if not match or (not match.group(1) and not match.group(2)):
        raise ParamError(f"invalid {name}: {value!r} is not WIDTHxHEIGHT")
    width = int(match.group(1)) if match.group(1) else None
    height = int(match.group(2)) if match.group(2) else None
    if (width is None or height is None) and not allow_partial:
        raise ParamError(f"invalid {name}: both width and height are required")
    dimensions(name, width, height)
    return Size(width, height)


def scale_filter(sz: Size, *, fit: bool) -> str:
    """scale= for a target size; `fit` keeps the aspect ratio inside the box (autoscale/1)."""
    if sz.width is None:
        return f"scale=-2:{sz.height}"
    if sz.height is None:
        return f"scale={sz.width}:-2"
    if fit:
        return (
            f"scale={sz.width}:{sz.height}:force_original_aspect_ratio=decrease"
            ":force_divisible_by=2"
        )
    return f"scale={sz.width}:{sz.height}"


def rotate_filters(name: str, value: str) -> list[str]:
    """Clockwise rotation; `auto` follows the source's rotation metadata (ffmpeg's default)."""
    table = {
        "90": ["transpose=clock"],
        "180": ["hflip", "vflip"],
        "270": ["transpose=cclock"],
        "auto": [],
    }
    if value not in table:
        raise ParamError(f"invalid {name}: must be one of 90, 180, 270, auto")
    return table[value]


def pattern(name: str, value: str) -> str:
    """A `pattern`/`savePattern` key template; must contain `$(count)`."""
    template = text(name, value)
    if "$(count)" not in template:
        raise ParamError(f"invalid {name}: the template must contain $(count)")
    return template


def render_pattern(template: str, count: int, key_prefix: str = "") -> str:
    return template.replace("$(saveas.keyPrefix)", key_prefix).replace("$(count)", f"{count:06d}")


def reject_unknown(op: str, params: dict[str, str], known: frozenset[str]) -> None:
    """Parameters the sandbox cannot honour fail the item instead of being ignored."""
    unknown = sorted(set(params) - known)
    if unknown:
        raise ParamError(f"{op}: unsupported parameter {unknown[0]!r} in the sandbox")
