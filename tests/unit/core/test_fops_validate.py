"""Documented ranges and conflicts produce readable Problems that name the field."""

from __future__ import annotations

import pytest

from qfopgui.core.fops import (
    Avconcat,
    Avinfo,
    Avthumb,
    Command,
    ConcatMode,
    Gravity,
    Hls,
    ImageFormat,
    Problem,
    SaveAs,
    Vframe,
    Vsample,
    Watermark,
)

URL = "http://a.example.com/1.mp4"


def fields(problems: list[Problem]) -> list[str]:
    return [p.field for p in problems]


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


def test_clean_models_have_no_problems() -> None:
    assert Avthumb("mp4", vcodec="libx264", s="1280x720", autoscale=True, vb="2m").validate() == []
    assert Vframe(ImageFormat.JPG, offset=1, w=320).validate() == []
    assert Vsample(ImageFormat.JPG, ss=0, t=5, interval=1, pattern="p$(count)").validate() == []
    assert Avconcat(ConcatMode.REMUX, format="mp4", urls=(URL,)).validate() == []
    assert Avinfo().validate() == []


def test_problem_keeps_template_and_params() -> None:
    p = only(Avthumb("mp4", s="5000x720").validate())
    assert p.field == "s"
    assert p.message == "Width must be between 20 and 3840 pixels"
    assert p.template == "Width must be between {min} and {max} pixels"
    assert p.params_dict == {"min": "20", "max": "3840"}
    assert p.template.format(**p.params_dict) == p.message


def test_aq_and_ab_conflict() -> None:
    p = only(Avthumb("mp3", aq=5, ab="128k").validate())
    assert p.field == "aq"
    assert "not both" in p.message


@pytest.mark.parametrize(
    ("op", "ok"),
    [
        (Avthumb("mp3", aq=0), True),
        (Avthumb("mp3", aq=9), True),
        (Avthumb("mp3", aq=10), False),
        (Avthumb("mp4", acodec="libmp3lame", aq=10), False),
        (Avthumb("aac", aq=10), True),
        (Avthumb("m4a", aq=500), True),
        (Avthumb("m4a", aq=9), False),
        (Avthumb("mp4", acodec="aac", aq=501), False),
        (Avthumb("mp4", acodec="aac", aq=100), True),
    ],
)
def test_aq_range_depends_on_codec(op: Avthumb, ok: bool) -> None:
    problems = op.validate()
    assert (problems == []) is ok
    if not ok:
        assert fields(problems) == ["aq"]
        assert "MP3" in problems[0].message or "AAC" in problems[0].message


def test_crf_conflicts_with_vb_and_range() -> None:
    assert fields(Avthumb("mp4", crf=23, vb="1m").validate()) == ["crf"]
    assert fields(Avthumb("mp4", h264_crf=23, vb="1m").validate()) == ["h264Crf"]
    assert fields(Avthumb("mp4", crf=23, h264_crf=23).validate()) == ["h264Crf"]
    assert Avthumb("mp4", crf=18).validate() == []
    assert Avthumb("mp4", h264_crf=28).validate() == []
    p = only(Avthumb("mp4", crf=29).validate())
    assert p.message == "Quality (CRF) must be between 18 and 28"
    assert fields(Avthumb("mp4", h264_crf=17).validate()) == ["h264Crf"]


@pytest.mark.parametrize(
    ("size", "messages"),
    [
        ("1280x720", []),
        ("20x20", []),
        ("3840x2160", []),
        ("19x720", ["Width must be between 20 and 3840 pixels"]),
        ("3841x720", ["Width must be between 20 and 3840 pixels"]),
        ("1280x2161", ["Height must be between 20 and 2160 pixels"]),
        (
            "10x10",
            [
                "Width must be between 20 and 3840 pixels",
                "Height must be between 20 and 2160 pixels",
            ],
        ),
        ("1280", ["Size must be width x height, like 1280x720, not '1280'"]),
        ("x720", ["Size must be width x height, like 1280x720, not 'x720'"]),
    ],
)
def test_avthumb_resolution(size: str, messages: list[str]) -> None:
    problems = Avthumb("mp4", s=size).validate()
    assert [p.message for p in problems] == messages
    assert set(fields(problems)) <= {"s"}


