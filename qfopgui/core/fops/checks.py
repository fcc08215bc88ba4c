"""Validation helpers shared by the models. Messages are plain English format strings."""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence

from qfopgui.core.fops.grammar import Kind, Pairs, ParamSpec, is_param_name, is_token_safe
from qfopgui.core.fops.problems import Problem

MIN_SIDE, MAX_WIDTH, MAX_HEIGHT = 20, 3840, 2160
COUNT_VARIABLE = "$(count)"

_BITRATE = re.compile(r"\d+(?:\.\d+)?[km]?")
_SIZE = re.compile(r"(\d*)x(\d*)")


def check_fields(obj: object, specs: Sequence[ParamSpec]) -> list[Problem]:
    """Checks every table-driven field can be written and is inside its documented range."""
    out: list[Problem] = []
    for spec in specs:
        value = getattr(obj, spec.attr)
        if value is None:
            continue
        if spec.kind is Kind.TEXT and not is_token_safe(str(value)):
            out.append(
                Problem.make(
                    spec.key,
                    "{label} must not be empty or contain spaces, '/', '|' or ';'",
                    label=spec.label,
                )
            )
        elif spec.kind is Kind.B64 and not value:
            out.append(Problem.make(spec.key, "{label} must not be empty", label=spec.label))
        elif spec.kind in (Kind.INT, Kind.NUMBER):
            out.extend(_check_number(spec, float(value)))
    return out


def _check_number(spec: ParamSpec, value: float) -> list[Problem]:
    if not math.isfinite(value):
        return [Problem.make(spec.key, "{label} must be a number", label=spec.label)]
    if spec.lo is not None and spec.hi is not None and not spec.lo <= value <= spec.hi:
        return [
            Problem.make(
                spec.key,
                (
                    "{label} must be between {min} and {max} {unit}"
                    if spec.unit
                    else "{label} must be between {min} and {max}"
                ),
                label=spec.label,
                min=_num(spec.lo),
                max=_num(spec.hi),
                unit=spec.unit,
            )
        ]
    if value < 0:
        return [Problem.make(spec.key, "{label} must not be negative", label=spec.label)]
    return []


def _num(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def check_extra(extra: Pairs, known_keys: Collection[str]) -> list[Problem]:
    """Extra (unmodelled) parameters must still form a readable fop."""
    out: list[Problem] = []
    seen: set[str] = set()
    for key, value in extra:
        if not is_param_name(key):
            out.append(Problem.make(key, "'{key}' is not a valid parameter name", key=key))
        elif key in known_keys or key in seen:
            out.append(Problem.make(key, "Parameter '{key}' is given twice", key=key))
        elif not is_token_safe(value):
            out.append(
                Problem.make(
                    key,
                    "The value of '{key}' must not be empty or contain spaces, '/', '|' or ';'",
                    key=key,
                )
            )
        seen.add(key)
    return out


def check_bitrate(field: str, label: str, value: str | None) -> list[Problem]:
    """``128k``, ``1.25m`` or a plain number of bits per second, above zero."""
    if value is None:
        return []
    if not _BITRATE.fullmatch(value):
        return [
            Problem.make(
                field,
                "{label} must look like 128k, 1.25m or a plain number, not '{value}'",
                label=label,
                value=value,
            )
        ]
    if float(value.rstrip("km")) <= 0:
        return [Problem.make(field, "{label} must be more than 0", label=label)]
    return []


def parse_size(value: str) -> tuple[int | None, int | None] | None:
    """``'1280x720'`` → (1280, 720); ``'x360'`` → (None, 360); bad syntax → None."""
    match = _SIZE.fullmatch(value)
    if not match or not (match.group(1) or match.group(2)):
        return None
    w, h = match.groups()
    return (int(w) if w else None, int(h) if h else None)


def check_size(field: str, value: str | None, *, allow_partial: bool = False) -> list[Problem]:
    """Width 20–3840 and height 20–2160 pixels (Qiniu's limits for avthumb ``s``)."""
    if value is None:
        return []
    size = parse_size(value)
    if size is None or (not allow_partial and None in size):
        example = "1280x720, 1280x or x720" if allow_partial else "1280x720"
        return [
            Problem.make(
                field,
                "Size must be width x height, like {example}, not '{value}'",
                example=example,
                value=value,
            )
        ]
    return check_dimensions(field, field, size[0], size[1])


def check_dimensions(
    wfield: str, hfield: str, width: int | None, height: int | None
) -> list[Problem]:
    out: list[Problem] = []
    if width is not None and not MIN_SIDE <= width <= MAX_WIDTH:
        out.append(
            Problem.make(
                wfield, "Width must be between {min} and {max} pixels", min=MIN_SIDE, max=MAX_WIDTH
            )
        )
    if height is not None and not MIN_SIDE <= height <= MAX_HEIGHT:
        out.append(
            Problem.make(
                hfield,
                "Height must be between {min} and {max} pixels",
                min=MIN_SIDE,
                max=MAX_HEIGHT,
            )
        )
    return out


def check_pattern(field: str, value: str | None) -> list[Problem]:
    """Save patterns must number the files with ``$(count)``."""
    if value is None or COUNT_VARIABLE in value:
        return []
    return [
        Problem.make(
            field,
            "The file name pattern must contain {variable} (it numbers the files)",
            variable=COUNT_VARIABLE,
        )
    ]


def merge_specific(general: list[Problem], specific: list[Problem]) -> list[Problem]:
    """Add field-specific problems unless the field already failed a general check, so a value
    like ``'16/9'`` is reported once (unwritable) rather than twice (unwritable + bad syntax)."""
    failed = {p.field for p in general}
    return general + [p for p in specific if p.field not in failed]
