"""avthumb (transcode, HLS, watermark) → ffmpeg argv: which keys are accepted, the input/output
layout of the command, and the HLS muxer (segments, AES-128 key, segment naming).

The container/codec tables live in `avthumb_formats` and the per-stream encoder rules in
`avthumb_streams`; their public names are re-exported here. Legacy device presets
(`avthumb/iphone_low`) scale with autoscale on by default. `ACCEPTED_AVTHUMB` is every parameter
name the sandbox honours; any other fails the item.
"""

from __future__ import annotations

from dataclasses import dataclass

from qfopgui.sandbox.processing import params as P
from qfopgui.sandbox.processing.avthumb_formats import (
    ACODECS,
    DEVICE_PRESETS,
    FORMATS,
    HLS_PRESETS,
    VCODECS,
    Container,
)
from qfopgui.sandbox.processing.avthumb_streams import (
    audio_args,
    encoder_tuning,
    has_audio_params,
    has_video_params,
    video_args,
)
from qfopgui.sandbox.processing.fopparse import Step, b64decode
from qfopgui.sandbox.processing.plan import BASE_ARGS, BuildContext, FfmpegPlan
from qfopgui.sandbox.processing.probe import MediaSummary, ProbeError, summary
from qfopgui.sandbox.processing.subtitles import SUBTITLE_KEYS, subtitle_args, subtitle_request
from qfopgui.sandbox.processing.watermark import WATERMARK_KEYS

__all__ = [
    "ACCEPTED_AVTHUMB",
    "ACODECS",
    "DEVICE_PRESETS",
    "FORMATS",
    "HLS_PRESETS",
    "VCODECS",
    "Container",
    "build_avthumb",
    "encoder_tuning",
]

_COMMON = frozenset(
    {
        "ab",
        "af",
        "aq",
        "ar",
        "ac",
        "acodec",
        "audioProfile",
        "r",
        "vb",
        "vcodec",
        "ss",
        "t",
        "s",
        "autoscale",
        "aspect",
        "stripmeta",
        "rotate",
        "h264Crf",
        "crf",
        "gop",
        "writeXing",
        "an",
        "vn",
        "sn",
        "h264Profile",
        "h264Level",
        "maxrate",
        *WATERMARK_KEYS,
        *SUBTITLE_KEYS,
    }
)
_HLS_ONLY = frozenset(
    {
        "segtime",
        "segFirstTime",
        "noDomain",
        "domain",
        "hlsKey",
        "hlsKeyType",
        "hlsKeyUrl",
        "pattern",
        "savePattern",
        "preset",
    }
)


ACCEPTED_AVTHUMB = _COMMON | _HLS_ONLY


def build_avthumb(step: Step, ctx: BuildContext) -> FfmpegPlan:
    """Validate an avthumb step and translate it (ParamError on any bad or unsupported value)."""
    if not step.arg:
        raise P.ParamError("avthumb: the output format is required")
    fmt, values = step.arg, dict(step.params)
    if fmt in DEVICE_PRESETS:
        fmt, values = _with_preset(fmt, values)
    if fmt not in FORMATS:
        raise P.ParamError(f"avthumb: unsupported format {fmt!r}")
    box = FORMATS[fmt]
    hls = box.muxer == "hls"
    if hls and "preset" in values:
        if values["preset"] not in HLS_PRESETS:
            raise P.ParamError(f"invalid preset: unknown HLS preset {values['preset']!r}")
        values = {**HLS_PRESETS[values["preset"]], **values}
    P.reject_unknown("avthumb", values, _COMMON | _HLS_ONLY if hls else _COMMON)
    segtime = P.number("segtime", values.get("segtime", "10"), 2, 120) if hls else None
    source = _probe_source(ctx) if {"vb", "ab"} & set(values) else None

    pre: list[str] = []
    if "ss" in values:
        pre += ["-ss", f"{P.seconds('ss', values['ss']):g}"]
    inputs = ["-i", str(ctx.src)]
    out: list[str] = []
    if "t" in values:
        out += ["-t", f"{P.seconds('t', values['t'], positive=True):g}"]
    drop_video = box.vcodec is None or P.flag("vn", values.get("vn", "0"))
    drop_audio = box.acodec is None or P.flag("an", values.get("an", "0"))
    if drop_video and drop_audio:
        raise P.ParamError("avthumb: the output would have neither audio nor video")
    subs = None if drop_video else subtitle_request(values, box, ctx)
    if subs is None and (P.flag("sn", values.get("sn", "0")) or box.muxer != "matroska"):
        out.append("-sn")
    maps: list[str] = []
    if drop_video:
        out.append("-vn")
        if has_video_params(values):
            raise P.ParamError(f"avthumb: video parameters are not allowed for {fmt} output")
    else:
        video_out, video_maps, extra_inputs = video_args(values, box, segtime, ctx, source)
        out += video_out
        maps += video_maps
        inputs += extra_inputs
    if drop_audio:
        out.append("-an")
        if has_audio_params(values):
            raise P.ParamError(f"avthumb: audio parameters are not allowed for {fmt} output")
    else:
        out += audio_args(values, box, fmt, source)
        if maps:
            maps += ["-map", "0:a:0?"]
    if subs is not None:
        sub_inputs, maps, sub_out = subtitle_args(
            subs, inputs.count("-i"), maps, audio=not drop_audio
        )
        inputs += sub_inputs
        out += sub_out
    if P.flag("stripmeta", values.get("stripmeta", "0")):
        out += ["-map_metadata", "-1", "-map_chapters", "-1"]
    if "writeXing" in values:
        if box.muxer != "mp3":
            raise P.ParamError("invalid writeXing: only applies to mp3 output")
        out += ["-write_xing", "1" if P.flag("writeXing", values["writeXing"]) else "0"]
    if box.muxer in ("mp4", "mov", "ipod"):
        out += ["-movflags", "+faststart"]

    output = f"out.{box.ext}"
    naming = _HlsNaming()
    if hls:
        hls_args, naming = _hls_args(values, segtime, ctx)
        out += hls_args
    else:
        out += ["-f", box.muxer]
    argv = (ctx.ffmpeg, *BASE_ARGS, *pre, *inputs, *maps, *out, output)
    return FfmpegPlan(
        argv=argv,
        output=output,
        kind="hls" if hls else "file",
        mime=box.mime,
        ext=box.ext,
        pattern=naming.pattern,
        no_domain=naming.no_domain,
        domain=naming.domain,
    )


