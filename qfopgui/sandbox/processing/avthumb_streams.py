"""avthumb's per-stream encoder arguments: video (codec, filters, rate control, H.264 profile)
and audio (codec, profile, bitrate/quality, sampling).

Split from the argv builder because these are the bulk of avthumb's parameter rules and are
checked per stream; `encoder_tuning` is shared with avconcat. `libfdk_aac` (and
`audioProfile/aac_he`, which needs it) fails the item because this ffmpeg build lacks it.
"""

from __future__ import annotations

from qfopgui.sandbox.processing import params as P
from qfopgui.sandbox.processing.audio_filters import audio_filter_chain
from qfopgui.sandbox.processing.avthumb_formats import ACODECS, MISSING, VCODECS, Container
from qfopgui.sandbox.processing.plan import BuildContext
from qfopgui.sandbox.processing.probe import MediaSummary
from qfopgui.sandbox.processing.rates import AR_MAX, AR_MIN, ceiling, nearest_rate
from qfopgui.sandbox.processing.watermark import WATERMARK_KEYS, watermark_graph

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


# Video parameters that need an encoder (ignored by ffmpeg under `-c:v copy`).
_ENCODE_ONLY = frozenset(
    {"vb", "r", "crf", "h264Crf", "gop", "aspect", "h264Profile", "h264Level", "maxrate"}
)


def has_video_params(values: dict[str, str]) -> bool:
    """Whether any parameter that only makes sense with a video stream is set."""
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
        "autoscale",
        "maxrate",
        "subtitle",
        "scodec",
        *WATERMARK_KEYS,
    }
    return bool(video & set(values))


def has_audio_params(values: dict[str, str]) -> bool:
    """Whether any parameter that only makes sense with an audio stream is set."""
    audio = {"ab", "af", "aq", "ar", "ac", "acodec", "audioProfile", "writeXing"}
    return bool(audio & set(values))


def video_args(
    values: dict[str, str],
    box: Container,
    segtime: float | None,
    ctx: BuildContext,
    source: MediaSummary | None = None,
) -> tuple[list[str], list[str], list[str]]:
    """(output args, -map args, extra -i args) for the video stream; `segtime` for HLS,
    `source` (when probed) for the bit rate ceiling."""
    assert box.vcodec is not None
    token = values.get("vcodec", box.vcodec)
    if token not in VCODECS:
        raise P.ParamError(f"invalid vcodec: {token!r} {MISSING}")
    codec = VCODECS[token]
    if codec == "copy":
        tuned = sorted(_ENCODE_ONLY & set(values))
        if tuned:
            raise P.ParamError(f"invalid {tuned[0]}: cannot be combined with vcodec copy")
    out = ["-c:v", codec]
    chain: list[str] = []
    if "rotate" in values:
        chain += P.rotate_filters("rotate", values["rotate"])
    if "s" in values:
        fit = P.flag("autoscale", values.get("autoscale", "0"))
        chain.append(P.scale_filter(P.size("s", values["s"]), fit=fit))
    elif "autoscale" in values and P.flag("autoscale", values["autoscale"]):
        raise P.ParamError("invalid autoscale: autoscale/1 needs s/<W>x<H>")
    if "aspect" in values:
        if not _is_ratio(values["aspect"]):
            raise P.ParamError("invalid aspect: must look like 16:9")
        out += ["-aspect", values["aspect"]]
    if "r" in values:
        out += ["-r", f"{P.number('r', values['r'], 1, 120):g}"]
    if "vb" in values and ("crf" in values or "h264Crf" in values):
        raise P.ParamError("invalid vb: cannot be combined with crf/h264Crf")
    if "vb" in values:
        vb = P.bitrate("vb", values["vb"])
        if source is not None:
            vb = ceiling(vb, codec, source.video_codec, source.video_bit_rate)
        out += ["-b:v", vb]
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


def audio_args(
    values: dict[str, str], box: Container, fmt: str, source: MediaSummary | None = None
) -> list[str]:
    """Output args for the audio stream: codec, profile, bitrate or quality, rate, channels."""
    assert box.acodec is not None
    token = values.get("acodec", box.acodec)
    if token == "libfdk_aac":
        raise P.ParamError(f"invalid acodec: libfdk_aac {MISSING}; use aac")
    if token not in ACODECS:
        raise P.ParamError(f"invalid acodec: {token!r} {MISSING}")
    codec = ACODECS[token]
    if codec == "copy":
        tuned = sorted({"ab", "af", "aq", "ar", "ac", "audioProfile"} & set(values))
        if tuned:
            raise P.ParamError(f"invalid {tuned[0]}: cannot be combined with acodec copy")
    out = ["-c:a", codec]
    if "af" in values:
        out += ["-af", audio_filter_chain(values["af"])]
    if "audioProfile" in values:
        profile = values["audioProfile"]
        if profile.startswith("aac_he"):
            raise P.ParamError(f"invalid audioProfile: {profile} needs libfdk_aac, which {MISSING}")
        if profile != "aac_low" or codec != "aac":
            raise P.ParamError("invalid audioProfile: only aac_low with acodec aac")
        out += ["-profile:a", "aac_low"]
    if "ab" in values and "aq" in values:
        raise P.ParamError("invalid aq: cannot be combined with ab")
    if "ab" in values:
        ab = P.bitrate("ab", values["ab"])
        if source is not None:
            ab = ceiling(ab, codec, source.audio_codec, source.audio_bit_rate)
        out += ["-b:a", ab]
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
        out += ["-ar", str(nearest_rate(codec, P.integer("ar", values["ar"], AR_MIN, AR_MAX)))]
    elif codec == "libopencore_amrnb":
        out += ["-ar", "8000"]
    if "ac" in values:
        out += ["-ac", str(P.integer("ac", values["ac"], 1, 8))]
    elif codec == "libopencore_amrnb":
        out += ["-ac", "1"]  # AMR-NB is mono only
    return out


def _is_ratio(value: str) -> bool:
    """`W:H` with two positive integers (the `aspect` syntax)."""
    left, sep, right = value.partition(":")
    return bool(sep) and left.isdigit() and right.isdigit() and int(left) > 0 and int(right) > 0
