"""The official qiniu SDK, unmodified, against the in-process sandbox.

The SDK is pointed at the sandbox only through ``qiniu.config.set_default`` (restored after each
test) and its regions cache is redirected into ``tmp_path`` so nothing leaks between runs.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

import av
import imageio_ffmpeg
import pytest
import qiniu
from qiniu.utils import entry, etag

from qfopgui.sandbox import SandboxServer
from tests.fixtures_sandbox import SANDBOX_BUCKET

pytestmark = pytest.mark.integration


def _ffmpeg(*args: str) -> None:
    exe = imageio_ffmpeg.get_ffmpeg_exe()
    subprocess.run([exe, "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


def test_buckets_list_and_stat(sandbox: SandboxServer, sdk: qiniu.Auth) -> None:
    bm = qiniu.BucketManager(sdk)
    names, info = bm.buckets()
    assert info.status_code == 200
    assert names == [SANDBOX_BUCKET]
    domains, _ = bm.list_domains(SANDBOX_BUCKET)
    assert domains == [sandbox.domain(SANDBOX_BUCKET)]

    storage = sandbox.storage
    expected_dirs = [f"dir{d}/" for d in range(5)]
    for i in range(2500):
        storage.put_bytes(SANDBOX_BUCKET, f"data/dir{i % 5}/{i:05d}.txt", b"x")
    for i in range(30):
        storage.put_bytes(SANDBOX_BUCKET, f"data/top{i:02d}.txt", b"y")
    storage.put_bytes(SANDBOX_BUCKET, "elsewhere.txt", b"z")

    keys: list[str] = []
    marker: str | None = None
    pages = 0
    while True:
        ret, eof, info = bm.list(SANDBOX_BUCKET, prefix="data/", marker=marker, limit=1000)
        assert info.status_code == 200
        pages += 1
        keys += [item["key"] for item in ret["items"]]
        if eof:
            break
        marker = ret["marker"]
    assert pages == 3
    assert len(keys) == 2530
    assert keys == sorted(keys)
    assert "elsewhere.txt" not in keys

    ret, eof, _ = bm.list(SANDBOX_BUCKET, prefix="data/", delimiter="/", limit=1000)
    assert eof
    assert ret["commonPrefixes"] == [f"data/{d}" for d in expected_dirs]
    assert len(ret["items"]) == 30

    # small pages with a delimiter: every prefix and item appears exactly once
    seen: list[str] = []
    marker = None
    while True:
        ret, eof, _ = bm.list(SANDBOX_BUCKET, prefix="data/", delimiter="/", marker=marker, limit=7)
        seen += ret.get("commonPrefixes", []) + [i["key"] for i in ret["items"]]
        if eof:
            break
        marker = ret["marker"]
    assert sorted(seen) == sorted([f"data/{d}" for d in expected_dirs] + keys[-30:])
    assert len(seen) == 35

    stat, info = bm.stat(SANDBOX_BUCKET, "data/dir0/00000.txt")
    assert info.status_code == 200
    assert stat["fsize"] == 1
    assert stat["hash"] == storage.stat(SANDBOX_BUCKET, "data/dir0/00000.txt").hash
    _, info = bm.stat(SANDBOX_BUCKET, "missing")
    assert info.status_code == 612


def _wait_done(
    pfop: qiniu.PersistentFop, persistent_id: str, timeout: float = 120
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ret, info = pfop.get_status(persistent_id)
        assert info.status_code == 200, info.text_body
        if ret["code"] not in (1, 2):
            return ret
        time.sleep(0.2)
    raise AssertionError(f"{persistent_id} did not finish in {timeout}s")


@pytest.mark.slow
def test_uploads_and_pfop(sandbox: SandboxServer, sdk: qiniu.Auth, tmp_path: Path) -> None:
    bucket = SANDBOX_BUCKET
    # put_data (form upload) of a small real clip
    clip = tmp_path / "clip.mp4"
    _ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=640x360:rate=25:duration=3",
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:duration=3",
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-pix_fmt",
        "yuv420p",
        "-c:a",
        "aac",
        "-shortest",
        str(clip),
    )
    ret, info = qiniu.put_data(
        sdk.upload_token(bucket, "src/clip.mp4"), "src/clip.mp4", clip.read_bytes()
    )
    assert info.status_code == 200, info.text_body
    assert ret == {"hash": etag(str(clip)), "key": "src/clip.mp4"}

    # put_file_v2 of a >8 MiB video → multipart v2, with persistentOps in the token
    big = tmp_path / "big.mp4"
    _ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=320x240:rate=25:duration=4,noise=alls=60:allf=t",
        "-f",
        "lavfi",
        "-i",
        "sine=duration=4",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-qp",
        "8",
        "-pix_fmt",
        "yuv420p",
        "-c:a",
        "aac",
        "-shortest",
        str(big),
    )
    assert big.stat().st_size > 8 * 1024 * 1024
    frame_key = "out/big-frame.jpg"
    policy = {"persistentOps": f"vframe/jpg/offset/1|saveas/{entry(bucket, frame_key)}"}
    hits_before = sandbox.hits
    ret, info = qiniu.put_file_v2(
        sdk.upload_token(bucket, "src/big.mp4", policy=policy), "src/big.mp4", str(big)
    )
    assert info.status_code == 200, info.text_body
    assert ret["key"] == "src/big.mp4"
    assert ret["hash"] == etag(str(big))
    hits = sandbox.hits
    assert hits["mp_init"] - hits_before["mp_init"] == 1
    assert hits["mp_part"] - hits_before["mp_part"] >= 3
    assert hits["mp_complete"] - hits_before["mp_complete"] == 1
    assert hits["form_upload"] - hits_before["form_upload"] == 0

    pfop = qiniu.PersistentFop(sdk, bucket)
    upload_status = _wait_done(pfop, ret["persistentId"])
    assert upload_status["code"] == 0, upload_status
    frame_obj = sandbox.storage.stat(bucket, frame_key)
    assert frame_obj is not None
    with av.open(str(frame_obj.path)) as img:
        stream = img.streams.video[0]
        assert (stream.width, stream.height) == (320, 240)

    # PersistentFop.execute: avthumb mp4 + vframe jpg, both with saveas
    out_mp4, out_jpg = "out/clip-320x180.mp4", "out/clip-thumb.jpg"
    fops = [
        qiniu.op_save(qiniu.build_op("avthumb", "mp4", s="320x180", t="2"), bucket, out_mp4),
        qiniu.op_save(
            qiniu.build_op("vframe", "jpg", offset="1", w="160", h="90"), bucket, out_jpg
        ),
    ]
    ret, info = pfop.execute("src/clip.mp4", fops=fops, force=1)
    assert info.status_code == 200, info.text_body
    status = _wait_done(pfop, ret["persistentId"])
    assert status["code"] == 0, status
    assert status["inputKey"] == "src/clip.mp4"
    assert [item["code"] for item in status["items"]] == [0, 0]
    assert [item["key"] for item in status["items"]] == [out_mp4, out_jpg]

    mp4 = sandbox.storage.stat(bucket, out_mp4)
    assert mp4 is not None
    assert status["items"][0]["hash"] == mp4.hash
    with av.open(str(mp4.path)) as media:
        video = media.streams.video[0]
        assert video.codec_context.name == "h264"
        assert (video.width, video.height) == (320, 180)
        assert abs(media.duration / 1_000_000 - 2.0) <= 0.2
    jpg = sandbox.storage.stat(bucket, out_jpg)
    assert jpg is not None
    with av.open(str(jpg.path)) as img:
        stream = img.streams.video[0]
        assert stream.codec_context.name == "mjpeg"
        assert (stream.width, stream.height) == (160, 90)

    # the outputs are downloadable through the bucket domain like any object
    bm = qiniu.BucketManager(sdk)
    stat, info = bm.stat(bucket, out_mp4)
    assert info.status_code == 200
    assert stat["mimeType"] == "video/mp4"
