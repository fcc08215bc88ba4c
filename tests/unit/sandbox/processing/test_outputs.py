"""Real ffmpeg outputs, checked with PyAV: codecs, sizes, durations, HLS segments, frames."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import av
import pytest

from qfopgui.sandbox.processing import ProcessingRequestError, Processor
from tests.unit.sandbox.processing.conftest import Media, ProcessorFactory, b64, entry, wait_final
from tests.unit.sandbox.processing.fakes import FakeStorage

pytestmark = pytest.mark.slow


def run_item(proc: Processor, fops: str, key: str = "clip.mp4") -> dict[str, Any]:
    status = wait_final(proc, proc.submit(bucket="src", key=key, fops=fops))
    item: dict[str, Any] = status["items"][0]
    assert item["code"] == 0, item
    return item


def probe(path: Path) -> dict[str, Any]:
    with av.open(str(path)) as c:
        out: dict[str, Any] = {"format": c.format.name, "duration": (c.duration or 0) / 1e6}
        if c.streams.video:
            v = c.streams.video[0].codec_context
            out.update(vcodec=v.codec.canonical_name, width=v.width, height=v.height)
        if c.streams.audio:
            a = c.streams.audio[0].codec_context
            out.update(
                acodec=a.codec.canonical_name, sample_rate=a.sample_rate, channels=a.channels
            )
        return out


def rgb(path: Path) -> Callable[[int, int], tuple[int, int, int]]:
    """Pixel lookup (x, y) → RGB of the first frame of an image (no numpy needed)."""
    with av.open(str(path)) as c:
        frame = next(c.decode(video=0)).reformat(format="rgb24")
    plane = frame.planes[0]
    data, stride = bytes(plane), plane.line_size

    def at(x: int, y: int) -> tuple[int, int, int]:
        i = y * stride + 3 * x
        return data[i], data[i + 1], data[i + 2]

    return at


def stored(storage: FakeStorage, bucket: str, key: str) -> Path:
    obj = storage.stat(bucket, key)
    assert obj is not None, (bucket, key)
    return obj.path


@pytest.mark.parametrize(
    ("fops", "expect"),
    [
        ("avthumb/mp4/s/160x120/vb/200k", {"vcodec": "h264", "width": 160, "height": 120}),
        ("avthumb/mp4/s/200x200/autoscale/1", {"width": 200, "height": 150}),
        ("avthumb/mp4/rotate/90", {"width": 240, "height": 320}),
        (
            "avthumb/mov/vcodec/libx265/crf/30/an/1",
            {"vcodec": "hevc", "format": "mov,mp4,m4a,3gp,3g2,mj2"},
        ),
        ("avthumb/webm", {"vcodec": "vp8", "acodec": "vorbis"}),
        ("avthumb/webm/vcodec/libvpx-vp9/acodec/libopus", {"vcodec": "vp9", "acodec": "opus"}),
        ("avthumb/flv/r/15", {"format": "flv", "vcodec": "h264"}),
        ("avthumb/mkv/h264Profile/baseline/h264Level/3.0", {"format": "matroska,webm"}),
        (
            "avthumb/mp3/ab/64k/ar/22050/ac/1",
            {"acodec": "mp3", "sample_rate": 22050, "channels": 1},
        ),
        (
            "avthumb/m4a/acodec/libfaac/ab/96k",
            {"acodec": "aac", "format": "mov,mp4,m4a,3gp,3g2,mj2"},
        ),
        ("avthumb/aac/aq/100", {"acodec": "aac", "format": "aac"}),
        ("avthumb/wav/ar/8000", {"acodec": "pcm_s16le", "sample_rate": 8000}),
        ("avthumb/gif/s/80x60/r/5", {"vcodec": "gif", "width": 80, "height": 60}),
    ],
)
def test_avthumb_outputs(
    make_processor: ProcessorFactory, storage: FakeStorage, fops: str, expect: dict[str, Any]
) -> None:
    item = run_item(make_processor(), fops)
    info = probe(stored(storage, "src", item["key"]))
    assert {k: info.get(k) for k in expect} == expect
    if not fops.startswith("avthumb/gif"):
        # flv's header duration includes the encoder delay of both streams
        slack = 0.35 if fops.startswith("avthumb/flv") else 0.2
        assert info["duration"] == pytest.approx(4.0, abs=slack)
    if "/an/1" in fops or fops.startswith("avthumb/gif"):
        assert "acodec" not in info
    if fops.startswith(("avthumb/mp3", "avthumb/m4a", "avthumb/aac", "avthumb/wav")):
        assert "vcodec" not in info


def test_clip_with_ss_t_and_stripmeta(
    make_processor: ProcessorFactory, storage: FakeStorage
) -> None:
    item = run_item(make_processor(), "avthumb/mp4/ss/1.5/t/1.5/stripmeta/1")
    assert probe(stored(storage, "src", item["key"]))["duration"] == pytest.approx(1.5, abs=0.2)


def test_hls_segments_keys_and_playlist(
    make_processor: ProcessorFactory, storage: FakeStorage
) -> None:
    proc = make_processor()
    fops = (
        f"avthumb/m3u8/segtime/2/noDomain/1/pattern/{b64('hls/seg-$(count).ts')}"
        f"|saveas/{entry('out', 'hls/index.m3u8')}"
    )
    item = run_item(proc, fops)
    assert item["key"] == "hls/index.m3u8"
    assert item["keys"] == ["hls/seg-000000.ts", "hls/seg-000001.ts"]
    playlist = stored(storage, "out", "hls/index.m3u8").read_text()
    assert [ln for ln in playlist.splitlines() if not ln.startswith("#")] == [
        "seg-000000.ts",
        "seg-000001.ts",
    ]
    assert "#EXT-X-ENDLIST" in playlist
    for key in item["keys"]:
        info = probe(stored(storage, "out", key))
        assert info["vcodec"] == "h264"
        assert info["acodec"] == "aac"
        assert info["duration"] == pytest.approx(2.0, abs=0.2)  # forced keyframes: even cuts


def test_hls_absolute_urls_use_the_sandbox_domain(
    make_processor: ProcessorFactory, storage: FakeStorage
) -> None:
    proc = make_processor()
    proc.download_base = lambda bucket: f"http://127.0.0.1:9000/dl/{bucket}"
    item = run_item(proc, f"avthumb/m3u8/segtime/2|saveas/{entry('out', 'v/a.m3u8')}")
    lines = stored(storage, "out", "v/a.m3u8").read_text().splitlines()
    urls = [ln for ln in lines if not ln.startswith("#")]
    assert urls == [f"http://127.0.0.1:9000/dl/out/{k}" for k in item["keys"]]
    assert item["keys"] == ["v/a-000000.ts", "v/a-000001.ts"]


def test_vframe(make_processor: ProcessorFactory, storage: FakeStorage) -> None:
    item = run_item(make_processor(), f"vframe/jpg/offset/1.2/w/100|saveas/{entry('out', 'f.jpg')}")
    info = probe(stored(storage, "out", "f.jpg"))
    assert (info["vcodec"], info["width"], info["height"]) == ("mjpeg", 100, 76)
    assert item["hash"] == storage.stat("out", "f.jpg").hash  # type: ignore[union-attr]
    item = run_item(make_processor(), "vframe/png/offset/0/w/60/h/40/rotate/180")
    assert probe(stored(storage, "src", item["key"]))["width"] == 60


def test_vsample_keys(make_processor: ProcessorFactory, storage: FakeStorage) -> None:
    fops = (
        f"vsample/png/ss/0/t/3/s/80x60/interval/1/pattern/{b64('$(saveas.keyPrefix)f-$(count)')}"
        f"|saveas/{entry('out', 'thumbs/')}"
    )
    item = run_item(make_processor(), fops)
    assert "key" not in item
    assert item["keys"][:3] == ["thumbs/f-000000", "thumbs/f-000001", "thumbs/f-000002"]
    assert len(item["keys"]) in (3, 4)
    for key in item["keys"]:
        info = probe(stored(storage, "out", key))
        assert (info["vcodec"], info["width"], info["height"]) == ("png", 80, 60)
    item = run_item(make_processor(), f"vsample/jpg/frames/2/pattern/{b64('two-$(count)')}")
    assert item["keys"] == ["two-000000", "two-000001"]


@pytest.mark.parametrize("mode", [1, 2])
def test_avconcat(make_processor: ProcessorFactory, storage: FakeStorage, mode: int) -> None:
    urls = [b64("http://127.0.0.1:8/dl/src/short.mp4"), b64("kodo://src/short.mp4")]
    item = run_item(make_processor(), f"avconcat/{mode}/format/mp4/{'/'.join(urls)}")
    info = probe(stored(storage, "src", item["key"]))
    assert info["duration"] == pytest.approx(8.0, abs=0.3)
    assert (info["vcodec"], info["acodec"], info["width"]) == ("h264", "aac", 320)


def test_avconcat_re_encode_adds_silence(
    make_processor: ProcessorFactory, storage: FakeStorage
) -> None:
    proc = make_processor()
    url = b64("http://localhost:8/dl/src/silent.mp4")
    failed = wait_final(
        proc, proc.submit(bucket="src", key="clip.mp4", fops=f"avconcat/2/format/mp4/{url}")
    )
    assert "use addAudio/1" in failed["items"][0]["error"]
    item = run_item(proc, f"avconcat/2/format/mp4/s/160x120/addAudio/1/index/2/{url}")
    info = probe(stored(storage, "src", item["key"]))
    assert info["duration"] == pytest.approx(6.0, abs=0.3)
    assert (info["width"], info["acodec"]) == (160, "aac")


def test_avconcat_missing_part_fails(make_processor: ProcessorFactory) -> None:
    proc = make_processor()
    url = b64("kodo://src/nothere.mp4")
    status = wait_final(
        proc, proc.submit(bucket="src", key="clip.mp4", fops=f"avconcat/1/format/mp4/{url}")
    )
    assert (
        status["items"][0]["error"]
        == "execute fop cmd failed: source not found: kodo://src/nothere.mp4"
    )


def test_watermark_image_and_text(make_processor: ProcessorFactory, storage: FakeStorage) -> None:
    proc = make_processor()
    logo = b64("kodo://src/logo.png")
    fops = (
        f"avthumb/mp4/wmImage/{logo}/wmGravity/NorthEast/wmText/{b64('水印 text')}"
        f"/wmGravityText/SouthWest/wmFontColor/{b64('white')}/wmFontSize/400"
        f"|vframe/png/offset/1|saveas/{entry('out', 'wm.png')}"
    )
    run_item(proc, fops)
    run_item(proc, f"vframe/png/offset/1|saveas/{entry('out', 'plain.png')}")
    marked, plain = rgb(stored(storage, "out", "wm.png")), rgb(stored(storage, "out", "plain.png"))
    r, g, b = marked(300, 10)  # inside the 40x20 logo at the top right
    assert r > 200
    assert g < 60
    assert b < 60
    assert plain(300, 10) != marked(300, 10)

    def diff(x: int, y: int) -> int:
        return max(abs(p - q) for p, q in zip(marked(x, y), plain(x, y), strict=True))

    # white text at the bottom left changes some pixels a lot; the top left only by re-encoding
    assert max(diff(x, y) for x in range(0, 80, 2) for y in range(200, 240, 2)) > 120
    assert max(diff(x, y) for x in range(0, 60, 3) for y in range(0, 40, 3)) < 60


def test_watermark_from_foreign_url_fails_clearly(make_processor: ProcessorFactory) -> None:
    proc = make_processor()
    fops = f"avthumb/mp4/wmImage/{b64('https://example.com/logo.png')}"
    item = wait_final(proc, proc.submit(bucket="src", key="clip.mp4", fops=fops))["items"][0]
    assert item["code"] == 3
    assert "only sandbox URLs" in item["error"]


def test_avinfo_as_pfop_and_direct(
    make_processor: ProcessorFactory, storage: FakeStorage, media: Media
) -> None:
    proc = make_processor()
    item = run_item(proc, f"avinfo|saveas/{entry('out', 'info.json')}")
    saved = json.loads(stored(storage, "out", "info.json").read_text())
    direct = proc.avinfo(media.clip)
    assert saved["streams"] == direct["streams"]
    video, audio = direct["streams"]
    assert (video["index"], video["codec_type"], video["codec_name"]) == (0, "video", "h264")
    assert (video["width"], video["height"], video["r_frame_rate"]) == (320, 240, "25/1")
    assert float(video["duration"]) == pytest.approx(4.0, abs=0.1)
    assert isinstance(video["bit_rate"], str)
    assert int(video["bit_rate"]) > 0
    assert (audio["codec_name"], audio["sample_rate"], audio["channels"]) == ("aac", "44100", 1)
    fmt = direct["format"]
    assert fmt["format_name"] == "mov,mp4,m4a,3gp,3g2,mj2"
    assert float(fmt["duration"]) == pytest.approx(4.0, abs=0.1)
    assert fmt["size"] == str(media.clip.stat().st_size)
    assert fmt["nb_streams"] == 2
    assert fmt["start_time"] == "0.000000"
    assert int(fmt["bit_rate"]) > 0
    assert item["hash"] == storage.stat("out", "info.json").hash  # type: ignore[union-attr]
    with pytest.raises(ProcessingRequestError) as info:
        proc.avinfo(media.junk)
    assert info.value.status == 400
