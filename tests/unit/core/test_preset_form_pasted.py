"""Edit as command: pasted fops, qshell lines and processing URLs read into the form, each value
held and every parameter the form cannot hold reported by name; bad text is a problem."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qfopgui.core.b64 import b64encode_text
from qfopgui.core.fops import Command, parse_command
from qfopgui.core.preset_form import FormReading, command_from_form, edit_as_command

# fop examples from Qiniu's pfop/avthumb/vframe/vsample documentation and the Python SDK's
DOCUMENTED = [
    "avthumb/mp3/ab/192k",
    "avthumb/mp4/r/30/vb/256k/vcodec/libx264/ar/22061/ab/64k/acodec/libmp3lame",
    "avthumb/iphone_low",
    "avthumb/m3u8/r/30/vb/256k/vcodec/libx264/ar/22071/ab/64k/acodec/libmp3lame",
    "avthumb/m3u8/preset/video_16x9_440k",
    "avthumb/mp3/aq/6/ar/16000",
    "avthumb/mp3/ar/44100/ab/32k",
    "avthumb/mp4/vcodec/libx264/acodec/aac/vb/2000k/ab/128k/r/30/s/1920x1080",
    "avthumb/mp4/vcodec/libx264/acodec/aac/vb/1000k/ab/96k/r/30/s/1280x720",
    "vframe/jpg/offset/10/w/320/h/240",
    "avthumb/mp3/ab/192k/ar/44100",
    "avthumb/aac/ab/128k/ar/44100",
    "avthumb/mp3/ab/192k/af/volume=1.5",
    "avthumb/mp3/ab/192k/af/afade=t=in:ss=0:d=3,afade=t=out:st=57:d=3",
    "avthumb/mp4/vb/1m",
    "avthumb/mp4/s/640x360/vb/1.25m",
    "avthumb/mp4/vb/1m|saveas/bXlidWNrZXQ6b3V0L2EubXA0",
    "avthumb/mp4|saveas/dmlkZW86dGVzdDExMC5tcDQ=",
    "avthumb/mp3/ab/160k/ar/44100/acodec/libmp3lame|saveas/aHVv",
    "vframe/jpg/offset/1",
    "vframe/jpg/offset/7/w/480/h/360",
    "vsample/jpg/ss/7/t/600/s/480x360/pattern/dmZyYW1lLSQoY291bnQp",
    "avthumb/m4a/acodec/libfdk_aac/audioProfile/aac_he",
    "avthumb/mp4/h264Profile/main/h264Level/3.1",
    "avthumb/m3u8/noDomain/1/segtime/10/vb/5m/pattern/" + b64encode_text("qiniu$(count)"),
    "avthumb/m3u8/vb/640k/hlsKey/ZXhhbXBsZWtleTEyMzQ1Ng==/hlsKeyUrl/"
    "aHR0cDovL3p0ZXN0LnFpbml1ZG4uY29tL2NyeXB0MC5rZXk=",
    "avthumb/m3u8/segtime/15/video_240k",
]
# (example, the parameters the form cannot hold)
NOT_HELD = {
    "avthumb/m3u8/preset/video_16x9_440k": ("preset",),
    "avthumb/mp3/ab/192k/af/volume=1.5": ("af",),
    "avthumb/mp3/ab/192k/af/afade=t=in:ss=0:d=3,afade=t=out:st=57:d=3": ("af",),
    "avthumb/mp4/vb/1m|saveas/bXlidWNrZXQ6b3V0L2EubXA0": ("saveas",),
    "avthumb/mp4|saveas/dmlkZW86dGVzdDExMC5tcDQ=": ("saveas",),
    "avthumb/mp3/ab/160k/ar/44100/acodec/libmp3lame|saveas/aHVv": ("saveas",),
    "avthumb/m4a/acodec/libfdk_aac/audioProfile/aac_he": ("audioProfile",),
    "avthumb/mp4/h264Profile/main/h264Level/3.1": ("h264Profile", "h264Level"),
    DOCUMENTED[24]: ("pattern",),
    "avthumb/m3u8/segtime/15/video_240k": ("preset",),
}


def _one(text: str) -> FormReading:
    readings = edit_as_command(text)
    assert len(readings) == 1
    return readings[0]


def _held(reading: FormReading) -> dict[str, object]:
    return {k: v for k, v in reading.values.items() if v is not None}


@pytest.mark.parametrize("text", DOCUMENTED)
def test_documented_example_reads_into_the_form(text: str) -> None:
    command = parse_command(text)
    reading = _one(text)
    assert reading.problems == ()
    assert reading.source == text
    assert reading.unrepresented == NOT_HELD.get(text, ())
    keys = [k for k, _ in command.op.params()]
    held = set(_held(reading)) - {"format", "resolution"}
    # every parameter is either held by a field or named as not held, never both
    assert held | (set(reading.unrepresented) - {"saveas"}) == set(keys)
    assert not held & set(reading.unrepresented)
    assert reading.kind is not None
    rebuilt = command_from_form(reading.kind, reading.values)
    assert rebuilt.problems == ()
    assert rebuilt.command is not None
    kept = [(k, v) for k, v in command.op.params() if k not in reading.unrepresented]
    assert list(rebuilt.command.op.params()) == kept
    assert rebuilt.command.saveas is None


def test_the_pfop_documentation_example_holds_each_value() -> None:
    text = "avthumb/mp4/r/30/vb/256k/vcodec/libx264/ar/22061/ab/64k/acodec/libmp3lame"
    reading = _one(text)
    assert reading.kind == "avthumb"
    assert _held(reading) == {
        "format": "mp4",
        "resolution": "source",
        "r": 30.0,
        "vb": "256k",
        "vcodec": "libx264",
        "ar": 22061,
        "ab": "64k",
        "acodec": "libmp3lame",
    }
    assert reading.unrepresented == ()
    assert reading.notes == ()
    result = command_from_form(reading.kind, reading.values)
    assert result.command == parse_command(text)


def test_sdk_sizes_become_resolution_presets() -> None:
    hd = _one("avthumb/mp4/vcodec/libx264/acodec/aac/vb/2000k/ab/128k/r/30/s/1920x1080")
    assert (hd.values["resolution"], hd.values["s"]) == ("1080p", "1920x1080")
    vsample = _one("vsample/jpg/ss/7/t/600/s/480x360/pattern/dmZyYW1lLSQoY291bnQp")
    assert vsample.values["pattern"] == "vframe-$(count)"
    assert (vsample.values["ss"], vsample.values["t"], vsample.values["s"]) == (
        7.0,
        600.0,
        "480x360",
    )


def test_saveas_is_read_then_reported_as_left_out() -> None:
    reading = _one("avthumb/mp4/vb/1m|saveas/bXlidWNrZXQ6b3V0L2EubXA0")
    assert reading.unrepresented == ("saveas",)
    assert [n.field for n in reading.notes] == ["saveas"]
    assert "output name template" in reading.notes[0].message


def test_several_commands_separated_by_semicolons_and_lines() -> None:
    text = "avthumb/mp3/aq/6/ar/16000;avthumb/mp3/ar/44100/ab/32k\n vframe/jpg/offset/1 ;\n"
    readings = edit_as_command(text)
    assert [r.source for r in readings] == [
        "avthumb/mp3/aq/6/ar/16000",
        "avthumb/mp3/ar/44100/ab/32k",
        "vframe/jpg/offset/1",
    ]
    assert [r.values["ar"] for r in readings[:2]] == [16000, 44100]
    assert readings[2].values["offset"] == 1.0


def test_qshell_pfop_line() -> None:
    fops = "avthumb/mp4/vb/1m|saveas/bXlidWNrZXQ6b3V0L2EubXA0;vframe/jpg/offset/3"
    line = f"$ qshell pfop my-bucket 'in/a b.mov' '{fops}' -p my-pipeline -u http://x/cb"
    readings = edit_as_command(line)
    assert [r.kind for r in readings] == ["avthumb", "vframe"]
    assert readings[0].values["vb"] == "1m"
    assert readings[0].unrepresented == ("saveas",)
    assert readings[1].values["offset"] == 3.0
    unquoted = edit_as_command("qshell pfop media a.mp4 avthumb/mp3/ab/192k")
    assert unquoted[0].values["ab"] == "192k"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("qshell pfop media 'a.mp4 avthumb/mp4", "unclosed quote"),
        ("qshell stat media a.mp4", "Only qshell pfop"),
        ("qshell pfop media a.mp4", "Could not find the fops"),
        ("http://example.com/a.mp4", "no processing command"),
        ("", "Paste a command"),
        (" ; \n", "Paste a command"),
    ],
)
def test_unusable_text_is_a_problem(text: str, words: str) -> None:
    reading = _one(text)
    assert reading.kind is None
    assert reading.values == {}
    assert len(reading.problems) == 1
    assert words in reading.problems[0].message


def test_processing_urls() -> None:
    assert (
        _one("http://apitest.b1.qiniudn.com/sample.wav?avthumb/mp3/ab/192k").values["ab"] == "192k"
    )
    persistent = _one("http://t-test.qiniudn.com/persistent.mp3?p/1/avthumb/mp3/aq/6/ar/16000")
    assert (persistent.values["aq"], persistent.values["ar"]) == (6, 16000)
    private = _one("http://cdn.example.com/a.mp4?vframe/jpg/offset/1&e=1700003600&token=AK:sig")
    assert private.values["offset"] == 1.0


def test_a_bad_command_is_a_problem_with_its_number_and_the_others_still_read() -> None:
    # two documentation commands that lost their separator
    readings = edit_as_command(
        "avthumb/mp4/vb/1m;avthumb/mp3/aq/6/ar/16000avthumb/mp3/ar/44100/ab/32k"
    )
    assert readings[0].kind == "avthumb"
    assert readings[0].problems == ()
    bad = readings[1]
    assert bad.kind is None
    assert bad.problems[0].params_dict["number"] == "2"
    assert bad.source == "avthumb/mp3/aq/6/ar/16000avthumb/mp3/ar/44100/ab/32k"
    assert "'32k' has no value" in bad.problems[0].params_dict["error"]


def test_operations_without_a_form_are_named() -> None:
    concat = "avconcat/2/format/mp4/" + b64encode_text("http://a.example.com/1.mp4")
    reading = _one(concat + "|saveas/aHVv")
    assert reading.kind is None
    assert reading.problems[0].params_dict == {"operation": "avconcat"}
    assert reading.unrepresented == ("format", "saveas")
    assert _one("avinfo").problems[0].params_dict == {"operation": "avinfo"}


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=80)
    | st.lists(
        st.sampled_from(["avthumb", "/", "mp4", "vb", "|", ";", "qshell ", "'", "?", "http://"]),
        max_size=12,
    ).map("".join)
)
def test_any_text_gives_readings_not_exceptions(text: str) -> None:
    readings = edit_as_command(text)
    assert readings
    for r in readings:
        assert (r.kind is None) == bool(r.problems)
        if r.kind is not None:
            result = command_from_form(r.kind, r.values)  # never raises either
            assert (result.command is None) == bool(result.problems)
            assert isinstance(result.command, Command | None)
