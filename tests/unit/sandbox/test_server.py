"""Server lifecycle: loopback binding, port 0, context manager, restart persistence, config."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from qiniu.utils import entry

from qfopgui.sandbox import SandboxConfig, SandboxServer
from tests.fixtures_sandbox import SANDBOX_AK, SANDBOX_SK, sandbox_config
from tests.unit.sandbox.fakes import FakeProcessor, call


def test_fixture_server_basics(sandbox: SandboxServer) -> None:
    assert sandbox.base_url.startswith("http://127.0.0.1:")
    assert sandbox.port > 0
    assert sandbox.access_key == SANDBOX_AK
    assert sandbox.secret_key == SANDBOX_SK
    assert sandbox.storage.bucket_exists("test-bucket")
    resp = call("GET", f"{sandbox.base_url}/buckets", "qiniu")
    assert resp.json() == ["test-bucket"]


def test_binds_loopback_only(sandbox: SandboxServer) -> None:
    assert sandbox._httpd is not None
    assert sandbox._httpd.server_address[0] == "127.0.0.1"
    with pytest.raises(ValueError, match="loopback"):
        sandbox_config(Path("x"), host="0.0.0.0")


def test_context_manager_and_stop(tmp_path: Path) -> None:
    fake = FakeProcessor()
    config = sandbox_config(tmp_path / "d")
    with SandboxServer(config, processor_factory=lambda s, c: fake) as server:
        base = server.base_url
        assert requests.get(f"{base}/sandbox/info", timeout=5).status_code == 200
        # a kept-alive connection must not outlive the server
        session = requests.Session()
        assert session.get(f"{base}/sandbox/info", timeout=5).status_code == 200
    assert fake.closed
    with pytest.raises(RuntimeError):
        _ = server.base_url
    with pytest.raises(requests.ConnectionError):
        session.get(f"{base}/sandbox/info", timeout=5)
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{base}/sandbox/info", timeout=5)


def test_restart_persistence(tmp_path: Path, sandbox_factory: Callable[..., SandboxServer]) -> None:
    data = tmp_path / "persist"
    first = sandbox_factory(data_dir=data, private_buckets=["secret-bucket"])
    first.storage.put_bytes("test-bucket", "keep/me.txt", b"still here")
    first.stop()
    second = sandbox_factory(data_dir=data, buckets=[])
    assert second.base_url
    resp = call("POST", f"{second.base_url}/stat/{entry('test-bucket', 'keep/me.txt')}")
    assert resp.status_code == 200
    assert resp.json()["fsize"] == len(b"still here")
    assert call("GET", f"{second.base_url}/buckets").json() == ["secret-bucket", "test-bucket"]
    row = second.storage.bucket("secret-bucket")
    assert row is not None
    assert row.private


def test_port_zero_gives_distinct_free_ports(
    sandbox_factory: Callable[..., SandboxServer], tmp_path: Path
) -> None:
    a = sandbox_factory(data_dir=tmp_path / "a")
    b = sandbox_factory(data_dir=tmp_path / "b")
    assert a.port != b.port
    with socket.create_connection(("127.0.0.1", b.port), timeout=2):
        pass


def test_start_is_quick(tmp_path: Path) -> None:
    server = SandboxServer(sandbox_config(tmp_path / "q"), processor_factory=lambda s, c: None)
    t0 = time.monotonic()
    server.start()
    elapsed = time.monotonic() - t0
    server.stop()
    assert elapsed < 1.0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"credentials": []}, "at least one"),
        ({"credentials": [("", "x")]}, "non-empty"),
        ({"fail_rate": 1.5}, "fail_rate"),
        ({"buckets": ["Bad_Name!"]}, "invalid bucket name"),
        ({"workers": 0}, "workers"),
    ],
)
def test_config_validation(overrides: dict[str, object], message: str) -> None:
    base = {"data_dir": Path("x"), "credentials": [("a", "b")]}
    with pytest.raises(ValueError, match=message):
        SandboxConfig(**{**base, **overrides})


def test_every_response_has_reqid_and_json(sandbox: SandboxServer) -> None:
    for method, path in [("GET", "/nope"), ("POST", "/list"), ("GET", "/v4/query"), ("PUT", "/x")]:
        resp = requests.request(method, f"{sandbox.base_url}{path}", timeout=5)
        assert resp.headers["Content-Type"] == "application/json", path
        assert resp.headers["X-Reqid"], path
