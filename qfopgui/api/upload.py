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


def object_url(up: str, bucket: str, key: str | None) -> str:
    """The multipart v2 base URL of one object (`~` lets the server name it)."""
    encoded = urlsafe_base64_encode(key) if key is not None else "~"
    return f"{up}/buckets/{bucket}/objects/{encoded}/uploads"


def auth_header(token: str) -> dict[str, str]:
    """The header every multipart v2 request carries."""
    return {"Authorization": f"UpToken {token}"}


def init_session(transport: Transport, base: str, *, token: str, ctx: Context) -> tuple[str, int]:
    """`POST …/uploads` (never retried) → (uploadId, expireAt in unix seconds, 0 if not sent)."""
    answer = transport.request("POST", base, idempotent=False, ctx=ctx, headers=auth_header(token))
    fields = Fields.of(answer, json_body(answer))
    upload_id = fields.text("uploadId")
    if not upload_id:
        raise protocol_error(answer, M.NO_UPLOAD_ID)
    if not _UPLOAD_ID.fullmatch(upload_id):
        raise bad_field(answer, "uploadId")
    return upload_id, fields.number("expireAt", 0, minimum=0)


def put_part(
    transport: Transport,
    session_url: str,
    number: int,
    chunk: bytes,
    *,
    token: str,
    ctx: Context,
    body: object = None,
) -> str:
    """`PUT …/<number>` with Content-MD5 (retried: the same bytes replace the same part).

    `body` (default: `chunk` itself) is what is sent; it must hold exactly `chunk`'s bytes — a
    streaming body lets the caller watch the bytes go out. Returns the part's etag."""
    md5 = hashlib.md5(chunk).hexdigest()
    part = transport.request(
        "PUT",
        f"{session_url}/{number}",
        idempotent=True,
        deadline=upload_deadline(transport, len(chunk)),
        ctx=ctx,
        data=chunk if body is None else body,
        headers={**auth_header(token), "Content-Type": DEFAULT_MIME, "Content-MD5": md5},
    )
    fields = Fields.of(part, json_body(part))
    etag = fields.text("etag")
    if not etag:
        raise protocol_error(part, M.NO_ETAG)
    server_md5 = fields.text("md5")
    if server_md5 and server_md5 != md5:
        raise errors.BadRequestError.make(M.PART_CHECKSUM, status=part.status, reqid=part.reqid)
    return etag


def complete_session(
    transport: Transport,
    session_url: str,
    parts: list[tuple[int, str]],
    *,
    token: str,
    ctx: Context,
    key: str | None,
    file_name: str,
    mime_type: str | None,
) -> UploadResult:
    """`POST …/uploads/<id>` with the (partNumber, etag) list in order (never retried)."""
    payload: dict[str, object] = {
        "parts": [{"etag": etag, "partNumber": number} for number, etag in parts]
    }
    if file_name:
        payload["fname"] = file_name
    if mime_type:
        payload["mimeType"] = mime_type
    done = transport.request(
        "POST", session_url, idempotent=False, ctx=ctx, headers=auth_header(token), json=payload
    )
    return parse_upload(done, json_body(done), key)


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
    base = object_url(up, bucket, key)
    upload_id, _expire_at = init_session(transport, base, token=token, ctx=ctx)
    session_url = f"{base}/{upload_id}"
    try:
        if progress:
            progress(0, size)
        parts: list[tuple[int, str]] = []
        sent = 0
        number = 1
        while sent < size:
            chunk = stream.read(min(part_size, size - sent))
            if len(chunk) != min(part_size, size - sent):
                raise OSError("the file changed size while it was being uploaded")
            etag = put_part(transport, session_url, number, chunk, token=token, ctx=ctx)
            parts.append((number, etag))
            sent += len(chunk)
            number += 1
            if progress:
                progress(sent, size)
        return complete_session(
            transport,
            session_url,
            parts,
            token=token,
            ctx=ctx,
            key=key,
            file_name=file_name,
            mime_type=mime_type,
        )
    except BaseException:
        abort_session(transport, session_url, token)
        raise


def abort_session(transport: Transport, session_url: str, token: str) -> None:
    """`DELETE` the session, best effort: the original error matters more than a failed
    cleanup."""
    try:
        transport.request("DELETE", session_url, idempotent=False, headers=auth_header(token))
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
