"""avthumb (transcode, HLS, watermark) → ffmpeg argv.

Codec choices: `libfaac` is a legacy Qiniu alias and maps to ffmpeg's native `aac`; `libfdk_aac`
(and `audioProfile/aac_he`, which needs it) fails the item because this ffmpeg build lacks it.
Legacy device presets (`avthumb/iphone_low`) scale with autoscale on by default.
"""

from __future__ import annotations

from dataclasses import dataclass

from qfopgui.sandbox.processing import params as P
from qfopgui.sandbox.processing.fopparse import Step, b64decode
from qfopgui.sandbox.processing.plan import BASE_ARGS, BuildContext, FfmpegPlan
from qfopgui.sandbox.processing.watermark import WATERMARK_KEYS, watermark_graph


@dataclass(frozen=True)
class Container:
    muxer: str
    ext: str
    mime: str
    vcodec: str | None  # None: audio-only container
    acodec: str | None  # None: no audio (gif)


FORMATS: dict[str, Container] = {
    "mp4": Container("mp4", "mp4", "video/mp4", "libx264", "aac"),
    "mov": Container("mov", "mov", "video/quicktime", "libx264", "aac"),
    "flv": Container("flv", "flv", "video/x-flv", "libx264", "aac"),
    "webm": Container("webm", "webm", "video/webm", "libvpx", "libvorbis"),
    "mkv": Container("matroska", "mkv", "video/x-matroska", "libx264", "aac"),
    "avi": Container("avi", "avi", "video/x-msvideo", "libx264", "libmp3lame"),
    "ogv": Container("ogg", "ogv", "video/ogg", "libtheora", "libvorbis"),
    "ts": Container("mpegts", "ts", "video/mp2t", "libx264", "aac"),
    "m3u8": Container("hls", "m3u8", "application/x-mpegurl", "libx264", "aac"),
    "gif": Container("gif", "gif", "image/gif", "gif", None),
    "mp3": Container("mp3", "mp3", "audio/mpeg", None, "libmp3lame"),
    "aac": Container("adts", "aac", "audio/aac", None, "aac"),
    "m4a": Container("ipod", "m4a", "audio/mp4", None, "aac"),
    "ogg": Container("ogg", "ogg", "audio/ogg", None, "libvorbis"),
    "oga": Container("ogg", "oga", "audio/ogg", None, "libvorbis"),
    "opus": Container("opus", "opus", "audio/ogg", None, "libopus"),
    "wav": Container("wav", "wav", "audio/wav", None, "pcm_s16le"),
    "flac": Container("flac", "flac", "audio/flac", None, "flac"),
    "amr": Container("amr", "amr", "audio/amr", None, "libopencore_amrnb"),
}
FORMATS["hls"] = FORMATS["m3u8"]

VCODECS = {
    "libx264": "libx264",
    "h264": "libx264",
    "libx265": "libx265",
    "hevc": "libx265",
    "h265": "libx265",
    "libvpx": "libvpx",
    "vp8": "libvpx",
    "libvpx-vp9": "libvpx-vp9",
    "vp9": "libvpx-vp9",
    "libtheora": "libtheora",
    "libxvid": "libxvid",
    "mpeg4": "mpeg4",
    "flv": "flv",
    "gif": "gif",
    "copy": "copy",
}
ACODECS = {
    "libmp3lame": "libmp3lame",
    "mp3": "libmp3lame",
    "aac": "aac",
    "libfaac": "aac",
    "libvorbis": "libvorbis",
    "vorbis": "libvorbis",
    "libopus": "libopus",
    "opus": "libopus",
    "amr_nb": "libopencore_amrnb",
    "libopencore_amrnb": "libopencore_amrnb",
    "pcm_s16le": "pcm_s16le",
    "flac": "flac",
    "copy": "copy",
}
_MISSING = "is not available in the sandbox's ffmpeg build"

