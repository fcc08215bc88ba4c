"""`OssClient` against the OSS sandbox (issue 10, point 2): the app's client on the real SDK.

Buckets, paged + delimited listing, stat, ranged get, put and a 12 MB multipart upload (in one
call and step by step, resumed after a stop), delete, a wrong secret, `video/convert` through
`x-oss-async-process` (a task id, then the output appears) and a presigned URL. One server for
the module; the media is a 1-second 160x120 clip made once.
"""

from __future__ import annotations

import base64
import os
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import imageio_ffmpeg
import pytest
import requests

from qfopgui.api import errors
from qfopgui.api.config import Credentials
from qfopgui.api.oss import OssClient
from qfopgui.api.resumable_upload import PartStopped, part_plan, read_part, usable_parts
from qfopgui.sandbox.oss import OssConfig, OssServer

pytestmark = pytest.mark.integration

AK, SK = "client-ak", "client-sk"
SRC, DST = "client-src", "client-dst"
REGION = "cn-hangzhou"
MB = 1024 * 1024


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OssServer]:
    data = tmp_path_factory.mktemp("oss-client")
    srv = OssServer(OssConfig(data_dir=data, credentials=[(AK, SK)], buckets=[SRC, DST]))
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def client(server: OssServer) -> Iterator[OssClient]:
    with OssClient(Credentials(AK, SK), REGION, server.base_url) as c:
        yield c


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "twelve.bin"
    path.write_bytes(os.urandom(12 * MB))
    return path


@pytest.fixture(scope="module")
def listing(client: OssClient) -> list[str]:
    keys = ["list/a.txt", "list/b c.txt", "list/d/1.txt", "list/d/2.txt", "list/中文.txt"]
    for key in keys:
        client.upload_bytes(SRC, key, key.encode())
    return keys


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def test_list_buckets(client: OssClient) -> None:
    buckets = {b.name: b for b in client.list_buckets()}
    assert {SRC, DST} <= set(buckets)
    assert buckets[SRC].region


def test_paged_and_delimited_listing(client: OssClient, listing: list[str]) -> None:
    pages = list(client.iter_pages(SRC, prefix="list/", limit=2))
    assert len(pages) == 3
    assert [i.key for p in pages for i in p.items] == sorted(listing)
    assert pages[-1].marker == ""
    top = client.list_page(SRC, prefix="list/", delimiter="/")
    assert top.prefixes == ("list/d/",)
    assert [i.key for i in top.items] == ["list/a.txt", "list/b c.txt", "list/中文.txt"]
    assert top.items[0].fsize == len(b"list/a.txt")
    assert top.marker == ""


def test_stat_and_ranged_get(client: OssClient) -> None:
    data = bytes(range(256)) * 4
    put = client.upload_bytes(SRC, "range/x.bin", data, mime_type="application/x-test")
    info = client.stat(SRC, "range/x.bin")
    assert (info.fsize, info.hash, info.mime_type) == (1024, put.hash, "application/x-test")
    assert info.put_time > 0
    assert client.get_range(SRC, "range/x.bin", 10, 5) == data[10:15]
    assert client.get_range(SRC, "range/x.bin", 1020, 100) == data[1020:]


def test_missing_things_are_named(client: OssClient) -> None:
    with pytest.raises(errors.NotFoundError) as caught:
        client.stat(SRC, "no/such.txt")
    assert caught.value.params["key"] == "no/such.txt"
    assert caught.value.reqid
    with pytest.raises(errors.NoSuchBucketError):
        client.list_page("no-such-bucket")
    with pytest.raises(errors.BadRequestError) as bad:
        client.stat("Bad_Bucket", "k")  # refused by the SDK before anything is sent
    assert bad.value.params == {"bucket": "Bad_Bucket"}
    with pytest.raises(errors.InvalidKeyError):
        client.stat(SRC, "")


def test_delete(client: OssClient) -> None:
    client.upload_bytes(SRC, "gone.txt", b"x")
    client.delete(SRC, "gone.txt")
    with pytest.raises(errors.NotFoundError):
        client.stat(SRC, "gone.txt")


def test_small_file_upload_reports_progress(client: OssClient, tmp_path: Path) -> None:
    path = tmp_path / "small.bin"
    path.write_bytes(os.urandom(300_000))
    seen: list[tuple[int, int]] = []
    result = client.upload_file(
        SRC, "up/small.bin", path, progress=lambda d, t: seen.append((d, t))
    )
    assert seen[-1] == (300_000, 300_000)
    assert client.stat(SRC, "up/small.bin").hash == result.hash


