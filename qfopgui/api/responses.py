"""HTTP answer → exception or typed model.

One place decides what each Qiniu status means to a person, so every call reports the same
way: a readable `message`, plus `status`, `reqid` (X-Reqid) and the server's own words.

A 2xx body comes from a server we do not control (a wrong host, a captive portal, a broken
proxy), so it is decoded defensively and every field is checked:

- the body must be UTF-8 JSON without NaN/Infinity, with finite floats, integers within
  64 bits, no lone surrogates and at most `MAX_DEPTH` levels of nesting;
- a missing or null field takes its default (the API grows and answers are often sparse), but a
  field that is present with the wrong type or an impossible value (a negative size, a bool
  where a number belongs) is a `ProtocolError` naming the field;
- a 200 without X-Reqid is "not a Qiniu server".

So a malformed answer always ends as a `QiniuError`, never as a TypeError, KeyError,
RecursionError or UnicodeDecodeError from deep inside the client.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

from qfopgui.api import errors
from qfopgui.api import messages as M
from qfopgui.api.models import BucketInfo, JobItem, JobStatus, ListPage, ObjectInfo, UploadResult

_MAX_SERVER_MESSAGE = 500
MAX_DEPTH = 32  # Qiniu answers nest 3 levels; prefop `result` objects a few more
MAX_RETRY_AFTER = 3600.0
_INT64 = 2**63
_MAX_PUT_TIME = 253_402_300_799 * 10_000_000  # 9999-12-31 in 100 ns units: datetime's limit
_INT_TEXT = re.compile(r"-?[0-9]{1,19}")
_DELTA_SECONDS = re.compile(r"[0-9]{1,12}(\.[0-9]{1,6})?")


@dataclass(frozen=True, slots=True)
class Answer:
    """A whole HTTP answer, already read (and bounded in size and time) by the transport."""

    status: int
    headers: Mapping[str, str]  # case-insensitive (requests' CaseInsensitiveDict)
    body: bytes = b""

    @property
    def reqid(self) -> str | None:
        return self.headers.get("X-Reqid") or None


@dataclass(frozen=True, slots=True)
class Context:
    """What the request was about, so messages can name the bucket/key instead of being vague."""

    bucket: str = ""
    key: str = ""
    not_found: str = ""  # template overriding 404/612 (e.g. messages.JOB_NOT_FOUND for prefop)
    id: str = ""  # the ``{id}`` of ``not_found``


NO_CONTEXT = Context()


# -- statuses ------------------------------------------------------------------------------


def body_text(answer: Answer, limit: int = _MAX_SERVER_MESSAGE) -> str:
    """The start of the body as text, whatever bytes it holds (for messages and logs)."""
    return answer.body[: limit * 4].decode("utf-8", "replace")[:limit]


def server_message(answer: Answer) -> str:
    """The server's `error` field, or the start of the body text if it is not Qiniu JSON."""
    text = answer.body.decode("utf-8", "replace")
    try:
        body = _loads(text)
    except (ValueError, RecursionError):
        body = None
    if isinstance(body, dict):
        msg = body.get("error") or body.get("message") or body.get("error_code")
        if msg:
            return str(msg)[:_MAX_SERVER_MESSAGE]
    return text.strip()[:_MAX_SERVER_MESSAGE]


