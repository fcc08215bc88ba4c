"""rs record operations: ``/copy``, ``/move``, ``/chgm``, ``/chtype``, ``/chstatus``.

Request shapes are the official SDK's (``BucketManager.copy/move/rename/change_mime/change_type/
change_status``). Errors use the service's codes: 612 no such file, 614 file exists (target
present without ``/force/true``), 631 no such bucket, 400 bad argument.
"""

from __future__ import annotations

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
from qfopgui.sandbox.routes.objects import decode_entry

ERR_FILE_EXISTS = "file exists"
STORAGE_TYPES = range(0, 5)  # standard, IA, archive, deep archive, archive IR


def _entry(ctx: Context, encoded: str) -> tuple[str, str]:
    bucket, key = decode_entry(encoded)
    ctx.require_bucket(bucket)
    if not key:
        raise ApiError(400, ERR_INVALID_ARGUMENT)
    return bucket, key


def _force(flag: str | None) -> bool:
    if flag in (None, "", "false"):
        return False
    if flag == "true":
        return True
    raise ApiError(400, ERR_INVALID_ARGUMENT)


def _transfer(ctx: Context, req: Request, groups: tuple[str, ...], *, remove: bool) -> Response:
    ctx.require_management(req)
    src_bucket, src_key = _entry(ctx, groups[0])
    dst_bucket, dst_key = _entry(ctx, groups[1])
    force = _force(groups[2])
    src = ctx.storage.stat(src_bucket, src_key)
    if src is None:
        raise ApiError(612, ERR_NO_SUCH_FILE)
    if (src_bucket, src_key) == (dst_bucket, dst_key):
        if remove:
            return json_response({})
        raise ApiError(614, ERR_FILE_EXISTS)
    if not force and ctx.storage.stat(dst_bucket, dst_key) is not None:
        raise ApiError(614, ERR_FILE_EXISTS)
    try:
        ctx.storage.put_file(
            dst_bucket,
            dst_key,
            src.path,
            mime_type=src.mime_type,
            file_type=src.type,
            end_user=src.end_user,
        )
    except FileNotFoundError as exc:  # replaced or deleted between stat and copy
        raise ApiError(612, ERR_NO_SUCH_FILE) from exc
    if remove:
        ctx.storage.delete(src_bucket, src_key)
    return json_response({})


def copy_object(ctx: Context, req: Request, groups: tuple[str, ...]) -> Response:
    """``POST /copy/<src>/<dst>[/force/true]``."""
    return _transfer(ctx, req, groups, remove=False)


def move_object(ctx: Context, req: Request, groups: tuple[str, ...]) -> Response:
    """``POST /move/<src>/<dst>[/force/true]`` (also the SDK's ``rename``)."""
    return _transfer(ctx, req, groups, remove=True)


def _update(ctx: Context, bucket: str, key: str, **fields: str | int) -> Response:
    if not ctx.storage.update_fields(bucket, key, **fields):
        raise ApiError(612, ERR_NO_SUCH_FILE)
    return json_response({})


def change_mime(ctx: Context, req: Request, groups: tuple[str, ...]) -> Response:
    """``POST /chgm/<entry>/mime/<urlsafe_b64(mime)>``."""
    ctx.require_management(req)
    bucket, key = _entry(ctx, groups[0])
    try:
        mime = b64decode_lenient(groups[1]).decode("utf-8").strip()
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, ERR_INVALID_ARGUMENT) from exc
    if not mime or "/" not in mime:
        raise ApiError(400, "invalid mime type")
    return _update(ctx, bucket, key, mime_type=mime)


def change_type(ctx: Context, req: Request, groups: tuple[str, ...]) -> Response:
    """``POST /chtype/<entry>/type/<n>`` with n in 0..4."""
    ctx.require_management(req)
    bucket, key = _entry(ctx, groups[0])
    type_ = int(groups[1])
    if type_ not in STORAGE_TYPES:
        raise ApiError(400, "invalid storage type")
    return _update(ctx, bucket, key, type=type_)


def change_status(ctx: Context, req: Request, groups: tuple[str, ...]) -> Response:
    """``POST /chstatus/<entry>/status/<0|1>``; a disabled object is refused on download."""
    ctx.require_management(req)
    bucket, key = _entry(ctx, groups[0])
    if groups[2]:
        raise ApiError(400, "cond is not supported by the sandbox")
    return _update(ctx, bucket, key, status=int(groups[1]))
