"""avthumb watermark parameters → an ffmpeg filter graph (overlay for wmImage, drawtext for wmText).

The image must be a sandbox object (download URL or kodo:// URL); the text is written to a file
in the work dir and read with `textfile=` so no user text ever needs filter escaping.
"""

from __future__ import annotations

import re

from qfopgui.sandbox.processing import params as P
from qfopgui.sandbox.processing.fopparse import b64text
from qfopgui.sandbox.processing.plan import BuildContext

WATERMARK_KEYS = frozenset(
    {
        "wmImage",
        "wmGravity",
        "wmOffsetX",
        "wmOffsetY",
        "wmText",
        "wmGravityText",
        "wmFont",
        "wmFontColor",
        "wmFontSize",
    }
)
GRAVITIES = (
    "NorthWest",
    "North",
    "NorthEast",
    "West",
    "Center",
    "East",
    "SouthWest",
    "South",
    "SouthEast",
)
_COLOR_RE = re.compile(r"#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?|[A-Za-z]{3,20}")
FONT_RE = re.compile(r"[\w .\-]{1,64}")
DEFAULT_FONT_PX = 16


def _position(
    gravity: str, dx: int, dy: int, *, big: tuple[str, str], small: tuple[str, str]
) -> str:
    """x/y expressions anchoring the watermark at `gravity`, offsets + right / + down."""
    (width, height), (sw, sh) = big, small
    if "West" in gravity:
        x = f"{dx}"
    elif "East" in gravity:
        x = f"{width}-{sw}+({dx})"
    else:
        x = f"({width}-{sw})/2+({dx})"
    if gravity.startswith("North"):
        y = f"{dy}"
    elif gravity.startswith("South"):
        y = f"{height}-{sh}+({dy})"
    else:
        y = f"({height}-{sh})/2+({dy})"
    return f"x={x}:y={y}"


def _gravity(name: str, value: str | None) -> str:
    gravity = value or "NorthEast"
    if gravity not in GRAVITIES:
        raise P.ParamError(f"invalid {name}: must be one of {', '.join(GRAVITIES)}")
    return gravity


def font_color(value: str) -> str:
    """A colour name or #RRGGBB[AA], base64-encoded (as documented) or plain (very old docs)."""
    try:
        decoded = b64text(value)
    except ValueError:
        decoded = ""
    for candidate in (decoded, value):
        if _COLOR_RE.fullmatch(candidate):
            return candidate
    raise P.ParamError("invalid wmFontColor: expected a colour name or #RRGGBB")


def watermark_graph(
    values: dict[str, str], chain: list[str], ctx: BuildContext
) -> tuple[list[str], str] | None:
    """(extra -i args, filter_complex graph ending in [vout]) or None without watermark."""
    if "wmImage" not in values and "wmText" not in values:
        stray = sorted(set(values) & (WATERMARK_KEYS - {"wmImage", "wmText"}))
        if stray:
            raise P.ParamError(f"invalid {stray[0]}: needs wmImage or wmText")
        return None
    dx = P.integer("wmOffsetX", values.get("wmOffsetX", "0"), -3840, 3840)
    dy = P.integer("wmOffsetY", values.get("wmOffsetY", "0"), -3840, 3840)
    parts = [f"[0:v]{','.join(chain) or 'null'}[base]"]
    current = "base"
    extra_inputs: list[str] = []
    if "wmImage" in values:
        url = P.text("wmImage", values["wmImage"])
        image = ctx.resolve(url)
        extra_inputs = ["-i", str(image)]
        where = _position(
            _gravity("wmGravity", values.get("wmGravity")), dx, dy, big=("W", "H"), small=("w", "h")
        )
        parts.append("[1:v]format=rgba[wm]")
        parts.append(f"[{current}][wm]overlay={where}[wmi]")
        current = "wmi"
    elif "wmGravity" in values:
        raise P.ParamError("invalid wmGravity: needs wmImage (use wmGravityText for text)")
    if "wmText" in values:
        text = P.text("wmText", values["wmText"])
        if not text or len(text) > 256:
            raise P.ParamError("invalid wmText: must be 1 to 256 characters")
        (ctx.workdir / "wmtext.txt").write_text(text, encoding="utf-8")
        options = ["textfile=wmtext.txt", "expansion=none"]
        if "wmFont" in values:
            font = P.text("wmFont", values["wmFont"])
            if not FONT_RE.fullmatch(font):
                raise P.ParamError("invalid wmFont: unsupported characters in the font name")
            options.append(f"font={font}")
        color = font_color(values["wmFontColor"]) if "wmFontColor" in values else "black"
        options.append(f"fontcolor={color}")
        twips = P.integer("wmFontSize", values.get("wmFontSize", "0"), 0, 20000)
        options.append(f"fontsize={max(1, round(twips / 20)) if twips else DEFAULT_FONT_PX}")
        gravity = _gravity("wmGravityText", values.get("wmGravityText"))
        options.append(_position(gravity, dx, dy, big=("w", "h"), small=("tw", "th")))
        parts.append(f"[{current}]drawtext={':'.join(options)}[wmt]")
        current = "wmt"
    elif "wmGravityText" in values or "wmFont" in values or "wmFontColor" in values:
        raise P.ParamError("invalid wmGravityText: text watermark options need wmText")
    parts.append(f"[{current}]null[vout]")
    return extra_inputs, ";".join(parts)
