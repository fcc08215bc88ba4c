"""JobPoller + the real QiniuClient against a loopback HTTP server, in real time (short).

The server counts every request it receives, so this also checks what the poller cannot see:
that the client sends each prefop exactly once (no retries behind the poller's back) and that a
Retry-After header reaches the poller.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from qfopgui.api.client import QiniuClient
from qfopgui.api.config import Credentials, Endpoints
from qfopgui.api.errors import RateLimitedError
from qfopgui.core.jobs import JobState
from qfopgui.core.polling import PollPolicy
from tests.helpers.aio import wait_until
from tests.unit.services.fakes import Harness, add_active

RETRY_AFTER = 1.0


class PrefopServer(ThreadingHTTPServer):
    """The first prefop gets 573 + Retry-After; every later one says the job is done."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.requests: list[tuple[float, str]] = []  # (monotonic arrival, persistent id)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: PrefopServer

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        pid = parse_qs(url.query).get("id", [""])[0]
        with self.server.lock:
            self.server.requests.append((time.monotonic(), pid))
            first = len(self.server.requests) == 1
        if first:
            self._send(573, {"error": "too many requests"}, {"Retry-After": f"{RETRY_AFTER:g}"})
            return
        item = {
            "cmd": "avthumb/mp4",
            "code": 0,
            "desc": "The fop was completed successfully",
            "key": "out.mp4",
            "hash": "Fh",
            "returnOld": 0,
        }
        body = {
            "id": pid,
            "code": 0,
            "desc": "The fop was completed successfully",
            "inputBucket": "src",
            "inputKey": "a.mp4",
            "pipeline": "0.default",
            "reqid": "r",
            "creationDate": "2024-05-21T10:30:00+08:00",
            "items": [item],
        }
        self._send(200, body, {})

    def _send(self, status: int, body: object, headers: dict[str, str]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Reqid", "loopback-req")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def server() -> Iterator[PrefopServer]:
    srv = PrefopServer()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def test_real_client_retry_after_pauses_everyone_and_nothing_is_retried(
    tmp_path: Path, server: PrefopServer
) -> None:
    client = QiniuClient(Credentials("ak", "sk-not-secret"), Endpoints.single(server.url))
    # Own first pause 50 ms: only the server's Retry-After can explain a 1 s silence (the
    # poller obeys Retry-After up to 5 x error_backoff_max = 2.5 s here).
    policy = PollPolicy(
        first_delay=0.0,
        min_interval=0.05,
        max_interval=0.05,
        jitter=0.0,
        error_backoff_max=0.5,
        max_concurrency=1,
        max_rps=20,
    )
    h = Harness(tmp_path / "j.db", client, policy)
    recs = [add_active(h.store, f"z0.{i}") for i in range(3)]

    async def main() -> None:
        task = await h.start()
        await wait_until(
            lambda: all(h.view.get(r.id).state is JobState.DONE for r in recs),  # type: ignore[union-attr]
            timeout=10,
        )
        await h.stop(task)

    asyncio.run(main())
    client.close()
    arrivals = [t for t, _ in server.requests]
    assert len(arrivals) == 4  # one 573, then one answer per job: every attempt is visible
    assert arrivals[1] - arrivals[0] >= RETRY_AFTER * 0.95
    assert [type(e) for _, e in h.errors] == [RateLimitedError]