# Legacy device presets (``avthumb/<preset>``, Qiniu's old v6 list): format, then defaults.
DEVICE_PRESETS: dict[str, tuple[str, dict[str, str]]] = {
    "android_high": ("mp4", {"vcodec": "libx264", "s": "480x320", "vb": "700k", "ab": "128k"}),
    "android_low": ("mp4", {"vcodec": "libx264", "s": "480x320", "vb": "96k", "ab": "64k"}),
    "android": ("mp4", {"vcodec": "libx264", "s": "480x320", "vb": "512k", "ab": "128k"}),
    "iphone_high": ("mp4", {"vcodec": "libx264", "s": "480x320", "vb": "700k", "ab": "128k"}),
    "iphone_low": ("mp4", {"vcodec": "libx264", "s": "480x320", "vb": "96k", "ab": "64k"}),
    "iphone": ("mp4", {"vcodec": "libx264", "s": "480x320", "vb": "512k", "ab": "128k"}),
    "ipad_high": ("mp4", {"vcodec": "libx264", "s": "1024x768", "vb": "1200k", "ab": "128k"}),
    "ipad_low": ("mp4", {"vcodec": "libx264", "s": "1024x768", "vb": "512k", "ab": "128k"}),
    "ipad": ("mp4", {"vcodec": "libx264", "s": "1024x768", "vb": "700k", "ab": "128k"}),
    "flash": (
        "flv",
        {
            "vcodec": "flv",
            "s": "320x240",
            "vb": "512k",
            "acodec": "libmp3lame",
            "ab": "64k",
            "ar": "44100",
        },
    ),
}
HLS_PRESETS: dict[str, dict[str, str]] = {
    "audio_32k": {"ab": "32k", "vn": "1"},
    "audio_48k": {"ab": "48k", "vn": "1"},
    "audio_64k": {"ab": "64k", "vn": "1"},
    **{f"video_16x9_{b}": {"s": "400x224", "vb": b} for b in ("150k", "240k", "440k", "640k")},
    **{f"video_4x3_{b}": {"s": "400x300", "vb": b} for b in ("150k", "240k", "440k", "640k")},
    **{f"video_{b}": {"vb": b} for b in ("150k", "240k", "440k", "640k", "1000k", "1500k")},
}
_SAMPLE_RATES = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 88200, 96000}
_LEVELS = {
    "1",
    "1.0",
    "1b",
    "1.1",
    "1.2",
    "1.3",
    "2",
    "2.0",
    "2.1",
    "2.2",
    "3",
    "3.0",
    "3.1",
    "3.2",
    "4",
    "4.0",
    "4.1",
    "4.2",
    "5",
    "5.0",
    "5.1",
    "5.2",
    "6",
    "6.0",
    "6.1",
    "6.2",
}
_COMMON = frozenset(
    {
        "ab",
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


def build_avthumb(step: Step, ctx: BuildContext) -> FfmpegPlan:
    """Validate an avthumb step and translate it (ParamError on any bad or unsupported value)."""
    if not step.arg:
        raise P.ParamError("avthumb: the output format is required")
    fmt, values = step.arg, dict(step.params)
    if fmt in DEVICE_PRESETS:
        fmt, defaults = DEVICE_PRESETS[fmt]
        values = {**defaults, "autoscale": "1", **values}
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
    if P.flag("sn", values.get("sn", "0")) or box.muxer != "matroska":
        out.append("-sn")
    maps: list[str] = []
    if drop_video:
        out.append("-vn")
        if _has_video_params(values):
            raise P.ParamError(f"avthumb: video parameters are not allowed for {fmt} output")
    else:
        video_out, video_maps, extra_inputs = _video_args(values, box, segtime, ctx)
        out += video_out
        maps += video_maps
        inputs += extra_inputs
    if drop_audio:
        out.append("-an")
    else:
        out += _audio_args(values, box, fmt)
        if maps:
            maps += ["-map", "0:a:0?"]
    if P.flag("stripmeta", values.get("stripmeta", "0")):
        out += ["-map_metadata", "-1", "-map_chapters", "-1"]
    if "writeXing" in values and not P.flag("writeXing", values["writeXing"]):
        if fmt != "mp3":
            raise P.ParamError("invalid writeXing: only applies to mp3 output")
        out += ["-write_xing", "0"]
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


@dataclass(frozen=True)
class _HlsNaming:
    pattern: str | None = None
    no_domain: bool = False
    domain: str | None = None


def _has_video_params(values: dict[str, str]) -> bool:
    video = {
        "vb",
        "vcodec",
        "s",
        "r",
        "crf",
        "h264Crf",
        "gop",
        "aspect",
        "rotate",
        "h264Profile",
        "h264Level",
        "wmImage",
        "wmText",
        "autoscale",
    }
    return bool(video & set(values))


def _video_args(
    values: dict[str, str], box: Container, segtime: float | None, ctx: BuildContext
) -> tuple[list[str], list[str], list[str]]:
    """(output args, -map args, extra -i args) for the video stream; `segtime` for HLS."""
    assert box.vcodec is not None
    token = values.get("vcodec", box.vcodec)
    if token not in VCODECS:
        raise P.ParamError(f"invalid vcodec: {token!r} {_MISSING}")
    codec = VCODECS[token]
    out = ["-c:v", codec]
    chain: list[str] = []
    if "rotate" in values:
        chain += P.rotate_filters("rotate", values["rotate"])
    if "s" in values:
        fit = P.flag("autoscale", values.get("autoscale", "0"))
        chain.append(P.scale_filter(P.size("s", values["s"]), fit=fit))
    elif "autoscale" in values:
        P.flag("autoscale", values["autoscale"])
    if "aspect" in values:
        if not _is_ratio(values["aspect"]):
            raise P.ParamError("invalid aspect: must look like 16:9")
        out += ["-aspect", values["aspect"]]
    if "r" in values:
        out += ["-r", f"{P.number('r', values['r'], 1, 120):g}"]
    if "vb" in values and ("crf" in values or "h264Crf" in values):
        raise P.ParamError("invalid vb: cannot be combined with crf/h264Crf")
    if "vb" in values:
        out += ["-b:v", P.bitrate("vb", values["vb"])]
    for name in ("crf", "h264Crf"):
        if name in values:
            crf = P.integer(name, values[name], 0, 51)
            if codec not in ("libx264", "libx265", "libvpx-vp9"):
                raise P.ParamError(f"invalid {name}: not supported with vcodec {token}")
            out += ["-crf", str(crf)] + (["-b:v", "0"] if codec == "libvpx-vp9" else [])
    if "maxrate" in values:
        rate = P.bitrate("maxrate", values["maxrate"])
        out += ["-maxrate", rate, "-bufsize", str(2 * int(rate))]
    gop = P.integer("gop", values["gop"], 0, 3000) if "gop" in values else 0
    if gop:
        out += ["-g", str(gop)]
    if "h264Profile" in values:
        if values["h264Profile"] not in ("baseline", "main", "high"):
            raise P.ParamError("invalid h264Profile: must be baseline, main or high")
        if codec != "libx264":
            raise P.ParamError("invalid h264Profile: needs vcodec libx264")
        out += ["-profile:v", values["h264Profile"]]
    if "h264Level" in values:
        if values["h264Level"] not in _LEVELS or codec != "libx264":
            raise P.ParamError("invalid h264Level: needs libx264 and a level like 3.1")
        out += ["-level:v", values["h264Level"]]
    out += encoder_tuning(codec, box)
    if codec == "copy" and (chain or {"wmImage", "wmText"} & set(values)):
        raise P.ParamError("invalid vcodec: copy cannot be combined with filters")
    if segtime is not None and codec != "copy":
        # Keyframes exactly at segment boundaries: ffmpeg cuts HLS segments only at keyframes,
        # and x264's default GOP of 250 frames would make them uneven.
        out += ["-force_key_frames", f"expr:gte(t,n_forced*{segtime:g})"]
        out += ["-sc_threshold", "0"] if codec == "libx264" else []
    maps: list[str] = []
    extra_inputs: list[str] = []
    wm = watermark_graph(values, chain, ctx)
    if wm is not None:
        extra_inputs, graph = wm
        out += ["-filter_complex", graph]
        maps = ["-map", "[vout]"]
    elif chain:
        out += ["-vf", ",".join(chain)]
    return out, maps, extra_inputs


def encoder_tuning(codec: str, box: Container) -> list[str]:
    """Fast settings keep the sandbox quick; pix_fmt keeps outputs playable everywhere."""
    if codec == "libx264":
        return ["-preset", "veryfast", "-pix_fmt", "yuv420p"]
    if codec == "libx265":
        tag = ["-tag:v", "hvc1"] if box.muxer in ("mp4", "mov") else []
        return [
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-x265-params",
            "log-level=error",
            *tag,
        ]
    if codec in ("libvpx", "libvpx-vp9"):
        return ["-deadline", "realtime", "-cpu-used", "8", "-pix_fmt", "yuv420p"]
    if codec in ("libtheora", "libxvid", "mpeg4", "flv"):
        return ["-pix_fmt", "yuv420p"]
    return []


def _audio_args(values: dict[str, str], box: Container, fmt: str) -> list[str]:
    assert box.acodec is not None
    token = values.get("acodec", box.acodec)
    if token == "libfdk_aac":
        raise P.ParamError(f"invalid acodec: libfdk_aac {_MISSING}; use aac")
    if token not in ACODECS:
        raise P.ParamError(f"invalid acodec: {token!r} {_MISSING}")
    codec = ACODECS[token]
    out = ["-c:a", codec]
    if "audioProfile" in values:
        profile = values["audioProfile"]
        if profile.startswith("aac_he"):
            raise P.ParamError(
                f"invalid audioProfile: {profile} needs libfdk_aac, which {_MISSING}"
            )
        if profile != "aac_low" or codec != "aac":
            raise P.ParamError("invalid audioProfile: only aac_low with acodec aac")
        out += ["-profile:a", "aac_low"]
    if "ab" in values and "aq" in values:
        raise P.ParamError("invalid aq: cannot be combined with ab")
    if "ab" in values:
        out += ["-b:a", P.bitrate("ab", values["ab"])]
    if "aq" in values:
        if codec == "libmp3lame":
            out += ["-q:a", str(P.integer("aq", values["aq"], 0, 9))]
        elif codec == "aac":
            # Qiniu's faac-style 10–500 scale onto the native encoder's 0.1–2 VBR scale.
            quality = P.integer("aq", values["aq"], 10, 500)
            out += ["-q:a", f"{min(quality / 100, 2.0):g}"]
        else:
            raise P.ParamError("invalid aq: only supported for mp3 (0-9) and aac (10-500)")
    if "ar" in values:
        rate = P.integer("ar", values["ar"], 1, 192000)
        if rate not in _SAMPLE_RATES:
            raise P.ParamError(f"invalid ar: {rate} is not a supported sampling rate")
        out += ["-ar", str(rate)]
    elif codec == "libopencore_amrnb":
        out += ["-ar", "8000", "-ac", "1"]
    if "ac" in values:
        out += ["-ac", str(P.integer("ac", values["ac"], 1, 8))]
    return out


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


def _is_ratio(value: str) -> bool:
    left, sep, right = value.partition(":")
    return bool(sep) and left.isdigit() and right.isdigit() and int(left) > 0 and int(right) > 0
