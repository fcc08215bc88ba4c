"""The output verifier without Qt: verdicts written to the store, bounded concurrency and request
rate (virtual time), cached source figures, retries after failed requests, the start-up pass,
and the jobs service's hand-off (never waits; a Retry forgets the verdict)."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest

from qfopgui.api.errors import BadRequestError, NetworkError, NotFoundError
from qfopgui.api.models import BucketInfo, ObjectInfo
from qfopgui.api.responses import Answer
from qfopgui.core.fops import Avthumb, Command, Vframe
from qfopgui.core.fops.enums import ImageFormat
from qfopgui.core.jobs import JobRecord, JobState, parse_job_status
from qfopgui.core.verification import NOT_CHECKED, VerifyState
from qfopgui.services.jobs import JobsService
from qfopgui.services.messages import MissingSecretError
from qfopgui.services.output_probe import OutputProbe
from qfopgui.services.output_verifier import OutputVerifier
from qfopgui.services.store import JobStore
from qfopgui.services.submitter import Submitter
from tests.helpers.aio import wait_until
from tests.helpers.virtual_time import run_virtual
from tests.unit.services.test_jobs_service import Listener, Poller, SlowPfop

T = TypeVar("T")
MP4 = Command(Avthumb("mp4", s="1280x720", autoscale=True))
GIF = Command(Avthumb("gif", s="480x480", autoscale=True, r=10, ss=0, t=5))
THUMB = Command(Vframe(ImageFormat.JPG, offset=1, w=320))


def media(duration: float, width: int = 1280, height: int = 720) -> dict[str, Any]:
    return {
        "format": {"duration": f"{duration:.6f}"},
        "streams": [{"codec_type": "video", "width": width, "height": height}],
    }


def image(width: int, height: int, fmt: str = "jpeg") -> dict[str, Any]:
    """Qiniu's ``?imageInfo`` answer for a picture."""
    return {"size": 90, "format": fmt, "width": width, "height": height, "colorModel": "ycbcr"}


@dataclass
class Obj:
    fsize: int
    avinfo: dict[str, Any] | None = None  # None: "not a valid media file"
    hash: str = "Fh"
    image_info: dict[str, Any] | None = None  # None: ``?imageInfo`` says "not an image"


@dataclass
class FakeCloud:
    """stat, bucket domains, ``?avinfo`` (media only) and ``?imageInfo`` (pictures only, like
    Qiniu's) over a dict of objects; every request is logged
    with the loop's (virtual) time, and `fail` makes the next requests fail on the way."""

    objects: dict[tuple[str, str], Obj] = field(default_factory=dict)
    private: set[str] = field(default_factory=set)
    fail: list[Exception] = field(default_factory=list)
    log: list[tuple[float, str]] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)

    def _hit(self, what: str) -> None:
        self.log.append((asyncio.get_event_loop().time(), what))
        if self.fail:
            raise self.fail.pop(0)

    def stat(self, bucket: str, key: str) -> ObjectInfo:
        self._hit(f"stat {bucket}/{key}")
        obj = self.objects.get((bucket, key))
        if obj is None:
            raise NotFoundError("no such file or directory")
        return ObjectInfo(key, obj.fsize, obj.hash, "video/mp4", 1)

    def bucket_domains(self, bucket: str) -> list[str]:
        self._hit(f"domains {bucket}")
        return [f"dl/{bucket}"]

    def list_buckets(self) -> list[BucketInfo]:
        self._hit("buckets")
        names = {b for b, _k in self.objects}
        return [BucketInfo(n, private=n in self.private) for n in sorted(names)]

    def download_url(
        self, domain: str, key: str, *, private: bool = False, expires: int = 3600, query: str = ""
    ) -> str:
        url = f"http://{domain}/{key}" + (f"?{query}" if query else "")
        return url + ("&token=signed" if private else "")

    @property
    def transport(self) -> FakeCloud:
        return self

    def request(self, method: str, url: str, **_kw: Any) -> Answer:
        self._hit(f"GET {url}")
        self.urls.append(url)
        path, _, query = url.removeprefix("http://dl/").partition("?")
        bucket, key = path.split("/", 1)
        obj = self.objects.get((bucket, key))
        if obj is None:
            raise NotFoundError("Document not found")
        if query.split("&", 1)[0] == "imageInfo":
            if obj.image_info is None:
                raise BadRequestError("not an image")
            return Answer(200, {}, json.dumps(obj.image_info).encode())
        if obj.avinfo is None:
            raise BadRequestError("not a valid media file")
        return Answer(200, {}, json.dumps(obj.avinfo).encode())


