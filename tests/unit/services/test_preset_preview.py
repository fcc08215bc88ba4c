"""PreviewRunner with an in-process fake Qiniu: short samples under the reserved prefix, results
with pictures and figures, and no temporary object left behind — after a cancel, a crash or a
failed item too."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from qfopgui.api.errors import BadRequestError, NotFoundError, ServerError
from qfopgui.api.models import BucketInfo, ListPage, ObjectInfo
from qfopgui.api.responses import NO_CONTEXT, Answer, Context
from qfopgui.core.fops import (
    Avthumb,
    Command,
    Hls,
    ImageFormat,
    Vframe,
    Vsample,
    parse_command,
)
from qfopgui.core.jobs import JobItem, JobStatus
from qfopgui.core.presets import Preset
from qfopgui.services import preview_model as M
from qfopgui.services.executors import DaemonThreadExecutor, runner
from qfopgui.services.preset_preview import PreviewRunner, PreviewStage
from qfopgui.services.preview_journal import PREVIEW_PREFIX, PreviewEntry, PreviewJournal
from qfopgui.services.preview_model import (
    MediaFigures,
    OutputKind,
    figures_from_avinfo,
    plan_samples,
)
from tests.helpers.aio import wait_until

BUCKET = "src"
SOURCE = "in/clip.mp4"
FRAME = b"\xff\xd8frame-jpeg"
PICTURE = b"\x89PNGpicture"
VIDEO_AVINFO = {
    "streams": [
        {"codec_type": "video", "codec_name": "h264", "width": 854, "height": 480},
        {"codec_type": "audio", "codec_name": "aac"},
    ],
    "format": {"duration": "5.000000", "bit_rate": "1200000"},
}
AUDIO_AVINFO = {
    "streams": [{"codec_type": "audio", "codec_name": "mp3", "duration": "5.0"}],
    "format": {"duration": "5.000000", "bit_rate": "128000"},
}
MP4 = Command(Avthumb("mp4", vcodec="libx264", s="854x480", t=60))
JPG = Command(Vframe(ImageFormat.JPG, offset=1))
MP3 = Command(Avthumb("mp3", acodec="libmp3lame"))


class Crash(BaseException):
    """The process dies: nothing after this runs (not an error any handler catches)."""


@dataclass
class FakeJob:
    source: str
    fops: list[str]
    polls_left: int
    failing: set[int]
    done: bool = False
    items: list[JobItem] = field(default_factory=list)


class FakeQiniu:
    """One bucket; pfop jobs finish after `polls` prefop calls and then write their outputs."""

    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {SOURCE: b"source"}
        self.jobs: dict[str, FakeJob] = {}
        self.events: list[str] = []
        self.polls = 1
        self.failing: set[int] = set()
        self.private = False
        self.urls: list[str] = []
        self.crash_on: set[str] = set()
        self.pfop_error: Exception | None = None
        self.download_error: Exception | None = None
        self.pfop_gate: threading.Event | None = None
        self.transport = self

    def _maybe_crash(self, what: str) -> None:
        if what in self.crash_on:
            raise Crash(what)

    # -- the client surface --------------------------------------------------------------------
    def pfop(
        self, bucket: str, key: str, fops: Sequence[str], *, pipeline: str = "", force: bool = False
    ) -> str:
        assert bucket == BUCKET
        assert force
        if self.pfop_gate is not None:
            assert self.pfop_gate.wait(10)
        if self.pfop_error is not None:
            raise self.pfop_error
        pid = f"z0.job{len(self.jobs) + 1}"
        failing = self.failing if not self.jobs else set()
        self.jobs[pid] = FakeJob(key, list(fops), self.polls, failing)
        self.events.append(f"pfop {pid}")
        return pid

    def prefop(self, persistent_id: str) -> JobStatus:
        self._maybe_crash("prefop")
        job = self.jobs[persistent_id]
        if not job.done:
            job.polls_left -= 1
            if job.polls_left <= 0:
                self._finish(persistent_id, job)
        code = 0 if job.done else 2
        if job.done and any(i.code for i in job.items):
            code = 3
        return JobStatus(
            persistent_id,
            code,
            "",
            BUCKET,
            job.source,
            "",
            "",
            tuple(job.items) if job.done else (),
        )

    def _finish(self, pid: str, job: FakeJob) -> None:
        job.done = True
        self.events.append(f"finished {pid}")
        for n, fop in enumerate(job.fops):
            command = parse_command(fop)
            assert command.saveas is not None
            assert command.saveas.key is not None
            out = command.saveas.key
            if n in job.failing:
                job.items.append(JobItem(fop, 3, error="execute fop cmd failed: boom"))
                continue
            op = command.op
            if isinstance(op, Vsample):
                assert op.pattern is not None
                keys = tuple(op.pattern.replace("$(count)", f"{i:06d}") for i in range(2))
                for k in keys:
                    self.objects[k] = PICTURE
                job.items.append(JobItem(fop, 0, keys=keys))
                continue
            if isinstance(op, Vframe):
                self.objects[out] = FRAME if job.source.startswith(PREVIEW_PREFIX) else PICTURE
            else:
                self.objects[out] = b"media"
            job.items.append(JobItem(fop, 0, key=out))

    def bucket_domains(self, bucket: str) -> list[str]:
        return ["cdn.example.com"]

    def list_buckets(self) -> list[BucketInfo]:
        return [BucketInfo(BUCKET, private=self.private)]

    def iter_pages(self, bucket: str, *, prefix: str = "") -> Iterator[ListPage]:
        self._maybe_crash("list")
        keys = sorted(k for k in self.objects if k.startswith(prefix))
        items = tuple(ObjectInfo(k, len(self.objects[k]), "h", "", 0) for k in keys)
        yield ListPage(items, (), "")

    def delete(self, bucket: str, key: str) -> None:
        self._maybe_crash("delete")
        if key not in self.objects:
            raise NotFoundError("gone", status=612)
        del self.objects[key]
        self.events.append(f"delete {key}")

    def download_url(self, domain: str, key: str, *, private: bool = False, query: str = "") -> str:
        url = f"https://{domain}/{key}" + (f"?{query}" if query else "")
        return url + ("&e=1&token=signed" if private else "")

    def request(
        self, method: str, url: str, *, idempotent: bool, ctx: Context = NO_CONTEXT
    ) -> Answer:
        self.urls.append(url)
        if self.download_error is not None:
            raise self.download_error
        parts = urlsplit(url)
        key = parts.path.lstrip("/")
        if parts.query.startswith("avinfo"):
            info = AUDIO_AVINFO if key.endswith(".mp3") else VIDEO_AVINFO
            return Answer(200, {}, json.dumps(info).encode())
        return Answer(200, {}, self.objects[key])

    # -- what the tests look at ------------------------------------------------------------------
    def temporary(self) -> list[str]:
        return sorted(k for k in self.objects if k.startswith(PREVIEW_PREFIX))


async def inline(fn: Callable[[], Any]) -> Any:
    return fn()


async def tick(_seconds: float) -> None:
    """Virtual time: a poll interval passes at once (other tasks still get their turn)."""
    await asyncio.sleep(0)


def make_runner(fake: FakeQiniu, journal: PreviewJournal, **kw: Any) -> PreviewRunner:
    kw.setdefault("sleep", tick)
    kw.setdefault("poll_interval", 1.0)
    kw.setdefault("timeout", 30.0)
    return PreviewRunner(lambda _profile: fake, inline, journal, **kw)


@pytest.fixture
def fake() -> FakeQiniu:
    return FakeQiniu()


@pytest.fixture
def journal(tmp_path: Path) -> PreviewJournal:
    return PreviewJournal(tmp_path / "preview-journal.json", inline)


def _on_disk(journal: PreviewJournal) -> list[dict[str, Any]]:
    if not journal.path.exists():
        return []
    previews: list[dict[str, Any]] = json.loads(journal.path.read_text())["previews"]
    return previews


# -- samples ------------------------------------------------------------------------------------


def test_samples_are_short_and_saved_under_the_reserved_prefix() -> None:
    preset = Preset(
        "p",
        (
            Command(Avthumb("mp4", ss=12, t=60)),
            Command(Avthumb("mp4", t=2)),
            Command(Avthumb("webm")),
            JPG,
            Command(Vsample(ImageFormat.PNG, ss=3, frames=500, pattern="x$(count)")),
            Command(Avthumb("m3u8", hls=Hls(segtime=2, pattern="seg$(count).ts"))),
        ),
    )
    prefix = f"{PREVIEW_PREFIX}abc/"
    samples = plan_samples(preset, BUCKET, prefix)
    ops = [s.command.op for s in samples]
    assert isinstance(ops[0], Avthumb)
    assert (ops[0].ss, ops[0].t) == (12, 5)
    assert isinstance(ops[1], Avthumb)
    assert ops[1].t == 2
    assert isinstance(ops[2], Avthumb)
    assert ops[2].t == 5
    assert ops[3] == JPG.op  # vframe as it is
    assert isinstance(ops[4], Vsample)
    assert (ops[4].ss, ops[4].t, ops[4].frames) == (3, 5, M.MAX_SAMPLE_FRAMES)
    assert ops[4].pattern == f"{prefix}4-$(count).png"
    assert isinstance(ops[5], Avthumb)
    assert ops[5].hls.pattern == f"{prefix}5-$(count).ts"
    assert [s.key for s in samples] == [
        f"{prefix}0.mp4",
        f"{prefix}1.mp4",
        f"{prefix}2.webm",
        f"{prefix}3.jpg",
        f"{prefix}4.png",
        f"{prefix}5.m3u8",
    ]
    for sample in samples:
        assert sample.command.saveas is not None
        assert (sample.command.saveas.bucket, sample.command.saveas.key) == (BUCKET, sample.key)
        assert not sample.command.validate()
    kinds = [s.kind for s in samples]
    assert kinds == [OutputKind.VIDEO] * 3 + [OutputKind.IMAGE] * 2 + [OutputKind.VIDEO]
    assert samples[0].original == preset.commands[0]  # what the user sees is their own command


def test_figures_come_from_avinfo_and_odd_answers_give_none() -> None:
    assert figures_from_avinfo(VIDEO_AVINFO) == MediaFigures(
        duration=5.0,
        width=854,
        height=480,
        video_codec="h264",
        audio_codec="aac",
        bit_rate=1_200_000,
    )
    assert figures_from_avinfo(AUDIO_AVINFO).width is None
    assert figures_from_avinfo({"streams": "x", "format": {"duration": "nan"}}) == MediaFigures()
    assert figures_from_avinfo([1, 2]) == MediaFigures()


# -- a whole run --------------------------------------------------------------------------------


def test_run_shows_picture_and_figures_then_deletes_every_sample(
    fake: FakeQiniu, journal: PreviewJournal
) -> None:
    stages: list[PreviewStage] = []
    preset = Preset("p", (MP4, JPG, MP3))
    result = asyncio.run(
        make_runner(fake, journal).run(
            "demo", BUCKET, SOURCE, preset, pipeline="video", progress=stages.append
        )
    )
    video, image, audio = result.outputs
    assert result.problems == ()
    assert result.left_over == ()
    assert (video.kind, video.picture) == (OutputKind.VIDEO, FRAME)
    assert video.figures == figures_from_avinfo(VIDEO_AVINFO)
    assert video.command == MP4.build()  # the user's own command, not the 5 s sample
    assert (image.kind, image.picture, image.figures) == (OutputKind.IMAGE, PICTURE, None)
    assert (audio.kind, audio.picture) == (OutputKind.AUDIO, b"")
    assert audio.figures is not None
    assert audio.figures.audio_codec == "mp3"
    assert stages == [
        PreviewStage.SUBMITTING,
        PreviewStage.PROCESSING,
        PreviewStage.FETCHING,
        PreviewStage.CLEANING,
    ]
    # the frame came from a second job on the temporary video, not from the source
    _first, second = fake.jobs.values()
    assert second.source.startswith(PREVIEW_PREFIX)
    assert second.source.endswith("0.mp4")
    assert fake.temporary() == []
    assert fake.objects == {SOURCE: b"source"}
    assert _on_disk(journal) == []
    assert len([e for e in fake.events if e.startswith("delete")]) == 4
    assert any(url.endswith("0.mp4?avinfo") for url in fake.urls)


def test_private_bucket_signs_the_avinfo_query(fake: FakeQiniu, journal: PreviewJournal) -> None:
    fake.private = True
    asyncio.run(make_runner(fake, journal).run("demo", BUCKET, SOURCE, Preset("p", (MP3,))))
    [url] = fake.urls
    assert "?avinfo&e=1&token=signed" in url


def test_vsample_shows_its_first_frame_and_all_frames_are_deleted(
    fake: FakeQiniu, journal: PreviewJournal
) -> None:
    vsample = Command(Vsample(ImageFormat.JPG, interval=1, pattern="thumbs/$(count).jpg"))
    result = asyncio.run(
        make_runner(fake, journal).run("demo", BUCKET, SOURCE, Preset("p", (vsample,)))
    )
    [out] = result.outputs
    assert (out.kind, out.picture, out.problems) == (OutputKind.IMAGE, PICTURE, ())
    assert [u.rsplit("/", 1)[-1] for u in fake.urls] == ["0-000000.jpg"]
    assert fake.temporary() == []
    assert "thumbs/000000.jpg" not in fake.objects  # the user's own pattern is never used


# -- problems, never exceptions -----------------------------------------------------------------


def test_a_failing_item_is_a_problem_and_the_others_still_show(
    fake: FakeQiniu, journal: PreviewJournal
) -> None:
    fake.failing = {0}
    result = asyncio.run(
        make_runner(fake, journal).run("demo", BUCKET, SOURCE, Preset("p", (MP4, JPG)))
    )
    failed, image = result.outputs
    [problem] = failed.problems
    assert problem.template == M.ITEM_FAILED
    assert problem.params_dict == {"error": "execute fop cmd failed: boom"}
    assert failed.picture == b""
    assert failed.figures is None
    assert image.picture == PICTURE
    assert image.problems == ()
    assert fake.temporary() == []
    assert _on_disk(journal) == []


def test_a_refused_pfop_is_a_problem_and_leaves_nothing(
    fake: FakeQiniu, journal: PreviewJournal
) -> None:
    fake.pfop_error = BadRequestError("The server rejected the request as invalid.", status=400)
    result = asyncio.run(
        make_runner(fake, journal).run("demo", BUCKET, SOURCE, Preset("p", (MP4,)))
    )
    [problem] = result.problems
    assert problem.template == M.NOT_SENT
    assert result.outputs == ()
    assert _on_disk(journal) == []


def test_a_failed_download_is_a_problem_on_that_output(
    fake: FakeQiniu, journal: PreviewJournal
) -> None:
    fake.download_error = ServerError("The Qiniu server failed", status=503)
    result = asyncio.run(
        make_runner(fake, journal).run("demo", BUCKET, SOURCE, Preset("p", (JPG,)))
    )
    [out] = result.outputs
    assert [p.template for p in out.problems] == [M.FETCH_FAILED]
    assert fake.temporary() == []


def test_an_invalid_command_is_reported_before_anything_is_sent(
    fake: FakeQiniu, journal: PreviewJournal
) -> None:
    bad = Command(Vframe(ImageFormat.JPG))  # no offset
    result = asyncio.run(
        make_runner(fake, journal).run("demo", BUCKET, SOURCE, Preset("p", (bad,)))
    )
    assert [p.field for p in result.problems] == ["offset"]
    assert fake.jobs == {}
    assert not journal.path.exists()


def test_journal_written_before_the_pfop_or_nothing_is_sent(
    fake: FakeQiniu, tmp_path: Path
) -> None:
    def refuse(path: Path, text: str) -> None:
        raise PermissionError(13, "Permission denied")

    journal = PreviewJournal(tmp_path / "j.json", inline, write=refuse)
    result = asyncio.run(
        make_runner(fake, journal).run("demo", BUCKET, SOURCE, Preset("p", (MP4,)))
    )
    [problem] = result.problems
    assert problem.template == M.NOT_NOTED
    assert "Permission denied" in problem.message
    assert fake.jobs == {}


def test_a_job_that_never_ends_times_out_and_stays_in_the_journal(
    fake: FakeQiniu, journal: PreviewJournal
) -> None:
    fake.polls = 10**9
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    result = asyncio.run(
        make_runner(fake, journal, sleep=sleep, poll_interval=2.0, timeout=10.0).run(
            "demo", BUCKET, SOURCE, Preset("p", (MP4,))
        )
    )
    assert [p.template for p in result.problems] == [M.TIMED_OUT, M.LEFT_OVER]
    assert result.problems[0].params_dict == {"seconds": "10"}
    assert set(slept) == {2.0}
    assert len(slept) == 2 * 4
    [entry] = _on_disk(journal)
    assert entry["jobs"] == ["z0.job1"]
    assert not [e for e in fake.events if e.startswith("delete")]  # never under a running job


# -- cancel and crash ---------------------------------------------------------------------------


def test_cancel_mid_run_deletes_the_samples_once_the_job_has_ended(
    fake: FakeQiniu, journal: PreviewJournal
) -> None:
    fake.polls = 20
    stages: list[PreviewStage] = []

    async def scenario() -> None:
        polling = asyncio.Event()

        async def sleep(_seconds: float) -> None:
            polling.set()
            await asyncio.sleep(0)

        runner_ = make_runner(fake, journal, sleep=sleep)
        task = asyncio.create_task(
            runner_.run("demo", BUCKET, SOURCE, Preset("p", (MP4, JPG)), progress=stages.append)
        )
        await polling.wait()  # the job is running and being polled
        assert not fake.jobs["z0.job1"].done
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(scenario())
    assert stages[-1] is PreviewStage.CLEANING
    finished = fake.events.index("finished z0.job1")
    deletes = [i for i, e in enumerate(fake.events) if e.startswith("delete")]
    assert len(deletes) == 2
    assert min(deletes) > finished
    assert fake.temporary() == []
    assert _on_disk(journal) == []


def test_cancel_while_the_pfop_is_on_its_way_still_cleans_up(
    fake: FakeQiniu, tmp_path: Path
) -> None:
    """The request is in a worker thread when the user cancels; the job it starts is found."""
    gate = threading.Event()
    fake.pfop_gate = gate
    pool = DaemonThreadExecutor(2)
    try:

        async def scenario() -> None:
            journal = PreviewJournal(tmp_path / "j.json", runner(pool))
            runner_ = PreviewRunner(
                lambda _p: fake, runner(pool), journal, poll_interval=0.001, timeout=5.0
            )
            task = asyncio.create_task(runner_.run("demo", BUCKET, SOURCE, Preset("p", (JPG,))))
            await wait_until(journal.path.exists, interval=0.001)
            task.cancel()
            await asyncio.sleep(0.01)
            assert not task.done()  # cleaning: waiting for the answer of the pfop
            gate.set()
            with pytest.raises(asyncio.CancelledError):
                await task
            assert await journal.entries() == ()

        asyncio.run(scenario())
    finally:
        pool.shutdown()
    assert "pfop z0.job1" in fake.events
    assert "finished z0.job1" in fake.events
    assert fake.temporary() == []


def test_journal_survives_a_crash_and_cleanup_pending_deletes(
    fake: FakeQiniu, tmp_path: Path
) -> None:
    path = tmp_path / "preview-journal.json"
    fake.polls = 3
    fake.crash_on = {"prefop"}  # the app dies while the job runs
    with pytest.raises(Crash):
        asyncio.run(
            make_runner(fake, PreviewJournal(path, inline)).run(
                "demo", BUCKET, SOURCE, Preset("p", (MP4, JPG))
            )
        )
    [entry] = json.loads(path.read_text())["previews"]
    assert entry["profile"] == "demo"
    assert entry["bucket"] == BUCKET
    assert entry["jobs"] == ["z0.job1"]
    assert len(entry["keys"]) == 2
    assert all(k.startswith(PREVIEW_PREFIX) for k in entry["keys"])

    # next start, job still running: left alone
    fake.crash_on = set()
    fake.jobs["z0.job1"].polls_left = 2
    later = make_runner(fake, PreviewJournal(path, inline))
    assert asyncio.run(later.cleanup_pending()) == 0
    assert len(json.loads(path.read_text())["previews"]) == 1
    # the job ends by the start after that (its next poll): outputs deleted, entry dropped
    assert not fake.jobs["z0.job1"].done
    again = make_runner(fake, PreviewJournal(path, inline))
    assert asyncio.run(again.cleanup_pending()) == 2
    assert fake.temporary() == []
    assert json.loads(path.read_text())["previews"] == []


def test_cleanup_pending_keeps_what_it_cannot_delete_and_skips_missing_keys(
    fake: FakeQiniu, tmp_path: Path
) -> None:
    path = tmp_path / "j.json"
    prefix = f"{PREVIEW_PREFIX}feed/"
    fake.objects[f"{prefix}0.mp4"] = b"x"
    entry = PreviewEntry("feed", "demo", BUCKET, keys=(f"{prefix}0.mp4", f"{prefix}1.jpg"))
    asyncio.run(PreviewJournal(path, inline).put(entry))
    fake.crash_on = set()
    original_delete = fake.delete

    def failing_delete(bucket: str, key: str) -> None:
        raise ServerError("The Qiniu server failed", status=503)

    fake.delete = failing_delete  # type: ignore[method-assign]
    assert asyncio.run(make_runner(fake, PreviewJournal(path, inline)).cleanup_pending()) == 0
    assert len(json.loads(path.read_text())["previews"]) == 1
    fake.delete = original_delete  # type: ignore[method-assign]
    # 1.jpg was never written (404 counts as deleted)
    assert asyncio.run(make_runner(fake, PreviewJournal(path, inline)).cleanup_pending()) == 1
    assert json.loads(path.read_text())["previews"] == []


def test_a_damaged_journal_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    path.write_text("{not json")
    assert asyncio.run(PreviewJournal(path, inline).entries()) == ()
    assert (tmp_path / "j.json.damaged").read_text() == "{not json"
