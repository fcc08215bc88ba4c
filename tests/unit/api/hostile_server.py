"""A real loopback HTTP server that misbehaves on purpose (raw sockets, one thread per client).

Each server reads every request completely (headers and Content-Length body), records its
method and path, then hands the socket to one `Behaviour`: reset the connection, stall after
the headers, trickle bytes... Its life is bounded: `close()` (or `life` seconds) stops every
thread, and behaviours wait on the stop event instead of sleeping blindly.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Callable
from types import TracebackType

Behaviour = Callable[[socket.socket, "HostileServer"], None]

OK_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Reqid: hostile-1\r\n"


class HostileServer:
    def __init__(
        self,
        behaviour: Behaviour,
        *,
        life: float = 20.0,
        greeting: bytes = b"",
        greeting_pause: float = 0.0,
    ) -> None:
        self.behaviour = behaviour
        self.greeting = greeting  # sent as soon as a client connects, before reading anything
        self.greeting_pause = greeting_pause  # > 0: the greeting trickles, a byte per pause
        self.stop = threading.Event()
        self.requests: list[tuple[str, str]] = []
        self.connections = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self._threads: list[threading.Thread] = []
        self._deadline = time.monotonic() + life

    @property
    def base_url(self) -> str:
        host, port = self._listener.getsockname()[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> HostileServer:
        t = threading.Thread(target=self._accept, name="hostile-accept", daemon=True)
        t.start()
        self._threads.append(t)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.stop.set()
        for t in list(self._threads):
            t.join(timeout=5)
        self._listener.close()

    def wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`; False once the server is stopping or past its life."""
        if time.monotonic() > self._deadline:
            self.stop.set()
        return not self.stop.wait(seconds)

    def _accept(self) -> None:
        while self.wait(0):
            try:
                conn, _addr = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.connections += 1
            t = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            t.start()
            self._threads.append(t)

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(0.2)
        try:
            if self.greeting_pause:
                _trickle(self.greeting, conn, self, self.greeting_pause)
            elif self.greeting:
                conn.sendall(self.greeting)
            while self.wait(0):  # keep-alive: several requests may come on one connection
                request = self._read_request(conn)
                if request is None:
                    return
                with self._lock:
                    self.requests.append(request)
                self.behaviour(conn, self)
                if conn.fileno() == -1:
                    return
        except OSError:
            return
        finally:
            conn.close()

    def _read_request(self, conn: socket.socket) -> tuple[str, str] | None:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self._recv(conn)
            if not chunk:
                return None
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        if len(parts) != 3 or not parts[2].startswith("HTTP/"):
            return None  # not HTTP (a TLS ClientHello, say): never counted as a request
        length = 0
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        while len(body) < length:
            chunk = self._recv(conn)
            if not chunk:
                return None
            body += chunk
        return parts[0], parts[1].split("?", 1)[0]

    def _recv(self, conn: socket.socket) -> bytes:
        while self.wait(0):
            try:
                return conn.recv(65536)
            except TimeoutError:
                continue
        return b""


# -- behaviours ----------------------------------------------------------------------------


def reset(conn: socket.socket, _server: HostileServer) -> None:
    """Close with SO_LINGER 0: the client sees a TCP reset instead of an answer."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def stall_after_headers(conn: socket.socket, server: HostileServer) -> None:
    """A 200 with a body that never comes."""
    conn.sendall(OK_HEAD + b"Content-Length: 100\r\n\r\n")
    while server.wait(0.1):
        pass


def _trickle(data: bytes, conn: socket.socket, server: HostileServer, pause: float = 1.0) -> None:
    for i in range(len(data)):
        try:
            conn.sendall(data[i : i + 1])
        except OSError:
            return
        if not server.wait(pause):
            return


def trickle_headers(conn: socket.socket, server: HostileServer) -> None:
    """Headers at one byte a second: every read gets a byte long before the read timeout."""
    _trickle(OK_HEAD + b"X-Padding: " + b"a" * 200 + b"\r\n\r\n{}", conn, server)


def trickle_body(conn: socket.socket, server: HostileServer) -> None:
    """Prompt headers, then the body at one byte a second."""
    body = b'{"persistentId": "z0.never"}' + b" " * 200
    conn.sendall(OK_HEAD + b"Content-Length: %d\r\n\r\n" % len(body))
    _trickle(body, conn, server)


def answer_ok(conn: socket.socket, _server: HostileServer) -> None:
    """A well-formed pfop answer, keeping the connection open for the next request."""
    body = b'{"persistentId": "z0.ok"}'
    conn.sendall(OK_HEAD + b"Content-Length: %d\r\n\r\n%s" % (len(body), body))


def raw_reply(reply: bytes) -> Behaviour:
    """Send `reply` as it is, then close."""

    def behave(conn: socket.socket, _server: HostileServer) -> None:
        conn.sendall(reply)
        conn.close()

    return behave


def free_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
