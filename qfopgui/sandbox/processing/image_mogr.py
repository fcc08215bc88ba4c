"""imageMogr2 (the sandbox's subset) → ffmpeg video filters, applied in the order written.

Supported: ``thumbnail/<spec>`` (``!<P>p``, ``!<P>px``, ``!x<P>p``, ``<W>x``, ``x<H>``,
``<W>x<H>`` fit, ``!<W>x<H>r`` cover, ``<W>x<H>!`` exact, ``<W>x<H>>`` shrink only,
``<W>x<H><`` enlarge only), ``crop/<W>x<H>`` (also ``<W>x``, ``x<H>``, ``!<W>x<H>a<X>a<Y>``;
anchored by ``gravity``, default NorthWest), ``rotate/<1-360>`` (clockwise, white corners),
``gravity/<g>``, ``format/<jpg|png|webp|gif>``, ``quality/<1-100>[!]`` (jpg and webp only),
``strip`` and ``auto-orient``. Anything else fails the item:
"imageMogr2: unsupported parameter 'X' in the sandbox".

Sizes are ffmpeg expressions of the current picture (``iw``/``ih``), so steps chain without
the sandbox tracking sizes itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qfopgui.sandbox.processing import image_view as IV
from qfopgui.sandbox.processing.image_view import ImageError
from qfopgui.sandbox.processing.watermark import GRAVITIES

FLAGS = frozenset({"strip", "auto-orient"})
VALUED = frozenset({"thumbnail", "crop", "rotate", "gravity", "format", "quality"})
_MAX = IV.MAX_SIDE
_BOX_RE = re.compile(r"(\d+)x(\d+)")


@dataclass
class MogrSpec:
    """A parsed imageMogr2 step: the ordered filter chain and the encoding choices."""

    filters: list[str] = field(default_factory=list)
    format: str | None = None
    quality: int | None = None
    strip: bool = False
    auto_orient: bool = False


def parse_mogr(tokens: list[str]) -> MogrSpec:
    """The tokens after ``imageMogr2`` → MogrSpec (ImageError naming what is wrong)."""
    spec = MogrSpec()
    gravity = "NorthWest"
    seen: set[str] = set()
    pending: list[tuple[str, str]] = []
    i = 0
    while i < len(tokens):
        name = tokens[i]
        if name not in FLAGS and name not in VALUED:
            raise ImageError(f"imageMogr2: unsupported parameter {name!r} in the sandbox")
        if name in seen:
            raise ImageError(f"imageMogr2: parameter {name} given twice")
        seen.add(name)
        if name in FLAGS:
            spec.strip = spec.strip or name == "strip"
            spec.auto_orient = spec.auto_orient or name == "auto-orient"
            i += 1
            continue
        if i + 1 >= len(tokens):
            raise ImageError(f"invalid imageMogr2: {name} has no value")
        value = tokens[i + 1]
        i += 2
        if name == "gravity":
            if value not in GRAVITIES:
                raise ImageError(f"invalid gravity: must be one of {', '.join(GRAVITIES)}")
            gravity = value
        elif name == "format":
            spec.format = IV.output_format(value, "imageMogr2")
        elif name == "quality":
            spec.quality = IV.whole("quality", value.removesuffix("!"), 1, 100)
        else:
            pending.append((name, value))
    for name, value in pending:  # gravity may come after the crop it anchors
        if name == "thumbnail":
            spec.filters.append(thumbnail_filter(value))
        elif name == "crop":
            spec.filters.append(crop_filter(value, gravity))
        else:
            spec.filters += rotate_filters(value)
    if "gravity" in seen and "crop" not in seen:
        raise ImageError("invalid gravity: imageMogr2 uses gravity only with crop")
    return spec


def _side(name: str, text: str) -> int:
    value = IV.whole(name, text, 1, _MAX)
    assert value is not None
    return value


def _percent(text: str) -> str:
    value = IV.whole("thumbnail", text, 1, 1000)
    return f"{value}/100"


def thumbnail_filter(value: str) -> str:
    """One ``thumbnail/<spec>`` → a scale filter."""
    if m := re.fullmatch(r"!(\d+)p", value):
        p = _percent(m.group(1))
        return f"scale=iw*{p}:ih*{p}"
    if m := re.fullmatch(r"!(\d+)px", value):
        return f"scale=iw*{_percent(m.group(1))}:ih"
    if m := re.fullmatch(r"!x(\d+)p", value):
        return f"scale=iw:ih*{_percent(m.group(1))}"
    if m := re.fullmatch(r"(\d+)x", value):
        return f"scale={_side('thumbnail', m.group(1))}:-1"
    if m := re.fullmatch(r"x(\d+)", value):
        return f"scale=-1:{_side('thumbnail', m.group(1))}"
    if m := re.fullmatch(r"!(\d+)x(\d+)r", value):
        w, h = _side("thumbnail", m.group(1)), _side("thumbnail", m.group(2))
        return f"scale={w}:{h}:force_original_aspect_ratio=increase"
    if m := re.fullmatch(r"(\d+)x(\d+)([!<>]?)", value):
        w, h = _side("thumbnail", m.group(1)), _side("thumbnail", m.group(2))
        if m.group(3) == "!":
            return f"scale={w}:{h}"
        fit = ":force_original_aspect_ratio=decrease"
        if m.group(3) == ">":  # shrink only: min(W/iw, H/ih, 1)
            return f"scale=w=min({w}\\,iw):h=min({h}\\,ih){fit}"
        if m.group(3) == "<":  # enlarge only: max(min(W/iw, H/ih), 1)
            return f"scale=w=max({w}\\,iw):h=max({h}\\,ih){fit}"
        return f"scale={w}:{h}{fit}"
    raise ImageError(
        f"invalid thumbnail: {value!r} is not one of !<P>p, !<P>px, !x<P>p, <W>x, x<H>, "
        "<W>x<H>, !<W>x<H>r, <W>x<H>!, <W>x<H>>, <W>x<H><"
    )


def crop_filter(value: str, gravity: str) -> str:
    """``crop/<spec>`` anchored at `gravity`; a box beyond the picture is clipped to it."""
    dx = dy = 0
    if m := re.fullmatch(r"!(\d+)x(\d+)a(\d+)a(\d+)", value):
        w, h = m.group(1), m.group(2)
        dx, dy = int(m.group(3)), int(m.group(4))
    elif m := re.fullmatch(r"(\d*)x(\d*)", value):
        w, h = m.group(1), m.group(2)
        if not w and not h:
            raise ImageError(f"invalid crop: {value!r} needs a width or a height")
    else:
        raise ImageError(f"invalid crop: {value!r} is not <W>x<H>, <W>x, x<H> or !<W>x<H>a<X>a<Y>")
    width = f"min({_side('crop', w)}\\,iw-{dx})" if w else f"iw-{dx}"
    height = f"min({_side('crop', h)}\\,ih-{dy})" if h else f"ih-{dy}"
    if "West" in gravity:
        x = f"{dx}"
    elif "East" in gravity:
        x = "iw-ow"
    else:
        x = "(iw-ow)/2"
    if gravity.startswith("North"):
        y = f"{dy}"
    elif gravity.startswith("South"):
        y = "ih-oh"
    else:
        y = "(ih-oh)/2"
    return f"crop=w={width}:h={height}:x={x}:y={y}"


def rotate_filters(value: str) -> list[str]:
    """Clockwise rotation by whole degrees; the canvas grows to hold the rotated picture."""
    degrees = IV.whole("rotate", value, 1, 360)
    table = {90: ["transpose=clock"], 180: ["hflip", "vflip"], 270: ["transpose=cclock"]}
    if degrees in table:
        return table[degrees]
    if degrees == 360:
        return ["null"]
    angle = f"{degrees}*PI/180"
    return [f"rotate={angle}:ow=rotw({angle}):oh=roth({angle}):c=white"]
