"""OSS processing parameters → ffmpeg arguments (a sandbox design choice, not an OSS fact).

``video/convert``: f (container), vcodec h264/h265/vp9/copy, s WxH (``640x``: width only), fps,
vb, crf, g, acodec aac/mp3/opus/vorbis/flac/copy, ab, ar, ac, ss/t (milliseconds), sn/vn/an.
``audio/convert``: f, acodec, ab, ar, ac, aq, ss, t. ``video/snapshots``: f jpg/png, w, h, inter
(ms), ss (ms), num; ``video/snapshot``: t (ms), f, w, h. Console-style options whose exact
effect is unconfirmed (fpsopt, sopt, scaletype, arotate, abopt, m, ar_auto…) are accepted and
ignored; any other parameter fails the task, so a typo is never silently dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


class ParamError(ValueError):
    """A processing parameter the sandbox cannot honour; the message names it."""


CONTAINERS = {
    "mp4": "mp4",
    "mov": "mov",
    "mkv": "matroska",
    "flv": "flv",
    "avi": "avi",
    "ts": "mpegts",
    "webm": "webm",
    "asf": "asf",
}
VIDEO_CODECS = {"h264": "libx264", "h265": "libx265", "vp9": "libvpx-vp9", "copy": "copy"}
AUDIO_CODECS = {
    "aac": "aac",
    "mp3": "libmp3lame",
    "opus": "libopus",
    "vorbis": "libvorbis",
    "flac": "flac",
    "copy": "copy",
}
# audio/convert's f: (ffmpeg muxer, default codec)
AUDIO_FORMATS = {
    "mp3": ("mp3", "libmp3lame"),
    "aac": ("adts", "aac"),
    "m4a": ("ipod", "aac"),
    "flac": ("flac", "flac"),
    "wav": ("wav", "pcm_s16le"),
    "ogg": ("ogg", "libvorbis"),
    "opus": ("ogg", "libopus"),
}
_SPEED = {
    "libx264": ["-preset", "veryfast", "-pix_fmt", "yuv420p"],
    "libx265": ["-preset", "ultrafast", "-pix_fmt", "yuv420p"],
    "libvpx-vp9": ["-deadline", "realtime", "-cpu-used", "8"],
}
IGNORED = frozenset({"fpsopt", "sopt", "scaletype", "arotate", "abopt", "align", "m", "adepth"})


@dataclass(frozen=True)
class Plan:
    """ffmpeg arguments around the input: ``before`` goes ahead of ``-i``, ``after`` behind it."""

    before: list[str]
    after: list[str]
    extension: str


def _number(params: Mapping[str, str], name: str) -> int | None:
    raw = params.get(name)
    if raw is None:
        return None
    if not raw.isdigit():
        raise ParamError(f"{name}_{raw}: expected a whole number")
    return int(raw)


def _seconds(params: Mapping[str, str], name: str) -> str | None:
    value = _number(params, name)
    return None if value is None else f"{value / 1000:g}"


def _check_known(params: Mapping[str, str], known: set[str]) -> None:
    unknown = sorted(set(params) - known - IGNORED)
    if unknown:
        raise ParamError("unsupported parameter " + ", ".join(unknown))


def _scale(size: str) -> str:
    width, sep, height = size.partition("x")
    if not sep or not (width or height) or not (width + height).isdigit():
        raise ParamError(f"s_{size}: expected WxH, Wx or xH")
    return f"scale={width or -2}:{height or -2}"


def _trim(params: Mapping[str, str]) -> tuple[list[str], list[str]]:
    start, length = _seconds(params, "ss"), _seconds(params, "t")
    before = ["-ss", start] if start else []
    after = ["-t", length] if length and length != "0" else []
    return before, after


def _audio(params: Mapping[str, str], codec: str) -> list[str]:
    out = ["-c:a", codec]
    if codec == "copy":
        return out
    for name, flag in (("ab", "-b:a"), ("ar", "-ar"), ("ac", "-ac"), ("aq", "-q:a")):
        value = _number(params, name)
        if value is not None:
            out += [flag, str(value)]
    return out


def video_convert(params: Mapping[str, str], target_key: str) -> Plan:
    known = {"f", "vcodec", "s", "fps", "vb", "crf", "g", "acodec", "ab", "ar", "ac"}
    _check_known(params, known | {"ss", "t", "sn", "vn", "an"})
    fmt = params.get("f") or target_key.rsplit(".", 1)[-1].lower()
    if fmt not in CONTAINERS:
        raise ParamError(f"f_{fmt}: unsupported container (use one of {', '.join(CONTAINERS)})")
    webm = fmt == "webm"
    vname = params.get("vcodec", "vp9" if webm else "h264")
    aname = params.get("acodec", "opus" if webm else "aac")
    if vname not in VIDEO_CODECS:
        raise ParamError(f"vcodec_{vname}: unsupported (use h264, h265, vp9 or copy)")
    if aname not in AUDIO_CODECS:
        raise ParamError(f"acodec_{aname}: unsupported (use {', '.join(AUDIO_CODECS)})")
    before, after = _trim(params)
    vcodec = VIDEO_CODECS[vname]
    if params.get("vn") == "1":
        after += ["-vn"]
    else:
        after += ["-c:v", vcodec, *_SPEED.get(vcodec, [])]
        if vcodec != "copy":
            if "s" in params:
                after += ["-vf", _scale(params["s"])]
            for name, flag in (("fps", "-r"), ("vb", "-b:v"), ("crf", "-crf"), ("g", "-g")):
                value = _number(params, name)
                if value is not None:
                    after += [flag, str(value)]
    after += ["-an"] if params.get("an") == "1" else _audio(params, AUDIO_CODECS[aname])
    if params.get("sn") == "1":
        after += ["-sn"]
    if fmt == "mp4":
        after += ["-movflags", "+faststart"]
    return Plan(before, [*after, "-f", CONTAINERS[fmt]], fmt)


def audio_convert(params: Mapping[str, str], target_key: str) -> Plan:
    _check_known(params, {"f", "acodec", "ab", "ar", "ac", "aq", "ss", "t"})
    fmt = params.get("f") or target_key.rsplit(".", 1)[-1].lower()
    if fmt not in AUDIO_FORMATS:
        raise ParamError(f"f_{fmt}: unsupported audio format (use {', '.join(AUDIO_FORMATS)})")
    muxer, codec = AUDIO_FORMATS[fmt]
    if "acodec" in params:
        if params["acodec"] not in AUDIO_CODECS:
            raise ParamError(f"acodec_{params['acodec']}: unsupported")
        codec = AUDIO_CODECS[params["acodec"]]
    before, after = _trim(params)
    return Plan(before, [*after, "-vn", *_audio(params, codec), "-f", muxer], fmt)


def _frame_size(params: Mapping[str, str]) -> list[str]:
    width, height = _number(params, "w"), _number(params, "h")
    if not width and not height:
        return []
    return [f"scale={width or -2}:{height or -2}"]


def _image_format(params: Mapping[str, str]) -> str:
    fmt = params.get("f", "jpg")
    if fmt not in ("jpg", "png"):
        raise ParamError(f"f_{fmt}: snapshots are jpg or png")
    return fmt


def snapshots(params: Mapping[str, str]) -> Plan:
    """Frames every ``inter`` ms from ``ss`` (at most ``num``), written as numbered files."""
    _check_known(params, {"f", "w", "h", "inter", "ss", "num"})
    fmt = _image_format(params)
    interval = _number(params, "inter") or 1000
    filters = [f"fps=1000/{interval}", *_frame_size(params)]
    before = ["-ss", s] if (s := _seconds(params, "ss")) else []
    after = ["-vf", ",".join(filters), "-an", "-sn"]
    count = _number(params, "num")
    if count:
        after += ["-frames:v", str(count)]
    return Plan(before, [*after, "-f", "image2"], fmt)


def snapshot(params: Mapping[str, str]) -> Plan:
    """One frame at ``t`` ms."""
    _check_known(params, {"t", "f", "w", "h", "ar"})
    fmt = _image_format(params)
    at = _seconds(params, "t") or "0"
    filters = _frame_size(params)
    after = ["-frames:v", "1", "-an", "-sn", *(["-vf", ",".join(filters)] if filters else [])]
    return Plan(["-ss", at], [*after, "-f", "image2"], fmt)
