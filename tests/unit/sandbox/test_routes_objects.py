"""rs/rsf routes: /list paging, prefix/delimiter, markers, limits; /stat; /delete."""

from __future__ import annotations

import base64
import json

import pytest
from qiniu.utils import entry

from qfopgui.sandbox import SandboxServer
from tests.unit.sandbox.fakes import SIGNERS, call


def _list(server: SandboxServer, kind: str = "qiniu", method: str = "GET", **params: object):
    return call(method, f"{server.base_url}/list", kind, params={"bucket": "test-bucket", **params})


@pytest.mark.parametrize("kind", SIGNERS)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_list_pages_with_markers(fsandbox: SandboxServer, kind: str, method: str) -> None:
    keys = [f"k{i:03d}" for i in range(25)]
    for key in keys:
        fsandbox.storage.put_bytes("test-bucket", key, key.encode())
    got: list[str] = []
    marker = ""
    for _ in range(10):
        resp = _list(fsandbox, kind, method, limit=10, marker=marker)
        assert resp.status_code == 200
        body = resp.json()
        assert "commonPrefixes" not in body
        got += [item["key"] for item in body["items"]]
        marker = body.get("marker", "")
        if not marker:
            break
        decoded = json.loads(base64.b64decode(marker))
        assert decoded == {"c": 0, "k": got[-1]}
    assert got == keys
    item = _list(fsandbox, limit=1).json()["items"][0]
    assert set(item) >= {"key", "hash", "fsize", "mimeType", "putTime", "type", "status"}
    assert item["fsize"] == 4
    assert isinstance(item["putTime"], int)


def test_list_prefix_and_delimiter(fsandbox: SandboxServer) -> None:
    for key in ["videos/a.mp4", "videos/hd/b.mp4", "videos/sd/c.mp4", "audio/x.mp3", "top.txt"]:
        fsandbox.storage.put_bytes("test-bucket", key, b"x")
    root = _list(fsandbox, delimiter="/").json()
    assert root["commonPrefixes"] == ["audio/", "videos/"]
    assert [i["key"] for i in root["items"]] == ["top.txt"]
    assert "marker" not in root
    videos = _list(fsandbox, prefix="videos/", delimiter="/").json()
    assert videos["commonPrefixes"] == ["videos/hd/", "videos/sd/"]
    assert [i["key"] for i in videos["items"]] == ["videos/a.mp4"]
    # paging one entry at a time still visits each prefix exactly once
    seen: list[str] = []
    marker = ""
    while True:
        body = _list(fsandbox, prefix="videos/", delimiter="/", limit=1, marker=marker).json()
        seen += body["commonPrefixes"] + [i["key"] for i in body["items"]]
        marker = body.get("marker", "")
        if not marker:
            break
    assert seen == ["videos/a.mp4", "videos/hd/", "videos/sd/"]


@pytest.mark.parametrize("limit", ["0", "1001", "-1", "abc"])
def test_list_invalid_limit(fsandbox: SandboxServer, limit: str) -> None:
    resp = _list(fsandbox, limit=limit)
    assert resp.status_code == 400


def test_list_invalid_marker_and_bucket(fsandbox: SandboxServer) -> None:
    resp = _list(fsandbox, marker="not-base64-json!")
    assert resp.status_code == 640
    assert "error" in resp.json()
    missing = call("GET", f"{fsandbox.base_url}/list", "qiniu", params={"bucket": "nope"})
    assert missing.status_code == 631
    assert missing.json() == {"error": "no such bucket"}


@pytest.mark.parametrize("kind", SIGNERS)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_stat(fsandbox: SandboxServer, kind: str, method: str) -> None:
    obj = fsandbox.storage.put_bytes("test-bucket", "视频/a b.mp4", b"hello")
    url = f"{fsandbox.base_url}/stat/{entry('test-bucket', '视频/a b.mp4')}"
    resp = call(method, url, kind)
    assert resp.status_code == 200
    assert resp.json() == {
        "fsize": 5,
        "hash": "Fqr0xh3cxeii2r7eDztILNmuqUNN",
        "mimeType": "video/mp4",
        "putTime": obj.put_time,
        "type": 0,
    }


def test_stat_errors(fsandbox: SandboxServer) -> None:
    base = fsandbox.base_url
    missing = call("POST", f"{base}/stat/{entry('test-bucket', 'nope')}")
    assert missing.status_code == 612
    assert missing.json() == {"error": "no such file or directory"}
    no_bucket = call("POST", f"{base}/stat/{entry('nope', 'k')}")
    assert no_bucket.status_code == 631
    bad_entry = call("POST", f"{base}/stat/%%%")
    assert bad_entry.status_code == 400
    assert bad_entry.json() == {"error": "invalid argument"}
    key_less = call("POST", f"{base}/stat/{entry('test-bucket', None)}")
    assert key_less.status_code == 400
    unsigned = call("POST", f"{base}/stat/{entry('test-bucket', 'nope')}", None)
    assert unsigned.status_code == 401


@pytest.mark.parametrize("kind", SIGNERS)
def test_delete(fsandbox: SandboxServer, kind: str) -> None:
    fsandbox.storage.put_bytes("test-bucket", "gone", b"x")
    url = f"{fsandbox.base_url}/delete/{entry('test-bucket', 'gone')}"
    first = call("POST", url, kind)
    assert first.status_code == 200
    assert fsandbox.storage.stat("test-bucket", "gone") is None
    again = call("POST", url, kind)
    assert again.status_code == 612
