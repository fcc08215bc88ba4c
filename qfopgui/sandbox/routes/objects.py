"""rs/rsf routes: ``/list`` (v1), ``/stat/<entry>``, ``/delete/<entry>``."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import unquote

from qfopgui.sandbox.auth import b64decode_lenient
from qfopgui.sandbox.routes.common import (
    ERR_INVALID_ARGUMENT,
    ERR_NO_SUCH_FILE,
    ApiError,
    Context,
    Request,
    Response,
    json_response,
)
from qfopgui.sandbox.storage import StoredObject

MAX_LIST_LIMIT = 1000


def decode_entry(encoded: str) -> tuple[str, str | None]:
    """``urlsafe_b64("bucket:key")`` → (bucket, key); split at the first ':' only."""
    try:
        text = b64decode_lenient(unquote(encoded)).decode("utf-8")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, ERR_INVALID_ARGUMENT) from exc
    bucket, sep, key = text.partition(":")
    return bucket, (key if sep else None)


def encode_marker(last: str) -> str:
    """Opaque list marker in Qiniu's observed shape: base64 of ``{"c":0,"k":<last>}``."""
    raw = json.dumps({"c": 0, "k": last}, ensure_ascii=False, separators=(",", ":"))
    return base64.b64encode(raw.encode("utf-8")).decode("ascii")


def decode_marker(marker: str) -> str:
    try:
        data = json.loads(b64decode_lenient(marker).decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(640, "invalid marker") from exc
    if not isinstance(data, dict) or not isinstance(data.get("k"), str):
        raise ApiError(640, "invalid marker")
    return str(data["k"])


def object_item(obj: StoredObject) -> dict[str, Any]:
    item: dict[str, Any] = {
        "key": obj.key,
        "hash": obj.hash,
        "fsize": obj.fsize,
        "mimeType": obj.mime_type,
        "putTime": obj.put_time,
        "type": obj.type,
        "status": obj.status,
    }
    if obj.end_user:
        item["endUser"] = obj.end_user
    if obj.restore_status:
        item["restoreStatus"] = obj.restore_status
    return item


def list_objects(ctx: Context, req: Request, _: tuple[str, ...]) -> Response:
    """``GET|POST /list?bucket=&marker=&limit=&prefix=&delimiter=``."""
    ctx.require_management(req)
    params = req.form()
    bucket = params.get("bucket", "")
    ctx.require_bucket(bucket)
    raw_limit = params.get("limit", "")
    try:
        limit = int(raw_limit) if raw_limit else MAX_LIST_LIMIT
    except ValueError as exc:
        raise ApiError(400, "invalid list limit") from exc
    if not 1 <= limit <= MAX_LIST_LIMIT:
        raise ApiError(400, "invalid list limit")
    marker = params.get("marker", "")
    delimiter = params.get("delimiter", "")
    page = ctx.storage.list(
        bucket,
        prefix=params.get("prefix", ""),
        delimiter=delimiter,
        marker_key=decode_marker(marker) if marker else "",
        limit=limit,
    )
    body: dict[str, Any] = {"items": [object_item(o) for o in page.items]}
    if delimiter:
        body["commonPrefixes"] = page.common_prefixes
    if page.next_marker_key:
        body["marker"] = encode_marker(page.next_marker_key)
    return json_response(body)


def _entry_object(ctx: Context, encoded: str) -> tuple[str, str]:
    bucket, key = decode_entry(encoded)
    ctx.require_bucket(bucket)
    if key is None:
        raise ApiError(400, ERR_INVALID_ARGUMENT)
    return bucket, key


def stat_entry(ctx: Context, encoded: str) -> Response:
    """The stat answer for one entry (authorization already checked; ``/batch`` uses it)."""
    bucket, key = _entry_object(ctx, encoded)
    obj = ctx.storage.stat(bucket, key)
    if obj is None:
        raise ApiError(612, ERR_NO_SUCH_FILE)
    body: dict[str, Any] = {
        "fsize": obj.fsize,
        "hash": obj.hash,
        "mimeType": obj.mime_type,
        "putTime": obj.put_time,
        "type": obj.type,
    }
    if obj.end_user:
        body["endUser"] = obj.end_user
    if obj.status:
        body["status"] = obj.status
    if obj.restore_status:
        body["restoreStatus"] = obj.restore_status
    if obj.expiration:
        body["expiration"] = obj.expiration
    if obj.meta:
        body["x-qn-meta"] = dict(obj.meta)
    return json_response(body)


def stat_object(ctx: Context, req: Request, groups: tuple[str, ...]) -> Response:
    """``GET|POST /stat/<EncodedEntry>``."""
    ctx.require_management(req)
    return stat_entry(ctx, groups[0])


def delete_entry(ctx: Context, encoded: str) -> Response:
    """Delete one entry → ``{}`` or 612 (authorization already checked)."""
    bucket, key = _entry_object(ctx, encoded)
    if not ctx.storage.delete(bucket, key):
        raise ApiError(612, ERR_NO_SUCH_FILE)
    return json_response({})


def delete_object(ctx: Context, req: Request, groups: tuple[str, ...]) -> Response:
    """``POST /delete/<EncodedEntry>`` → ``{}`` or 612."""
    ctx.require_management(req)
    return delete_entry(ctx, groups[0])
