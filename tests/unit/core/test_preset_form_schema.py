"""The preset form schema: derived from the models' ParamSpec tables, complete, consistent, and
every text it shows is collected for translation."""

from __future__ import annotations

import pytest

from qfopgui.core.fops import Avthumb, Hls, ParamSpec, Vframe, Vsample, Watermark
from qfopgui.core.fops.checks import check_size
from qfopgui.core.preset_form import (
    AVTHUMB_SCHEMA,
    PRESET_SIZES,
    RESOLUTIONS,
    SCHEMAS,
    VFRAME_SCHEMA,
    VSAMPLE_SCHEMA,
    FieldKind,
    FormKind,
    FormSchema,
    command_from_form,
    form_texts,
    new_form,
    schema,
)
from tests.helpers.core_strings import collect

TABLES: dict[FormKind, tuple[tuple[ParamSpec, ...], ...]] = {
    FormKind.AVTHUMB: (Avthumb.PARAMS, Watermark.PARAMS, Hls.PARAMS),
    FormKind.VFRAME: (Vframe.PARAMS,),
    FormKind.VSAMPLE: (Vsample.PARAMS,),
}
# every parameter the form must offer, by fop key ("format" is the operation's first argument)
REQUIRED = {
    FormKind.AVTHUMB: {
        "format",
        "vcodec",
        "resolution",
        "s",
        "autoscale",
        "vb",
        "crf",
        "r",
        "gop",
        "acodec",
        "ab",
        "aq",
        "ar",
        "ac",
        "ss",
        "t",
        "rotate",
        "stripmeta",
        "vn",
        "an",
        "segtime",
        "hlsKey",
        "hlsKeyType",
        "hlsKeyUrl",
        "wmImage",
        "wmText",
        "wmGravity",
        "wmGravityText",
        "wmOffsetX",
        "wmOffsetY",
    },
    FormKind.VFRAME: {"format", "offset", "w", "h", "rotate"},
    FormKind.VSAMPLE: {"format", "ss", "t", "s", "rotate", "interval", "frames", "pattern"},
}
ALL = list(SCHEMAS.values())


def _param(kind: FormKind, key: str) -> ParamSpec:
    return next(s for table in TABLES[kind] for s in table if s.key == key)


@pytest.mark.parametrize("form", ALL, ids=lambda f: f.kind.value)
def test_covers_every_required_parameter(form: FormSchema) -> None:
    assert REQUIRED[form.kind] <= {f.id for f in form.fields}


@pytest.mark.parametrize("form", ALL, ids=lambda f: f.kind.value)
def test_fields_are_labelled_explained_grouped_and_unique(form: FormSchema) -> None:
    ids = [f.id for f in form.fields]
    assert len(ids) == len(set(ids))
    for f in form.fields:
        assert f.label.strip(), f.id
        assert f.group.strip(), f.id
        # one plain sentence
        assert f.tooltip.endswith("."), f.tooltip
        assert f.tooltip.count(". ") == 0, f.tooltip
        assert f.tooltip[0].isupper() or f.tooltip[0].isdigit(), f.tooltip
        assert f.kind in FieldKind
        if f.kind is FieldKind.CHOICE:
            assert f.choices, f.id
            assert all(c.label for c in f.choices), f.id
        assert not f.needs or form.has(f.needs)


@pytest.mark.parametrize("form", ALL, ids=lambda f: f.kind.value)
def test_labels_ranges_and_enum_choices_come_from_the_model(form: FormSchema) -> None:
    for f in form.fields:
        if not f.key:
            continue
        spec = _param(form.kind, f.key)
        assert f.id == f.key
        assert f.label == spec.label
        if spec.lo is not None:
            assert (f.lo, f.hi) == (spec.lo, spec.hi)
        if spec.unit:
            assert f.unit == spec.unit
        if spec.choices is not None:
            assert [c.value for c in f.choices] == [m.value for m in spec.choices]


def test_relations_the_ui_needs() -> None:
    assert set(AVTHUMB_SCHEMA.exclusive) == {("vb", "crf"), ("ab", "aq"), ("wmImage", "wmText")}
    assert VSAMPLE_SCHEMA.exclusive == (("interval", "frames"),)
    for form in ALL:
        for pair in form.exclusive:
            assert all(form.has(i) for i in pair)
    assert dict(AVTHUMB_SCHEMA.group_formats) == {"HLS": ("m3u8",)}
    groups = AVTHUMB_SCHEMA.groups
    assert {"Video", "Audio", "Clip", "HLS", "Watermark"} <= set(groups)
    assert AVTHUMB_SCHEMA.field("autoscale").needs == "s"
    assert VFRAME_SCHEMA.field("w").hi == 3840
    assert VFRAME_SCHEMA.field("h").hi == 2160


def test_resolution_presets_are_valid_sizes() -> None:
    choices = [c.value for c in AVTHUMB_SCHEMA.field("resolution").choices]
    assert choices == [r.value for r in RESOLUTIONS]
    assert {"480p", "720p", "1080p", "2160p", "custom", "source"} == set(choices)
    for size in PRESET_SIZES.values():
        assert check_size("s", size) == []


@pytest.mark.parametrize("kind", list(FormKind))
def test_a_new_form_is_a_valid_command(kind: FormKind) -> None:
    result = command_from_form(kind, new_form(kind))
    assert result.problems == ()
    assert result.command is not None
    assert result.command.validate() == []


def test_unknown_kind_raises_for_schema_but_is_a_problem_for_the_form() -> None:
    with pytest.raises((KeyError, ValueError)):
        schema("avconcat")
    result = command_from_form("avconcat", {})
    assert result.command is None
    assert [p.field for p in result.problems] == ["kind"]


def test_every_form_text_is_collected_for_translation() -> None:
    texts = form_texts()
    labels = collect().labels
    assert texts <= labels
    tooltips = {f.tooltip for form in ALL for f in form.fields}
    choices = {c.label for form in ALL for f in form.fields for c in f.choices}
    assert tooltips | choices | {"Container", "Resolution", "Watermark"} <= texts
