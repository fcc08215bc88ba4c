"""Which OssClient calls the SDK may repeat, and what a lost answer means (real loopback sockets).

Writes (async processing, uploads, delete) are sent exactly once, and a reset or a timeout after
sending is an unknown outcome; the idempotent reads are retried; a refused connection is a
`NetworkError`. Also: V4 signing and path-style addressing for IP and localhost endpoints.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from qfopgui.api import errors
from qfopgui.api import messages as M
from qfopgui.api.config import Credentials
from qfopgui.api.oss import OssClient
from qfopgui.api.oss.sdk_setup import uses_path_style
from tests.unit.api.hostile_server import (
    HostileServer,
    free_port,
    raw_reply,
    reset,
    stall_after_headers,
    trickle_headers,
)

PROCESS = "video/convert,f_mp4,vcodec_h264|sys/saveas,o_b3V0Lm1wNA,b_bWVkaWE"
Op = Callable[[OssClient], object]


def _client(url: str, *, read_timeout: float = 5.0) -> OssClient:
    return OssClient(
        Credentials("ak", "sk"),
        "cn-hangzhou",
        url,
        max_retries=2,
        backoff=0.001,
        timeout=(2.0, read_timeout),
    )


def _reply(status: str, body: bytes, content_type: str = "application/xml") -> bytes:
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nDate: {formatdate(usegmt=True)}\r\n"
        f"x-oss-request-id: REQ1\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


SERVER_ERROR = _reply(
    "500 Internal Server Error",
    b"<?xml version='1.0'?><Error><Code>InternalError</Code><Message>boom</Message>"
    b"<RequestId>REQ1</RequestId></Error>",
)

WRITES: dict[str, Op] = {
    "async_process": lambda c: c.async_process("media", "in/a.mov", PROCESS),
    "upload_bytes": lambda c: c.upload_bytes("media", "in/a.txt", b"hello"),
    "delete": lambda c: c.delete("media", "in/a.txt"),
    "complete": lambda c: c.multipart_session("media", "k").complete("u1", {1: "e1"}),
    "init": lambda c: c.multipart_session("media", "k").init(),
}
READS: dict[str, Op] = {
    "list_buckets": lambda c: c.list_buckets(),
    "list_page": lambda c: c.list_page("media", prefix="in/"),
    "stat": lambda c: c.stat("media", "in/a.mov"),
    "get_range": lambda c: c.get_range("media", "in/a.mov", 0, 10),
}


@pytest.mark.parametrize("name", sorted(WRITES))
def test_a_reset_write_is_sent_once_and_its_outcome_is_unknown(name: str) -> None:
    with HostileServer(reset) as server, _client(server.base_url) as client:
        with pytest.raises(errors.OutcomeUnknownError):
            WRITES[name](client)
        assert len(server.requests) == 1


@pytest.mark.parametrize("name", sorted(READS))
def test_a_reset_read_is_retried(name: str) -> None:
    with HostileServer(reset) as server, _client(server.base_url) as client:
        with pytest.raises(errors.OutcomeUnknownError):
            READS[name](client)
        assert len(server.requests) == 3  # the first try and max_retries=2 more


def test_a_server_error_repeats_reads_but_not_writes() -> None:
    with HostileServer(raw_reply(SERVER_ERROR)) as server, _client(server.base_url) as client:
        with pytest.raises(errors.ServerError) as caught:
            client.async_process("media", "in/a.mov", PROCESS)
        assert caught.value.reqid == "REQ1"
        assert len(server.requests) == 1
        with pytest.raises(errors.ServerError):
            client.list_buckets()
        assert len(server.requests) == 4


def test_a_refused_connection_is_a_network_error() -> None:
    with (
        _client(f"http://127.0.0.1:{free_port()}") as client,
        pytest.raises(errors.NetworkError),
    ):
        client.async_process("media", "in/a.mov", PROCESS)


def test_a_stalled_answer_to_async_processing_is_a_timeout_not_a_failure() -> None:
    with (
        HostileServer(stall_after_headers) as server,
        _client(server.base_url, read_timeout=0.5) as client,
    ):
        with pytest.raises(errors.TimeoutError_):
            client.async_process("media", "in/a.mov", PROCESS)
        assert len(server.requests) == 1


def test_a_trickling_answer_is_cut_off_at_the_total_deadline() -> None:
    with HostileServer(trickle_headers) as server:
        client = OssClient(
            Credentials("ak", "sk"), "cn-hangzhou", server.base_url, deadline=1.0, timeout=(2, 5)
        )
        with client, pytest.raises(errors.TimeoutError_) as caught:
            client.async_process("media", "in/a.mov", PROCESS)
        assert caught.value.template == M.DEADLINE
        assert len(server.requests) == 1


@pytest.mark.parametrize(
    "body",
    [b'{"EventId": "e", "RequestId": "r"}', b"<html>proxy page</html>", b"[1, 2]"],
)
def test_an_accepted_process_without_a_task_id_is_an_unknown_outcome(body: bytes) -> None:
    reply = _reply("200 OK", body, "application/json")
    with HostileServer(raw_reply(reply)) as server, _client(server.base_url) as client:
        with pytest.raises(errors.OutcomeUnknownError):
            client.async_process("media", "in/a.mov", PROCESS)
        assert len(server.requests) == 1


class _Capture(BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[str, dict[str, str]]]] = []

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        type(self).seen.append((self.path, dict(self.headers.items())))
        body = b'{"EventId":"e1","RequestId":"r1","TaskId":"MediaConvert-1"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("x-oss-request-id", "REQ2")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def capture() -> Iterator[ThreadingHTTPServer]:
    _Capture.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Capture)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_v4_signing_and_path_style_for_local_endpoints(
    capture: ThreadingHTTPServer, host: str
) -> None:
    url = f"http://{host}:{capture.server_address[1]}"
    with _client(url) as client:
        task = client.submit_process("media", "in/a b.mov", PROCESS)
    assert (task.task_id, task.event_id, task.process_request_id) == ("MediaConvert-1", "e1", "r1")
    assert task.request_id == "REQ2"
    path, headers = _Capture.seen[0]
    assert path.startswith("/media/in/a%20b.mov?x-oss-async-process")  # path style
    auth = {k.lower(): v for k, v in headers.items()}["authorization"]
    assert auth.startswith("OSS4-HMAC-SHA256 Credential=ak/")
    assert "/cn-hangzhou/oss/aliyun_v4_request" in auth


def test_path_style_is_chosen_for_ip_and_localhost_only() -> None:
    assert uses_path_style("http://127.0.0.1:9000")
    assert uses_path_style("http://[::1]:9000")
    assert uses_path_style("localhost:9000")
    assert not uses_path_style("https://oss-cn-hangzhou.aliyuncs.com")
    assert not uses_path_style("")


def test_bad_arguments_are_refused_before_sending() -> None:
    with pytest.raises(ValueError, match="region"):
        OssClient(Credentials("ak", "sk"), "", "http://127.0.0.1:1")
    with pytest.raises(ValueError, match="AccessKey"):
        OssClient(Credentials("ak", ""), "cn-hangzhou")
    client = OssClient(Credentials("ak", "sk"), "cn-hangzhou", "http://127.0.0.1:1")
    with pytest.raises(ValueError, match="limit"):
        client.list_page("b", limit=0)
    with pytest.raises(ValueError, match="instruction"):
        client.async_process("b", "k", "  ")
    with pytest.raises(ValueError, match="expires"):
        client.download_url("b", "k", expires=8 * 24 * 3600)
    assert "sk" not in repr(client)
