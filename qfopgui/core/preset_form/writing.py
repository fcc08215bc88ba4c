"""Form → command: check each field, the form's own relations, then the model's ``validate()``."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from qfopgui.core.fops import (
    Avthumb,
    Command,
    Hls,
    ImageFormat,
    Operation,
    Problem,
    Vframe,
    Vsample,
    Watermark,
)
from qfopgui.core.preset_form.binding import (
    AVTHUMB_PART,
    HLS_PART,
    WATERMARK_PART,
    param_of,
    to_model,
)
from qfopgui.core.preset_form.schema import (
    PRESET_SIZES,
    RESOLUTION_CUSTOM,
    RESOLUTION_SOURCE,
    FieldKind,
    FieldSpec,
    FormKind,
    FormSchema,
    schema,
)

_INT = re.compile(r"[+-]?\d{1,18}")
_NUMBER = re.compile(r"[+-]?(?:\d{1,18}(?:\.\d*)?|\.\d+)")
_FORM_ONLY = ("format", "resolution")


@dataclass(frozen=True)
class FormResult:
    """``command`` is set exactly when ``problems`` is empty. Each problem's ``field`` is a
    form field id (the fop key), so the UI can show it next to that field."""

    command: Command | None
    problems: tuple[Problem, ...] = ()


def command_from_form(kind: FormKind | str, values: Mapping[str, object]) -> FormResult:
    """Build the command the form describes (never with ``saveas``).

    Missing ids count as "not set", and so does empty text; numbers may be given as text
    (``"30"``). Problems of the form itself (a value of the wrong type, both sides of an
    exclusive pair, a size that contradicts the chosen resolution) come first; only a form
    without those is checked by the model's ``validate()``.
    """
    try:
        form = schema(kind)
    except (KeyError, ValueError):
        problem = Problem.make(
            "kind", "'{kind}' is not a kind of command the form can edit", kind=kind
        )
        return FormResult(None, (problem,))
    problems: list[Problem] = [
        Problem.make(key, "'{key}' is not a field of this form", key=key)
        for key in values
        if not form.has(key)
    ]
    typed: dict[str, object] = {}
    for spec in form.fields:
        value, bad = _coerce(spec, values.get(spec.id))
        typed[spec.id] = value
        if bad is not None:
            problems.append(bad)
    if form.has("resolution"):
        problems += _apply_resolution(form, typed)
    problems += _exclusive(form, typed)
    if typed.get("format") is None:
        problems.append(
            Problem.make("format", "Choose a {label}", label=form.field("format").label)
        )
    if problems:
        return FormResult(None, tuple(problems))
    command = Command(_build(form.kind, typed))
    model_problems = command.validate()
    if model_problems:
        return FormResult(None, tuple(model_problems))
    return FormResult(command)


def _coerce(spec: FieldSpec, raw: object) -> tuple[object, Problem | None]:
    """The field's value in its kind's type, or a problem naming the field by its label."""
    if raw is None or raw == "":
        return None, None
    if isinstance(raw, str) and not raw.strip() and spec.kind is not FieldKind.TEXT:
        return None, None  # blanks in a number or choice field: not set; in text they are kept
    kind = spec.kind
    if kind is FieldKind.FLAG:
        if isinstance(raw, bool):
            return raw, None
        return None, Problem.make(spec.id, "{label} must be on or off", label=spec.label)
    if kind is FieldKind.INTEGER:
        number = _integer(raw)
        if number is None:
            return None, Problem.make(spec.id, "{label} must be a whole number", label=spec.label)
        return number, None
    if kind in (FieldKind.NUMBER, FieldKind.SECONDS):
        real = _real(raw)
        if real is None:
            return None, Problem.make(spec.id, "{label} must be a number", label=spec.label)
        return real, None
    if isinstance(raw, Enum):
        raw = str(raw.value)
    if not isinstance(raw, str):
        return None, Problem.make(spec.id, "{label} must be text", label=spec.label)
    value = raw if kind is FieldKind.TEXT else raw.strip()
    if kind is FieldKind.CHOICE and not spec.free:
        allowed = [str(c.value) for c in spec.choices]
        if value not in allowed:
            return None, Problem.make(
                spec.id,
                "{label} must be one of {allowed}, not '{value}'",
                label=spec.label,
                allowed=", ".join(allowed),
                value=value,
            )
    return value, None


def _integer(raw: object) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if math.isfinite(raw) and raw.is_integer() else None
    if isinstance(raw, str) and _INT.fullmatch(raw.strip()):
        return int(raw.strip())
    return None


def _real(raw: object) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        value = float(raw)
    elif isinstance(raw, str) and _NUMBER.fullmatch(raw.strip()):
        value = float(raw.strip())
    else:
        return None
    return value if math.isfinite(value) else None


def _apply_resolution(form: FormSchema, typed: dict[str, object]) -> list[Problem]:
    """A named resolution fills the size field, which must then be empty or the same size;
    "same as the source" needs an empty size and "custom" a size. Without a resolution value
    the size field stands alone."""
    choice, size = typed.get("resolution"), typed.get("s")
    if choice is None:
        return []
    label = form.field("s").label
    if choice == RESOLUTION_CUSTOM:
        if size is None:
            return [
                Problem.make(
                    "s", "Enter a {label} like 1280x720 for a custom resolution", label=label
                )
            ]
        return []
    wanted = None if choice == RESOLUTION_SOURCE else PRESET_SIZES.get(str(choice))
    if size is not None and size != wanted:
        return [
            Problem.make(
                "s",
                "{label} {value} does not match the chosen resolution; choose Custom size "
                "to use it",
                label=label,
                value=size,
            )
        ]
    typed["s"] = wanted
    return []


def _exclusive(form: FormSchema, typed: Mapping[str, object]) -> list[Problem]:
    return [
        Problem.make(
            second,
            "Set either {label} or {other_label}, not both",
            label=form.field(first).label,
            other_label=form.field(second).label,
        )
        for first, second in form.exclusive
        if typed.get(first) is not None and typed.get(second) is not None
    ]


def _build(kind: FormKind, typed: Mapping[str, object]) -> Operation:
    # Any: keyword arguments for the model dataclasses; each value was checked by _coerce and
    # converted through its ParamSpec (the same approach as grammar.decode_fields)
    parts: dict[str, dict[str, Any]] = {AVTHUMB_PART: {}, WATERMARK_PART: {}, HLS_PART: {}}
    for field_id, value in typed.items():
        if field_id in _FORM_ONLY or value is None:
            continue
        part, spec = param_of(kind, field_id)
        parts[part][spec.attr] = to_model(spec, value)
    own, fmt = parts[AVTHUMB_PART], str(typed["format"])
    if kind is FormKind.AVTHUMB:
        return Avthumb(
            fmt, watermark=Watermark(**parts[WATERMARK_PART]), hls=Hls(**parts[HLS_PART]), **own
        )
    if kind is FormKind.VFRAME:
        return Vframe(ImageFormat(fmt), **own)
    return Vsample(ImageFormat(fmt), **own)
