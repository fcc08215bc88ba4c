"""OSS's XML answers: errors, bucket and object listings, multipart results.

Element names and order follow the documented responses; oss2 raises on any missing
``Contents`` child, so every one it reads is always written.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote
from xml.sax.saxutils import escape

from qfopgui.sandbox.routes.common import Response

XML = "application/xml"
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


class OssError(Exception):
    """Raised by a route to answer with an OSS ``<Error>`` document."""

    def __init__(
        self, status: int, code: str, message: str, extra: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(f"{code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.extra: dict[str, str] = dict(extra or {})


def iso_time(seconds: float) -> str:
    """``2020-06-22T11:42:32.000Z`` (the listings' LastModified)."""
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(seconds))


def http_time(seconds: float) -> str:
    return time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(seconds))


def _el(name: str, value: object) -> str:
    return f"<{name}>{escape(str(value))}</{name}>"


def xml_response(body: str, status: int = 200) -> Response:
    return Response(status=status, body=(_HEAD + body).encode("utf-8"), content_type=XML)


def error_document(err: OssError, request_id: str, host: str) -> str:
    ec = err.extra.get("EC", "")
    extra = "".join(_el(k, v) for k, v in err.extra.items() if k != "EC")
    tail = _el("EC", ec) if ec else ""
    return (
        f"<Error>{_el('Code', err.code)}{_el('Message', err.message)}"
        f"{_el('RequestId', request_id)}{_el('HostId', host)}{extra}{tail}</Error>"
    )


@dataclass(frozen=True)
class Entry:
    """One object in a listing."""

    key: str
    modified: float  # Unix seconds
    etag: str  # without quotes
    size: int
    type: str = "Normal"


def _enc(value: str, url: bool) -> str:
    return quote(value, safe="") if url else value


def buckets_document(
    names: Iterable[tuple[str, float]], region: str, owner: str, endpoint: str
) -> str:
    items = "".join(
        "<Bucket>"
        f"{_el('CreationDate', iso_time(ctime))}{_el('ExtranetEndpoint', endpoint)}"
        f"{_el('IntranetEndpoint', endpoint)}{_el('Location', 'oss-' + region)}"
        f"{_el('Name', name)}{_el('Region', region)}{_el('StorageClass', 'Standard')}"
        "</Bucket>"
        for name, ctime in names
    )
    return (
        f"<ListAllMyBucketsResult><Owner>{_el('ID', owner)}{_el('DisplayName', owner)}</Owner>"
        f"<Buckets>{items}</Buckets></ListAllMyBucketsResult>"
    )


@dataclass(frozen=True)
class ListingHead:
    """The request side of a listing answer, echoed back."""

    bucket: str
    prefix: str
    delimiter: str
    max_keys: int
    url: bool  # encoding-type=url


def _contents(entries: Sequence[Entry], url: bool, owner: str) -> str:
    return "".join(
        "<Contents>"
        f"{_el('Key', _enc(e.key, url))}{_el('LastModified', iso_time(e.modified))}"
        f"{_el('ETag', chr(34) + e.etag + chr(34))}{_el('Type', e.type)}{_el('Size', e.size)}"
        f"{_el('StorageClass', 'Standard')}"
        + (f"<Owner>{_el('ID', owner)}{_el('DisplayName', owner)}</Owner>" if owner else "")
        + "</Contents>"
        for e in entries
    )


def _prefixes(prefixes: Sequence[str], url: bool) -> str:
    return "".join(
        f"<CommonPrefixes>{_el('Prefix', _enc(p, url))}</CommonPrefixes>" for p in prefixes
    )


def list_v2_document(
    head: ListingHead,
    entries: Sequence[Entry],
    prefixes: Sequence[str],
    *,
    start_after: str | None,
    token: str | None,
    next_token: str,
    owner: str = "",
) -> str:
    url = head.url
    parts = [_el("Name", head.bucket), _el("Prefix", _enc(head.prefix, url))]
    if start_after is not None:
        parts.append(_el("StartAfter", _enc(start_after, url)))
    if token is not None:
        parts.append(_el("ContinuationToken", token))
    parts += [_el("MaxKeys", head.max_keys), _el("Delimiter", _enc(head.delimiter, url))]
    if url:
        parts.append(_el("EncodingType", "url"))
    parts.append(_el("IsTruncated", "true" if next_token else "false"))
    if next_token:
        parts.append(_el("NextContinuationToken", next_token))
    parts.append(_el("KeyCount", len(entries) + len(prefixes)))
    body = "".join(parts) + _contents(entries, url, owner) + _prefixes(prefixes, url)
    return f"<ListBucketResult>{body}</ListBucketResult>"


def list_v1_document(
    head: ListingHead,
    entries: Sequence[Entry],
    prefixes: Sequence[str],
    *,
    marker: str,
    next_marker: str,
) -> str:
    url = head.url
    parts = [
        _el("Name", head.bucket),
        _el("Prefix", _enc(head.prefix, url)),
        _el("Marker", _enc(marker, url)),
        _el("MaxKeys", head.max_keys),
        _el("Delimiter", _enc(head.delimiter, url)),
    ]
    if url:
        parts.append(_el("EncodingType", "url"))
    parts.append(_el("IsTruncated", "true" if next_marker else "false"))
    if next_marker:
        parts.append(_el("NextMarker", _enc(next_marker, url)))
    body = "".join(parts) + _contents(entries, url, "") + _prefixes(prefixes, url)
    return f"<ListBucketResult>{body}</ListBucketResult>"


def initiate_document(bucket: str, key: str, upload_id: str) -> str:
    return (
        f"<InitiateMultipartUploadResult>{_el('Bucket', bucket)}{_el('Key', key)}"
        f"{_el('UploadId', upload_id)}</InitiateMultipartUploadResult>"
    )


def complete_document(bucket: str, key: str, etag: str, location: str) -> str:
    return (
        f"<CompleteMultipartUploadResult>{_el('Location', location)}{_el('Bucket', bucket)}"
        f"{_el('Key', key)}{_el('ETag', chr(34) + etag + chr(34))}"
        "</CompleteMultipartUploadResult>"
    )


@dataclass(frozen=True)
class PartInfo:
    number: int
    etag: str
    size: int
    modified: float
    crc64: str


def list_parts_document(
    bucket: str,
    key: str,
    upload_id: str,
    parts: Sequence[PartInfo],
    *,
    max_parts: int,
    marker: int,
    truncated: bool,
) -> str:
    items = "".join(
        f"<Part>{_el('PartNumber', p.number)}{_el('LastModified', iso_time(p.modified))}"
        f"{_el('ETag', chr(34) + p.etag + chr(34))}{_el('HashCrc64ecma', p.crc64)}"
        f"{_el('Size', p.size)}</Part>"
        for p in parts
    )
    next_marker = parts[-1].number if parts else marker
    return (
        f"<ListPartsResult>{_el('Bucket', bucket)}{_el('Key', key)}"
        f"{_el('UploadId', upload_id)}{_el('PartNumberMarker', marker)}"
        f"{_el('NextPartNumberMarker', next_marker)}{_el('MaxParts', max_parts)}"
        f"{_el('IsTruncated', 'true' if truncated else 'false')}{items}</ListPartsResult>"
    )
