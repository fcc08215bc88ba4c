"""A total deadline per request, so a server that trickles bytes cannot stall a call for hours."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


def socket_timeouts(timeout: tuple[float, float], deadline: float) -> tuple[float, float]:
    """The (connect, read) timeouts for one request: no single wait may outlast its deadline."""
    connect, read = timeout
    return min(connect, deadline), min(read, deadline)


class DeadlineWatch:
    """The total deadline of one request. Knows the request's sockets, whether sending began,
    and shuts the sockets down when time is up, so a blocked read returns at once.

    Connect/read timeouts bound each socket operation only, so a server that trickles one byte
    every few seconds could keep a call alive for hours. Shutting the sockets down makes a
    blocked TLS handshake, header or body read return at once. That needs the connection classes
    of `DeadlineAdapter`, which also record whether any byte of the request may have been
    written (`sent`); with any other adapter `tracked` stays False and the deadline can only be
    checked between body chunks (`overdue`). The DNS lookup and the TCP connect are bounded by
    the connect timeout alone.
    """

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

    @contextlib.contextmanager
    def watching_this_thread(self) -> Iterator[None]:
        """While the block runs, connections this thread opens or sends on report to `self`."""
        _active.watch = self
        try:
            yield
        finally:
            _active.watch = None

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


_active = threading.local()  # `.watch`: the DeadlineWatch of the request this thread is sending


def _current() -> DeadlineWatch | None:
    watch = getattr(_active, "watch", None)
    return watch if isinstance(watch, DeadlineWatch) else None


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
