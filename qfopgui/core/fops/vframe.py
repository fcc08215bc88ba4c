"""vframe: one still picture from a video (``vframe/<jpg|png>/offset/<s>[/w/<px>][/h/<px>]``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from qfopgui.core.fops.checks import check_dimensions, check_extra, check_fields
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

NAME = "vframe"
_S = ParamSpec
FORMAT_SPEC = _S("format", "format", Kind.CHOICE, "Picture format", ImageFormat)


@dataclass(frozen=True)
class Vframe:
    """``vframe/<jpg|png>/offset/<s>[/w/<px>][/h/<px>][/rotate/<r>]``.

    ``offset`` is required by the server; it is optional here so a half-filled form can still be
    represented and ``validate()`` can say what is missing. Giving only ``w`` or ``h`` scales
    proportionally.
    """

    format: ImageFormat
    offset: float | None = None
    w: int | None = None
    h: int | None = None
    rotate: Rotate | None = None
    extra: Pairs = ()

    PARAMS: ClassVar[tuple[ParamSpec, ...]] = (
        _S("offset", "offset", Kind.NUMBER, "Time of the frame"),
        _S("w", "w", Kind.INT, "Width"),
        _S("h", "h", Kind.INT, "Height"),
        _S("rotate", "rotate", Kind.CHOICE, "Rotation", Rotate),
    )

    @property
    def output_ext(self) -> str:
        return self.format.value

    def params(self) -> Pairs:
        return (*encode_fields(self, self.PARAMS), *self.extra)

    def build(self) -> str:
        return build_op(NAME, self.format.value, self.params())

    def validate(self) -> list[Problem]:
        out = check_fields(self, self.PARAMS)
        if self.offset is None:
            out.append(Problem.make("offset", "Choose the time of the frame (offset in seconds)"))
        out += check_dimensions("w", "h", self.w, self.h)
        out += check_extra(self.extra, spec_keys(self.PARAMS))
        return out


def parse_vframe(tokens: Sequence[str]) -> Vframe:
    if not tokens:
        raise FopSyntaxError("vframe needs a picture format: vframe/jpg or vframe/png")
    fmt = decode_value(FORMAT_SPEC, tokens[0])
    assert isinstance(fmt, ImageFormat)
    known, extra = decode_fields(to_pairs(tokens[1:], NAME), Vframe.PARAMS)
    return Vframe(fmt, extra=tuple(extra), **known)
