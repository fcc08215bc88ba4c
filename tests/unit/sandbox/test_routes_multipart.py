"""Multipart upload v2 routes driven with raw requests (the SDK path is in the integration test)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import qiniu
import requests
from qiniu.utils import etag, urlsafe_base64_encode

from qfopgui.sandbox import SandboxServer
from qfopgui.sandbox.routes.multipart import cleanup_sessions
from tests.fixtures_sandbox import SANDBOX_AK, SANDBOX_SK
from tests.unit.sandbox.fakes import FakeProcessor

AUTH = qiniu.Auth(SANDBOX_AK, SANDBOX_SK)


class Uploader:
    def __init__(self, server: SandboxServer, key: str | None, token: str) -> None:
        obj = urlsafe_base64_encode(key) if key else "~"
        self.base = f"{server.base_url}/buckets/test-bucket/objects/{obj}/uploads"
        self.headers = {"Authorization": f"UpToken {token}"}

    def init(self) -> requests.Response:
        return requests.post(self.base, headers=self.headers, timeout=10)

    def part(self, upload_id: str, n: int, data: bytes, md5: str | None = None):
        headers = {**self.headers, "Content-Type": "application/octet-stream"}
        headers["Content-MD5"] = md5 if md5 is not None else hashlib.md5(data).hexdigest()
        return requests.put(f"{self.base}/{upload_id}/{n}", data=data, headers=headers, timeout=10)

    def complete(self, upload_id: str, body: dict) -> requests.Response:
        return requests.post(
            f"{self.base}/{upload_id}", json=body, headers=self.headers, timeout=10
        )


def test_full_multipart_flow(fsandbox: SandboxServer, tmp_path) -> None:
    up = Uploader(fsandbox, "mp/big.bin", AUTH.upload_token("test-bucket", "mp/big.bin"))
    init = up.init()
    assert init.status_code == 200
    upload_id = init.json()["uploadId"]
    assert init.json()["expireAt"] > 0
    chunks = [os.urandom(4 << 20), os.urandom(4 << 20), os.urandom(1000)]
    parts = []
    for n, data in enumerate(chunks, start=1):
        resp = up.part(upload_id, n, data)
        assert resp.status_code == 200, resp.text
        assert resp.json()["md5"] == hashlib.md5(data).hexdigest()
        parts.append({"etag": resp.json()["etag"], "partNumber": n})
    listed = requests.get(f"{up.base}/{upload_id}", headers=up.headers, timeout=10).json()
    assert [p["partNumber"] for p in listed["parts"]] == [1, 2, 3]
    assert listed["parts"][2]["size"] == 1000
    done = up.complete(
        upload_id,
        {"parts": parts, "fname": "big.bin", "mimeType": "video/mp4", "customVars": {"x:a": "1"}},
    )
    assert done.status_code == 200, done.text
    whole = tmp_path / "whole.bin"
    whole.write_bytes(b"".join(chunks))
    # x: variables are echoed in the default response (no returnBody in the policy)
    assert done.json() == {"hash": etag(str(whole)), "key": "mp/big.bin", "x:a": "1"}
    obj = fsandbox.storage.stat("test-bucket", "mp/big.bin")
    assert obj is not None
    assert obj.mime_type == "video/mp4"
    assert obj.path.read_bytes() == whole.read_bytes()
    # the session is gone after completion
    assert up.complete(upload_id, {"parts": parts}).status_code == 612
    hits = fsandbox.hits
    assert hits["mp_init"] == 1
    assert hits["mp_part"] == 3
    assert hits["mp_complete"] == 2


def test_unknown_upload_id_and_abort(fsandbox: SandboxServer) -> None:
    up = Uploader(fsandbox, "k", AUTH.upload_token("test-bucket", "k"))
    unknown = up.part("no-such-id", 1, b"x")
    assert unknown.status_code == 612
    assert "error" in unknown.json()
    upload_id = up.init().json()["uploadId"]
    assert up.part(upload_id, 1, b"abc").status_code == 200
    aborted = requests.delete(f"{up.base}/{upload_id}", headers=up.headers, timeout=10)
    assert aborted.status_code == 200
    assert up.part(upload_id, 2, b"x").status_code == 612
    assert up.complete(upload_id, {"parts": [{"etag": "x", "partNumber": 1}]}).status_code == 612


def test_part_validation(fsandbox: SandboxServer) -> None:
    up = Uploader(fsandbox, "k", AUTH.upload_token("test-bucket", "k"))
    upload_id = up.init().json()["uploadId"]
    assert up.part(upload_id, 1, b"abc", md5="0" * 32).status_code == 400
    assert up.part(upload_id, 10001, b"abc").status_code == 400
    good = up.part(upload_id, 1, b"abc").json()["etag"]
    wrong_etag = up.complete(upload_id, {"parts": [{"etag": good + "x", "partNumber": 1}]})
    assert wrong_etag.status_code == 400
    missing_part = up.complete(upload_id, {"parts": [{"etag": good, "partNumber": 2}]})
    assert missing_part.status_code == 400
    assert up.complete(upload_id, {"parts": []}).status_code == 400


def test_multipart_auth(fsandbox: SandboxServer) -> None:
    other_key = Uploader(fsandbox, "k", AUTH.upload_token("test-bucket", "other"))
    assert other_key.init().status_code == 403
    expired = Uploader(fsandbox, "k", AUTH.upload_token("test-bucket", "k", expires=-5))
    assert expired.init().status_code == 401
    forged = Uploader(fsandbox, "k", qiniu.Auth(SANDBOX_AK, "bad").upload_token("test-bucket"))
    assert forged.init().status_code == 401
    no_auth = requests.post(
        f"{fsandbox.base_url}/buckets/test-bucket/objects/~/uploads", timeout=10
    )
    assert no_auth.status_code == 401


def test_multipart_persistent_ops_and_no_key(
    fsandbox: SandboxServer, fake_processor: FakeProcessor
) -> None:
    token = AUTH.upload_token("test-bucket", policy={"persistentOps": "avinfo"})
    up = Uploader(fsandbox, None, token)
    upload_id = up.init().json()["uploadId"]
    part = up.part(upload_id, 1, b"hello").json()
    done = up.complete(upload_id, {"parts": [{"etag": part["etag"], "partNumber": 1}]})
    assert done.status_code == 200
    body = done.json()
    assert body["key"] == "Fqr0xh3cxeii2r7eDztILNmuqUNN"
    assert body["persistentId"].startswith("z0.")
    assert fake_processor.submissions[-1]["fops"] == "avinfo"


def test_sessions_survive_restart_and_expired_ones_are_cleaned(
    sandbox_factory: Callable[..., SandboxServer], tmp_path: Path
) -> None:
    data = tmp_path / "mp-data"
    first = sandbox_factory(data_dir=data, processor_factory=lambda s, c: None)
    token = AUTH.upload_token("test-bucket", "k")
    up = Uploader(first, "k", token)
    upload_id = up.init().json()["uploadId"]
    etag1 = up.part(upload_id, 1, b"part one").json()["etag"]
    stale = Uploader(first, "k", token).init().json()["uploadId"]
    first.stop()
    assert cleanup_sessions(data, now=0) == 0
    session = data / "uploads" / stale / "session.json"
    session.write_text(session.read_text().replace('"expireAt": ', '"expireAt": 1, "x": '))
    second = sandbox_factory(data_dir=data, processor_factory=lambda s, c: None)
    assert not (data / "uploads" / stale).exists()
    up2 = Uploader(second, "k", token)
    done = up2.complete(upload_id, {"parts": [{"etag": etag1, "partNumber": 1}]})
    assert done.status_code == 200
    assert second.storage.stat("test-bucket", "k").path.read_bytes() == b"part one"
