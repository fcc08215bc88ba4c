"""Service, bucket and object routes: ListBuckets, ListObjects(V2), Put/Get/Head/DeleteObject."""

from __future__ import annotations

import base64
import hashlib
import re

from qfopgui.sandbox.oss.answers import (
    Entry,
    ListingHead,
    OssError,
    buckets_document,
    http_time,
    list_v1_document,
    list_v2_document,
    xml_response,
)
from qfopgui.sandbox.oss.checksums import check_content_md5, crc64
from qfopgui.sandbox.oss.model import (
    META_CRC,
    USER_META,
    OssContext,
    OssRequest,
    object_etag,
    object_type,
    stored_meta,
)
from qfopgui.sandbox.routes.common import Response
from qfopgui.sandbox.storage import MetadataTooLargeError, StoredObject

DEFAULT_MAX_KEYS = 100
# GetObject query overrides of answer headers (as presigned download links use them)
_OVERRIDE_HEADERS = {
    "response-content-type": "Content-Type",
    "response-content-language": "Content-Language",
    "response-expires": "Expires",
    "response-cache-control": "Cache-Control",
    "response-content-disposition": "Content-Disposition",
    "response-content-encoding": "Content-Encoding",
}
RESPONSE_OVERRIDES = frozenset(_OVERRIDE_HEADERS)
_RANGE_RE = re.compile(r"bytes=(\d*)-(\d*)")


def no_such_key(key: str) -> OssError:
    return OssError(404, "NoSuchKey", "The specified key does not exist.", {"Key": key})


def list_buckets(ctx: OssContext, req: OssRequest) -> Response:
    prefix = req.param("prefix")
    rows = [(b.name, float(b.ctime)) for b in ctx.storage.buckets() if b.name.startswith(prefix)]
    endpoint = ctx.base_url().split("://", 1)[1]
    return xml_response(buckets_document(rows, ctx.config.region, ctx.config.owner_id, endpoint))


def _max_keys(req: OssRequest) -> int:
    raw = req.param("max-keys") or str(DEFAULT_MAX_KEYS)
    if not raw.isdigit() or not 1 <= int(raw) <= 1000:
        raise OssError(400, "InvalidArgument", "max-keys must be a whole number from 1 to 1000.")
    return int(raw)


def _entry(obj: StoredObject) -> Entry:
    return Entry(obj.key, obj.put_time / 1e7, object_etag(obj), obj.fsize, object_type(obj))


def _token(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode()).decode()


def _untoken(token: str) -> str:
    try:
        return base64.urlsafe_b64decode(token.encode()).decode()
    except (ValueError, UnicodeDecodeError) as exc:
        raise OssError(400, "InvalidArgument", "The continuation token is not valid.") from exc


def _page(
    ctx: OssContext, req: OssRequest, after: str
) -> tuple[ListingHead, list[Entry], list[str], str]:
    head = ListingHead(
        bucket=req.bucket,
        prefix=req.param("prefix"),
        delimiter=req.param("delimiter"),
        max_keys=_max_keys(req),
        url=req.param("encoding-type") == "url",
    )
    page = ctx.storage.list(
        req.bucket,
        prefix=head.prefix,
        delimiter=head.delimiter,
        marker_key=after,
        limit=head.max_keys,
    )
    return head, [_entry(o) for o in page.items], page.common_prefixes, page.next_marker_key


def list_objects_v2(ctx: OssContext, req: OssRequest) -> Response:
    token = req.param("continuation-token") if req.has("continuation-token") else None
    start_after = req.param("start-after") if req.has("start-after") else None
    after = _untoken(token) if token else (start_after or "")
    head, entries, prefixes, last = _page(ctx, req, after)
    owner = ctx.config.owner_id if req.param("fetch-owner") == "true" else ""
    body = list_v2_document(
        head,
        entries,
        prefixes,
        start_after=start_after or None,
        token=token or None,
        next_token=_token(last) if last else "",
        owner=owner,
    )
    return xml_response(body)


def list_objects_v1(ctx: OssContext, req: OssRequest) -> Response:
    marker = req.param("marker")
    head, entries, prefixes, last = _page(ctx, req, marker)
    return xml_response(list_v1_document(head, entries, prefixes, marker=marker, next_marker=last))


def put_object(ctx: OssContext, req: OssRequest) -> Response:
    check_content_md5(req.header("Content-MD5"), req.body)
    etag = hashlib.md5(req.body).hexdigest().upper()
    crc = crc64(req.body)
    try:
        ctx.storage.put_bytes(
            req.bucket,
            req.key,
            req.body,
            mime_type=req.header("Content-Type") or None,
            meta=stored_meta(etag, crc, user=req.user_meta()),
        )
    except MetadataTooLargeError as exc:
        raise OssError(400, "MetadataTooLarge", "Your metadata headers are too large.") from exc
    return Response(
        status=200,
        content_type="application/octet-stream",
        headers={"ETag": f'"{etag}"', "x-oss-hash-crc64ecma": str(crc)},
    )


def _object_headers(obj: StoredObject) -> dict[str, str]:
    headers = {
        "ETag": f'"{object_etag(obj)}"',
        "Last-Modified": http_time(obj.put_time / 1e7),
        "Accept-Ranges": "bytes",
        "x-oss-object-type": object_type(obj),
        "x-oss-storage-class": "Standard",
    }
    if META_CRC in obj.meta:
        headers["x-oss-hash-crc64ecma"] = obj.meta[META_CRC]
    headers.update({k: v for k, v in obj.meta.items() if k.startswith(USER_META)})
    return headers


def _stat(ctx: OssContext, req: OssRequest) -> StoredObject:
    obj = ctx.storage.stat(req.bucket, req.key)
    if obj is None:
        raise no_such_key(req.key)
    return obj


def _range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) of a satisfiable ``bytes=`` range; None means the whole object.

    As on OSS, a malformed range is ignored (200 with everything); a start past the end is 416.
    """
    match = _RANGE_RE.fullmatch(header.strip())
    if match is None or not (match[1] or match[2]):
        return None
    if not match[1]:
        count = int(match[2])
        return None if count == 0 else (max(0, size - count), size - 1)
    first = int(match[1])
    last = int(match[2]) if match[2] else size - 1
    if match[2] and last < first:
        return None
    if first >= size:
        raise OssError(416, "InvalidRange", "The requested range cannot be satisfied.")
    return first, min(last, size - 1)


def get_object(ctx: OssContext, req: OssRequest) -> Response:
    obj = _stat(ctx, req)
    headers = _object_headers(obj)
    content_type = req.param("response-content-type") or obj.mime_type
    for name, header in _OVERRIDE_HEADERS.items():
        if req.param(name) and header != "Content-Type":
            headers[header] = req.param(name)
    span = _range(req.header("Range"), obj.fsize)
    status, offset, length = 200, 0, obj.fsize
    if span is not None:
        status, offset, length = 206, span[0], span[1] - span[0] + 1
        headers["Content-Range"] = f"bytes {span[0]}-{span[1]}/{obj.fsize}"
    if req.method == "HEAD":
        return Response(status=200, content_type=content_type, headers=headers, length=obj.fsize)
    try:
        stream = obj.path.open("rb")
    except FileNotFoundError as exc:  # replaced or deleted since the stat
        raise no_such_key(req.key) from exc
    stream.seek(offset)
    return Response(
        status=status, content_type=content_type, headers=headers, stream=stream, length=length
    )


def delete_object(ctx: OssContext, req: OssRequest) -> Response:
    ctx.storage.delete(req.bucket, req.key)  # deleting a missing key succeeds, as on OSS
    return Response(status=204, content_type="application/xml")
