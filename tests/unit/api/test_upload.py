"""Form upload and multipart v2: fields, order, checksums, progress, abort, retry choices."""

from __future__ import annotations

import base64
import hashlib
import zlib
from pathlib import Path

import pytest

from qfopgui.api import errors
from qfopgui.api.upload import FORM_LIMIT, PART_SIZE
from tests.unit.api.fakes import Call, Reply, make_client

MiB = 1024 * 1024


def test_upload_bytes_form_fields_and_progress() -> None:
    data = b"hello"
    client, adapter = make_client(
        [Reply(body={"hash": "Fqr0xh3cxeii2r7eDztILNmuqUNN", "key": "dir/a.txt", "x": 1})]
    )
    seen: list[tuple[int, int]] = []
    res = client.upload_bytes(
        "bkt",
        "dir/a.txt",
        data,
        token="AK:sig:pol",
        mime_type="text/plain",
        progress=lambda a, b: seen.append((a, b)),
    )
    (call,) = adapter.calls
    assert (call.method, call.path) == ("POST", "/")
    assert "Authorization" not in call.headers
    fields = call.multipart()
    assert list(fields) == ["token", "key", "crc32", "file"]
    assert fields["token"][0] == b"AK:sig:pol"
    assert fields["key"][0] == b"dir/a.txt"
    assert fields["crc32"][0] == b"907060870" == str(zlib.crc32(data)).encode()
    assert fields["file"] == (data, "a.txt", "text/plain")
    assert seen == [(0, 5), (5, 5)]
    assert (res.key, res.hash, res.persistent_id, res.raw["x"]) == (
        "dir/a.txt",
        "Fqr0xh3cxeii2r7eDztILNmuqUNN",
        None,
        1,
    )


def test_upload_bytes_without_key_and_with_generated_token() -> None:
    client, adapter = make_client([Reply(body={"hash": "h", "key": "h", "persistentId": "z0.p"})])
    res = client.upload_bytes("bkt", None, b"x")
    fields = adapter.calls[0].multipart()
    assert "key" not in fields
    assert fields["file"][2] == "application/octet-stream"
    policy = fields["token"][0].decode().split(":")[2]
    assert b'"scope":"bkt"' in base64.urlsafe_b64decode(policy)
    assert res.persistent_id == "z0.p"


def test_small_file_goes_through_form(tmp_path: Path) -> None:
    p = tmp_path / "small.bin"
    p.write_bytes(b"z" * 1000)
    client, adapter = make_client([Reply(body={"hash": "h", "key": "k"})])
    client.upload_file("bkt", "k", p, token="t")
    assert [c.path for c in adapter.calls] == ["/"]
    assert adapter.calls[0].multipart()["file"][1] == "small.bin"


def test_threshold_is_8_mib(tmp_path: Path) -> None:
    assert FORM_LIMIT == 2 * PART_SIZE == 8 * MiB
    p = tmp_path / "edge.bin"
    p.write_bytes(b"\0" * FORM_LIMIT)
    client, adapter = make_client([Reply(body={"hash": "h", "key": "k"})])
    client.upload_file("bkt", "k", p, token="t")
    assert [c.path for c in adapter.calls] == ["/"]


def multipart_handler(fail_part: int | None = None, fail_status: int = 400, fail_times: int = 1):
    failures = {"left": fail_times}

    def handle(call: Call) -> Reply:
        if call.method == "POST" and call.path.endswith("/uploads"):
            return Reply(body={"uploadId": "up-1", "expireAt": 1})
        if call.method == "PUT":
            number = int(call.path.rsplit("/", 1)[1])
            if number == fail_part and failures["left"] > 0:
                failures["left"] -= 1
                return Reply(fail_status, {"error": "part failed"})
            return Reply(body={"etag": f"etag-{number}", "md5": hashlib.md5(call.body).hexdigest()})
        if call.method == "POST" and call.path.endswith("/up-1"):
            return Reply(body={"hash": "final", "key": "big.bin", "persistentId": "z0.pp"})
        if call.method == "DELETE":
            return Reply(body={})
        raise AssertionError(f"unexpected {call.method} {call.path}")

    return handle


def big_file(tmp_path: Path, size: int = 9 * MiB + 123) -> Path:
    p = tmp_path / "big.bin"
    p.write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
    return p