async def inline(fn: Callable[[], T]) -> T:
    return fn()


def on_the_wire(seconds: float) -> Callable[[Callable[[], Any]], Any]:
    async def run(fn: Callable[[], Any]) -> Any:
        await asyncio.sleep(seconds)  # virtual time: lets other checks overlap
        return fn()

    return run


def add_done(
    store: JobStore,
    commands: list[tuple[Command, str]],
    *,
    key: str = "in/a.mp4",
    return_old: bool = False,
) -> JobRecord:
    """A job of `key` in bucket src, done, whose outputs went to dst."""
    fops = [c.with_saveas("dst", out).build() for c, out in commands]
    rec = store.add_submitting(
        profile="p",
        bucket="src",
        key=key,
        fops=fops,
        presets=[f"P{i}" for i in range(len(fops))],
        outputs=[out for _c, out in commands],
        output_bucket="dst",
        pipeline="",
        batch_id="b1",
    )
    pid = f"z0.{rec.id}"
    store.mark_submitted(rec.id, pid)
    items = [
        {"cmd": f, "code": 0, "key": out, "returnOld": int(return_old)}
        for f, (_c, out) in zip(fops, commands, strict=True)
    ]
    status = {"id": pid, "code": 0, "inputBucket": "src", "inputKey": key, "items": items}
    done = store.apply_status(rec.id, parse_job_status(status))
    assert done is not None
    assert done.state is JobState.DONE
    return done


class Env:
    def __init__(self, tmp_path: Path, run_blocking: Any = inline, **kw: Any) -> None:
        self.store = JobStore(tmp_path / "jobs.sqlite")
        self.cloud = FakeCloud()
        self.cloud.objects[("src", "in/a.mp4")] = Obj(5000, media(10.0))
        self.changed: list[JobRecord] = []
        self.prepared: list[str] = []
        self.client_for: Callable[[str], Any] = lambda _p: self.cloud
        self.probe = OutputProbe(run_blocking, max_rps=kw.pop("max_rps", 0))
        self.verifier = OutputVerifier(
            store=self.store,
            run_store=inline,
            probe=self.probe,
            client_for=lambda p: self.client_for(p),
            prepare_account=self._prepare,
            **kw,
        )
        self.verifier.on_changed = self.changed.extend

    async def _prepare(self, profile: str) -> None:
        self.prepared.append(profile)
        self.client_for = lambda _p: self.cloud

    async def run_until(self, done: Callable[[], bool], limit: float = 600) -> None:
        task = asyncio.create_task(self.verifier.run())
        try:
            await wait_until(done, timeout=limit, interval=0.05)
        finally:
            task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    def state(self, job_id: int) -> str | None:
        rec = self.store.get(job_id)
        assert rec is not None
        return rec.verify_state


def lines(rec: JobRecord | None) -> list[str]:
    assert rec is not None
    assert rec.verification is not None
    return [f"{c.output}: {c.message}" for c in rec.verification.details]


def test_a_short_output_is_stored_as_a_warning_with_both_durations(tmp_path: Path) -> None:
    env = Env(tmp_path)
    rec = add_done(env.store, [(MP4, "out/a.mp4")], return_old=True)
    env.cloud.objects[("dst", "out/a.mp4")] = Obj(900, media(4.04))
    env.verifier.submit([rec])
    run_virtual(env.run_until(lambda: bool(env.changed)))
    (saved,) = env.changed
    assert saved.verify_state == VerifyState.WARNING
    assert lines(env.store.get(rec.id)) == [
        "out/a.mp4: output 4.0 s, source 10.0 s",
        "out/a.mp4: the server kept a file that already existed instead of making a new one "
        "(submit again with overwrite)",
    ]


def test_normal_and_clipped_outputs_are_verified(tmp_path: Path) -> None:
    env = Env(tmp_path)
    rec = add_done(env.store, [(MP4, "out/a.mp4"), (GIF, "out/a.gif"), (THUMB, "out/a.jpg")])
    env.cloud.objects[("dst", "out/a.mp4")] = Obj(900, media(10.02))
    env.cloud.objects[("dst", "out/a.gif")] = Obj(900, media(5.0, 480, 270))  # t/5: 5 s
    env.cloud.objects[("dst", "out/a.jpg")] = Obj(90, image_info=image(320, 180))
    env.verifier.submit([rec])
    run_virtual(env.run_until(lambda: bool(env.changed)))
    assert env.state(rec.id) == VerifyState.VERIFIED
    assert lines(env.store.get(rec.id)) == [
        "out/a.mp4: 10.0 s, the same as the source (10.0 s)",
        "out/a.gif: 5.0 s, as clipped (5.0 s of the source's 10.0 s)",
        "out/a.jpg: 320×180 picture, as expected",
    ]


