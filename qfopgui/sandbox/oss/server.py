"""OssServer: a loopback HTTP server that answers like Aliyun OSS (path and virtual-host style).

Beside it, on ports of their own, run the sandbox-only emulations of IMM GetTask (``imm.py``)
and of MNS queues (``mns.py``); async-process tasks persist in ``<data>/oss-tasks.sqlite``
and tasks cut off by a stop are resumed at the next start.

It reuses the Qiniu sandbox's listener (connection tracking, address reuse, backlog), its
object storage (files + sqlite) and its ffmpeg runner; everything OSS-specific is in this
package. Every answer carries ``x-oss-request-id``; errors are OSS ``<Error>`` XML (on HEAD,
where there is no body, base64 in ``x-oss-err``, which the v2 SDK reads).
"""

from __future__ import annotations

import base64
import contextlib
import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler
from types import TracebackType
from typing import Any

from qfopgui.sandbox.listeners import (
    TrackedHTTPServer,
    close_listener,
    copy_limited,
    serve_in_thread,
)
from qfopgui.sandbox.oss.answers import OssError, error_document, http_time
from qfopgui.sandbox.oss.config import OssConfig
from qfopgui.sandbox.oss.demo import seed_oss_demo, with_demo
from qfopgui.sandbox.oss.mns import TaskNotifier
from qfopgui.sandbox.oss.mns_queue import MnsQueues
from qfopgui.sandbox.oss.model import OssContext, OssRequest, new_request_id, split_target
from qfopgui.sandbox.oss.routes import dispatch
from qfopgui.sandbox.oss.side_services import SideServices
from qfopgui.sandbox.oss.tasks import OssTaskStore
from qfopgui.sandbox.oss.verifier import OssVerifier
from qfopgui.sandbox.oss.worker import MediaWorker
from qfopgui.sandbox.routes.common import HeaderMap, Response
from qfopgui.sandbox.storage import Storage

log = logging.getLogger(__name__)

MAX_BODY = 5 << 30  # OSS's largest single PUT
IDLE_TIMEOUT = 5.0


class _HTTPServer(TrackedHTTPServer):
    def __init__(self, address: tuple[str, int], owner: OssServer) -> None:
        self.owner = owner
        super().__init__(address, _Handler, "oss")


def _error_response(err: OssError, request_id: str, host: str, method: str) -> Response:
    document = error_document(err, request_id, host)
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n' + document).encode()
    headers = {"x-oss-ec": err.extra["EC"]} if "EC" in err.extra else {}
    if method == "HEAD":
        headers["x-oss-err"] = base64.b64encode(body).decode()
        body = b""
    return Response(status=err.status, body=body, content_type="application/xml", headers=headers)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "AliyunOSS"
    sys_version = ""
    timeout = IDLE_TIMEOUT
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
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

    do_HEAD = do_POST = do_PUT = do_DELETE = do_GET

    def _read_body(self) -> bytes:
        too_large = OssError(
            400, "EntityTooLarge", "Your proposed upload exceeds the maximum size."
        )
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked(too_large)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True
            raise too_large
        return self.rfile.read(length) if length > 0 else b""

    def _read_chunked(self, too_large: OssError) -> bytes:
        """A ``Transfer-Encoding: chunked`` body (requests sends one for a generator body)."""
        chunks: list[bytes] = []
        total = 0
        while True:
            line = self.rfile.readline(1024).split(b";")[0].strip()
            try:
                size = int(line or b"0", 16)
            except ValueError:
                self.close_connection = True
                raise OssError(400, "InvalidRequest", "malformed chunked body") from None
            if size == 0:
                while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(chunks)
            total += size
            if size < 0 or total > MAX_BODY:
                self.close_connection = True
                raise too_large
            chunks.append(self.rfile.read(size))
            self.rfile.readline(1024)

    def _handle(self) -> None:
        with self.server.conn_lock:
            self.server.active += 1
        try:
            self._handle_inner()
        finally:
            with self.server.conn_lock:
                self.server.active -= 1

    def _handle_inner(self) -> None:
        owner = self.server.owner
        request_id = new_request_id()
        host = self.headers.get("Host", "")
        try:
            body = self._read_body()
            bucket, key, query = split_target(self.path, host, owner.config.vhost_domains)
            headers = HeaderMap(list(self.headers.items()))
            req = OssRequest(self.command, bucket, key, query, headers, body, request_id)
            name, resp = dispatch(owner.context, req)
            owner.hit(name)
        except OssError as err:
            resp = _error_response(err, request_id, host, self.command)
        except Exception:
            log.exception("OSS sandbox route crashed: %s %s", self.command, self.path)
            internal = OssError(500, "InternalError", "We encountered an internal error.")
            resp = _error_response(internal, request_id, host, self.command)
        self._send(resp, request_id)

    def _send(self, resp: Response, request_id: str) -> None:
        try:
            self.send_response(resp.status)
            self.send_header("Content-Type", resp.content_type)
            self.send_header("x-oss-request-id", request_id)
            self.send_header("x-oss-server-time", "0")
            for name, value in resp.headers.items():
                self.send_header(name, value)
            length = resp.length if resp.stream is not None or resp.length else len(resp.body)
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

    def date_time_string(self, timestamp: float | None = None) -> str:
        return http_time(time.time() if timestamp is None else timestamp)


