"""HTTP answer → exception or typed model.

One place decides what each Qiniu status means to a person, so every call reports the same
way: a readable `message`, plus `status`, `reqid` (X-Reqid) and the server's own words.
Parsers accept missing or unknown fields (the API grows), but a 200 without X-Reqid or with a
non-JSON body is treated as "not a Qiniu server" — usually a wrong host or a captive portal.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import requests

from qfopgui.api import errors
from qfopgui.api import messages as M
from qfopgui.api.models import BucketInfo, JobItem, JobStatus, ListPage, ObjectInfo, UploadResult

_MAX_SERVER_MESSAGE = 500


@dataclass(frozen=True, slots=True)
class Context:
    """What the request was about, so messages can name the bucket/key instead of being vague."""

    bucket: str = ""
    key: str = ""
    not_found: str = ""  # template overriding 404/612 (e.g. messages.JOB_NOT_FOUND for prefop)
    id: str = ""  # the ``{id}`` of ``not_found``


NO_CONTEXT = Context()


def server_message(resp: requests.Response) -> str:
    """The server's `error` field, or the start of the body text if it is not Qiniu JSON."""
    text = resp.text if resp.content else ""
    try:
        body = json.loads(text) if text else None
    except ValueError:
        body = None
    if isinstance(body, dict):
        msg = body.get("error") or body.get("message") or body.get("error_code")
        if msg:
            return str(msg)[:_MAX_SERVER_MESSAGE]
    return text.strip()[:_MAX_SERVER_MESSAGE]


def error_for_status(
    status: int, *, reqid: str | None, server_msg: str, ctx: Context = NO_CONTEXT
) -> errors.QiniuError:
    """The exception for a non-2xx answer. Pure function, so the mapping is easy to test."""
    kw: dict[str, Any] = {"status": status, "reqid": reqid, "server_message": server_msg}
    lowered = server_msg.lower()
    if status == 401:
        if "expired" in lowered or "out of date" in lowered:
            return errors.AuthError.make(M.TOKEN_EXPIRED, **kw)
        return errors.AuthError.make(M.BAD_KEYS, **kw)
    if status == 631 or (status in (404, 612) and "no such bucket" in lowered):
        if ctx.bucket:
            return errors.NoSuchBucketError.make(M.NO_SUCH_BUCKET, bucket=ctx.bucket, **kw)
        return errors.NoSuchBucketError.make(M.NO_SUCH_BUCKET_UNNAMED, **kw)
    if status in (404, 612):
        if ctx.not_found:
            return errors.NotFoundError.make(ctx.not_found, id=ctx.id, **kw)
        if ctx.key and ctx.bucket:
            return errors.NotFoundError.make(M.FILE_NOT_FOUND, key=ctx.key, bucket=ctx.bucket, **kw)
        return errors.NotFoundError.make(M.FILE_NOT_FOUND_UNNAMED, **kw)
    if status == 400:
        if server_msg:
            return errors.BadRequestError.make(M.BAD_REQUEST, server=server_msg, **kw)
        return errors.BadRequestError.make(M.BAD_REQUEST_PLAIN, **kw)
    if status == 403:
        if server_msg:
            return errors.ForbiddenError.make(M.FORBIDDEN, server=server_msg, **kw)
        return errors.ForbiddenError.make(M.FORBIDDEN_PLAIN, **kw)
    simple: dict[int, tuple[type[errors.QiniuError], str]] = {
        573: (errors.RateLimitedError, M.RATE_LIMITED),
        579: (errors.CallbackFailedError, M.CALLBACK_FAILED),
        614: (errors.AlreadyExistsError, M.ALREADY_EXISTS),
        640: (errors.InvalidMarkerError, M.INVALID_MARKER),
        406: (errors.BadRequestError, M.CHECKSUM),
        413: (errors.BadRequestError, M.TOO_LARGE),
    }
    if status in simple:
        cls, template = simple[status]
        return cls.make(template, **kw)
    if status == 599 or 500 <= status < 600:
        return errors.ServerError.make(M.SERVER_FAILED, **kw)
    if server_msg:
        return errors.QiniuError.make(M.REFUSED, code=status, server=server_msg, **kw)
    return errors.QiniuError.make(M.REFUSED_PLAIN, code=status, **kw)


def check(resp: requests.Response, ctx: Context = NO_CONTEXT) -> None:
    """Raise the mapped error unless the answer is a 2xx."""
    if 200 <= resp.status_code < 300:
        return
    raise error_for_status(
        resp.status_code,
        reqid=resp.headers.get("X-Reqid"),
        server_msg=server_message(resp),
        ctx=ctx,
    )


def protocol_error(resp: requests.Response, why: str) -> errors.ProtocolError:
    return errors.ProtocolError.make(
        M.NOT_UNDERSTOOD,
        why=why,
        status=resp.status_code,
        reqid=resp.headers.get("X-Reqid"),
        server_message=(resp.text or "")[:_MAX_SERVER_MESSAGE],
    )


def require_reqid(resp: requests.Response) -> None:
    """Every Qiniu answer carries X-Reqid; a 200 without it comes from something else."""
    if not resp.headers.get("X-Reqid"):
        raise protocol_error(resp, M.NO_REQID)


def json_body(resp: requests.Response) -> Any:
    """The JSON of a successful answer; ProtocolError when it cannot be from Qiniu."""
    require_reqid(resp)
    try:
        return resp.json()
    except ValueError:
        raise protocol_error(resp, M.NOT_JSON) from None


