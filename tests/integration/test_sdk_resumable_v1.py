"""Resumable upload v1 (mkblk/bput/mkfile): the official qiniu SDK, unmodified, on the sandbox."""

from __future__ import annotations

import io
import os
import subprocess
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import imageio_ffmpeg
import pytest
import qiniu
import requests
from qiniu.utils import entry, etag, urlsafe_base64_encode

from qfopgui.sandbox import SandboxServer
from tests.fixtures_sandbox import SANDBOX_AK, SANDBOX_BUCKET, SANDBOX_SK

pytestmark = pytest.mark.integration

MIB = 1024 * 1024


def _random_file(path: Path, size: int) -> Path:
    path.write_bytes(os.urandom(size))
    return path


def _delta(sandbox: SandboxServer, before: dict[str, int], name: str) -> int:
    return sandbox.hits[name] - before.get(name, 0)


def test_put_file_default_and_explicit_v1(
    sandbox: SandboxServer, sdk: qiniu.Auth, tmp_path: Path
) -> None:
    src = _random_file(tmp_path / "big.bin", 12_000_000)
    before = dict(sandbox.hits)
    token = sdk.upload_token(SANDBOX_BUCKET, "v1/default.bin")
    ret, info = qiniu.put_file(token, "v1/default.bin", str(src))
    assert info.status_code == 200, info.text_body
    assert ret == {"hash": etag(str(src)), "key": "v1/default.bin"}
    # > 8 MiB picks resumable v1 by default: three 4 MiB blocks, one mkfile, no form/v2
    assert _delta(sandbox, before, "v1_mkblk") == 3
    assert _delta(sandbox, before, "v1_mkfile") == 1
    assert _delta(sandbox, before, "mp_init") == 0
    assert _delta(sandbox, before, "form_upload") == 0
    stored = sandbox.storage.stat(SANDBOX_BUCKET, "v1/default.bin")
    assert stored is not None
    assert stored.path.read_bytes() == src.read_bytes()

    before = dict(sandbox.hits)
    token = sdk.upload_token(SANDBOX_BUCKET, "v1/explicit.bin")
    ret, info = qiniu.put_file(
        token, "v1/explicit.bin", str(src), version="v1", params={"x:tag": "hello"}
    )
    assert info.status_code == 200, info.text_body
    assert ret["hash"] == etag(str(src))
    assert _delta(sandbox, before, "v1_mkblk") == 3
    # blocks are consumed by mkfile
    assert not list((sandbox.config.data_dir / "uploads").glob("v1-*"))


def test_put_stream_and_return_body(sandbox: SandboxServer, sdk: qiniu.Auth) -> None:
    data = os.urandom(5 * MIB + 123)
    policy = {"returnBody": '{"k":"$(key)","s":$(fsize),"n":"$(fname)","t":"$(x:tag)"}'}
    token = sdk.upload_token(SANDBOX_BUCKET, "v1/stream.bin", policy=policy)
    ret, info = qiniu.put_stream(
        token,
        "v1/stream.bin",
        io.BytesIO(data),
        "stream.bin",
        len(data),
        params={"x:tag": "t1"},
    )
    assert info.status_code == 200, info.text_body
    assert ret == {"k": "v1/stream.bin", "s": len(data), "n": "stream.bin", "t": "t1"}
    stored = sandbox.storage.stat(SANDBOX_BUCKET, "v1/stream.bin")
    assert stored is not None
    assert stored.path.read_bytes() == data


def _wait_done(pfop: qiniu.PersistentFop, persistent_id: str, timeout: float = 45) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ret, info = pfop.get_status(persistent_id)
        assert info.status_code == 200, info.text_body
        if ret["code"] not in (1, 2):
            return ret
        time.sleep(0.2)
    raise AssertionError(f"{persistent_id} did not finish in {timeout}s")


def test_persistent_ops_on_real_clip(
    sandbox: SandboxServer, sdk: qiniu.Auth, tmp_path: Path
) -> None:
    clip = tmp_path / "noisy.mp4"
    subprocess.run(
        [
            imageio_ffmpeg.get_ffmpeg_exe(),
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x240:rate=25:duration=2,noise=alls=60:allf=t",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-qp",
            "8",
            "-pix_fmt",
            "yuv420p",
            str(clip),
        ],
        check=True,
    )
    assert clip.stat().st_size > 4 * MIB  # at least two v1 blocks
    frame_key = "out/v1-frame.jpg"
    policy = {"persistentOps": f"vframe/jpg/offset/1|saveas/{entry(SANDBOX_BUCKET, frame_key)}"}
    token = sdk.upload_token(SANDBOX_BUCKET, "v1/clip.mp4", policy=policy)
    before = dict(sandbox.hits)
    with clip.open("rb") as fh:
        ret, info = qiniu.put_stream(
            token, "v1/clip.mp4", fh, "clip.mp4", clip.stat().st_size, version="v1"
        )
    assert info.status_code == 200, info.text_body
    assert ret["hash"] == etag(str(clip))
    assert _delta(sandbox, before, "v1_mkblk") >= 2
    status = _wait_done(qiniu.PersistentFop(sdk, SANDBOX_BUCKET), ret["persistentId"])
    assert status["code"] == 0, status
    assert sandbox.storage.stat(SANDBOX_BUCKET, frame_key) is not None


