"""Form upload: token checks (scope, expiry, signature), crc32, insert-only, returnBody, pfop."""

from __future__ import annotations

import zlib

import pytest
import qiniu

from qfopgui.sandbox import SandboxServer
from tests.fixtures_sandbox import SANDBOX_AK, SANDBOX_SK
from tests.unit.sandbox.fakes import FakeProcessor, call

AUTH = qiniu.Auth(SANDBOX_AK, SANDBOX_SK)


def _post(server: SandboxServer, token: str, data: bytes, key: str | None = "k", **fields: str):
    form = {"token": token, **fields}
    if key is not None:
        form["key"] = key
    return call(
        "POST",
        f"{server.base_url}/",
        None,
        data=form,
        files={"file": ("a.bin", data, "application/octet-stream")},
    )


def test_form_upload_stores_object(fsandbox: SandboxServer) -> None:
    resp = _post(fsandbox, AUTH.upload_token("test-bucket"), b"hello", key="dir/h.txt")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "application/json"
    assert resp.headers["X-Reqid"]
    assert resp.json() == {"hash": "Fqr0xh3cxeii2r7eDztILNmuqUNN", "key": "dir/h.txt"}
    obj = fsandbox.storage.stat("test-bucket", "dir/h.txt")
    assert obj is not None
    assert obj.path.read_bytes() == b"hello"
    assert obj.mime_type == "text/plain"  # guessed when the client sends octet-stream


def test_form_upload_without_key_uses_hash(fsandbox: SandboxServer) -> None:
    resp = _post(fsandbox, AUTH.upload_token("test-bucket"), b"hello", key=None)
    assert resp.json()["key"] == "Fqr0xh3cxeii2r7eDztILNmuqUNN"


def test_crc_mismatch_400(fsandbox: SandboxServer) -> None:
    good = str(zlib.crc32(b"hello"))
    assert (
        _post(fsandbox, AUTH.upload_token("test-bucket"), b"hello", crc32=good).status_code == 200
    )
    bad = _post(fsandbox, AUTH.upload_token("test-bucket"), b"hellO", key="k2", crc32=good)
    assert bad.status_code == 400
    assert bad.json()["error"] == "crc32 not match"
    assert fsandbox.storage.stat("test-bucket", "k2") is None


@pytest.mark.parametrize(
    ("token_key", "upload_key", "policy", "status"),
    [
        ("k", "k", None, 200),
        ("k", "other", None, 403),
        ("pre/", "pre/x", {"isPrefixalScope": 1}, 200),
        ("pre/", "nope/x", {"isPrefixalScope": 1}, 403),
    ],
)
def test_scope(
    fsandbox: SandboxServer, token_key: str, upload_key: str, policy: dict | None, status: int
) -> None:
    token = AUTH.upload_token("test-bucket", token_key, policy=policy)
    resp = _post(fsandbox, token, b"data", key=upload_key)
    assert resp.status_code == status, resp.text
    if status == 403:
        assert "scope" in resp.json()["error"]
        assert fsandbox.storage.stat("test-bucket", upload_key) is None


def test_wrong_bucket_and_missing_bucket(fsandbox: SandboxServer) -> None:
    resp = _post(fsandbox, AUTH.upload_token("nope"), b"data")
    assert resp.status_code == 631


def test_expired_and_bad_tokens(fsandbox: SandboxServer) -> None:
    expired = AUTH.upload_token("test-bucket", expires=-10)
    assert _post(fsandbox, expired, b"x").status_code == 401
    forged = qiniu.Auth(SANDBOX_AK, "wrong").upload_token("test-bucket")
    assert _post(fsandbox, forged, b"x").status_code == 401
    assert _post(fsandbox, "", b"x").status_code == 401
    stranger = qiniu.Auth("stranger", SANDBOX_SK).upload_token("test-bucket")
    resp = _post(fsandbox, stranger, b"x")
    assert resp.status_code == 401
    assert resp.json() == {"error": "bad token"}