def _dict(resp: requests.Response, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise protocol_error(resp, M.NOT_OBJECT)
    return value


# -- field coercion (tolerant of null / wrong types) -------------------------------------------


def _str(m: Mapping[str, Any], name: str) -> str:
    v = m.get(name)
    return v if isinstance(v, str) else ("" if v is None else str(v))


def _int(m: Mapping[str, Any], name: str, default: int = 0) -> int:
    v = m.get(name)
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return int(v)
    if isinstance(v, str):
        try:
            return int(v.strip())
        except ValueError:
            return default
    return default


# -- models --------------------------------------------------------------------------------


def parse_buckets(resp: requests.Response, body: Any) -> tuple[list[BucketInfo], str]:
    """`["b1", ...]` (classic) or the v4 page `{"buckets": [...], "next_marker": ...}`."""
    if isinstance(body, list):
        return [BucketInfo(name=str(b)) for b in body if isinstance(b, str)], ""
    page = _dict(resp, body)
    out: list[BucketInfo] = []
    for b in page.get("buckets") or []:
        if isinstance(b, str):
            out.append(BucketInfo(name=b))
        elif isinstance(b, dict):
            name = _str(b, "name") or _str(b, "tbl")
            if name:
                private = b.get("private")
                out.append(
                    BucketInfo(
                        name=name,
                        region=_str(b, "region"),
                        private=bool(private) if not isinstance(private, str) else private == "1",
                    )
                )
    marker = _str(page, "next_marker") if page.get("is_truncated", True) else ""
    return out, marker


def parse_domains(resp: requests.Response, body: Any) -> list[str]:
    """`["cdn.example.com", ...]`; also accepts the v3 objects `{"domain": ...}`."""
    if not isinstance(body, list):
        raise protocol_error(resp, M.NOT_DOMAIN_LIST)
    out: list[str] = []
    for d in body:
        if isinstance(d, str) and d:
            out.append(d)
        elif isinstance(d, dict) and _str(d, "domain"):
            out.append(_str(d, "domain"))
    return out


def object_from(m: Mapping[str, Any], key: str | None = None) -> ObjectInfo:
    return ObjectInfo(
        key=key if key is not None else _str(m, "key"),
        fsize=_int(m, "fsize"),
        hash=_str(m, "hash"),
        mime_type=_str(m, "mimeType"),
        put_time=_int(m, "putTime"),
        type=_int(m, "type"),
        status=_int(m, "status"),
        end_user=_str(m, "endUser"),
    )


def parse_list_page(resp: requests.Response, body: Any) -> ListPage:
    page = _dict(resp, body)
    items = tuple(object_from(i) for i in page.get("items") or [] if isinstance(i, dict))
    prefixes = tuple(p for p in page.get("commonPrefixes") or [] if isinstance(p, str))
    return ListPage(items=items, prefixes=prefixes, marker=_str(page, "marker"))


def parse_stat(resp: requests.Response, body: Any, key: str) -> ObjectInfo:
    return object_from(_dict(resp, body), key=key)


def parse_persistent_id(resp: requests.Response, body: Any) -> str:
    pid = _str(_dict(resp, body), "persistentId")
    if not pid:
        raise protocol_error(resp, M.NO_PERSISTENT_ID)
    return pid


def _item(m: Mapping[str, Any]) -> JobItem:
    keys = m.get("keys")
    error_index = m.get("errorIndex")
    return JobItem(
        cmd=_str(m, "cmd"),
        code=_int(m, "code", default=-1),
        desc=_str(m, "desc"),
        error=_str(m, "error"),
        error_index=_int(m, "errorIndex") if error_index is not None else None,
        hash=_str(m, "hash"),
        key=_str(m, "key"),
        keys=tuple(str(k) for k in keys) if isinstance(keys, list) else (),
        return_old=_int(m, "returnOld") == 1,
        result=m.get("result"),
    )


def parse_job_status(resp: requests.Response, body: Any) -> JobStatus:
    """Every field of prefop (reference §4.2); the whole answer is kept in `raw`."""
    m = _dict(resp, body)
    if "code" not in m:
        raise protocol_error(resp, M.NO_PREFOP_CODE)
    return job_status_from(m)


def job_status_from(m: Mapping[str, Any]) -> JobStatus:
    """Also used for notify bodies, which carry the same JSON as prefop."""
    return JobStatus(
        id=_str(m, "id"),
        code=_int(m, "code", default=-1),
        desc=_str(m, "desc"),
        input_bucket=_str(m, "inputBucket"),
        input_key=_str(m, "inputKey"),
        pipeline=_str(m, "pipeline"),
        reqid=_str(m, "reqid"),
        items=tuple(_item(i) for i in m.get("items") or [] if isinstance(i, dict)),
        type=_int(m, "type"),
        creation_date=_str(m, "creationDate"),
        task_from=_str(m, "taskFrom"),
        raw=dict(m),
    )


def parse_upload(resp: requests.Response, body: Any, key: str | None) -> UploadResult:
    m = _dict(resp, body)
    pid = _str(m, "persistentId")
    return UploadResult(
        key=_str(m, "key") or (key or ""),
        hash=_str(m, "hash"),
        persistent_id=pid or None,
        raw=dict(m),
    )