def _probe_source(ctx: BuildContext) -> MediaSummary | None:
    """The source's streams for the bit rate ceiling; None when it is not readable media (ffmpeg
    then reports why)."""
    try:
        return summary(ctx.src)
    except ProbeError:
        return None


def _with_preset(name: str, values: dict[str, str]) -> tuple[str, dict[str, str]]:
    """A legacy device preset's format and its defaults under the given values. A preset with a
    size fits it (autoscale on); `vn/1` / `an/1` drop the preset's video / audio defaults."""
    fmt, defaults = DEVICE_PRESETS[name]
    merged = dict(defaults)
    if "s" in defaults:
        merged["autoscale"] = "1"
    if values.get("vn") == "1":
        merged = {k: v for k, v in merged.items() if not has_video_params({k: v})}
    if values.get("an") == "1":
        merged = {k: v for k, v in merged.items() if not has_audio_params({k: v})}
    return fmt, {**merged, **values}


@dataclass(frozen=True)
class _HlsNaming:
    pattern: str | None = None
    no_domain: bool = False
    domain: str | None = None


def _hls_args(
    values: dict[str, str], segtime: float | None, ctx: BuildContext
) -> tuple[list[str], _HlsNaming]:
    out = [
        "-f",
        "hls",
        "-hls_time",
        f"{segtime:g}",
        "-hls_list_size",
        "0",
        "-hls_playlist_type",
        "vod",
        "-hls_segment_filename",
        "seg%06d.ts",
    ]
    if "segFirstTime" in values:
        out += ["-hls_init_time", f"{P.number('segFirstTime', values['segFirstTime'], 1, 120):g}"]
    no_domain = P.flag("noDomain", values.get("noDomain", "0"))
    if no_domain and "domain" in values:
        raise P.ParamError("invalid domain: cannot be combined with noDomain/1")
    domain = P.text("domain", values["domain"]).rstrip("/") if "domain" in values else None
    pattern = None
    for name in ("savePattern", "pattern"):
        if name in values:
            pattern = P.pattern(name, values[name])
    if "hlsKey" in values:
        out += _hls_key(values, ctx)
    elif "hlsKeyUrl" in values or "hlsKeyType" in values:
        raise P.ParamError("invalid hlsKeyUrl: needs hlsKey")
    return out, _HlsNaming(pattern, no_domain, domain)


def _hls_key(values: dict[str, str], ctx: BuildContext) -> list[str]:
    """AES-128 segments via a key-info file (RSA-wrapped keys need Qiniu's private key)."""
    if values.get("hlsKeyType", "0") != "0":
        raise P.ParamError("invalid hlsKeyType: RSA-wrapped keys (1.x) are not supported")
    try:
        key = b64decode(values["hlsKey"])
    except ValueError as exc:
        raise P.ParamError(f"invalid hlsKey: {exc}") from exc
    if len(key) != 16:
        raise P.ParamError("invalid hlsKey: must be 16 bytes")
    if "hlsKeyUrl" not in values:
        raise P.ParamError("invalid hlsKey: the sandbox needs hlsKeyUrl to write #EXT-X-KEY")
    url = P.text("hlsKeyUrl", values["hlsKeyUrl"])
    if "\n" in url or "\r" in url:
        raise P.ParamError("invalid hlsKeyUrl: must be one line")
    (ctx.workdir / "hls.key").write_bytes(key)
    (ctx.workdir / "hls.keyinfo").write_text(f"{url}\nhls.key\n", encoding="utf-8")
    return ["-hls_key_info_file", "hls.keyinfo"]
