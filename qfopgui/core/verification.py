"""The verdict on a finished job's outputs: `Verification` and its per-output `OutputCheck`s.

Stored on the job row (`verify_state`, `verify_note`) and shown by the Jobs view. Every check
keeps its English template and its parameters apart (numbers stay numbers), so the UI can
translate the template and format the figures itself ("4.1 s"); `message` is the English text
for logs and CSV.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

Param = str | int | float

NOTE_VERSION = 1


class VerifyState(StrEnum):
    """What checking a done job's outputs found."""

    VERIFIED = "verified"  # every output exists, is not empty and has the expected length/size
    WARNING = "warning"  # at least one output is missing, empty, too short/long or mis-sized
    UNCHECKED = "unchecked"  # the outputs could not be checked (yet): see the reason


def format_param(value: Param) -> str:
    """Seconds with one decimal ("4.1"), whole numbers as they are."""
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


@dataclass(frozen=True)
class OutputCheck:
    """One finding about one output key (``output`` is "" when it is about the whole job)."""

    output: str
    ok: bool
    template: str
    params: tuple[tuple[str, Param], ...] = ()

    @classmethod
    def make(cls, output: str, ok: bool, template: str, /, **params: Param) -> OutputCheck:
        return cls(output, ok, template, tuple(params.items()))

    @property
    def params_dict(self) -> dict[str, Param]:
        return dict(self.params)

    @property
    def message(self) -> str:
        """The English sentence (figures formatted like the UI formats them)."""
        values = {k: format_param(v) for k, v in self.params}
        try:
            return self.template.format(**values)
        except (KeyError, IndexError, ValueError):
            return self.template

    def to_json(self) -> dict[str, Any]:
        return {"output": self.output, "ok": self.ok, "t": self.template, "p": dict(self.params)}

    @classmethod
    def from_json(cls, data: object) -> OutputCheck | None:
        if not isinstance(data, Mapping):
            return None
        template, params = data.get("t"), data.get("p")
        if not isinstance(template, str) or not isinstance(params, Mapping):
            return None
        kept = tuple(
            (str(k), v)
            for k, v in params.items()
            if isinstance(v, str | int | float) and not isinstance(v, bool)
        )
        return cls(str(data.get("output", "")), bool(data.get("ok")), template, kept)


@dataclass(frozen=True)
class Verification:
    """The state and the findings behind it (problems first is the UI's job, not this one's)."""

    state: VerifyState
    details: tuple[OutputCheck, ...] = ()

    @property
    def problems(self) -> tuple[OutputCheck, ...]:
        return tuple(c for c in self.details if not c.ok)

    @property
    def outputs(self) -> int:
        """Distinct output keys the findings are about."""
        return len({c.output for c in self.details if c.output})

    def note(self) -> str:
        """The JSON kept in the job row's ``verify_note``."""
        checks = [c.to_json() for c in self.details]
        return json.dumps({"v": NOTE_VERSION, "checks": checks}, ensure_ascii=False)

    @classmethod
    def from_row(cls, state: str | None, note: str | None) -> Verification | None:
        """Read back what `note` wrote; None when the job was never checked (or the state is
        one this version does not know). A damaged note keeps the state without details."""
        try:
            verify_state = VerifyState(state) if state else None
        except ValueError:
            return None
        if verify_state is None:
            return None
        checks: list[OutputCheck] = []
        try:
            data = json.loads(note) if note else {}
        except ValueError:
            data = {}
        raw = data.get("checks") if isinstance(data, Mapping) else None
        for item in raw if isinstance(raw, list) else []:
            check = OutputCheck.from_json(item)
            if check is not None:
                checks.append(check)
        return cls(verify_state, tuple(checks))


def verdict(checks: Sequence[OutputCheck]) -> Verification:
    """WARNING when any finding is a problem, VERIFIED otherwise (UNCHECKED with nothing)."""
    if not checks:
        return Verification(VerifyState.UNCHECKED, (OutputCheck.make("", True, NOTHING),))
    ok = all(c.ok for c in checks)
    return Verification(VerifyState.VERIFIED if ok else VerifyState.WARNING, tuple(checks))


def unchecked(output: str, why: str) -> Verification:
    """The outputs could not be checked (a request failed, no download domain …)."""
    return Verification(
        VerifyState.UNCHECKED, (OutputCheck.make(output, False, NOT_CHECKED, why=why),)
    )


# --- templates (translated by the UI in the "verification" context) ------------------------------

NOTHING = "There is nothing to check for this job"
NOT_CHECKED = "could not be checked: {why}"
NO_DOMAIN = "the bucket has no download domain"  # a {why}

OK_DURATION = "{output} s, the same as the source ({source} s)"
OK_CLIP = "{output} s, as clipped ({expected} s of the source's {source} s)"
OK_NO_SOURCE = "{output} s (the source's duration is unknown, so it was not compared)"
OK_PICTURE = "{w}×{h} picture, as expected"
OK_PICTURES = "{count} pictures"
OK_EXISTS = "exists and is not empty (its content is not checked)"
OK_MASTER = "HLS master playlist with {variants} streams (durations not checked)"

BAD_MISSING = "output is missing"
BAD_EMPTY = "output is empty (0 bytes)"
BAD_DURATION = "output {output} s, source {source} s"
BAD_CLIP = "output {output} s, expected {expected} s (source {source} s, clipped by the preset)"
BAD_NO_DURATION = "the output's duration could not be read"
BAD_NOT_MEDIA = "output is not readable audio or video"
BAD_NOT_PICTURE = "output is not a readable picture"
BAD_SIZE = "output is {w}×{h}, expected {ew}×{eh}"
BAD_NOT_PLAYLIST = "output is not an HLS playlist"
BAD_NO_PICTURES = "no pictures were made"
BAD_RETURN_OLD = (
    "the server kept a file that already existed instead of making a new one "
    "(submit again with overwrite)"
)

TEMPLATES: tuple[str, ...] = (
    NOTHING,
    NOT_CHECKED,
    NO_DOMAIN,
    OK_DURATION,
    OK_CLIP,
    OK_NO_SOURCE,
    OK_PICTURE,
    OK_PICTURES,
    OK_EXISTS,
    OK_MASTER,
    BAD_MISSING,
    BAD_EMPTY,
    BAD_DURATION,
    BAD_CLIP,
    BAD_NO_DURATION,
    BAD_NOT_MEDIA,
    BAD_NOT_PICTURE,
    BAD_SIZE,
    BAD_NOT_PLAYLIST,
    BAD_NO_PICTURES,
    BAD_RETURN_OLD,
)
