"""Sorts failed requests by whether the server may have acted on them: is repeating one safe?"""

from __future__ import annotations

import http.client
import ssl
from collections.abc import Iterator

import requests
import urllib3

from qfopgui.api import errors
from qfopgui.api import messages as M
from qfopgui.api.deadline import DeadlineWatch

# Errors that can only happen before any byte of the request was written.
_NOT_SENT: tuple[type[BaseException], ...] = (
    urllib3.exceptions.ConnectTimeoutError,  # includes NewConnectionError, NameResolutionError
    urllib3.exceptions.ProxyError,
    urllib3.exceptions.LocationValueError,
    requests.ConnectTimeout,
    requests.exceptions.ProxyError,
    requests.exceptions.InvalidURL,
    requests.exceptions.MissingSchema,
    requests.exceptions.InvalidSchema,
    requests.exceptions.InvalidHeader,
    requests.exceptions.URLRequired,
    requests.exceptions.InvalidJSONError,
    ssl.SSLCertVerificationError,
)
_READ_TIMEOUTS: tuple[type[BaseException], ...] = (
    requests.ReadTimeout,
    urllib3.exceptions.ReadTimeoutError,
    TimeoutError,  # socket.timeout
)
# What sending a request or reading its answer can raise when the network or the server fails.
IO_ERRORS: tuple[type[BaseException], ...] = (
    requests.RequestException,
    urllib3.exceptions.HTTPError,
    http.client.HTTPException,
    OSError,
)
# A body whose Content-Encoding (gzip, deflate) does not decode.
DECODE_ERRORS: tuple[type[BaseException], ...] = (
    requests.exceptions.ContentDecodingError,
    urllib3.exceptions.DecodeError,
)


def classify_failure(
    exc: BaseException, watch: DeadlineWatch, host: str, *, answered: bool
) -> errors.QiniuError:
    """The error for a request to `host` that failed with `exc` (`answered`: a status arrived).

    `NetworkError` means the request provably never reached the server: no byte of it was
    written (known exactly when `watch` is tracked by `DeadlineAdapter`), or the exception chain
    shows a DNS failure, a refused or timed-out connect, a certificate rejected in the handshake,
    or a proxy failure. Everything else after sending started — reset, broken pipe, read
    timeout, an answer cut short, the deadline — is `OutcomeUnknownError` (`TimeoutError_` for
    timeouts and the deadline): the server may or may not have acted on it.
    """
    name = _root_name(exc)
    if not answered and _not_sent(exc, tracked=watch.tracked, sent=watch.sent):
        return errors.NetworkError.make(M.NO_CONNECTION, host=host, server_message=name)
    if watch.overdue():
        seconds = f"{watch.seconds:g}"
        return errors.TimeoutError_.make(
            M.DEADLINE, host=host, seconds=seconds, server_message=name
        )
    if any(isinstance(e, _READ_TIMEOUTS) for e in _chain(exc)):
        return errors.TimeoutError_.make(M.TIMEOUT, host=host, server_message=name)
    return errors.OutcomeUnknownError.make(M.CONNECTION_LOST, host=host, server_message=name)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """`exc` and what it wraps: args, `MaxRetryError.reason` and `__cause__` (not
    `__context__`, which may be an unrelated earlier error)."""
    stack, seen = [exc], set()
    while stack:
        e = stack.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        if isinstance(e, urllib3.exceptions.MaxRetryError) and e.reason is not None:
            stack.append(e.reason)
        stack.extend(a for a in e.args if isinstance(a, BaseException))
        if e.__cause__ is not None:
            stack.append(e.__cause__)


def _not_sent(exc: BaseException, *, tracked: bool = False, sent: bool = False) -> bool:
    """True when the request provably never left this machine (see `classify_failure`)."""
    if sent:
        return False
    if tracked:
        return True
    return any(isinstance(e, _NOT_SENT) for e in _chain(exc))


def _root_name(exc: BaseException) -> str:
    *_, last = _chain(exc)
    return type(last).__name__
