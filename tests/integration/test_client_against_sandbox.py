"""QiniuClient end to end against the in-process sandbox (loopback only, real ffmpeg for fops)."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import av
import imageio_ffmpeg
import pytest
import requests
from qiniu.utils import entry, etag

from qfopgui.api.client import QiniuClient
from qfopgui.api.config import Credentials, Endpoints
from qfopgui.api.errors import AuthError, NoSuchBucketError, NotFoundError
from qfopgui.api.models import JobStatus
from qfopgui.sandbox import SandboxServer
from tests.fixtures_sandbox import SANDBOX_AK, SANDBOX_BUCKET, SANDBOX_SK

pytestmark = pytest.mark.integration

MiB = 1024 * 1024


@pytest.fixture
def client(sandbox: SandboxServer) -> QiniuClient:
    c = QiniuClient(Credentials(SANDBOX_AK, SANDBOX_SK), Endpoints.single(sandbox.base_url))
    yield c  # type: ignore[misc]
    c.close()


def ffmpeg(*args: str) -> None:
    exe = imageio_ffmpeg.get_ffmpeg_exe()
    subprocess.run([exe, "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


@pytest.fixture(scope="module")
def source_mp4(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2 s, 320x240, h264 + aac: tiny but real."""
    out = tmp_path_factory.mktemp("media") / "src.mp4"
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=320x240:rate=25",
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:sample_rate=44100",
        "-t",
        "2",
        "-c:v",
        "libx264",
        "-pix_fmt",
        "yuv420p",
        "-c:a",
        "aac",
        "-shortest",
        str(out),
    )
    return out


@pytest.fixture(scope="module")
def big_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """≈12.7 MB of raw 320x240 video in Matroska (110 frames at 25 fps = 4.4 s); no encoding."""
    out = tmp_path_factory.mktemp("media") / "big.mkv"
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=320x240:rate=25",
        "-frames:v",
        "110",
        "-c:v",
        "rawvideo",
        "-pix_fmt",
        "yuv420p",
        str(out),
    )
    assert out.stat().st_size > 12 * MiB
    return out


def wait_job(client: QiniuClient, pid: str, *, deadline_s: float = 90.0) -> JobStatus:
    """Poll prefop until the job leaves the waiting/processing states."""
    end = time.monotonic() + deadline_s
    while True:
        status = client.prefop(pid)
        if status.code not in (1, 2):
            return status
        if time.monotonic() > end:
            pytest.fail(f"job {pid} still at code {status.code} after {deadline_s}s")
        time.sleep(0.2)


def download(client: QiniuClient, key: str, tmp_path: Path) -> Path:
    (domain,) = client.bucket_domains(SANDBOX_BUCKET)
    resp = requests.get(client.download_url(domain, key), timeout=30)
    resp.raise_for_status()
    out = tmp_path / key.replace("/", "_")
    out.write_bytes(resp.content)
    return out


def probe_video(path: Path) -> tuple[str, int, int, float]:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        duration = float(container.duration or 0) / av.time_base
        return stream.codec_context.name, stream.width, stream.height, duration


# -- buckets, listing, stat ------------------------------------------------------------------


def test_list_buckets_and_domains(client: QiniuClient, sandbox: SandboxServer) -> None:
    names = [b.name for b in client.list_buckets()]
    assert SANDBOX_BUCKET in names
    assert client.bucket_domains(SANDBOX_BUCKET) == [sandbox.domain(SANDBOX_BUCKET)]


