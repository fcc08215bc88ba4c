"""rs record operations: copy, move, chgm (MIME and ``x-qn-meta-*``), chtype, chstatus,
restoreAr, deleteAfterDays — each as an unauthenticated ``Op`` that ``/batch`` runs too, plus the
management-signed handler the route table uses.

Request shapes are the official SDK's (``BucketManager.copy/move/rename/change_mime/change_type/
change_status/restore_ar/delete_after_days``). Errors use the service's codes: 612 no such file,
614 file exists (target present without ``/force/true``), 631 no such bucket, 400 bad argument.
"""

from __future__ import annotations

from collections.abc import Callable

from qfopgui.sandbox.auth import b64decode_lenient
from qfopgui.sandbox.routes.common import (
    ERR_INVALID_ARGUMENT,
    ERR_NO_SUCH_FILE,
    ApiError,
    Context,
    Handler,
    Request,
    Response,
    json_response,
)
from qfopgui.sandbox.routes.object_meta import (
    check_meta_size,
    is_meta_field,
    meta_name,
    meta_too_large,
    meta_value,
)
from qfopgui.sandbox.routes.objects import decode_entry, delete_entry, stat_entry
from qfopgui.sandbox.storage import ARCHIVED_TYPES, MetadataTooLargeError

ERR_FILE_EXISTS = "file exists"
STORAGE_TYPES = range(0, 5)  # standard, IA, archive, deep archive, archive IR
RESTORE_DAYS = range(1, 8)

Op = Callable[[Context, tuple[str, ...]], Response]
"""An rs operation on its path's regex groups, authorization already checked."""


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


def _transfer(ctx: Context, groups: tuple[str, ...], *, remove: bool) -> Response:
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
            meta=src.meta,
        )
    except FileNotFoundError as exc:  # replaced or deleted between stat and copy
        raise ApiError(612, ERR_NO_SUCH_FILE) from exc
    if remove:
        ctx.storage.delete(src_bucket, src_key)
    return json_response({})


def copy_op(ctx: Context, groups: tuple[str, ...]) -> Response:
    """``/copy/<src>/<dst>[/force/true]``; the copy keeps MIME type, type and metadata."""
    return _transfer(ctx, groups, remove=False)


def move_op(ctx: Context, groups: tuple[str, ...]) -> Response:
    """``/move/<src>/<dst>[/force/true]`` (also the SDK's ``rename``)."""
    return _transfer(ctx, groups, remove=True)


def _updated(found: bool) -> Response:
    if not found:
        raise ApiError(612, ERR_NO_SUCH_FILE)
    return json_response({})


def _decode(field: str, value: str) -> str:
    try:
        return b64decode_lenient(value).decode("utf-8")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, f"invalid base64 value for {field}") from exc


def chgm_op(ctx: Context, groups: tuple[str, ...]) -> Response:
    """``/chgm/<entry>[/mime/<b64>][/x-qn-meta-<name>/<b64>]…``: the MIME type and metadata.

    Named metadata is set or changed, an empty value removes it, other names are kept.
    """
    bucket, key = _entry(ctx, groups[0])
    items = groups[1].split("/")[1:] if groups[1] else []
    if not items or len(items) % 2:
        raise ApiError(400, "invalid chgm parameters: expected /mime/<b64> or /x-qn-meta-…/<b64>")
    mime: str | None = None
    changes: dict[str, str] = {}
    for field, encoded in zip(items[::2], items[1::2], strict=True):
        value = _decode(field, encoded)
        if field == "mime":
            mime = value.strip()
            if not mime or "/" not in mime:
                raise ApiError(400, "invalid mime type")
        elif is_meta_field(field):
            changes[meta_name(field)] = meta_value(field, value)
        elif field == "cond":
            raise ApiError(400, "cond is not supported by the sandbox")
        else:
            raise ApiError(400, f"invalid chgm parameter {field!r}")
    check_meta_size({k: v for k, v in changes.items() if v})
    try:
        return _updated(ctx.storage.change_meta(bucket, key, changes, mime_type=mime))
    except MetadataTooLargeError as exc:  # the merged metadata is over the limit
        raise meta_too_large() from exc