def test_missing_empty_and_unreadable_outputs_warn(tmp_path: Path) -> None:
    env = Env(tmp_path)
    rec = add_done(env.store, [(MP4, "gone.mp4"), (GIF, "empty.gif"), (THUMB, "bad.jpg")])
    env.cloud.objects[("dst", "empty.gif")] = Obj(0)
    env.cloud.objects[("dst", "bad.jpg")] = Obj(10, media(0.04, 320, 180))  # imageInfo: 400
    env.verifier.submit([rec])
    run_virtual(env.run_until(lambda: bool(env.changed)))
    assert lines(env.store.get(rec.id)) == [
        "gone.mp4: output is missing",
        "empty.gif: output is empty (0 bytes)",
        "bad.jpg: output is not a readable picture",
    ]


def test_a_failed_request_leaves_it_unchecked_then_it_is_tried_again(tmp_path: Path) -> None:
    env = Env(tmp_path, retry_delays=(10.0, 60.0))
    rec = add_done(env.store, [(MP4, "out/a.mp4")])
    env.cloud.objects[("dst", "out/a.mp4")] = Obj(900, media(10.0))
    env.cloud.fail = [NetworkError("no route to host")]
    env.verifier.submit([rec])
    run_virtual(env.run_until(lambda: len(env.changed) >= 2))
    first, second = env.changed
    assert first.verify_state == VerifyState.UNCHECKED
    assert first.verification is not None
    assert first.verification.details[0].template == NOT_CHECKED
    assert "no route to host" in first.verification.details[0].message
    assert first.state is JobState.DONE  # never failed for it
    assert second.verify_state == VerifyState.VERIFIED
    assert env.verifier.pending == 0


def test_it_gives_up_after_the_retries_and_keeps_unchecked(tmp_path: Path) -> None:
    env = Env(tmp_path, retry_delays=(10.0,))
    rec = add_done(env.store, [(MP4, "out/a.mp4")])
    env.cloud.fail = [NetworkError("down")] * 5
    env.verifier.submit([rec])
    run_virtual(env.run_until(lambda: env.verifier.pending == 0 and len(env.changed) == 2))
    assert [r.verify_state for r in env.changed] == ["unchecked", "unchecked"]
    assert env.state(rec.id) == VerifyState.UNCHECKED  # the next start tries again
    assert [r.id for r in env.store.unverified_done()] == [rec.id]


def test_at_most_two_jobs_and_five_requests_a_second(tmp_path: Path) -> None:
    env = Env(tmp_path, run_blocking=on_the_wire(0.3), max_rps=5.0)
    records = []
    for n in range(6):
        key = f"in/{n}.mp4"
        env.cloud.objects[("src", key)] = Obj(5000, media(10.0), hash=f"F{n}")
        env.cloud.objects[("dst", f"out/{n}.mp4")] = Obj(900, media(10.0))
        records.append(add_done(env.store, [(MP4, f"out/{n}.mp4")], key=key))
    env.verifier.submit(records)
    run_virtual(env.run_until(lambda: len(env.changed) == 6))
    assert {env.state(r.id) for r in records} == {VerifyState.VERIFIED}
    assert env.verifier.most_in_flight == 2
    starts = sorted(t for t, _what in env.cloud.log)
    assert len(starts) == env.probe.requests >= 6 * 4
    assert max(sum(1 for t in starts if a <= t < a + 1.0) for a in starts) <= 5


def test_source_figures_are_asked_once_per_version(tmp_path: Path) -> None:
    env = Env(tmp_path)
    first = add_done(env.store, [(MP4, "out/a.mp4")])
    second = add_done(env.store, [(GIF, "out/a.gif")])
    env.cloud.objects[("dst", "out/a.mp4")] = Obj(900, media(10.0))
    env.cloud.objects[("dst", "out/a.gif")] = Obj(900, media(5.0))
    env.verifier.submit([first, second])
    run_virtual(env.run_until(lambda: len(env.changed) == 2))
    source_reads = [w for _t, w in env.cloud.log if w.startswith("GET http://dl/src/")]
    assert source_reads == ["GET http://dl/src/in/a.mp4?avinfo"]
    domains = [w for _t, w in env.cloud.log if w.startswith("domains")]
    assert domains == ["domains src", "domains dst"]  # asked once per bucket


