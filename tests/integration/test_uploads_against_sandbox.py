"""The upload service against the real sandbox (real QiniuClient, real ffmpeg processing).

The app "dies" halfway through a multipart upload with "MP4 H.264 720p" applied on upload; a new
service on the same uploads.sqlite3 resumes it: the part PUTs the sandbox counts show that no
finished part was sent again, the object's etag is the local file's, and the job the upload
created is polled to Done by the real JobsService, with real media as its output. Also: a
network failure mid-upload, shutdown versus cancel, a completing upload whose file already
arrived, a session the server forgot, and the form path with keep-both and a job.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import imageio_ffmpeg
import pytest
import requests
from qiniu.utils import etag

from qfopgui.api.client import QiniuClient
from qfopgui.api.config import Credentials, Endpoints
from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.core.presets import builtin_preset
from qfopgui.sandbox import SandboxServer
from qfopgui.services import upload_messages as M
from qfopgui.services.upload_records import NewUpload, UploadRecords
from qfopgui.services.upload_types import (
    ConflictChoice,
    TranscodeOnUpload,
    Transfer,
    TransferState,
)
from tests.fixtures_sandbox import SANDBOX_AK, SANDBOX_BUCKET, SANDBOX_SK
from tests.helpers.aio import wait_until
from tests.integration.upload_harness import (
    AppRun,
    Killed,
    WatchedClient,
    parts_of,
    until_state,
)

pytestmark = [pytest.mark.integration]

T = TypeVar("T")
MiB = 1024 * 1024
PROFILE = "sandbox"
PRESET = "MP4 H.264 720p"


def ffmpeg(*args: str) -> None:
    exe = imageio_ffmpeg.get_ffmpeg_exe()
    subprocess.run([exe, "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """≈20 MB of real media (raw 640x480 video + PCM audio, 1.8 s): 5 parts of 4 MiB."""
    out = tmp_path_factory.mktemp("media") / "clip.mkv"
    ffmpeg(
        *("-f", "lavfi", "-i", "testsrc=size=640x480:rate=25"),
        *("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"),
        *("-frames:v", "45", "-c:v", "rawvideo", "-pix_fmt", "yuv420p"),
        *("-c:a", "pcm_s16le", "-shortest", str(out)),
    )
    assert 19 * MiB < out.stat().st_size <= 20 * MiB
    return out


@pytest.fixture(scope="module")
def small_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2 s H.264 clip of a few KB: the form upload path."""
    out = tmp_path_factory.mktemp("media") / "small.mp4"
    ffmpeg(
        *("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-t", "2"),
        *("-c:v", "libx264", "-pix_fmt", "yuv420p", str(out)),
    )
    return out


def random_file(path: Path, size: int) -> Path:
    path.write_bytes(os.urandom(size))
    return path


@pytest.fixture
def client(sandbox: SandboxServer) -> Iterator[QiniuClient]:
    c = QiniuClient(
        Credentials(SANDBOX_AK, SANDBOX_SK), Endpoints.single(sandbox.base_url), backoff=0.01
    )
    yield c
    c.close()


# --- the acceptance test -----------------------------------------------------------------------