def parse_retry_after(value: str | None, *, now: Callable[[], float] = time.time) -> float | None:
    """Seconds to wait from a `Retry-After` header: delta-seconds or an HTTP-date.

    Clamped to [0, 3600] (a date in the past means "now"); anything else is None.
    """
    if value is None:
        return None
    text = value.strip()
    if _DELTA_SECONDS.fullmatch(text):
        return min(float(text), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # "-0000" dates; HTTP-dates are always GMT
        return None
    try:
        delta = when.timestamp() - now()
    except (OverflowError, OSError, ValueError):
        return None
    return max(0.0, min(delta, MAX_RETRY_AFTER))


def error_for_status(
    status: int,
    *,
    reqid: str | None,
    server_msg: str,
    ctx: Context = NO_CONTEXT,
    retry_after: float | None = None,
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
    if status in (429, 573):
        limited = errors.RateLimitedError.make(M.RATE_LIMITED, **kw)
        limited.retry_after = retry_after
        return limited
    simple: dict[int, tuple[type[errors.QiniuError], str]] = {
        579: (errors.CallbackFailedError, M.CALLBACK_FAILED),
        614: (errors.AlreadyExistsError, M.ALREADY_EXISTS),
        640: (errors.InvalidMarkerError, M.INVALID_MARKER),
        406: (errors.BadRequestError, M.CHECKSUM),
        413: (errors.BadRequestError, M.TOO_LARGE),
    }
    if status in simple:
        cls, template = simple[status]
        return cls.make(template, **kw)
    if 500 <= status < 600:
        failed = errors.ServerError.make(M.SERVER_FAILED, **kw)
        failed.retry_after = retry_after
        return failed
    if server_msg:
        return errors.QiniuError.make(M.REFUSED, code=status, server=server_msg, **kw)
    return errors.QiniuError.make(M.REFUSED_PLAIN, code=status, **kw)


def check(answer: Answer, ctx: Context = NO_CONTEXT) -> None:
    """Raise the mapped error unless the answer is a 2xx."""
    if 200 <= answer.status < 300:
        return
    raise error_for_status(
        answer.status,
        reqid=answer.headers.get("X-Reqid"),
        server_msg=server_message(answer),
        ctx=ctx,
        retry_after=parse_retry_after(answer.headers.get("Retry-After")),
    )


def protocol_error(answer: Answer | None, why: str) -> errors.ProtocolError:
    if answer is None:
        return errors.ProtocolError.make(M.NOT_UNDERSTOOD, why=why)
    return errors.ProtocolError.make(
        M.NOT_UNDERSTOOD,
        why=why,
        status=answer.status,
        reqid=answer.headers.get("X-Reqid"),
        server_message=body_text(answer),
    )


def bad_field(answer: Answer | None, field: str) -> errors.ProtocolError:
    """A present field with the wrong type or an impossible value."""
    if answer is None:
        return errors.ProtocolError.make(M.BAD_FIELD, field=field)
    return errors.ProtocolError.make(
        M.BAD_FIELD,
        field=field,
        status=answer.status,
        reqid=answer.headers.get("X-Reqid"),
        server_message=body_text(answer),
    )


def require_reqid(answer: Answer) -> None:
    """Every Qiniu answer carries X-Reqid; a 200 without it comes from something else."""
    if not answer.headers.get("X-Reqid"):
        raise protocol_error(answer, M.NO_REQID)


# -- JSON ----------------------------------------------------------------------------------


class _BadNumber(ValueError):
    """NaN, Infinity, a float that overflows, or an integer beyond 64 bits."""


def _reject_constant(name: str) -> object:
    raise _BadNumber(name)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e400 parses as inf
        raise _BadNumber(text)
    return value


def _int64(text: str) -> int:
    if len(text) > 20:
        raise _BadNumber(text)
    value = int(text)
    if not -_INT64 <= value < _INT64:
        raise _BadNumber(text)
    return value


def _loads(text: str) -> object:
    return json.loads(
        text, parse_constant=_reject_constant, parse_float=_finite_float, parse_int=_int64
    )


def _is_text(s: str) -> bool:
    """False for strings holding lone surrogates (JSON `"\\ud800"`): they cannot be stored."""
    if s.isascii():
        return True
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _tree_problem(value: object) -> str | None:
    """The reason a decoded JSON value is unusable (too deep, lone surrogates), or None."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if not _is_text(item):
                return M.NOT_UTF8
        elif isinstance(item, dict):
            if depth > MAX_DEPTH:
                return M.TOO_DEEP
            for k, v in item.items():
                if not _is_text(k):
                    return M.NOT_UTF8
                stack.append((v, depth + 1))
        elif isinstance(item, list):
            if depth > MAX_DEPTH:
                return M.TOO_DEEP
            stack.extend((v, depth + 1) for v in item)
    return None


def parse_json(answer: Answer) -> object:
    """The decoded body; ProtocolError (with the reason) when it is not usable JSON."""
    try:
        text = answer.body.decode("utf-8")
    except UnicodeDecodeError:
        raise protocol_error(answer, M.NOT_UTF8) from None
    try:
        value = _loads(text)
    except _BadNumber:
        raise protocol_error(answer, M.BAD_NUMBER) from None
    except RecursionError:
        raise protocol_error(answer, M.TOO_DEEP) from None
    except ValueError:
        raise protocol_error(answer, M.NOT_JSON) from None
    problem = _tree_problem(value)
    if problem is not None:
        raise protocol_error(answer, problem)
    return value


def json_body(answer: Answer) -> object:
    """The JSON of a successful answer; ProtocolError when it cannot be from Qiniu."""
    require_reqid(answer)
    return parse_json(answer)


# -- checked field access ------------------------------------------------------------------


class Fields:
    """One JSON object of an answer. Missing/null fields give the default; a field present
    with the wrong type or value raises `ProtocolError` naming it (with `where` as prefix)."""

    __slots__ = ("_answer", "_m", "_where")

    def __init__(self, m: Mapping[str, object], answer: Answer | None, where: str = "") -> None:
        self._m = m
        self._answer = answer
        self._where = where

    @classmethod
    def of(cls, answer: Answer | None, value: object, where: str = "") -> Fields:
        """`value` as an object; ProtocolError when it is anything else."""
        if not isinstance(value, dict):
            if where:
                raise bad_field(answer, where.rstrip("."))
            raise protocol_error(answer, M.NOT_OBJECT)
        return cls(value, answer, where)

    @property
    def raw(self) -> dict[str, object]:
        return dict(self._m)

    def has(self, name: str) -> bool:
        return self._m.get(name) is not None

    def bad(self, name: str) -> errors.ProtocolError:
        return bad_field(self._answer, self._where + name)

    def get(self, name: str) -> object:
        """The value as decoded (already checked for depth and text by `parse_json`)."""
        return self._m.get(name)

    def text(self, name: str) -> str:
        v = self._m.get(name)
        if v is None:
            return ""
        if isinstance(v, str):
            return v
        raise self.bad(name)

    def number(
        self,
        name: str,
        default: int = 0,
        *,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int:
        v = self._m.get(name)
        if v is None:
            return default
        n = _as_int(v)
        too_small = minimum is not None and n is not None and n < minimum
        too_large = maximum is not None and n is not None and n > maximum
        if n is None or too_small or too_large:
            raise self.bad(name)
        return n

    def flag(self, name: str, default: bool) -> bool:
        """A yes/no field: JSON bool, 0/1, or "0"/"1"/"true"/"false"."""
        v = self._m.get(name)
        if v is None:
            return default
        if isinstance(v, bool):
            return v
        if isinstance(v, int) and v in (0, 1):
            return v == 1
        if isinstance(v, str) and v.strip().lower() in ("0", "1", "true", "false"):
            return v.strip().lower() in ("1", "true")
        raise self.bad(name)

    def array(self, name: str) -> list[object]:
        v = self._m.get(name)
        if v is None:
            return []
        if isinstance(v, list):
            return v
        raise self.bad(name)

    def objects(self, name: str) -> list[Fields]:
        """A list of objects; any other item is a ProtocolError."""
        return [
            Fields.of(self._answer, item, f"{self._where}{name}[{i}].")
            for i, item in enumerate(self.array(name))
        ]

    def strings(self, name: str) -> list[str]:
        out: list[str] = []
        for i, item in enumerate(self.array(name)):
            if not isinstance(item, str):
                raise self.bad(f"{name}[{i}]")
            out.append(item)
        return out


def _as_int(v: object) -> int | None:
    """An integer from int, integral float or decimal text; None for anything else."""
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        n = v
    elif isinstance(v, float) and v.is_integer():
        n = int(v)
    elif isinstance(v, str) and _INT_TEXT.fullmatch(v.strip()):
        n = int(v.strip())
    else:
        return None
    return n if -_INT64 <= n < _INT64 else None


# -- models --------------------------------------------------------------------------------


def parse_buckets(answer: Answer, body: object) -> tuple[list[BucketInfo], str]:
    """`["b1", ...]` (classic) or the v4 page `{"buckets": [...], "next_marker": ...}`."""
    if isinstance(body, list):
        names: list[BucketInfo] = []
        for i, b in enumerate(body):
            if not isinstance(b, str) or not b:
                raise bad_field(answer, f"[{i}]")
            names.append(BucketInfo(name=b))
        return names, ""
    page = Fields.of(answer, body)
    out: list[BucketInfo] = []
    for i, b in enumerate(page.array("buckets")):
        where = f"buckets[{i}]"
        if isinstance(b, str) and b:
            out.append(BucketInfo(name=b))
            continue
        f = Fields.of(answer, b, where + ".")
        name = f.text("name") or f.text("tbl")
        if not name:
            raise bad_field(answer, where + ".name")
        out.append(BucketInfo(name=name, region=f.text("region"), private=f.flag("private", False)))
    marker = page.text("next_marker") if page.flag("is_truncated", True) else ""
    return out, marker


def parse_domains(answer: Answer, body: object) -> list[str]:
    """`["cdn.example.com", ...]`; also accepts the v3 objects `{"domain": ...}`."""
    if not isinstance(body, list):
        raise protocol_error(answer, M.NOT_DOMAIN_LIST)
    out: list[str] = []
    for i, d in enumerate(body):
        if isinstance(d, str):
            name = d
        elif isinstance(d, dict):
            name = Fields(d, answer, f"[{i}].").text("domain")
        else:
            raise bad_field(answer, f"[{i}]")
        if name:
            out.append(name)
    return out


def object_from(f: Fields, key: str | None = None) -> ObjectInfo:
    return ObjectInfo(
        key=key if key is not None else f.text("key"),
        fsize=f.number("fsize", minimum=0),
        hash=f.text("hash"),
        mime_type=f.text("mimeType"),
        put_time=f.number("putTime", minimum=0, maximum=_MAX_PUT_TIME),
        type=f.number("type", minimum=0),
        status=f.number("status", minimum=0),
        end_user=f.text("endUser"),
    )


def parse_list_page(answer: Answer, body: object) -> ListPage:
    page = Fields.of(answer, body)
    items: list[ObjectInfo] = []
    for item in page.objects("items"):
        info = object_from(item)
        if not info.key:
            raise item.bad("key")
        items.append(info)
    return ListPage(
        items=tuple(items),
        prefixes=tuple(page.strings("commonPrefixes")),
        marker=page.text("marker"),
    )


def parse_stat(answer: Answer, body: object, key: str) -> ObjectInfo:
    return object_from(Fields.of(answer, body), key=key)


def parse_persistent_id(answer: Answer, body: object) -> str:
    f = Fields.of(answer, body)
    pid = f.text("persistentId")
    if not pid:
        raise protocol_error(answer, M.NO_PERSISTENT_ID)
    return pid


def _item(f: Fields) -> JobItem:
    return JobItem(
        cmd=f.text("cmd"),
        code=f.number("code", default=-1),
        desc=f.text("desc"),
        error=f.text("error"),
        error_index=f.number("errorIndex", minimum=0) if f.has("errorIndex") else None,
        hash=f.text("hash"),
        key=f.text("key"),
        keys=tuple(f.strings("keys")),
        return_old=f.number("returnOld") == 1,
        result=f.get("result"),
    )


def parse_job_status(answer: Answer, body: object) -> JobStatus:
    """Every field of a prefop answer (top level and items); the whole answer is kept in `raw`."""
    f = Fields.of(answer, body)
    if not f.has("code"):
        raise protocol_error(answer, M.NO_PREFOP_CODE)
    return _job_status(f)


def job_status_from(m: Mapping[str, object]) -> JobStatus:
    """The same JSON as prefop, from elsewhere (a notify body); ProtocolError if malformed."""
    return _job_status(Fields(m, None))


def _job_status(f: Fields) -> JobStatus:
    return JobStatus(
        id=f.text("id"),
        code=f.number("code", default=-1),
        desc=f.text("desc"),
        input_bucket=f.text("inputBucket"),
        input_key=f.text("inputKey"),
        pipeline=f.text("pipeline"),
        reqid=f.text("reqid"),
        items=tuple(_item(i) for i in f.objects("items")),
        type=f.number("type"),
        creation_date=f.text("creationDate"),
        task_from=f.text("taskFrom"),
        raw=f.raw,
    )


def parse_upload(answer: Answer, body: object, key: str | None) -> UploadResult:
    f = Fields.of(answer, body)
    pid = f.text("persistentId")
    return UploadResult(
        key=f.text("key") or (key or ""),
        hash=f.text("hash"),
        persistent_id=pid or None,
        raw=f.raw,
    )
