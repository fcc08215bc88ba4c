"""Route table: (path regex, method) → handler; one server plays uc/up/io/rs/rsf/api."""

from __future__ import annotations

import re

from qfopgui.sandbox.routes import (
    admin,
    batch,
    buckets,
    download,
    fop,
    list_v2,
    multipart,
    objects,
    record_ops,
    upload,
    upload_v1,
)
from qfopgui.sandbox.routes.common import (
    ApiError,
    Context,
    Handler,
    ProcessorLike,
    Request,
    Response,
    error_response,
    json_response,
)
from qfopgui.sandbox.routes.region_guard import check_region

__all__ = [
    "ApiError",
    "Context",
    "ProcessorLike",
    "Request",
    "Response",
    "dispatch",
    "error_response",
    "json_response",
    "resolve",
]

_UPLOADS = r"/buckets/([^/]+)/objects/([^/]+)/uploads"
_Table = dict[str, tuple[str, Handler]]
_SPECS: list[tuple[str, _Table]] = [
    (r"/v4/query", {"GET": ("query", buckets.region_query)}),
    (r"/buckets", {m: ("buckets", buckets.list_buckets) for m in ("GET", "POST")}),
    (r"/v3/buckets", {m: ("buckets_v3", buckets.list_buckets_v3) for m in ("GET", "POST")}),
    (r"/v2/domains", {m: ("domains", buckets.domains_v2) for m in ("GET", "POST")}),
    (r"/v6/domain/list", {m: ("domains", buckets.domains_v2) for m in ("GET", "POST")}),
    (r"/v3/domains", {m: ("domains_v3", buckets.domains_v3) for m in ("GET", "POST")}),
    (r"/v2/bucketInfo", {m: ("bucket_info", buckets.bucket_info) for m in ("GET", "POST")}),
    (r"/list", {m: ("list", objects.list_objects) for m in ("GET", "POST")}),
    (r"/v2/list", {m: ("list_v2", list_v2.list_v2) for m in ("GET", "POST")}),
    *[  # stat, delete, copy, move, chgm, chtype, chstatus, restoreAr, deleteAfterDays
        (
            pattern,
            {
                m: (name, record_ops.signed(op))
                for m in (("GET", "POST") if name in ("stat", "delete") else ("POST",))
            },
        )
        for name, (pattern, op) in record_ops.RS_OPS.items()
    ],
    (r"/batch", {"POST": ("batch", batch.batch)}),
    (r"/", {"POST": ("form_upload", upload.form_upload)}),
    (r"/mkblk/(\d+)", {"POST": ("v1_mkblk", upload_v1.mkblk)}),
    (r"/bput/([^/]+)/(\d+)", {"POST": ("v1_bput", upload_v1.bput)}),
    (r"/mkfile/(\d+)((?:/[^/]+/[^/]*)*)", {"POST": ("v1_mkfile", upload_v1.mkfile)}),
    (_UPLOADS, {"POST": ("mp_init", multipart.initiate)}),
    (_UPLOADS + r"/([^/]+)/(\d+)", {"PUT": ("mp_part", multipart.upload_part)}),
    (
        _UPLOADS + r"/([^/]+)",
        {
            "POST": ("mp_complete", multipart.complete),
            "GET": ("mp_list", multipart.list_parts),
            "DELETE": ("mp_abort", multipart.abort),
        },
    ),
    (r"/pfop/?", {"POST": ("pfop", fop.pfop)}),
    (r"/status/get/prefop", {m: ("prefop", fop.prefop) for m in ("GET", "POST")}),
    (r"/dl/([^/]+)/(.+)", {m: ("download", download.download) for m in ("GET", "HEAD")}),
    (r"/sandbox/info", {"GET": ("sandbox_info", buckets.sandbox_info)}),
    (
        r"/sandbox-admin/pipelines",
        {
            "GET": ("admin_pipelines", admin.list_pipelines),
            "POST": ("admin_pipeline_create", admin.create_pipeline),
        },
    ),
    (
        r"/sandbox-admin/pipelines/([^/]+)",
        {"DELETE": ("admin_pipeline_delete", admin.delete_pipeline)},
    ),
]
_ROUTES: list[tuple[re.Pattern[str], _Table]] = [(re.compile(p), t) for p, t in _SPECS]


def resolve(method: str, path: str) -> tuple[str, Handler, tuple[str, ...]] | None:
    """Find the route for ``path``; raises 405 when the path exists with other methods."""
    for pattern, table in _ROUTES:
        match = pattern.fullmatch(path)
        if match is None:
            continue
        if method not in table:
            raise ApiError(405, "method not allowed")
        name, handler = table[method]
        return name, handler, match.groups()
    return None


def dispatch(ctx: Context, req: Request) -> Response:
    """Run the matching handler and turn API errors into Qiniu-shaped error bodies."""
    try:
        found = resolve(req.method, req.path)
        if found is None:
            return error_response(404, "no such api")
        name, handler, groups = found
        ctx.hit(name, req.listener)
        check_region(ctx, req, name, groups)  # the one wrong-region check for every route
        return handler(ctx, req, groups)
    except ApiError as exc:
        return error_response(exc.status, exc.message)
