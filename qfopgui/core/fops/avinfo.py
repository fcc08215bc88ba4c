"""avinfo: media metadata as ffprobe-style JSON (``streams`` and ``format``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qfopgui.core.fops.checks import check_extra
from qfopgui.core.fops.grammar import Pairs, build_op, to_pairs
from qfopgui.core.fops.problems import Problem

NAME = "avinfo"


@dataclass(frozen=True)
class Avinfo:
    """``avinfo`` takes no documented parameters; unknown ones are kept in ``extra``."""

    extra: Pairs = ()

    @property
    def output_ext(self) -> str:
        return "json"

    def params(self) -> Pairs:
        return self.extra

    def build(self) -> str:
        return build_op(NAME, None, self.extra)

    def validate(self) -> list[Problem]:
        return check_extra(self.extra, ())


def parse_avinfo(tokens: Sequence[str]) -> Avinfo:
    return Avinfo(tuple(to_pairs(tokens, NAME)))
