"""HTTP plumbing: per-thread sessions, a total deadline per request, bounded retries, and
failures sorted by whether the request can have reached the server.

Sessions. `requests.Session` is not documented as thread-safe, and the app calls the client
from an executor pool, so each thread lazily gets its own session (connection pool). `close()`
closes all of them; a thread that calls again afterwards simply gets a fresh one.

Deadline. Connect/read timeouts bound each socket operation, so a server that trickles one byte
every few seconds could keep a call alive for hours. Every request therefore also has a total
deadline (`Transport.deadline`, 60 s by default; uploads pass a longer one scaled to their size,
see `upload.py`). The body is read with `stream=True` in chunks, and a watchdog timer shuts the
request's socket down when the deadline passes, which makes a blocked TLS handshake, header or
body read return at once. The watchdog needs the connection classes of `DeadlineAdapter`, which
`default_session()` mounts; with any other adapter the deadline is only checked between body
chunks. The DNS lookup and the TCP connect are bounded by the connect timeout alone.
Bodies are capped (`max_body`, 16 MiB; error bodies 64 KiB): a larger 2xx is a ProtocolError.

Failures. `NetworkError` means the request provably never reached the server: no byte of it
was written (known exactly with `DeadlineAdapter`), or the exception chain shows a DNS failure,
a refused or timed-out connect, a certificate rejected in the handshake, or a proxy failure.
Everything else after sending started — reset, broken pipe, read timeout, an answer cut short,
the deadline — is `OutcomeUnknownError` (`TimeoutError_` for timeouts and the deadline): the
server may or may not have acted on it.

Retries. Only requests marked idempotent (and not opted out with `retry=False`) are retried,
and only for answers that say "try again" — network failures, unknown outcomes, 5xx (incl. 599,
except 501), 573/429 — with exponential backoff and jitter, at least the server's Retry-After
if it gives one; a Retry-After longer than `MAX_BACKOFF` is left to the caller. Every other
4xx/6xx is final.
"""

from __future__ import annotations

import contextlib
import http.client
import logging
import random
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from qfopgui.api import errors
from qfopgui.api import messages as M
from qfopgui.api.responses import NO_CONTEXT, Answer, Context, check, protocol_error

log = logging.getLogger(__name__)

SessionFactory = Callable[[], requests.Session]
Sleep = Callable[[float], None]

MAX_BACKOFF = 10.0
DEFAULT_DEADLINE = 60.0
MAX_BODY = 16 * 1024 * 1024  # a 1000-item listing is ~300 KiB
ERROR_BODY_LIMIT = 64 * 1024  # only the start of an error body is ever shown
_CHUNK = 64 * 1024

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
_IO_ERRORS: tuple[type[BaseException], ...] = (
    requests.RequestException,
    urllib3.exceptions.HTTPError,
    http.client.HTTPException,
    OSError,
)
_DECODE_ERRORS: tuple[type[BaseException], ...] = (
    requests.exceptions.ContentDecodingError,
    urllib3.exceptions.DecodeError,
)


def is_retryable(exc: errors.QiniuError) -> bool:
    """True for answers where the same request may succeed later."""
    if isinstance(exc, errors.NetworkError | errors.OutcomeUnknownError | errors.RateLimitedError):
        return True
    if isinstance(exc, errors.ServerError):
        return exc.status != 501
    return False


def retry_after(exc: errors.QiniuError) -> float | None:
    """The server's Retry-After on a rate-limit or server error, if it sent one."""
    if isinstance(exc, errors.RateLimitedError | errors.ServerError):
        return exc.retry_after
    return None


# -- deadline watchdog ---------------------------------------------------------------------


