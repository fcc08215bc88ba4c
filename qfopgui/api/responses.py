"""HTTP answer → exception, or the checked JSON of a successful answer.

One place decides what each Qiniu status means to a person, so every call reports the same
way: a readable `message`, plus `status`, `reqid` (X-Reqid) and the server's own words.

A 2xx body comes from a server we do not control (a wrong host, a captive portal, a broken
proxy), so it is decoded defensively and every field is checked:

- the body must be UTF-8 JSON without NaN/Infinity, with finite floats, integers within
  64 bits, no lone surrogates and at most `MAX_DEPTH` levels of nesting (`safe_json.py`);
- a missing or null field takes its default (the API grows and answers are often sparse), but a
  field that is present with the wrong type or an impossible value (a negative size, a bool
  where a number belongs) is a `ProtocolError` naming the field (`answer_fields.py`, used by
  the parsers of `model_parsers.py`);
- a 200 without X-Reqid is "not a Qiniu server".

So a malformed answer always ends as a `QiniuError`, never as a TypeError, KeyError,
RecursionError or UnicodeDecodeError from deep inside the client.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

from qfopgui.api import errors
from qfopgui.api import messages as M
from qfopgui.api.safe_json import UnusableJsonError, decode_json, strict_loads

_MAX_SERVER_MESSAGE = 500
MAX_RETRY_AFTER = 3600.0
_DELTA_SECONDS = re.compile(r"[0-9]{1,12}(\.[0-9]{1,6})?")
_NO_SUCH_PIPELINE = re.compile(r"no such pipeline:\s*(\S.{0,99})$", re.IGNORECASE)


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
        body = strict_loads(text)
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
        if pipeline := _unknown_pipeline(server_msg):
            return errors.NoSuchPipelineError.make(M.NO_SUCH_PIPELINE, pipeline=pipeline, **kw)
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


def _unknown_pipeline(server_msg: str) -> str:
    """The queue named by a "no such pipeline: <name>" refusal (the sandbox's words), or ""."""
    match = _NO_SUCH_PIPELINE.match(server_msg.strip())
    return match.group(1).strip() if match else ""


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


def parse_json(answer: Answer) -> object:
    """The decoded body (see `safe_json`); ProtocolError with the reason when it is unusable."""
    try:
        return decode_json(answer.body)
    except UnusableJsonError as exc:
        raise protocol_error(answer, exc.reason) from None


def json_body(answer: Answer) -> object:
    """The JSON of a successful answer; ProtocolError when it cannot be from Qiniu."""
    require_reqid(answer)
    return parse_json(answer)
