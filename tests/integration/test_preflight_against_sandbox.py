"""Pre-flight checks against the in-process sandbox: real stats and a real avinfo probe."""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import imageio_ffmpeg
import pytest

from qfopgui.api.client import QiniuClient
from qfopgui.api.config import Credentials, Endpoints
from qfopgui.core.fops import Avthumb, Command
from qfopgui.core.output_targets import batch_targets
from qfopgui.core.plan import plan_job
from qfopgui.core.presets import Preset
from qfopgui.core.upscale import MediaSize, UpscalePolicy
from qfopgui.sandbox import SandboxServer
from qfopgui.services.executors import DaemonThreadExecutor, runner
from qfopgui.services.preflight import (
    SizeCache,
    SourceFile,
    avinfo_probe,
    check_upscale,
    find_existing,
)
from tests.fixtures_sandbox import SANDBOX_AK, SANDBOX_BUCKET, SANDBOX_SK

pytestmark = pytest.mark.integration

PRESET = Preset(
    "HD",
    (Command(Avthumb("mp4", vcodec="libx264", s="1920x1080", autoscale=True)),),
    template="out/{name}_{preset}.{ext}",
)


@pytest.fixture
def client(sandbox: SandboxServer) -> Iterator[QiniuClient]:
    c = QiniuClient(Credentials(SANDBOX_AK, SANDBOX_SK), Endpoints.single(sandbox.base_url))
    yield c
    c.close()


@pytest.fixture
def pool() -> Iterator[DaemonThreadExecutor]:
    ex = DaemonThreadExecutor(4)
    yield ex
    ex.shutdown()


def test_find_existing_finds_exactly_the_output_already_there(
    client: QiniuClient, pool: DaemonThreadExecutor
) -> None:
    sources = ["in/a.mov", "in/b.mov", "in/c.mov"]
    now = datetime(2024, 1, 1, tzinfo=UTC)
    plans = [
        (k, plan_job(SANDBOX_BUCKET, k, [PRESET], SANDBOX_BUCKET, None, i, now))
        for i, k in enumerate(sources)
    ]
    targets = batch_targets(SANDBOX_BUCKET, plans)
    assert len({t.key for t in targets}) == 3
    taken = targets[1]
    client.upload_bytes(SANDBOX_BUCKET, taken.key, b"an earlier result")
    client.upload_bytes(SANDBOX_BUCKET, "in/b.mov", b"a source is not an output")
    seen: list[tuple[int, int]] = []

    scan = asyncio.run(
        find_existing(
            client, targets, runner(pool), limit=2, progress=lambda d, t: seen.append((d, t))
        )
    )

    assert [(e.target.key, e.target.source) for e in scan.existing] == [(taken.key, "in/b.mov")]
    assert scan.existing[0].info.fsize == len(b"an earlier result")
    assert scan.unchecked == ()
    assert not scan.cancelled
    assert seen[-1] == (3, 3)


def test_outputs_in_a_missing_bucket_could_not_be_checked(
    client: QiniuClient, pool: DaemonThreadExecutor
) -> None:
    now = datetime(2024, 1, 1, tzinfo=UTC)
    plans = [("in/a.mov", plan_job(SANDBOX_BUCKET, "in/a.mov", [PRESET], "nope", None, 0, now))]
    scan = asyncio.run(find_existing(client, batch_targets("nope", plans), runner(pool)))
    assert scan.existing == ()
    assert [u.target.bucket for u in scan.unchecked] == ["nope"]


def _small_video(path: Path) -> None:
    exe = imageio_ffmpeg.get_ffmpeg_exe()
    args = ["-f", "lavfi", "-i", "testsrc=size=640x360:rate=10", "-t", "1"]
    args += ["-c:v", "libx264", "-pix_fmt", "yuv420p", str(path)]
    subprocess.run([exe, "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


def test_avinfo_probe_reads_the_size_and_never_upscale_applies(
    client: QiniuClient, pool: DaemonThreadExecutor, tmp_path: Path
) -> None:
    video = tmp_path / "small.mp4"
    _small_video(video)
    client.upload_file(SANDBOX_BUCKET, "in/small.mp4", video)
    domain = client.bucket_domains(SANDBOX_BUCKET)[0]
    info = client.stat(SANDBOX_BUCKET, "in/small.mp4")
    probe = avinfo_probe(client, {SANDBOX_BUCKET: domain})
    assert probe(SANDBOX_BUCKET, "in/small.mp4") == MediaSize(640, 360)

    cache = SizeCache(probe, runner(pool))
    source = SourceFile.of(SANDBOX_BUCKET, info)
    scan = asyncio.run(check_upscale([source], [PRESET], cache, UpscalePolicy.KEEP_SOURCE_SIZE))
    assert [(d.key, d.source) for d in scan.decisions] == [("in/small.mp4", MediaSize(640, 360))]
    assert scan.decisions[0].replacement == Command(Avthumb("mp4", vcodec="libx264"))