def test_vframe_size_and_offset() -> None:
    assert fields(Vframe(ImageFormat.PNG, offset=1, w=3841).validate()) == ["w"]
    assert fields(Vframe(ImageFormat.PNG, offset=1, h=2161).validate()) == ["h"]
    assert fields(Vframe(ImageFormat.PNG, offset=1, w=19, h=19).validate()) == ["w", "h"]
    assert fields(Vframe(ImageFormat.PNG).validate()) == ["offset"]
    assert fields(Vframe(ImageFormat.PNG, offset=-1).validate()) == ["offset"]
    assert "must not be negative" in Vframe(ImageFormat.PNG, offset=-1).validate()[0].message


@pytest.mark.parametrize(
    ("segtime", "ok"), [(2, True), (120, True), (10.5, True), (1.9, False), (121, False)]
)
def test_segtime_range(segtime: float, ok: bool) -> None:
    problems = Avthumb("m3u8", hls=Hls(segtime=segtime)).validate()
    assert (problems == []) is ok
    if not ok:
        assert problems[0].message == "Segment length must be between 2 and 120 seconds"
        assert problems[0].field == "segtime"


def test_gop_range() -> None:
    assert Avthumb("mp4", gop=0).validate() == []
    assert Avthumb("mp4", gop=3000).validate() == []
    p = only(Avthumb("mp4", gop=3001).validate())
    assert (p.field, p.message) == ("gop", "Keyframe interval must be between 0 and 3000 frames")


@pytest.mark.parametrize(
    ("rate", "ok"),
    [
        ("128k", True),
        ("1.25m", True),
        ("128000", True),
        ("5m", True),
        ("128 k", False),
        ("128kb", False),
        ("k", False),
        ("0k", False),
        ("-1k", False),
        ("1.m", False),
    ],
)
def test_bitrate_syntax(rate: str, ok: bool) -> None:
    for op, field in ((Avthumb("mp4", vb=rate), "vb"), (Avthumb("mp3", ab=rate), "ab")):
        problems = op.validate()
        assert (problems == []) is ok, (rate, problems)
        if not ok:
            assert fields(problems) == [field]


def test_hls_options_need_m3u8_and_pattern_count() -> None:
    assert fields(Avthumb("mp4", hls=Hls(segtime=10)).validate()) == ["format"]
    p = only(Avthumb("m3u8", hls=Hls(pattern="seg")).validate())
    assert (p.field, p.message) == (
        "pattern",
        "The file name pattern must contain $(count) (it numbers the files)",
    )
    assert fields(
        Avthumb("m3u8", hls=Hls(no_domain=True, domain="cdn.example.com")).validate()
    ) == ["domain"]
    assert fields(Avthumb("m3u8", hls=Hls(hls_key="c2hvcnQ=")).validate()) == ["hlsKey"]
    assert fields(Avthumb("m3u8", hls=Hls(hls_key_type="2")).validate()) == ["hlsKeyType"]


def test_watermark_checks() -> None:
    wm = Watermark(image="http://x/l.png", gravity=Gravity.CENTER, offset_x=-1)
    p = only(Avthumb("mp4", watermark=wm).validate())
    assert p.field == "wmOffsetX"
    assert p.message == "Watermark horizontal offset must not be negative"
    assert fields(Avthumb("mp4", watermark=Watermark(gravity=Gravity.EAST)).validate()) == [
        "wmImage"
    ]
    assert fields(Avthumb("mp4", watermark=Watermark(font_size=10)).validate()) == ["wmText"]


def test_negative_durations() -> None:
    assert fields(Avthumb("mp4", ss=-1).validate()) == ["ss"]
    assert fields(Avthumb("mp4", t=-1).validate()) == ["t"]
    assert fields(Avthumb("mp4", t=0).validate()) == ["t"]
    assert fields(Vsample(ImageFormat.JPG, ss=-2, pattern="$(count)").validate()) == ["ss"]