def test_multipart_flow_order_and_payload(tmp_path: Path) -> None:
    p = big_file(tmp_path)
    size = p.stat().st_size
    client, adapter = make_client(multipart_handler())
    seen: list[tuple[int, int]] = []
    res = client.upload_file(
        "bkt",
        "big.bin",
        p,
        token="AK:s:pol",
        mime_type="video/mp4",
        progress=lambda a, b: seen.append((a, b)),
    )
    obj = base64.urlsafe_b64encode(b"big.bin").decode()
    base = f"/buckets/bkt/objects/{obj}/uploads"
    assert [(c.method, c.path) for c in adapter.calls] == [
        ("POST", base),
        ("PUT", f"{base}/up-1/1"),
        ("PUT", f"{base}/up-1/2"),
        ("PUT", f"{base}/up-1/3"),
        ("POST", f"{base}/up-1"),
    ]
    assert all(c.headers["Authorization"] == "UpToken AK:s:pol" for c in adapter.calls)
    data = p.read_bytes()
    puts = adapter.calls[1:4]
    assert b"".join(c.body for c in puts) == data
    assert [len(c.body) for c in puts] == [4 * MiB, 4 * MiB, size - 8 * MiB]
    for c in puts:
        assert c.headers["Content-MD5"] == hashlib.md5(c.body).hexdigest()
        assert c.headers["Content-Type"] == "application/octet-stream"
    complete = adapter.calls[4]
    assert complete.headers["Content-Type"] == "application/json"
    assert complete.json() == {
        "parts": [{"etag": f"etag-{n}", "partNumber": n} for n in (1, 2, 3)],
        "fname": "big.bin",
        "mimeType": "video/mp4",
    }
    assert seen == [(0, size), (4 * MiB, size), (8 * MiB, size), (size, size)]
    assert (res.hash, res.persistent_id) == ("final", "z0.pp")


def test_multipart_without_key_uses_tilde(tmp_path: Path) -> None:
    client, adapter = make_client(multipart_handler())
    client.upload_file("bkt", None, big_file(tmp_path), token="t")
    assert adapter.calls[0].path == "/buckets/bkt/objects/~/uploads"


def test_multipart_failure_aborts_and_skips_complete(tmp_path: Path) -> None:
    client, adapter = make_client(multipart_handler(fail_part=2, fail_status=403))
    with pytest.raises(errors.ForbiddenError):
        client.upload_file("bkt", "big.bin", big_file(tmp_path), token="t")
    methods = [c.method for c in adapter.calls]
    assert methods == ["POST", "PUT", "PUT", "DELETE"]
    assert adapter.calls[-1].path.endswith("/uploads/up-1")
    assert adapter.calls[-1].headers["Authorization"] == "UpToken t"


def test_part_put_is_retried_on_transient_error(tmp_path: Path) -> None:
    sleeps: list[float] = []
    client, adapter = make_client(multipart_handler(fail_part=2, fail_status=503), sleeps=sleeps)
    res = client.upload_file("bkt", "big.bin", big_file(tmp_path), token="t")
    puts = [c.path.rsplit("/", 1)[1] for c in adapter.calls if c.method == "PUT"]
    assert puts == ["1", "2", "2", "3"]
    assert len(sleeps) == 1
    assert res.hash == "final"


def test_progress_callback_can_cancel_and_abort(tmp_path: Path) -> None:
    client, adapter = make_client(multipart_handler())

    class Cancelled(Exception):
        pass

    def progress(sent: int, total: int) -> None:
        if sent >= 4 * MiB:
            raise Cancelled

    with pytest.raises(Cancelled):
        client.upload_file("bkt", "big.bin", big_file(tmp_path), token="t", progress=progress)
    assert [c.method for c in adapter.calls] == ["POST", "PUT", "DELETE"]


def test_init_failure_is_not_retried_and_needs_no_abort(tmp_path: Path) -> None:
    client, adapter = make_client(lambda call: Reply(503, {"error": "busy"}))
    with pytest.raises(errors.ServerError):
        client.upload_file("bkt", "big.bin", big_file(tmp_path), token="t")
    assert [c.method for c in adapter.calls] == ["POST"]


def test_part_md5_mismatch_is_detected(tmp_path: Path) -> None:
    def handle(call: Call) -> Reply:
        if call.method == "PUT":
            return Reply(body={"etag": "e", "md5": "0" * 32})
        return Reply(body={"uploadId": "up-1"})

    client, adapter = make_client(handle)
    with pytest.raises(errors.BadRequestError, match="checksum"):
        client.upload_file("bkt", "big.bin", big_file(tmp_path), token="t")
    assert adapter.calls[-1].method == "DELETE"
