"""Form upload (``POST /``) and the put-policy rules shared with multipart completion."""

from __future__ import annotations

import email.message
import os
import re
import tempfile
import uuid
import zlib
from dataclasses import dataclass
from email.utils import collapse_rfc2231_value
from pathlib import Path
from typing import Any

from qiniu.utils import etag

from qfopgui.sandbox.auth import AuthFailure, UploadPolicy
from qfopgui.sandbox.mime import guess_mime
from qfopgui.sandbox.routes.common import (
    ApiError,
    Context,
    Request,
    Response,
    json_response,
)
from qfopgui.sandbox.routes.fop import check_policy_pipeline
from qfopgui.sandbox.routes.object_meta import metadata_from
from qfopgui.sandbox.routes.upload_policy import (
    check_callback_urls,
    check_key_limit,
    mime_allowed,
    render_json_template,
    run_callback,
    sniff_mime,
)
from qfopgui.sandbox.storage import NoSuchBucketError, StoredObject

_VAR_RE = re.compile(r"\$\(([A-Za-z0-9_:.\-]+)\)")
_GENERIC_MIME = ("", "application/octet-stream")


@dataclass
class FormPart:
    name: str
    filename: str | None
    content_type: str
    data: bytes


def verify_upload_token(ctx: Context, token: str) -> UploadPolicy:
    if not token:
        raise ApiError(401, "bad token")
    try:
        up = ctx.verifier.upload_token(token)
    except AuthFailure as exc:
        raise ApiError(exc.status, exc.message) from exc
    check_policy_pipeline(ctx, up.policy)  # refused before any byte is stored
    return up


def parse_multipart(body: bytes, content_type: str) -> list[FormPart]:
    """Split a ``multipart/form-data`` body (kept in memory; uploads here are ≤ a few MiB)."""
    holder = email.message.Message()
    holder["Content-Type"] = content_type
    boundary = holder.get_param("boundary")
    if holder.get_content_type() != "multipart/form-data" or not isinstance(boundary, str):
        raise ApiError(400, "invalid multipart form")
    delim = b"\r\n--" + boundary.encode("latin-1")
    chunks = (b"\r\n" + body).split(delim)
    parts: list[FormPart] = []
    for chunk in chunks[1:]:
        if chunk.startswith(b"--"):
            break
        head, sep, data = chunk.partition(b"\r\n\r\n")
        if not sep:
            raise ApiError(400, "invalid multipart form")
        headers = email.message.Message()
        for line in head.decode("utf-8", "replace").split("\r\n"):
            name, colon, value = line.partition(":")
            if colon:
                headers[name.strip()] = value.strip()
        field = headers.get_param("name", header="content-disposition")
        filename = headers.get_param("filename", header="content-disposition")
        if field is None:
            continue
        parts.append(
            FormPart(
                name=collapse_rfc2231_value(field),
                filename=None if filename is None else collapse_rfc2231_value(filename),
                content_type=headers.get("Content-Type", ""),
                data=data,
            )
        )
    return parts


def render_vars(template: str, values: dict[str, Any], *, json_escape: bool) -> str:
    """Replace ``$(name)`` variables as plain text (``saveKey``); JSON goes elsewhere."""
    if json_escape:
        return render_json_template(template, values)

    def one(match: re.Match[str]) -> str:
        return str(values.get(match.group(1), ""))

    return _VAR_RE.sub(one, template)


def _int_field(policy: dict[str, Any], name: str) -> int:
    value = policy.get(name, 0)
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _resolve_key(up: UploadPolicy, key: str | None, values: dict[str, Any]) -> str:
    """The object key from the form, ``saveKey`` or the hash; enforces scope and ``keylimit``."""
    policy = up.policy
    scope_key = up.scope_key
    prefixal = _int_field(policy, "isPrefixalScope") == 1
    save_key = str(policy.get("saveKey", ""))
    if save_key and (key is None or bool(policy.get("forceSaveKey"))):
        key = render_vars(save_key, values, json_escape=False)
    if key is None:
        if scope_key is not None:
            # A token for bucket:key only writes that key; an upload must name it.
            raise ApiError(403, "key doesn't match with scope")
        key = str(values["etag"])
    if scope_key is not None and not (key.startswith(scope_key) if prefixal else key == scope_key):
        raise ApiError(403, "key doesn't match with scope")
    check_key_limit(policy, key)
    return key


def _resolve_mime(policy: dict[str, Any], src: Path, key: str, client_mime: str) -> str:
    """``detectMime`` 1 trusts the content; otherwise the client's type, else the extension.

    ``mimeLimit`` is then checked against that type (403 when it is not allowed).
    """
    with open(src, "rb") as fh:
        head = fh.read(4096)
    sniffed = sniff_mime(head)
    if _int_field(policy, "detectMime") == 1 and sniffed is not None:
        mime_type = sniffed
    elif client_mime not in _GENERIC_MIME:
        mime_type = client_mime
    else:
        mime_type = guess_mime(key)
        if mime_type in _GENERIC_MIME and sniffed is not None:
            mime_type = sniffed
    limit = str(policy.get("mimeLimit", "") or "")
    if limit and not mime_allowed(mime_type, limit):
        raise ApiError(403, "limited mimeType: this file type is forbidden to upload")
    return mime_type


