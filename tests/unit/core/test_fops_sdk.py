"""build() output equals the official SDK helpers for the same parameters in the same order."""

from __future__ import annotations

import qiniu
import qiniu.utils
from hypothesis import given
from hypothesis import strategies as st

from qfopgui.core.b64 import b64decode_text, b64encode_text
from qfopgui.core.fops import (
    Avconcat,
    Avinfo,
    Avthumb,
    Command,
    ConcatMode,
    Gravity,
    Hls,
    ImageFormat,
    Rotate,
    SaveAs,
    Vframe,
    Vsample,
    Watermark,
    encoded_entry,
)
from qfopgui.core.naming import encoded_entry as naming_entry

FULL_AVTHUMB = Avthumb(
    "mp4",
    vcodec="libx264",
    h264_profile="main",
    h264_level="3.1",
    s="1280x720",
    autoscale=True,
    aspect="16:9",
    r=29.97,
    vb="2m",
    gop=250,
    rotate=Rotate.AUTO,
    scodec="mov_text",
    subtitle="http://x.example.com/a.srt",
    acodec="aac",
    ab="128k",
    ar=44100,
    ac=1,
    ss=1.5,
    t=10,
    stripmeta=True,
    an=False,
    vn=False,
    sn=True,
    watermark=Watermark(
        image="http://x.example.com/logo.png",
        gravity=Gravity.SOUTH_EAST,
        offset_x=10,
        offset_y=20,
        text="水印 text",
        gravity_text=Gravity.NORTH,
        font="黑体",
        font_color="#FF0000",
        font_size=400,
    ),
    extra=(("avsmart", "1"),),
)


def test_avthumb_matches_build_op() -> None:
    params = dict(FULL_AVTHUMB.params())
    assert FULL_AVTHUMB.build() == qiniu.build_op("avthumb", "mp4", **params)
    # b64 parameters really are b64 of the text
    assert b64decode_text(params["wmText"]) == "水印 text"
    assert params["autoscale"] == "1"
    assert params["r"] == "29.97"
    assert params["t"] == "10"


def test_typical_mp4_command_matches_build_op() -> None:
    op = Avthumb(
        "mp4", vcodec="libx264", s="1280x720", autoscale=True, vb="2m", acodec="aac", ab="128k"
    )
    assert op.build() == (
        "avthumb/mp4/vcodec/libx264/s/1280x720/autoscale/1/vb/2m/acodec/aac/ab/128k"
    )
    assert op.build() == qiniu.build_op(
        "avthumb",
        "mp4",
        vcodec="libx264",
        s="1280x720",
        autoscale=1,
        vb="2m",
        acodec="aac",
        ab="128k",
    )


def test_hls_matches_build_op() -> None:
    op = Avthumb(
        "m3u8",
        vb="640k",
        hls=Hls(
            segtime=10,
            seg_first_time=2,
            no_domain=True,
            hls_key="ZXhhbXBsZWtleTEyMzQ1Ng==",
            hls_key_type="0",
            hls_key_url="http://k.example.com/key",
            save_pattern="seg$(count)",
        ),
    )
    assert op.build() == qiniu.build_op("avthumb", "m3u8", **dict(op.params()))
    assert op.build() == (
        "avthumb/m3u8/vb/640k/segtime/10/segFirstTime/2/noDomain/1/"
        "hlsKey/ZXhhbXBsZWtleTEyMzQ1Ng==/hlsKeyType/0/hlsKeyUrl/"
        + b64encode_text("http://k.example.com/key")
        + "/savePattern/"
        + b64encode_text("seg$(count)")
    )


def test_vframe_matches_seed_build_op() -> None:
    op = Vframe(ImageFormat.JPG, offset=10, w=320, h=240)
    assert op.build() == qiniu.build_op("vframe", "jpg", offset=10, w=320, h=240)


def test_vsample_and_avinfo_match_build_op() -> None:
    vs = Vsample(
        ImageFormat.PNG, ss=1, t=5, s="x360", rotate=Rotate.R90, frames=3, save_pattern="f-$(count)"
    )
    assert vs.build() == qiniu.build_op("vsample", "png", **dict(vs.params()))
    assert Avinfo().build() == qiniu.build_op("avinfo", None) == "avinfo"


def test_avconcat_matches_build_op_plus_urls() -> None:
    urls = ("http://a.example.com/1.mp4", "https://a.example.com/视频 2.mp4")
    op = Avconcat(
        ConcatMode.REENCODE,
        format="mp4",
        s="640x360",
        index=2,
        maxrate="1m",
        add_audio=True,
        urls=urls,
    )
    expected = qiniu.build_op("avconcat", "2", **dict(op.params()))
    expected += "".join("/" + qiniu.urlsafe_base64_encode(u) for u in urls)
    assert op.build() == expected


def test_command_matches_op_save() -> None:
    cmd = Command(FULL_AVTHUMB, SaveAs("media", "视频/a b.mp4"))
    assert cmd.build() == qiniu.op_save(FULL_AVTHUMB.build(), "media", "视频/a b.mp4")


@given(
    bucket=st.from_regex(r"[a-z0-9-]{1,20}", fullmatch=True),
    key=st.none() | st.text(max_size=60),
)
def test_encoded_entry_equals_sdk(bucket: str, key: str | None) -> None:
    assert encoded_entry(bucket, key) == qiniu.utils.entry(bucket, key)
    assert naming_entry(bucket, key) == qiniu.utils.entry(bucket, key)


@given(st.text(max_size=80))
def test_b64_equals_sdk_and_round_trips(text: str) -> None:
    token = b64encode_text(text)
    assert token == qiniu.urlsafe_base64_encode(text)
    assert b64decode_text(token) == text
    assert b64decode_text(token.rstrip("=")) == text  # unpadded input accepted
