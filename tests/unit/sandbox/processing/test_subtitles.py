"""avthumb `subtitle` / `scodec` on real ffmpeg: soft subtitle tracks land in the output, and
containers or combinations that cannot hold them fail the item readably."""

from __future__ import annotations

import subprocess
from pathlib import Path

import av
import pytest

from tests.unit.sandbox.processing.conftest import FFMPEG, ProcessorFactory, b64, entry, wait_final
from tests.unit.sandbox.processing.fakes import FakeStorage

pytestmark = pytest.mark.slow
SRT = "1\n00:00:00,000 --> 00:00:01,500\nhello\n\n2\n00:00:01,500 --> 00:00:03,000\nworld\n"


@pytest.fixture
def with_subs(storage: FakeStorage, tmp_path: Path) -> FakeStorage:
    srt = tmp_path / "subs.srt"
    srt.write_text(SRT, encoding="utf-8")
    storage.put_file("src", "subs.srt", srt)
    mkv = tmp_path / "subbed.mkv"
    clip = storage.stat("src", "short.mp4")
    assert clip is not None
    inputs = ["-i", str(clip.path), "-i", str(srt)]
    args = [FFMPEG, "-nostdin", "-v", "error", "-y", *inputs, "-map", "0", "-map", "1"]
    subprocess.run([*args, "-c", "copy", str(mkv)], check=True)
    storage.put_file("src", "subbed.mkv", mkv)
    return storage


def _subtitle_codecs(path: Path) -> list[str]:
    """Decoder names of the subtitle streams (PyAV reads subrip as "srt")."""
    with av.open(str(path)) as box:
        return [s.codec_context.name for s in box.streams.subtitles]


def _run(make: ProcessorFactory, key: str, cmd: str) -> dict[str, object]:
    proc = make(ffmpeg=FFMPEG)
    status = wait_final(proc, proc.submit(bucket="src", key=key, fops=cmd))
    item: dict[str, object] = status["items"][0]
    return item


@pytest.mark.parametrize(
    ("key", "fop", "out_key", "codec"),
    [
        ("short.mp4", f"avthumb/mp4/subtitle/{b64('kodo://src/subs.srt')}", "o.mp4", "mov_text"),
        ("short.mp4", f"avthumb/mkv/subtitle/{b64('kodo://src/subs.srt')}", "o.mkv", "srt"),
        ("subbed.mkv", "avthumb/mp4/scodec/mov_text", "k.mp4", "mov_text"),
    ],
)
def test_subtitles_reach_the_output(
    make_processor: ProcessorFactory,
    with_subs: FakeStorage,
    key: str,
    fop: str,
    out_key: str,
    codec: str,
) -> None:
    item = _run(make_processor, key, f"{fop}|saveas/{entry('src', out_key)}")
    assert item["code"] == 0, item
    out = with_subs.stat("src", out_key)
    assert out is not None
    assert _subtitle_codecs(out.path) == [codec]
    with av.open(str(out.path)) as box:  # video and audio are still there
        assert len(box.streams.video) == 1
        assert len(box.streams.audio) == 1


def test_mp4_without_scodec_drops_the_source_subtitles(
    make_processor: ProcessorFactory, with_subs: FakeStorage
) -> None:
    item = _run(make_processor, "subbed.mkv", f"avthumb/mp4|saveas/{entry('src', 'n.mp4')}")
    assert item["code"] == 0, item
    out = with_subs.stat("src", "n.mp4")
    assert out is not None
    assert _subtitle_codecs(out.path) == []


@pytest.mark.parametrize(
    ("cmd", "message"),
    [
        (f"avthumb/flv/subtitle/{b64('kodo://src/subs.srt')}", "only mp4, mov and mkv output"),
        (f"avthumb/mp4/sn/1/subtitle/{b64('kodo://src/subs.srt')}", "cannot be combined with sn"),
        ("avthumb/mp4/scodec/ass", "invalid scodec: mp4 output takes mov_text subtitles only"),
        ("avthumb/mp4/subtitle/embed", "embed (burnt-in subtitles) is not supported"),
        (f"avthumb/mp3/subtitle/{b64('kodo://src/subs.srt')}", "video parameters are not allowed"),
        (f"avthumb/mp4/subtitle/{b64('kodo://src/missing.srt')}", "source not found"),
    ],
)
def test_subtitle_refusals_are_readable(
    make_processor: ProcessorFactory, with_subs: FakeStorage, cmd: str, message: str
) -> None:
    item = _run(make_processor, "short.mp4", cmd)
    assert item["code"] == 3
    assert message in str(item["error"])
