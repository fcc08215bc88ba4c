"""Fop steps → ffmpeg argv: dispatch plus vframe, vsample and avconcat (avthumb lives in
`avthumb_args`, imageView2/imageMogr2/watermark in `image_fops`). Every check raises ParamError,
which fails only the item."""

from __future__ import annotations

from pathlib import Path

from qfopgui.sandbox.processing import params as P
from qfopgui.sandbox.processing.avthumb_args import (
    FORMATS,
    Container,
    build_avthumb,
    encoder_tuning,
)
from qfopgui.sandbox.processing.fopparse import Step
from qfopgui.sandbox.processing.image_fops import IMAGE_OPS, build_image_step
from qfopgui.sandbox.processing.plan import BASE_ARGS, BuildContext, FfmpegPlan
from qfopgui.sandbox.processing.probe import ProbeError, summary

__all__ = ["FfmpegPlan", "build_plan"]

_IMAGE = {
    "jpg": ("mjpeg", "image/jpeg"),
    "jpeg": ("mjpeg", "image/jpeg"),
    "png": ("png", "image/png"),
}
MAX_FRAMES = 1000  # vsample cap: a runaway interval would flood the bucket
MAX_CONCAT_EXTRA = 20
# Every parameter each op honours; any other name fails the item (`params.reject_unknown`).
ACCEPTED_VFRAME = frozenset({"offset", "w", "h", "rotate"})
ACCEPTED_VSAMPLE = frozenset(
    {"ss", "t", "s", "rotate", "interval", "frames", "pattern", "savePattern"}
)
ACCEPTED_AVCONCAT = frozenset({"format", "s", "index", "maxrate", "addAudio"})


def build_plan(step: Step, ctx: BuildContext) -> FfmpegPlan:
    """Translate one processing step; ParamError for anything the sandbox cannot honour."""
    builders = {
        "avthumb": build_avthumb,
        "vframe": build_vframe,
        "vsample": build_vsample,
        "avconcat": build_avconcat,
    }
    if step.op in IMAGE_OPS:
        return build_image_step(step, ctx)
    if step.op not in builders:
        raise P.ParamError(f"unsupported fop {step.op!r} in the sandbox")
    return builders[step.op](step, ctx)


def _image_format(op: str, arg: str | None) -> tuple[str, str, str]:
    if arg not in _IMAGE:
        raise P.ParamError(f"{op}: the format must be jpg or png")
    codec, mime = _IMAGE[arg]
    return codec, mime, "jpg" if codec == "mjpeg" else "png"


def _quality(codec: str) -> list[str]:
    return ["-q:v", "2"] if codec == "mjpeg" else []


def _video_duration(op: str, ctx: BuildContext, *, required: bool = False) -> float | None:
    """The source's duration; ParamError when it is media without a video stream."""
    try:
        info = summary(ctx.src)
    except ProbeError as exc:
        if required:
            raise P.ParamError(str(exc)) from exc
        return None  # not media at all: ffmpeg reports the reason
    if not info.has_video:
        raise P.ParamError(f"{op}: the source has no video stream")
    return info.duration


def build_vframe(step: Step, ctx: BuildContext) -> FfmpegPlan:
    codec, mime, ext = _image_format("vframe", step.arg)
    values = step.params
    P.reject_unknown("vframe", values, ACCEPTED_VFRAME)
    if "offset" not in values:
        raise P.ParamError("invalid offset: vframe needs offset/<seconds>")
    offset = P.seconds("offset", values["offset"])
    duration = _video_duration("vframe", ctx)
    if duration is not None and offset >= duration:
        raise P.ParamError(
            f"invalid offset: {offset:g} s is beyond the duration ({duration:.3f} s)"
        )
    width = P.integer("w", values["w"], 1, 100000) if "w" in values else None
    height = P.integer("h", values["h"], 1, 100000) if "h" in values else None
    if width is not None:
        P.dimensions("w", width, None)
    if height is not None:
        P.dimensions("h", height, None)
    P.dimensions("w/h", width, height)
    chain = P.rotate_filters("rotate", values["rotate"]) if "rotate" in values else []
    if width is not None or height is not None:
        chain.append(P.scale_filter(P.Size(width, height), fit=False))
    output = f"out.{ext}"
    argv = (
        ctx.ffmpeg,
        *BASE_ARGS,
        "-ss",
        f"{offset:g}",
        "-i",
        str(ctx.src),
        "-map",
        "0:v:0",
        "-frames:v",
        "1",
        *(["-vf", ",".join(chain)] if chain else []),
        "-an",
        "-sn",
        "-c:v",
        codec,
        *_quality(codec),
        "-update",
        "1",
        "-f",
        "image2",
        output,
    )
    return FfmpegPlan(argv, output, "file", mime, ext)