@pytest.mark.slow
def test_killed_halfway_resumes_without_resending_parts_and_the_job_is_done(
    sandbox: SandboxServer, client: QiniuClient, clip: Path, tmp_path: Path
) -> None:
    key = "videos/clip.mkv"
    total_parts = parts_of(clip.stat().st_size)
    assert total_parts == 5

    def die_at_third(n: int) -> None:
        if n >= 3:
            raise Killed

    dying = WatchedClient(client, on_part=die_at_third)
    first = AppRun(tmp_path, dying)

    async def run_until_death() -> None:
        first.start_jobs()
        scan = await first.uploads.scan(PROFILE, SANDBOX_BUCKET, "videos/", [clip])
        assert scan.existing == frozenset()
        preset = TranscodeOnUpload((builtin_preset(PRESET),))
        await first.uploads.enqueue(scan, conflicts=ConflictChoice.SKIP, transcode=preset)
        await wait_until(lambda: dying.started >= 3 and dying.finished == 2, timeout=20)
        # the app dies here: no shutdown, the loop and its tasks are simply dropped

    asyncio.run(run_until_death())
    first.close_pools()
    assert sandbox.hits["mp_part"] == 2
    assert sandbox.hits["mp_abort"] == 0  # an interruption never aborts the session
    assert sandbox.hits["mp_complete"] == 0

    second = AppRun(tmp_path, client)
    before = sandbox.hits

    async def run_after_restart() -> tuple[Transfer, JobRecord]:
        second.start_jobs()
        await second.uploads.resume_pending()
        done = await until_state(second, TransferState.DONE)
        assert done.job_id is not None
        job_id = done.job_id

        async def job_done() -> JobRecord:
            while True:
                job = await second.job(job_id)
                assert job is not None
                if job.state.is_terminal:
                    return job
                await asyncio.sleep(0.1)

        job = await asyncio.wait_for(job_done(), 40)
        await second.stop()
        return done, job

    try:
        done, job = asyncio.run(run_after_restart())
    finally:
        second.close_pools()
        first.records.close()
    hits = sandbox.hits
    assert hits["mp_part"] - before["mp_part"] == total_parts - 2  # only the missing parts
    assert hits["mp_part"] == total_parts
    assert (hits["mp_init"], hits["mp_list"], hits["mp_complete"], hits["mp_abort"]) == (1, 1, 1, 0)
    assert done.resumed
    assert (
        done.note
        == f"Continued the earlier upload: 2 of {total_parts} parts were already on the server."
    )
    assert (done.key, done.sent, done.size) == (key, clip.stat().st_size, clip.stat().st_size)
    assert done.presets == (PRESET,)
    info = client.stat(SANDBOX_BUCKET, key)
    assert info.hash == etag(str(clip))
    assert info.fsize == clip.stat().st_size

    assert job.state is JobState.DONE, job.error
    assert job.persistent_id
    assert (job.bucket, job.key, job.batch_id) == (SANDBOX_BUCKET, key, done.batch_id)
    (output,) = job.outputs
    assert output == "videos/clip_mp4-h-264-720p.mp4"
    assert client.stat(SANDBOX_BUCKET, output).fsize > 0
    url = client.download_url(sandbox.domain(SANDBOX_BUCKET), output, query="avinfo")
    probe = requests.get(url, timeout=10).json()
    assert float(probe["format"]["duration"]) > 0
    video = next(s for s in probe["streams"] if s["codec_type"] == "video")
    assert (video["codec_name"], int(video["height"])) == ("h264", 720)


# --- failures and choices -----------------------------------------------------------------------


def test_a_network_failure_mid_upload_fails_and_retry_sends_only_the_rest(
    sandbox: SandboxServer, client: QiniuClient, tmp_path: Path
) -> None:
    path = random_file(tmp_path / "data.bin", 13 * MiB)  # 4 parts

    def network_down_at_third(n: int) -> None:
        if n == 3:
            sandbox.faults.drop_rate = 1.0  # every request is cut off without an answer

    flaky = WatchedClient(client, on_part=network_down_at_third)
    app = AppRun(tmp_path / "app", flaky, part_concurrency=1)

    async def scenario() -> tuple[Transfer, Transfer]:
        scan = await app.uploads.scan(PROFILE, SANDBOX_BUCKET, "", [path])
        await app.uploads.enqueue(scan, conflicts=ConflictChoice.SKIP)
        failed = await until_state(app, TransferState.FAILED)
        sandbox.faults.drop_rate = 0.0
        await app.uploads.retry([failed.id])
        done = await until_state(app, TransferState.DONE)
        await app.stop()
        return failed, done

    try:
        failed, done = asyncio.run(scenario())
    finally:
        sandbox.faults.drop_rate = 0.0
        app.close_pools()
    assert failed.error_template == M.RESUMABLE
    assert "Retry continues from where it stopped" in failed.error
    assert failed.sent == 8 * MiB  # the two parts on the server are kept and shown
    hits = sandbox.hits
    assert hits["mp_part"] == 4  # dropped requests never reach a route; none was re-sent
    assert (hits["mp_init"], hits["mp_abort"]) == (1, 0)
    assert done.resumed
    assert client.stat(SANDBOX_BUCKET, "data.bin").hash == etag(str(path))


def test_a_file_changed_since_it_failed_is_sent_again_from_the_start(
    sandbox: SandboxServer, client: QiniuClient, tmp_path: Path
) -> None:
    path = random_file(tmp_path / "edited.bin", 9 * MiB)

    def network_down_at_second(n: int) -> None:
        if n == 2:
            sandbox.faults.drop_rate = 1.0

    app = AppRun(tmp_path / "app", WatchedClient(client, on_part=network_down_at_second))

    async def scenario() -> Transfer:
        scan = await app.uploads.scan(PROFILE, SANDBOX_BUCKET, "", [path])
        await app.uploads.enqueue(scan, conflicts=ConflictChoice.SKIP)
        failed = await until_state(app, TransferState.FAILED)
        sandbox.faults.drop_rate = 0.0
        random_file(path, 10 * MiB)  # edited meanwhile: the kept part is of no use now
        await app.uploads.retry([failed.id])
        done = await until_state(app, TransferState.DONE)
        await app.stop()
        return done

    try:
        done = asyncio.run(scenario())
    finally:
        sandbox.faults.drop_rate = 0.0
        app.close_pools()
    assert done.note == M.FILE_CHANGED
    assert done.size == 10 * MiB
    hits = sandbox.hits
    assert (hits["mp_init"], hits["mp_abort"]) == (2, 1)  # the old session is thrown away
    assert client.stat(SANDBOX_BUCKET, "edited.bin").hash == etag(str(path))


