"""Real-time processing on download URLs: ``?vframe/...`` and ``?imageView2/...`` (real ffmpeg),
``?imageInfo`` for pictures, signed URLs of private buckets covering the query, and Qiniu-style
400s for bad parameters."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Callable
from pathlib import Path

import av
import imageio_ffmpeg
import pytest
import qiniu
import requests

from qfopgui.sandbox import SandboxServer
from qfopgui.sandbox.processing.realtime import (
    ImageSpec,
    RealtimeError,
    fitted_size,
    parse_image_view,
)
from tests.fixtures_sandbox import SANDBOX_AK, SANDBOX_SK

AUTH = qiniu.Auth(SANDBOX_AK, SANDBOX_SK)


def _ffmpeg(*args: str) -> None:
    exe = imageio_ffmpeg.get_ffmpeg_exe()
    subprocess.run([exe, "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A 2 s 320x180 H.264 clip, an 800x600 PNG and a 64x48 JPG (made once for the module)."""
    d = tmp_path_factory.mktemp("realtime")
    _ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=320x180:rate=10:duration=2",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-pix_fmt",
        "yuv420p",
        str(d / "clip.mp4"),
    )
    _ffmpeg("-f", "lavfi", "-i", "testsrc=size=800x600:rate=1", "-frames:v", "1", str(d / "p.png"))
    _ffmpeg("-f", "lavfi", "-i", "testsrc=size=64x48:rate=1", "-frames:v", "1", str(d / "s.jpg"))
    return {"clip.mp4": d / "clip.mp4", "p.png": d / "p.png", "s.jpg": d / "s.jpg"}


@pytest.fixture
def server(sandbox_factory: Callable[..., SandboxServer], media: dict[str, Path]) -> SandboxServer:
    s = sandbox_factory(
        processor_factory=lambda storage, config: None, private_buckets=["private-bucket"]
    )
    for key, path in media.items():
        s.storage.put_file("test-bucket", key, path)
        s.storage.put_file("private-bucket", key, path)
    s.storage.put_bytes("test-bucket", "notes.txt", b"plain text, not media")
    return s


def url(server: SandboxServer, key: str, query: str, bucket: str = "test-bucket") -> str:
    return f"http://{server.domain(bucket)}/{key}?{query}"


def picture(body: bytes) -> tuple[str, int, int]:
    """(codec, width, height) of an encoded picture."""
    with av.open(io.BytesIO(body)) as c:
        ctx = c.streams.video[0].codec_context
        return ctx.name, ctx.width, ctx.height


def test_vframe_gives_the_frame_as_jpeg_or_png(server: SandboxServer) -> None:
    jpg = requests.get(url(server, "clip.mp4", "vframe/jpg/offset/1/w/160"), timeout=30)
    assert jpg.status_code == 200, jpg.text
    assert jpg.headers["Content-Type"] == "image/jpeg"
    assert picture(jpg.content) == ("mjpeg", 160, 90)  # h follows w (proportional)
    png = requests.get(url(server, "clip.mp4", "vframe/png/offset/0"), timeout=30)
    assert png.headers["Content-Type"] == "image/png"
    assert picture(png.content) == ("png", 320, 180)
    assert server.hits["download"] == 2


def test_image_view2_fits_inside_the_box_and_never_enlarges(server: SandboxServer) -> None:
    fit = requests.get(url(server, "p.png", "imageView2/2/w/480/h/480"), timeout=30)
    assert fit.status_code == 200, fit.text
    assert fit.headers["Content-Type"] == "image/png"  # the source's format by default
    assert picture(fit.content) == ("png", 480, 360)
    jpg = requests.get(url(server, "p.png", "imageView2/2/w/200/h/200/format/jpg/q/60"), timeout=30)
    assert jpg.headers["Content-Type"] == "image/jpeg"
    assert picture(jpg.content) == ("mjpeg", 200, 150)
    big = requests.get(url(server, "p.png", "imageView2/2/w/2000/h/2000"), timeout=30)
    assert picture(big.content)[1:] == (800, 600)


def test_image_info_answers_for_png_and_jpg(server: SandboxServer, media: dict[str, Path]) -> None:
    png = requests.get(url(server, "p.png", "imageInfo"), timeout=30)
    assert png.status_code == 200, png.text
    assert png.json() == {
        "size": media["p.png"].stat().st_size,
        "format": "png",
        "width": 800,
        "height": 600,
        "colorModel": "rgba",
    }
    jpg = requests.get(url(server, "s.jpg", "imageInfo"), timeout=30).json()
    assert jpg == {
        "size": media["s.jpg"].stat().st_size,
        "format": "jpeg",
        "width": 64,
        "height": 48,
        "colorModel": "ycbcr",
    }
    assert server.hits["imageInfo"] == 2  # counted per fop, so tests can tell it from avinfo
    assert server.hits["avinfo"] == 0


