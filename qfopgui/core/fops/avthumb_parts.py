"""Option groups of avthumb: video watermark (``wm*`` parameters) and HLS slicing (``m3u8``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import ClassVar

from qfopgui.core.b64 import b64decode_bytes
from qfopgui.core.fops.checks import check_fields, check_pattern
from qfopgui.core.fops.enums import Gravity
from qfopgui.core.fops.grammar import Kind, ParamSpec
from qfopgui.core.fops.problems import Problem

_S = ParamSpec
_HLS_KEY_TYPE = re.compile(r"0|1\.\d+")
HLS_KEY_BYTES = 16


@dataclass(frozen=True)
class Watermark:
    """Image and/or text watermark burnt into the video."""

    image: str | None = None  # URL of the picture (base64 in the fop)
    gravity: Gravity | None = None
    offset_x: int | None = None
    offset_y: int | None = None
    text: str | None = None
    gravity_text: Gravity | None = None
    font: str | None = None
    font_color: str | None = None  # e.g. "red" or "#FF0000"
    font_size: int | None = None  # in twips (1/20 point); 0 = default

    PARAMS: ClassVar[tuple[ParamSpec, ...]] = (
        _S("wmImage", "image", Kind.B64, "Watermark image URL"),
        _S("wmGravity", "gravity", Kind.CHOICE, "Watermark image position", Gravity),
        _S("wmOffsetX", "offset_x", Kind.INT, "Watermark horizontal offset"),
        _S("wmOffsetY", "offset_y", Kind.INT, "Watermark vertical offset"),
        _S("wmText", "text", Kind.B64, "Watermark text"),
        _S("wmGravityText", "gravity_text", Kind.CHOICE, "Watermark text position", Gravity),
        _S("wmFont", "font", Kind.B64, "Watermark font"),
        _S("wmFontColor", "font_color", Kind.B64, "Watermark font color"),
        _S("wmFontSize", "font_size", Kind.INT, "Watermark font size"),
    )

    @property
    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))

    def validate(self) -> list[Problem]:
        out = check_fields(self, self.PARAMS)
        if self.image is None and (
            self.gravity is not None or self.offset_x is not None or self.offset_y is not None
        ):
            out.append(
                Problem.make("wmImage", "Watermark position and offsets need a watermark image")
            )
        text_only = (self.gravity_text, self.font, self.font_color, self.font_size)
        if self.text is None and any(v is not None for v in text_only):
            out.append(
                Problem.make("wmText", "Watermark font, color, size and position need a text")
            )
        return out


@dataclass(frozen=True)
class Hls:
    """Options that only apply to HLS output (``avthumb/m3u8``)."""

    segtime: float | None = None
    seg_first_time: float | None = None
    no_domain: bool | None = None
    domain: str | None = None
    hls_key: str | None = None  # base64 of the 16-byte AES key, kept as written
    hls_key_type: str | None = None  # "0" or "1.x" (RSA-OAEP with key version x)
    hls_key_url: str | None = None
    pattern: str | None = None
    save_pattern: str | None = None
    preset: str | None = None  # legacy HLS preset name, e.g. video_16x9_440k

    PARAMS: ClassVar[tuple[ParamSpec, ...]] = (
        _S("segtime", "segtime", Kind.NUMBER, "Segment length", lo=2, hi=120, unit="seconds"),
        _S(
            "segFirstTime",
            "seg_first_time",
            Kind.NUMBER,
            "First segment length",
            lo=1,
            hi=120,
            unit="seconds",
        ),
        _S("noDomain", "no_domain", Kind.FLAG, "Relative segment URLs"),
        _S("domain", "domain", Kind.B64, "Segment domain"),
        _S("hlsKey", "hls_key", Kind.TEXT, "Encryption key"),
        _S("hlsKeyType", "hls_key_type", Kind.TEXT, "Encryption key type"),
        _S("hlsKeyUrl", "hls_key_url", Kind.B64, "Encryption key URL"),
        _S("pattern", "pattern", Kind.B64, "Segment name pattern"),
        _S("savePattern", "save_pattern", Kind.B64, "Segment name pattern"),
        _S("preset", "preset", Kind.TEXT, "HLS preset"),
    )

    @property
    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))

    def validate(self) -> list[Problem]:
        out = check_fields(self, self.PARAMS)
        if self.no_domain and self.domain is not None:
            out.append(Problem.make("domain", "A segment domain cannot be used with relative URLs"))
        if self.pattern is not None and self.save_pattern is not None:
            out.append(Problem.make("savePattern", "Give either pattern or savePattern, not both"))
        out += check_pattern("pattern", self.pattern)
        out += check_pattern("savePattern", self.save_pattern)
        if self.hls_key_type is not None and not _HLS_KEY_TYPE.fullmatch(self.hls_key_type):
            out.append(
                Problem.make("hlsKeyType", "Encryption key type must be 0 or 1.x (e.g. 1.0)")
            )
        if self.hls_key is not None and self.hls_key_type in (None, "0"):
            out += _check_plain_key(self.hls_key)
        if self.hls_key_url is not None and self.hls_key is None:
            out.append(Problem.make("hlsKeyUrl", "An encryption key URL needs an encryption key"))
        return out


def _check_plain_key(key: str) -> list[Problem]:
    try:
        size = len(b64decode_bytes(key))
    except ValueError:
        size = -1
    if size == HLS_KEY_BYTES:
        return []
    return [
        Problem.make(
            "hlsKey",
            "Encryption key must be {size} bytes, written in URL-safe base64",
            size=HLS_KEY_BYTES,
        )
    ]
