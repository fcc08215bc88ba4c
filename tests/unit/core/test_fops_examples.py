"""Every fop example collected from Qiniu's documentation and the Python SDK's parses,
keeps all its data, and rebuilds to an equivalent command."""

from __future__ import annotations

import pytest

from qfopgui.core.b64 import b64encode_text
from qfopgui.core.fops import (
    Avconcat,
    Avinfo,
    Avthumb,
    Command,
    ConcatMode,
    FopSyntaxError,
    ImageFormat,
    SaveAs,
    Vframe,
    Vsample,
    parse_command,
    parse_fops,
)

DOCUMENTED_EXAMPLES = [
    # Qiniu's persistent-processing (pfop) documentation, old and current
    "avthumb/mp3/ab/192k",
    "avthumb/mp4/r/30/vb/256k/vcodec/libx264/ar/22061/ab/64k/acodec/libmp3lame",
    "avthumb/iphone_low",
    "avthumb/m3u8/r/30/vb/256k/vcodec/libx264/ar/22071/ab/64k/acodec/libmp3lame",
    "avthumb/m3u8/preset/video_16x9_440k",
    "avthumb/mp3/aq/6/ar/16000",
    "avthumb/mp3/ar/44100/ab/32k",
    # the Python SDK's documentation: qiniu.build_op output strings
    "avthumb/mp4/vcodec/libx264/acodec/aac/vb/2000k/ab/128k/r/30/s/1920x1080",
    "avthumb/mp4/vcodec/libx264/acodec/aac/vb/1000k/ab/96k/r/30/s/1280x720",
    "vframe/jpg/offset/10/w/320/h/240",
    "avthumb/mp3/ab/192k/ar/44100",
    "avthumb/aac/ab/128k/ar/44100",
    "avthumb/mp3/ab/192k/af/volume=1.5",
    "avthumb/mp3/ab/192k/af/afade=t=in:ss=0:d=3,afade=t=out:st=57:d=3",
    # Qiniu's pfop, avthumb, HLS, vframe, vsample, avconcat and SDK documentation
    "avthumb/mp4/vb/1m",
    "avthumb/mp4/s/640x360/vb/1.25m",
    "avinfo",
    "avthumb/mp4/vb/1m|saveas/bXlidWNrZXQ6b3V0L2EubXA0",
    "avthumb/mp4|saveas/dmlkZW86dGVzdDExMC5tcDQ=",
    "avthumb/mp3/ab/160k/ar/44100/acodec/libmp3lame|saveas/aHVv",
    "vframe/jpg/offset/1",
    "avthumb/m4a/acodec/libfdk_aac/audioProfile/aac_he",
    "avthumb/mp4/h264Profile/main/h264Level/3.1",
    "avthumb/m3u8/noDomain/1/segtime/10/vb/5m/pattern/" + b64encode_text("qiniu$(count)"),
    "avthumb/m3u8/vb/640k/hlsKey/ZXhhbXBsZWtleTEyMzQ1Ng==/hlsKeyUrl/"
    "aHR0cDovL3p0ZXN0LnFpbml1ZG4uY29tL2NyeXB0MC5rZXk=",
    "avthumb/m3u8/segtime/15/video_240k",
    "avthumb/m3u8/segtime/10/preset/video_240k",
    "vframe/jpg/offset/7/w/480/h/360",
    "vsample/jpg/ss/7/t/600/s/480x360/pattern/dmZyYW1lLSQoY291bnQp",
    "avconcat/2/format/mp4/" + b64encode_text("http://a.example.com/1.mp4"),
    "avconcat/mode/2/format/mp4/"
    + b64encode_text("http://a.example.com/1.mp4")
    + "/"
    + b64encode_text("http://a.example.com/2.mp4"),
]


@pytest.mark.parametrize("text", DOCUMENTED_EXAMPLES)
def test_real_examples_parse_and_rebuild_equivalently(text: str) -> None:
    command = parse_command(text)
    rebuilt = command.build()
    assert parse_command(rebuilt) == command
    # Same multiset of tokens: nothing was lost or invented (order may be canonicalised).
    if "/video_240k" not in text and "avconcat/mode/" not in text:
        assert sorted(_pairs(rebuilt)) == sorted(_pairs(text))


def _pairs(text: str) -> list[str]:
    head, *rest = text.split("|")
    return head.split("/") + rest


def test_seed_example_values_are_typed() -> None:
    cmd = parse_command(DOCUMENTED_EXAMPLES[1])
    assert cmd.op == Avthumb(
        "mp4", r=30.0, vb="256k", vcodec="libx264", ar=22061, ab="64k", acodec="libmp3lame"
    )
    assert cmd.saveas is None


def test_legacy_device_preset() -> None:
    op = parse_command("avthumb/iphone_low").op
    assert isinstance(op, Avthumb)
    assert op.legacy_preset == "iphone_low"
    assert op.output_ext == "mp4"


