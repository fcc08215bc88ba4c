"""SandboxServer: a loopback HTTP server that answers like Qiniu's uc/up/io/rs/rsf/api hosts.

Buckets may live in several regions (`"name@z2"` in `SandboxConfig.buckets`). The main port is
region z0 and the uc host; each other region gets one more listener on an ephemeral port
(`region_urls`), sharing the same storage and processor. A bucket's requests must reach its
region's listener, as on the service (`routes/region_guard.py`).
"""

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
from http.server import BaseHTTPRequestHandler
from types import TracebackType
from typing import Any

from qfopgui.sandbox.auth import Verifier
from qfopgui.sandbox.config import SandboxConfig
from qfopgui.sandbox.faults import Fault, FaultInjector
from qfopgui.sandbox.listeners import (
    TrackedHTTPServer,
    close_listener,
    copy_limited,
    serve_in_thread,
)
from qfopgui.sandbox.routes import (
    Context,
    ProcessorLike,
    Request,
    Response,
    dispatch,
    error_response,
)
from qfopgui.sandbox.routes.buckets import bucket_domain
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


class _HTTPServer(TrackedHTTPServer):
    def __init__(self, address: tuple[str, int], owner: SandboxServer, region: str) -> None:
        self.owner = owner
        super().__init__(address, _Handler, region)


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
            listener=self.server.region,
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
                copy_limited(resp.stream, self.wfile, resp.length)
            else:
                self.wfile.write(resp.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            if resp.stream is not None:
                resp.stream.close()


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
        self._extra: dict[str, _HTTPServer] = {}  # region → listener, besides the main (z0)
        self._extra_threads: dict[str, threading.Thread] = {}
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
        extra: dict[str, _HTTPServer] = {}
        try:
            private = {name for name, _region, is_private in cfg.bucket_regions if is_private}
            for name, region, is_private in cfg.bucket_regions:
                if is_private or name not in private:
                    storage.create_bucket(name, private=is_private, region=region)
            processor = self._processor_factory(storage, cfg)
            httpd = _HTTPServer((cfg.host, cfg.port), self, cfg.regions[0])
            for region in cfg.regions[1:]:
                extra[region] = _HTTPServer((cfg.host, 0), self, region)
        except BaseException:
            for listener in extra.values():
                listener.server_close()
            storage.close()
            raise
        self._storage, self._processor, self._httpd = storage, processor, httpd
        self._extra = extra
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
            region_urls=lambda: self.region_urls,
        )
        try:
            if cfg.demo:
                from qfopgui.sandbox.demo import seed_demo

                seed_demo(storage, processor)
        except BaseException:
            self.stop()
            raise
        self._thread = serve_in_thread(httpd)
        self._extra_threads = {region: serve_in_thread(h) for region, h in extra.items()}
        log.info("sandbox listening on %s (data %s)", self.region_urls, cfg.data_dir)
        return self.base_url

    def stop(self) -> None:
        """Stop serving, cut open keep-alive connections, stop workers, close the database."""
        httpd, self._httpd = self._httpd, None
        if httpd is not None:
            close_listener(httpd, self._thread)
            self._thread = None
        extra, self._extra = self._extra, {}
        threads, self._extra_threads = self._extra_threads, {}
        for region, listener in extra.items():
            close_listener(listener, threads.get(region))
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
        return self._httpd.url

    @property
    def region_urls(self) -> dict[str, str]:
        """Base URL of each region's listener; the main region (z0) is `base_url`."""
        main = self.base_url
        return {self.config.regions[0]: main, **{r: h.url for r, h in self._extra.items()}}

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

    def hits_in(self, region: str) -> Counter[str]:
        """Requests per route name that reached `region`'s listener since start."""
        return self.context.hits_in(region)

    def domain(self, bucket: str) -> str:
        """The bucket's download domain as ``/v2/domains`` reports it (its region's port)."""
        return bucket_domain(self.context, bucket)
