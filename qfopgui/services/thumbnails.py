"""Thumbnails for Files → Details: a poster frame of a video, a smaller copy of a picture.

Both are made by Qiniu's real-time processing on the object's download URL (`?vframe/jpg/...`
and `?imageView2/2/...`, signed for private buckets: the token covers the query), so nothing is
written to the bucket. Pictures are kept in a bounded `ThumbnailCache`; a file the server refused
(not readable as video or picture) is remembered for the session so it is not asked again.

At most `max_in_flight` requests run at once; a slot is held until the request has really ended,
also when the caller was cancelled (the Details pane cancels the fetch of a file no longer
selected, and its answer is then dropped). Audio and other files get no request at all.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Protocol

from qfopgui.api.errors import InvalidKeyError, QiniuError
from qfopgui.api.responses import Answer, Context
from qfopgui.services.executors import RunIn
from qfopgui.services.links import LinkClient, LinkResolver
from qfopgui.services.thumbnail_cache import CacheKey, ThumbnailCache

log = logging.getLogger(__name__)

WIDTH = 480  # twice the pane's box, so it stays sharp on high-DPI screens
IMAGE_QUERY = f"imageView2/2/w/{WIDTH}/h/{WIDTH}"
REMEMBERED_REFUSALS = 500


class MediaKind(Enum):
    VIDEO = "video"
    IMAGE = "image"
    AUDIO = "audio"
    OTHER = "other"


class Reason(Enum):
    """Why there is no picture; the UI words each one."""

    AUDIO = "audio"  # audio files have nothing to show
    NOT_PREVIEWABLE = "not-previewable"  # neither video nor picture
    NO_DOMAIN = "no-domain"  # the bucket has no download domain
    UNREADABLE = "unreadable"  # the server could not read it as video / picture
    FAILED = "failed"  # the request failed (network, account, …): `error` says why


@dataclass(frozen=True)
class ThumbnailProblem:
    reason: Reason
    kind: MediaKind
    error: Exception | None = None  # FAILED: the error (the UI words it in the user's language)
    detail: str = ""  # UNREADABLE: what the server said (for a tooltip)


@dataclass(frozen=True)
class ThumbnailInfo:
    """What the pane knows about the object (from its `stat`)."""

    kind: MediaKind
    etag: str
    size: int
    duration: float | None = None  # seconds, when known


class Fetcher(Protocol):
    def request(self, method: str, url: str, *, idempotent: bool, ctx: Context = ...) -> Answer: ...


class ThumbnailClient(Protocol):
    @property
    def transport(self) -> Fetcher: ...
    def download_url(
        self,
        domain: str,
        key: str,
        *,
        private: bool = False,
        expires: int = 3600,
        query: str = "",
    ) -> str: ...


def video_queries(duration: float | None) -> list[str]:
    """The vframe queries to try, in order: 1 s in (half-way for clips under 2 s, the first
    frame under 1 s). With the length unknown, 1 s first and the first frame if that is past
    the end (the server refuses an offset beyond the duration)."""

    def query(offset: float) -> str:
        text = f"{offset:.3f}".rstrip("0").rstrip(".") or "0"
        return f"vframe/jpg/offset/{text}/w/{WIDTH}"

    if duration is None:
        return [query(1), query(0)]
    return [query(0 if duration < 1 else min(1.0, duration / 2))]


class ThumbnailService:
    """`await thumbnail(...)` → picture bytes (JPEG/PNG) or a `ThumbnailProblem`."""

    def __init__(
        self,
        client_for: Callable[[str], ThumbnailClient],
        links: LinkResolver,
        run_blocking: RunIn,
        run_disk: RunIn,
        cache: ThumbnailCache,
        *,
        max_in_flight: int = 2,
    ) -> None:
        self._client_for = client_for
        self._links = links
        self._run_blocking = run_blocking
        self._run_disk = run_disk
        self.cache = cache
        self._slots = asyncio.Semaphore(max_in_flight)
        self._refused: OrderedDict[CacheKey, ThumbnailProblem] = OrderedDict()

    async def open_url(self, profile: str, bucket: str, key: str) -> str:
        """The object's download URL (signed for private buckets, valid for an hour);
        LookupError with a readable message when there is none."""
        return await self._links.url(profile, bucket, key, expires=3600)

    async def thumbnail(
        self, profile: str, bucket: str, key: str, info: ThumbnailInfo
    ) -> bytes | ThumbnailProblem:
        if info.kind is MediaKind.AUDIO:
            return ThumbnailProblem(Reason.AUDIO, info.kind)
        if info.kind is MediaKind.OTHER:
            return ThumbnailProblem(Reason.NOT_PREVIEWABLE, info.kind)
        queries = video_queries(info.duration) if info.kind is MediaKind.VIDEO else [IMAGE_QUERY]
        ck = CacheKey(profile, bucket, key, info.etag, info.size, queries[0])
        if ck in self._refused:
            return self._refused[ck]
        cache = self.cache
        cached = await self._run_disk(lambda: cache.get(ck))
        if cached is not None:
            return cached
        result = await self._make(profile, bucket, key, info.kind, queries)
        if isinstance(result, bytes):
            await self._run_disk(lambda: cache.put(ck, result))
        elif result.reason is Reason.UNREADABLE:
            self._refused[ck] = result
            while len(self._refused) > REMEMBERED_REFUSALS:
                self._refused.popitem(last=False)
        return result

    async def _make(
        self, profile: str, bucket: str, key: str, kind: MediaKind, queries: list[str]
    ) -> bytes | ThumbnailProblem:
        try:
            domains = await self._links.domains(profile, bucket)
            if not domains:
                return ThumbnailProblem(Reason.NO_DOMAIN, kind)
            private = await self._links.is_private(profile, bucket)
            domain = self._links.pick_domain(profile, bucket, domains)
            client = self._client_for(profile)
        except LookupError as exc:  # no such account, no secret, domains not listable
            return ThumbnailProblem(Reason.FAILED, kind, exc)
        for n, query in enumerate(queries):
            try:
                url = client.download_url(domain, key, private=private, query=query)
                answer = await self._fetch(client, url, Context(bucket=bucket, key=key))
            except InvalidKeyError as exc:  # a key no URL can name
                return ThumbnailProblem(Reason.FAILED, kind, exc)
            except QiniuError as exc:
                if exc.status == 400 and n + 1 < len(queries):
                    continue  # e.g. 1 s is past the end of a short clip: try the first frame
                if exc.status == 400:
                    return ThumbnailProblem(
                        Reason.UNREADABLE, kind, detail=exc.server_message or ""
                    )
                log.info("thumbnail of %s/%s failed: %s", bucket, key, exc)
                return ThumbnailProblem(Reason.FAILED, kind, exc)
            if not answer.body or not _is_picture(answer):
                return ThumbnailProblem(Reason.UNREADABLE, kind)
            return answer.body
        return ThumbnailProblem(Reason.UNREADABLE, kind)  # (no queries: not reached)

    async def _fetch(self, client: ThumbnailClient, url: str, ctx: Context) -> Answer:
        """One GET in a slot that is freed when the request ends, not when the caller stops
        waiting: a cancelled fetch still counts until its thread is done."""
        await self._slots.acquire()
        try:
            future = asyncio.ensure_future(
                self._run_blocking(
                    lambda: client.transport.request("GET", url, idempotent=True, ctx=ctx)
                )
            )
        except BaseException:
            self._slots.release()
            raise
        future.add_done_callback(self._release)
        return await asyncio.shield(future)

    def _release(self, future: asyncio.Future[Answer]) -> None:
        self._slots.release()
        if not future.cancelled():
            future.exception()  # retrieved: an abandoned fetch's error is not "never retrieved"


def _is_picture(answer: Answer) -> bool:
    kind = str(answer.headers.get("Content-Type", "")).split(";")[0].strip().lower()
    return kind.startswith("image/")


class ThumbnailLinkClient(LinkClient, ThumbnailClient, Protocol):
    """What `build_thumbnails` needs of an account's client (the real `QiniuClient` is one)."""

    def download_url(
        self,
        domain: str,
        key: str,
        *,
        private: bool = False,
        expires: int = 3600,
        query: str = "",
    ) -> str: ...


def build_thumbnails(
    directory: Path,
    client_for: Callable[[str], ThumbnailLinkClient],
    run_blocking: RunIn,
    run_disk: RunIn,
    links: LinkResolver | None = None,
) -> ThumbnailService:
    """The service with its own cache under `directory`; `links` shared with the other
    features (the domain the user chose for a bucket), or a lookup of its own."""
    links = links or LinkResolver(client_for, run_blocking)
    return ThumbnailService(client_for, links, run_blocking, run_disk, ThumbnailCache(directory))