def test_shutdown_keeps_the_session_cancel_aborts_it_and_retry_starts_over(
    sandbox: SandboxServer, client: QiniuClient, tmp_path: Path
) -> None:
    path = random_file(tmp_path / "held.bin", 9 * MiB)  # 3 parts
    release = threading.Event()

    def hold_second(n: int) -> None:
        if n in (2, 4):  # the second part of each run waits until the test lets it go
            release.wait(10)

    held = WatchedClient(client, on_part=hold_second)
    first = AppRun(tmp_path / "app", held, part_concurrency=1)

    async def quit_mid_upload() -> None:
        scan = await first.uploads.scan(PROFILE, SANDBOX_BUCKET, "", [path])
        await first.uploads.enqueue(scan, conflicts=ConflictChoice.SKIP)
        await wait_until(lambda: held.started == 2, timeout=10)
        await first.uploads.shutdown()
        release.set()  # the held part now sees its stop flag and goes no further

    asyncio.run(quit_mid_upload())
    first.close_pools()
    (rec,) = UploadRecords(tmp_path / "app" / "uploads.sqlite3").records()
    assert rec.state is TransferState.UPLOADING
    assert rec.upload_id
    assert sandbox.hits["mp_abort"] == 0
    release.clear()

    second = AppRun(tmp_path / "app", held, part_concurrency=1)

    async def cancel_then_retry() -> tuple[Transfer, Transfer]:
        await second.uploads.resume_pending()
        await wait_until(lambda: held.started == 4, timeout=10)
        await second.uploads.cancel([rec.id])
        (cancelled,) = second.uploads.transfers()
        release.set()
        await second.uploads.retry([rec.id])
        done = await until_state(second, TransferState.DONE)
        await second.stop()
        return cancelled, done

    try:
        cancelled, done = asyncio.run(cancel_then_retry())
    finally:
        release.set()
        second.close_pools()
    assert cancelled.state is TransferState.CANCELLED
    assert cancelled.sent == 0
    hits = sandbox.hits
    assert hits["mp_abort"] == 1
    assert hits["mp_init"] == 2  # Retry after Cancel is a new session
    assert not done.resumed
    assert client.stat(SANDBOX_BUCKET, "held.bin").hash == etag(str(path))


def test_at_start_a_completing_upload_whose_file_arrived_is_done_and_a_forgotten_session_restarts(
    sandbox: SandboxServer, client: QiniuClient, tmp_path: Path
) -> None:
    arrived = random_file(tmp_path / "arrived.bin", 5 * MiB)
    client.upload_file(SANDBOX_BUCKET, "arrived.bin", arrived)
    forgotten = random_file(tmp_path / "forgotten.bin", 5 * MiB)
    records = UploadRecords(tmp_path / "app" / "uploads.sqlite3")

    made = records.add(
        [
            NewUpload(
                PROFILE,
                SANDBOX_BUCKET,
                key,
                str(p),
                p.stat().st_size,
                p.stat().st_mtime_ns,
                4 * MiB,
            )
            for key, p in (("arrived.bin", arrived), ("forgotten.bin", forgotten))
        ]
    )
    records.update(made[0].id, state=TransferState.COMPLETING, file_etag=etag(str(arrived)))
    records.start_session(made[1].id, "gone-session-1", 0)
    records.add_part(made[1].id, 1, "old-etag", None)
    records.update(made[1].id, state=TransferState.UPLOADING)
    records.close()
    before = sandbox.hits
    app = AppRun(tmp_path / "app", client)

    async def scenario() -> list[Transfer]:
        await app.uploads.resume_pending()
        await wait_until(
            lambda: [t.state for t in app.uploads.transfers()] == [TransferState.DONE] * 2, 20
        )
        out = app.uploads.transfers()
        await app.stop()
        return out

    try:
        first, second = asyncio.run(scenario())
    finally:
        app.close_pools()
    hits = sandbox.hits
    assert first.note == ""
    assert hits["stat"] - before["stat"] == 1  # asked once whether arrived.bin is there
    assert second.note == M.SESSION_GONE
    assert hits["mp_list"] - before["mp_list"] == 1
    assert hits["mp_init"] - before["mp_init"] == 1
    assert hits["mp_part"] - before["mp_part"] == 2
    assert client.stat(SANDBOX_BUCKET, "forgotten.bin").hash == etag(str(forgotten))


