"""Multipart upload v2 that can resume: the steps, for a caller that keeps its own record.

`QiniuClient.upload_file` runs a whole multipart upload in one call and aborts the session on
any failure. An upload that must survive a lost connection or an app restart needs the steps
one by one instead, so the caller (`services.uploads`) can write down the uploadId and each
finished part before it goes on, and later ask the server which parts it already holds:

* `MultipartSession.init` → `Session(upload_id, expire_at)`; `reusable()` says whether a stored
  session still has time left.
* `list_parts` (`GET …/uploads/<id>`, following `part-number-marker`) → what the server has;
  `usable_parts` keeps only the parts of the expected size, so only the missing ones are sent.
* `put_part` sends one part through `PartBody`, which reports the bytes written and stops when
  the caller's stop flag is set (`PartStopped`; the session is left alone, so it can resume).
* `complete` (never retried) and `abort` (only when the user cancels).

Parts are 4 MiB, the size of Qiniu's etag blocks, so each part's SHA-1 is one block digest and
`etag_of_blocks` gives the file's etag without reading it again (see `file_etag` otherwise).
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from qiniu.utils import etag as _qiniu_etag

from qfopgui.api import errors
from qfopgui.api import messages as M
from qfopgui.api import upload as _up
from qfopgui.api.answer_fields import Fields
from qfopgui.api.models import UploadResult
from qfopgui.api.responses import Context, json_body
from qfopgui.api.transport import Transport
from qfopgui.api.upload import PART_SIZE, refuse_bad_key

BLOCK = 4 * 1024 * 1024  # Qiniu's etag block
SESSION_MARGIN = 3600  # a stored session with less time left than this is not reused
MAX_PARTS = 10_000  # multipart v2's highest part number
LIST_PAGE = 1000
MAX_LIST_PAGES = MAX_PARTS // LIST_PAGE + 1
CHUNK = 64 * 1024  # a part body is written (and reported) in pieces of this size

Sent = Callable[[int], None]  # bytes of this part written so far (this attempt)


class StopFlag(Protocol):
    """`threading.Event` has this: set by another thread to stop a part mid-way."""

    def is_set(self) -> bool: ...


class PartStopped(Exception):
    """The caller's stop flag was set while a part was being sent. Nothing is aborted."""


class FileChangedError(OSError):
    """The local file is shorter than when its parts were planned."""


@dataclass(frozen=True)
class Part:
    number: int  # 1-based
    offset: int
    size: int


@dataclass(frozen=True)
class Session:
    upload_id: str
    expire_at: int  # unix seconds; 0 when the server did not say


@dataclass(frozen=True)
class ListedPart:
    number: int
    etag: str
    size: int


