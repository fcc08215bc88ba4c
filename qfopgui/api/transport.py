"""HTTP plumbing: one pooled `requests.Session` per thread, timeouts, bounded retries.

`requests.Session` is not documented as thread-safe, and the app calls the client from an
executor pool, so each thread lazily gets its own session (connection pool). `close()` closes
all of them; a thread that calls again afterwards simply gets a fresh one.

Retry policy: only callers that mark a request idempotent get retries, and only for answers
that say "try again" — 5xx (incl. 599, except 501), 573 and network failures/timeouts — with
exponential backoff and jitter. Every other 4xx/6xx is final.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

import requests

from qfopgui.api import errors
from qfopgui.api import messages as M
from qfopgui.api.responses import NO_CONTEXT, Context, check

log = logging.getLogger(__name__)

SessionFactory = Callable[[], requests.Session]
Sleep = Callable[[float], None]

MAX_BACKOFF = 10.0


def is_retryable(exc: errors.QiniuError) -> bool:
    """True for answers where the same request may succeed later."""
    if isinstance(exc, errors.NetworkError | errors.RateLimitedError):
        return True
    if isinstance(exc, errors.ServerError):
        return exc.status != 501
    return False


def default_session() -> requests.Session:
    return requests.Session()


class Transport:
    """Sends requests; maps network failures and statuses to `qfopgui.api.errors`."""

    def __init__(
        self,
        *,
        timeout: tuple[float, float] = (5.0, 30.0),
        max_retries: int = 3,
        backoff: float = 0.2,
        session_factory: SessionFactory | None = None,
        user_agent: str = "",
        sleep: Sleep = time.sleep,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        if max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        self.timeout = timeout
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
        ctx: Context = NO_CONTEXT,
        auth: requests.auth.AuthBase | None = None,
        params: Any = None,
        data: Any = None,
        json: Any = None,
        files: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> requests.Response:
        """Send, check the status, retry idempotent requests on transient failures."""
        attempt = 0
        while True:
            try:
                return self._send_once(
                    method,
                    url,
                    ctx=ctx,
                    auth=auth,
                    params=params,
                    data=data,
                    json=json,
                    files=files,
                    headers=headers,
                )
            except errors.QiniuError as exc:
                if not idempotent or attempt >= self.max_retries or not is_retryable(exc):
                    raise
                delay = self.backoff_delay(attempt)
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
        ctx: Context,
        auth: requests.auth.AuthBase | None,
        params: Any,
        data: Any,
        json: Any,
        files: Any,
        headers: Mapping[str, str] | None,
    ) -> requests.Response:
        sess = self.session()
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
                timeout=self.timeout,
                allow_redirects=False,
            )
        except requests.Timeout as exc:
            raise errors.TimeoutError_.make(
                M.TIMEOUT,
                host=_host(url),
                server_message=type(exc).__name__,
            ) from exc
        except requests.RequestException as exc:
            raise errors.NetworkError.make(
                M.NO_CONNECTION,
                host=_host(url),
                server_message=type(exc).__name__,
            ) from exc
        reqid = resp.headers.get("X-Reqid", "")
        log.debug("%s %s -> %d reqid=%s", method, _safe_target(url), resp.status_code, reqid or "-")
        check(resp, ctx)
        return resp


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


def _safe_target(url: str) -> str:
    """Host and path only: queries may hold private-URL tokens, so they are never logged."""
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path}"
