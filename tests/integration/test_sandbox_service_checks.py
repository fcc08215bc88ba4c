"""The sandbox's service checks and operational behaviour, through sockets and the official SDK.

Restart on a fixed port, connect bursts, chunked-body cap, idle-connection timeout, and the
checks the SDKs hit: X-Qiniu-Date skew (403), crc32 mismatch (400), ``/v4/query`` (612, two up
domains), ``/v2/bucketInfo`` fields, and the Node.js SDK's port-doubled signed Host.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import qiniu
import requests
from qiniu import QiniuMacAuth
from qiniu import auth as qauth
from qiniu.services.storage import uploader

from qfopgui.sandbox import SandboxServer
from qfopgui.sandbox.server import IDLE_TIMEOUT
from tests.fixtures_sandbox import SANDBOX_AK, SANDBOX_BUCKET

pytestmark = pytest.mark.integration


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _raw(port: int, data: bytes, timeout: float = 10) -> bytes:
    """Send ``data`` on a fresh connection and read until the server closes it."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
        return out


# -- operational ------------------------------------------------------------------------------


def test_restart_on_the_same_port_right_after_keep_alive_clients(
    sandbox_factory: Callable[..., SandboxServer], tmp_path: Path
) -> None:
    port = _free_port()
    first = sandbox_factory(port=port, data_dir=tmp_path / "a")
    with requests.Session() as session:
        for _ in range(3):
            assert session.get(f"{first.base_url}/sandbox/info", timeout=5).status_code == 200
        first.stop()  # the server closes the keep-alive connection: its side is in TIME_WAIT
        started = time.monotonic()
        second = sandbox_factory(port=port, data_dir=tmp_path / "b")
        assert time.monotonic() - started < 1
        assert second.port == port
        assert session.get(f"{second.base_url}/sandbox/info", timeout=5).status_code == 200


def test_500_concurrent_connects_complete(sandbox: SandboxServer) -> None:
    request = b"GET /sandbox/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    started = time.monotonic()
    socks = [socket.create_connection(("127.0.0.1", sandbox.port), timeout=10) for _ in range(500)]
    try:
        for s in socks:
            s.sendall(request)

        def status(s: socket.socket) -> bytes:
            return s.recv(64).split(b"\r\n", 1)[0]

        with ThreadPoolExecutor(32) as pool:
            lines = list(pool.map(status, socks))
    finally:
        for s in socks:
            s.close()
    assert lines == [b"HTTP/1.1 200 OK"] * 500
    assert time.monotonic() - started < 10


def test_chunked_body_over_the_cap_is_413(sandbox: SandboxServer) -> None:
    head = b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    reply = _raw(sandbox.port, head + b"50000000\r\n" + b"x" * 1024)
    assert reply.startswith(b"HTTP/1.1 413 ")
    assert b"request entity too large" in reply
    bad = _raw(sandbox.port, head + b"-10\r\nxx\r\n")  # negative sizes are malformed, not EOF
    assert bad.startswith(b"HTTP/1.1 400 ")
    closing = head.replace(b"POST /", b"POST /buckets").replace(
        b"Host: x", b"Host: x\r\nConnection: close"
    )
    ok = _raw(sandbox.port, closing + b"2\r\n{}\r\n0\r\n\r\n")
    assert ok.startswith(b"HTTP/1.1 401 ")  # the small chunked body was read and routed


