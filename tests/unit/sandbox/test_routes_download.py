"""Downloads: public/private (e + token exactly like Qiniu), Range, HEAD, and ?avinfo."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import imageio_ffmpeg
import pytest
import qiniu
import requests

from qfopgui.sandbox import SandboxServer
from tests.fixtures_sandbox import SANDBOX_AK, SANDBOX_SK

AUTH = qiniu.Auth(SANDBOX_AK, SANDBOX_SK)


def _url(server: SandboxServer, bucket: str, key: str) -> str:
    return f"http://{server.domain(bucket)}/{key}"


def test_public_download_and_headers(fsandbox: SandboxServer) -> None:
    obj = fsandbox.storage.put_bytes("test-bucket", "dir/a b.txt", b"0123456789")
    resp = requests.get(_url(fsandbox, "test-bucket", "dir/a%20b.txt"), timeout=10)
    assert resp.status_code == 200
    assert resp.content == b"0123456789"
    assert resp.headers["Content-Type"] == "text/plain"
    assert resp.headers["ETag"] == f'"{obj.hash}"'
    assert resp.headers["X-Reqid"]
    assert resp.headers["Accept-Ranges"] == "bytes"
    missing = requests.get(_url(fsandbox, "test-bucket", "nope"), timeout=10)
    assert missing.status_code == 404
    assert missing.headers["Content-Type"] == "application/json"
    head = requests.head(_url(fsandbox, "test-bucket", "dir/a%20b.txt"), timeout=10)
    assert head.status_code == 200
    assert head.headers["Content-Length"] == "10"
    assert head.content == b""


@pytest.mark.parametrize(
    ("header", "status", "body", "content_range"),
    [
        ("bytes=2-5", 206, b"2345", "bytes 2-5/10"),
        ("bytes=7-", 206, b"789", "bytes 7-9/10"),
        ("bytes=-3", 206, b"789", "bytes 7-9/10"),
        ("bytes=5-100", 206, b"56789", "bytes 5-9/10"),
        ("bytes=10-", 416, None, "bytes */10"),
    ],
)
def test_range_requests(
    fsandbox: SandboxServer, header: str, status: int, body: bytes | None, content_range: str
) -> None:
    fsandbox.storage.put_bytes("test-bucket", "r.bin", b"0123456789")
    resp = requests.get(
        _url(fsandbox, "test-bucket", "r.bin"), headers={"Range": header}, timeout=10
    )
    assert resp.status_code == status
    assert resp.headers["Content-Range"] == content_range
    if body is not None:
        assert resp.content == body


def test_private_bucket_tokens(fsandbox: SandboxServer) -> None:
    fsandbox.storage.put_bytes("private-bucket", "视频/secret.txt", b"top secret")
    raw = _url(fsandbox, "private-bucket", requests.utils.quote("视频/secret.txt"))
    assert requests.get(raw, timeout=10).status_code == 401
    signed = AUTH.private_download_url(raw, expires=60)
    ok = requests.get(signed, timeout=10)
    assert ok.status_code == 200
    assert ok.content == b"top secret"
    expired = AUTH.private_download_url(raw, expires=-10)
    assert requests.get(expired, timeout=10).status_code == 401
    forged = qiniu.Auth(SANDBOX_AK, "wrong").private_download_url(raw, expires=60)
    assert requests.get(forged, timeout=10).status_code == 401
    # the token binds the exact URL: reusing it for another key fails
    other = signed.replace("secret.txt", "other.txt")
    assert requests.get(other, timeout=10).status_code == 401
    deadline = int(time.time()) + 60
    tampered = signed.replace(f"e={deadline}", f"e={deadline + 1000}")
    if tampered != signed:
        assert requests.get(tampered, timeout=10).status_code == 401


def test_avinfo_through_processor(fsandbox: SandboxServer) -> None:
    obj = fsandbox.storage.put_bytes("test-bucket", "x.mp4", b"not really a video")
    resp = requests.get(_url(fsandbox, "test-bucket", "x.mp4") + "?avinfo", timeout=10)
    assert resp.status_code == 200
    assert resp.json() == {"format": {"size": str(obj.fsize)}, "streams": [], "fake": True}
    unsupported = requests.get(_url(fsandbox, "test-bucket", "x.mp4") + "?imageInfo", timeout=10)
    assert unsupported.status_code == 400


@pytest.fixture(scope="module")
def tiny_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("clip") / "tiny.mp4"
    subprocess.run(
        [
            imageio_ffmpeg.get_ffmpeg_exe(),
            "-hide_banner",
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=96x64:rate=10:duration=1",
            "-f",
            "lavfi",
            "-i",
            "sine=duration=1",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-shortest",
            str(out),
        ],
        check=True,
    )
    return out


def test_avinfo_with_pyav_fallback(
    sandbox_factory: Callable[..., SandboxServer], tiny_clip: Path
) -> None:
    server = sandbox_factory(processor_factory=lambda storage, config: None)
    server.storage.put_file("test-bucket", "tiny.mp4", tiny_clip)
    info = requests.get(_url(server, "test-bucket", "tiny.mp4") + "?avinfo", timeout=10).json()
    video = next(s for s in info["streams"] if s["codec_type"] == "video")
    audio = next(s for s in info["streams"] if s["codec_type"] == "audio")
    assert (video["codec_name"], video["width"], video["height"]) == ("h264", 96, 64)
    assert audio["codec_name"] == "aac"
    assert abs(float(info["format"]["duration"]) - 1.0) < 0.2
    assert info["format"]["size"] == str(tiny_clip.stat().st_size)
    server.storage.put_bytes("test-bucket", "junk.mp4", b"junk")
    bad = requests.get(_url(server, "test-bucket", "junk.mp4") + "?avinfo", timeout=10)
    assert bad.status_code == 400
