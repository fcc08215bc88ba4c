"""The generated command form: one widget per schema field, exact round trips through the
widgets, inline problems next to the field they name, and the schema's relations."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QRadioButton, QWidget

from qfopgui.core.fops import Command, parse_command
from qfopgui.core.preset_form import (
    AVTHUMB_SCHEMA,
    SCHEMAS,
    FieldKind,
    FieldSpec,
    FormKind,
    command_from_form,
    form_values,
    new_form,
)
from qfopgui.core.presets import BUILTIN_PRESETS
from qfopgui.ui.presets.command_form import CommandForm
from qfopgui.ui.translated_messages import param_label

pytestmark = pytest.mark.gui

# Qiniu's documented examples (as in the core tests) and the built-in presets' commands
SEEDS = [
    "avthumb/mp4/r/30/vb/256k/vcodec/libx264/ar/22061/ab/64k/acodec/libmp3lame",
    "avthumb/m3u8/segtime/10/vcodec/libx264/s/320x240",
    "vframe/jpg/offset/7/w/480/h/360",
    "avthumb/mp4/s/1280x720/autoscale/1/crf/23/acodec/libfdk_aac",
    "avthumb/mp4/vcodec/libx264/acodec/aac/vb/1000k/ab/96k/r/30/s/1280x720",
    "avthumb/mp3/aq/6/ar/16000",
    "avthumb/mp4/s/640x360/autoscale/0",
    "avthumb/mp4/ss/1.5/t/0.001/ac/6/rotate/auto",
    "avthumb/mp4/wmText/aGk=/wmGravityText/North/wmFontSize/200",
    "avthumb/m3u8/noDomain/1/segtime/10/vb/5m/hlsKey/ZXhhbXBsZWtleTEyMzQ1Ng==",
    "vsample/jpg/ss/7/t/600/s/480x360/pattern/dmZyYW1lLSQoY291bnQp",
    "vsample/png/s/480x/frames/12/pattern/dmZyYW1lLSQoY291bnQp",
    *sorted({c.build() for p in BUILTIN_PRESETS for c in p.commands}),
]


def _form(qtbot: Any, kind: FormKind | str, **kw: Any) -> CommandForm:
    form = CommandForm(kind, **kw)
    qtbot.addWidget(form)
    form.resize(740, 600)
    form.show()
    return form


def _input(form: CommandForm, field_id: str) -> QWidget:
    found = form.findChild(QWidget, f"field_{field_id}")
    assert found is not None, field_id
    return found


def _line(form: CommandForm, field_id: str) -> QLineEdit:
    widget = _input(form, field_id)
    assert isinstance(widget, QLineEdit)
    return widget


def _combo(form: CommandForm, field_id: str) -> QComboBox:
    widget = _input(form, field_id)
    assert isinstance(widget, QComboBox)
    return widget


def _choose(form: CommandForm, field_id: str, value: object) -> None:
    combo = _combo(form, field_id)
    index = combo.findData(value)
    assert index >= 0, (field_id, value)
    combo.setCurrentIndex(index)


def _radio(form: CommandForm, field_id: str) -> QRadioButton:
    radio = form.findChild(QRadioButton, f"use_{field_id}")
    assert radio is not None
    return radio


def _type(qtbot: Any, edit: QLineEdit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


@pytest.mark.parametrize("kind", list(FormKind))
def test_every_field_of_the_schema_gets_a_labelled_widget(qtbot: Any, kind: FormKind) -> None:
    form = _form(qtbot, kind)
    spec_of = {f.id: f for f in SCHEMAS[kind].fields}
    for field_id, spec in spec_of.items():
        widget = _input(form, field_id)
        expected = {
            FieldKind.FLAG: QCheckBox,
            FieldKind.CHOICE: QComboBox,
        }.get(spec.kind, QComboBox if spec.choices else QLineEdit)
        assert isinstance(widget, expected), field_id
        assert widget.accessibleName() == param_label(spec.label)
        assert param_label(spec.tooltip) in widget.toolTip()
    for group in SCHEMAS[kind].groups:
        assert form.section(group).title() == param_label(group)
    # ranges and units come from the spec too
    if kind is FormKind.AVTHUMB:
        assert "18" in _input(form, "crf").toolTip()
        assert "28" in _input(form, "crf").toolTip()
        unit = form.findChild(QWidget, "row_ss").findChildren(QLabel)  # type: ignore[union-attr]
        assert any(label.text() == "seconds" for label in unit)
        assert _line(form, "vb").placeholderText() == "not set (server default)"


def test_a_field_added_to_the_schema_appears_without_ui_code(qtbot: Any) -> None:
    extra = (
        FieldSpec("maxrate", "Maximum video bitrate", "A cap.", FieldKind.BITRATE, "Video"),
        FieldSpec("dither", "Dither", "Noise.", FieldKind.FLAG, "Extras"),
        FieldSpec(
            "tune",
            "Tune",
            "For what.",
            FieldKind.CHOICE,
            "Extras",
            choices=(
                AVTHUMB_SCHEMA.field("rotate").choices[0],
                AVTHUMB_SCHEMA.field("rotate").choices[1],
            ),
        ),
    )
    grown = dataclasses.replace(AVTHUMB_SCHEMA, fields=(*AVTHUMB_SCHEMA.fields, *extra))
    form = _form(qtbot, FormKind.AVTHUMB, form_schema=grown)
    assert isinstance(_input(form, "maxrate"), QLineEdit)
    assert isinstance(_input(form, "dither"), QCheckBox)
    assert _combo(form, "tune").count() == 3  # "not set" and the two choices
    assert form.section("Extras").title() == "Extras"
    assert _input(form, "maxrate").parentWidget().parentWidget() is form.section("Video")
    _type(qtbot, _line(form, "maxrate"), "2m")
    assert form.values()["maxrate"] == "2m"


@pytest.mark.parametrize("text", SEEDS)
def test_values_round_trip_through_the_widgets_exactly(qtbot: Any, text: str) -> None:
    command = parse_command(text)
    reading = form_values(command)
    assert reading.kind is not None
    form = _form(qtbot, reading.kind)
    form.set_values(reading.values)
    result = command_from_form(reading.kind, form.values())
    assert result.problems == ()
    assert result.command == command
    assert form.result().command == command
    assert form.is_as_loaded()


def test_an_explicit_off_survives_and_an_untouched_flag_is_not_set(qtbot: Any) -> None:
    form = _form(qtbot, FormKind.AVTHUMB)
    form.set_values(form_values(parse_command("avthumb/mp4/s/640x360/autoscale/0")).values)
    box = _input(form, "autoscale")
    assert isinstance(box, QCheckBox)
    assert not box.isChecked()
    assert form.values()["autoscale"] is False
    box.setChecked(True)
    assert form.values()["autoscale"] is True
    fresh = _form(qtbot, FormKind.VFRAME)
    assert fresh.values()["rotate"] is None
    other = _form(qtbot, FormKind.AVTHUMB)
    stripmeta = _input(other, "stripmeta")
    assert isinstance(stripmeta, QCheckBox)
    stripmeta.setChecked(True)
    stripmeta.setChecked(False)
    assert other.values()["stripmeta"] is None  # unchecked means "not set"


def test_a_problem_is_shown_next_to_the_field_it_names(qtbot: Any) -> None:
    form = _form(qtbot, FormKind.AVTHUMB)
    _radio(form, "crf").click()
    with qtbot.waitSignal(form.changed):
        _type(qtbot, _line(form, "crf"), "99")
    problem = form.findChild(QLabel, "problem_crf")
    assert problem is not None
    assert problem.isVisible()
    assert problem.text() == "Quality (CRF) must be between 18 and 28"
    assert _line(form, "crf").accessibleDescription() == problem.text()
    assert form.result().command is None
    assert [p.field for p in form.result().problems] == ["crf"]
    _type(qtbot, _line(form, "crf"), "23")
    assert not problem.isVisible()
    assert form.result().command == Command(parse_command("avthumb/mp4/crf/23").op)


def test_a_problem_without_a_field_goes_to_the_top(qtbot: Any) -> None:
    # a schema without the size field: "custom resolution needs a size" has no field to sit by
    fields = tuple(f for f in AVTHUMB_SCHEMA.fields if f.id not in ("s", "autoscale"))
    narrow = dataclasses.replace(AVTHUMB_SCHEMA, fields=fields)
    form = _form(qtbot, FormKind.AVTHUMB, form_schema=narrow)
    top = form.findChild(QLabel, "form_problems")
    assert top is not None
    assert not top.isVisible()
    _choose(form, "resolution", "custom")
    assert top.isVisible()
    assert "for a custom resolution" in top.text()


def test_either_or_opens_one_side_and_sends_only_that(qtbot: Any) -> None:
    form = _form(qtbot, FormKind.AVTHUMB)
    vb, crf = _line(form, "vb"), _line(form, "crf")
    assert _radio(form, "vb").isChecked()
    assert vb.isEnabled()
    assert not crf.isEnabled()
    _type(qtbot, vb, "2m")
    _radio(form, "crf").click()
    assert crf.isEnabled()
    assert not vb.isEnabled()
    _type(qtbot, crf, "20")
    values = form.values()
    assert (values["vb"], values["crf"]) == (None, "20")
    assert form.result().problems == ()
    _radio(form, "vb").click()
    assert form.values()["vb"] == "2m"
    assert form.values()["crf"] is None
    # the same for audio, watermark and vsample's interval/frames
    assert _radio(form, "ab").isChecked()
    assert not _line(form, "aq").isEnabled()
    _radio(form, "wmText").click()
    assert not _line(form, "wmImage").isEnabled()
    assert _line(form, "wmText").isEnabled()
    frames = _form(qtbot, FormKind.VSAMPLE)
    _radio(frames, "frames").click()
    assert not _line(frames, "interval").isEnabled()
    assert _line(frames, "frames").isEnabled()


def test_a_command_with_both_sides_keeps_both_open_and_says_so(qtbot: Any) -> None:
    form = _form(qtbot, FormKind.AVTHUMB)
    form.set_values({**new_form("avthumb"), "vb": "1m", "crf": 23})
    assert _radio(form, "vb").isChecked() is False
    assert _radio(form, "crf").isChecked() is False
    assert _line(form, "vb").isEnabled()
    assert _line(form, "crf").isEnabled()
    problem = form.findChild(QLabel, "problem_crf")
    assert problem is not None
    assert "not both" in problem.text()


def test_a_field_that_needs_another_is_closed_until_that_one_is_set(qtbot: Any) -> None:
    form = _form(qtbot, FormKind.AVTHUMB)
    _radio(form, "wmImage").click()
    gravity = _combo(form, "wmGravity")
    assert not gravity.isEnabled()
    _type(qtbot, _line(form, "wmImage"), "http://a/logo.png")
    assert gravity.isEnabled()
    assert _line(form, "wmOffsetX").isEnabled()
    assert not _line(form, "hlsKeyUrl").isEnabled()
    assert not _input(form, "autoscale").isEnabled()  # no size yet ("same as the source")
    _choose(form, "resolution", "720p")
    assert _input(form, "autoscale").isEnabled()


def test_the_hls_section_shows_only_for_m3u8(qtbot: Any) -> None:
    form = _form(qtbot, FormKind.AVTHUMB)
    hls = form.section("HLS")
    assert hls.isHidden()
    _choose(form, "format", "m3u8")
    assert not hls.isHidden()
    _choose(form, "format", "mp4")
    assert hls.isHidden()
    # a value is never hidden: HLS options on an mp4 stay in view with the model's problem
    form.set_values({**new_form("avthumb"), "segtime": 10.0})
    assert not hls.isHidden()
    assert [p.field for p in form.result().problems] == ["format"]
    assert form.findChild(QLabel, "problem_format").isVisible()  # type: ignore[union-attr]


def test_resolution_fills_and_locks_the_size_custom_unlocks_it(qtbot: Any) -> None:
    form = _form(qtbot, FormKind.AVTHUMB)
    size = _line(form, "s")
    assert size.text() == ""
    assert not size.isEnabled()
    _choose(form, "resolution", "720p")
    assert size.text() == "1280x720"
    assert not size.isEnabled()
    assert form.result().command == parse_command("avthumb/mp4/s/1280x720")
    _choose(form, "resolution", "custom")
    assert size.isEnabled()
    _type(qtbot, size, "640x360")
    _choose(form, "resolution", "1080p")
    assert size.text() == "1920x1080"
    _choose(form, "resolution", "custom")
    assert size.text() == "640x360"  # the size typed last comes back
    assert form.result().command == parse_command("avthumb/mp4/s/640x360")
    _choose(form, "resolution", "source")
    assert size.text() == ""
    assert form.result().command == parse_command("avthumb/mp4")


def test_parameters_not_kept_from_a_paste_are_named_until_dismissed(qtbot: Any) -> None:
    reading = form_values(parse_command("avthumb/mp3/ab/192k/af/volume=1.5"))
    form = _form(qtbot, FormKind.AVTHUMB)
    form.set_values(reading.values, not_kept=reading.unrepresented)
    note = form.not_kept_note
    assert note.isVisible()
    assert note.text == "Not kept from the pasted command: af"
    form.set_values(reading.values)  # still there while the form is edited
    form.set_values(reading.values, not_kept=("af", "saveas"))
    assert note.text.endswith("af, saveas")
    close = next(
        b for b in note.findChildren(QWidget) if b.metaObject().className() == "QToolButton"
    )
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not note.isVisible()


def test_read_only_locks_every_input(qtbot: Any) -> None:
    form = _form(qtbot, FormKind.AVTHUMB)
    form.set_read_only(True)
    for spec in AVTHUMB_SCHEMA.fields:
        widget = _input(form, spec.id)
        if isinstance(widget, QLineEdit):
            assert widget.isReadOnly(), spec.id
            assert "palette(window)" in widget.styleSheet(), spec.id  # does not look typeable
        else:
            assert not widget.isEnabled(), spec.id
    assert not _radio(form, "crf").isEnabled()
    form.set_read_only(False)
    assert _combo(form, "format").isEnabled()
    assert not _line(form, "vb").isReadOnly()
    assert _line(form, "vb").styleSheet() == ""


def test_titles_name_the_output(qtbot: Any) -> None:
    assert _form(qtbot, FormKind.AVTHUMB).title() == "MP4 video"
    assert _form(qtbot, FormKind.VFRAME).title() == "JPG snapshot"
    assert _form(qtbot, FormKind.VSAMPLE).title() == "JPG frames"
    hls = _form(qtbot, FormKind.AVTHUMB)
    _choose(hls, "format", "m3u8")
    assert hls.title() == "HLS stream (m3u8)"
    legacy = _form(qtbot, FormKind.AVTHUMB)
    legacy.set_values(form_values(parse_command("avthumb/iphone")).values)
    assert legacy.title() == "IPHONE output"
