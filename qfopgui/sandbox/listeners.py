"""The sandbox's listening sockets: one per region, each tracking its open connections so a
stop can cut keep-alive clients off instead of waiting for them."""

from __future__ import annotations

import contextlib
import io
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import IO


class TrackedHTTPServer(ThreadingHTTPServer):
    """A threading server for one region that knows its open connections and busy handlers."""

    daemon_threads = True
    # A restart on the same port must work while old keep-alive sockets sit in TIME_WAIT.
    allow_reuse_address = True
    request_queue_size = 128  # listen backlog: bursts of hundreds of connects must not be refused

    def __init__(
        self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], region: str
    ) -> None:
        self.region = region
        self.connections: set[socket.socket] = set()
        self.active = 0
        self.conn_lock = threading.Lock()
        super().__init__(address, handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


def close_listener(httpd: TrackedHTTPServer, thread: threading.Thread | None) -> None:
    """Stop serving, cut open keep-alive connections and wait (5 s at most) for handlers."""
    if thread is not None:
        httpd.shutdown()
        thread.join(timeout=5)
    httpd.server_close()
    with httpd.conn_lock:
        conns = list(httpd.connections)
    for conn in conns:
        with contextlib.suppress(OSError):
            conn.shutdown(socket.SHUT_RDWR)
    deadline = time.monotonic() + 5
    while httpd.active and time.monotonic() < deadline:
        time.sleep(0.01)


def serve_in_thread(httpd: TrackedHTTPServer) -> threading.Thread:
    """Start `serve_forever` on a daemon thread named after the region."""
    thread = threading.Thread(
        target=httpd.serve_forever,
        kwargs={"poll_interval": 0.1},
        name=f"sandbox-http-{httpd.region}",
        daemon=True,
    )
    thread.start()
    return thread


def copy_limited(src: IO[bytes], dst: io.BufferedIOBase, length: int) -> None:
    """Copy at most `length` bytes (a download's declared Content-Length)."""
    remaining = length
    while remaining > 0:
        chunk = src.read(min(remaining, 1 << 16))
        if not chunk:
            break
        dst.write(chunk)
        remaining -= len(chunk)
