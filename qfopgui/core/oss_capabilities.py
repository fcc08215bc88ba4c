"""Which preset fields Aliyun OSS asynchronous processing can express, and why not when not.

One table (``OSS_FIELD_SUPPORT``) keyed by operation (``avthumb``/``vframe``/``vsample``, the
preset form's kinds) and field id (the form schema's ids, which are the fop keys, plus the model
keys the form does not show). The planner turns a set field OSS cannot express into a
``Problem`` before submit; the UI disables the same fields for OSS accounts with the same reason.

OSS's parameter tables are only partly documented (video/convert, video/snapshots and
audio/convert samples plus the IMM structures behind them); the limits below are deliberately
conservative, because on OSS a task that fails is indistinguishable from one still running.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from qfopgui.core.fops import Avthumb, Command, Hls, Problem, Vframe, Vsample, Watermark
from qfopgui.core.fops.grammar import ParamSpec
from qfopgui.core.presets import Preset


class Support(StrEnum):
    SUPPORTED = "supported"  # OSS has a parameter for it (values are still range-checked)
    IGNORED = "ignored"  # OSS decides this itself; the value is not sent and is no problem
    UNSUPPORTED = "unsupported"  # OSS cannot do it: a set value is a problem


@dataclass(frozen=True)
class FieldSupport:
    """``reason`` is a translatable sentence (a ``Problem`` naming the field) for the UI."""

    support: Support
    oss_key: str = ""  # the OSS parameter that carries the value, when there is one
    reason: Problem | None = None

    @property
    def expressible(self) -> bool:
        return self.support is not Support.UNSUPPORTED


# Limits on OSS (≈ from the documented samples and IMM's transcoding structures).
OSS_SIDE = (64, 4096)  # pixels, each side of a video size or a snapshot
OSS_FPS = (1, 60)
OSS_VIDEO_BITRATE = (10_000, 50_000_000)  # bit/s
OSS_AUDIO_BITRATE = (8_000, 512_000)  # bit/s
OSS_CRF = (0, 51)
OSS_CHANNELS = (1, 8)
OSS_SAMPLE_RATES = (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 88200, 96000)
VIDEO_FORMATS = ("mp4", "mkv", "mov", "asf", "avi", "mxf", "ts", "flv", "webm")
AUDIO_FORMATS = ("mp3", "aac", "m4a", "flac", "wav", "ogg", "opus", "amr")
# Qiniu (ffmpeg) codec names → OSS names.
VIDEO_CODECS: Mapping[str, str] = {
    "libx264": "h264",
    "h264": "h264",
    "libx265": "h265",
    "h265": "h265",
    "hevc": "h265",
    "libvpx-vp9": "vp9",
    "vp9": "vp9",
    "copy": "copy",
}
AUDIO_CODECS: Mapping[str, str] = {
    "aac": "aac",
    "libfdk_aac": "aac",
    "libfaac": "aac",
    "libmp3lame": "mp3",
    "mp3": "mp3",
    "libvorbis": "vorbis",
    "vorbis": "vorbis",
    "libopus": "opus",
    "opus": "opus",
    "flac": "flac",
    "ac3": "ac3",
    "libopencore_amrnb": "amr",
    "amr": "amr",
    "copy": "copy",
}

_WM_IMAGE = Problem.make("wmImage", "Aliyun OSS cannot add a picture watermark during conversion")
_WM_TEXT = Problem.make("wmText", "Aliyun OSS cannot add a text watermark during conversion")
_HLS = Problem.make("segtime", "Aliyun OSS video conversion cannot make HLS (m3u8) streams")
_SUBTITLES = Problem.make("subtitle", "Aliyun OSS conversion cannot add subtitles")
_H264 = Problem.make("h264Profile", "Aliyun OSS conversion has no H.264 profile or level setting")
_PATTERN = Problem.make(
    "pattern",
    "Aliyun OSS numbers the pictures itself, adding a suffix such as _0_1 to the output name",
)
_SNAP_ROTATE = Problem.make("rotate", "Aliyun OSS snapshots cannot rotate the picture")
_OWN = {
    "aspect": Problem.make("aspect", "Aliyun OSS conversion has no display aspect ratio setting"),
    "audioProfile": Problem.make("audioProfile", "Aliyun OSS conversion has no audio profile"),
    "writeXing": Problem.make("writeXing", "Aliyun OSS conversion has no MP3 Xing header setting"),
    "stripmeta": Problem.make("stripmeta", "Aliyun OSS conversion cannot remove metadata"),
    "an": Problem.make("an", "Aliyun OSS cannot drop the audio track during conversion"),
    "aq": Problem.make(
        "aq", "Aliyun OSS has no audio quality (VBR) setting; set an audio bitrate instead"
    ),
}

_OK = Support.SUPPORTED


def _yes(oss_key: str = "") -> FieldSupport:
    return FieldSupport(_OK, oss_key)


def _no(field: str, reason: Problem, support: Support = Support.UNSUPPORTED) -> FieldSupport:
    return FieldSupport(support, reason=dataclasses.replace(reason, field=field))


def _avthumb_table() -> dict[str, FieldSupport]:
    table: dict[str, FieldSupport] = {
        "format": _yes("f"),
        "resolution": _yes("s"),
        "vcodec": _yes("vcodec"),
        "s": _yes("s"),
        "autoscale": _yes("scaletype"),
        "r": _yes("fps"),
        "vb": _yes("vb"),
        "crf": _yes("crf"),
        "h264Crf": _yes("crf"),
        "gop": _yes("g"),
        "rotate": _yes("arotate"),  # only "auto"; a fixed angle is a problem
        "vn": _yes(),  # an audio format: audio/convert
        "acodec": _yes("acodec"),
        "ab": _yes("ab"),
        "ar": _yes("ar"),
        "ac": _yes("ac"),
        "ss": _yes("ss"),
        "t": _yes("t"),
        "sn": _yes("sn"),
        "h264Profile": _no("h264Profile", _H264),
        "h264Level": _no("h264Level", _H264),
        "scodec": _no("scodec", _SUBTITLES),
        "subtitle": _no("subtitle", _SUBTITLES),
    }
    table.update({key: _no(key, reason) for key, reason in _OWN.items()})
    for spec in Watermark.PARAMS:
        image = spec.key in ("wmImage", "wmGravity", "wmOffsetX", "wmOffsetY")
        table[spec.key] = _no(spec.key, _WM_IMAGE if image else _WM_TEXT)
    table.update({spec.key: _no(spec.key, _HLS) for spec in Hls.PARAMS})
    return table


OSS_FIELD_SUPPORT: Mapping[str, Mapping[str, FieldSupport]] = {
    "avthumb": _avthumb_table(),
    "vframe": {
        "format": _yes("f"),
        "offset": _yes("ss"),
        "w": _yes("w"),
        "h": _yes("h"),
        "rotate": _no("rotate", _SNAP_ROTATE),
    },
    "vsample": {
        "format": _yes("f"),
        "ss": _yes("ss"),
        "t": _yes("num"),  # with the interval: how many pictures
        "s": _yes("w"),
        "rotate": _no("rotate", _SNAP_ROTATE),
        "interval": _yes("inter"),
        "frames": _yes("num"),
        "pattern": _no("pattern", _PATTERN, Support.IGNORED),
        "savePattern": _no("savePattern", _PATTERN, Support.IGNORED),
    },
}


def oss_field_support(kind: str, field_id: str) -> FieldSupport:
    """What OSS does with ``field_id`` of a ``kind`` form; an unknown field is unsupported."""
    found = OSS_FIELD_SUPPORT.get(kind, {}).get(field_id)
    if found is not None:
        return found
    return FieldSupport(Support.UNSUPPORTED, reason=_unknown_param(field_id))


def _unknown_param(key: str) -> Problem:
    return Problem.make(
        key, "Aliyun OSS has no parameter for '{key}'; remove it for Aliyun OSS", key=key
    )


def _set_keys(obj: object, specs: tuple[ParamSpec, ...]) -> list[str]:
    return [s.key for s in specs if getattr(obj, s.attr) is not None]


def command_set_fields(command: Command) -> tuple[str, list[str]]:
    """The operation name and the keys of the parameters the command sets (extras included)."""
    op = command.op
    if isinstance(op, Avthumb):
        keys = _set_keys(op, Avthumb.PARAMS)
        keys += _set_keys(op.watermark, Watermark.PARAMS)
        keys += _set_keys(op.hls, Hls.PARAMS)
        return "avthumb", keys + [k for k, _v in op.extra]
    if isinstance(op, Vframe):
        return "vframe", _set_keys(op, Vframe.PARAMS) + [k for k, _v in op.extra]
    if isinstance(op, Vsample):
        return "vsample", _set_keys(op, Vsample.PARAMS) + [k for k, _v in op.extra]
    return type(op).__name__.lower(), []


def command_unsupported(command: Command) -> dict[str, Problem]:
    """Field → reason for every field the command sets that OSS cannot express."""
    kind, keys = command_set_fields(command)
    if kind not in OSS_FIELD_SUPPORT:
        return {}
    out: dict[str, Problem] = {}
    for key in keys:
        support = oss_field_support(kind, key)
        if support.support is Support.UNSUPPORTED and support.reason is not None:
            out.setdefault(key, support.reason)
    return out


def oss_unsupported_fields(preset: Preset) -> dict[str, Problem]:
    """Field → reason (tagged with the preset's name) for what OSS cannot run in ``preset``.

    ``str(reason)`` is the English sentence; the UI translates ``reason.template``.
    """
    out: dict[str, Problem] = {}
    for command in preset.commands:
        for key, reason in command_unsupported(command).items():
            out.setdefault(key, reason.with_subject(preset.name))
    return out