def default_worker(
    storage: Storage, store: OssTaskStore, config: OssConfig, notifier: TaskNotifier
) -> MediaWorker:
    import imageio_ffmpeg

    return MediaWorker(
        storage,
        store,
        work_dir=config.data_dir / "oss-work",
        ffmpeg=imageio_ffmpeg.get_ffmpeg_exe(),
        workers=config.workers,
        on_done=notifier,
    )


class OssServer:
    """A local OSS-compatible server. ``start()`` returns its base URL (``http://127.0.0.1:N``)."""

    def __init__(self, config: OssConfig) -> None:
        self.config = with_demo(config) if config.demo else config
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._context: OssContext | None = None
        self._worker: MediaWorker | None = None
        self._side: SideServices | None = None
        self._hits: dict[str, int] = {}
        self._hits_lock = threading.Lock()

    def start(self) -> str:
        if self._httpd is not None:
            return self.base_url
        cfg = self.config
        cfg.data_dir.mkdir(parents=True, exist_ok=True)
        storage = Storage(cfg.data_dir)
        side: SideServices | None = None
        try:
            for name in cfg.buckets:
                storage.create_bucket(name, region=cfg.region)
            if cfg.demo:
                seed_oss_demo(storage, region=cfg.region)
            side = SideServices(cfg)
            project = cfg.imm_projects[0] if cfg.imm_projects else ""
            worker = default_worker(storage, side.tasks, cfg, TaskNotifier(side.queues, project))
            httpd = _HTTPServer((cfg.host, cfg.port), self)
        except BaseException:
            if side is not None:
                side.close_listeners()
                side.close_stores()
            storage.close()
            raise
        self._worker, self._httpd, self._side = worker, httpd, side
        self._context = OssContext(
            config=cfg,
            storage=storage,
            verifier=OssVerifier(cfg.secret_keys, region=cfg.region if cfg.strict_region else ""),
            base_url=lambda: self.base_url,
            processor=worker,
        )
        self._thread = serve_in_thread(httpd)
        resumed = worker.resume()
        if resumed:
            log.info("resumed %d OSS task(s) cut off by the last stop", len(resumed))
        log.info("OSS sandbox listening on %s (data %s)", httpd.url, cfg.data_dir)
        return httpd.url

    def stop(self) -> None:
        """Stop serving, cut keep-alive connections, stop ffmpeg, close the database."""
        httpd, self._httpd = self._httpd, None
        if httpd is not None:
            close_listener(httpd, self._thread)
            self._thread = None
        if self._worker is not None:  # first: a task cut off now stays Running (resumed later)
            self._worker.close()
            self._worker = None
        side, self._side = self._side, None
        if side is not None:
            side.close_listeners()
            side.close_stores()
        if self._context is not None:
            self._context.storage.close()
            self._context = None

    def __enter__(self) -> OssServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def hit(self, operation: str) -> None:
        with self._hits_lock:
            self._hits[operation] = self._hits.get(operation, 0) + 1

    @property
    def hits(self) -> dict[str, int]:
        """Requests served per operation since start (tests check which calls a client made)."""
        with self._hits_lock:
            return dict(self._hits)

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the OSS sandbox is not running")
        return self._httpd.url

    @property
    def context(self) -> OssContext:
        if self._context is None:
            raise RuntimeError("the OSS sandbox is not running")
        return self._context

    @property
    def storage(self) -> Storage:
        return self.context.storage

    @property
    def imm_url(self) -> str:
        """The emulated IMM GetTask endpoint (sandbox-only; RPC style, ``/?Action=GetTask``)."""
        if self._side is None or self._side.imm is None:
            raise RuntimeError("the OSS sandbox is not running")
        return self._side.imm.url

    @property
    def mns_url(self) -> str:
        """The emulated MNS endpoint (sandbox-only; ``/queues/<q>/messages``)."""
        if self._side is None or self._side.mns is None:
            raise RuntimeError("the OSS sandbox is not running")
        return self._side.mns.url

    @property
    def queues(self) -> MnsQueues:
        if self._side is None:
            raise RuntimeError("the OSS sandbox is not running")
        return self._side.queues

    @property
    def worker(self) -> MediaWorker:
        if self._worker is None:
            raise RuntimeError("the OSS sandbox is not running")
        return self._worker
