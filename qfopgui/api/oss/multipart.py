"""OSS multipart upload, one step at a time, so the app can record the uploadId and each part.

The same shape as the Qiniu `api/resumable_upload.MultipartSession` (and the same `Part`,
`ListedPart`, `Session`, `PartStopped` values), without upload tokens: OSS signs each request.

* `init` → `Session(upload_id, expire_at=0)`: OSS keeps an unfinished upload until it is
  completed, aborted or removed by a lifecycle rule, so there is no expiry to compare.
* `list_parts` follows `NextPartNumberMarker`; `usable_parts` (from `resumable_upload`) then keeps
  the parts of the planned size.
* `put_part` is retried by the SDK (a part sent twice replaces itself); it reports the bytes
  written and stops with `PartStopped` when the caller's flag is set, leaving the upload alone.
* `complete` and `init` are sent once; `abort` only for an upload the user cancelled.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

import alibabacloud_oss_v2 as oss

from qfopgui.api import errors
from qfopgui.api import messages as M
from qfopgui.api.models import UploadResult
from qfopgui.api.oss.model_parsing import etag_text, number, text, upload_result
from qfopgui.api.resumable_upload import (
    MAX_PARTS,
    ListedPart,
    Part,
    PartStopped,
    Sent,
    Session,
    StopFlag,
)

Options = dict[str, object]  # per-operation SDK options (the read retryer, or none)
Send = Callable[[oss.Client, Options], object]
LIST_PAGE = 1000
MAX_LIST_PAGES = MAX_PARTS // LIST_PAGE + 1


class Caller(Protocol):
    """How a step reaches the SDK: `OssClient._call` (error mapping, retry choice)."""

    def __call__(
        self,
        send: Send,
        *,
        bucket: str,
        key: str = "",
        write: bool,
        retry: bool,
        size: int = 0,
    ) -> object: ...


class OssMultipart:
    """The multipart requests for one object. Thread-safe (each thread has its SDK client)."""

    def __init__(self, call: Caller, bucket: str, key: str) -> None:
        if not key:
            raise ValueError("a multipart upload needs an object key")
        self.bucket = bucket
        self.key = key
        self._call = call

    def _send(self, send: Send, *, write: bool, retry: bool, size: int = 0) -> object:
        return self._call(
            send, bucket=self.bucket, key=self.key, write=write, retry=retry, size=size
        )

    def init(self, *, mime_type: str | None = None) -> Session:
        """A new upload (never retried: a repeat would only leave an unused one behind)."""
        request = oss.InitiateMultipartUploadRequest(
            bucket=self.bucket, key=self.key, content_type=mime_type
        )
        result = self._send(
            lambda c, o: c.initiate_multipart_upload(request, **o), write=True, retry=False
        )
        upload_id = text(result, "upload_id")
        if not upload_id:
            raise errors.ProtocolError.make(M.OSS_NOT_UNDERSTOOD, why=M.NO_UPLOAD_ID)
        return Session(upload_id, 0)

    def list_parts(self, upload_id: str) -> dict[int, ListedPart]:
        """Every part the server holds. NotFoundError (`OSS_UPLOAD_GONE`) when it is gone."""
        out: dict[int, ListedPart] = {}
        marker = 0
        for _page in range(MAX_LIST_PAGES):
            result = self._parts_page(upload_id, marker)
            for item in getattr(result, "parts", None) or ():
                n = number(item, "part_number")
                if not 1 <= n <= MAX_PARTS:
                    raise errors.ProtocolError.make(M.OSS_NOT_UNDERSTOOD, why=M.OSS_BAD_ANSWER)
                out[n] = ListedPart(n, etag_text(text(item, "etag")), number(item, "size"))
            if getattr(result, "is_truncated", False) is not True:
                return out
            following = number(result, "next_part_number_marker")
            if following <= marker:
                raise errors.ProtocolError.make(M.LISTING_LOOPS)
            marker = following
        raise errors.ProtocolError.make(M.LISTING_ENDLESS, pages=MAX_LIST_PAGES)

    def _parts_page(self, upload_id: str, marker: int) -> object:
        request = oss.ListPartsRequest(
            bucket=self.bucket,
            key=self.key,
            upload_id=upload_id,
            max_parts=LIST_PAGE,
            part_number_marker=marker or None,
        )
        return self._send(lambda c, o: c.list_parts(request, **o), write=False, retry=True)

    def put_part(
        self,
        upload_id: str,
        part: Part,
        data: bytes,
        *,
        sent: Sent | None = None,
        stop: StopFlag | None = None,
    ) -> str:
        """Send one part; returns its ETag (without quotes)."""
        if len(data) != part.size:
            raise ValueError("the data is not the part's size")

        def progress(_increment: int, written: int, _total: int) -> None:
            if stop is not None and stop.is_set():
                raise PartStopped
            if sent is not None:
                sent(written)

        request = oss.UploadPartRequest(
            bucket=self.bucket,
            key=self.key,
            upload_id=upload_id,
            part_number=part.number,
            body=bytes(data),
            progress_fn=progress,
        )
        if stop is not None and stop.is_set():
            raise PartStopped
        result = self._send(
            lambda c, o: c.upload_part(request, **o), write=True, retry=True, size=part.size
        )
        etag = etag_text(text(result, "etag"))
        if not etag:
            raise errors.OutcomeUnknownError.make(M.OSS_NOT_UNDERSTOOD, why=M.NO_ETAG)
        return etag

    def complete(self, upload_id: str, parts: Mapping[int, str]) -> UploadResult:
        """Join the parts into the object (never retried)."""
        if not parts:
            raise ValueError("complete needs at least one part")
        request = oss.CompleteMultipartUploadRequest(
            bucket=self.bucket,
            key=self.key,
            upload_id=upload_id,
            complete_multipart_upload=oss.CompleteMultipartUpload(
                parts=[
                    oss.UploadPart(part_number=n, etag=f'"{etag}"')
                    for n, etag in sorted(parts.items())
                ]
            ),
        )
        result = self._send(
            lambda c, o: c.complete_multipart_upload(request, **o), write=True, retry=False
        )
        return upload_result(self.key, result)

    def abort(self, upload_id: str) -> None:
        """Throw the upload away: only for an upload the user cancelled."""
        request = oss.AbortMultipartUploadRequest(
            bucket=self.bucket, key=self.key, upload_id=upload_id
        )
        self._send(lambda c, o: c.abort_multipart_upload(request, **o), write=True, retry=False)


__all__ = ["Caller", "Options", "OssMultipart", "Send"]
