"""avthumb: audio/video transcoding (``avthumb/<format>/<param>/<value>/…``), with watermark and
HLS option groups."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from qfopgui.core.fops.avthumb_parts import Hls, Watermark
from qfopgui.core.fops.checks import (
    check_bitrate,
    check_extra,
    check_fields,
    check_size,
    merge_specific,
)
from qfopgui.core.fops.enums import Rotate
from qfopgui.core.fops.grammar import (
    Kind,
    Pairs,
    ParamSpec,
    build_op,
    decode_fields,
    encode_fields,
    is_token_safe,
    spec_keys,
    to_pairs,
)
from qfopgui.core.fops.problems import FopSyntaxError, Problem

NAME = "avthumb"
HLS_FORMAT = "m3u8"
# Legacy device presets used as ``avthumb/<preset>`` (no format) → the container they produce.
LEGACY_PRESETS: dict[str, str] = {
    "android_high": "mp4",
    "android_low": "mp4",
    "android": "mp4",
    "flash": "flv",
    "ipad_high": "mp4",
    "ipad_low": "mp4",
    "ipad": "mp4",
    "iphone_high": "mp4",
    "iphone_low": "mp4",
    "iphone": "mp4",
}
H264_PROFILES = ("baseline", "main", "high")
MP3_AQ, AAC_AQ = (0, 9), (10, 500)
_MP3_CODECS = frozenset({"libmp3lame", "mp3"})
_AAC_CODECS = frozenset({"aac", "libfaac", "libfdk_aac"})
_ASPECT = re.compile(r"[1-9]\d*:[1-9]\d*")
_LEVEL = re.compile(r"[1-6](?:\.\d)?")
_HLS_PRESET = re.compile(r"(audio|video)_[0-9a-z_]+")

_S = ParamSpec


@dataclass(frozen=True)
class Avthumb:
    """``avthumb/<format>/...``. ``None`` means "not set" (the server default applies).

    ``format`` is the first argument: a container (mp4, m3u8, mp3, …) or a legacy device preset
    such as ``iphone`` (see ``LEGACY_PRESETS``). ``h264Crf`` (older name) and ``crf`` are both
    modelled; both accept 18–28, the range Qiniu documents for h264Crf.
    """

    format: str
    vcodec: str | None = None
    h264_profile: str | None = None
    h264_level: str | None = None
    s: str | None = None
    autoscale: bool | None = None
    aspect: str | None = None
    r: float | None = None
    vb: str | None = None
    crf: int | None = None
    h264_crf: int | None = None
    gop: int | None = None
    rotate: Rotate | None = None
    scodec: str | None = None
    subtitle: str | None = None
    acodec: str | None = None
    audio_profile: str | None = None
    ab: str | None = None
    aq: int | None = None
    ar: int | None = None
    ac: int | None = None
    write_xing: bool | None = None
    ss: float | None = None
    t: float | None = None
    stripmeta: bool | None = None
    an: bool | None = None
    vn: bool | None = None
    sn: bool | None = None
    watermark: Watermark = field(default_factory=Watermark)
    hls: Hls = field(default_factory=Hls)
    extra: Pairs = ()

    # Build order: video, audio, clipping, stream switches, then watermark, HLS, extra.
    PARAMS: ClassVar[tuple[ParamSpec, ...]] = (
        _S("vcodec", "vcodec", Kind.TEXT, "Video codec"),
        _S("h264Profile", "h264_profile", Kind.TEXT, "H.264 profile"),
        _S("h264Level", "h264_level", Kind.TEXT, "H.264 level"),
        _S("s", "s", Kind.TEXT, "Size"),
        _S("autoscale", "autoscale", Kind.FLAG, "Keep aspect ratio"),
        _S("aspect", "aspect", Kind.TEXT, "Display aspect ratio"),
        _S("r", "r", Kind.NUMBER, "Frame rate"),
        _S("vb", "vb", Kind.TEXT, "Video bitrate"),
        _S("crf", "crf", Kind.INT, "Quality (CRF)", lo=18, hi=28),
        _S("h264Crf", "h264_crf", Kind.INT, "Quality (H.264 CRF)", lo=18, hi=28),
        _S("gop", "gop", Kind.INT, "Keyframe interval", lo=0, hi=3000, unit="frames"),
        _S("rotate", "rotate", Kind.CHOICE, "Rotation", Rotate),
        _S("scodec", "scodec", Kind.TEXT, "Subtitle codec"),
        _S("subtitle", "subtitle", Kind.B64, "Subtitle file URL"),
        _S("acodec", "acodec", Kind.TEXT, "Audio codec"),
        _S("audioProfile", "audio_profile", Kind.TEXT, "Audio profile"),
        _S("ab", "ab", Kind.TEXT, "Audio bitrate"),
        _S("aq", "aq", Kind.INT, "Audio quality"),
        _S("ar", "ar", Kind.INT, "Sample rate", lo=1, hi=192000, unit="Hz"),
        _S("ac", "ac", Kind.INT, "Audio channels", lo=1, hi=8),
        _S("writeXing", "write_xing", Kind.FLAG, "Write MP3 Xing header"),
        _S("ss", "ss", Kind.NUMBER, "Start time"),
        _S("t", "t", Kind.NUMBER, "Duration"),
        _S("stripmeta", "stripmeta", Kind.FLAG, "Remove metadata"),
        _S("an", "an", Kind.FLAG, "Drop audio"),
        _S("vn", "vn", Kind.FLAG, "Drop video"),
        _S("sn", "sn", Kind.FLAG, "Drop subtitles"),
    )

    @property
    def legacy_preset(self) -> str | None:
        return self.format if self.format in LEGACY_PRESETS else None

    @property
    def output_ext(self) -> str:
        """File extension of the result (``m3u8`` for HLS, ``mp4`` for ``iphone`` …)."""
        return LEGACY_PRESETS.get(self.format, self.format.lower())

    def params(self) -> Pairs:
        """Encoded ``(key, value)`` pairs in build order."""
        out = encode_fields(self, self.PARAMS)
        out += encode_fields(self.watermark, Watermark.PARAMS)
        out += encode_fields(self.hls, Hls.PARAMS)
        return (*out, *self.extra)

    def build(self) -> str:
        return build_op(NAME, self.format, self.params())

    def validate(self) -> list[Problem]:
        out: list[Problem] = []
        if not is_token_safe(self.format):
            out.append(
                Problem.make(
                    "format", "Format must not be empty or contain spaces, '/', '|' or ';'"
                )
            )
        out += check_fields(self, self.PARAMS)
        specific = check_size("s", self.s)
        specific += check_bitrate("vb", "Video bitrate", self.vb)
        specific += check_bitrate("ab", "Audio bitrate", self.ab)
        specific += self._check_video()
        specific += self._check_audio()
        out = merge_specific(out, specific)
        out += self.watermark.validate()
        out += self.hls.validate()
        if not self.hls.is_empty and self.format.lower() != HLS_FORMAT:
            out.append(Problem.make("format", "HLS options need the format m3u8"))
        out += check_extra(self.extra, ALL_KEYS)
        return out

    def _check_video(self) -> list[Problem]:
        out: list[Problem] = []
        if self.vb is not None and (self.crf is not None or self.h264_crf is not None):
            key = "crf" if self.crf is not None else "h264Crf"
            out.append(Problem.make(key, "Set either a quality (CRF) or a video bitrate, not both"))
        if self.crf is not None and self.h264_crf is not None:
            out.append(Problem.make("h264Crf", "Set crf or h264Crf, not both"))
        if self.r is not None and self.r <= 0:
            out.append(Problem.make("r", "Frame rate must be more than 0"))
        if self.t is not None and self.t == 0:
            out.append(Problem.make("t", "Duration must be more than 0"))
        if self.aspect is not None and not _ASPECT.fullmatch(self.aspect):
            out.append(Problem.make("aspect", "Aspect ratio must look like 16:9"))
        if self.h264_profile is not None and self.h264_profile not in H264_PROFILES:
            out.append(Problem.make("h264Profile", "H.264 profile must be baseline, main or high"))
        if self.h264_level is not None and not _LEVEL.fullmatch(self.h264_level):
            out.append(Problem.make("h264Level", "H.264 level must look like 3.1 or 4"))
        return out

    def _check_audio(self) -> list[Problem]:
        out: list[Problem] = []
        if self.aq is not None and self.ab is not None:
            out.append(
                Problem.make("aq", "Set either an audio quality or an audio bitrate, not both")
            )
        if self.aq is not None:
            out += self._check_aq(self.aq)
        if self.audio_profile == "aac_he" and self.acodec != "libfdk_aac":
            out.append(
                Problem.make("audioProfile", "The aac_he profile needs the audio codec libfdk_aac")
            )
        return out

    def _check_aq(self, aq: int) -> list[Problem]:
        codec = (self.acodec or "").lower()
        fmt = self.format.lower()
        if codec in _MP3_CODECS or (not codec and fmt == "mp3"):
            lo, hi, codec_name = *MP3_AQ, "MP3"
        elif codec in _AAC_CODECS or (not codec and fmt in ("aac", "m4a")):
            lo, hi, codec_name = *AAC_AQ, "AAC"
        else:
            if MP3_AQ[0] <= aq <= AAC_AQ[1]:
                return []
            return [
                Problem.make(
                    "aq",
                    "Audio quality must be between {min} and {max}",
                    min=MP3_AQ[0],
                    max=AAC_AQ[1],
                )
            ]
        if lo <= aq <= hi:
            return []
        return [
            Problem.make(
                "aq",
                "Audio quality for {codec} must be between {min} and {max}",
                codec=codec_name,
                min=lo,
                max=hi,
            )
        ]


ALL_KEYS = spec_keys(Avthumb.PARAMS, Watermark.PARAMS, Hls.PARAMS)


def parse_avthumb(tokens: Sequence[str]) -> Avthumb:
    """``tokens`` are the parts after ``avthumb``."""
    if not tokens:
        raise FopSyntaxError("avthumb needs a format, e.g. avthumb/mp4")
    fmt, rest = tokens[0], list(tokens[1:])
    hls_preset: str | None = None
    # Old HLS examples write the preset bare: avthumb/m3u8/segtime/15/video_240k
    if len(rest) % 2 and fmt == HLS_FORMAT and _HLS_PRESET.fullmatch(rest[-1]):
        hls_preset = rest.pop()
    pairs = to_pairs(rest, NAME)
    own, rest_pairs = decode_fields(pairs, Avthumb.PARAMS)
    wm, rest_pairs = decode_fields(rest_pairs, Watermark.PARAMS)
    hls, extra = decode_fields(rest_pairs, Hls.PARAMS)
    if hls_preset is not None:
        if "preset" in hls:
            raise FopSyntaxError("avthumb: the HLS preset is given twice")
        hls["preset"] = hls_preset
    return Avthumb(fmt, watermark=Watermark(**wm), hls=Hls(**hls), extra=tuple(extra), **own)