def chtype_op(ctx: Context, groups: tuple[str, ...]) -> Response:
    """``/chtype/<entry>/type/<n>`` with n in 0..4; a new archive type starts frozen."""
    bucket, key = _entry(ctx, groups[0])
    type_ = int(groups[1])
    if type_ not in STORAGE_TYPES:
        raise ApiError(400, "invalid storage type")
    return _updated(ctx.storage.update_fields(bucket, key, type=type_))


def chstatus_op(ctx: Context, groups: tuple[str, ...]) -> Response:
    """``/chstatus/<entry>/status/<0|1>``; a disabled object is refused on download."""
    bucket, key = _entry(ctx, groups[0])
    if groups[2]:
        raise ApiError(400, "cond is not supported by the sandbox")
    return _updated(ctx.storage.update_fields(bucket, key, status=int(groups[1])))


def restore_op(ctx: Context, groups: tuple[str, ...]) -> Response:
    """``/restoreAr/<entry>/freezeAfterDays/<1..7>`` for archive and deep-archive objects."""
    bucket, key = _entry(ctx, groups[0])
    days = int(groups[1]) if groups[1].isdigit() else 0
    if days not in RESTORE_DAYS:
        raise ApiError(400, "invalid freezeAfterDays: expected 1 to 7")
    obj = ctx.storage.stat(bucket, key)
    if obj is None:
        raise ApiError(612, ERR_NO_SUCH_FILE)
    if obj.type not in ARCHIVED_TYPES:
        raise ApiError(400, "restoreAr is only for archive or deep archive objects (type 2 or 3)")
    return _updated(ctx.storage.restore(bucket, key, days))


def lifecycle_op(ctx: Context, groups: tuple[str, ...]) -> Response:
    """``/deleteAfterDays/<entry>/<days>``: delete after that many days; 0 cancels."""
    bucket, key = _entry(ctx, groups[0])
    if not groups[1].isdigit():
        raise ApiError(400, "invalid deleteAfterDays: expected a whole number of days (0 cancels)")
    return _updated(ctx.storage.set_expiration(bucket, key, int(groups[1])))


def stat_op(ctx: Context, groups: tuple[str, ...]) -> Response:
    return stat_entry(ctx, groups[0])


def delete_op(ctx: Context, groups: tuple[str, ...]) -> Response:
    return delete_entry(ctx, groups[0])


RS_OPS: dict[str, tuple[str, Op]] = {
    "stat": (r"/stat/([^/]+)", stat_op),
    "delete": (r"/delete/([^/]+)", delete_op),
    "copy": (r"/copy/([^/]+)/([^/]+)(?:/force/([^/]+))?", copy_op),
    "move": (r"/move/([^/]+)/([^/]+)(?:/force/([^/]+))?", move_op),
    "chgm": (r"/chgm/([^/]+)((?:/[^/]+/[^/]*)*)", chgm_op),
    "chtype": (r"/chtype/([^/]+)/type/(\d+)", chtype_op),
    "chstatus": (r"/chstatus/([^/]+)/status/([01])(?:/cond/([^/]+))?", chstatus_op),
    "restoreAr": (r"/restoreAr/([^/]+)/freezeAfterDays/([^/]+)", restore_op),
    "deleteAfterDays": (r"/deleteAfterDays/([^/]+)/([^/]+)", lifecycle_op),
}
"""name → (path regex, op): the route table and ``/batch`` both resolve rs paths here."""


def signed(op: Op) -> Handler:
    """The route handler for ``op``: a QBox/Qiniu management signature is required first."""

    def handler(ctx: Context, req: Request, groups: tuple[str, ...]) -> Response:
        ctx.require_management(req)
        return op(ctx, groups)

    return handler