class _Watch:
    """The total deadline of one request. Knows the request's sockets, whether sending began,
    and shuts the sockets down when time is up, so a blocked read returns at once."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.tracked = False  # a `DeadlineAdapter` connection reported in
        self.sent = False  # a byte of the request may have been written
        self.expired = False
        self._lock = threading.Lock()
        self._socks: list[socket.socket] = []
        self._owned: list[socket.socket] = []
        self._done = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def start(self) -> None:
        self._timer.start()

    def overdue(self) -> bool:
        return self.expired or time.monotonic() >= self.end

    def attach(self, sock: object, *, owned: bool = False, sending: bool = False) -> None:
        """Watch `sock`; `owned` ones (a dup made for the TLS handshake) are closed at the end."""
        with self._lock:
            self.tracked = True
            self.sent = self.sent or sending
            if not isinstance(sock, socket.socket):
                return
            self._socks.append(sock)
            if owned:
                self._owned.append(sock)
            if self.expired:
                _shutdown(sock)

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            for sock in self._socks:
                _shutdown(sock)

    def finish(self) -> None:
        self._timer.cancel()
        with self._lock:
            self._done = True
            owned, self._owned, self._socks = self._owned, [], []
        for sock in owned:
            sock.close()


def _shutdown(sock: socket.socket) -> None:
    """Wake every blocked read on `sock` (the plain socket call, also for TLS sockets)."""
    with contextlib.suppress(OSError):  # already closed or never connected
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


_active = threading.local()  # `.watch`: the _Watch of the request this thread is sending


def _current() -> _Watch | None:
    watch = getattr(_active, "watch", None)
    return watch if isinstance(watch, _Watch) else None


def _watch_new_socket(sock: socket.socket) -> None:
    """A fresh TCP connection: watch a dup, because TLS wrapping detaches the original."""
    watch = _current()
    if watch is not None:
        watch.attach(sock.dup(), owned=True)


def _watch_sending(sock: object) -> None:
    watch = _current()
    if watch is not None:
        watch.attach(sock, sending=True)


class _HTTPConnection(urllib3.connection.HTTPConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        _watch_new_socket(sock)
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:  # same signature as urllib3's
        if _current() is not None and self.sock is None:
            self.connect()  # connect first, so a failure here is known to be "not sent"
        _watch_sending(self.sock)
        super().request(*args, **kwargs)


class _HTTPSConnection(urllib3.connection.HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        _watch_new_socket(sock)
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:  # same signature as urllib3's
        if _current() is not None and self.sock is None:
            self.connect()
        _watch_sending(self.sock)
        super().request(*args, **kwargs)


class _Pool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _TlsPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


_POOLS = {"http": _Pool, "https": _TlsPool}


class DeadlineAdapter(HTTPAdapter):
    """`HTTPAdapter` whose connections report to the request's deadline watchdog."""

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any
    ) -> None:
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_POOLS)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if isinstance(manager, urllib3.ProxyManager):  # not SOCKS: it has its own classes
            manager.pool_classes_by_scheme = dict(_POOLS)
        return manager


def default_session() -> requests.Session:
    sess = requests.Session()
    sess.mount("http://", DeadlineAdapter())
    sess.mount("https://", DeadlineAdapter())
    return sess


# -- failure classification ----------------------------------------------------------------


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
    """True when the request provably never left this machine (see the module docstring)."""
    if sent:
        return False
    if tracked:
        return True
    return any(isinstance(e, _NOT_SENT) for e in _chain(exc))


def _root_name(exc: BaseException) -> str:
    *_, last = _chain(exc)
    return type(last).__name__


def _failure(exc: BaseException, watch: _Watch, host: str, *, answered: bool) -> errors.QiniuError:
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


class _Overdue(Exception):
    """The deadline passed between two body chunks (adapters without the watchdog)."""


_READ_FAILURES: tuple[type[BaseException], ...] = (_Overdue, *_IO_ERRORS)


# -- transport -----------------------------------------------------------------------------


