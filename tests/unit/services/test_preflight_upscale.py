"""Never upscale: a 640×360 source and a 1080p target, both policies; probing with a cache."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import pytest

from qfopgui.api.errors import NotFoundError, ServerError
from qfopgui.core.fops import Avthumb, Command
from qfopgui.core.presets import Preset
from qfopgui.core.upscale import (
    MediaSize,
    UpscalePolicy,
    decide,
    size_from_avinfo,
    would_upscale,
)
from qfopgui.services.preflight import SizeCache, SourceFile, check_upscale

T = TypeVar("T")
HD = Command(Avthumb("mp4", vcodec="libx264", s="1920x1080", autoscale=True, vb="4m"))
SMALL = MediaSize(640, 360)


def inline_run(fn: Callable[[], T], /) -> Awaitable[T]:
    async def call() -> T:
        await asyncio.sleep(0)
        return fn()

    return call()


def test_skip_policy_drops_the_output() -> None:
    d = decide("src", "small.mp4", "HD", HD, SMALL, UpscalePolicy.SKIP)
    assert d is not None
    assert d.replacement is None
    assert d.sentence.template.endswith("this output is skipped so the video is not enlarged")
    assert d.sentence.message.startswith("small.mp4 is only 640×360, smaller than 1920x1080")
    assert d.sentence.subject == "HD"


def test_keep_source_size_sends_the_command_without_a_size() -> None:
    d = decide("src", "small.mp4", "HD", HD, SMALL, UpscalePolicy.KEEP_SOURCE_SIZE)
    assert d is not None
    assert d.replacement is not None
    assert d.replacement.build() == "avthumb/mp4/vcodec/libx264/vb/4m"  # everything else kept
    assert "converted at its own size" in d.sentence.message


@pytest.mark.parametrize(
    ("s", "autoscale", "source", "up"),
    [
        ("1920x1080", True, MediaSize(640, 360), True),
        ("1920x1080", True, MediaSize(1920, 1080), False),
        ("1920x1080", True, MediaSize(3840, 2160), False),  # shrinking is fine
        ("1920x1080", True, MediaSize(1080, 1920), False),  # portrait: the height already fits
        ("1280x720", True, MediaSize(1280, 540), False),  # fits the width exactly: not enlarged
        ("1280x720", False, MediaSize(1280, 540), True),  # stretched to 720 high
        ("640x360", False, MediaSize(640, 360), False),
        (None, None, MediaSize(10, 10), False),  # no size set: the source size is kept anyway
    ],
)
def test_would_upscale(s: str | None, autoscale: bool | None, source: MediaSize, up: bool) -> None:
    assert would_upscale(source, Command(Avthumb("mp4", s=s, autoscale=autoscale))) is up


def test_size_from_avinfo_takes_the_first_video_stream() -> None:
    info = {
        "streams": [
            {"codec_type": "audio", "sample_rate": "44100"},
            {"codec_type": "video", "width": 640, "height": 360},
        ]
    }
    assert size_from_avinfo(info) == SMALL
    assert size_from_avinfo({"streams": [{"codec_type": "audio"}]}) is None
    assert size_from_avinfo({"streams": [{"codec_type": "video", "width": "640"}]}) is None
    assert size_from_avinfo(["not", "a", "dict"]) is None


class FakeProbe:
    def __init__(self, sizes: dict[str, MediaSize | None], fail: set[str] | None = None) -> None:
        self.sizes = sizes
        self.fail = fail or set()
        self.calls: list[tuple[str, str]] = []

    def __call__(self, bucket: str, key: str) -> MediaSize | None:
        self.calls.append((bucket, key))
        if key in self.fail:
            raise ServerError.make("The server failed", status=503)
        if key not in self.sizes:
            raise NotFoundError.make("gone")
        return self.sizes[key]


def test_check_upscale_both_policies_and_cache_per_version() -> None:
    probe = FakeProbe({"small.mp4": SMALL, "big.mp4": MediaSize(3840, 2160)})
    cache = SizeCache(probe, inline_run)
    preset = Preset("HD", (HD,))
    sources = [SourceFile("src", "small.mp4", "video/mp4", "e1"), SourceFile("src", "big.mp4")]
    for policy in UpscalePolicy:
        scan = asyncio.run(check_upscale(sources, [preset], cache, policy))
        assert [(d.key, d.policy, d.source) for d in scan.decisions] == [
            ("small.mp4", policy, SMALL)
        ]
    assert len(probe.calls) == 2  # the second policy used the cache
    replaced = [SourceFile("src", "small.mp4", "video/mp4", "e2")]  # new etag: probe again
    asyncio.run(check_upscale(replaced, [preset], cache, UpscalePolicy.SKIP))
    assert len(probe.calls) == 3


def test_unreadable_size_is_reported_and_not_cached() -> None:
    probe = FakeProbe({}, fail={"x.mp4"})
    cache = SizeCache(probe, inline_run)
    source = SourceFile("src", "x.mp4", "video/mp4", "e")
    scan = asyncio.run(check_upscale([source], [Preset("HD", (HD,))], cache, UpscalePolicy.SKIP))
    assert scan.decisions == ()
    assert [p.params_dict["key"] for p in scan.unreadable] == ["x.mp4"]
    assert source not in cache
    asyncio.run(check_upscale([source], [Preset("HD", (HD,))], cache, UpscalePolicy.SKIP))
    assert len(probe.calls) == 2


def test_only_videos_with_a_sized_command_are_probed() -> None:
    probe = FakeProbe({"a.mp4": SMALL, "s.mp3": None})
    cache = SizeCache(probe, inline_run)
    sources = [SourceFile("src", "a.mp4"), SourceFile("src", "s.mp3", "audio/mpeg")]
    asyncio.run(
        check_upscale(sources, [Preset("P", (Command(Avthumb("mp4")),))], cache, UpscalePolicy.SKIP)
    )
    assert probe.calls == []
    asyncio.run(check_upscale(sources, [Preset("HD", (HD,))], cache, UpscalePolicy.SKIP))
    assert probe.calls == [("src", "a.mp4")]
