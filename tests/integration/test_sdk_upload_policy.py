"""Put-policy features through the official SDK (``put_data``/``put_file``) against the sandbox.

Covers returnBody magic variables, ``x:`` echo, callbacks to a loopback echo server, key/MIME/size
limits, insertOnly, detectMime and tokens scoped to ``bucket:key``.
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import qiniu
from qiniu.utils import entry, etag

from qfopgui.sandbox import SandboxServer
from tests.fixtures_sandbox import SANDBOX_BUCKET

pytestmark = pytest.mark.integration

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


class _Echo:
    """A loopback HTTP server recording callback requests; answers JSON or a chosen status."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.status = 200
        echo = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                echo.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body.decode()}
                )
                answer = json.dumps({"echo": body.decode(), "ok": True}).encode()
                self.send_response(echo.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *_: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/cb?src=up"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@pytest.fixture
def echo() -> Iterator[_Echo]:
    server = _Echo()
    yield server
    server.close()


def _token(auth: qiniu.Auth, key: str | None, **policy: Any) -> str:
    return auth.upload_token(SANDBOX_BUCKET, key, policy=policy or None)


def test_return_body_magic_variables(sandbox: SandboxServer, sdk: qiniu.Auth, tmp_path) -> None:
    src = tmp_path / "rb.txt"
    src.write_bytes(b"return body")
    frame = entry(SANDBOX_BUCKET, "rb-frame.jpg")
    body = (
        '{"key":$(key),"etag":$(etag),"fsize":$(fsize),"mime":$(mimeType),"bucket":$(bucket),'
        '"fname":$(fname),"ext":$(ext),"uuid":$(uuid),"pid":$(persistentId),"who":$(x:who),'
        '"user":$(endUser),"missing":$(x:none),"quoted":"k=$(key) s=$(fsize) w=$(x:who)"}'
    )
    token = _token(
        sdk,
        "rb.txt",
        returnBody=body,
        endUser="user-7",
        persistentOps=f"vframe/jpg/offset/0|saveas/{frame}",
    )
    ret, info = qiniu.put_file_v2(token, "rb.txt", str(src), params={"x:who": 'al"ice'})
    assert info.status_code == 200, info.text_body
    assert ret["key"] == "rb.txt"
    assert ret["etag"] == etag(str(src))
    assert ret["fsize"] == 11
    assert isinstance(ret["fsize"], int)
    assert ret["mime"] == "text/plain"
    assert ret["bucket"] == SANDBOX_BUCKET
    assert ret["fname"] == "rb.txt"
    assert ret["ext"] == ".txt"
    assert len(ret["uuid"]) == 36
    assert isinstance(ret["pid"], str)
    assert ret["pid"]
    assert ret["who"] == 'al"ice'
    assert ret["user"] == "user-7"
    assert ret["missing"] is None
    assert ret["quoted"] == 'k=rb.txt s=11 w=al"ice'


def test_default_response_echoes_custom_vars(sandbox: SandboxServer, sdk: qiniu.Auth) -> None:
    ret, info = qiniu.put_data(
        _token(sdk, "xv.txt"), "xv.txt", b"xv", params={"x:a": "1", "x:b": "two"}
    )
    assert info.status_code == 200, info.text_body
    assert ret == {"hash": etag_of(b"xv"), "key": "xv.txt", "x:a": "1", "x:b": "two"}


def etag_of(data: bytes) -> str:
    return str(qiniu.utils.etag_stream(io.BytesIO(data)))


def test_callback_json_body_signed_and_answer_returned(
    sandbox: SandboxServer, sdk: qiniu.Auth, echo: _Echo
) -> None:
    token = _token(
        sdk,
        "cb.txt",
        callbackUrl=echo.url,
        callbackBody='{"key":$(key),"size":$(fsize),"v":$(x:v)}',
        callbackBodyType="application/json",
    )
    ret, info = qiniu.put_data(token, "cb.txt", b"callback!", params={"x:v": "vv"})
    assert info.status_code == 200, info.text_body
    (got,) = echo.requests
    assert json.loads(got["body"]) == {"key": "cb.txt", "size": 9, "v": "vv"}
    assert got["headers"]["Content-Type"] == "application/json"
    assert got["path"] == "/cb?src=up"
    auth_header = got["headers"]["Authorization"]
    assert auth_header.startswith("QBox ")
    assert sdk.verify_callback(auth_header, echo.url, got["body"], "application/json")
    assert ret == {"echo": got["body"], "ok": True}


def test_callback_form_body_signs_the_body(
    sandbox: SandboxServer, sdk: qiniu.Auth, echo: _Echo
) -> None:
    token = _token(sdk, "cbf.txt", callbackUrl=echo.url, callbackBody="key=$(key)&w=$(x:w)")
    ret, info = qiniu.put_data(token, "cbf.txt", b"form", params={"x:w": "a b&c"})
    assert info.status_code == 200, info.text_body
    (got,) = echo.requests
    assert got["body"] == "key=cbf.txt&w=a%20b%26c"
    form = "application/x-www-form-urlencoded"
    assert sdk.verify_callback(got["headers"]["Authorization"], echo.url, got["body"], form)
    assert not sdk.verify_callback(got["headers"]["Authorization"], echo.url, "key=x", form)
    assert ret["ok"] is True


def test_failing_callback_is_579_and_non_loopback_refused(
    sandbox: SandboxServer, sdk: qiniu.Auth, echo: _Echo
) -> None:
    echo.status = 500
    token = _token(sdk, "cbx.txt", callbackUrl=echo.url, callbackBody="key=$(key)")
    ret, info = qiniu.put_data(token, "cbx.txt", b"x")
    assert info.status_code == 579
    assert ret is None
    assert "callback failed" in info.error
    assert sandbox.storage.stat(SANDBOX_BUCKET, "cbx.txt") is not None  # stored anyway

    remote = _token(sdk, "cbr.txt", callbackUrl="http://example.com/cb", callbackBody="k=$(key)")
    _, info = qiniu.put_data(remote, "cbr.txt", b"x")
    assert info.status_code == 400
    assert "loopback" in info.error
    assert sandbox.storage.stat(SANDBOX_BUCKET, "cbr.txt") is None


def test_keylimit(sandbox: SandboxServer, sdk: qiniu.Auth) -> None:
    token = _token(sdk, None, keylimit=["ok1.txt", "ok2.txt"])
    assert qiniu.put_data(token, "ok2.txt", b"a")[1].status_code == 200
    _, info = qiniu.put_data(token, "nope.txt", b"a")
    assert info.status_code == 403
    assert "keylimit" in info.error
    assert sandbox.storage.stat(SANDBOX_BUCKET, "nope.txt") is None


@pytest.mark.parametrize(
    ("limit", "data", "mime", "status"),
    [
        ("image/*", PNG, "image/png", 200),
        ("image/*", b"plain text", "text/plain", 403),
        ("!application/json", b'{"a":1}', "application/json", 403),
        ("!application/json", PNG, "image/png", 200),
        ("image/jpeg;video/mp4", PNG, "image/png", 403),
    ],
)
def test_mime_limit(
    sandbox: SandboxServer, sdk: qiniu.Auth, limit: str, data: bytes, mime: str, status: int
) -> None:
    token = _token(sdk, "m.bin", mimeLimit=limit)
    _, info = qiniu.put_data(token, "m.bin", data, mime_type=mime)
    assert info.status_code == status, info.text_body
    if status == 403:
        assert "limited mimeType" in info.error
        assert sandbox.storage.stat(SANDBOX_BUCKET, "m.bin") is None


def test_size_limits(sandbox: SandboxServer, sdk: qiniu.Auth) -> None:
    limited = _token(sdk, None, fsizeLimit=5, fsizeMin=2)
    assert qiniu.put_data(limited, "s-ok.bin", b"12345")[1].status_code == 200
    _, big = qiniu.put_data(limited, "s-big.bin", b"123456")
    assert big.status_code == 413
    assert "request entity too large" in big.text_body
    _, small = qiniu.put_data(limited, "s-small.bin", b"1")
    assert small.status_code == 403
    assert "too small" in small.error
    assert sandbox.storage.stat(SANDBOX_BUCKET, "s-big.bin") is None
    assert sandbox.storage.stat(SANDBOX_BUCKET, "s-small.bin") is None


def test_insert_only(sandbox: SandboxServer, sdk: qiniu.Auth) -> None:
    overwrite = _token(sdk, "io.txt")
    assert qiniu.put_data(overwrite, "io.txt", b"one")[1].status_code == 200
    assert qiniu.put_data(overwrite, "io.txt", b"two")[1].status_code == 200  # bucket:key
    insert = _token(sdk, "io.txt", insertOnly=1)
    _, info = qiniu.put_data(insert, "io.txt", b"three")
    assert info.status_code == 614
    assert not info.need_retry()
    stored = sandbox.storage.stat(SANDBOX_BUCKET, "io.txt")
    assert stored is not None
    assert stored.path.read_bytes() == b"two"


def test_detect_mime(sandbox: SandboxServer, sdk: qiniu.Auth) -> None:
    claimed = "application/x-custom"
    token = _token(sdk, None, detectMime=1)
    assert qiniu.put_data(token, "d1.dat", PNG, mime_type=claimed)[1].status_code == 200
    plain = _token(sdk, None)
    assert qiniu.put_data(plain, "d2.dat", PNG, mime_type=claimed)[1].status_code == 200
    d1 = sandbox.storage.stat(SANDBOX_BUCKET, "d1.dat")
    d2 = sandbox.storage.stat(SANDBOX_BUCKET, "d2.dat")
    assert d1 is not None
    assert d1.mime_type == "image/png"
    assert d2 is not None
    assert d2.mime_type == claimed


def test_key_scoped_token_needs_that_key(sandbox: SandboxServer, sdk: qiniu.Auth) -> None:
    token = _token(sdk, "only.txt")
    _, no_key = qiniu.put_data(token, None, b"x")
    assert no_key.status_code == 403
    assert "scope" in no_key.error
    _, other = qiniu.put_data(token, "other.txt", b"x")
    assert other.status_code == 403
    assert qiniu.put_data(token, "only.txt", b"x")[1].status_code == 200
    assert sandbox.storage.stat(SANDBOX_BUCKET, "other.txt") is None