def test_idle_connections_are_closed_within_a_few_seconds(sandbox: SandboxServer) -> None:
    silent = socket.create_connection(("127.0.0.1", sandbox.port), timeout=30)
    used = socket.create_connection(("127.0.0.1", sandbox.port), timeout=30)
    try:
        started = time.monotonic()
        used.sendall(b"GET /sandbox/info HTTP/1.1\r\nHost: x\r\n\r\n")
        reply = b""
        while b"\r\n\r\n" not in reply:
            reply += used.recv(65536)
        assert reply.startswith(b"HTTP/1.1 200 ")
        header, _, rest = reply.partition(b"\r\n\r\n")
        length = int(header.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
        while len(rest) < length:
            rest += used.recv(65536)
        assert silent.recv(1) == b""  # no request line ever sent: dropped
        assert used.recv(1) == b""  # idle between keep-alive requests: dropped
        assert time.monotonic() - started < IDLE_TIMEOUT + 3
    finally:
        silent.close()
        used.close()


# -- checks through the official SDK ----------------------------------------------------------


def test_date_skew_refused_through_the_sdk(
    sdk: qiniu.Auth, monkeypatch: pytest.MonkeyPatch
) -> None:
    bm = qiniu.BucketManager(sdk)
    names, info = bm.buckets()
    assert info.status_code == 200
    assert names == [SANDBOX_BUCKET]

    class Skewed(datetime):
        @classmethod
        def utcnow(cls) -> datetime:  # type: ignore[override]
            return datetime.now() - timedelta(minutes=20)

    monkeypatch.setattr(qauth, "datetime", Skewed)  # the clock the SDK stamps X-Qiniu-Date with
    names, info = bm.buckets()
    assert info.status_code == 403
    assert json.loads(info.text_body) == {"error": "request time is too skewed"}
    assert names is None


def test_wrong_crc32_is_400_through_put_data(
    sandbox: SandboxServer, sdk: qiniu.Auth, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = sdk.upload_token(SANDBOX_BUCKET)
    ret, info = qiniu.put_data(token, "good.txt", b"hello")
    assert info.status_code == 200
    assert ret["key"] == "good.txt"
    monkeypatch.setattr(uploader, "crc32", lambda data: 907060871)  # crc32(b"hello") + 1
    ret, info = qiniu.put_data(token, "bad.txt", b"hello")
    assert info.status_code == 400
    assert json.loads(info.text_body)["error"] == "crc32 not match"
    assert sandbox.storage.stat(SANDBOX_BUCKET, "bad.txt") is None


def test_region_query_612_and_two_up_domains(sandbox: SandboxServer) -> None:
    base = sandbox.base_url
    for query in (f"ak={SANDBOX_AK}&bucket=missing", f"ak=nobody&bucket={SANDBOX_BUCKET}"):
        resp = requests.get(f"{base}/v4/query?{query}", timeout=5)
        assert (resp.status_code, resp.json()) == (612, {"error": "no such entry"})
    resp = requests.get(f"{base}/v4/query?ak={SANDBOX_AK}&bucket={SANDBOX_BUCKET}", timeout=5)
    up = resp.json()["hosts"][0]["up"]["domains"]
    assert up == [f"127.0.0.1:{sandbox.port}", f"localhost:{sandbox.port}"]
    for host in up:  # both names reach this server
        assert requests.get(f"http://{host}/sandbox/info", timeout=5).status_code == 200


def test_sdk_region_has_both_up_hosts(
    sandbox: SandboxServer, sdk: qiniu.Auth, tmp_path: Path
) -> None:
    region = qiniu.Zone()
    home = str(tmp_path)  # where the SDK keeps its regions cache file
    host = region.get_up_host_by_token(sdk.upload_token(SANDBOX_BUCKET), home)
    assert host.endswith(f"127.0.0.1:{sandbox.port}")
    backup = region.get_up_host_backup_by_token(sdk.upload_token(SANDBOX_BUCKET), home)
    assert backup.endswith(f"localhost:{sandbox.port}")


def test_bucket_info_fields_through_the_sdk(sandbox: SandboxServer, sdk: qiniu.Auth) -> None:
    ret, info = qiniu.BucketManager(sdk).bucket_info(SANDBOX_BUCKET)
    assert info.status_code == 200
    for name in ("protected", "private", "region", "zone", "no_index_page", "max_age", "tbl"):
        assert name in ret, name
    assert (ret["tbl"], ret["region"], ret["zone"], ret["private"]) == (
        SANDBOX_BUCKET,
        "z0",
        "z0",
        0,
    )
    ret, info = qiniu.BucketManager(sdk).bucket_info("missing")
    assert info.status_code == 631


@pytest.mark.parametrize(
    ("suffix", "status"), [("", 200), (":{port}", 200), (":1", 401), (":{port}:{port}", 401)]
)
def test_port_doubled_signed_host_accepted(
    sandbox: SandboxServer, suffix: str, status: int
) -> None:
    host = f"127.0.0.1:{sandbox.port}" + suffix.format(port=sandbox.port)
    mac = QiniuMacAuth(sandbox.access_key, sandbox.secret_key)
    url = f"{sandbox.base_url}/buckets"
    ct = "application/x-www-form-urlencoded"
    token = mac.token_of_request("GET", host, url, "", ct, None)
    resp = requests.get(
        url, headers={"Authorization": f"Qiniu {token}", "Content-Type": ct}, timeout=5
    )
    assert resp.status_code == status