def test_insert_only_semantics(fsandbox: SandboxServer) -> None:
    bucket_scope = AUTH.upload_token("test-bucket")
    assert _post(fsandbox, bucket_scope, b"one").status_code == 200
    assert _post(fsandbox, bucket_scope, b"one").status_code == 200  # same content is fine
    clash = _post(fsandbox, bucket_scope, b"two")
    assert clash.status_code == 614
    assert clash.json() == {"error": "file exists"}
    key_scope = AUTH.upload_token("test-bucket", "k")
    assert _post(fsandbox, key_scope, b"two").status_code == 200  # overwrite allowed
    insert_only = AUTH.upload_token("test-bucket", "k", policy={"insertOnly": 1})
    assert _post(fsandbox, insert_only, b"three").status_code == 614
    obj = fsandbox.storage.stat("test-bucket", "k")
    assert obj is not None
    assert obj.path.read_bytes() == b"two"


def test_return_body_and_size_limits(fsandbox: SandboxServer) -> None:
    policy = {
        "returnBody": '{"k":"$(key)","h":"$(etag)","s":$(fsize),"m":"$(mimeType)","v":"$(x:who)"}',
        "endUser": "alice",
    }
    token = AUTH.upload_token("test-bucket", policy=policy)
    resp = _post(fsandbox, token, b"hello", key='q"uote.txt', **{"x:who": "bob"})
    assert resp.status_code == 200
    assert resp.json() == {
        "k": 'q"uote.txt',
        "h": "Fqr0xh3cxeii2r7eDztILNmuqUNN",
        "s": 5,
        "m": "text/plain",
        "v": "bob",
    }
    obj = fsandbox.storage.stat("test-bucket", 'q"uote.txt')
    assert obj is not None
    assert obj.end_user == "alice"
    small = AUTH.upload_token("test-bucket", policy={"fsizeLimit": 3})
    assert _post(fsandbox, small, b"hello", key="big").status_code == 413


def test_persistent_ops_submit(fsandbox: SandboxServer, fake_processor: FakeProcessor) -> None:
    policy = {
        "persistentOps": "avthumb/mp4|saveas/x;vframe/jpg/offset/1",
        "persistentPipeline": "video-hd",
        "persistentNotifyUrl": "http://127.0.0.1:9/cb",
        "persistentType": 1,
    }
    token = AUTH.upload_token("test-bucket", "v.mp4", policy=policy)
    resp = _post(fsandbox, token, b"video", key="v.mp4")
    assert resp.status_code == 200
    body = resp.json()
    assert body["persistentId"].startswith("z0.")
    sub = fake_processor.submissions[-1]
    assert sub["bucket"] == "test-bucket"
    assert sub["key"] == "v.mp4"
    assert sub["fops"] == policy["persistentOps"]
    assert sub["pipeline"] == "video-hd"
    assert sub["notify_url"] == "http://127.0.0.1:9/cb"
    assert sub["type"] == 1
    assert sub["reqid"] == resp.headers["X-Reqid"]
    custom = AUTH.upload_token(
        "test-bucket", policy={"persistentOps": "avinfo", "returnBody": '{"p":"$(persistentId)"}'}
    )
    assert _post(fsandbox, custom, b"v2", key="v2").json()["p"].startswith("z0.")
    bad = AUTH.upload_token("test-bucket", "v3", policy={"persistentOps": "bad"})
    rejected = _post(fsandbox, bad, b"v3", key="v3")
    assert rejected.status_code == 400
    assert rejected.json() == {"error": "invalid fop: bad"}


def test_missing_file_field(fsandbox: SandboxServer) -> None:
    resp = call(
        "POST",
        f"{fsandbox.base_url}/",
        None,
        files={"token": (None, AUTH.upload_token("test-bucket")), "key": (None, "k")},
    )
    assert resp.status_code == 400
