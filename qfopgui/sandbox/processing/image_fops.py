"""pfop image steps → ffmpeg plans: ``imageView2`` (see `image_view`), ``imageMogr2`` (see
`image_mogr`) and ``watermark/1`` (picture) / ``watermark/2`` (text).

Each step reads one picture and writes one, so pipes (``imageView2/...|watermark/...|saveas``)
feed each output into the next step like avthumb's. Without ``format`` a step keeps its
input's format. An animated GIF gives its first frame.

``watermark/1/image/<b64 URL>[/dissolve/<1-100>][/gravity/<g>][/dx/<px>][/dy/<px>]``: the
picture must be a sandbox object (``http://127.0.0.1:<port>/dl/<bucket>/<key>`` or
``kodo://<bucket>/<key>``): the sandbox has no internet access, so any other URL fails the item
naming it. ``dissolve`` is the opacity in percent (default 100), ``gravity`` the anchor (default
SouthEast), ``dx``/``dy`` the margins from the anchored edges (default 10; on a centred axis
they shift right/down). ``watermark/2/text/<b64>[/font/<b64>][/fontsize/<twips>][/fill/<b64
colour>]`` plus the same dissolve/gravity/dx/dy writes text (fontsize 240 twips = 12 px
default; fill default black).
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path

from qfopgui.sandbox.processing import image_view as IV
from qfopgui.sandbox.processing import params as P
from qfopgui.sandbox.processing.fopparse import Step
from qfopgui.sandbox.processing.image_mogr import parse_mogr
from qfopgui.sandbox.processing.image_view import ImageError
from qfopgui.sandbox.processing.plan import BASE_ARGS, BuildContext, FfmpegPlan
from qfopgui.sandbox.processing.watermark import FONT_RE, GRAVITIES, font_color

IMAGE_OPS = frozenset({"imageView2", "imageMogr2", "watermark"})
_WM_COMMON = frozenset({"dissolve", "gravity", "dx", "dy"})
_WM_KEYS = {"1": _WM_COMMON | {"image"}, "2": _WM_COMMON | {"text", "font", "fontsize", "fill"}}
_MARGIN = 10
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def build_image_step(step: Step, ctx: BuildContext) -> FfmpegPlan:
    """Translate one image step (the parser keeps its tokens in `step.urls`)."""
    tokens = list(step.urls)
    if step.op == "imageView2":
        return _image_view(tokens, ctx)
    if step.op == "imageMogr2":
        return _image_mogr(tokens, ctx)
    return _watermark(tokens, ctx)


def _plan(
    ctx: BuildContext,
    fmt: str,
    quality: int | None,
    *,
    filters: list[str],
    pre: tuple[str, ...] = (),
    extra: tuple[str, ...] = (),
) -> FfmpegPlan:
    output = f"out.{fmt}"
    graph = ["-vf", ",".join(filters)] if filters else []
    argv = (
        ctx.ffmpeg,
        *BASE_ARGS,
        *pre,
        "-i",
        str(ctx.src),
        *graph,
        *extra,
        *IV.encoder_args(fmt, quality),
        output,
    )
    return FfmpegPlan(argv, output, "file", IV.IMAGE_CODECS[fmt][1], fmt)


def _image_view(tokens: list[str], ctx: BuildContext) -> FfmpegPlan:
    spec = IV.parse_image_view(["imageView2", *tokens])
    facts = IV.picture(ctx.src, "imageView2")
    geo = IV.geometry(spec, facts.width, facts.height)
    return _plan(ctx, spec.format or facts.format, spec.quality, filters=IV.geometry_filters(geo))


def _image_mogr(tokens: list[str], ctx: BuildContext) -> FfmpegPlan:
    spec = parse_mogr(tokens)
    facts = IV.picture(ctx.src, "imageMogr2")
    fmt = spec.format or facts.format
    if spec.quality is not None and fmt not in ("jpg", "webp"):
        raise ImageError(f"invalid quality: applies to jpg and webp output only, not {fmt}")
    pre = () if spec.auto_orient else ("-noautorotate",)
    extra = ("-map_metadata", "-1") if spec.strip else ()
    return _plan(ctx, fmt, spec.quality, filters=spec.filters, pre=pre, extra=extra)


def _watermark(tokens: list[str], ctx: BuildContext) -> FfmpegPlan:
    if not tokens or tokens[0] not in _WM_KEYS:
        raise ImageError("watermark: the mode must be 1 (picture) or 2 (text) in the sandbox")
    mode, rest = tokens[0], tokens[1:]
    if len(rest) % 2:
        raise ImageError("invalid watermark: a parameter has no value")
    values: dict[str, str] = {}
    for name, value in zip(rest[::2], rest[1::2], strict=True):
        if name not in _WM_KEYS[mode]:
            raise ImageError(f"watermark: unsupported parameter {name!r} in the sandbox")
        if name in values:
            raise ImageError(f"watermark: parameter {name} given twice")
        values[name] = value
    facts = IV.picture(ctx.src, "watermark")
    alpha = (IV.whole("dissolve", values.get("dissolve"), 1, 100) or 100) / 100
    gravity = values.get("gravity", "SouthEast")
    if gravity not in GRAVITIES:
        raise ImageError(f"invalid gravity: must be one of {', '.join(GRAVITIES)}")
    dx = P.integer("dx", values.get("dx", str(_MARGIN)), -IV.MAX_SIDE, IV.MAX_SIDE)
    dy = P.integer("dy", values.get("dy", str(_MARGIN)), -IV.MAX_SIDE, IV.MAX_SIDE)
    if mode == "1":
        if "image" not in values:
            raise ImageError("invalid watermark: mode 1 needs image/<b64 URL>")
        logo = _fetch(P.text("image", values["image"]), ctx)
        where = _position(gravity, dx, dy, big=("W", "H"), small=("w", "h"))
        graph = f"[1:v]format=rgba,colorchannelmixer=aa={alpha:g}[wm];[0:v][wm]overlay={where}[out]"
        extra = ("-i", str(logo), "-filter_complex", graph, "-map", "[out]")
        return _plan(ctx, facts.format, None, filters=[], extra=extra)
    return _plan(ctx, facts.format, None, filters=[_text(values, ctx, gravity, dx, dy, alpha)])


def _fetch(url: str, ctx: BuildContext) -> Path:
    """The stored file of a sandbox URL; the error names the URL and why it cannot be had."""
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme != "kodo" and parsed.hostname not in _LOOPBACK:
        raise ImageError(
            f"watermark: cannot fetch the image {url}: the sandbox has no internet access and "
            "fetches only its own objects (http://127.0.0.1:<port>/dl/<bucket>/<key> or "
            "kodo://<bucket>/<key>)"
        )
    try:
        return ctx.resolve(url)
    except P.ParamError as exc:
        raise ImageError(f"watermark: cannot fetch the image {url}: {exc}") from exc


def _text(
    values: dict[str, str], ctx: BuildContext, gravity: str, dx: int, dy: int, a: float
) -> str:
    if "text" not in values:
        raise ImageError("invalid watermark: mode 2 needs text/<b64 text>")
    text = P.text("text", values["text"])
    if not text or len(text) > 256:
        raise ImageError("invalid text: must be 1 to 256 characters")
    (ctx.workdir / "wmtext.txt").write_text(text, encoding="utf-8")
    options = ["textfile=wmtext.txt", "expansion=none"]
    if "font" in values:
        font = P.text("font", values["font"])
        if not FONT_RE.fullmatch(font):
            raise ImageError("invalid font: unsupported characters in the font name")
        options.append(f"font={font}")
    try:
        color = font_color(values["fill"]) if "fill" in values else "black"
    except P.ParamError as exc:
        raise ImageError("invalid fill: expected a colour name or #RRGGBB") from exc
    options.append(f"fontcolor={color}@{a:g}")
    twips = IV.whole("fontsize", values.get("fontsize"), 20, 20000) or 240
    options.append(f"fontsize={max(1, round(twips / 20))}")
    options.append(_position(gravity, dx, dy, big=("w", "h"), small=("tw", "th")))
    return "drawtext=" + ":".join(options)


def _position(
    gravity: str, dx: int, dy: int, *, big: tuple[str, str], small: tuple[str, str]
) -> str:
    """x/y expressions: margins `dx`/`dy` from the anchored edges, a shift on centred axes."""
    (width, height), (sw, sh) = big, small
    if "West" in gravity:
        x = f"{dx}"
    elif "East" in gravity:
        x = f"{width}-{sw}-({dx})"
    else:
        x = f"({width}-{sw})/2+({dx})"
    if gravity.startswith("North"):
        y = f"{dy}"
    elif gravity.startswith("South"):
        y = f"{height}-{sh}-({dy})"
    else:
        y = f"({height}-{sh})/2+({dy})"
    return f"x={x}:y={y}"
