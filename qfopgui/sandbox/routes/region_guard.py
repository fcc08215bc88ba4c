"""One check for every bucket-scoped route: did the request reach its bucket's region?

Each region has its own listener (`server.py`); the service's hosts of one region refuse
another region's buckets with HTTP 400, and so does the sandbox, with the service's words:
up (uploads, v1 and v2 resumable) answers `incorrect region, please use <up host>`, rs/rsf/api
(stat, delete, record ops, list, pfop) answer `incorrect zone`. uc calls (bucket lists,
domains, region query), `prefop` and downloads are served on any listener.

`BUCKET_OF` maps a route name (from the route table) to its service and a function that
reads the request's bucket without trusting it; an unreadable request or unknown bucket
passes, so the handler answers it as before (400, 401, 631).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from qfopgui.sandbox.auth import b64decode_lenient
from qfopgui.sandbox.regions import DEFAULT_REGION
from qfopgui.sandbox.routes.common import ApiError, Context, Request
from qfopgui.sandbox.routes.objects import decode_entry
from qfopgui.sandbox.routes.upload import parse_multipart

UP_REGION_ERROR = "incorrect region, please use {host}"
ZONE_ERROR = "incorrect zone"

BucketOf = Callable[[Request, tuple[str, ...]], str]


def _form_bucket(req: Request, _groups: tuple[str, ...]) -> str:
    return req.form().get("bucket", "")


def _entry_bucket(_req: Request, groups: tuple[str, ...]) -> str:
    return entry_bucket(groups)


def entry_bucket(groups: tuple[str, ...]) -> str:
    """The bucket of a route's first group, an encoded entry ("" when there is none)."""
    return decode_entry(groups[0])[0] if groups and groups[0] else ""


def _path_bucket(_req: Request, groups: tuple[str, ...]) -> str:
    return groups[0] if groups else ""


def token_bucket(token: str) -> str:
    """The bucket an UpToken's policy scope names, unverified ("" if unreadable)."""
    parts = token.strip().split(":")
    if len(parts) != 3:
        return ""
    try:
        policy = json.loads(b64decode_lenient(parts[2]).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return ""
    scope = policy.get("scope") if isinstance(policy, dict) else None
    return scope.split(":", 1)[0] if isinstance(scope, str) else ""


def _header_token_bucket(req: Request, _groups: tuple[str, ...]) -> str:
    scheme, _, token = req.headers.get("Authorization", "").partition(" ")
    return token_bucket(token) if scheme == "UpToken" else ""


def _form_token_bucket(req: Request, _groups: tuple[str, ...]) -> str:
    parts = parse_multipart(req.body, req.headers.get("Content-Type", ""))
    token = next((p.data for p in parts if p.name == "token" and p.filename is None), b"")
    return token_bucket(token.decode("utf-8", "replace"))


BUCKET_OF: dict[str, tuple[str, BucketOf]] = {
    "list": ("rsf", _form_bucket),
    "list_v2": ("rsf", _form_bucket),
    **{  # the source entry decides (a copy to another region's bucket is the handler's business)
        name: ("rs", _entry_bucket)
        for name in (
            "stat",
            "delete",
            "copy",
            "move",
            "chgm",
            "chtype",
            "chstatus",
            "restoreAr",
            "deleteAfterDays",
        )
    },
    "pfop": ("api", _form_bucket),
    "form_upload": ("up", _form_token_bucket),
    **{name: ("up", _header_token_bucket) for name in ("v1_mkblk", "v1_bput", "v1_mkfile")},
    **{
        name: ("up", _path_bucket)
        for name in ("mp_init", "mp_part", "mp_complete", "mp_list", "mp_abort")
    },
}


def check_region(ctx: Context, req: Request, route: str, groups: tuple[str, ...]) -> None:
    """Raise the service's 400 when a bucket-scoped request reached another region's port."""
    found = BUCKET_OF.get(route)
    if found is None:
        return
    service, bucket_of = found
    try:
        bucket = bucket_of(req, groups)
    except ApiError:
        return  # malformed: the handler gives its own answer
    row = ctx.storage.bucket(bucket) if bucket else None
    if row is None or home_region(ctx, row.region) == req.listener:
        return
    ctx.hit("wrong_region", req.listener)  # tests prove a client never needed a refusal
    if service == "up":
        raise ApiError(400, UP_REGION_ERROR.format(host=ctx.host_port_of(row.region)))
    raise ApiError(400, ZONE_ERROR)


def entry_in_other_region(ctx: Context, listener: str, groups: tuple[str, ...]) -> bool:
    """For ``/batch``: does this op's source entry belong to another region than `listener`?

    The batch request itself is rs-wide; each op is checked like its single route, so one
    op on another region's bucket fails alone with ``incorrect zone``.
    """
    try:
        bucket = entry_bucket(groups)
    except ApiError:
        return False
    row = ctx.storage.bucket(bucket) if bucket else None
    return row is not None and home_region(ctx, row.region) != listener


def home_region(ctx: Context, region: str) -> str:
    """The listener serving a bucket's region: its own, or the main port's when the region
    has none (a bucket kept from an older run with another region)."""
    return region if region in ctx.region_urls() else DEFAULT_REGION
