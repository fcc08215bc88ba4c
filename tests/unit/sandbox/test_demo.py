"""--demo seeding with real ffmpeg: media shapes, private bucket, pipelines, reuse on restart."""

from __future__ import annotations

import time
from collections.abc import Callable

import av
import pytest
import qiniu
import requests

from qfopgui.sandbox import SandboxServer
from qfopgui.sandbox.demo import DEMO_MEDIA, seed_demo
from tests.unit.sandbox.fakes import FakeProcessor


@pytest.mark.slow
def test_demo_seeding(sandbox_factory: Callable[..., SandboxServer], tmp_path) -> None:
    fake = FakeProcessor()
    data = tmp_path / "demo-data"
    server = sandbox_factory(data_dir=data, demo=True, processor_factory=lambda s, c: fake)
    storage = server.storage
    assert fake.pipelines() == ["video-hd", "thumbnails"]
    for key in [*DEMO_MEDIA, "README.txt"]:
        assert storage.stat("demo", key) is not None, key
    expected = {
        "videos/sample-1280x720-10s.mp4": (1280, 720, 10.0),
        "videos/vertical-720x1280-5s.mp4": (720, 1280, 5.0),
    }
    for key, (w, h, seconds) in expected.items():
        obj = storage.stat("demo", key)
        assert obj is not None
        with av.open(str(obj.path)) as media:
            video = media.streams.video[0]
            assert (video.codec_context.name, video.width, video.height) == ("h264", w, h)
            assert media.streams.audio[0].codec_context.name == "aac"
            assert abs(media.duration / 1_000_000 - seconds) < 0.2
    for key, fmt in [("audio/tone-30s.wav", "wav"), ("audio/tone-30s.mp3", "mp3")]:
        obj = storage.stat("demo", key)
        assert obj is not None
        with av.open(str(obj.path)) as media:
            assert media.format.name == fmt
            assert len(media.streams.audio) == 1
            assert abs(media.duration / 1_000_000 - 30.0) < 0.2
    png = storage.stat("demo", "images/testsrc-1280x720.png")
    assert png is not None
    assert png.mime_type == "image/png"
    row = storage.bucket("demo-private")
    assert row is not None
    assert row.private
    url = f"http://{server.domain('demo-private')}/videos/private-clip.mp4"
    assert requests.get(url, timeout=10).status_code == 401
    signed = qiniu.Auth(server.access_key, server.secret_key).private_download_url(url)
    assert requests.get(signed, timeout=10).status_code == 200
    hashes = {k: storage.stat("demo", k).hash for k in DEMO_MEDIA}
    server.stop()
    # second start on the same data dir reuses the media instead of regenerating it
    t0 = time.monotonic()
    again = sandbox_factory(data_dir=data, demo=True, processor_factory=lambda s, c: fake)
    assert time.monotonic() - t0 < 1.0
    assert {k: again.storage.stat("demo", k).hash for k in DEMO_MEDIA} == hashes
    assert seed_demo(again.storage, None) is False
