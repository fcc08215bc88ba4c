"""OSS signature strings (V1 ``OSS ak:sig``, V4 ``OSS4-HMAC-SHA256``) as the server rebuilds them.

Written from the documented algorithms rather than reusing an SDK's signer, so the SDK tests
check the SDKs against an independent implementation. Every input is already decoded: the key
from the path, the query as (name, value) pairs (``+`` read as a space, as oss2 sends it).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

V4_ALGORITHM = "OSS4-HMAC-SHA256"
UNSIGNED = "UNSIGNED-PAYLOAD"

# Sub-resources signed in V1: the union of the official list, oss2's and the v2 SDK's; any other
# query name starting with ``x-oss-`` is signed too (the Go SDK's rule).
# fmt: off
V1_SUBRESOURCES = frozenset((
    "acl", "uploads", "location", "cors", "logging", "website", "referer", "lifecycle", "delete",
    "append", "tagging", "objectMeta", "uploadId", "partNumber", "security-token", "position",
    "img", "style", "styleName", "replication", "replicationProgress", "replicationLocation",
    "cname", "bucketInfo", "comp", "qos", "live", "status", "vod", "startTime", "endTime",
    "symlink", "x-oss-process", "response-content-type", "response-content-language",
    "response-expires", "response-cache-control", "response-content-disposition",
    "response-content-encoding", "group", "link", "objectInfo", "restore", "stat", "callback",
    "callback-var", "encryption", "versions", "versioning", "versionId", "policy",
    "requestPayment", "qosInfo", "asyncFetch", "sequential", "inventory", "inventoryId",
    "continuation-token", "worm", "wormId", "wormExtend", "transferAcceleration", "metaQuery",
    "resourceGroup", "regionList", "cloudboxes", "bucketArchiveDirectRead", "httpsConfig",
    "redundancyTransition", "accessPoint", "accessPointPolicy", "publicAccessBlock",
    "requesterQosInfo", "qosRequester", "resourcePoolInfo", "resourcePool", "resourcePoolBuckets",
))
# fmt: on


class SignatureError(Exception):
    """The request is not signed correctly; ``code`` is the OSS error code to answer with."""

    def __init__(
        self, code: str, message: str, status: int = 403, extra: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.extra: dict[str, str] = dict(extra or {})


@dataclass(frozen=True)
class SignedRequest:
    """What a signature covers: ``bucket`` is "" for service calls, ``key`` "" for bucket calls."""

    method: str
    bucket: str
    key: str
    query: Sequence[tuple[str, str]]
    headers: Mapping[str, str]  # case-insensitive lookup expected

    def header(self, name: str) -> str:
        return self.headers.get(name, "")

    def lower_headers(self) -> dict[str, str]:
        return {name.lower(): value.strip() for name, value in self.headers.items()}


def _resource_v1(req: SignedRequest) -> str:
    path = "/" if not req.bucket else f"/{req.bucket}/{req.key}"
    subs = sorted(
        (name, value)
        for name, value in req.query
        if name in V1_SUBRESOURCES or name.startswith("x-oss-")
    )
    if not subs:
        return path
    return path + "?" + "&".join(f"{n}={v}" if v else n for n, v in subs)


def string_to_sign_v1(req: SignedRequest, date: str | None = None) -> str:
    """The V1 StringToSign; ``date`` overrides the Date line (presigned URLs put Expires there)."""
    lower = req.lower_headers()
    if date is None:
        date = lower.get("x-oss-date") or lower.get("date", "")
    oss_headers = "".join(
        f"{name}:{value}\n" for name, value in sorted(lower.items()) if name.startswith("x-oss-")
    )
    return "\n".join(
        [
            req.method.upper(),
            lower.get("content-md5", ""),
            lower.get("content-type", ""),
            date,
            oss_headers + _resource_v1(req),
        ]
    )


def sign_v1(secret: str, string_to_sign: str) -> str:
    digest = hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def uri_encode(text: str, *, keep_slash: bool = False) -> str:
    """RFC 3986 unreserved characters stay; everything else is %XX (space is %20, never +)."""
    return quote(text, safe="-_.~/" if keep_slash else "-_.~")


def canonical_request_v4(req: SignedRequest, additional: Sequence[str], payload: str) -> str:
    uri = "/" if not req.bucket else uri_encode(f"/{req.bucket}/{req.key}", keep_slash=True)
    encoded = sorted((uri_encode(n), uri_encode(v)) for n, v in req.query)
    query = "&".join(f"{n}={v}" if v else n for n, v in encoded)
    lower = req.lower_headers()
    wanted = {"content-type", "content-md5", *additional}
    signed = sorted(
        (name, value)
        for name, value in lower.items()
        if name.startswith("x-oss-") or name in wanted
    )
    headers = "".join(f"{name}:{value}\n" for name, value in signed)
    return "\n".join(
        [req.method.upper(), uri, query, headers, ";".join(sorted(additional)), payload]
    )


def signing_key_v4(secret: str, day: str, region: str, product: str = "oss") -> bytes:
    key = hmac.new(f"aliyun_v4{secret}".encode(), day.encode(), hashlib.sha256).digest()
    for part in (region, product, "aliyun_v4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


def string_to_sign_v4(canonical: str, stamp: str, scope: str) -> str:
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    return f"{V4_ALGORITHM}\n{stamp}\n{scope}\n{digest}"


@dataclass(frozen=True)
class V4Authorization:
    access_key: str
    day: str
    region: str
    product: str
    additional: tuple[str, ...]
    signature: str

    @property
    def scope(self) -> str:
        return f"{self.day}/{self.region}/{self.product}/aliyun_v4_request"


def parse_v4_authorization(value: str) -> V4Authorization:
    """Lenient: ``,`` or ``, `` between fields, AdditionalHeaders before or after Signature."""
    fields: dict[str, str] = {}
    for part in value[len(V4_ALGORITHM) :].split(","):
        name, sep, val = part.strip().partition("=")
        if sep:
            fields[name.strip()] = val.strip()
    credential = fields.get("Credential", "").split("/")
    if len(credential) != 5 or credential[4] != "aliyun_v4_request" or not fields.get("Signature"):
        raise SignatureError("InvalidArgument", "malformed OSS4-HMAC-SHA256 Authorization", 400)
    if "AdditionalHeaders" in fields and not fields["AdditionalHeaders"]:
        raise SignatureError("InvalidArgument", "AdditionalHeaders must not be empty", 400)
    extra = tuple(h.strip().lower() for h in fields.get("AdditionalHeaders", "").split(";") if h)
    ak, day, region, product, _ = credential
    return V4Authorization(ak, day, region, product, extra, fields["Signature"])