def build_vsample(step: Step, ctx: BuildContext) -> FfmpegPlan:
    codec, mime, ext = _image_format("vsample", step.arg)
    values = step.params
    P.reject_unknown("vsample", values, ACCEPTED_VSAMPLE)
    ss = P.seconds("ss", values.get("ss", "0"))
    if "interval" in values and "frames" in values:
        raise P.ParamError("invalid frames: cannot be combined with interval")
    names = [n for n in ("savePattern", "pattern") if n in values]
    if not names:
        raise P.ParamError("invalid pattern: vsample needs pattern (or savePattern) with $(count)")
    template = P.pattern(names[0], values[names[0]])
    total = _video_duration("vsample", ctx, required="t" not in values)
    if "t" in values:
        span = P.seconds("t", values["t"], positive=True)
    else:
        if total is None:
            raise P.ParamError("invalid t: the source duration is unknown, give t")
        span = max(total - ss, 0.1)
    if "frames" in values:
        count = P.integer("frames", values["frames"], 1, MAX_FRAMES)
        rate = f"{count}/{span:g}"
    else:
        interval = P.number("interval", values.get("interval", "5"), 0.1, 86400)
        count = int(span // interval) + 1
        if count > MAX_FRAMES:
            raise P.ParamError(f"invalid interval: more than {MAX_FRAMES} frames")
        rate = f"1/{interval:g}"
    chain = [f"fps={rate}"]
    if "rotate" in values:
        chain += P.rotate_filters("rotate", values["rotate"])
    if "s" in values:
        chain.append(P.scale_filter(P.size("s", values["s"], allow_partial=True), fit=False))
    output = f"frame%06d.{ext}"
    argv = (
        ctx.ffmpeg,
        *BASE_ARGS,
        "-ss",
        f"{ss:g}",
        *(["-t", f"{span:g}"]),
        "-i",
        str(ctx.src),
        "-map",
        "0:v:0",
        "-vf",
        ",".join(chain),
        "-frames:v",
        str(count),
        "-an",
        "-sn",
        "-c:v",
        codec,
        *_quality(codec),
        "-start_number",
        "0",
        "-f",
        "image2",
        output,
    )
    return FfmpegPlan(argv, output, "frames", mime, ext, pattern=template)


def build_avconcat(step: Step, ctx: BuildContext) -> FfmpegPlan:
    values = step.params
    if step.arg not in ("1", "2"):
        raise P.ParamError("invalid mode: avconcat mode must be 1 (remux) or 2 (re-encode)")
    mode = int(step.arg)
    P.reject_unknown("avconcat", values, ACCEPTED_AVCONCAT)
    fmt = values.get("format")
    if fmt is None or fmt not in FORMATS or fmt in ("m3u8", "hls"):
        raise P.ParamError(f"invalid format: {fmt!r} is not a supported avconcat format")
    box = FORMATS[fmt]
    if mode == 1:
        for name in ("s", "addAudio", "maxrate"):
            if name in values:
                raise P.ParamError(f"invalid {name}: not allowed in mode 1 (remux)")
    if not step.urls:
        raise P.ParamError("avconcat: at least one more source URL is required")
    if len(step.urls) > MAX_CONCAT_EXTRA:
        raise P.ParamError(f"avconcat: at most {MAX_CONCAT_EXTRA} extra sources")
    others = [ctx.resolve(P.text("url", url)) for url in step.urls]
    index = P.integer("index", values.get("index", "1"), 1, len(others) + 1)
    paths = [*others[: index - 1], ctx.src, *others[index - 1 :]]
    output = f"out.{box.ext}"
    faststart = ["-movflags", "+faststart"] if box.muxer in ("mp4", "mov", "ipod") else []
    if mode == 1:
        lines = ["ffconcat version 1.0"]
        lines += ["file '" + str(p).replace("'", "'\\''") + "'" for p in paths]
        (ctx.workdir / "concat.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        argv = (
            ctx.ffmpeg,
            *BASE_ARGS,
            "-f",
            "concat",
            "-safe",
            "0",
            "-i",
            "concat.txt",
            "-c",
            "copy",
            *faststart,
            "-f",
            box.muxer,
            output,
        )
        return FfmpegPlan(argv, output, "file", box.mime, box.ext)
    return _reencode(values, box, paths, output, faststart, ctx)


def _reencode(
    values: dict[str, str],
    box: Container,
    files: list[Path],
    output: str,
    faststart: list[str],
    ctx: BuildContext,
) -> FfmpegPlan:
    """Mode 2: scale/pad every part to one size, then the concat filter."""
    try:
        infos = [summary(p) for p in files]
    except ProbeError as exc:
        raise P.ParamError(str(exc)) from exc
    add_audio = P.flag("addAudio", values.get("addAudio", "0"))
    video = box.vcodec is not None and all(i.has_video for i in infos)
    if box.vcodec is not None and not video:
        raise P.ParamError("avconcat: every part needs a video stream for a video format")
    with_audio = [i.has_audio for i in infos]
    audio = box.acodec is not None and (all(with_audio) or (any(with_audio) and add_audio))
    if box.acodec is not None and any(with_audio) and not audio:
        raise P.ParamError("avconcat: some parts have no audio; use addAudio/1")
    if not video and not audio:
        raise P.ParamError("avconcat: the parts have no stream this format can hold")
    if "s" in values:
        target = P.size("s", values["s"])
        width, height = target.width or 0, target.height or 0
    else:
        width, height = infos[0].width // 2 * 2, infos[0].height // 2 * 2
    fps = f"{infos[0].fps:.3f}".rstrip("0").rstrip(".")
    inputs: list[str] = []
    parts: list[str] = []
    labels = ""
    for n, (path, info) in enumerate(zip(files, infos, strict=True)):
        inputs += ["-i", str(path)]
        if video:
            parts.append(
                f"[{n}:v:0]scale={width}:{height}:force_original_aspect_ratio=decrease,"
                f"pad={width}:{height}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps={fps},format=yuv420p[v{n}]"
            )
            labels += f"[v{n}]"
        if audio:
            if info.has_audio:
                parts.append(f"[{n}:a:0]aresample=44100,aformat=channel_layouts=stereo[a{n}]")
            else:
                length = info.duration or 0.1
                parts.append(f"anullsrc=r=44100:cl=stereo,atrim=duration={length:.3f}[a{n}]")
            labels += f"[a{n}]"
    outs = ("[vout]" if video else "") + ("[aout]" if audio else "")
    parts.append(f"{labels}concat=n={len(files)}:v={int(video)}:a={int(audio)}{outs}")
    codecs: list[str] = []
    if video:
        assert box.vcodec is not None
        codecs += ["-map", "[vout]", "-c:v", box.vcodec, *encoder_tuning(box.vcodec, box)]
        if "maxrate" in values:
            rate = P.bitrate("maxrate", values["maxrate"])
            codecs += ["-maxrate", rate, "-bufsize", str(2 * int(rate))]
    if audio:
        assert box.acodec is not None
        codecs += ["-map", "[aout]", "-c:a", box.acodec]
    argv = (
        ctx.ffmpeg,
        *BASE_ARGS,
        *inputs,
        "-filter_complex",
        ";".join(parts),
        *codecs,
        *faststart,
        "-f",
        box.muxer,
        output,
    )
    return FfmpegPlan(argv, output, "file", box.mime, box.ext)
