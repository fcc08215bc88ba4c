"""Form upload and multipart upload v2 (reference §3.5), with progress and abort.

Retry choices: the form upload, multipart *init* and *complete* are never retried (a repeat
could create a second upload session or race an insert-only policy). Each part `PUT` is
retried like an idempotent read — re-sending the same bytes to the same part number simply
replaces that part. On any failure (or if the progress callback raises, which is how callers
cancel) the multipart session is aborted with `DELETE` so no half-upload lingers.
"""

from __future__ import annotations

import hashlib
import logging
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from qiniu.utils import urlsafe_base64_encode

from qfopgui.api import errors
from qfopgui.api import messages as M
from qfopgui.api.models import UploadResult
from qfopgui.api.responses import Context, json_body, parse_upload, protocol_error
from qfopgui.api.transport import Transport

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

FORM_LIMIT = 8 * 1024 * 1024  # files up to this size go through one form POST
PART_SIZE = 4 * 1024 * 1024  # multipart v2 part size (the SDK default)
DEFAULT_MIME = "application/octet-stream"


def form_upload(
    transport: Transport,
    up: str,
    *,
    bucket: str,
    key: str | None,
    data: bytes,
    token: str,
    mime_type: str | None,
    file_name: str,
    progress: Progress | None,
) -> UploadResult:
    """`POST <up>/` multipart/form-data: token, key, crc32, file (never retried)."""
    total = len(data)
    if progress:
        progress(0, total)
    fields: list[tuple[str, str]] = [("token", token)]
    if key is not None:
        fields.append(("key", key))
    fields.append(("crc32", str(zlib.crc32(data) & 0xFFFFFFFF)))
    resp = transport.request(
        "POST",
        f"{up}/",
        idempotent=False,
        ctx=Context(bucket=bucket, key=key or ""),
        data=fields,
        files={"file": (file_name or "file", data, mime_type or DEFAULT_MIME)},
    )
    result = parse_upload(resp, json_body(resp), key)
    if progress:
        progress(total, total)
    return result


def _object_url(up: str, bucket: str, key: str | None) -> str:
    encoded = urlsafe_base64_encode(key) if key is not None else "~"
    return f"{up}/buckets/{bucket}/objects/{encoded}/uploads"


def multipart_upload(
    transport: Transport,
    up: str,
    *,
    bucket: str,
    key: str | None,
    stream: BinaryIO,
    size: int,
    token: str,
    mime_type: str | None,
    file_name: str,
    progress: Progress | None,
    part_size: int = PART_SIZE,
) -> UploadResult:
    """init → PUT parts (Content-MD5) → complete; DELETE the session if anything fails."""
    if part_size < 1024 * 1024:
        raise ValueError("multipart v2 parts must be at least 1 MiB")
    if size <= 0:
        raise ValueError("multipart upload needs a non-empty file")
    ctx = Context(bucket=bucket, key=key or "")
    auth_header = {"Authorization": f"UpToken {token}"}
    base = _object_url(up, bucket, key)
    resp = transport.request("POST", base, idempotent=False, ctx=ctx, headers=auth_header)
    init = json_body(resp)
    upload_id = init.get("uploadId") if isinstance(init, dict) else None
    if not isinstance(upload_id, str) or not upload_id:
        raise protocol_error(resp, M.NO_UPLOAD_ID)
    session_url = f"{base}/{upload_id}"
    try:
        if progress:
            progress(0, size)
        parts: list[dict[str, object]] = []
        sent = 0
        number = 1
        while sent < size:
            chunk = stream.read(min(part_size, size - sent))
            if len(chunk) != min(part_size, size - sent):
                raise OSError("the file changed size while it was being uploaded")
            md5 = hashlib.md5(chunk).hexdigest()
            part = transport.request(
                "PUT",
                f"{session_url}/{number}",
                idempotent=True,
                ctx=ctx,
                data=chunk,
                headers={**auth_header, "Content-Type": DEFAULT_MIME, "Content-MD5": md5},
            )
            body = json_body(part)
            etag = body.get("etag") if isinstance(body, dict) else None
            if not isinstance(etag, str) or not etag:
                raise protocol_error(part, M.NO_ETAG)
            server_md5 = body.get("md5")
            if isinstance(server_md5, str) and server_md5 and server_md5 != md5:
                raise errors.BadRequestError.make(
                    M.PART_CHECKSUM,
                    status=part.status_code,
                    reqid=part.headers.get("X-Reqid"),
                )
            parts.append({"etag": etag, "partNumber": number})
            sent += len(chunk)
            number += 1
            if progress:
                progress(sent, size)
        payload: dict[str, object] = {"parts": parts}
        if file_name:
            payload["fname"] = file_name
        if mime_type:
            payload["mimeType"] = mime_type
        done = transport.request(
            "POST", session_url, idempotent=False, ctx=ctx, headers=auth_header, json=payload
        )
        return parse_upload(done, json_body(done), key)
    except BaseException:
        _abort(transport, session_url, auth_header)
        raise


def _abort(transport: Transport, session_url: str, auth_header: dict[str, str]) -> None:
    """Best effort: the original error matters more than a failed cleanup."""
    try:
        transport.request("DELETE", session_url, idempotent=False, headers=auth_header)
    except errors.QiniuError as exc:
        log.warning("could not abort multipart upload: %s", exc)


def upload_path(
    transport: Transport,
    up: str,
    *,
    bucket: str,
    key: str | None,
    path: str | os.PathLike[str],
    token: str,
    mime_type: str | None,
    progress: Progress | None,
    form_limit: int = FORM_LIMIT,
    part_size: int = PART_SIZE,
) -> UploadResult:
    """Form upload up to `form_limit` bytes, multipart v2 above."""
    p = Path(path)
    size = p.stat().st_size
    with p.open("rb") as fh:
        if size <= form_limit:
            return form_upload(
                transport,
                up,
                bucket=bucket,
                key=key,
                data=fh.read(),
                token=token,
                mime_type=mime_type,
                file_name=p.name,
                progress=progress,
            )
        return multipart_upload(
            transport,
            up,
            bucket=bucket,
            key=key,
            stream=fh,
            size=size,
            token=token,
            mime_type=mime_type,
            file_name=p.name,
            progress=progress,
            part_size=part_size,
        )
