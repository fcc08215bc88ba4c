"""Multipart upload v2: ``/buckets/<b>/objects/<k|~>/uploads[/<id>[/<n>]]`` with ``UpToken`` auth.

Sessions live on disk (``<data>/uploads/<id>/``) so they survive a restart like real ones do;
every step is a file operation, and completion claims the session with one atomic rename.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from qiniu.utils import etag_stream

from qfopgui.sandbox.auth import UploadPolicy, b64decode_lenient
from qfopgui.sandbox.routes.common import (
    ERR_INVALID_ARGUMENT,
    ApiError,
    Context,
    Request,
    Response,
    json_response,
)
from qfopgui.sandbox.routes.object_meta import metadata_from
from qfopgui.sandbox.routes.upload import finalize_upload, verify_upload_token

SESSION_TTL = 7 * 24 * 3600
MAX_PART_NUMBER = 10000
ERR_NO_SUCH_UPLOAD = "no such uploadId"


def _uploads_dir(ctx: Context) -> Path:
    path = ctx.storage.data_dir / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _object_key(encoded: str) -> str | None:
    if encoded == "~":
        return None
    try:
        return b64decode_lenient(encoded).decode("utf-8")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, ERR_INVALID_ARGUMENT) from exc


def _authorize(ctx: Context, req: Request, bucket: str, encoded_key: str) -> UploadPolicy:
    scheme, _, token = req.headers.get("Authorization", "").partition(" ")
    up = verify_upload_token(ctx, token if scheme == "UpToken" else "")
    if up.scope_bucket != bucket:
        raise ApiError(403, "key doesn't match with scope")
    ctx.require_bucket(bucket)
    key = _object_key(encoded_key)
    scope_key = up.scope_key
    prefixal = str(up.policy.get("isPrefixalScope", "0")) == "1"
    if (
        scope_key is not None
        and key is not None
        and not (key.startswith(scope_key) if prefixal else key == scope_key)
    ):
        raise ApiError(403, "key doesn't match with scope")
    return up


def _session(
    ctx: Context, bucket: str, encoded_key: str, upload_id: str
) -> tuple[Path, dict[str, Any]]:
    if not upload_id or "/" in upload_id or upload_id.startswith("."):
        raise ApiError(612, ERR_NO_SUCH_UPLOAD)
    folder = _uploads_dir(ctx) / upload_id
    try:
        meta = json.loads((folder / "session.json").read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ApiError(612, ERR_NO_SUCH_UPLOAD) from exc
    if meta.get("bucket") != bucket or meta.get("objectKey") != encoded_key:
        raise ApiError(612, ERR_NO_SUCH_UPLOAD)
    if int(meta.get("expireAt", 0)) < time.time():
        shutil.rmtree(folder, ignore_errors=True)
        raise ApiError(612, ERR_NO_SUCH_UPLOAD)
    return folder, meta


def cleanup_sessions(data_dir: Path, *, now: float | None = None) -> int:
    """Remove expired sessions and interrupted completions; returns how many were removed."""
    root = data_dir / "uploads"
    if not root.is_dir():
        return 0
    now = time.time() if now is None else now
    removed = 0
    for folder in root.iterdir():
        try:
            expire_at = json.loads((folder / "session.json").read_text("utf-8"))["expireAt"]
        except (OSError, ValueError, KeyError, TypeError):
            expire_at = 0
        if ".completing-" in folder.name or int(expire_at) < now:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + f".{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_text(json.dumps(data), "utf-8")
    os.replace(tmp, path)


def initiate(ctx: Context, req: Request, groups: tuple[str, ...]) -> Response:
    """``POST …/uploads`` → ``{"uploadId", "expireAt"}``."""
    bucket, encoded_key = groups
    _authorize(ctx, req, bucket, encoded_key)
    upload_id = f"{ctx.config.uid:x}-{uuid.uuid4().hex}"
    folder = _uploads_dir(ctx) / upload_id
    folder.mkdir()
    expire_at = int(time.time()) + SESSION_TTL
    _write_json(
        folder / "session.json",
        {"bucket": bucket, "objectKey": encoded_key, "expireAt": expire_at, "created": time.time()},
    )
    return json_response({"uploadId": upload_id, "expireAt": expire_at})


def _part_number(text: str) -> int:
    number = int(text)
    if not 1 <= number <= MAX_PART_NUMBER:
        raise ApiError(400, "invalid part number")
    return number


def upload_part(ctx: Context, req: Request, groups: tuple[str, ...]) -> Response:
    """``PUT …/uploads/<id>/<n>`` (octet-stream) → ``{"etag", "md5"}``."""
    bucket, encoded_key, upload_id, number_text = groups
    _authorize(ctx, req, bucket, encoded_key)
    folder, _ = _session(ctx, bucket, encoded_key, upload_id)
    number = _part_number(number_text)
    md5 = hashlib.md5(req.body).hexdigest()
    claimed = req.headers.get("Content-MD5", "").strip()
    if (
        claimed
        and claimed.lower() != md5
        and claimed != base64.b64encode(bytes.fromhex(md5)).decode("ascii")
    ):
        raise ApiError(400, "content md5 not match")
    part_etag = etag_stream(io.BytesIO(req.body))
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f"{number}.")
    with os.fdopen(fd, "wb") as fh:
        fh.write(req.body)
    os.replace(tmp_name, folder / f"{number}.part")
    info = {"etag": part_etag, "md5": md5, "size": len(req.body), "putTime": int(time.time())}
    _write_json(folder / f"{number}.json", info)
    return json_response({"etag": part_etag, "md5": md5})


def _parts(folder: Path) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    for meta in folder.glob("*.json"):
        if meta.stem.isdigit():
            try:
                out[int(meta.stem)] = json.loads(meta.read_text("utf-8"))
            except (OSError, ValueError):
                continue
    return out


def list_parts(ctx: Context, req: Request, groups: tuple[str, ...]) -> Response:
    """``GET …/uploads/<id>?max-parts=&part-number-marker=``."""
    bucket, encoded_key, upload_id = groups
    _authorize(ctx, req, bucket, encoded_key)
    folder, meta = _session(ctx, bucket, encoded_key, upload_id)
    params = req.query()
    try:
        max_parts = int(params.get("max-parts") or 1000)
        marker = int(params.get("part-number-marker") or params.get("part-number_marker") or 0)
    except ValueError as exc:
        raise ApiError(400, ERR_INVALID_ARGUMENT) from exc
    numbers = sorted(n for n in _parts(folder) if n > marker)
    page = numbers[: max(1, min(max_parts, 1000))]
    parts = _parts(folder)
    next_marker = page[-1] if len(numbers) > len(page) else 0
    return json_response(
        {
            "uploadId": upload_id,
            "expireAt": meta["expireAt"],
            "partNumberMarker": next_marker,
            "parts": [
                {
                    "partNumber": n,
                    "etag": parts[n]["etag"],
                    "size": parts[n]["size"],
                    "putTime": parts[n]["putTime"],
                }
                for n in page
            ],
        }
    )


def abort(ctx: Context, req: Request, groups: tuple[str, ...]) -> Response:
    """``DELETE …/uploads/<id>``."""
    bucket, encoded_key, upload_id = groups
    _authorize(ctx, req, bucket, encoded_key)
    folder, _ = _session(ctx, bucket, encoded_key, upload_id)
    shutil.rmtree(folder, ignore_errors=True)
    return json_response({})


def complete(ctx: Context, req: Request, groups: tuple[str, ...]) -> Response:
    """``POST …/uploads/<id>`` with JSON ``{"parts":[{"etag","partNumber"}], "fname", …}``."""
    bucket, encoded_key, upload_id = groups
    up = _authorize(ctx, req, bucket, encoded_key)
    folder, _ = _session(ctx, bucket, encoded_key, upload_id)
    body = req.json_body()
    if not isinstance(body, dict) or not isinstance(body.get("parts"), list) or not body["parts"]:
        raise ApiError(400, "parts is empty")
    raw_meta = body.get("metadata") or {}
    if not isinstance(raw_meta, dict):
        raise ApiError(400, "invalid metadata: expected an object of x-qn-meta-<name>: value")
    metadata = metadata_from((str(k), str(v)) for k, v in raw_meta.items())
    stored = _parts(folder)
    order: list[int] = []
    for item in body["parts"]:
        number = item.get("partNumber") if isinstance(item, dict) else None
        if not isinstance(number, int) or number not in stored or (order and number <= order[-1]):
            raise ApiError(400, "invalid part")
        if item.get("etag") != stored[number]["etag"]:
            raise ApiError(400, "part etag not match")
        order.append(number)
    claimed = folder.with_name(folder.name + f".completing-{uuid.uuid4().hex[:8]}")
    try:
        os.replace(folder, claimed)
    except OSError as exc:
        raise ApiError(612, ERR_NO_SUCH_UPLOAD) from exc
    fd, tmp_name = tempfile.mkstemp(dir=ctx.storage.tmp_dir, prefix="mp-")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for number in order:
                with open(claimed / f"{number}.part", "rb") as part:
                    shutil.copyfileobj(part, out, 1 << 20)
        custom = body.get("customVars") or {}
        return finalize_upload(
            ctx,
            req,
            up,
            key=_object_key(encoded_key),
            src=tmp,
            fname=str(body.get("fname") or ""),
            mime_type=str(body.get("mimeType") or ""),
            custom_vars={str(k): str(v) for k, v in custom.items() if str(k).startswith("x:")},
            bucket_hint=bucket,
            metadata=metadata,
        )
    finally:
        tmp.unlink(missing_ok=True)
        shutil.rmtree(claimed, ignore_errors=True)