def test_list_2500_objects_across_pages(client: QiniuClient, sandbox: SandboxServer) -> None:
    keys = [f"many/{i:05d}.txt" for i in range(2500)]
    for k in keys:
        sandbox.storage.put_bytes(SANDBOX_BUCKET, k, b"x")
    for j in range(3):
        sandbox.storage.put_bytes(SANDBOX_BUCKET, f"many/sub{j}/deep.txt", b"y")
    sandbox.storage.put_bytes(SANDBOX_BUCKET, "other/z.txt", b"z")

    pages = list(client.iter_pages(SANDBOX_BUCKET, prefix="many/", limit=1000))
    assert len(pages) >= 3
    listed = [i.key for p in pages for i in p.items]
    assert listed == sorted(keys + [f"many/sub{j}/deep.txt" for j in range(3)])
    assert pages[-1].marker == ""

    pages = list(client.iter_pages(SANDBOX_BUCKET, prefix="many/", delimiter="/", limit=700))
    assert len(pages) >= 4
    assert sorted(i.key for p in pages for i in p.items) == keys
    assert sorted(x for p in pages for x in p.prefixes) == [f"many/sub{j}/" for j in range(3)]

    top = client.list_page(SANDBOX_BUCKET, delimiter="/")
    assert set(top.prefixes) == {"many/", "other/"}
    assert top.items == ()


def test_stat_upload_bytes_and_delete(client: QiniuClient) -> None:
    res = client.upload_bytes(SANDBOX_BUCKET, "dir/hello.txt", b"hello", mime_type="text/plain")
    assert (res.key, res.hash) == ("dir/hello.txt", "Fqr0xh3cxeii2r7eDztILNmuqUNN")
    info = client.stat(SANDBOX_BUCKET, "dir/hello.txt")
    assert (info.fsize, info.hash, info.mime_type) == (5, res.hash, "text/plain")
    assert abs(info.modified.timestamp() - time.time()) < 60
    client.delete(SANDBOX_BUCKET, "dir/hello.txt")
    with pytest.raises(NotFoundError):
        client.stat(SANDBOX_BUCKET, "dir/hello.txt")


def test_private_download_url_is_accepted(
    sandbox_factory: Callable[..., SandboxServer], tmp_path: Path
) -> None:
    server = sandbox_factory(private_buckets=["priv-bucket"], data_dir=tmp_path / "priv")
    with QiniuClient(Credentials(SANDBOX_AK, SANDBOX_SK), Endpoints.single(server.base_url)) as c:
        c.upload_bytes("priv-bucket", "secret/a b.txt", b"top secret")
        (domain,) = c.bucket_domains("priv-bucket")
        public = requests.get(c.download_url(domain, "secret/a b.txt"), timeout=10)
        assert public.status_code == 401
        signed = requests.get(c.download_url(domain, "secret/a b.txt", private=True), timeout=10)
        assert signed.status_code == 200
        assert signed.content == b"top secret"


# -- errors --------------------------------------------------------------------------------


def test_wrong_secret_key_is_auth_error(sandbox: SandboxServer) -> None:
    bad = QiniuClient(Credentials(SANDBOX_AK, "not-the-secret"), Endpoints.single(sandbox.base_url))
    with pytest.raises(AuthError) as info:
        bad.list_buckets()
    assert info.value.status == 401
    assert info.value.reqid


def test_unknown_bucket_is_no_such_bucket(client: QiniuClient) -> None:
    with pytest.raises(NoSuchBucketError) as info:
        client.stat("no-such-bucket", "k")
    assert info.value.status == 631
    assert "“no-such-bucket”" in info.value.message
    with pytest.raises(NoSuchBucketError):
        client.list_page("no-such-bucket")


def test_unknown_key_is_not_found(client: QiniuClient) -> None:
    with pytest.raises(NotFoundError) as info:
        client.stat(SANDBOX_BUCKET, "missing.mp4")
    assert info.value.status == 612
    assert info.value.message.startswith("The file was not found")
    assert type(info.value) is NotFoundError


# -- uploads and processing ------------------------------------------------------------------


