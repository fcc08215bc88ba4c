"""``Command`` = one operation plus an optional ``saveas`` step; parsing of whole fop strings."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from qfopgui.core.fops.avconcat import Avconcat, parse_avconcat
from qfopgui.core.fops.avinfo import Avinfo, parse_avinfo
from qfopgui.core.fops.avthumb import Avthumb, parse_avthumb
from qfopgui.core.fops.grammar import split_op
from qfopgui.core.fops.problems import FopSyntaxError, Problem
from qfopgui.core.fops.saveas import NAME as SAVEAS
from qfopgui.core.fops.saveas import SaveAs, parse_saveas
from qfopgui.core.fops.vframe import Vframe, parse_vframe
from qfopgui.core.fops.vsample import Vsample, parse_vsample

Operation = Avthumb | Vframe | Vsample | Avconcat | Avinfo

_PARSERS: dict[str, Callable[[Sequence[str]], Operation]] = {
    "avthumb": parse_avthumb,
    "vframe": parse_vframe,
    "vsample": parse_vsample,
    "avconcat": parse_avconcat,
    "avinfo": parse_avinfo,
}
OPERATION_NAMES = tuple(_PARSERS)


@dataclass(frozen=True)
class Command:
    """What one ``items[]`` entry of a pfop job does: ``<op>[|saveas/<entry>]``."""

    op: Operation
    saveas: SaveAs | None = None

    @property
    def output_ext(self) -> str:
        return self.op.output_ext

    def build(self) -> str:
        text = self.op.build()
        return text if self.saveas is None else f"{text}|{self.saveas.build()}"

    def validate(self) -> list[Problem]:
        out = self.op.validate()
        if self.saveas is not None:
            out += self.saveas.validate()
        return out

    def with_saveas(self, bucket: str, key: str | None) -> Command:
        return dataclasses.replace(self, saveas=SaveAs(bucket, key))

    def without_saveas(self) -> Command:
        return dataclasses.replace(self, saveas=None)


def parse_operation(text: str) -> Operation:
    """One pipe step that is an operation (not ``saveas``)."""
    tokens = split_op(text)
    parser = _PARSERS.get(tokens[0])
    if parser is None:
        known = ", ".join(OPERATION_NAMES)
        raise FopSyntaxError(f"'{tokens[0]}' is not a supported operation (supported: {known})")
    return parser(tokens[1:])


def parse_command(text: str) -> Command:
    """Read ``<op>`` or ``<op>|saveas/<entry>``. Raises ``FopSyntaxError`` for anything else."""
    steps = text.split("|")
    saveas: SaveAs | None = None
    last = split_op(steps[-1])
    if last[0] == SAVEAS:
        if len(steps) == 1:
            raise FopSyntaxError("saveas needs an operation before it, e.g. avthumb/mp4|saveas/…")
        saveas = parse_saveas(last[1:])
        steps = steps[:-1]
    if len(steps) != 1:
        raise FopSyntaxError(
            "Only one operation (plus an optional saveas) per command is supported"
        )
    return Command(parse_operation(steps[0]), saveas)


def parse_fops(text: str) -> list[Command]:
    """Split a pfop ``fops`` / ``persistentOps`` value at ``;`` and read each command."""
    return [parse_command(part) for part in text.split(";")]


def build_fops(commands: Sequence[Command]) -> str:
    return ";".join(c.build() for c in commands)