def test_private_buckets_are_read_through_signed_urls(tmp_path: Path) -> None:
    env = Env(tmp_path)
    env.cloud.private = {"dst"}
    rec = add_done(env.store, [(MP4, "out/a.mp4")])
    env.cloud.objects[("dst", "out/a.mp4")] = Obj(900, media(10.0))
    env.verifier.submit([rec])
    run_virtual(env.run_until(lambda: bool(env.changed)))
    assert "http://dl/dst/out/a.mp4?avinfo&token=signed" in env.cloud.urls
    assert "http://dl/src/in/a.mp4?avinfo" in env.cloud.urls


def test_an_account_without_keys_is_prepared_once(tmp_path: Path) -> None:
    env = Env(tmp_path)

    def no_keys(profile: str) -> Any:
        raise MissingSecretError(f"no SecretKey for {profile}")

    env.client_for = no_keys
    rec = add_done(env.store, [(MP4, "out/a.mp4")])
    env.cloud.objects[("dst", "out/a.mp4")] = Obj(900, media(10.0))
    env.verifier.submit([rec])
    run_virtual(env.run_until(lambda: bool(env.changed)))
    assert env.prepared == ["p"]
    assert env.state(rec.id) == VerifyState.VERIFIED


def test_start_checks_the_newest_unchecked_done_jobs(tmp_path: Path) -> None:
    env = Env(tmp_path, startup_limit=2)
    env.cloud.objects[("dst", "o.mp4")] = Obj(900, media(10.0))
    old, newer, newest = (add_done(env.store, [(MP4, "o.mp4")]) for _ in range(3))
    checked = add_done(env.store, [(MP4, "o.mp4")])
    env.store.set_verification(checked.id, "warning", "{}")
    retried = add_done(env.store, [(MP4, "o.mp4")])
    again = env.store.add_submitting(
        profile="p", bucket="src", key="in/a.mp4", fops=["avthumb/mp4"], presets=["P"],
        outputs=["o.mp4"], output_bucket="dst", pipeline="", batch_id="b", retry_of=retried.id,
    )  # fmt: skip
    assert [r.id for r in env.store.unverified_done(10)] == [newest.id, newer.id, old.id]
    run_virtual(env.run_until(lambda: len(env.changed) == 2))
    assert sorted(r.id for r in env.changed) == [newer.id, newest.id]
    assert env.state(old.id) is None  # over the limit: a later start
    assert env.state(checked.id) == VerifyState.WARNING
    assert again.verify_state is None


def test_a_removed_job_is_skipped(tmp_path: Path) -> None:
    env = Env(tmp_path)
    rec = add_done(env.store, [(MP4, "out/a.mp4")])
    later = add_done(env.store, [(MP4, "out/a.mp4")])
    env.cloud.objects[("dst", "out/a.mp4")] = Obj(900, media(10.0))
    env.verifier.submit([rec, later])
    env.store.remove([rec.id])
    run_virtual(env.run_until(lambda: bool(env.changed)))
    assert [r.id for r in env.changed] == [later.id]


def test_unfinished_or_checked_jobs_are_not_queued(tmp_path: Path) -> None:
    env = Env(tmp_path)
    rec = add_done(env.store, [(MP4, "out/a.mp4")])
    env.verifier.submit([rec, rec])  # twice: once
    env.verifier.submit([dataclasses.replace(rec, id=99, state=JobState.PROCESSING)])
    env.verifier.submit([dataclasses.replace(rec, id=98, verify_state="verified")])
    assert env.verifier.pending == 1


# --- the jobs service ----------------------------------------------------------------------------


class Service:
    def __init__(self, tmp_path: Path, run_blocking: Any = inline) -> None:
        self.env = Env(tmp_path, run_blocking=run_blocking)
        self.poller = Poller()
        client = SlowPfop(delay=0.0)
        self.service = JobsService(
            store=self.env.store,
            run_store=inline,
            run_blocking=inline,
            submitter=Submitter(
                store=self.env.store,
                run_store=inline,
                client_for=lambda _p: client,
                run_blocking=inline,
            ),
            poller=self.poller,  # type: ignore[arg-type]
            status_client_for=lambda _p: client,
            prepare_account=self.env._prepare,
            verifier=self.env.verifier,
        )
        self.listener = Listener()
        self.service.set_listener(self.listener)