def test_hls_preset_with_and_without_key() -> None:
    bare = parse_command("avthumb/m3u8/segtime/15/video_240k").op
    keyed = parse_command("avthumb/m3u8/segtime/15/preset/video_240k").op
    assert bare == keyed
    assert isinstance(bare, Avthumb)
    assert bare.hls.preset == "video_240k"
    assert bare.hls.segtime == 15
    assert bare.output_ext == "m3u8"


def test_unknown_parameters_are_kept_in_order() -> None:
    op = parse_command("avthumb/mp3/zeta/1/ab/192k/af/volume=1.5").op
    assert isinstance(op, Avthumb)
    assert op.extra == (("zeta", "1"), ("af", "volume=1.5"))
    assert op.build() == "avthumb/mp3/ab/192k/zeta/1/af/volume=1.5"


def test_saveas_entry_decoded() -> None:
    cmd = parse_command("avthumb/mp4/vb/1m|saveas/bXlidWNrZXQ6b3V0L2EubXA0")
    assert cmd.saveas == SaveAs("mybucket", "out/a.mp4")
    assert parse_command("avthumb/mp4|saveas/aHVv").saveas == SaveAs("huo", None)
    chinese = parse_command("avinfo|saveas/bXlidWNrZXQ66KeG6aKRL2EgYi5tcDQ=")
    assert chinese.saveas == SaveAs("mybucket", "视频/a b.mp4")


def test_saveas_key_with_colon_split_at_first_colon() -> None:
    cmd = Command(Avinfo(), SaveAs("b", "x:y:z.json"))
    assert parse_command(cmd.build()).saveas == SaveAs("b", "x:y:z.json")


def test_vframe_vsample_examples() -> None:
    assert parse_command("vframe/jpg/offset/7/w/480/h/360").op == Vframe(
        ImageFormat.JPG, offset=7, w=480, h=360
    )
    vs = parse_command("vsample/jpg/ss/7/t/600/s/480x360/pattern/dmZyYW1lLSQoY291bnQp").op
    assert vs == Vsample(ImageFormat.JPG, ss=7, t=600, s="480x360", pattern="vframe-$(count)")


def test_avconcat_both_spellings() -> None:
    u1, u2 = "http://a.example.com/1.mp4", "http://a.example.com/2.mp4"
    e1, e2 = b64encode_text(u1), b64encode_text(u2)
    old = parse_command(f"avconcat/mode/2/format/mp4/{e1}/{e2}").op
    new = parse_command(f"avconcat/2/format/mp4/{e1}/{e2}").op
    assert old == new == Avconcat(ConcatMode.REENCODE, format="mp4", urls=(u1, u2))
    assert old.build() == f"avconcat/2/format/mp4/{e1}/{e2}"


def test_parse_fops_splits_commands() -> None:
    # the fops field of a pfop body captured from the SDK
    text = "avthumb/mp4/vb/1m|saveas/bXlidWNrZXQ6Yi5tcDQ=;vframe/jpg/offset/1"
    commands = parse_fops(text)
    assert [c.build() for c in commands] == text.split(";")
    assert commands[0].saveas == SaveAs("mybucket", "b.mp4")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("imageView/1/w/310/h/395/q/80", "not a supported operation"),
        ("imageView2/2/w/150/h/150/format/jpg", "not a supported operation"),
        ("", "empty"),
        ("avthumb", "needs a format"),
        ("avthumb/mp4/vb", "has no value"),
        ("avthumb/mp4/vb/1m/vb/2m", "given twice"),
        ("avthumb/mp4//vb/1m", "empty part"),
        ("avthumb/mp4/gop/many", "whole number"),
        ("avthumb/mp4/ss/abc", "must be a number"),
        ("avthumb/mp4/autoscale/yes", "0 or 1"),
        ("avthumb/mp4/rotate/45", "must be one of 90, 180, 270, auto"),
        ("avthumb/mp4/wmGravity/Up", "must be one of NorthWest"),
        ("avthumb/mp4/wmText/@@@", "base64"),
        ("vframe/gif/offset/1", "Picture format (format) must be one of jpg, png"),
        ("vframe", "picture format"),
        ("avconcat/3/format/mp4", "must be one of 1, 2"),
        ("avconcat/2/format", "neither a parameter"),
        ("saveas/abc", "needs an operation"),
        ("avthumb/mp4|avthumb/mp3|saveas/aHVv", "Only one operation"),
        ("avthumb/mp4|saveas/abc/sign/x", "exactly one"),
        ("avthumb/mp4 /vb/1m", "space"),
        # the SDK docs use "abc" as a placeholder entry; it is not base64 of UTF-8 text
        ("avthumb/mp4|saveas/abc", "must be URL-safe base64"),
    ],
)
def test_syntax_errors_are_readable(text: str, fragment: str) -> None:
    with pytest.raises(FopSyntaxError) as info:
        parse_command(text)
    assert fragment in str(info.value)