def test_resume_from_record_after_interruption(
    sandbox: SandboxServer, sdk: qiniu.Auth, tmp_path: Path
) -> None:
    src = _random_file(tmp_path / "resume.bin", 12_000_000)
    (tmp_path / "records").mkdir()
    recorder = qiniu.UploadProgressRecorder(str(tmp_path / "records"))
    token = sdk.upload_token(SANDBOX_BUCKET, "v1/resume.bin")

    def stop_after_first_block(uploaded: int, total: int) -> None:
        raise RuntimeError("interrupted by the test")

    before = dict(sandbox.hits)
    with pytest.raises(RuntimeError, match="interrupted by the test"):
        qiniu.put_file(
            token,
            "v1/resume.bin",
            str(src),
            version="v1",
            keep_last_modified=True,
            metadata={},
            upload_progress_recorder=recorder,
            progress_handler=stop_after_first_block,
        )
    # the SDK sends blocks concurrently, so more than one may have left before the exception
    assert _delta(sandbox, before, "v1_mkfile") == 0
    assert sandbox.storage.stat(SANDBOX_BUCKET, "v1/resume.bin") is None
    record = recorder.get_upload_record("resume.bin", "v1/resume.bin")
    recorded = len(record["contexts"])
    assert 1 <= recorded < 3
    # blocks of the first attempt still on the wire finish on the SDK's worker threads after the
    # exception: let them land before counting what the second attempt sends
    _settle(sandbox, "v1_mkblk")

    before = dict(sandbox.hits)
    ret, info = qiniu.put_file(
        token,
        "v1/resume.bin",
        str(src),
        version="v1",
        keep_last_modified=True,
        metadata={},
        upload_progress_recorder=recorder,
    )
    assert info.status_code == 200, info.text_body
    assert ret["hash"] == etag(str(src))
    # the recorded blocks' contexts are reused: only the missing blocks are sent again
    assert _delta(sandbox, before, "v1_mkblk") == 3 - recorded
    assert _delta(sandbox, before, "v1_mkfile") == 1


def _settle(sandbox: SandboxServer, route: str, quiet: float = 0.5, limit: float = 10) -> None:
    """Until `route` saw no new request for `quiet` seconds."""
    deadline = time.monotonic() + limit
    last, since = sandbox.hits[route], time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        now = sandbox.hits[route]
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return


def _post(base: str, path: str, body: bytes, token: str) -> requests.Response:
    return requests.post(
        base + path, data=body, headers={"Authorization": f"UpToken {token}"}, timeout=10
    )


def test_contexts_survive_restart_and_errors(
    sandbox_factory: Callable[..., SandboxServer], tmp_path: Path
) -> None:
    token = qiniu.Auth(SANDBOX_AK, SANDBOX_SK).upload_token(SANDBOX_BUCKET, "v1/raw.bin")
    first, second = os.urandom(1000), os.urandom(500)
    server = sandbox_factory()
    bad_crc = _post(server.base_url, "/mkblk/1500?crc32=1", first, token)
    assert bad_crc.status_code == 400
    assert _post(server.base_url, "/mkblk/1500", first, "not-a-token").status_code == 401
    assert _post(server.base_url, "/mkblk/0", first, token).status_code == 400
    blk = _post(server.base_url, f"/mkblk/1500?crc32={zlib.crc32(first)}", first, token)
    assert blk.status_code == 200, blk.text
    answer = blk.json()
    assert set(answer) == {"ctx", "checksum", "crc32", "offset", "host", "expired_at"}
    assert answer["crc32"] == zlib.crc32(first)
    assert answer["offset"] == 1000
    assert answer["expired_at"] > time.time() + 6 * 24 * 3600
    server.stop()

    server = sandbox_factory()  # same data dir, new process state
    base = server.base_url
    assert _post(base, "/bput/v1-" + "0" * 32 + "_1000/1000", second, token).status_code == 701
    assert _post(base, f"/bput/{answer['ctx']}/999", second, token).status_code == 701
    put = _post(base, f"/bput/{answer['ctx']}/1000", second, token)
    assert put.status_code == 200, put.text
    last_ctx = put.json()["ctx"]
    # the earlier ctx is stale once the block has grown
    assert _post(base, f"/bput/{answer['ctx']}/1000", second, token).status_code == 701
    # a ctx whose block is not complete, or a size that does not add up, is refused
    assert _post(base, "/mkfile/1000", answer["ctx"].encode(), token).status_code == 701
    assert _post(base, "/mkfile/1499", last_ctx.encode(), token).status_code == 400
    key = urlsafe_base64_encode("v1/raw.bin")
    done = _post(base, f"/mkfile/1500/key/{key}", last_ctx.encode(), token)
    assert done.status_code == 200, done.text
    stored = server.storage.stat(SANDBOX_BUCKET, "v1/raw.bin")
    assert stored is not None
    assert stored.path.read_bytes() == first + second
    # the blocks are consumed: the same ctx cannot finalize twice
    assert _post(base, f"/mkfile/1500/key/{key}", last_ctx.encode(), token).status_code == 701