@pytest.mark.slow
def test_multipart_upload_with_persistent_ops(
    client: QiniuClient, big_video: Path, tmp_path: Path
) -> None:
    ops = f"avthumb/mp4/s/160x120|saveas/{entry(SANDBOX_BUCKET, 'big-out.mp4')}"
    token = client.upload_token(SANDBOX_BUCKET, "big.mkv", persistent_ops=ops)
    progress: list[tuple[int, int]] = []
    res = client.upload_file(
        SANDBOX_BUCKET,
        "big.mkv",
        big_video,
        token=token,
        progress=lambda a, b: progress.append((a, b)),
    )
    size = big_video.stat().st_size
    assert res.key == "big.mkv"
    assert res.persistent_id
    assert progress[0] == (0, size)
    assert progress[-1] == (size, size)
    assert len(progress) == 1 + -(-size // (4 * MiB))  # one call per 4 MiB part
    info = client.stat(SANDBOX_BUCKET, "big.mkv")
    assert info.fsize == size
    assert info.hash == res.hash == etag(str(big_video))

    status = wait_job(client, res.persistent_id)
    assert status.code == 0, status.raw
    assert status.input_key == "big.mkv"
    (item,) = status.items
    assert (item.code, item.key) == (0, "big-out.mp4")
    codec, w, h, duration = probe_video(download(client, "big-out.mp4", tmp_path))
    assert (codec, w, h) == ("h264", 160, 120)
    assert abs(duration - 4.4) <= 0.2


@pytest.mark.slow
def test_upload_file_small_goes_through_form(client: QiniuClient, source_mp4: Path) -> None:
    res = client.upload_file(SANDBOX_BUCKET, "src.mp4", source_mp4)
    assert res.hash == etag(str(source_mp4))
    assert client.stat(SANDBOX_BUCKET, "src.mp4").fsize == source_mp4.stat().st_size


@pytest.mark.slow
def test_pfop_avthumb_and_vframe(client: QiniuClient, source_mp4: Path, tmp_path: Path) -> None:
    client.upload_file(SANDBOX_BUCKET, "in/src.mp4", source_mp4)
    fops = [
        f"avthumb/mp4/s/160x120|saveas/{entry(SANDBOX_BUCKET, 'out/small.mp4')}",
        f"vframe/jpg/offset/1/w/80/h/60|saveas/{entry(SANDBOX_BUCKET, 'out/frame.jpg')}",
    ]
    pid = client.pfop(SANDBOX_BUCKET, "in/src.mp4", fops)
    status = wait_job(client, pid)
    assert status.code == 0, status.raw
    assert status.id == pid
    assert (status.input_bucket, status.input_key) == (SANDBOX_BUCKET, "in/src.mp4")
    assert status.creation_date
    assert [i.cmd for i in status.items] == fops
    assert [(i.code, i.key) for i in status.items] == [(0, "out/small.mp4"), (0, "out/frame.jpg")]
    assert all(i.hash for i in status.items)

    codec, w, h, duration = probe_video(download(client, "out/small.mp4", tmp_path))
    assert (codec, w, h) == ("h264", 160, 120)
    assert abs(duration - 2.0) <= 0.2

    jpg = download(client, "out/frame.jpg", tmp_path)
    with av.open(str(jpg)) as container:
        frame = next(container.decode(video=0))
        assert container.streams.video[0].codec_context.name == "mjpeg"
        assert (frame.width, frame.height) == (80, 60)


@pytest.mark.slow
def test_invalid_fop_parameter_fails_the_item(client: QiniuClient, source_mp4: Path) -> None:
    client.upload_file(SANDBOX_BUCKET, "bad/src.mp4", source_mp4)
    cmd = f"avthumb/mp4/s/99999x20|saveas/{entry(SANDBOX_BUCKET, 'bad/out.mp4')}"
    pid = client.pfop(SANDBOX_BUCKET, "bad/src.mp4", [cmd])
    status = wait_job(client, pid)
    assert status.code == 3
    (item,) = status.items
    assert item.code == 3
    assert item.cmd == cmd
    assert item.error_index == 0
    assert len(item.error) > 10  # a readable reason from the server, not just a code
    with pytest.raises(NotFoundError):
        client.stat(SANDBOX_BUCKET, "bad/out.mp4")


def test_prefop_unknown_id_is_not_found(client: QiniuClient) -> None:
    with pytest.raises(NotFoundError, match="processing job"):
        client.prefop("z0.000000000000000000000000")