def finalize_upload(
    ctx: Context,
    req: Request,
    up: UploadPolicy,
    *,
    key: str | None,
    src: Path,
    fname: str,
    mime_type: str,
    custom_vars: dict[str, str],
    bucket_hint: str | None = None,
    metadata: dict[str, str] | None = None,
) -> Response:
    """Apply the put policy to an uploaded temp file, store it, and build the upload response.

    ``metadata`` (already checked by ``object_meta.metadata_from``) is stored as ``x-qn-meta``;
    the policy's ``deleteAfterDays`` sets the new object's expiry.
    """
    policy = up.policy
    bucket = up.scope_bucket
    if bucket_hint is not None and bucket_hint != bucket:
        raise ApiError(403, "key doesn't match with scope")
    ctx.require_bucket(bucket)
    fsize = src.stat().st_size
    hash_ = etag(str(src))
    ext = os.path.splitext(fname)[1]
    values: dict[str, Any] = {
        "bucket": bucket,
        "etag": hash_,
        "hash": hash_,
        "fname": fname,
        "fprefix": os.path.splitext(fname)[0],
        "ext": ext,
        "fsize": fsize,
        "uuid": str(uuid.uuid4()),
        "endUser": str(policy.get("endUser", "")),
        **custom_vars,
    }
    key = _resolve_key(up, key, values)
    limit = _int_field(policy, "fsizeLimit")
    if limit and fsize > limit:
        raise ApiError(413, "request entity too large")
    if fsize < _int_field(policy, "fsizeMin"):
        raise ApiError(403, "file size too small")
    mime_type = _resolve_mime(policy, src, key, mime_type)
    callback_urls = check_callback_urls(policy)
    scope_key = up.scope_key
    prefixal = _int_field(policy, "isPrefixalScope") == 1
    insert_only = _int_field(policy, "insertOnly") != 0 or scope_key is None or prefixal
    existing = ctx.storage.stat(bucket, key)
    if existing is not None and insert_only and existing.hash != hash_:
        raise ApiError(614, "file exists")
    if existing is not None and insert_only:
        obj: StoredObject = existing
        src.unlink(missing_ok=True)
    else:
        try:
            obj = ctx.storage.put_file(
                bucket,
                key,
                src,
                mime_type=mime_type,
                move=True,
                file_type=_int_field(policy, "fileType"),
                end_user=str(policy.get("endUser", "")),
                meta=metadata,
            )
        except NoSuchBucketError as exc:
            raise ApiError(631, "no such bucket") from exc
        if _int_field(policy, "deleteAfterDays") > 0:
            ctx.storage.set_expiration(bucket, key, _int_field(policy, "deleteAfterDays"))
    values.update(key=key, mimeType=obj.mime_type, fsize=obj.fsize)
    persistent_id = _submit_persistent(ctx, req, policy, bucket, key)
    if persistent_id is not None:
        values["persistentId"] = persistent_id
    if callback_urls:

        def sign(url: str, body: str, content_type: str) -> str:
            return ctx.verifier.sign_callback(up.access_key, url, body, content_type)

        answer = run_callback(callback_urls, policy, values, sign)
        return Response(status=200, body=answer)
    return_body = policy.get("returnBody")
    if isinstance(return_body, str) and return_body:
        rendered = render_json_template(return_body, values)
        return Response(status=200, body=rendered.encode("utf-8"))
    body: dict[str, Any] = {"hash": obj.hash, "key": key}
    if persistent_id is not None:
        body["persistentId"] = persistent_id
    body.update(custom_vars)
    return json_response(body)


def _submit_persistent(
    ctx: Context, req: Request, policy: dict[str, Any], bucket: str, key: str
) -> str | None:
    ops = str(policy.get("persistentOps", "") or "")
    template = str(policy.get("persistentWorkflowTemplateID", "") or "")
    if not ops and not template:
        return None
    if ctx.processor is None:
        raise ApiError(599, "processing is not available in this sandbox")
    from qfopgui.sandbox.routes.fop import submit_to_processor

    return submit_to_processor(
        ctx,
        bucket=bucket,
        key=key,
        fops=ops,
        pipeline=str(policy.get("persistentPipeline", "") or ""),
        notify_url=str(policy.get("persistentNotifyUrl", "") or ""),
        force=False,
        type_=_int_field(policy, "persistentType"),
        workflow_template_id=template,
        reqid=req.reqid,
    )


def form_upload(ctx: Context, req: Request, _: tuple[str, ...]) -> Response:
    """``POST /`` multipart form: token, key, crc32, x:vars, file."""
    parts = parse_multipart(req.body, req.headers.get("Content-Type", ""))
    fields = {p.name: p.data.decode("utf-8", "replace") for p in parts if p.filename is None}
    file_part = next((p for p in parts if p.name == "file"), None)
    up = verify_upload_token(ctx, fields.get("token", "").strip())
    if file_part is None:
        raise ApiError(400, "file is empty")
    metadata = metadata_from(fields.items())
    crc = fields.get("crc32", "").strip()
    if crc and (not crc.isdigit() or int(crc) != zlib.crc32(file_part.data) & 0xFFFFFFFF):
        raise ApiError(400, "crc32 not match")  # the service answers 400, not 406
    ctx.storage.tmp_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=ctx.storage.tmp_dir, prefix="form-")
    with os.fdopen(fd, "wb") as fh:
        fh.write(file_part.data)
    tmp = Path(tmp_name)
    try:
        return finalize_upload(
            ctx,
            req,
            up,
            key=fields.get("key"),
            src=tmp,
            fname=file_part.filename or "",
            mime_type=file_part.content_type.split(";")[0].strip(),
            custom_vars={k: v for k, v in fields.items() if k.startswith("x:")},
            metadata=metadata,
        )
    finally:
        tmp.unlink(missing_ok=True)
