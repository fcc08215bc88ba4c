"""A small loopback HTTP listener for the emulated side services (IMM GetTask, MNS queues).

Each runs on a port of its own, so nothing sent to it can be mistaken for an OSS call. The
service is one callable: (method, raw path, headers, body) → ``SideAnswer``.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

from qfopgui.sandbox.listeners import TrackedHTTPServer, close_listener, serve_in_thread

log = logging.getLogger(__name__)
MAX_BODY = 1 << 20


@dataclass(frozen=True)
class SideAnswer:
    status: int
    body: bytes
    content_type: str
    headers: Mapping[str, str] = field(default_factory=dict)


Service = Callable[[str, str, Sequence[tuple[str, str]], bytes], SideAnswer]


class _Server(TrackedHTTPServer):
    def __init__(self, address: tuple[str, int], name: str, service: Service) -> None:
        self.service = service
        super().__init__(address, _Handler, name)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    sys_version = ""
    timeout = 40.0  # above MNS's longest long poll (30 s)
    server: _Server

    def setup(self) -> None:
        super().setup()
        with self.server.conn_lock:
            self.server.connections.add(self.connection)

    def finish(self) -> None:
        with self.server.conn_lock:
            self.server.connections.discard(self.connection)
        with contextlib.suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.address_string(), *args)

    def do_GET(self) -> None:
        with self.server.conn_lock:
            self.server.active += 1
        try:
            self._serve()
        finally:
            with self.server.conn_lock:
                self.server.active -= 1

    do_POST = do_PUT = do_DELETE = do_HEAD = do_GET

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True
            answer = SideAnswer(413, b"request body too large", "text/plain")
        else:
            body = self.rfile.read(length) if length > 0 else b""
            try:
                answer = self.server.service(
                    self.command, self.path, list(self.headers.items()), body
                )
            except Exception:
                log.exception("sandbox side service crashed: %s %s", self.command, self.path)
                answer = SideAnswer(500, b"internal sandbox error", "text/plain")
        try:
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(answer.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


class SideListener:
    """One side service on ``127.0.0.1:<port>`` (0 = any free port)."""

    def __init__(self, host: str, port: int, name: str, service: Service) -> None:
        self._httpd = _Server((host, port), name, service)
        self._thread: threading.Thread | None = serve_in_thread(self._httpd)

    @property
    def url(self) -> str:
        return self._httpd.url

    def close(self) -> None:
        thread, self._thread = self._thread, None
        close_listener(self._httpd, thread)
