"""Thumbnails: the bounded LRU cache (bytes and count), the queries a video or picture gets, cache
hits without a request, refusals remembered, at most two fetches at once, cancelled fetches."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from requests.structures import CaseInsensitiveDict

from qfopgui.api.errors import BadRequestError, NetworkError
from qfopgui.api.models import BucketInfo
from qfopgui.api.responses import NO_CONTEXT, Answer, Context
from qfopgui.services.links import LinkResolver
from qfopgui.services.thumbnail_cache import CacheKey, ThumbnailCache
from qfopgui.services.thumbnails import (
    IMAGE_QUERY,
    MediaKind,
    Reason,
    ThumbnailInfo,
    ThumbnailProblem,
    ThumbnailService,
    video_queries,
)
from tests.helpers.aio import wait_until

JPEG = b"\xff\xd8\xff\xe0 a jpeg"


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        self.now += 1
        return self.now


def key(name: str, etag: str = "e1", size: int = 10) -> CacheKey:
    return CacheKey("A", "media", name, etag, size, "q")


# --- the cache ---------------------------------------------------------------------------------


def test_cache_evicts_the_least_recently_used_beyond_max_bytes(tmp_path: Path) -> None:
    cache = ThumbnailCache(tmp_path / "t", max_bytes=250, max_files=100, clock=Clock())
    for name in ("a", "b", "c"):
        assert cache.put(key(name), bytes(100))
    # 300 bytes > 250: the oldest (a) went
    assert cache.get(key("a")) is None
    assert cache.get(key("b")) is not None  # b is now the most recently used
    assert cache.put(key("d"), bytes(100))
    assert cache.get(key("c")) is None  # c was least recently used, not b
    assert cache.get(key("b")) is not None
    assert cache.get(key("d")) is not None
    assert sum(size for _, size, _ in cache.entries()) <= 250


def test_cache_evicts_beyond_max_files_and_refuses_oversized(tmp_path: Path) -> None:
    cache = ThumbnailCache(tmp_path / "t", max_bytes=10_000, max_files=3, clock=Clock())
    for n in range(5):
        cache.put(key(f"k{n}"), b"x" * 10)
    assert len(cache.entries()) == 3
    assert [cache.get(key(f"k{n}")) is not None for n in range(5)] == [
        False,
        False,
        True,
        True,
        True,
    ]
    assert not cache.put(key("huge"), b"x" * 10_001)
    assert cache.get(key("huge")) is None


def test_a_replaced_object_is_another_entry(tmp_path: Path) -> None:
    cache = ThumbnailCache(tmp_path / "t", clock=Clock())
    cache.put(key("v.mp4", etag="old"), b"old picture")
    assert cache.get(key("v.mp4", etag="new")) is None
    assert cache.get(key("v.mp4", etag="old", size=11)) is None
    assert cache.get(key("v.mp4", etag="old")) == b"old picture"
    other_account = CacheKey("B", "media", "v.mp4", "old", 10, "q")
    assert cache.get(other_account) is None


def test_a_cache_that_cannot_write_does_not_fail(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    cache = ThumbnailCache(blocked)
    assert not cache.put(key("a"), b"data")
    assert cache.get(key("a")) is None
    assert cache.entries() == []


# --- the queries ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("duration", "queries"),
    [
        (None, ["vframe/jpg/offset/1/w/480", "vframe/jpg/offset/0/w/480"]),
        (10.0, ["vframe/jpg/offset/1/w/480"]),
        (1.5, ["vframe/jpg/offset/0.75/w/480"]),
        (0.4, ["vframe/jpg/offset/0/w/480"]),
    ],
)
def test_video_queries(duration: float | None, queries: list[str]) -> None:
    assert video_queries(duration) == queries


# --- the service ---------------------------------------------------------------------------------


@dataclass
class Transport:
    """Answers GETs from `answers` (query → bytes, or an exception); optional gate and log."""

    answers: dict[str, bytes | Exception] = field(default_factory=dict)
    urls: list[str] = field(default_factory=list)
    gate: threading.Event | None = None
    in_flight: int = 0
    most: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def request(
        self, method: str, url: str, *, idempotent: bool, ctx: Context = NO_CONTEXT
    ) -> Answer:
        with self.lock:
            self.urls.append(url)
            self.in_flight += 1
            self.most = max(self.most, self.in_flight)
        try:
            if self.gate is not None:
                assert self.gate.wait(10)
            query = url.partition("?")[2].partition("&e=")[0]
            found = self.answers.get(query, JPEG)
            if isinstance(found, Exception):
                raise found
            return Answer(200, CaseInsensitiveDict({"Content-Type": "image/jpeg"}), found)
        finally:
            with self.lock:
                self.in_flight -= 1


@dataclass
class Client:
    transport: Transport = field(default_factory=Transport)
    domains: list[str] = field(default_factory=lambda: ["cdn.example.com"])

    def list_buckets(self) -> list[BucketInfo]:
        return [BucketInfo("media", "z0"), BucketInfo("vault", "z0", private=True)]

    def bucket_domains(self, bucket: str) -> list[str]:
        return list(self.domains)

    def download_url(
        self, domain: str, key: str, *, private: bool = False, expires: int = 3600, query: str = ""
    ) -> str:
        url = f"https://{domain}/{key}" + (f"?{query}" if query else "")
        return url + (f"&e={expires}&token=signed" if private else "")


def threads() -> Callable[[Callable[[], Any]], Any]:
    def run(fn: Callable[[], Any]) -> Any:
        return asyncio.get_running_loop().run_in_executor(None, fn)

    return run


def service(client: Client, tmp_path: Path) -> ThumbnailService:
    run = threads()
    links = LinkResolver(lambda _p: client, run)
    return ThumbnailService(lambda _p: client, links, run, run, ThumbnailCache(tmp_path / "t"))


VIDEO = ThumbnailInfo(MediaKind.VIDEO, "etag-v", 1000)
IMAGE = ThumbnailInfo(MediaKind.IMAGE, "etag-i", 500)


def test_video_and_picture_are_fetched_once_then_cached(tmp_path: Path) -> None:
    client = Client()
    svc = service(client, tmp_path)

    async def body() -> None:
        assert await svc.thumbnail("A", "media", "v.mp4", VIDEO) == JPEG
        assert await svc.thumbnail("A", "media", "v.mp4", VIDEO) == JPEG
        assert await svc.thumbnail("A", "vault", "p.png", IMAGE) == JPEG
        assert await svc.thumbnail("A", "vault", "p.png", IMAGE) == JPEG

    asyncio.run(body())
    assert client.transport.urls == [
        "https://cdn.example.com/v.mp4?vframe/jpg/offset/1/w/480",
        f"https://cdn.example.com/p.png?{IMAGE_QUERY}&e=3600&token=signed",  # private: signed
    ]


def test_audio_and_other_files_get_no_request(tmp_path: Path) -> None:
    client = Client()
    svc = service(client, tmp_path)
    audio = asyncio.run(
        svc.thumbnail("A", "media", "a.mp3", ThumbnailInfo(MediaKind.AUDIO, "e", 1))
    )
    other = asyncio.run(
        svc.thumbnail("A", "media", "a.txt", ThumbnailInfo(MediaKind.OTHER, "e", 1))
    )
    assert audio == ThumbnailProblem(Reason.AUDIO, MediaKind.AUDIO)
    assert other == ThumbnailProblem(Reason.NOT_PREVIEWABLE, MediaKind.OTHER)
    assert client.transport.urls == []


def test_a_clip_shorter_than_a_second_gets_its_first_frame(tmp_path: Path) -> None:
    beyond = BadRequestError("bad", status=400, server_message="invalid offset")
    client = Client(Transport(answers={"vframe/jpg/offset/1/w/480": beyond}))
    assert asyncio.run(service(client, tmp_path).thumbnail("A", "media", "v.mp4", VIDEO)) == JPEG
    assert [u.rpartition("?")[2] for u in client.transport.urls] == [
        "vframe/jpg/offset/1/w/480",
        "vframe/jpg/offset/0/w/480",
    ]


def test_unreadable_files_are_remembered_and_failures_are_not(tmp_path: Path) -> None:
    refusal = BadRequestError("bad", status=400, server_message="not a valid media file")
    client = Client(Transport(answers={q: refusal for q in video_queries(None)}))
    svc = service(client, tmp_path)
    first = asyncio.run(svc.thumbnail("A", "media", "junk.mp4", VIDEO))
    assert isinstance(first, ThumbnailProblem)
    assert (first.reason, first.detail) == (Reason.UNREADABLE, "not a valid media file")
    asked = len(client.transport.urls)
    assert asyncio.run(svc.thumbnail("A", "media", "junk.mp4", VIDEO)) == first
    assert len(client.transport.urls) == asked  # not asked again
    down = NetworkError("no connection")
    client.transport.answers = {IMAGE_QUERY: down}
    failed = asyncio.run(svc.thumbnail("A", "media", "p.png", IMAGE))
    assert isinstance(failed, ThumbnailProblem)
    assert (failed.reason, failed.error) == (Reason.FAILED, down)
    client.transport.answers = {}
    assert asyncio.run(svc.thumbnail("A", "media", "p.png", IMAGE)) == JPEG  # tried again


def test_no_domain_is_said_and_nothing_is_fetched(tmp_path: Path) -> None:
    client = Client(domains=[])
    got = asyncio.run(service(client, tmp_path).thumbnail("A", "media", "v.mp4", VIDEO))
    assert got == ThumbnailProblem(Reason.NO_DOMAIN, MediaKind.VIDEO)
    assert client.transport.urls == []


def test_at_most_two_fetches_at_once_and_a_cancelled_one_keeps_its_slot(tmp_path: Path) -> None:
    gate = threading.Event()
    client = Client(Transport(gate=gate))
    svc = service(client, tmp_path)

    async def body() -> None:
        infos = [ThumbnailInfo(MediaKind.VIDEO, f"e{n}", 10) for n in range(4)]
        tasks = [
            asyncio.ensure_future(svc.thumbnail("A", "media", f"v{n}.mp4", i))
            for n, i in enumerate(infos)
        ]
        await wait_until(lambda: len(client.transport.urls) >= 2)
        tasks[0].cancel()  # its file is no longer selected
        await asyncio.sleep(0.05)
        assert client.transport.most == 2
        assert len(client.transport.urls) == 2  # the cancelled request still holds its slot
        gate.set()
        results = await asyncio.gather(*tasks[1:])
        assert results == [JPEG, JPEG, JPEG]
        assert tasks[0].cancelled()

    asyncio.run(body())
    assert client.transport.most == 2
    assert len(client.transport.urls) == 4
    # the cancelled fetch's answer was dropped: not cached
    svc2 = service(client, tmp_path)
    assert (
        svc2.cache.get(CacheKey("A", "media", "v0.mp4", "e0", 10, video_queries(None)[0])) is None
    )
