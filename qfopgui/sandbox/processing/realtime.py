"""Real-time processing on download URLs, answered synchronously like Qiniu's dora hosts:
``?vframe/<jpg|png>/offset/<s>[/w/<W>][/h/<H>][/rotate/<d>]`` (one frame of a video) and
``?imageView2/<mode>/w/<W>/h/<H>[/format/<f>][/q/<n>]`` (a smaller picture), and
``?imageInfo`` (a picture's size, format and dimensions: avinfo is for audio/video only).

vframe reuses the pfop engine's checks and ffmpeg argv (`build_vframe`), so a parameter is
accepted or refused the same way synchronously and in pfop. imageView2 (modes 0-5, jpg/png/webp/
gif, never enlarged) is `image_view`, shared with pfop; unknown parameters are refused with 400
rather than answered wrongly.
Every refusal is a `RealtimeError` whose message is short and readable.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from qfopgui.sandbox.processing import image_view as IV
from qfopgui.sandbox.processing import params as P
from qfopgui.sandbox.processing.ffmpeg_args import build_vframe
from qfopgui.sandbox.processing.fopparse import FopSyntaxError, parse_command
from qfopgui.sandbox.processing.image_view import ImageSpec
from qfopgui.sandbox.processing.plan import BASE_ARGS, BuildContext
from qfopgui.sandbox.processing.probe import ProbeError, summary
from qfopgui.sandbox.processing.runner import FfmpegError, Runner

TIMEOUT = 60.0  # one frame or one picture: a minute is already generous
__all__ = ["ImageSpec", "RealtimeError", "Rendered", "fitted_size", "image_info", "render"]


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


def parse_image_view(fop: str) -> ImageSpec:
    """``imageView2/<mode>/w/<W>/h/<H>/format/<f>/q/<n>`` → ImageSpec (RealtimeError if bad)."""
    try:
        return IV.parse_image_view(fop.split("/"))
    except IV.ImageError as exc:
        raise RealtimeError(str(exc)) from exc


def fitted_size(spec: ImageSpec, width: int, height: int) -> tuple[int, int]:
    """The scaled size of `spec` for a `width` x `height` source, before any crop."""
    geo = IV.geometry(spec, width, height)
    return geo.width, geo.height


def _image_plan(fop: str, src: Path, ffmpeg: str) -> tuple[list[str], str, str]:
    spec = parse_image_view(fop)
    facts = _picture(src, "imageView2")
    fmt = spec.format or facts.format
    chain = IV.geometry_filters(IV.geometry(spec, facts.width, facts.height))
    output = f"out.{fmt}"
    argv = [ffmpeg, *BASE_ARGS, "-i", str(src), "-vf", ",".join(chain)]
    argv += [*IV.encoder_args(fmt, spec.quality), output]
    return argv, output, IV.IMAGE_CODECS[fmt][1]


def _picture(src: Path, op: str) -> IV.Picture:
    try:
        return IV.picture(src, op)
    except IV.ImageError as exc:
        raise RealtimeError(str(exc)) from exc


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