@pytest.mark.slow
def test_form_upload_with_keep_both_and_a_job_and_clear_finished(
    sandbox: SandboxServer, client: QiniuClient, small_clip: Path, tmp_path: Path
) -> None:
    client.upload_file(SANDBOX_BUCKET, "in/small.mp4", small_clip)
    client.upload_bytes(SANDBOX_BUCKET, "in/small (1).mp4", b"someone else's")
    app = AppRun(tmp_path / "app", client)
    seen: list[list[int]] = []

    class Listener:
        def on_transfers_changed(self, transfers: list[Transfer]) -> None:
            pass

        def on_transfers_removed(self, ids: list[int]) -> None:
            seen.append(ids)

        def on_records_problem(self, template: str, params: object) -> None:
            raise AssertionError(template)

    async def scenario() -> tuple[Transfer, JobRecord | None]:
        app.uploads.set_listener(Listener())
        app.start_jobs()
        scan = await app.uploads.scan(PROFILE, SANDBOX_BUCKET, "in", [small_clip])
        assert scan.existing == {"in/small.mp4"}
        thumb = TranscodeOnUpload((builtin_preset("JPG thumbnail"),))
        (queued,) = await app.uploads.enqueue(
            scan, conflicts=ConflictChoice.KEEP_BOTH, transcode=thumb
        )
        assert queued.key == "in/small (2).mp4"  # "(1)" is taken in the bucket
        done = await until_state(app, TransferState.DONE)
        assert done.job_id is not None
        job_id = done.job_id
        job = await app.job(job_id)
        await app.uploads.clear_finished()
        assert app.uploads.transfers() == []
        await app.stop()
        return done, job

    try:
        done, job = asyncio.run(scenario())
    finally:
        app.close_pools()
    assert sandbox.hits["form_upload"] == 3  # two made by this test, one by the service
    assert sandbox.hits["mp_init"] == 0
    assert client.stat(SANDBOX_BUCKET, "in/small (2).mp4").hash == etag(str(small_clip))
    assert client.stat(SANDBOX_BUCKET, "in/small.mp4").hash == etag(str(small_clip))
    assert job is not None
    assert job.persistent_id
    assert job.key == "in/small (2).mp4"
    assert seen == [[done.id]]


def test_small_files_go_four_at_a_time_and_large_ones_two(
    sandbox: SandboxServer, client: QiniuClient, tmp_path: Path
) -> None:
    """Small form uploads are bound by round trips, so more run at once; multipart files keep
    to two at a time (their parts are held in memory)."""
    src = tmp_path / "src"
    src.mkdir()
    large = [random_file(src / f"large-{i}.bin", 9 * MiB) for i in range(3)]
    small = [random_file(src / f"small-{i}.bin", 64 * 1024) for i in range(8)]
    sandbox.faults.latency_ms = 150  # every request takes a while: transfers overlap
    app = AppRun(tmp_path / "app", client)
    peaks = {"all": 0, "large": 0}

    class Listener:
        def on_transfers_changed(self, _transfers: list[Transfer]) -> None:
            busy = [t for t in app.uploads.transfers() if t.state is not TransferState.QUEUED]
            busy = [t for t in busy if t.active]
            peaks["all"] = max(peaks["all"], len(busy))
            peaks["large"] = max(peaks["large"], sum(t.size > 4 * MiB for t in busy))

        def on_transfers_removed(self, ids: list[int]) -> None:
            pass

        def on_records_problem(self, template: str, params: object) -> None:
            raise AssertionError(template)

    async def scenario() -> list[Transfer]:
        app.uploads.set_listener(Listener())
        app.start_jobs()
        for batch in (large, small):  # the large ones first: small ones still get slots
            scan = await app.uploads.scan(PROFILE, SANDBOX_BUCKET, "slots", batch)
            await app.uploads.enqueue(scan, conflicts=ConflictChoice.OVERWRITE)
        await wait_until(
            lambda: all(t.state is TransferState.DONE for t in app.uploads.transfers()),
            timeout=50,
        )
        await app.stop()
        return app.uploads.transfers()

    try:
        done = asyncio.run(scenario())
    finally:
        sandbox.faults.latency_ms = 0
        app.close_pools()
    assert len(done) == 11
    assert peaks["large"] == 2
    assert peaks["all"] == 4