class Transport:
    """Sends requests; maps network failures and statuses to `qfopgui.api.errors`."""

    def __init__(
        self,
        *,
        timeout: tuple[float, float] = (5.0, 30.0),
        deadline: float = DEFAULT_DEADLINE,
        max_body: int = MAX_BODY,
        max_retries: int = 3,
        backoff: float = 0.2,
        session_factory: SessionFactory | None = None,
        user_agent: str = "",
        sleep: Sleep = time.sleep,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        if max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        if deadline <= 0:
            raise ValueError("deadline must be > 0")
        self.timeout = timeout
        self.deadline = deadline
        self.max_body = max_body
        self.max_retries = max_retries
        self.backoff = backoff
        self._factory = session_factory or default_session
        self._user_agent = user_agent
        self._sleep = sleep
        self._jitter = jitter
        self._local = threading.local()
        self._lock = threading.Lock()
        self._sessions: list[requests.Session] = []
        self._generation = 0

    # -- sessions ------------------------------------------------------------------------

    def session(self) -> requests.Session:
        """This thread's session, created on first use (and again after `close()`)."""
        gen = self._generation
        sess: requests.Session | None = getattr(self._local, "session", None)
        if sess is not None and getattr(self._local, "generation", -1) == gen:
            return sess
        sess = self._factory()
        if self._user_agent:
            sess.headers["User-Agent"] = self._user_agent
        with self._lock:
            self._sessions.append(sess)
            self._local.session = sess
            self._local.generation = self._generation
        return sess

    def session_count(self) -> int:
        with self._lock:
            return len(self._sessions)

    def close(self) -> None:
        """Close every thread's session (their pooled connections)."""
        with self._lock:
            sessions, self._sessions = self._sessions, []
            self._generation += 1
        for sess in sessions:
            sess.close()

    # -- requests ------------------------------------------------------------------------

    def backoff_delay(self, attempt: int) -> float:
        """Delay before retry `attempt` (0-based): base·2^n, capped, scaled by [0.5, 1.0)."""
        base = min(MAX_BACKOFF, self.backoff * (2**attempt))
        return float(base * (0.5 + self._jitter() / 2))

    def request(
        self,
        method: str,
        url: str,
        *,
        idempotent: bool,
        retry: bool = True,
        deadline: float | None = None,
        ctx: Context = NO_CONTEXT,
        auth: requests.auth.AuthBase | None = None,
        params: Any = None,
        data: Any = None,
        json: Any = None,
        files: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> Answer:
        """Send, read the whole answer within `deadline` seconds (default `self.deadline`),
        check the status, and retry idempotent requests on transient failures unless
        `retry=False` (the caller owns the back-off)."""
        attempt = 0
        while True:
            try:
                return self._send_once(
                    method,
                    url,
                    deadline=self.deadline if deadline is None else deadline,
                    ctx=ctx,
                    auth=auth,
                    params=params,
                    data=data,
                    json=json,
                    files=files,
                    headers=headers,
                )
            except errors.QiniuError as exc:
                if not (idempotent and retry) or attempt >= self.max_retries:
                    raise
                if not is_retryable(exc):
                    raise
                delay = self.backoff_delay(attempt)
                hint = retry_after(exc)
                if hint is not None:
                    if hint > MAX_BACKOFF:
                        raise
                    delay = max(delay, hint)
                log.info(
                    "retrying %s %s after %s (attempt %d/%d, %.2fs)",
                    method,
                    _safe_target(url),
                    type(exc).__name__,
                    attempt + 1,
                    self.max_retries,
                    delay,
                )
                self._sleep(delay)
                attempt += 1

    def _send_once(
        self,
        method: str,
        url: str,
        *,
        deadline: float,
        ctx: Context,
        auth: requests.auth.AuthBase | None,
        params: Any,
        data: Any,
        json: Any,
        files: Any,
        headers: Mapping[str, str] | None,
    ) -> Answer:
        sess = self.session()
        host = _host(url)
        connect, read = self.timeout
        watch = _Watch(deadline)
        _active.watch = watch
        watch.start()
        try:
            try:
                resp = sess.request(
                    method,
                    url,
                    params=params,
                    data=data,
                    json=json,
                    files=files,
                    headers=dict(headers) if headers else None,
                    auth=auth,
                    timeout=(min(connect, deadline), min(read, deadline)),
                    allow_redirects=False,
                    stream=True,
                )
            except _IO_ERRORS as exc:
                raise _failure(exc, watch, host, answered=False) from exc
            finally:
                _active.watch = None
            try:
                answer = self._read(resp, watch, host)
            finally:
                if resp.raw is not None:
                    resp.close()
        finally:
            watch.finish()
        log.debug(
            "%s %s -> %d reqid=%s", method, _safe_target(url), answer.status, answer.reqid or "-"
        )
        check(answer, ctx)
        return answer

    def _read(self, resp: requests.Response, watch: _Watch, host: str) -> Answer:
        """The whole body, bounded in size and by the deadline."""
        status = resp.status_code
        ok = 200 <= status < 300
        limit = self.max_body if ok else ERROR_BODY_LIMIT
        head = Answer(status, resp.headers)
        declared = resp.headers.get("Content-Length", "").strip()
        if ok and declared.isdigit() and int(declared) > limit:
            raise protocol_error(head, M.BODY_TOO_LARGE)
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in _body_chunks(resp):
                if size + len(chunk) > limit:
                    if ok:
                        raise protocol_error(head, M.BODY_TOO_LARGE)
                    chunks.append(chunk[: limit - size])
                    break
                size += len(chunk)
                chunks.append(chunk)
                if watch.overdue():
                    raise _Overdue
        except _DECODE_ERRORS:
            if ok:
                raise protocol_error(head, M.BAD_ENCODING) from None
        except _READ_FAILURES as exc:
            if ok:  # the server answered "yes" but we cannot see the whole answer
                raise _failure(exc, watch, host, answered=True) from exc
            # an error status is known from its status line; keep what arrived of the body
        return Answer(status, resp.headers, b"".join(chunks))


def _body_chunks(resp: requests.Response) -> Iterator[bytes]:
    if resp.raw is None:  # an adapter that filled the body in directly
        yield resp.content or b""
        return
    yield from resp.iter_content(_CHUNK)


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


def _safe_target(url: str) -> str:
    """Host and path only: queries may hold private-URL tokens, so they are never logged."""
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path}"
