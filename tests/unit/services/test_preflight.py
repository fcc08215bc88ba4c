"""Pre-flight collision checks: bounded, cancellable stats of every planned output key, and
two sources writing the same key."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TypeVar

import pytest

from qfopgui.api.errors import (
    AuthError,
    NoSuchBucketError,
    NotFoundError,
    QiniuError,
    ServerError,
)
from qfopgui.api.models import ObjectInfo
from qfopgui.core.fops import Avthumb, Command, ImageFormat, Vframe
from qfopgui.core.output_targets import OutputTarget, batch_targets, duplicate_outputs
from qfopgui.core.plan import plan_job
from qfopgui.core.presets import Preset
from qfopgui.core.upscale import MediaSize, UpscalePolicy
from qfopgui.services.executors import DaemonThreadExecutor, runner
from qfopgui.services.preflight import (
    SizeCache,
    SourceFile,
    find_existing,
    run_preflight,
)

T = TypeVar("T")


def info(key: str, size: int = 100) -> ObjectInfo:
    return ObjectInfo(key=key, fsize=size, hash="Fh", mime_type="video/mp4", put_time=1)


class FakeStat:
    """Objects in ``present`` exist; ``errors`` map keys to the error their stat raises.
    Counts calls and the most stats running at once (across threads)."""

    def __init__(
        self,
        present: dict[tuple[str, str], ObjectInfo] | None = None,
        errors: dict[str, QiniuError] | None = None,
        delay: float = 0.0,
    ) -> None:
        self.present = present or {}
        self.errors = errors or {}
        self.delay = delay
        self.calls: list[tuple[str, str]] = []
        self.now = 0
        self.max = 0
        self._lock = threading.Lock()

    def stat(self, bucket: str, key: str) -> ObjectInfo:
        with self._lock:
            self.calls.append((bucket, key))
            self.now += 1
            self.max = max(self.max, self.now)
        try:
            time.sleep(self.delay)
            if key in self.errors:
                raise self.errors[key]
            found = self.present.get((bucket, key))
            if found is None:
                raise NotFoundError.make("not found {key}", key=key)
            return found
        finally:
            with self._lock:
                self.now -= 1


def inline_run(fn: Callable[[], T], /) -> Awaitable[T]:
    async def call() -> T:
        await asyncio.sleep(0)  # let other workers start, as a real executor would
        return fn()

    return call()


def targets(n: int, bucket: str = "out") -> list[OutputTarget]:
    return [OutputTarget(bucket, f"o/{i}.mp4", f"src/{i}.mov", "MP4") for i in range(n)]


def test_concurrency_is_really_bounded_with_a_bigger_thread_pool() -> None:
    fake = FakeStat(delay=0.02)
    pool = DaemonThreadExecutor(32)
    try:
        scan = asyncio.run(find_existing(fake, targets(40), runner(pool), limit=5))
    finally:
        pool.shutdown()
    assert len(fake.calls) == 40
    assert fake.max == 5  # the pool would allow 32; the check itself keeps it at 5
    assert scan.existing == ()
    assert scan.unchecked == ()
    assert not scan.cancelled


def test_default_limit_is_eight() -> None:
    fake = FakeStat(delay=0.02)
    pool = DaemonThreadExecutor(32)
    try:
        asyncio.run(find_existing(fake, targets(30), runner(pool)))
    finally:
        pool.shutdown()
    assert fake.max == 8


def test_progress_counts_every_stat_up_to_the_total() -> None:
    seen: list[tuple[int, int]] = []
    asyncio.run(
        find_existing(
            FakeStat(), targets(6), inline_run, limit=2, progress=lambda d, t: seen.append((d, t))
        )
    )
    assert seen == [(i, 6) for i in range(1, 7)]


def test_one_stat_per_distinct_key_even_when_two_sources_share_it() -> None:
    shared = [OutputTarget("out", "same.mp4", "a.mov"), OutputTarget("out", "same.mp4", "b.mov")]
    fake = FakeStat(present={("out", "same.mp4"): info("same.mp4")})
    scan = asyncio.run(find_existing(fake, shared, inline_run))
    assert fake.calls == [("out", "same.mp4")]
    assert [e.target.source for e in scan.existing] == ["a.mov", "b.mov"]


def test_cancel_stops_starting_new_stats() -> None:
    cancel = asyncio.Event()
    fake = FakeStat()

    def run(fn: Callable[[], T], /) -> Awaitable[T]:
        if len(fake.calls) == 3:
            cancel.set()  # the user pressed Cancel while the 4th stat was being started
        return inline_run(fn)

    scan = asyncio.run(find_existing(fake, targets(20), run, limit=2, cancel=cancel))
    assert 3 < len(fake.calls) <= 5  # the ones in flight finish, no new ones start
    assert scan.cancelled
    checked = {k for _b, k in fake.calls}
    assert {t.key for t in scan.not_started} == {t.key for t in targets(20)} - checked


def test_not_found_is_free_other_errors_could_not_be_checked() -> None:
    errors: dict[str, QiniuError] = {
        "o/1.mp4": ServerError.make("The server failed", status=503),
        "o/2.mp4": AuthError.make("Wrong keys", status=401),
    }
    present = {("out", "o/3.mp4"): info("o/3.mp4", 4321)}
    scan = asyncio.run(find_existing(FakeStat(present, errors), targets(5), inline_run))
    assert [e.target.key for e in scan.existing] == ["o/3.mp4"]
    assert scan.existing[0].info.fsize == 4321
    assert "4321 bytes" in scan.existing[0].sentence.message
    assert {u.target.key: u.error.status for u in scan.unchecked} == {
        "o/1.mp4": 503,
        "o/2.mp4": 401,
    }
    reasons = [u.sentence for u in scan.unchecked]
    assert all(p.template.startswith("Could not check whether {key}") for p in reasons)
    assert "Wrong keys" in reasons[1].message
    assert scan.not_started == ()  # o/0 and o/4 are free, not "unknown"


def test_missing_bucket_is_not_free() -> None:
    errors: dict[str, QiniuError] = {"o/0.mp4": NoSuchBucketError.make("No bucket {b}", b="out")}
    scan = asyncio.run(find_existing(FakeStat(errors=errors), targets(1), inline_run))
    assert [u.target.key for u in scan.unchecked] == ["o/0.mp4"]
    assert scan.existing == ()


def test_duplicates_name_both_sources_and_the_key() -> None:
    preset = Preset("MP4", (Command(Avthumb("mp4")),), template="out/{preset}.{ext}")
    now = datetime(2024, 1, 1, tzinfo=UTC)
    plans = [(k, plan_job("src", k, [preset], "out", None, i, now)) for i, k in enumerate("abc")]
    key = plans[0][1].outputs[0].output_key
    problems = duplicate_outputs(batch_targets("out", plans))
    assert [p.params_dict for p in problems] == [
        {"first": "a", "second": "b", "key": key},
        {"first": "a", "second": "c", "key": key},
    ]
    assert f"a and b would both be saved as {key}" in problems[0].message


def test_no_duplicate_for_different_buckets_or_one_source() -> None:
    same_source = [OutputTarget("out", "k", "a"), OutputTarget("out", "k", "a")]
    other_bucket = [OutputTarget("out", "k", "a"), OutputTarget("other", "k", "b")]
    assert duplicate_outputs(same_source) == ()
    assert duplicate_outputs(other_bucket) == ()


def test_run_preflight_reports_everything_with_one_progress() -> None:
    hd = Preset(
        "HD",
        (
            Command(Avthumb("mp4", s="1920x1080", autoscale=True)),
            Command(Vframe(ImageFormat.JPG, offset=1)),
        ),
        template="out/{name}_{preset}.{ext}",
    )
    sources = [
        SourceFile("src", "small.mp4", "video/mp4", "e1"),
        SourceFile("src", "song.mp3", "audio/mpeg", "e2"),
    ]
    now = datetime(2024, 1, 1, tzinfo=UTC)
    plans = [
        (s.key, plan_job("src", s.key, [hd], "out", None, i, now)) for i, s in enumerate(sources)
    ]
    taken = plans[0][1].outputs[0].output_key  # small.mp4's video output
    fake = FakeStat(present={("out", taken): info(taken)})
    sizes = SizeCache(lambda b, k: MediaSize(640, 360), inline_run)
    seen: list[tuple[int, int]] = []
    report = asyncio.run(
        run_preflight(
            sources=sources,
            presets=[hd],
            output_bucket="out",
            plans=plans,
            client=fake,
            run_blocking=inline_run,
            sizes=sizes,
            policy=UpscalePolicy.SKIP,
            progress=lambda d, t: seen.append((d, t)),
        )
    )
    assert [e.target.key for e in report.existing] == [taken]
    assert [n.source.key for n in report.not_applicable] == ["song.mp3"]  # vframe needs a video
    assert [(d.key, d.policy) for d in report.upscale] == [("small.mp4", UpscalePolicy.SKIP)]
    assert sizes.probes == 1  # the mp3 is not probed
    assert seen[-1] == (5, 5)
    assert len(seen) == 5
    assert not report.clean
    assert not report.cancelled
    assert len(report.sentences) == 1 + 1 + 1


def test_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        asyncio.run(find_existing(FakeStat(), targets(1), inline_run, limit=0))
