"""SandboxServer: a loopback HTTP server that answers like Qiniu's uc/up/io/rs/rsf/api hosts."""

from __future__ import annotations

import contextlib
import logging
import secrets
import shutil
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from qfopgui.sandbox.auth import Verifier
from qfopgui.sandbox.config import SandboxConfig
from qfopgui.sandbox.faults import Fault, FaultInjector
from qfopgui.sandbox.routes import (
    Context,
    ProcessorLike,
    Request,
    Response,
    dispatch,
    error_response,
)
from qfopgui.sandbox.routes.common import HeaderMap
from qfopgui.sandbox.routes.multipart import cleanup_sessions
from qfopgui.sandbox.storage import Storage

log = logging.getLogger(__name__)

MAX_BODY = (1 << 30) + (1 << 20)  # a 1 GiB multipart part plus slack
IDLE_TIMEOUT = 5.0
ProcessorFactory = Callable[[Storage, SandboxConfig], "ProcessorLike | None"]


def default_processor(storage: Storage, config: SandboxConfig) -> ProcessorLike | None:
    """The real ffmpeg-backed processor, or None (pfop answers 599) if it cannot be loaded."""
    try:
        from qfopgui.sandbox.processing import Processor
    except ImportError:
        log.warning("qfopgui.sandbox.processing is unavailable; pfop is disabled")
        return None
    import imageio_ffmpeg

    processor: ProcessorLike = Processor(
        storage,
        data_dir=config.data_dir / "processing",
        ffmpeg=imageio_ffmpeg.get_ffmpeg_exe(),
        workers=config.workers,
        uid=config.uid,
        region="z0",
    )
    return processor


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # A restart on the same port must work while old keep-alive sockets sit in TIME_WAIT.
    allow_reuse_address = True
    request_queue_size = 128  # listen backlog: bursts of hundreds of connects must not be refused

    def __init__(self, address: tuple[str, int], owner: SandboxServer) -> None:
        self.owner = owner
        self.connections: set[socket.socket] = set()
        self.active = 0
        self.conn_lock = threading.Lock()
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "QfopguiSandbox"
    sys_version = ""
    # Socket timeout for each read: a client idle between keep-alive requests, or slow to send
    # its headers, is dropped after this instead of holding a handler thread.
    timeout = IDLE_TIMEOUT
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        # Without this, Nagle's algorithm delays each keep-alive response by ~40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
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
        self._handle()

    def do_HEAD(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    def _read_body(self) -> bytes | None:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks: list[bytes] = []
            total = 0
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size < 0:
                    raise ValueError("negative chunk size")
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                total += size
                if total > MAX_BODY:
                    return None
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return None
        return self.rfile.read(length) if length > 0 else b""

    def _handle(self) -> None:
        owner = self.server.owner
        with self.server.conn_lock:
            self.server.active += 1
        try:
            self._handle_inner(owner)
        finally:
            with self.server.conn_lock:
                self.server.active -= 1

    def _handle_inner(self, owner: SandboxServer) -> None:
        reqid = secrets.token_urlsafe(12)
        try:
            body = self._read_body()
        except ValueError:
            self.close_connection = True
            self._send(error_response(400, "bad request body"), reqid)
            return
        if body is None:
            self.close_connection = True
            self._send(error_response(413, "request entity too large"), reqid)
            return
        path = self.path.split("?", 1)[0]
        decision = owner.faults.decide(path)
        if decision.delay:
            time.sleep(decision.delay)
        if decision.fault is Fault.DROP:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        if decision.fault is Fault.THROTTLE:
            self._send(error_response(573, "too many requests (sandbox fault injection)"), reqid)
            return
        if decision.fault is Fault.FAIL:
            self._send(error_response(decision.status, "sandbox injected failure"), reqid)
            return
        pairs = [(k, v) for k, v in self.headers.items()]
        req = Request(
            method=self.command,
            raw_path=self.path,
            headers=HeaderMap(pairs),
            body=body,
            reqid=reqid,
        )
        try:
            resp = dispatch(owner.context, req)
        except Exception:
            log.exception("sandbox route crashed: %s %s", self.command, self.path)
            resp = error_response(599, "internal sandbox error")
        self._send(resp, reqid)

    def _send(self, resp: Response, reqid: str) -> None:
        try:
            self.send_response(resp.status)
            self.send_header("Content-Type", resp.content_type)
            self.send_header("X-Reqid", reqid)
            for name, value in resp.headers.items():
                self.send_header(name, value)
            if resp.stream is not None or (self.command == "HEAD" and resp.length):
                length = resp.length
            else:
                length = len(resp.body)
            self.send_header("Content-Length", str(length))
            self.end_headers()
            if self.command == "HEAD":
                return
            if resp.stream is not None:
                _copy_limited(resp.stream, self.wfile, resp.length)
            else:
                self.wfile.write(resp.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            if resp.stream is not None:
                resp.stream.close()


def _copy_limited(src: Any, dst: Any, length: int) -> None:
    remaining = length
    while remaining > 0:
        chunk = src.read(min(remaining, 1 << 16))
        if not chunk:
            break
        dst.write(chunk)
        remaining -= len(chunk)


class SandboxServer:
    """A local Qiniu-compatible server. ``start()`` returns its base URL (``http://127.0.0.1:N``)."""

    def __init__(
        self, config: SandboxConfig, *, processor_factory: ProcessorFactory | None = None
    ) -> None:
        self.config = config
        self._processor_factory = processor_factory or default_processor
        self.faults = FaultInjector(
            latency_ms=config.latency_ms,
            fail_rate=config.fail_rate,
            throttle_rate=config.throttle_rate,
            drop_rate=config.drop_rate,
            seed=config.seed,
        )
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._storage: Storage | None = None
        self._processor: ProcessorLike | None = None
        self._context: Context | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> str:
        if self._httpd is not None:
            return self.base_url
        cfg = self.config
        cfg.data_dir.mkdir(parents=True, exist_ok=True)
        storage = Storage(cfg.data_dir)
        cleanup_sessions(cfg.data_dir)
        try:
            for name in cfg.buckets:
                if name not in cfg.private_buckets:
                    storage.create_bucket(name)
            for name in cfg.private_buckets:
                storage.create_bucket(name, private=True)
            processor = self._processor_factory(storage, cfg)
            httpd = _HTTPServer((cfg.host, cfg.port), self)
        except BaseException:
            storage.close()
            raise
        self._storage, self._processor, self._httpd = storage, processor, httpd
        if processor is not None and hasattr(processor, "download_base"):
            # lets the processor write absolute segment URLs into HLS playlists
            base = self.base_url
            processor.download_base = lambda bucket: f"{base}/dl/{bucket}"
        self._context = Context(
            config=cfg,
            storage=storage,
            verifier=Verifier(cfg.secret_keys),
            processor=processor,
            base_url=lambda: self.base_url,
        )
        try:
            if cfg.demo:
                from qfopgui.sandbox.demo import seed_demo

                seed_demo(storage, processor)
        except BaseException:
            self.stop()
            raise
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="sandbox-http",
            daemon=True,
        )
        self._thread.start()
        log.info("sandbox listening on %s (data %s)", self.base_url, cfg.data_dir)
        return self.base_url

    def stop(self) -> None:
        """Stop serving, cut open keep-alive connections, stop workers, close the database."""
        httpd, self._httpd = self._httpd, None
        if httpd is not None:
            if self._thread is not None:
                httpd.shutdown()
                self._thread.join(timeout=5)
                self._thread = None
            httpd.server_close()
            with httpd.conn_lock:
                conns = list(httpd.connections)
            for conn in conns:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
            deadline = time.monotonic() + 5
            while httpd.active and time.monotonic() < deadline:
                time.sleep(0.01)
        if self._processor is not None:
            self._processor.close()
            self._processor = None
        if self._storage is not None:
            self._storage.close()
            self._storage = None
        shutil.rmtree(self.config.data_dir / "tmp", ignore_errors=True)

    def __enter__(self) -> SandboxServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- properties ------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the sandbox is not running")
        port = self._httpd.server_address[1]
        return f"http://127.0.0.1:{port}"

    @property
    def port(self) -> int:
        return int(self.base_url.rsplit(":", 1)[1])

    @property
    def access_key(self) -> str:
        return self.config.credentials[0][0]

    @property
    def secret_key(self) -> str:
        return self.config.credentials[0][1]

    @property
    def storage(self) -> Storage:
        if self._storage is None:
            raise RuntimeError("the sandbox is not running")
        return self._storage

    @property
    def processor(self) -> ProcessorLike | None:
        return self._processor

    @property
    def context(self) -> Context:
        if self._context is None:
            raise RuntimeError("the sandbox is not running")
        return self._context

    @property
    def hits(self) -> Counter[str]:
        """Requests served per route name since start (e.g. ``hits["mp_part"]``)."""
        return Counter(self.context.hits)

    def domain(self, bucket: str) -> str:
        """The bucket's download domain as ``/v2/domains`` reports it."""
        return f"{self.base_url.split('://', 1)[1]}/dl/{bucket}"
