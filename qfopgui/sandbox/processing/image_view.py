"""imageView2 and picture encoding shared by real-time GETs (`realtime`) and pfop (`image_fops`).

``imageView2/<mode>/w/<W>/h/<H>[/format/<jpg|png|webp|gif>][/q/<1-100>]``, the service's modes:

- 0: the long side at most w, the short side at most h (fit, no crop);
- 1: at least w x h, then centre-cropped to w x h (only one given: a square);
- 2: the width at most w, the height at most h (fit, no crop);
- 3: at least w x h, no crop (only one given: both sides);
- 4: the long side at least w, the short side at least h, no crop (only one given: both);
- 5: like 4, then centre-cropped to long x short.

The sandbox never enlarges (its reading of "thumbnails always shrink"): scaling stops at the
source's size and a crop box larger than the scaled picture is clipped to it. Errors are
`ImageError` with a short readable message; callers turn it into a 400 or an item failure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import av

from qfopgui.sandbox.processing.params import ParamError

MAX_SIDE = 9999  # Qiniu: a processed picture's sides stay within 9999 px
DEFAULT_QUALITY = 75  # the service's default q for imageView2 / imageMogr2
# Output format → (ffmpeg encoder, MIME type, muxer).
IMAGE_CODECS = {
    "jpg": ("mjpeg", "image/jpeg", "image2"),
    "png": ("png", "image/png", "image2"),
    "webp": ("libwebp", "image/webp", "webp"),
    "gif": ("gif", "image/gif", "gif"),
}
_PARAMS = frozenset({"w", "h", "format", "q"})
_SOURCE_FORMATS = {"mjpeg": "jpg", "png": "png", "apng": "png", "webp": "webp", "gif": "gif"}


class ImageError(ParamError):
    """A picture request that cannot be honoured; `str()` says what was wrong (in pfop it fails
    the item like any ParamError)."""


@dataclass(frozen=True)
class ImageSpec:
    """A parsed ``imageView2`` request."""

    mode: int
    width: int | None
    height: int | None
    format: str | None  # None: keep the source's format
    quality: int | None


@dataclass(frozen=True)
class Picture:
    """What PyAV says about a still picture."""

    width: int
    height: int
    demuxer: str  # "jpeg_pipe", "png_pipe", "webp_pipe", "gif", "image2", …
    codec: str  # "mjpeg", "png", "gif", "webp", …
    pix_fmt: str

    @property
    def format(self) -> str:
        """The output format that keeps this picture's own (png for anything unusual)."""
        return _SOURCE_FORMATS.get(self.codec, "png")


def output_format(value: str, op: str) -> str:
    """A ``format/<f>`` value → a key of IMAGE_CODECS (ImageError naming `op` otherwise)."""
    fmt = "jpg" if value == "jpeg" else value
    if fmt not in IMAGE_CODECS:
        raise ImageError(f"{op}: format {fmt!r} is not supported in the sandbox")
    return fmt


def parse_image_view(tokens: list[str]) -> ImageSpec:
    """``["imageView2", mode, name, value, ...]`` → ImageSpec (ImageError if bad)."""
    if not tokens or tokens[0] != "imageView2" or len(tokens) < 2 or not tokens[1]:
        raise ImageError("invalid imageView2: the mode is missing")
    if tokens[1] not in ("0", "1", "2", "3", "4", "5"):
        raise ImageError(f"imageView2 mode {tokens[1]!r} is not supported in the sandbox")
    rest = tokens[2:]
    if len(rest) % 2:
        raise ImageError("invalid imageView2: a parameter has no value")
    values: dict[str, str] = {}
    for name, value in zip(rest[::2], rest[1::2], strict=True):
        if name not in _PARAMS:
            raise ImageError(f"imageView2: unsupported parameter {name!r} in the sandbox")
        if name in values:
            raise ImageError(f"imageView2: parameter {name} given twice")
        values[name] = value
    width = whole("w", values.get("w"), 1, MAX_SIDE)
    height = whole("h", values.get("h"), 1, MAX_SIDE)
    if width is None and height is None:
        raise ImageError("invalid imageView2: give w, h or both")
    fmt = output_format(values["format"], "imageView2") if "format" in values else None
    quality = whole("q", values.get("q"), 1, 100)
    return ImageSpec(int(tokens[1]), width, height, fmt, quality)


