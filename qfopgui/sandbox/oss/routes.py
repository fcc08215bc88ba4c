"""Which OSS operation a request is, from its method, bucket/key and sub-resources.

A sub-resource the sandbox does not implement (``?acl`` on an object, ``?tagging``,
``?x-oss-process``, a ``x-oss-copy-source`` PUT, ...) is refused with 501 NotImplemented rather
than served as a plain object or listing call.
"""

from __future__ import annotations

from collections.abc import Callable

from qfopgui.sandbox.oss import buckets, multipart, objects, process
from qfopgui.sandbox.oss.answers import OssError
from qfopgui.sandbox.oss.model import OssContext, OssRequest
from qfopgui.sandbox.oss.objects import RESPONSE_OVERRIDES
from qfopgui.sandbox.oss.signing import V1_SUBRESOURCES, SignatureError
from qfopgui.sandbox.routes.common import Response

Route = Callable[[OssContext, OssRequest], Response]

_ALWAYS = frozenset(
    {"x-oss-signature-version", "x-oss-credential", "x-oss-date", "x-oss-expires",
     "x-oss-signature", "x-oss-additional-headers", "x-oss-security-token", "security-token"}
)  # fmt: skip
_BUCKET_OPS: dict[str, dict[str, Route]] = {
    "GET": {
        "bucketInfo": buckets.bucket_info,
        "location": buckets.bucket_location,
        "acl": buckets.bucket_acl,
    },
    "POST": {"delete": buckets.delete_multiple},
}
_MULTIPART: dict[str, Route] = {
    "PUT": multipart.upload_part,
    "POST": multipart.complete,
    "GET": multipart.list_parts,
    "DELETE": multipart.abort,
}
_PLAIN: dict[str, Route] = {
    "PUT": objects.put_object,
    "GET": objects.get_object,
    "HEAD": objects.get_object,
    "DELETE": objects.delete_object,
}
_OBJECT_SUBRESOURCES = frozenset({"uploadId", "partNumber", "uploads", process.FIELD})


def _unknown_subresource(req: OssRequest) -> bool:
    if req.key:
        allowed = _ALWAYS | _OBJECT_SUBRESOURCES
        if req.method in ("GET", "HEAD"):
            allowed |= RESPONSE_OVERRIDES
        if req.method == "HEAD":
            allowed |= {"objectMeta"}  # GetObjectMeta: the v2 SDK's is_object_exist, oss2's too
    else:
        allowed = _ALWAYS | {"continuation-token"} | set(_BUCKET_OPS.get(req.method, {}))
    return any(
        (name in V1_SUBRESOURCES or name.startswith("x-oss-")) and name not in allowed
        for name, _ in req.query
    )


def _bucket_route(req: OssRequest) -> tuple[str, Route] | None:
    for name, handler in _BUCKET_OPS.get(req.method, {}).items():
        if req.has(name):
            return handler.__name__, handler
    if req.method == "GET" and req.param("list-type") == "2":
        return "ListObjectsV2", objects.list_objects_v2
    if req.method == "GET":
        return "ListObjects", objects.list_objects_v1
    return None


def _object_route(req: OssRequest) -> tuple[str, Route] | None:
    if req.method == "PUT" and req.header("x-oss-copy-source"):
        return None  # CopyObject is not implemented; never store an empty object instead
    if req.has("uploadId"):
        handler = _MULTIPART.get(req.method)
    elif req.method == "POST" and req.has("uploads"):
        handler = multipart.initiate
    elif req.method == "POST" and req.has(process.FIELD):
        handler = process.async_process
    else:
        handler = _PLAIN.get(req.method)
    return None if handler is None else (handler.__name__, handler)


def resolve(req: OssRequest) -> tuple[str, Route]:
    """(operation name, handler); 501 OssError for what the sandbox does not implement."""
    found: tuple[str, Route] | None = None
    if _unknown_subresource(req):
        pass
    elif not req.bucket:
        found = ("ListBuckets", objects.list_buckets) if req.method == "GET" else None
    elif not req.key:
        found = _bucket_route(req)
    else:
        found = _object_route(req)
    if found is None:
        raise OssError(
            501,
            "NotImplemented",
            f"the OSS sandbox does not implement {req.method} with these parameters.",
        )
    return found


def dispatch(ctx: OssContext, req: OssRequest) -> tuple[str, Response]:
    """Verify the signature, check the bucket, run the operation."""
    try:
        ctx.verifier.verify(req.signed())
    except SignatureError as exc:
        raise OssError(exc.status, exc.code, exc.message, exc.extra) from exc
    name, route = resolve(req)
    if req.bucket and not ctx.storage.bucket_exists(req.bucket):
        raise OssError(
            404, "NoSuchBucket", "The specified bucket does not exist.", {"BucketName": req.bucket}
        )
    return name, route(ctx, req)