def part_plan(size: int, part_size: int = PART_SIZE) -> tuple[Part, ...]:
    """The parts of a `size`-byte file: all `part_size` long but the last."""
    if size <= 0:
        raise ValueError("multipart upload needs a non-empty file")
    if part_size < 1024 * 1024:
        raise ValueError("multipart v2 parts must be at least 1 MiB")
    count = -(-size // part_size)
    if count > MAX_PARTS:
        raise ValueError(f"{size} bytes need more than {MAX_PARTS} parts of {part_size} bytes")
    return tuple(
        Part(n + 1, n * part_size, min(part_size, size - n * part_size)) for n in range(count)
    )


def reusable(session: Session, now: float, margin: float = SESSION_MARGIN) -> bool:
    """True when a stored session may be continued (it does not expire soon)."""
    return session.expire_at == 0 or session.expire_at - now > margin


def usable_parts(plan: Sequence[Part], listed: Mapping[int, ListedPart]) -> dict[int, str]:
    """number → etag of the listed parts that match the plan (a part of another size, or a
    number the plan does not have, is sent again or ignored)."""
    sizes = {p.number: p.size for p in plan}
    return {n: lp.etag for n, lp in listed.items() if sizes.get(n) == lp.size and lp.etag}


def read_part(path: str | os.PathLike[str], part: Part) -> bytes:
    """The part's bytes; FileChangedError when the file is now shorter."""
    with open(path, "rb") as fh:
        fh.seek(part.offset)
        data = fh.read(part.size)
    if len(data) != part.size:
        raise FileChangedError("the file is shorter than when its upload began")
    return data


def block_sha1(data: bytes) -> bytes:
    """The SHA-1 digest of one etag block (one 4 MiB part)."""
    return hashlib.sha1(data).digest()


def etag_of_blocks(digests: Sequence[bytes]) -> str:
    """Qiniu's etag from the SHA-1 of each 4 MiB block, in order (same as `qiniu.utils.etag`)."""
    if len(digests) <= 1:
        raw = b"\x16" + (digests[0] if digests else hashlib.sha1(b"").digest())
    else:
        raw = b"\x96" + hashlib.sha1(b"".join(digests)).digest()
    return base64.urlsafe_b64encode(raw).decode("ascii")


def etag_of_data(data: bytes) -> str:
    """Qiniu's etag of bytes in memory."""
    return etag_of_blocks([block_sha1(data[i : i + BLOCK]) for i in range(0, len(data), BLOCK)])


def file_etag(path: str | os.PathLike[str]) -> str:
    """Qiniu's etag of a local file (reads it all)."""
    return str(_qiniu_etag(os.fspath(path)))


class PartBody:
    """A request body that writes `data` in `CHUNK` pieces, reporting each and checking `stop`.

    requests sends an iterable with a length as a plain body with Content-Length; each retry
    iterates again from the start, so `sent` restarts at 0.
    """

    def __init__(self, data: bytes, sent: Sent | None, stop: StopFlag | None) -> None:
        self._data = data
        self._sent = sent
        self._stop = stop

    def __len__(self) -> int:
        return len(self._data)

    def __bytes__(self) -> bytes:
        return self._data

    def __iter__(self) -> Iterator[bytes]:
        done = 0
        if self._sent is not None:
            self._sent(0)
        for start in range(0, len(self._data), CHUNK):
            if self._stop is not None and self._stop.is_set():
                raise PartStopped
            piece = self._data[start : start + CHUNK]
            yield piece
            done += len(piece)
            if self._sent is not None:
                self._sent(done)


class MultipartSession:
    """The multipart v2 requests for one object. Thread-safe (the transport is).

    `up` may be a function: the bucket's up host is then looked up (region query, in the
    executor thread) when the first request is sent, not when the session is made."""

    def __init__(
        self, transport: Transport, up: str | Callable[[], str], bucket: str, key: str
    ) -> None:
        refuse_bad_key(key)
        self.bucket = bucket
        self.key = key
        self._transport = transport
        self._up = up
        self._ctx = Context(bucket=bucket, key=key)

    @property
    def _base(self) -> str:
        up = self._up if isinstance(self._up, str) else self._up()
        return _up.object_url(up, self.bucket, self.key)

    def _url(self, upload_id: str) -> str:
        if not upload_id or "/" in upload_id:
            raise ValueError("not an uploadId")
        return f"{self._base}/{upload_id}"

    def init(self, token: str) -> Session:
        """A new session (never retried: a repeat would only leave an unused one behind)."""
        upload_id, expire_at = _up.init_session(
            self._transport, self._base, token=token, ctx=self._ctx
        )
        return Session(upload_id, expire_at)

    def list_parts(self, token: str, upload_id: str) -> dict[int, ListedPart]:
        """Every part the server holds for the session. NotFoundError (612) when it is gone."""
        out: dict[int, ListedPart] = {}
        marker = 0
        for _page in range(MAX_LIST_PAGES):
            params: list[tuple[str, str | int]] = [("max-parts", LIST_PAGE)]
            if marker:
                params.append(("part-number-marker", marker))
            answer = self._transport.request(
                "GET",
                self._url(upload_id),
                idempotent=True,
                ctx=self._ctx,
                params=params,
                headers=_up.auth_header(token),
            )
            body = Fields.of(answer, json_body(answer))
            for item in body.objects("parts"):
                number = item.number("partNumber", minimum=1, maximum=MAX_PARTS)
                size = item.number("size", minimum=0)
                out[number] = ListedPart(number, item.text("etag"), size)
            following = body.number("partNumberMarker", 0, minimum=0, maximum=MAX_PARTS)
            if not following:
                return out
            if following <= marker:
                raise errors.ProtocolError.make(M.LISTING_LOOPS)
            marker = following
        raise errors.ProtocolError.make(M.LISTING_ENDLESS, pages=MAX_LIST_PAGES)

    def put_part(
        self,
        token: str,
        upload_id: str,
        part: Part,
        data: bytes,
        *,
        sent: Sent | None = None,
        stop: StopFlag | None = None,
    ) -> str:
        """Send one part (retried on transient failures); returns its etag."""
        if len(data) != part.size:
            raise ValueError("the data is not the part's size")
        body = PartBody(data, sent, stop)
        return _up.put_part(
            self._transport,
            self._url(upload_id),
            part.number,
            data,
            token=token,
            ctx=self._ctx,
            body=body,
        )

    def complete(
        self,
        token: str,
        upload_id: str,
        parts: Mapping[int, str],
        *,
        file_name: str = "",
        mime_type: str | None = None,
    ) -> UploadResult:
        """Join the parts into the object (never retried); the token's persistentOps run."""
        return _up.complete_session(
            self._transport,
            self._url(upload_id),
            sorted(parts.items()),
            token=token,
            ctx=self._ctx,
            key=self.key,
            file_name=file_name,
            mime_type=mime_type,
        )

    def abort(self, token: str, upload_id: str) -> None:
        """Throw the session away (best effort): only for an upload the user cancelled."""
        _up.abort_session(self._transport, self._url(upload_id), token)
