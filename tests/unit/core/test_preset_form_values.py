"""Command ↔ form values: round trips for built-in presets and generated commands, nothing the
form cannot hold is lost without a name, and inline validation names the fields."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qfopgui.core.b64 import b64encode_bytes
from qfopgui.core.fops import (
    Avthumb,
    Command,
    Gravity,
    Hls,
    ImageFormat,
    Rotate,
    SaveAs,
    Vframe,
    Vsample,
    Watermark,
    parse_command,
)
from qfopgui.core.preset_form import (
    AVTHUMB_SCHEMA,
    FormKind,
    command_from_form,
    form_values,
    new_form,
)
from qfopgui.core.presets import BUILTIN_PRESETS

BUILTIN_COMMANDS = [(p.name, c) for p in BUILTIN_PRESETS for c in p.commands]

bitrate = st.from_regex(r"[1-9]\d{0,3}(\.\d{1,2})?[km]?", fullmatch=True)
seconds = st.decimals(min_value=0, max_value=36000, places=3).map(float)
positive = st.decimals(min_value="0.001", max_value=36000, places=3).map(float)
size = st.builds("{}x{}".format, st.integers(20, 3840), st.integers(20, 2160))
words = st.text(min_size=1, max_size=12)
token = st.from_regex(r"[A-Za-z0-9_.-]{1,10}", fullmatch=True)


def opt(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


@st.composite
def form_avthumbs(draw: st.DrawFn) -> Avthumb:
    """Valid avthumb commands using only parameters the form holds."""
    fmt = draw(st.sampled_from(["mp4", "flv", "webm", "mp3", "m4a", "gif", "m3u8", "iphone"]))
    acodec = draw(st.sampled_from([None, "libmp3lame", "aac", "libvorbis", "libopus"]))
    s = draw(opt(size))
    kw: dict[str, Any] = dict(
        vcodec=draw(opt(st.sampled_from(["libx264", "libx265", "libvpx-vp9", "mpeg4"]))),
        s=s,
        autoscale=draw(opt(st.booleans())) if s else None,
        r=draw(opt(st.decimals("0.5", 120, places=2).map(float))),
        gop=draw(opt(st.integers(0, 3000))),
        rotate=draw(opt(st.sampled_from(Rotate))),
        acodec=acodec,
        ar=draw(opt(st.integers(8000, 96000))),
        ac=draw(opt(st.integers(1, 8))),
        ss=draw(opt(seconds)),
        t=draw(opt(positive)),
        stripmeta=draw(opt(st.booleans())),
        an=draw(opt(st.booleans())),
        vn=draw(opt(st.booleans())),
    )
    if draw(st.booleans()):
        kw["vb"] = draw(bitrate)
    else:
        kw["crf"] = draw(opt(st.integers(18, 28)))
    if draw(st.booleans()):
        kw["ab"] = draw(bitrate)
    elif acodec == "libmp3lame":
        kw["aq"] = draw(opt(st.integers(0, 9)))
    elif acodec == "aac":
        kw["aq"] = draw(opt(st.integers(10, 500)))
    mark = draw(st.sampled_from(["none", "image", "text"]))
    if mark == "image":
        kw["watermark"] = Watermark(
            image=draw(words),
            gravity=draw(opt(st.sampled_from(Gravity))),
            offset_x=draw(opt(st.integers(0, 2000))),
            offset_y=draw(opt(st.integers(0, 2000))),
        )
    elif mark == "text":
        kw["watermark"] = Watermark(
            text=draw(words),
            gravity_text=draw(opt(st.sampled_from(Gravity))),
            font=draw(opt(words)),
            font_color=draw(opt(st.sampled_from(["red", "#FF0000"]))),
            font_size=draw(opt(st.integers(0, 2000))),
        )
    if fmt == "m3u8":
        key = draw(opt(st.binary(min_size=16, max_size=16).map(b64encode_bytes)))
        kw["hls"] = Hls(
            segtime=draw(opt(st.decimals(2, 120, places=1).map(float))),
            seg_first_time=draw(opt(st.integers(1, 120).map(float))),
            no_domain=draw(opt(st.booleans())),
            hls_key=key,
            hls_key_type=draw(opt(st.just("0"))) if key else None,
            hls_key_url=draw(opt(words)) if key else None,
        )
    return Avthumb(fmt, **kw)


@st.composite
def form_vframes(draw: st.DrawFn) -> Vframe:
    return Vframe(
        draw(st.sampled_from(ImageFormat)),
        offset=draw(seconds),
        w=draw(opt(st.integers(20, 3840))),
        h=draw(opt(st.integers(20, 2160))),
        rotate=draw(opt(st.sampled_from(Rotate))),
    )


@st.composite
def form_vsamples(draw: st.DrawFn) -> Vsample:
    w, h = draw(opt(st.integers(20, 3840))), draw(opt(st.integers(20, 2160)))
    every = draw(st.sampled_from(["interval", "frames", None]))
    return Vsample(
        draw(st.sampled_from(ImageFormat)),
        ss=draw(opt(seconds)),
        t=draw(opt(positive)),
        s=None if w is None and h is None else f"{w or ''}x{h or ''}",
        rotate=draw(opt(st.sampled_from(Rotate))),
        interval=draw(positive) if every == "interval" else None,
        frames=draw(st.integers(1, 500)) if every == "frames" else None,
        pattern=draw(st.builds("{}$(count){}".format, st.text(max_size=6), st.text(max_size=6))),
    )


form_commands = st.one_of(form_avthumbs(), form_vframes(), form_vsamples()).map(Command)


@pytest.mark.parametrize(
    ("name", "command"), BUILTIN_COMMANDS, ids=[n for n, _ in BUILTIN_COMMANDS]
)
def test_every_builtin_preset_round_trips(name: str, command: Command) -> None:
    reading = form_values(command)
    assert reading.unrepresented == ()
    assert reading.notes == ()
    assert reading.kind is not None
    result = command_from_form(reading.kind, reading.values)
    assert result.problems == ()
    assert result.command == command
    assert result.command.build() == command.build()


@settings(max_examples=300, deadline=None)
@given(form_commands)
def test_generated_commands_within_the_schema_round_trip(command: Command) -> None:
    assert command.validate() == []  # the strategy stays inside what the model accepts
    reading = form_values(command)
    assert reading.unrepresented == ()
    assert reading.kind is not None
    assert set(reading.values) == {f.id for f in _schema(reading.kind).fields}
    result = command_from_form(reading.kind, reading.values)
    assert result.problems == ()
    assert result.command == command


def _schema(kind: FormKind) -> Any:
    from qfopgui.core.preset_form import schema

    return schema(kind)


@settings(max_examples=100, deadline=None)
@given(
    form_avthumbs(),
    st.lists(
        st.tuples(st.from_regex(r"x[a-z]{1,6}", fullmatch=True), token),
        max_size=3,
        unique_by=lambda kv: kv[0],
    ),
    st.booleans(),
)
def test_parameters_the_form_cannot_hold_are_named_in_order(
    op: Avthumb, extra: list[tuple[str, str]], aspect: bool
) -> None:
    import dataclasses

    full = dataclasses.replace(op, extra=tuple(extra), aspect="16:9" if aspect else None, sn=True)
    command = Command(full, SaveAs("out", "a.mp4"))
    reading = form_values(command)
    expected = (*(["aspect"] if aspect else []), "sn", *(k for k, _ in extra), "saveas")
    assert reading.unrepresented == expected
    assert any("sn" in n.message for n in reading.notes)
    assert any(n.field == "saveas" for n in reading.notes)
    assert reading.kind is not None
    rebuilt = command_from_form(reading.kind, reading.values).command
    assert rebuilt == Command(op)  # everything else is kept


def _avthumb_form(**values: object) -> dict[str, object]:
    form = new_form(FormKind.AVTHUMB)
    form.update(values)
    return form


@pytest.mark.parametrize(
    ("kind", "values", "field", "labels"),
    [
        (FormKind.AVTHUMB, {"vb": "1m", "crf": 23}, "crf", ("Video bitrate", "Quality (CRF)")),
        (FormKind.AVTHUMB, {"ab": "128k", "aq": 5}, "aq", ("Audio bitrate", "Audio quality")),
        (
            FormKind.AVTHUMB,
            {"wmImage": "http://a/logo.png", "wmText": "hi"},
            "wmText",
            ("Watermark image URL", "Watermark text"),
        ),
        (
            FormKind.VSAMPLE,
            {"interval": 2, "frames": 10},
            "frames",
            ("Interval", "Number of pictures"),
        ),
    ],
)
def test_both_sides_of_an_exclusive_pair_is_a_problem_naming_both(
    kind: FormKind, values: dict[str, object], field: str, labels: tuple[str, str]
) -> None:
    form = new_form(kind)
    form.update(values)
    result = command_from_form(kind, form)
    assert result.command is None
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.field == field
    assert all(label in problem.message for label in labels)
    assert problem.params_dict == {"label": labels[0], "other_label": labels[1]}


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"crf": 40}, "crf", "Quality (CRF) must be between 18 and 28"),
        ({"r": "fast"}, "r", "Frame rate must be a number"),
        ({"gop": 2.5}, "gop", "Keyframe interval must be a whole number"),
        ({"autoscale": "yes"}, "autoscale", "Keep aspect ratio must be on or off"),
        ({"rotate": "45"}, "rotate", "Rotation must be one of 90, 180, 270, auto"),
        ({"vb": "lots"}, "vb", "Video bitrate must look like 128k"),
        ({"format": None}, "format", "Choose a Container"),
        ({"resolution": "custom"}, "s", "custom resolution"),
        ({"resolution": "720p", "s": "640x360"}, "s", "does not match"),
        ({"nonsense": 1}, "nonsense", "'nonsense' is not a field"),
    ],
)
def test_inline_problems_name_the_field(values: dict[str, object], field: str, words: str) -> None:
    result = command_from_form(FormKind.AVTHUMB, _avthumb_form(**values))
    assert result.command is None
    assert [p.field for p in result.problems] == [field]
    assert words in result.problems[0].message


def test_text_from_line_edits_is_accepted_and_empty_means_not_set() -> None:
    result = command_from_form(
        "avthumb", _avthumb_form(r=" 30 ", gop="250", vb=" 2m ", ab="", ss="1.5")
    )
    assert result.command == Command(Avthumb("mp4", r=30.0, gop=250, vb="2m", ss=1.5))


def test_resolution_fills_the_size() -> None:
    hd = command_from_form("avthumb", _avthumb_form(resolution="720p", autoscale=True)).command
    assert hd == Command(Avthumb("mp4", s="1280x720", autoscale=True))
    custom = command_from_form("avthumb", _avthumb_form(resolution="custom", s="640x360"))
    assert custom.command == Command(Avthumb("mp4", s="640x360"))
    reading = form_values(Command(Avthumb("mp4", s="3840x2160")))
    assert (reading.values["resolution"], reading.values["s"]) == ("2160p", "3840x2160")
    assert form_values(Command(Avthumb("mp4", s="640x360"))).values["resolution"] == "custom"
    assert form_values(Command(Avthumb("mp4"))).values["resolution"] == "source"


def test_model_validation_reaches_the_form() -> None:
    # HLS options on an mp4: the model's own rule, on the model's field
    result = command_from_form("avthumb", _avthumb_form(segtime=10))
    assert [p.field for p in result.problems] == ["format"]
    vsample = new_form(FormKind.VSAMPLE)
    vsample["pattern"] = "no-counter"
    assert "$(count)" in command_from_form("vsample", vsample).problems[0].message


def test_flags_keep_an_explicit_off() -> None:
    command = parse_command("avthumb/mp4/s/640x360/autoscale/0")
    reading = form_values(command)
    assert reading.values["autoscale"] is False
    assert reading.kind is not None
    assert command_from_form(reading.kind, reading.values).command == command


def test_schema_ids_match_the_fop_keys_the_model_reports() -> None:
    # a model Problem.field is a form field id
    problems = Command(Avthumb("mp4", vb="1m", crf=20, ar=0)).validate()
    assert {p.field for p in problems} <= {f.id for f in AVTHUMB_SCHEMA.fields}


@pytest.mark.parametrize(
    "watermark",
    [Watermark(image="\r", offset_y=0), Watermark(text="0", font="\r")],
    ids=["blank-image", "blank-font"],
)
def test_blank_text_values_survive_the_round_trip(watermark: Watermark) -> None:
    """Found by hypothesis: a text field holding only blanks was read back as "not set"."""
    command = Command(Avthumb(format="mp4", watermark=watermark))
    reading = form_values(command)
    assert command_from_form("avthumb", reading.values).command == command
