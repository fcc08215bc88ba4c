"""Pure pieces of the OSS sandbox: CRC-64, addressing, the process grammar, ffmpeg mapping."""

from __future__ import annotations

import pytest

from qfopgui.sandbox.oss.answers import OssError
from qfopgui.sandbox.oss.checksums import FileDigests, crc64, multipart_etag
from qfopgui.sandbox.oss.media_args import (
    ParamError,
    audio_convert,
    snapshot,
    snapshots,
    video_convert,
)
from qfopgui.sandbox.oss.model import split_target
from qfopgui.sandbox.oss.process import decode_b64, event_id, parse_process
from qfopgui.sandbox.oss.worker import snapshot_keys

DOMAINS = ("127.0.0.1", "localhost", "oss.local")


def test_crc64_is_crc64_ecma182_as_oss_uses_it() -> None:
    assert crc64(b"123456789") == 0x995DC9BBDF1939FA  # the CRC-64/XZ check value
    assert crc64(b"") == 0
    digests = FileDigests()
    for chunk in (b"1234", b"56789"):
        digests.update(chunk)
    assert digests.crc64 == 0x995DC9BBDF1939FA
    assert digests.etag == "25F9E794323B453885F5181F1B624D0B"


def test_multipart_etag_is_md5_of_part_md5s_with_count() -> None:
    etag = multipart_etag(["25F9E794323B453885F5181F1B624D0B"] * 2)
    assert etag.endswith("-2")
    assert etag == etag.upper()


@pytest.mark.parametrize(
    ("path", "host", "expected"),
    [
        ("/bkt/dir%2Fin%20put.mov?x-oss-async-process=", "127.0.0.1:9000",
         ("bkt", "dir/in put.mov", [("x-oss-async-process", "")])),
        ("/bkt/dir/in%20put.mov", "127.0.0.1:9000", ("bkt", "dir/in put.mov", [])),
        ("/bkt/?list-type=2&continuation-token=tok+1", "127.0.0.1:9000",
         ("bkt", "", [("list-type", "2"), ("continuation-token", "tok 1")])),
        ("/", "127.0.0.1:9000", ("", "", [])),
        ("/a+b%2B.txt", "bkt.127.0.0.1:9000", ("bkt", "a+b+.txt", [])),
        ("/?list-type=2", "bkt.oss.local:9000", ("bkt", "", [("list-type", "2")])),
        ("/x.txt", "bkt.localhost", ("bkt", "x.txt", [])),
    ],
)  # fmt: skip
def test_split_target_path_and_virtual_host(
    path: str, host: str, expected: tuple[str, str, list[tuple[str, str]]]
) -> None:
    assert split_target(path, host, DOMAINS) == expected


@pytest.mark.parametrize(
    ("encoded", "text"),
    [("ZXhhbXBsZWJ1Y2tldA", "examplebucket"), ("ZXhhbXBsZWJ1Y2tldA==", "examplebucket"),
     ("YT8+", "a?>"), ("YT8-", "a?>"), ("Pz8/", "???"), ("Pz8_", "???")],
)  # fmt: skip
def test_saveas_base64_in_either_alphabet_padded_or_not(encoded: str, text: str) -> None:
    assert decode_b64(encoded) == text


def test_parse_process_reads_the_action_params_and_target() -> None:
    process = (
        "video/convert,f_mp4,vcodec_h264,s_1280x720|sys/saveas,b_ZXhhbXBsZWJ1Y2tldA,"
        "o_b3V0L291dHB1dC5tcDQ/notify,topic_dGVzdA"
    )
    action, params, bucket, key = parse_process(process, "source")
    assert (action, bucket, key) == ("video/convert", "examplebucket", "out/output.mp4")
    assert params == {"f": "mp4", "vcodec": "h264", "s": "1280x720"}
    assert parse_process("audio/convert,f_mp3|sys/saveas,o_YS5tcDM", "source")[2] == "source"


@pytest.mark.parametrize(
    "process",
    ["video/dance,f_mp4|sys/saveas,o_YQ", "video/convert,f_mp4",
     "video/convert|sys/notify,topic_dA", "video/convert,f|sys/saveas,o_YQ",
     "video/convert|sys/saveas,o_!!!"],
)  # fmt: skip
def test_bad_processes_are_refused_with_a_reason(process: str) -> None:
    with pytest.raises(OssError) as err:
        parse_process(process, "source")
    assert err.value.status == 400
    assert err.value.message


def test_event_id_has_the_observed_form() -> None:
    head, _, tail = event_id().partition("-")
    assert len(head) == 3
    assert len(tail) == 27
    assert tail.isalnum()


def test_video_convert_maps_onto_ffmpeg() -> None:
    params = {
        "f": "mp4",
        "vcodec": "h265",
        "s": "640x",
        "fps": "25",
        "vb": "2000000",
        "acodec": "mp3",
        "ab": "64000",
        "ss": "1500",
        "t": "60000",
        "sn": "1",
        "sopt": "1",
    }
    plan = video_convert(params, "out.mp4")
    args = " ".join(plan.after)
    for part in (
        "-c:v libx265",
        "-vf scale=640:-2",
        "-r 25",
        "-b:v 2000000",
        "-c:a libmp3lame",
        "-b:a 64000",
        "-t 60",
        "-sn",
        "-f mp4",
    ):
        assert part in args
    assert plan.before == ["-ss", "1.5"]
    assert plan.extension == "mp4"


@pytest.mark.parametrize(
    "params",
    [{"f": "mp4", "vcodec": "h266"}, {"f": "xyz"}, {"f": "mp4", "bogus": "1"},
     {"f": "mp4", "s": "big"}, {"f": "mp4", "vb": "fast"}],
)  # fmt: skip
def test_video_convert_rejects_what_it_cannot_honour(params: dict[str, str]) -> None:
    with pytest.raises(ParamError):
        video_convert(params, "out.mp4")


def test_audio_and_snapshot_plans() -> None:
    audio = audio_convert({"f": "aac", "ab": "96000", "ss": "10000"}, "a.aac")
    assert audio.before == ["-ss", "10"]
    assert audio.after[-2:] == ["-f", "adts"]
    assert "-vn" in audio.after
    many = snapshots({"f": "png", "w": "100", "inter": "2000", "num": "4"})
    assert many.after[:2] == ["-vf", "fps=1000/2000,scale=100:-2"]
    assert "-frames:v" in many.after
    assert many.extension == "png"
    one = snapshot({"t": "3000", "f": "jpg"})
    assert one.before == ["-ss", "3"]
    with pytest.raises(ParamError):
        snapshots({"f": "gif"})


def test_snapshot_output_names() -> None:
    assert snapshot_keys("thumbs/s", 2, "jpg") == ["thumbs/s_0_1.jpg", "thumbs/s_0_2.jpg"]
    assert snapshot_keys("thumbs/{index}.jpg", 2, "jpg") == ["thumbs/1.jpg", "thumbs/2.jpg"]
    assert snapshot_keys("thumbs/last.jpg", 3, "jpg") == [None, None, "thumbs/last.jpg"]
