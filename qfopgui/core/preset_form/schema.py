"""The preset form's fields, generated from the fop models' ``ParamSpec`` tables.

A field with a fop ``key`` takes its label and range from that key's ``ParamSpec`` (so the
model stays the one place that knows them); the form adds what a person filling it in needs: a
kind of input, a tooltip, choices, a group, a starting value and the relations between fields.
Field ids are the fop keys, so a model ``Problem.field`` names the form field directly. The only
fields without a key are ``format`` (the first argument of the operation) and ``resolution`` (a
shortcut that fills ``s``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum

from qfopgui.core.fops import Avthumb, Hls, ParamSpec, Vframe, Vsample, Watermark
from qfopgui.core.fops.avconcat import NAME as AVCONCAT
from qfopgui.core.fops.avinfo import NAME as AVINFO
from qfopgui.core.fops.avthumb import AAC_AQ, HLS_FORMAT, MP3_AQ
from qfopgui.core.fops.checks import MAX_HEIGHT, MAX_WIDTH, MIN_SIDE
from qfopgui.core.fops.enums import ImageFormat
from qfopgui.core.fops.vframe import FORMAT_SPEC
from qfopgui.core.preset_form import texts as T


class FormKind(StrEnum):
    """The operations the form edits (avconcat and avinfo have no form)."""

    AVTHUMB = "avthumb"
    VFRAME = "vframe"
    VSAMPLE = "vsample"


NOT_EDITABLE = (AVCONCAT, AVINFO)


class FieldKind(StrEnum):
    """Which input the UI shows; the value type ``form_values`` gives and accepts."""

    CHOICE = "choice"  # str (one of ``choices`` unless ``free``)
    INTEGER = "integer"  # int
    NUMBER = "number"  # float
    BITRATE = "bitrate"  # str like 128k, 1.25m or 800000
    SECONDS = "seconds"  # float
    SIZE = "size"  # str WxH (vsample also accepts 480x or x360)
    FLAG = "flag"  # bool; None = not written, False = written as 0
    TEXT = "text"  # str


@dataclass(frozen=True)
class Choice:
    value: str | int
    label: str


@dataclass(frozen=True)
class FieldSpec:
    """One input of the form. ``value None`` always means "not set: the server decides".

    ``default`` is what a new form starts with. ``free`` lets the person type a value that is
    not in ``choices`` (codecs, containers). ``needs`` names a field that must be set for this
    one to have an effect (the UI can disable it until then).
    """

    id: str
    label: str
    tooltip: str
    kind: FieldKind
    group: str
    key: str = ""  # the fop key; "" for form-only fields
    choices: tuple[Choice, ...] = ()
    free: bool = False
    lo: float | None = None
    hi: float | None = None
    unit: str = ""
    default: object = None
    needs: str = ""


@dataclass(frozen=True)
class Resolution:
    value: str
    size: str | None  # None: the form's own size field


RESOLUTION_SOURCE, RESOLUTION_CUSTOM = "source", "custom"
RESOLUTIONS: tuple[Resolution, ...] = (
    Resolution(RESOLUTION_SOURCE, None),
    Resolution("480p", "854x480"),
    Resolution("720p", "1280x720"),
    Resolution("1080p", "1920x1080"),
    Resolution("2160p", "3840x2160"),
    Resolution(RESOLUTION_CUSTOM, None),
)
DEFAULT_PATTERN = "frame-$(count)"
PRESET_SIZES: Mapping[str, str] = {r.value: r.size for r in RESOLUTIONS if r.size}


@dataclass(frozen=True)
class FormSchema:
    """All fields of one kind, in display order, with the relations between them.

    ``exclusive`` pairs may not both be set (the UI can offer "this *or* that").
    ``group_formats`` lists groups that only apply to some containers (HLS → m3u8).
    """

    kind: FormKind
    fields: tuple[FieldSpec, ...]
    exclusive: tuple[tuple[str, str], ...] = ()
    group_formats: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.group for f in self.fields))

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(f.key for f in self.fields if f.key)

    def field(self, field_id: str) -> FieldSpec:
        for spec in self.fields:
            if spec.id == field_id:
                return spec
        raise KeyError(field_id)

    def has(self, field_id: str) -> bool:
        return any(f.id == field_id for f in self.fields)


def _enum_choices(enum: type[Enum], labels: Mapping[str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(str(m.value), labels[str(m.value)]) for m in enum)


def _spec(tables: Sequence[Sequence[ParamSpec]], key: str) -> ParamSpec:
    for table in tables:
        for spec in table:
            if spec.key == key:
                return spec
    raise KeyError(key)


def _m(
    tables: Sequence[Sequence[ParamSpec]],
    key: str,
    kind: FieldKind,
    group: str,
    tooltip: str,
    *,
    choices: tuple[Choice, ...] = (),
    free: bool = False,
    lo: float | None = None,
    hi: float | None = None,
    unit: str = "",
    default: object = None,
    needs: str = "",
) -> FieldSpec:
    """A field for the model parameter ``key``: label, range, unit and enum choices come from
    its ``ParamSpec``; the keyword arguments only fill in what the model leaves open."""
    spec = _spec(tables, key)
    if not choices and spec.choices is not None:
        choices = _enum_choices(spec.choices, T.CHOICE_LABELS[spec.choices.__name__])
    return FieldSpec(
        id=key,
        key=key,
        label=spec.label,
        tooltip=tooltip,
        kind=kind,
        group=group,
        choices=choices,
        free=free,
        lo=spec.lo if lo is None else lo,
        hi=spec.hi if hi is None else hi,
        unit=spec.unit or unit,
        default=default,
        needs=needs,
    )


_K = FieldKind
_AV = (Avthumb.PARAMS, Watermark.PARAMS, Hls.PARAMS)
_VF = (Vframe.PARAMS,)
_VS = (Vsample.PARAMS,)

_FORMAT = FieldSpec(
    "format",
    T.CONTAINER,
    T.TIP_CONTAINER,
    _K.CHOICE,
    T.OUTPUT,
    choices=tuple(Choice(v, label) for v, label in T.CONTAINERS.items()),
    free=True,
    default="mp4",
)
_RESOLUTION = FieldSpec(
    "resolution",
    T.RESOLUTION,
    T.TIP_RESOLUTION,
    _K.CHOICE,
    T.VIDEO,
    choices=tuple(Choice(r.value, T.RESOLUTION_LABELS[r.value]) for r in RESOLUTIONS),
    default=RESOLUTION_SOURCE,
)
_VIDEO_CODECS = tuple(Choice(v, label) for v, label in T.VIDEO_CODECS.items())
_AUDIO_CODECS = tuple(Choice(v, label) for v, label in T.AUDIO_CODECS.items())
_CHANNELS = (Choice(1, T.MONO), Choice(2, T.STEREO))
_V, _A, _C, _O, _H, _W = T.VIDEO, T.AUDIO, T.CLIP, T.OUTPUT, T.HLS, T.WATERMARK
_SEC, _PX = T.SECONDS, T.PIXELS

AVTHUMB_SCHEMA = FormSchema(
    FormKind.AVTHUMB,
    (
        _FORMAT,
        _m(_AV, "vcodec", _K.CHOICE, _V, T.TIP_VCODEC, choices=_VIDEO_CODECS, free=True),
        _RESOLUTION,
        _m(_AV, "s", _K.SIZE, _V, T.TIP_SIZE),
        _m(_AV, "autoscale", _K.FLAG, _V, T.TIP_AUTOSCALE, needs="s"),
        _m(_AV, "vb", _K.BITRATE, _V, T.TIP_VB),
        _m(_AV, "crf", _K.INTEGER, _V, T.TIP_CRF),
        _m(_AV, "r", _K.NUMBER, _V, T.TIP_R, unit=T.FPS),
        _m(_AV, "gop", _K.INTEGER, _V, T.TIP_GOP),
        _m(_AV, "rotate", _K.CHOICE, _V, T.TIP_ROTATE),
        _m(_AV, "vn", _K.FLAG, _V, T.TIP_VN),
        _m(_AV, "acodec", _K.CHOICE, _A, T.TIP_ACODEC, choices=_AUDIO_CODECS, free=True),
        _m(_AV, "ab", _K.BITRATE, _A, T.TIP_AB),
        _m(_AV, "aq", _K.INTEGER, _A, T.TIP_AQ, lo=MP3_AQ[0], hi=AAC_AQ[1]),
        _m(_AV, "ar", _K.INTEGER, _A, T.TIP_AR),
        _m(_AV, "ac", _K.INTEGER, _A, T.TIP_AC, choices=_CHANNELS, free=True),
        _m(_AV, "an", _K.FLAG, _A, T.TIP_AN),
        _m(_AV, "ss", _K.SECONDS, _C, T.TIP_SS, lo=0, unit=_SEC),
        _m(_AV, "t", _K.SECONDS, _C, T.TIP_T, unit=_SEC),
        _m(_AV, "stripmeta", _K.FLAG, _O, T.TIP_STRIPMETA),
        _m(_AV, "segtime", _K.SECONDS, _H, T.TIP_SEGTIME),
        _m(_AV, "segFirstTime", _K.SECONDS, _H, T.TIP_SEG_FIRST),
        _m(_AV, "noDomain", _K.FLAG, _H, T.TIP_NO_DOMAIN),
        _m(_AV, "hlsKey", _K.TEXT, _H, T.TIP_HLS_KEY),
        _m(_AV, "hlsKeyType", _K.TEXT, _H, T.TIP_HLS_KEY_TYPE, needs="hlsKey"),
        _m(_AV, "hlsKeyUrl", _K.TEXT, _H, T.TIP_HLS_KEY_URL, needs="hlsKey"),
        _m(_AV, "wmImage", _K.TEXT, _W, T.TIP_WM_IMAGE),
        _m(_AV, "wmGravity", _K.CHOICE, _W, T.TIP_WM_GRAVITY, needs="wmImage"),
        _m(_AV, "wmOffsetX", _K.INTEGER, _W, T.TIP_WM_X, unit=_PX, needs="wmImage"),
        _m(_AV, "wmOffsetY", _K.INTEGER, _W, T.TIP_WM_Y, unit=_PX, needs="wmImage"),
        _m(_AV, "wmText", _K.TEXT, _W, T.TIP_WM_TEXT),
        _m(_AV, "wmGravityText", _K.CHOICE, _W, T.TIP_WM_GRAVITY_TEXT, needs="wmText"),
        _m(_AV, "wmFont", _K.TEXT, _W, T.TIP_WM_FONT, needs="wmText"),
        _m(_AV, "wmFontColor", _K.TEXT, _W, T.TIP_WM_COLOR, needs="wmText"),
        _m(_AV, "wmFontSize", _K.INTEGER, _W, T.TIP_WM_SIZE, needs="wmText"),
    ),
    exclusive=(("vb", "crf"), ("ab", "aq"), ("wmImage", "wmText")),
    group_formats=((T.HLS, (HLS_FORMAT,)),),
)

_PICTURE_FORMAT = FieldSpec(
    "format",
    FORMAT_SPEC.label,
    T.TIP_PICTURE_FORMAT,
    _K.CHOICE,
    T.PICTURE,
    choices=_enum_choices(ImageFormat, T.CHOICE_LABELS[ImageFormat.__name__]),
    default=ImageFormat.JPG.value,
)
_P = T.PICTURE

VFRAME_SCHEMA = FormSchema(
    FormKind.VFRAME,
    (
        _PICTURE_FORMAT,
        _m(_VF, "offset", _K.SECONDS, _P, T.TIP_OFFSET, lo=0, unit=_SEC, default=1.0),
        _m(_VF, "w", _K.INTEGER, _P, T.TIP_W, lo=MIN_SIDE, hi=MAX_WIDTH, unit=_PX),
        _m(_VF, "h", _K.INTEGER, _P, T.TIP_H, lo=MIN_SIDE, hi=MAX_HEIGHT, unit=_PX),
        _m(_VF, "rotate", _K.CHOICE, _P, T.TIP_ROTATE),
    ),
)

VSAMPLE_SCHEMA = FormSchema(
    FormKind.VSAMPLE,
    (
        _PICTURE_FORMAT,
        _m(_VS, "ss", _K.SECONDS, _C, T.TIP_VSAMPLE_SS, lo=0, unit=_SEC),
        _m(_VS, "t", _K.SECONDS, _C, T.TIP_VSAMPLE_T, unit=_SEC),
        _m(_VS, "s", _K.SIZE, _P, T.TIP_VSAMPLE_SIZE),
        _m(_VS, "rotate", _K.CHOICE, _P, T.TIP_ROTATE),
        _m(_VS, "interval", _K.SECONDS, _P, T.TIP_INTERVAL, unit=_SEC),
        _m(_VS, "frames", _K.INTEGER, _P, T.TIP_FRAMES, lo=1),
        _m(_VS, "pattern", _K.TEXT, _P, T.TIP_PATTERN, default=DEFAULT_PATTERN),
    ),
    exclusive=(("interval", "frames"),),
)

SCHEMAS: Mapping[FormKind, FormSchema] = {
    s.kind: s for s in (AVTHUMB_SCHEMA, VFRAME_SCHEMA, VSAMPLE_SCHEMA)
}


def schema(kind: FormKind | str) -> FormSchema:
    """``KeyError``/``ValueError`` for a kind the form does not edit."""
    return SCHEMAS[FormKind(kind)]


def new_form(kind: FormKind | str) -> dict[str, object]:
    """The values of an empty form of ``kind`` (each field's ``default``)."""
    return {f.id: f.default for f in schema(kind).fields}


def form_texts() -> frozenset[str]:
    """Every label, tooltip, group, unit and choice label, for the translation catalogue."""
    out: set[str] = set()
    for form in SCHEMAS.values():
        for f in form.fields:
            out.update({f.label, f.tooltip, f.group, f.unit})
            out.update(c.label for c in f.choices)
    out.discard("")
    return frozenset(out)
