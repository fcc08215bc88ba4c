"""The alibabacloud-oss-v2 SDK's exceptions, turned into the app's plain-words error tree.

The SDK wraps every failure in `OperationError`; inside is a `ServiceError` (OSS answered with an
XML `<Error>`: `Code`, `Message`, `RequestId`), a `RequestError`/`ResponseError` around the
`requests` exception, or a local problem (credentials, names, a body it could not parse).

What matters most is whether a failed request may have acted. The SDK calls every
`requests.ConnectionError` a `RequestError` ("no request was sent"), which is not true of a reset
after sending, so the wrapped `requests` exception is judged again by `classify_failure`, the rule
`QiniuClient` uses, with the call's `DeadlineWatch` (which saw whether any byte was written):
only a failure that provably happened before sending is a `NetworkError`; everything else is an
`OutcomeUnknownError`. For a write (upload, async processing), an answer
the SDK could not read is an unknown outcome too, never a failure: the server may have acted.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import TypeVar
from xml.etree import ElementTree

from alibabacloud_oss_v2 import exceptions as sdk

from qfopgui.api import errors
from qfopgui.api import messages as M
from qfopgui.api.deadline import DeadlineWatch
from qfopgui.api.request_failures import IO_ERRORS, classify_failure
from qfopgui.api.responses import parse_retry_after

_E = TypeVar("_E", bound=errors.QiniuError)

AUTH_CODES = frozenset(
    {
        "InvalidAccessKeyId",
        "SignatureDoesNotMatch",
        "InvalidSecurityToken",
        "SecurityTokenExpired",
        "AccessKeyIdDisabled",
    }
)
RATE_CODES = frozenset({"Throttling", "TooManyRequests", "RequestRateExceeded"})
EXISTS_CODES = frozenset({"FileAlreadyExists", "ObjectAlreadyExists"})
# The SDK parses some answers outside its own error wrapping (the async-process JSON, XML).
_GARBLED = (
    sdk.DeserializationError,
    json.JSONDecodeError,
    ElementTree.ParseError,
    UnicodeDecodeError,
)
_PARAM_ERRORS = (
    sdk.ParamInvalidError,
    sdk.ParamNullError,
    sdk.ParamNullOrEmptyError,
    sdk.ParamRequiredError,
)


@dataclass(frozen=True, slots=True)
class Call:
    """What a request was about, for the message and for the sent-or-not judgement."""

    host: str
    bucket: str = ""
    key: str = ""
    write: bool = False


def translate(exc: BaseException, call: Call, watch: DeadlineWatch | None = None) -> BaseException:
    """The error to raise instead of `exc` (`exc` itself when it is not the SDK's). `watch` is
    the request's deadline watchdog: it knows whether any byte was sent."""
    inner = _unwrap(exc)
    if isinstance(inner, sdk.ServiceError):
        return service_error(inner, call)
    if isinstance(inner, sdk.RequestError | sdk.ResponseError):
        cause = inner.unwrap()
        if isinstance(cause, BaseException):
            return transport_error(cause, call, watch)
        return errors.OutcomeUnknownError.make(M.CONNECTION_LOST, host=call.host)
    if isinstance(inner, sdk.CredentialsBaseError):
        return errors.AuthError.make(M.BAD_KEYS, server_message=type(inner).__name__)
    if isinstance(inner, _GARBLED):
        kind = errors.OutcomeUnknownError if call.write else errors.ProtocolError
        return kind.make(M.OSS_NOT_UNDERSTOOD, why=M.OSS_BAD_ANSWER, server_message=str(inner))
    if isinstance(inner, sdk.InconsistentError):
        return errors.BadRequestError.make(M.CHECKSUM, server_message=str(inner))
    if isinstance(inner, sdk.BucketNameInvalidError):  # refused before sending
        return errors.BadRequestError.make(M.OSS_BAD_BUCKET_NAME, bucket=call.bucket)
    if isinstance(inner, sdk.ObjectNameInvalidError):
        return errors.InvalidKeyError.make(M.OSS_BAD_KEY)
    if isinstance(inner, _PARAM_ERRORS):
        return ValueError(str(inner))  # a programming error: the arguments were wrong
    if isinstance(inner, IO_ERRORS):
        return transport_error(inner, call, watch)
    return inner


def transport_error(
    exc: BaseException, call: Call, watch: DeadlineWatch | None = None
) -> errors.QiniuError:
    """A `requests`/socket failure: `NetworkError` only when it provably was never sent
    (without a tracking `watch`, judged from the exception chain alone)."""
    return classify_failure(exc, watch or DeadlineWatch(math.inf), call.host, answered=False)


def service_error(err: sdk.ServiceError, call: Call) -> errors.QiniuError:
    """An OSS `<Error>` answer by its `Code` first, then by its HTTP status."""
    code = str(err.code or "")
    status = int(err.status_code or 0)
    text = str(err.message or "")
    server = f"{code}: {text}" if code and text else (code or text or f"HTTP {status}")
    headers = err.headers or {}
    reqid = str(err.request_id or headers.get("x-oss-request-id") or "") or None

    def make(kind: type[_E], template: str, **params: object) -> _E:
        return kind.make(
            template, status=status or None, reqid=reqid, server_message=server, **params
        )

    if code in AUTH_CODES or status == 401:
        return make(errors.AuthError, M.BAD_KEYS)
    if code == "RequestTimeTooSkewed":
        return make(errors.AuthError, M.OSS_CLOCK_SKEW)
    if code == "NoSuchBucket":
        if call.bucket:
            return make(errors.NoSuchBucketError, M.NO_SUCH_BUCKET, bucket=call.bucket)
        return make(errors.NoSuchBucketError, M.NO_SUCH_BUCKET_UNNAMED)
    if code == "NoSuchUpload":
        return make(errors.NotFoundError, M.OSS_UPLOAD_GONE)
    if code == "NoSuchKey" or status == 404:
        if call.key:
            return make(errors.NotFoundError, M.FILE_NOT_FOUND, key=call.key, bucket=call.bucket)
        return make(errors.NotFoundError, M.FILE_NOT_FOUND_UNNAMED)
    if code in EXISTS_CODES:
        return make(errors.AlreadyExistsError, M.ALREADY_EXISTS)
    if code in RATE_CODES or status == 429:
        limited = make(errors.RateLimitedError, M.RATE_LIMITED)
        limited.retry_after = parse_retry_after(headers.get("Retry-After"))
        return limited
    if code == "AccessDenied" or status == 403:
        return make(errors.ForbiddenError, M.OSS_FORBIDDEN, server=server)
    if status >= 500:
        failed = make(errors.ServerError, M.OSS_SERVER_FAILED)
        failed.retry_after = parse_retry_after(headers.get("Retry-After"))
        return failed
    if status == 400:
        return make(errors.BadRequestError, M.BAD_REQUEST, server=server)
    return make(errors.QiniuError, M.REFUSED, code=status, server=server)


def _unwrap(exc: BaseException) -> BaseException:
    """The error inside the SDK's `OperationError` layers."""
    seen = 0
    while isinstance(exc, sdk.OperationError) and seen < 8:
        inner = exc.unwrap()
        if not isinstance(inner, BaseException):
            break
        exc, seen = inner, seen + 1
    return exc


__all__ = ["Call", "service_error", "translate", "transport_error"]