def test_12_mb_multipart_upload(client: OssClient, big_file: Path) -> None:
    seen: list[int] = []
    result = client.upload_file(
        SRC, "up/twelve.bin", big_file, progress=lambda d, _t: seen.append(d)
    )
    assert result.hash.endswith("-3")  # three 4 MiB parts
    assert seen == sorted(seen)
    assert seen[-1] == 12 * MB
    assert client.stat(SRC, "up/twelve.bin").fsize == 12 * MB
    assert client.get_range(SRC, "up/twelve.bin", 12 * MB - 8, 8) == big_file.read_bytes()[-8:]


def test_multipart_steps_resume_after_a_stop(client: OssClient, big_file: Path) -> None:
    steps = client.multipart_session(SRC, "up/resumed.bin")
    plan = part_plan(big_file.stat().st_size)
    session = steps.init()
    first = steps.put_part(session.upload_id, plan[0], read_part(big_file, plan[0]))
    stop = threading.Event()
    sent: list[int] = []

    def stop_midway(done: int) -> None:
        sent.append(done)
        if done >= MB:
            stop.set()  # as the user's cancel would, from another thread

    with pytest.raises(PartStopped):
        steps.put_part(
            session.upload_id, plan[1], read_part(big_file, plan[1]), sent=stop_midway, stop=stop
        )
    assert MB <= max(sent) < plan[1].size  # it stopped part-way
    with pytest.raises(PartStopped):  # a set flag stops the next part before it is sent
        steps.put_part(session.upload_id, plan[2], read_part(big_file, plan[2]), stop=stop)
    # "after a restart": ask the server what it holds, send only the rest
    held = usable_parts(plan, steps.list_parts(session.upload_id))
    assert held == {1: first}
    for part in plan[1:]:
        held[part.number] = steps.put_part(session.upload_id, part, read_part(big_file, part))
    result = steps.complete(session.upload_id, held)
    assert client.stat(SRC, "up/resumed.bin").hash == result.hash
    with pytest.raises(errors.NotFoundError):
        steps.list_parts(session.upload_id)  # completed: the upload is gone


def test_aborted_upload_is_gone(client: OssClient) -> None:
    steps = client.multipart_session(SRC, "up/aborted.bin")
    session = steps.init()
    steps.abort(session.upload_id)
    with pytest.raises(errors.NotFoundError) as caught:
        steps.list_parts(session.upload_id)
    assert caught.value.status == 404


def test_one_client_serves_many_threads(client: OssClient) -> None:
    def work(n: int) -> tuple[int, int]:
        key = f"threads/{n}.bin"
        client.upload_bytes(SRC, key, bytes([n]) * (n + 1))
        return client.stat(SRC, key).fsize, client.get_range(SRC, key, 0, 1)[0]

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(work, range(12)))
    assert results == [(n + 1, n) for n in range(12)]


def test_wrong_secret_is_an_auth_error(server: OssServer) -> None:
    with OssClient(Credentials(AK, "wrong-secret"), REGION, server.base_url) as bad:
        with pytest.raises(errors.AuthError) as caught:
            bad.list_buckets()
        assert caught.value.status == 403
        assert "SignatureDoesNotMatch" in (caught.value.server_message or "")
        with pytest.raises(errors.AuthError):
            bad.async_process(SRC, "list/a.txt", "video/convert,f_mp4")


def test_presigned_url_is_fetchable(client: OssClient) -> None:
    client.upload_bytes(SRC, "dl/hello world.txt", b"hello")
    url = client.download_url(SRC, "dl/hello world.txt", expires=600)
    assert "x-oss-signature" in url
    answer = requests.get(url, timeout=10)
    assert answer.status_code == 200
    assert answer.content == b"hello"
    tampered = url.replace("hello%20world", "hello%20there")
    assert requests.get(tampered, timeout=10).status_code == 403


def test_video_convert_returns_a_task_id_and_the_output_appears(
    server: OssServer, client: OssClient, tmp_path: Path
) -> None:
    clip = tmp_path / "clip.mp4"
    subprocess.run(
        [
            imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y",
            "-f", "lavfi", "-i", "testsrc=size=160x120:rate=15:duration=1",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(clip),
        ],
        check=True,
    )  # fmt: skip
    client.upload_file(SRC, "media/clip.mp4", clip)
    out = "converted/clip.mp4"
    process = f"video/convert,f_mp4,vcodec_h264,s_80x60|sys/saveas,o_{_b64(out)},b_{_b64(DST)}"
    task = client.submit_process(SRC, "media/clip.mp4", process)
    assert task.task_id.startswith("MediaConvert-")
    assert task.event_id
    assert task.request_id
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        record = server.worker.task(task.task_id)
        if record is not None and record.status != "Running":
            break
        time.sleep(0.05)
    assert record is not None
    assert record.status == "Succeeded"
    assert client.stat(DST, out).fsize > 0
    with pytest.raises(errors.NotFoundError):
        client.async_process(SRC, "media/missing.mp4", process)
