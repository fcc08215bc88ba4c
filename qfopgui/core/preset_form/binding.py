"""Where each form field lives in the fop model, and the value conversions between the two."""

from __future__ import annotations

from enum import Enum

from qfopgui.core.fops import Avthumb, Hls, Operation, ParamSpec, Vframe, Vsample, Watermark
from qfopgui.core.preset_form.schema import FieldKind, FieldSpec, FormKind

AVTHUMB_PART, WATERMARK_PART, HLS_PART = "avthumb", "watermark", "hls"
Tables = tuple[tuple[str, tuple[ParamSpec, ...]], ...]

TABLES: dict[FormKind, Tables] = {
    FormKind.AVTHUMB: (
        (AVTHUMB_PART, Avthumb.PARAMS),
        (WATERMARK_PART, Watermark.PARAMS),
        (HLS_PART, Hls.PARAMS),
    ),
    FormKind.VFRAME: ((AVTHUMB_PART, Vframe.PARAMS),),
    FormKind.VSAMPLE: ((AVTHUMB_PART, Vsample.PARAMS),),
}


def kind_of(op: Operation) -> FormKind | None:
    if isinstance(op, Avthumb):
        return FormKind.AVTHUMB
    if isinstance(op, Vframe):
        return FormKind.VFRAME
    if isinstance(op, Vsample):
        return FormKind.VSAMPLE
    return None


def param_of(kind: FormKind, key: str) -> tuple[str, ParamSpec]:
    """``(part, spec)`` of a fop key: part says which dataclass holds it."""
    for part, table in TABLES[kind]:
        for spec in table:
            if spec.key == key:
                return part, spec
    raise KeyError(key)


def part_objects(op: Operation) -> dict[str, object]:
    if isinstance(op, Avthumb):
        return {AVTHUMB_PART: op, WATERMARK_PART: op.watermark, HLS_PART: op.hls}
    return {AVTHUMB_PART: op}


def to_form(field: FieldSpec, value: object) -> object:
    """A model value as the form holds it (enums as their text, seconds as float)."""
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if field.kind in (FieldKind.NUMBER, FieldKind.SECONDS) and isinstance(value, int | float):
        return float(value)
    return value


def to_model(spec: ParamSpec, value: object) -> object:
    """A checked form value as the model field wants it."""
    if spec.choices is not None:
        return spec.choices(value)
    return value