def whole(name: str, value: str | None, lo: int, hi: int) -> int | None:
    """An optional whole-number parameter in [lo, hi]."""
    if value is None:
        return None
    if not re.fullmatch(r"\d+", value) or not lo <= int(value) <= hi:
        raise ImageError(f"invalid {name}: {value!r} must be a whole number from {lo} to {hi}")
    return int(value)


@dataclass(frozen=True)
class Geometry:
    """Scale to (width, height), then (when set) centre-crop to `crop`."""

    width: int
    height: int
    crop: tuple[int, int] | None = None


def geometry(spec: ImageSpec, width: int, height: int) -> Geometry:
    """The mode's output geometry for a `width` x `height` source (never enlarged)."""
    w, h, mode = spec.width, spec.height, spec.mode
    landscape = width >= height
    if mode in (0, 4, 5):  # long/short edges → a width/height box in the source's orientation
        if mode != 0 and (w is None or h is None):
            w = h = w or h
        long_edge, short_edge = w, h
        w, h = (long_edge, short_edge) if landscape else (short_edge, long_edge)
    elif mode in (1, 3) and (w is None or h is None):
        w = h = w or h
    ratios = [r for r in ((w / width) if w else None, (h / height) if h else None) if r]
    fit = mode in (0, 2) or not ratios  # fit: every bound holds; cover: the loosest one does
    scale = min([1.0, *ratios]) if fit else min(1.0, max(ratios))
    out_w, out_h = max(1, round(width * scale)), max(1, round(height * scale))
    if mode in (1, 5) and w and h:
        crop = (min(w, out_w), min(h, out_h))
        return Geometry(out_w, out_h, None if crop == (out_w, out_h) else crop)
    return Geometry(out_w, out_h)


def geometry_filters(geo: Geometry) -> list[str]:
    """ffmpeg video filters for `geo`."""
    chain = [f"scale={geo.width}:{geo.height}"]
    if geo.crop is not None:
        chain.append(f"crop={geo.crop[0]}:{geo.crop[1]}")  # centred by default
    return chain


def encoder_args(fmt: str, quality: int | None) -> list[str]:
    """Codec, quality and muxer arguments writing one picture in `fmt` (q 1..100)."""
    codec, _, muxer = IMAGE_CODECS[fmt]
    q = DEFAULT_QUALITY if quality is None else quality
    args = ["-c:v", codec]
    if codec == "mjpeg":  # q 1..100 → ffmpeg's qscale 31..2
        args += ["-q:v", str(round(31 - (q - 1) * 29 / 99))]
    elif codec == "libwebp":
        args += ["-quality", str(q), "-lossless", "0"]
    if muxer == "image2":
        args += ["-update", "1"]
    return [*args, "-frames:v", "1", "-f", muxer]


def picture(src: Path, op: str) -> Picture:
    """What PyAV says about a still picture; ImageError naming `op` for anything else."""
    try:
        container = av.open(str(src))
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        raise ImageError("not an image: the file could not be read") from exc
    try:
        name = container.format.name
        still = name == "image2" or name.endswith("_pipe") or name in ("gif", "apng", "webp")
        if not still or not container.streams.video:
            raise ImageError(f"not an image: {op} needs a picture")
        ctx = container.streams.video[0].codec_context
        if not ctx.width or not ctx.height:
            raise ImageError("not an image: the picture has no size")
        return Picture(ctx.width, ctx.height, name, ctx.name, ctx.format.name if ctx.format else "")
    finally:
        container.close()
