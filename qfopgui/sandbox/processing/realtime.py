"""Real-time processing on download URLs, answered synchronously like Qiniu's dora hosts:
``?vframe/<jpg|png>/offset/<s>[/w/<W>][/h/<H>][/rotate/<d>]`` (one frame of a video) and
``?imageView2/<mode>/w/<W>/h/<H>[/format/<f>][/q/<n>]`` (a smaller picture), and
``?imageInfo`` (a picture's size, format and dimensions: avinfo is for audio/video only).

vframe reuses the pfop engine's checks and ffmpeg argv (`build_vframe`), so a parameter is
accepted or refused the same way synchronously and in pfop. imageView2 implements modes 0 and 2
(fit inside a box, never enlarged: Qiniu's thumbnails "always shrink"); the other modes, formats
other than jpg/png and unknown parameters are refused with 400 rather than answered wrongly.
Every refusal is a `RealtimeError` whose message is short and readable.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import av

from qfopgui.sandbox.processing import params as P
from qfopgui.sandbox.processing.ffmpeg_args import build_vframe
from qfopgui.sandbox.processing.fopparse import FopSyntaxError, parse_command
from qfopgui.sandbox.processing.plan import BASE_ARGS, BuildContext
from qfopgui.sandbox.processing.probe import ProbeError, summary
from qfopgui.sandbox.processing.runner import FfmpegError, Runner

TIMEOUT = 60.0  # one frame or one picture: a minute is already generous
MAX_SIDE = 9999  # Qiniu: a processed picture's sides stay within 9999 px
_IMAGE_CODECS = {"jpg": ("mjpeg", "image/jpeg"), "png": ("png", "image/png")}
_IMAGE_PARAMS = frozenset({"w", "h", "format", "q"})


class RealtimeError(ValueError):
    """The request cannot be answered; the route sends ``status`` with a Qiniu-style body."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Rendered:
    body: bytes
    mime: str


def render(fop: str, src: Path, *, ffmpeg: str, tmp_root: Path) -> Rendered:
    """Run `fop` on the stored file `src`; RealtimeError when it cannot be answered."""
    if "|" in fop:
        raise RealtimeError("pipes in real-time processing are not supported in the sandbox")
    tmp_root.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="realtime-", dir=tmp_root))
    try:
        if fop.split("/", 1)[0] == "vframe":
            argv, output, mime = _vframe_plan(fop, src, ffmpeg, workdir)
        else:
            argv, output, mime = _image_plan(fop, src, ffmpeg)
        try:
            Runner(TIMEOUT).run(argv, cwd=workdir)
        except FfmpegError as exc:
            if "before eof" in str(exc).lower():  # ffmpeg's words for "no frame came out"
                raise RealtimeError("no frame at this offset") from exc
            raise RealtimeError(f"the file could not be processed: {exc}") from exc
        result = workdir / output
        if not result.is_file() or result.stat().st_size == 0:
            raise RealtimeError("no frame at this offset")
        return Rendered(result.read_bytes(), mime)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _vframe_plan(fop: str, src: Path, ffmpeg: str, workdir: Path) -> tuple[list[str], str, str]:
    try:
        command = parse_command(fop)
    except FopSyntaxError as exc:
        raise RealtimeError(f"invalid vframe: {exc}") from exc
    _readable_media(src)
    ctx = BuildContext(ffmpeg=ffmpeg, src=src, workdir=workdir, resolve=_no_urls)
    try:
        plan = build_vframe(command.steps[0], ctx)
    except P.ParamError as exc:
        raise RealtimeError(str(exc)) from exc
    return list(plan.argv), plan.output, plan.mime


def _no_urls(url: str) -> Path:
    raise P.ParamError("vframe takes no URLs")


def _readable_media(src: Path) -> None:
    try:
        summary(src)
    except ProbeError as exc:
        raise RealtimeError(str(exc)) from exc


@dataclass(frozen=True)
class ImageSpec:
    """A parsed ``imageView2`` request."""

    mode: int
    width: int | None
    height: int | None
    format: str | None  # None: keep the source's format (jpg for JPEG sources, else png)
    quality: int | None


def parse_image_view(fop: str) -> ImageSpec:
    """``imageView2/<mode>/w/<W>/h/<H>/format/<f>/q/<n>`` → ImageSpec (RealtimeError if bad)."""
    tokens = fop.split("/")
    if tokens[0] != "imageView2" or len(tokens) < 2 or not tokens[1]:
        raise RealtimeError("invalid imageView2: the mode is missing")
    if tokens[1] not in ("0", "2"):
        raise RealtimeError(f"imageView2 mode {tokens[1]!r} is not supported in the sandbox")
    rest = tokens[2:]
    if len(rest) % 2:
        raise RealtimeError("invalid imageView2: a parameter has no value")
    values: dict[str, str] = {}
    for name, value in zip(rest[::2], rest[1::2], strict=True):
        if name not in _IMAGE_PARAMS:
            raise RealtimeError(f"imageView2: unsupported parameter {name!r} in the sandbox")
        if name in values:
            raise RealtimeError(f"imageView2: parameter {name} given twice")
        values[name] = value
    width = _int_param(values, "w", 1, MAX_SIDE)
    height = _int_param(values, "h", 1, MAX_SIDE)
    fmt = values.get("format")
    if fmt is not None:
        fmt = "jpg" if fmt == "jpeg" else fmt
        if fmt not in _IMAGE_CODECS:
            raise RealtimeError(f"imageView2: format {fmt!r} is not supported in the sandbox")
    quality = _int_param(values, "q", 1, 100)
    return ImageSpec(int(tokens[1]), width, height, fmt, quality)