def test_polled_done_jobs_are_queued_without_waiting(tmp_path: Path) -> None:
    """The poller's report returns at once; the verdict comes later through the listener."""
    release = asyncio.Event()

    async def slow(fn: Callable[[], Any]) -> Any:
        await release.wait()
        return fn()

    s = Service(tmp_path, run_blocking=slow)
    rec = add_done(s.env.store, [(MP4, "out/a.mp4")])
    s.env.cloud.objects[("dst", "out/a.mp4")] = Obj(900, media(10.0))

    async def scenario() -> None:
        runner = asyncio.create_task(s.service.run())
        await asyncio.sleep(1)
        s.poller.on_changed([rec])  # what the poller does when a job is seen done
        assert s.listener.changed == [rec]  # shown at once
        assert s.env.verifier.pending == 1
        await asyncio.sleep(30)
        assert s.env.verifier.pending == 1  # still waiting for its requests; nothing blocked
        release.set()
        await wait_until(lambda: any(r.verify_state for r in s.listener.changed), timeout=60)
        runner.cancel()
        with pytest.raises(asyncio.CancelledError):
            await runner

    run_virtual(scenario())
    assert s.poller.ran
    assert s.listener.changed[-1].verify_state == VerifyState.VERIFIED


def test_a_retry_forgets_the_verdict_of_the_original(tmp_path: Path) -> None:
    s = Service(tmp_path)
    rec = add_done(s.env.store, [(MP4, "out/a.mp4")])
    warned = s.env.store.set_verification(rec.id, "warning", "{}")
    assert warned is not None

    async def scenario() -> None:
        await s.service.start()
        result = await s.service.retry([warned], replace_outputs=True)
        assert len(result.new) == 1

    run_virtual(scenario())
    original = s.env.store.get(rec.id)
    assert original is not None
    assert original.verify_state is None
    assert original.verify_note is None
    assert any(r.id == rec.id and r.verify_state is None for r in s.listener.changed)


def test_bad_request_for_the_source_is_not_a_failure(tmp_path: Path) -> None:
    """A source that is no media (avinfo 400) gives "not compared", never an exception."""
    env = Env(tmp_path)
    env.cloud.objects[("src", "in/a.mp4")] = Obj(5000, avinfo=None)
    rec = add_done(env.store, [(MP4, "out/a.mp4")])
    env.cloud.objects[("dst", "out/a.mp4")] = Obj(900, media(4.0))
    env.verifier.submit([rec])
    run_virtual(env.run_until(lambda: bool(env.changed)))
    assert env.state(rec.id) == VerifyState.VERIFIED
    assert lines(env.store.get(rec.id)) == [
        "out/a.mp4: 4.0 s (the source's duration is unknown, so it was not compared)"
    ]


def test_pictures_are_measured_with_image_info_never_avinfo(tmp_path: Path) -> None:
    """Qiniu's avinfo does not answer for a JPG: a vframe output is read with a signed
    ``?imageInfo`` (private bucket), while the video output and the source stay on avinfo."""
    env = Env(tmp_path)
    env.cloud.private = {"dst"}
    rec = add_done(env.store, [(MP4, "out/a.mp4"), (THUMB, "out/a.jpg")])
    env.cloud.objects[("dst", "out/a.mp4")] = Obj(900, media(10.0))
    env.cloud.objects[("dst", "out/a.jpg")] = Obj(
        90, media(0.04, 999, 999), image_info=image(320, 180)
    )
    env.verifier.submit([rec])
    run_virtual(env.run_until(lambda: bool(env.changed)))
    assert env.state(rec.id) == VerifyState.VERIFIED
    assert "out/a.jpg: 320×180 picture, as expected" in lines(env.store.get(rec.id))
    picture_reads = [u for u in env.cloud.urls if "/out/a.jpg" in u]
    assert picture_reads == ["http://dl/dst/out/a.jpg?imageInfo&token=signed"]
    assert "http://dl/dst/out/a.mp4?avinfo&token=signed" in env.cloud.urls
    assert "http://dl/src/in/a.mp4?avinfo" in env.cloud.urls


@pytest.mark.parametrize(
    "answer",
    [
        {"format": "jpeg", "height": 180},  # no width
        {"width": "wide", "height": 180},
        {"width": 320, "height": 0},
        {"width": 320.5, "height": 180},
        [320, 180],
    ],
)
def test_a_malformed_image_info_answer_is_an_unreadable_picture(
    tmp_path: Path, answer: Any
) -> None:
    env = Env(tmp_path)
    rec = add_done(env.store, [(THUMB, "out/a.jpg")])
    env.cloud.objects[("dst", "out/a.jpg")] = Obj(90, image_info=answer)
    env.verifier.submit([rec])
    run_virtual(env.run_until(lambda: bool(env.changed)))
    assert env.state(rec.id) == VerifyState.WARNING
    assert lines(env.store.get(rec.id)) == ["out/a.jpg: output is not a readable picture"]
