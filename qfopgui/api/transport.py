"""HTTP plumbing: per-thread sessions, a total deadline per request, bounded retries, and
failures sorted by whether the request can have reached the server.

Sessions. `requests.Session` is not documented as thread-safe, and the app calls the client
from an executor pool, so each thread lazily gets its own session (connection pool). `close()`
closes all of them; a thread that calls again afterwards simply gets a fresh one.

Deadline. Every request has a total deadline besides its socket timeouts (`Transport.deadline`,
60 s by default; uploads pass a longer one scaled to their size, see `upload.py`). The body is
read with `stream=True` in chunks while a watchdog (`deadline.py`) shuts the request's socket
down when the deadline passes. The watchdog needs the connection classes of `DeadlineAdapter`,
which `default_session()` mounts; with any other adapter the deadline is only checked between
body chunks. Bodies are capped (`max_body`, 16 MiB; error bodies 64 KiB): a larger 2xx is a
ProtocolError.

Failures. A request that provably never reached the server is a `NetworkError`; one that failed
after sending started is an `OutcomeUnknownError` (see `request_failures.py`).

Retries. Only requests marked idempotent (and not opted out with `retry=False`) are retried,
and only for answers that say "try again" — network failures, unknown outcomes, 5xx (incl. 599,
except 501), 573/429 — with exponential backoff and jitter, at least the server's Retry-After
if it gives one; a Retry-After longer than `MAX_BACKOFF` is left to the caller. Every other
4xx/6xx is final.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

import requests

from qfopgui.api import errors
from qfopgui.api import messages as M
from qfopgui.api.deadline import DeadlineAdapter, DeadlineWatch, socket_timeouts
from qfopgui.api.request_failures import DECODE_ERRORS, IO_ERRORS, classify_failure
from qfopgui.api.responses import NO_CONTEXT, Answer, Context, check, protocol_error

log = logging.getLogger(__name__)

SessionFactory = Callable[[], requests.Session]
Sleep = Callable[[float], None]

MAX_BACKOFF = 10.0
DEFAULT_DEADLINE = 60.0
MAX_BODY = 16 * 1024 * 1024  # a 1000-item listing is ~300 KiB
ERROR_BODY_LIMIT = 64 * 1024  # only the start of an error body is ever shown
_CHUNK = 64 * 1024


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


def default_session() -> requests.Session:
    """A session whose connections report to the request's deadline watchdog."""
    sess = requests.Session()
    sess.mount("http://", DeadlineAdapter())
    sess.mount("https://", DeadlineAdapter())
    return sess


class _Overdue(Exception):
    """The deadline passed between two body chunks (adapters without the watchdog)."""


_READ_FAILURES: tuple[type[BaseException], ...] = (_Overdue, *IO_ERRORS)


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
        watch = DeadlineWatch(deadline)
        watch.start()
        try:
            try:
                with watch.watching_this_thread():
                    resp = sess.request(
                        method,
                        url,
                        params=params,
                        data=data,
                        json=json,
                        files=files,
                        headers=dict(headers) if headers else None,
                        auth=auth,
                        timeout=socket_timeouts(self.timeout, deadline),
                        allow_redirects=False,
                        stream=True,
                    )
            except IO_ERRORS as exc:
                raise classify_failure(exc, watch, host, answered=False) from exc
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

    def _read(self, resp: requests.Response, watch: DeadlineWatch, host: str) -> Answer:
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
        except DECODE_ERRORS:
            if ok:
                raise protocol_error(head, M.BAD_ENCODING) from None
        except _READ_FAILURES as exc:
            if ok:  # the server answered "yes" but we cannot see the whole answer
                raise classify_failure(exc, watch, host, answered=True) from exc
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
