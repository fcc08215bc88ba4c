"""uc routes: region query, bucket lists, bucket domains, plus the non-Qiniu ``/sandbox/info``."""

from __future__ import annotations

import base64
import time
from datetime import UTC, datetime
from typing import Any

from qfopgui.sandbox.auth import b64decode_lenient
from qfopgui.sandbox.routes.common import (
    ERR_INVALID_ARGUMENT,
    ApiError,
    Context,
    Request,
    Response,
    json_response,
)
from qfopgui.sandbox.routes.region_guard import home_region
from qfopgui.sandbox.storage import BucketRow

REGION_TTL = 86400


def bucket_domain(ctx: Context, bucket: str) -> str:
    """A bucket's download domain: ``http://<domain>/<key>`` lands on ``/dl/<bucket>/<key>``,
    on the listener of the bucket's region (downloads are served on every listener)."""
    row = ctx.storage.bucket(bucket)
    host = ctx.host_port_of(home_region(ctx, row.region)) if row else ctx.host_port
    return f"{host}/dl/{bucket}"


def backup_host(host_port: str) -> str:
    """The same server under its other loopback name (``127.0.0.1:P`` ↔ ``localhost:P``)."""
    host, _, port = host_port.rpartition(":")
    other = "localhost" if host == "127.0.0.1" else "127.0.0.1"
    return f"{other}:{port}"


def region_query(ctx: Context, req: Request, _: tuple[str, ...]) -> Response:
    """``GET /v4/query?ak=&bucket=`` (unauthenticated): the bucket's region's listener for
    up/io/rs/rsf/api (the main port for z0), uc is always the main port.

    An unknown AK or bucket answers 612, which the SDKs treat as "no such region" and do not
    retry. ``up`` lists two domains (the listener under two names) so clients have a backup
    up host to switch to, as they do with the real service's pairs of up hosts.
    """
    params = req.query()
    bucket = params.get("bucket", "")
    row = ctx.storage.bucket(bucket) if bucket else None
    if not ctx.verifier.knows(params.get("ak", "")) or row is None:
        raise ApiError(612, "no such entry")
    home = ctx.host_port_of(home_region(ctx, row.region))
    me = [home]
    region: dict[str, Any] = {
        "region": row.region,
        "ttl": REGION_TTL,
        "up": {
            "domains": [home, backup_host(home)],
            "old": [],
            "acc_domains": [],
        },
        "io": {"domains": me},
        "io_src": {"domains": [bucket_domain(ctx, bucket)]},
        "rs": {"domains": me},
        "rsf": {"domains": me},
        "api": {"domains": me},
        "uc": {"domains": [ctx.host_port]},
        "s3": {"domains": [], "region_alias": row.region},
    }
    return json_response({"hosts": [region]})


def _rfc3339(ts: int) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat().replace("+00:00", "Z")


def _bucket_v4(row: BucketRow) -> dict[str, Any]:
    return {
        "name": row.name,
        "region": row.region,
        "private": row.private,
        "ctime": _rfc3339(row.ctime),
    }


def list_buckets(ctx: Context, req: Request, _: tuple[str, ...]) -> Response:
    """``/buckets`` names, or ``?apiVersion=v4`` pages of objects with next_marker/is_truncated."""
    ctx.require_management(req)
    params = req.form()
    rows = ctx.storage.buckets()
    region = params.get("region", "")
    if region:
        rows = [r for r in rows if r.region == region]
    if params.get("apiVersion", "") != "v4":
        return json_response([r.name for r in rows])
    try:
        limit = int(params.get("limit") or 20)
    except ValueError as exc:
        raise ApiError(400, ERR_INVALID_ARGUMENT) from exc
    if not 1 <= limit <= 100:
        raise ApiError(400, "invalid limit")
    after = ""
    if params.get("marker"):
        try:
            after = b64decode_lenient(params["marker"]).decode("utf-8")
        except (ValueError, UnicodeDecodeError) as exc:
            raise ApiError(400, "invalid marker") from exc
    remaining = [r for r in rows if r.name > after]
    page = remaining[:limit]
    truncated = len(remaining) > limit
    marker = base64.urlsafe_b64encode(page[-1].name.encode()).decode() if truncated else ""
    return json_response(
        {"buckets": [_bucket_v4(r) for r in page], "next_marker": marker, "is_truncated": truncated}
    )


def list_buckets_v3(ctx: Context, req: Request, _: tuple[str, ...]) -> Response:
    """``/v3/buckets?region=`` — bucket detail objects."""
    ctx.require_management(req)
    region = req.form().get("region", "")
    out = []
    for row in ctx.storage.buckets():
        if region and row.region != region:
            continue
        count, size = ctx.storage.bucket_usage(row.name)
        out.append(
            {
                "name": row.name,
                "tbl": row.name,
                "region": row.region,
                "zone": row.region,
                "private": int(row.private),
                "perm": 0,
                "file_num": count,
                "storage_size": size,
                "ctime": row.ctime,
            }
        )
    return json_response(out)


def _domain_bucket(ctx: Context, req: Request) -> str:
    ctx.require_management(req)
    bucket = req.form().get("tbl", "")
    ctx.require_bucket(bucket)
    return bucket


def domains_v2(ctx: Context, req: Request, _: tuple[str, ...]) -> Response:
    """``/v2/domains?tbl=`` (and legacy ``/v6/domain/list``) → ``["host:port/dl/<bucket>"]``."""
    return json_response([bucket_domain(ctx, _domain_bucket(ctx, req))])


def domains_v3(ctx: Context, req: Request, _: tuple[str, ...]) -> Response:
    """``/v3/domains?tbl=`` → domain detail objects."""
    bucket = _domain_bucket(ctx, req)
    row = ctx.storage.bucket(bucket)
    ctime = row.ctime if row else int(time.time())
    return json_response(
        [
            {
                "domain": bucket_domain(ctx, bucket),
                "tbl": bucket,
                "uid": ctx.config.uid,
                "refresh": False,
                "ctime": ctime,
                "utime": ctime,
                "domaintype": 1,
                "apiscope": 0,
                "freeze_types": [],
            }
        ]
    )


def bucket_info(ctx: Context, req: Request, _: tuple[str, ...]) -> Response:
    """``/v2/bucketInfo?bucket=`` — the fields the SDK and qshell read."""
    ctx.require_management(req)
    name = req.form().get("bucket", "")
    row = ctx.storage.bucket(name)
    if row is None:
        raise ApiError(631, "no such bucket")
    return json_response(
        {
            "tbl": row.name,
            "itbl": row.ctime,
            "uid": ctx.config.uid,
            "region": row.region,
            "zone": row.region,
            "private": int(row.private),
            "protected": 0,
            "no_index_page": 0,
            "max_age": 0,
            "separator": "",
            "styles": {},
            "anti_leech_mode": 0,
            "refer_wl": None,
            "refer_bl": None,
            "source_enabled": False,
            "token_anti_leech": 0,
            "ctime": row.ctime,
        }
    )


def sandbox_info(ctx: Context, req: Request, _: tuple[str, ...]) -> Response:
    """Non-Qiniu diagnostics endpoint; never faulted, never authenticated."""
    from qfopgui import __version__

    processor = ctx.processor
    return json_response(
        {
            "sandbox": True,
            "version": __version__,
            "base_url": ctx.base_url(),
            "regions": dict(ctx.region_urls()),
            "buckets": [_bucket_v4(r) for r in ctx.storage.buckets()],
            "pipelines": processor.pipelines() if processor is not None else [],
            "processing": processor is not None,
            "hits": dict(ctx.hits),
        }
    )