def test_image_info_of_a_private_bucket_needs_a_signed_url(server: SandboxServer) -> None:
    plain = url(server, "s.jpg", "imageInfo", bucket="private-bucket")
    assert requests.get(plain, timeout=30).status_code == 401
    signed = AUTH.private_download_url(plain, expires=60)
    assert "?imageInfo&e=" in signed
    ok = requests.get(signed, timeout=30)
    assert ok.status_code == 200, ok.text
    assert (ok.json()["width"], ok.json()["height"]) == (64, 48)
    other = signed.replace("/s.jpg?imageInfo", "/p.png?imageInfo")  # the token binds the key
    assert requests.get(other, timeout=30).status_code == 401


@pytest.mark.parametrize(
    ("spec", "source", "expected"),
    [
        (ImageSpec(2, 480, 480, None, None), (1920, 1080), (480, 270)),
        (ImageSpec(2, 480, 480, None, None), (1080, 1920), (270, 480)),
        (ImageSpec(2, 100, None, None, None), (400, 300), (100, 75)),
        (ImageSpec(2, None, 30, None, None), (400, 300), (40, 30)),
        (ImageSpec(0, 200, 50, None, None), (300, 400), (50, 67)),  # short side bound
        (ImageSpec(0, 200, None, None, None), (300, 400), (150, 200)),  # long side bound
        (ImageSpec(2, None, None, None, None), (64, 48), (64, 48)),
    ],
)
def test_fitted_size(spec: ImageSpec, source: tuple[int, int], expected: tuple[int, int]) -> None:
    assert fitted_size(spec, *source) == expected


def test_private_bucket_needs_a_signature_over_the_query(server: SandboxServer) -> None:
    query = "vframe/jpg/offset/1/w/160"
    plain = url(server, "clip.mp4", query, bucket="private-bucket")
    assert requests.get(plain, timeout=30).status_code == 401
    signed = AUTH.private_download_url(plain, expires=60)
    assert "?vframe/jpg/offset/1/w/160&e=" in signed
    ok = requests.get(signed, timeout=30)
    assert ok.status_code == 200, ok.text
    assert picture(ok.content) == ("mjpeg", 160, 90)
    other = signed.replace("/w/160", "/w/320")  # the token binds this exact query
    assert requests.get(other, timeout=30).status_code == 401
    image = AUTH.private_download_url(
        url(server, "p.png", "imageView2/2/w/100/h/100", bucket="private-bucket"), expires=60
    )
    assert picture(requests.get(image, timeout=30).content) == ("png", 100, 75)


@pytest.mark.parametrize(
    ("key", "query", "says"),
    [
        ("clip.mp4", "vframe/jpg/offset/9", "beyond the duration"),
        ("clip.mp4", "vframe/gif/offset/1", "jpg or png"),
        ("clip.mp4", "vframe/jpg", "needs offset"),
        ("clip.mp4", "vframe/jpg/offset/1/w/5", "invalid w"),
        ("clip.mp4", "vframe/jpg/offset/1/colour/red", "unsupported parameter"),
        ("notes.txt", "vframe/jpg/offset/0", "not a valid media file"),
        ("clip.mp4", "imageView2/2/w/100", "not an image"),
        ("notes.txt", "imageView2/2/w/100", "not an image"),
        ("p.png", "imageView2/7/w/100", "mode '7' is not supported"),
        ("p.png", "imageView2/2/w/0", "invalid w"),
        ("p.png", "imageView2/2/w/100/format/tiff", "format 'tiff'"),
        ("p.png", "imageView2/2/w/100/q/101", "invalid q"),
        ("p.png", "imageView2/2/w", "has no value"),
        ("p.png", "imageView2/2/w/100/blur/3", "unsupported parameter"),
        ("p.png", "imageView2/2/w/100|imageView2/2/w/50", "pipes"),
        ("clip.mp4", "imageInfo", "not an image: imageInfo needs a picture"),
        ("notes.txt", "imageInfo", "not an image"),
    ],
)
def test_bad_requests_are_refused_with_a_qiniu_style_400(
    server: SandboxServer, key: str, query: str, says: str
) -> None:
    resp = requests.get(url(server, key, query), timeout=30)
    assert resp.status_code == 400
    assert resp.headers["Content-Type"] == "application/json"
    body = resp.json()
    assert body["code"] == 400
    assert says in body["error"], body


def test_parse_image_view_reads_every_parameter() -> None:
    assert parse_image_view("imageView2/2/w/480/h/270/format/jpeg/q/85") == ImageSpec(
        2, 480, 270, "jpg", 85
    )
    with pytest.raises(RealtimeError, match="mode is missing"):
        parse_image_view("imageView2")
    with pytest.raises(RealtimeError, match="given twice"):
        parse_image_view("imageView2/2/w/1/w/2")
