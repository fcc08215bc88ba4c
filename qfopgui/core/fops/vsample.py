"""vsample: a series of pictures from a video, named by a ``$(count)`` pattern (pfop only)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from qfopgui.core.fops.checks import (
    check_extra,
    check_fields,
    check_pattern,
    check_size,
    merge_specific,
)
from qfopgui.core.fops.enums import ImageFormat, Rotate
from qfopgui.core.fops.grammar import (
    Kind,
    Pairs,
    ParamSpec,
    build_op,
    decode_fields,
    decode_value,
    encode_fields,
    spec_keys,
    to_pairs,
)
from qfopgui.core.fops.problems import FopSyntaxError, Problem
from qfopgui.core.fops.vframe import FORMAT_SPEC

NAME = "vsample"
_S = ParamSpec


@dataclass(frozen=True)
class Vsample:
    """``vsample/<jpg|png>/ss/<s>/t/<s>[/s/WxH][/rotate/r][/interval/s | /frames/n]/pattern/b64``.

    Exactly one of ``pattern`` (older) / ``save_pattern`` (newer) names the pictures and must
    contain ``$(count)``. ``interval`` and ``frames`` exclude each other.
    """

    format: ImageFormat
    ss: float | None = None
    t: float | None = None
    s: str | None = None
    rotate: Rotate | None = None
    interval: float | None = None
    frames: int | None = None
    pattern: str | None = None
    save_pattern: str | None = None
    extra: Pairs = ()

    PARAMS: ClassVar[tuple[ParamSpec, ...]] = (
        _S("ss", "ss", Kind.NUMBER, "Start time"),
        _S("t", "t", Kind.NUMBER, "Duration"),
        _S("s", "s", Kind.TEXT, "Size"),
        _S("rotate", "rotate", Kind.CHOICE, "Rotation", Rotate),
        _S("interval", "interval", Kind.NUMBER, "Interval"),
        _S("frames", "frames", Kind.INT, "Number of pictures"),
        _S("pattern", "pattern", Kind.B64, "Picture name pattern"),
        _S("savePattern", "save_pattern", Kind.B64, "Picture name pattern"),
    )

    @property
    def output_ext(self) -> str:
        return self.format.value

    def params(self) -> Pairs:
        return (*encode_fields(self, self.PARAMS), *self.extra)

    def build(self) -> str:
        return build_op(NAME, self.format.value, self.params())

    def validate(self) -> list[Problem]:
        out = merge_specific(
            check_fields(self, self.PARAMS), check_size("s", self.s, allow_partial=True)
        )
        if self.interval is not None and self.frames is not None:
            out.append(
                Problem.make("frames", "Give either an interval or a number of pictures, not both")
            )
        if self.interval is not None and self.interval == 0:
            out.append(Problem.make("interval", "Interval must be more than 0"))
        if self.frames is not None and self.frames == 0:
            out.append(Problem.make("frames", "Number of pictures must be more than 0"))
        if self.t is not None and self.t == 0:
            out.append(Problem.make("t", "Duration must be more than 0"))
        if self.pattern is None and self.save_pattern is None:
            out.append(
                Problem.make("pattern", "vsample needs a picture name pattern containing $(count)")
            )
        if self.pattern is not None and self.save_pattern is not None:
            out.append(Problem.make("savePattern", "Give either pattern or savePattern, not both"))
        out += check_pattern("pattern", self.pattern)
        out += check_pattern("savePattern", self.save_pattern)
        out += check_extra(self.extra, spec_keys(self.PARAMS))
        return out


def parse_vsample(tokens: Sequence[str]) -> Vsample:
    if not tokens:
        raise FopSyntaxError("vsample needs a picture format: vsample/jpg or vsample/png")
    fmt = decode_value(FORMAT_SPEC, tokens[0])
    assert isinstance(fmt, ImageFormat)
    known, extra = decode_fields(to_pairs(tokens[1:], NAME), Vsample.PARAMS)
    return Vsample(fmt, extra=tuple(extra), **known)
