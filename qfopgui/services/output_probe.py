"""The requests behind an output check: stat, ``?avinfo`` (audio/video), ``?imageInfo``
(pictures: Qiniu's avinfo does not measure a JPG) and playlists, paced and cached.

`OutputProbe.check(client, rec)` measures one done job's outputs (and its source, once per
version: the figures are kept in an LRU by account/bucket/key/etag) and returns the verdict of
`qfopgui.core.output_checks`. Every request waits for the `StartPacer`, so however many jobs
are checked, at most `max_rps` requests start in any second. A request that fails on the way
(network, 5xx, 573, refused keys) raises `Unreachable`; an answer about the object itself
(404, "not media") is a finding, not a failure.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from qfopgui.api.errors import (
    BadRequestError,
    InvalidKeyError,
    NotFoundError,
    ProtocolError,
    QiniuError,
)
from qfopgui.api.models import BucketInfo, ObjectInfo
from qfopgui.core.jobs import JobRecord
from qfopgui.core.output_checks import (
    JobOutput,
    Measured,
    OutputKind,
    SourceFigures,
    check_output,
    job_outputs,
    read_playlist,
    source_of,
)
from qfopgui.core.polling import StartPacer
from qfopgui.core.verification import NO_DOMAIN, OutputCheck, Verification, verdict
from qfopgui.services.executors import RunIn
from qfopgui.services.media_reads import DownloadClient, read_avinfo, read_body, read_image_info
from qfopgui.services.preview_model import figures_from_avinfo

log = logging.getLogger(__name__)

MAX_RPS = 5.0  # requests started in any 1 s window
CACHE_SIZE = 512  # source figures remembered

K = TypeVar("K")
V = TypeVar("V")
# what the server said about the object itself: a finding, not a failed request
_ANSWERS = (NotFoundError, BadRequestError, ProtocolError)


class Lru(Generic[K, V]):
    """A dict that forgets its least recently used entry beyond `size` entries."""

    def __init__(self, size: int) -> None:
        self._size = max(1, size)
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        if key not in self._items:
            return None
        self._items.move_to_end(key)
        return self._items[key]

    def put(self, key: K, value: V) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self._size:
            self._items.popitem(last=False)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)


class VerifyClient(DownloadClient, Protocol):
    def stat(self, bucket: str, key: str) -> ObjectInfo: ...
    def bucket_domains(self, bucket: str) -> list[str]: ...
    def list_buckets(self) -> list[BucketInfo]: ...


class Unreachable(Exception):
    """A request failed on the way: the outputs could not be checked (now)."""

    def __init__(self, output: str, why: str, *, final: bool = False) -> None:
        super().__init__(why)
        self.output = output
        self.why = why
        self.final = final  # trying again cannot help (a key no URL can name)


class OutputProbe:
    """See the module docstring. One per app: the pacer and the caches are shared."""

    def __init__(
        self,
        run_blocking: RunIn,
        *,
        max_rps: float = MAX_RPS,
        cache_size: int = CACHE_SIZE,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self._run_blocking = run_blocking
        self._pacer = StartPacer(max_rps)
        self._clock = clock
        self._sources: Lru[tuple[str, str, str, str], SourceFigures | None] = Lru(cache_size)
        self._places: Lru[tuple[str, str], tuple[str, bool]] = Lru(256)
        self._private: Lru[str, frozenset[str]] = Lru(64)
        self.requests = 0  # requests started (diagnostics and tests)

    async def check(self, client: VerifyClient, rec: JobRecord) -> Verification:
        """Measure and judge one job's outputs; `Unreachable` when a request failed."""
        outputs = job_outputs(rec)
        if not outputs:
            return verdict([])
        source = None
        if any(o.expect.needs_source for o in outputs):
            source = await self._source(client, rec)
        checks: list[OutputCheck] = []
        for out in outputs:
            if not out.keys:  # a vsample that named no pictures
                checks += check_output(out, "", Measured(True, count=0), source)
            # several pictures of one vsample: the first stands for them
            for key in out.keys[:1] if out.expect.kind is OutputKind.IMAGES else out.keys:
                found = await self._measure(client, rec.profile, out, key)
                checks += check_output(out, key, found, source)
        return verdict(checks)

    async def _call(self, output: str, fn: Callable[[], V]) -> V:
        """One request, started when the pacer allows (the slot is taken before waiting, so
        two checks never take the same one); failures on the way → `Unreachable`."""
        now = (self._clock or asyncio.get_running_loop().time)()
        delay = max(0.0, self._pacer.wait(now))
        self._pacer.started(now + delay)
        if delay:
            await asyncio.sleep(delay)
        self.requests += 1
        try:
            return await self._run_blocking(fn)
        except InvalidKeyError as exc:  # no URL can name this key
            raise Unreachable(output, exc.message, final=True) from exc
        except _ANSWERS:
            raise
        except QiniuError as exc:
            raise Unreachable(output, exc.message) from exc

    async def _stat(self, output: str, bucket: str, key: str, client: VerifyClient) -> ObjectInfo:
        try:
            return await self._call(output, lambda: client.stat(bucket, key))
        except (BadRequestError, ProtocolError) as exc:
            raise Unreachable(output, exc.message) from exc

    async def _source(self, client: VerifyClient, rec: JobRecord) -> SourceFigures | None:
        """The source's figures (None when it is gone or not media), cached by version."""
        bucket, key = source_of(rec)
        if not bucket or not key:
            return None
        try:
            info = await self._stat("", bucket, key, client)
        except NotFoundError:
            return None
        version = (rec.profile, bucket, key, info.hash or str(info.fsize))
        if version in self._sources:
            return self._sources.get(version)
        domain, private = await self._place(client, rec.profile, bucket, "")
        try:
            answer = await self._call(
                "", lambda: read_avinfo(client, domain, bucket, key, private=private, retry=False)
            )
            fig = figures_from_avinfo(answer)
            found: SourceFigures | None = SourceFigures(fig.duration, fig.width, fig.height)
        except _ANSWERS:
            found = None
        self._sources.put(version, found)
        return found

    async def _measure(
        self, client: VerifyClient, profile: str, out: JobOutput, key: str
    ) -> Measured:
        bucket, kind = out.bucket, out.expect.kind
        try:
            info = await self._stat(key, bucket, key, client)
        except NotFoundError:
            return Measured(exists=False)
        if info.fsize <= 0 or kind in (OutputKind.OTHER, OutputKind.IMAGES):
            return Measured(True, info.fsize, count=len(out.keys))
        domain, private = await self._place(client, profile, bucket, key)
        try:
            if kind is OutputKind.PLAYLIST:
                body = await self._call(
                    key,
                    lambda: read_body(client, domain, bucket, key, private=private, retry=False),
                )
                playlist = read_playlist(body.decode("utf-8", "replace"))
                if playlist is None:
                    return Measured(True, info.fsize, readable=False)
                return Measured(
                    True, info.fsize, duration=playlist.duration, variants=playlist.variants
                )
            if kind is OutputKind.IMAGE:
                image = await self._call(
                    key,
                    lambda: read_image_info(
                        client, domain, bucket, key, private=private, retry=False
                    ),
                )
                return Measured(True, info.fsize, width=image.width, height=image.height)
            answer = await self._call(
                key, lambda: read_avinfo(client, domain, bucket, key, private=private, retry=False)
            )
        except NotFoundError:
            return Measured(exists=False)
        except (BadRequestError, ProtocolError):
            return Measured(True, info.fsize, readable=False)
        fig = figures_from_avinfo(answer)
        return Measured(True, info.fsize, duration=fig.duration, width=fig.width, height=fig.height)

    async def _place(
        self, client: VerifyClient, profile: str, bucket: str, output: str
    ) -> tuple[str, bool]:
        """(download domain, private?) of a bucket, asked once per account and bucket."""
        known = self._places.get((profile, bucket))
        if known is not None:
            return known
        try:
            domains = await self._call(output, lambda: client.bucket_domains(bucket))
        except _ANSWERS as exc:
            raise Unreachable(output, exc.message) from exc
        if not domains:
            raise Unreachable(output, NO_DOMAIN)
        private = self._private.get(profile)
        if private is None:
            try:
                listed = await self._call(output, client.list_buckets)
            except (Unreachable, QiniuError) as exc:  # like LinkResolver: unknown means public
                log.info("listing buckets of %s failed: %s", profile, exc)
                return domains[0], False  # not remembered: the next check asks again
            private = frozenset(b.name for b in listed if b.private)
            self._private.put(profile, private)
        place = (domains[0], bucket in private)
        self._places.put((profile, bucket), place)
        return place
