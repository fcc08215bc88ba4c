"""Preview on this file against the real sandbox (real ffmpeg) and the real QiniuClient: the demo
clip gives a decodable picture and probed figures, and the bucket holds no sample afterwards —
after a cancel too. The private bucket proves the signed ``?avinfo`` URL."""

from __future__ import annotations

import asyncio
import io
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import av
import pytest

from qfopgui.api.client import QiniuClient
from qfopgui.api.config import Credentials, Endpoints
from qfopgui.core.fops import Avthumb, Command, ImageFormat, Vframe
from qfopgui.core.presets import Preset
from qfopgui.sandbox import SandboxServer
from qfopgui.sandbox.demo import DEMO_BUCKET, DEMO_PRIVATE_BUCKET
from qfopgui.services.executors import DaemonThreadExecutor, runner, serial_executor
from qfopgui.services.preset_preview import PreviewRunner, PreviewStage
from qfopgui.services.preview_journal import PREVIEW_PREFIX, PreviewJournal
from qfopgui.services.preview_model import OutputKind
from tests.fixtures_sandbox import SANDBOX_AK, SANDBOX_SK

pytestmark = [pytest.mark.integration, pytest.mark.slow]

T = TypeVar("T")
Pools = tuple[DaemonThreadExecutor, ThreadPoolExecutor]

CLIP = "videos/sample-1280x720-10s.mp4"
PRIVATE_CLIP = "videos/private-clip.mp4"
PRESET = Preset(
    "Sample",
    (
        Command(Avthumb("mp4", vcodec="libx264", s="854x480", autoscale=True, acodec="aac")),
        Command(Vframe(ImageFormat.JPG, offset=2, w=320)),
    ),
)


@pytest.fixture
def demo(
    sandbox_factory: Callable[..., SandboxServer], seeded_sandbox_dir: Path, tmp_path: Path
) -> SandboxServer:
    data = tmp_path / "sandbox"
    shutil.copytree(seeded_sandbox_dir, data)
    return sandbox_factory(data_dir=data, demo=True)


@pytest.fixture
def client(demo: SandboxServer) -> Iterator[QiniuClient]:
    c = QiniuClient(Credentials(SANDBOX_AK, SANDBOX_SK), Endpoints.single(demo.base_url))
    yield c
    c.close()


@pytest.fixture
def pools() -> Iterator[Pools]:
    net, disk = DaemonThreadExecutor(4), serial_executor("test-journal")
    yield net, disk
    net.shutdown()
    disk.shutdown()


def _runner(client: QiniuClient, pools: Pools, path: Path) -> PreviewRunner:
    net, disk = pools
    journal = PreviewJournal(path, runner(disk))
    return PreviewRunner(
        lambda _profile: client, runner(net), journal, poll_interval=0.2, timeout=45.0
    )


def _decoded_size(data: bytes) -> tuple[int, int]:
    with av.open(io.BytesIO(data)) as container:
        frame = next(container.decode(video=0))
        return frame.width, frame.height


def _samples_left(client: QiniuClient, bucket: str) -> list[str]:
    keys = [i.key for page in client.iter_pages(bucket) for i in page.items]
    return [k for k in keys if k.startswith(PREVIEW_PREFIX)]


def test_preview_of_the_demo_clip_shows_pictures_and_figures_and_leaves_nothing(
    client: QiniuClient, pools: Pools, tmp_path: Path
) -> None:
    before = sorted(i.key for page in client.iter_pages(DEMO_BUCKET) for i in page.items)
    stages: list[PreviewStage] = []
    journal_path = tmp_path / "preview-journal.json"
    result = asyncio.run(
        _runner(client, pools, journal_path).run(
            "sandbox", DEMO_BUCKET, CLIP, PRESET, pipeline="video-hd", progress=stages.append
        )
    )
    assert result.problems == ()
    video, still = result.outputs
    assert video.problems == ()
    assert video.kind is OutputKind.VIDEO
    figures = video.figures
    assert figures is not None
    assert figures.duration == pytest.approx(5.0, abs=0.3)  # a 5 s sample of the 10 s clip
    assert (figures.width, figures.height) == (854, 480)
    assert (figures.video_codec, figures.audio_codec) == ("h264", "aac")
    assert figures.bit_rate is not None
    assert figures.bit_rate > 0
    assert _decoded_size(video.picture) == (854, 480)  # a frame of the sample, not the source
    assert still.kind is OutputKind.IMAGE
    assert still.problems == ()
    assert _decoded_size(still.picture) == (320, 180)
    assert stages[-1] is PreviewStage.CLEANING
    assert _samples_left(client, DEMO_BUCKET) == []
    assert sorted(i.key for page in client.iter_pages(DEMO_BUCKET) for i in page.items) == before
    assert asyncio.run(PreviewJournal(journal_path, _inline).entries()) == ()


def test_private_bucket_is_probed_through_a_signed_avinfo_url(
    client: QiniuClient, pools: Pools, tmp_path: Path
) -> None:
    preset = Preset("Audio", (Command(Avthumb("mp3", acodec="libmp3lame", ab="128k")),))
    result = asyncio.run(
        _runner(client, pools, tmp_path / "j.json").run(
            "sandbox", DEMO_PRIVATE_BUCKET, PRIVATE_CLIP, preset
        )
    )
    [audio] = result.outputs
    assert audio.problems == ()
    assert audio.kind is OutputKind.AUDIO
    assert audio.figures is not None
    assert audio.figures.audio_codec == "mp3"
    assert audio.figures.duration == pytest.approx(5.0, abs=0.3)
    assert _samples_left(client, DEMO_PRIVATE_BUCKET) == []


def test_cancel_mid_run_still_leaves_no_sample_in_the_bucket(
    client: QiniuClient, pools: Pools, tmp_path: Path
) -> None:
    journal_path = tmp_path / "preview-journal.json"

    async def scenario() -> None:
        processing = asyncio.Event()

        def progress(stage: PreviewStage) -> None:
            if stage is PreviewStage.PROCESSING:
                processing.set()

        preview = _runner(client, pools, journal_path)
        task = asyncio.create_task(
            preview.run("sandbox", DEMO_BUCKET, CLIP, PRESET, progress=progress)
        )
        await asyncio.wait_for(processing.wait(), 30)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    sent: list[str] = []
    pfop = client.pfop

    def recording_pfop(*args: Any, **kw: Any) -> str:
        sent.append(pfop(*args, **kw))
        return sent[-1]

    client.pfop = recording_pfop  # type: ignore[method-assign]
    asyncio.run(scenario())
    # the sample job ran to its end (so it wrote its outputs) before they were deleted
    [pid] = sent
    assert client.prefop(pid).code == 0
    assert _samples_left(client, DEMO_BUCKET) == []
    assert asyncio.run(PreviewJournal(journal_path, _inline).entries()) == ()


async def _inline(fn: Callable[[], T]) -> T:
    return fn()