def test_vsample_rules() -> None:
    both = Vsample(ImageFormat.JPG, interval=1, frames=5, pattern="a$(count)")
    assert fields(both.validate()) == ["frames"]
    assert fields(Vsample(ImageFormat.JPG, pattern="no-count").validate()) == ["pattern"]
    assert fields(Vsample(ImageFormat.JPG).validate()) == ["pattern"]
    assert fields(Vsample(ImageFormat.JPG, save_pattern="x").validate()) == ["savePattern"]
    assert Vsample(ImageFormat.JPG, s="640x", pattern="$(count)").validate() == []
    assert fields(Vsample(ImageFormat.JPG, s="4000x", pattern="$(count)").validate()) == ["s"]


def test_avconcat_rules() -> None:
    remux = Avconcat(ConcatMode.REMUX, format="mp4", s="640x360", add_audio=True, urls=(URL,))
    assert fields(remux.validate()) == ["s", "addAudio"]
    reenc = Avconcat(ConcatMode.REENCODE, format="mp4", s="640x360", add_audio=True, urls=(URL,))
    assert reenc.validate() == []
    many = Avconcat(ConcatMode.REENCODE, format="mp4", urls=(URL,) * 21)
    p = only(many.validate())
    assert (p.field, p.message) == ("urls", "At most 20 more files can be joined (you gave 21)")
    assert Avconcat(ConcatMode.REENCODE, format="mp4", urls=(URL,) * 20).validate() == []
    assert fields(Avconcat(ConcatMode.REMUX, urls=(URL,)).validate()) == ["format"]
    assert fields(Avconcat(ConcatMode.REMUX, format="mp4").validate()) == ["urls"]
    assert fields(Avconcat(ConcatMode.REMUX, format="mp4", urls=("a.mp4",)).validate()) == ["urls"]
    assert fields(Avconcat(ConcatMode.REMUX, format="mp4", index=3, urls=(URL,)).validate()) == [
        "index"
    ]


def test_text_fields_must_be_writable() -> None:
    assert fields(Avthumb("mp4", vcodec="lib x264").validate()) == ["vcodec"]
    assert fields(Avthumb("mp/4").validate()) == ["format"]
    assert fields(Avthumb("mp4", subtitle="").validate()) == ["subtitle"]


def test_extra_parameters_checked() -> None:
    assert fields(Avthumb("mp4", extra=(("vb", "1m"),)).validate()) == ["vb"]
    assert fields(Avthumb("mp4", extra=(("bad key", "1"),)).validate()) == ["bad key"]
    assert fields(Avthumb("mp4", extra=(("x", "a/b"),)).validate()) == ["x"]
    assert Avthumb("mp4", extra=(("avsmart", "1"),)).validate() == []


def test_other_avthumb_checks() -> None:
    assert fields(Avthumb("mp4", aspect="16/9").validate()) == ["aspect"]
    assert fields(Avthumb("mp4", h264_profile="extreme").validate()) == ["h264Profile"]
    assert fields(Avthumb("mp4", h264_level="three").validate()) == ["h264Level"]
    assert fields(Avthumb("m4a", audio_profile="aac_he", acodec="aac").validate()) == [
        "audioProfile"
    ]
    assert fields(Avthumb("mp4", r=0).validate()) == ["r"]
    assert fields(Avthumb("mp4", ac=0).validate()) == ["ac"]


def test_saveas_checks() -> None:
    assert fields(Command(Avinfo(), SaveAs("", "k")).validate()) == ["bucket"]
    assert fields(Command(Avinfo(), SaveAs("b", "")).validate()) == ["key"]
    assert fields(Command(Avinfo(), SaveAs("b", "中" * 251)).validate()) == ["key"]
    assert Command(Avinfo(), SaveAs("b", "中" * 250)).validate() == []
