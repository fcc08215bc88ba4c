"""Model structure: every field is built, tables have unique keys, models are immutable."""

from __future__ import annotations

import dataclasses

import pytest

from qfopgui.core.fops import (
    Avconcat,
    Avthumb,
    Hls,
    ImageFormat,
    Kind,
    Problem,
    Vframe,
    Vsample,
    Watermark,
)

STRUCTURAL = {"format", "extra", "watermark", "hls", "mode", "urls"}


@pytest.mark.parametrize("model", [Avthumb, Hls, Watermark, Vframe, Vsample, Avconcat])
def test_every_field_has_a_parameter_row(model: type) -> None:
    names = {f.name for f in dataclasses.fields(model)}
    attrs = {spec.attr for spec in model.PARAMS}
    assert names - STRUCTURAL <= attrs
    assert attrs <= names
    keys = [spec.key for spec in model.PARAMS]
    assert len(keys) == len(set(keys))
    for spec in model.PARAMS:
        assert spec.label
        assert (spec.choices is not None) == (spec.kind is Kind.CHOICE)


def test_avthumb_tables_do_not_overlap() -> None:
    groups = [Avthumb.PARAMS, Watermark.PARAMS, Hls.PARAMS]
    keys = [spec.key for table in groups for spec in table]
    assert len(keys) == len(set(keys))


def test_models_are_frozen_and_hashable() -> None:
    op = Vframe(ImageFormat.JPG, offset=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        op.offset = 2  # type: ignore[misc]
    assert len({op, Vframe(ImageFormat.JPG, offset=1), Avthumb("mp4")}) == 2


def test_problem_str_and_subject() -> None:
    p = Problem.make("s", "Width must be between {min} and {max} pixels", min=20, max=3840)
    assert str(p) == "Width must be between 20 and 3840 pixels"
    assert str(p.with_subject("MP4")) == "MP4: Width must be between 20 and 3840 pixels"
    plain = Problem("x", "Just a sentence")
    assert plain.template == "Just a sentence"
    assert plain.params == ()
