"""Form upload (`POST <up>/`) and multipart upload v2 (`/buckets/…/uploads`), progress, abort.

Retry choices: the form upload, multipart *init* and *complete* are never retried (a repeat
could create a second upload session or race an insert-only policy). Each part `PUT` is
retried like an idempotent read — re-sending the same bytes to the same part number simply
replaces that part. On any failure (or if the progress callback raises, which is how callers
cancel) the multipart session is aborted with `DELETE` so no half-upload lingers.

Deadlines: a request carrying file data gets the transport's deadline plus the time to send
its bytes at `MIN_UPLOAD_RATE` (32 KiB/s, a poor mobile link): +128 s for a 4 MiB part,
+256 s for an 8 MiB form upload. Init, complete and abort carry no data and keep the default.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from qiniu.utils import urlsafe_base64_encode

from qfopgui.api import errors
from qfopgui.api import messages as M
from qfopgui.api.answer_fields import Fields
from qfopgui.api.model_parsers import parse_upload
from qfopgui.api.models import UploadResult
from qfopgui.api.responses import Context, bad_field, json_body, protocol_error
from qfopgui.api.transport import Transport
from qfopgui.core.object_keys import key_problem

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

FORM_LIMIT = 8 * 1024 * 1024  # files up to this size go through one form POST
PART_SIZE = 4 * 1024 * 1024  # multipart v2 part size (the SDK default)
DEFAULT_MIME = "application/octet-stream"
MIN_UPLOAD_RATE = 32 * 1024  # bytes per second an upload is always given time for
_UPLOAD_ID = re.compile(r"[A-Za-z0-9._~=-]{1,512}")  # it becomes a path segment of our URLs


def upload_deadline(transport: Transport, size: int) -> float:
    """Seconds allowed for a request carrying `size` bytes (see the module docstring)."""
    return transport.deadline + size / MIN_UPLOAD_RATE


def refuse_bad_key(key: str | None) -> None:
    """Raise ``InvalidKeyError`` before anything is sent when Qiniu would refuse ``key``
    (empty, not UTF-8, longer than 750 bytes). ``None`` lets the server name the object."""
    problem = None if key is None else key_problem(key)
    if problem is not None:
        raise errors.InvalidKeyError(
            problem.message, template=problem.template, params=problem.params_dict
        )


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
    refuse_bad_key(key)
    total = len(data)
    if progress:
        progress(0, total)
    fields: list[tuple[str, str]] = [("token", token)]
    if key is not None:
        fields.append(("key", key))
    fields.append(("crc32", str(zlib.crc32(data) & 0xFFFFFFFF)))
    answer = transport.request(
        "POST",
        f"{up}/",
        idempotent=False,
        deadline=upload_deadline(transport, total),
        ctx=Context(bucket=bucket, key=key or ""),
        data=fields,
        files={"file": (file_name or "file", data, mime_type or DEFAULT_MIME)},
    )
    result = parse_upload(answer, json_body(answer), key)
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
    refuse_bad_key(key)
    if part_size < 1024 * 1024:
        raise ValueError("multipart v2 parts must be at least 1 MiB")
    if size <= 0:
        raise ValueError("multipart upload needs a non-empty file")
    ctx = Context(bucket=bucket, key=key or "")
    auth_header = {"Authorization": f"UpToken {token}"}
    base = _object_url(up, bucket, key)
    answer = transport.request("POST", base, idempotent=False, ctx=ctx, headers=auth_header)
    upload_id = Fields.of(answer, json_body(answer)).text("uploadId")
    if not upload_id:
        raise protocol_error(answer, M.NO_UPLOAD_ID)
    if not _UPLOAD_ID.fullmatch(upload_id):
        raise bad_field(answer, "uploadId")
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
                deadline=upload_deadline(transport, len(chunk)),
                ctx=ctx,
                data=chunk,
                headers={**auth_header, "Content-Type": DEFAULT_MIME, "Content-MD5": md5},
            )
            body = Fields.of(part, json_body(part))
            etag = body.text("etag")
            if not etag:
                raise protocol_error(part, M.NO_ETAG)
            server_md5 = body.text("md5")
            if server_md5 and server_md5 != md5:
                raise errors.BadRequestError.make(
                    M.PART_CHECKSUM,
                    status=part.status,
                    reqid=part.reqid,
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
    refuse_bad_key(key)
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
