"""The SDK's result objects, turned into the models `QiniuClient` returns (`api/models.py`).

The SDK is untyped and tolerant (a missing XML element is just `None`), so every field is read
with a type check here: whatever a server sends, a call returns a well-formed model or raises a
`ProtocolError` (or, for a write, an `OutcomeUnknownError`: the server may have acted).

OSS has no Qiniu `putTime`; `LastModified` becomes the same 100 ns units, and the storage class
becomes Qiniu's storage type number (0 standard, 1 infrequent access, 2 archive, 3 cold).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from qfopgui.api import errors
from qfopgui.api import messages as M
from qfopgui.api.models import BucketInfo, ListPage, ObjectInfo, UploadResult

STORAGE_TYPES = {"standard": 0, "ia": 1, "archive": 2, "coldarchive": 3, "deepcoldarchive": 3}


@dataclass(frozen=True, slots=True)
class AsyncTask:
    """The answer to `x-oss-async-process`. `task_id` names the job (`MediaConvert-<uuid>`);
    `process_request_id` is the processing back-end's `RequestId`, `request_id` OSS's header."""

    task_id: str
    event_id: str = ""
    process_request_id: str = ""
    request_id: str = ""


def text(obj: object, name: str) -> str:
    """`obj.name` as text ('' when missing or not text)."""
    value = getattr(obj, name, None)
    return value if isinstance(value, str) else ""


def number(obj: object, name: str) -> int:
    """`obj.name` as a non-negative int; a malformed value is a ProtocolError."""
    value = getattr(obj, name, None)
    if value is None or value == "":
        return 0
    try:
        out = int(str(value))
    except ValueError:
        raise bad_answer() from None
    if out < 0:
        raise bad_answer()
    return out


def bad_answer(*, write: bool = False) -> errors.QiniuError:
    kind = errors.OutcomeUnknownError if write else errors.ProtocolError
    return kind.make(M.OSS_NOT_UNDERSTOOD, why=M.OSS_BAD_ANSWER)


def etag_text(etag: str) -> str:
    """An ETag header/element without its quotes."""
    return etag.strip().strip('"')


def put_time(value: object) -> int:
    """A `datetime` (or an HTTP date the SDK left as text) in Qiniu's 100 ns units."""
    if isinstance(value, datetime):
        return int(value.timestamp() * 10_000_000)
    return 0


def storage_type(storage_class: str) -> int:
    return STORAGE_TYPES.get(storage_class.replace("_", "").lower(), 0)


def bucket_info(props: object) -> BucketInfo:
    name = text(props, "name")
    if not name:
        raise bad_answer()
    return BucketInfo(name=name, region=text(props, "region") or text(props, "location"))


def listed_object(props: object) -> ObjectInfo:
    key = text(props, "key")
    if not key:
        raise bad_answer()
    return ObjectInfo(
        key=key,
        fsize=number(props, "size"),
        hash=etag_text(text(props, "etag")),
        mime_type="",
        put_time=put_time(getattr(props, "last_modified", None)),
        type=storage_type(text(props, "storage_class")),
    )


def list_page(result: object) -> ListPage:
    """One ListObjectsV2 page; the marker is the continuation token, '' at the end."""
    items = tuple(listed_object(p) for p in sequence(result, "contents"))
    prefixes = tuple(text(p, "prefix") for p in sequence(result, "common_prefixes"))
    if any(not p for p in prefixes):
        raise bad_answer()
    truncated = getattr(result, "is_truncated", False) is True
    marker = text(result, "next_continuation_token") if truncated else ""
    if truncated and not marker:
        raise bad_answer()
    return ListPage(items=items, prefixes=prefixes, marker=marker)


def head_object(key: str, result: object) -> ObjectInfo:
    return ObjectInfo(
        key=key,
        fsize=number(result, "content_length"),
        hash=etag_text(text(result, "etag")),
        mime_type=text(result, "content_type"),
        put_time=put_time(getattr(result, "last_modified", None)),
        type=storage_type(text(result, "storage_class")),
    )


def upload_result(key: str, result: object) -> UploadResult:
    """PutObject or CompleteMultipartUpload: the ETag is required (it is the object's hash)."""
    etag = etag_text(text(result, "etag"))
    if not etag:
        raise bad_answer(write=True)
    raw = {
        "etag": etag,
        "crc64": text(result, "hash_crc64"),
        "request_id": text(result, "request_id"),
    }
    return UploadResult(key=key, hash=etag, raw=raw)


def async_task(result: object) -> AsyncTask:
    """Without a TaskId the job may still have started: an unknown outcome, not a failure."""
    task_id = getattr(result, "task_id", None)
    if not isinstance(task_id, str | int) or isinstance(task_id, bool) or not str(task_id):
        raise errors.OutcomeUnknownError.make(M.OSS_NOT_UNDERSTOOD, why=M.NO_TASK_ID)
    return AsyncTask(
        task_id=str(task_id),
        event_id=text(result, "event_id"),
        process_request_id=text(result, "process_request_id"),
        request_id=text(result, "request_id"),
    )


def sequence(obj: object, name: str) -> Iterable[object]:
    """`obj.name` as a list of SDK models (empty when missing)."""
    value = getattr(obj, name, None)
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        return value
    raise bad_answer()


__all__ = [
    "AsyncTask",
    "async_task",
    "bucket_info",
    "etag_text",
    "head_object",
    "list_page",
    "listed_object",
    "number",
    "sequence",
    "storage_type",
    "text",
    "upload_result",
]