def _int_param(values: dict[str, str], name: str, lo: int, hi: int) -> int | None:
    if name not in values:
        return None
    value = values[name]
    if not re.fullmatch(r"\d+", value) or not lo <= int(value) <= hi:
        raise RealtimeError(f"invalid {name}: {value!r} must be a whole number from {lo} to {hi}")
    return int(value)


def fitted_size(spec: ImageSpec, width: int, height: int) -> tuple[int, int]:
    """The output size: the largest that fits the box of `spec`, never larger than the source."""
    limits: list[float] = [1.0]
    if spec.mode == 2:
        if spec.width:
            limits.append(spec.width / width)
        if spec.height:
            limits.append(spec.height / height)
    else:  # mode 0: w bounds the long side, h the short side
        long_side, short_side = max(width, height), min(width, height)
        if spec.width:
            limits.append(spec.width / long_side)
        if spec.height:
            limits.append(spec.height / short_side)
    scale = min(limits)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _image_plan(fop: str, src: Path, ffmpeg: str) -> tuple[list[str], str, str]:
    spec = parse_image_view(fop)
    width, height, source_format = _image_facts(src)
    fmt = spec.format or ("jpg" if source_format == "jpeg_pipe" else "png")
    codec, mime = _IMAGE_CODECS[fmt]
    out_w, out_h = fitted_size(spec, width, height)
    quality: list[str] = []
    if codec == "mjpeg":  # q 1..100 (Qiniu's default 75) → ffmpeg's qscale 31..2
        q = spec.quality if spec.quality is not None else 75
        quality = ["-q:v", str(round(31 - (q - 1) * 29 / 99))]
    output = f"out.{fmt}"
    argv = [
        ffmpeg,
        *BASE_ARGS,
        "-i",
        str(src),
        "-frames:v",
        "1",
        "-vf",
        f"scale={out_w}:{out_h}",
        "-c:v",
        codec,
        *quality,
        "-update",
        "1",
        "-f",
        "image2",
        output,
    ]
    return argv, output, mime


def _image_facts(src: Path) -> tuple[int, int, str]:
    """(width, height, demuxer name) of a still picture; RealtimeError for anything else."""
    facts = _picture(src, "imageView2")
    return facts.width, facts.height, facts.demuxer


@dataclass(frozen=True)
class _Picture:
    width: int
    height: int
    demuxer: str  # "jpeg_pipe", "png_pipe", "gif", "image2", …
    codec: str  # "mjpeg", "png", "gif", "webp", …
    pix_fmt: str


def _picture(src: Path, op: str) -> _Picture:
    """What PyAV says about a still picture; RealtimeError naming `op` for anything else."""
    try:
        container = av.open(str(src))
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        raise RealtimeError("not an image: the file could not be read") from exc
    try:
        name = container.format.name
        still = name == "image2" or name.endswith("_pipe") or name in ("gif", "apng")
        if not still or not container.streams.video:
            raise RealtimeError(f"not an image: {op} needs a picture")
        ctx = container.streams.video[0].codec_context
        if not ctx.width or not ctx.height:
            raise RealtimeError("not an image: the picture has no size")
        return _Picture(
            ctx.width, ctx.height, name, ctx.name, ctx.format.name if ctx.format else ""
        )
    finally:
        container.close()


_FORMAT_NAMES = {"mjpeg": "jpeg", "apng": "png"}  # codec → Qiniu's ``format``


def image_info(src: Path) -> dict[str, object]:
    """Qiniu's ``?imageInfo`` answer for a stored picture (RealtimeError if it is none):
    ``size`` (bytes), ``format``, ``width``, ``height`` and ``colorModel``."""
    facts = _picture(src, "imageInfo")
    pix = facts.pix_fmt
    if facts.codec == "gif" or pix.startswith("pal"):
        model = "palette"
    elif pix.startswith(("gray", "ya")):
        model = "gray"
    elif pix.startswith("yuv"):
        model = "ycbcr"
    else:
        model = "rgba"
    return {
        "size": src.stat().st_size,
        "format": _FORMAT_NAMES.get(facts.codec, facts.codec),
        "width": facts.width,
        "height": facts.height,
        "colorModel": model,
    }
