"""/batch, /v2/list, x-qn-meta metadata, restoreAr and deleteAfterDays on the sandbox, driven by
the official SDK (unmodified). The SDK 7.18 has no call for metadata on chgm nor for /v2/list,
so those two are sent by hand, signed by the SDK's own ``QiniuMacAuth``.

The sandbox's storage runs on a fake clock here, so restores and expiries are tested by moving it.
"""

from __future__ import annotations

import json
import time
from functools import partial
from pathlib import Path

import pytest
import qiniu
import requests
from qiniu import config as qconfig
from qiniu import http as qhttp
from qiniu.utils import entry, urlsafe_base64_encode

from qfopgui.sandbox import SandboxServer
from qfopgui.sandbox import server as server_module
from qfopgui.sandbox.storage import RESTORE_SECONDS, Storage
from tests.fixtures_sandbox import SANDBOX_BUCKET

pytestmark = [
    pytest.mark.integration,
    pytest.mark.filterwarnings("ignore:DEPRECATED:DeprecationWarning"),
]
B = SANDBOX_BUCKET
DAY = 86400


class FakeClock:
    """The storage's clock: starts at the real time and moves only when told."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """Autouse, so the sandbox fixture (started after it) builds its storage on this clock."""
    fake = FakeClock()
    monkeypatch.setattr(server_module, "Storage", partial(Storage, clock=fake))
    return fake


@pytest.fixture
def bm(sandbox: SandboxServer, sdk: qiniu.Auth) -> qiniu.BucketManager:
    for name in ("a.txt", "b.txt", "c.txt"):
        sandbox.storage.put_bytes(B, name, name.encode(), mime_type="text/plain")
    return qiniu.BucketManager(sdk)


def _signed_post(sandbox: SandboxServer, path: str) -> tuple[int, object]:
    """A management POST signed by the SDK (Qiniu signature), as its BucketManager sends them."""
    mac = qiniu.QiniuMacAuth(sandbox.access_key, sandbox.secret_key)
    ret, info = qhttp._post_with_qiniu_mac(sandbox.base_url + path, None, mac)
    return info.status_code, ret if ret is not None else json.loads(info.text_body or "null")


def _download(sandbox: SandboxServer, key: str) -> requests.Response:
    return requests.get(f"{sandbox.base_url}/dl/{B}/{key}", timeout=10)


def test_metadata_on_form_v1_and_v2_uploads_shows_in_stat_and_download(
    sandbox: SandboxServer, sdk: qiniu.Auth, bm: qiniu.BucketManager, tmp_path: Path
) -> None:
    meta = {"x-qn-meta-Author": "Ann Lee", "x-qn-meta-tag_1": "v1"}
    token = sdk.upload_token(B)
    _, info = qiniu.put_data(token, "m/form.txt", b"form", metadata=meta)
    assert info.status_code == 200, info.text_body
    src = tmp_path / "small.txt"
    src.write_bytes(b"file body")
    _, info = qiniu.put_file_v2(token, "m/file.txt", str(src), metadata=meta)
    assert info.status_code == 200, info.text_body
    qconfig.set_default(default_upload_threshold=1024)  # the `sdk` fixture restores it
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * 5000)
    _, info = qiniu.put_file(token, "m/v1.bin", str(big), metadata=meta, version="v1")
    assert info.status_code == 200, info.text_body
    _, info = qiniu.put_file(
        token, "m/v2.bin", str(big), metadata=meta, version="v2", bucket_name=B
    )
    assert info.status_code == 200, info.text_body
    assert sandbox.hits["v1_mkfile"] == 1
    assert sandbox.hits["mp_complete"] == 1
    for key in ("m/form.txt", "m/file.txt", "m/v1.bin", "m/v2.bin"):
        stat, info = bm.stat(B, key)
        assert info.status_code == 200
        assert stat["x-qn-meta"] == {"author": "Ann Lee", "tag_1": "v1"}, key
    resp = _download(sandbox, "m/form.txt")
    assert resp.status_code == 200
    assert resp.headers["X-Qn-Meta-Author"] == "Ann Lee"
    assert resp.headers["X-Qn-Meta-Tag_1"] == "v1"
    _, info = qiniu.put_file_v2(
        token, "m/lm.txt", str(src), keep_last_modified=True, metadata={}
    )  # metadata={}: the SDK fails on None here
    assert info.status_code == 200, info.text_body  # the SDK sends x-qn-meta-!Last-Modified
    assert set(bm.stat(B, "m/lm.txt")[0]["x-qn-meta"]) == {"!last-modified"}
    listed, _, _ = bm.list(B, prefix="m/")
    assert all("x-qn-meta" not in item for item in listed["items"])


def test_bad_metadata_is_refused_with_400(sdk: qiniu.Auth, bm: qiniu.BucketManager) -> None:
    token = sdk.upload_token(B)
    _, info = qiniu.put_data(token, "bad.txt", b"x", metadata={"x-qn-meta-bad name": "v"})
    assert info.status_code == 400
    assert "invalid metadata name" in info.text_body
    _, info = qiniu.put_data(token, "big.txt", b"x", metadata={"x-qn-meta-big": "v" * 2000})
    assert info.status_code == 400
    assert "metadata too large" in info.text_body
    assert bm.stat(B, "bad.txt")[1].status_code == 612
    assert bm.stat(B, "big.txt")[1].status_code == 612


def test_chgm_sets_changes_and_removes_metadata(
    sandbox: SandboxServer, bm: qiniu.BucketManager
) -> None:
    e = entry(B, "a.txt")
    b64 = urlsafe_base64_encode
    status, _ = _signed_post(sandbox, f"/chgm/{e}/x-qn-meta-color/{b64('red')}")
    assert status == 200
    path = f"/chgm/{e}/mime/{b64('text/x-demo')}/x-qn-meta-Color/{b64('blue')}"
    status, _ = _signed_post(sandbox, path + f"/x-qn-meta-size/{b64('L')}")
    assert status == 200
    stat, _ = bm.stat(B, "a.txt")
    assert stat["mimeType"] == "text/x-demo"
    assert stat["x-qn-meta"] == {"color": "blue", "size": "L"}
    status, _ = _signed_post(sandbox, f"/chgm/{e}/x-qn-meta-size/")
    assert status == 200
    assert bm.stat(B, "a.txt")[0]["x-qn-meta"] == {"color": "blue"}
    status, _body = _signed_post(sandbox, f"/chgm/{e}/x-qn-meta-a%20b/{b64('v')}")
    assert status == 400
    status, _ = _signed_post(sandbox, f"/chgm/{entry(B, 'missing')}/x-qn-meta-a/{b64('v')}")
    assert status == 612
    _, info = bm.change_mime(B, "a.txt", "text/plain")  # the SDK's own call still works
    assert info.status_code == 200
    assert bm.stat(B, "a.txt")[0]["x-qn-meta"] == {"color": "blue"}


def test_restore_archived_object_and_refuse_standard(
    sandbox: SandboxServer, bm: qiniu.BucketManager, clock: FakeClock
) -> None:
    _, info = bm.restore_ar(B, "a.txt", 1)
    assert info.status_code == 400
    assert "archive" in info.text_body
    assert bm.change_type(B, "a.txt", 2)[1].status_code == 200
    assert _download(sandbox, "a.txt").status_code == 403
    _, info = bm.restore_ar(B, "a.txt", 8)
    assert info.status_code == 400
    _, info = bm.restoreAr(B, "a.txt", 2)
    assert info.status_code == 200
    assert bm.stat(B, "a.txt")[0]["restoreStatus"] == 1
    assert _download(sandbox, "a.txt").status_code == 403
    clock.advance(RESTORE_SECONDS + 0.1)
    assert bm.stat(B, "a.txt")[0]["restoreStatus"] == 2
    resp = _download(sandbox, "a.txt")
    assert resp.status_code == 200
    assert resp.content == b"a.txt"
    clock.advance(2 * DAY)  # the restored copy froze again
    assert "restoreStatus" not in bm.stat(B, "a.txt")[0]
    assert _download(sandbox, "a.txt").status_code == 403
    assert bm.restore_ar(B, "missing", 1)[1].status_code == 612


def test_delete_after_days_expires_the_object(
    sandbox: SandboxServer, bm: qiniu.BucketManager, clock: FakeClock
) -> None:
    _, info = bm.delete_after_days(B, "a.txt", 1)
    assert info.status_code == 200
    stat, _ = bm.stat(B, "a.txt")
    assert stat["expiration"] == int(clock.now + DAY)
    assert bm.delete_after_days(B, "b.txt", 1)[1].status_code == 200
    assert bm.delete_after_days(B, "b.txt", 0)[1].status_code == 200  # 0 cancels
    assert "expiration" not in bm.stat(B, "b.txt")[0]
    assert bm.delete_after_days(B, "a.txt", -1)[1].status_code == 400
    clock.advance(DAY - 5)
    assert bm.stat(B, "a.txt")[1].status_code == 200
    clock.advance(10)
    assert bm.stat(B, "a.txt")[1].status_code == 612
    assert _download(sandbox, "a.txt").status_code == 404
    keys = [item["key"] for item in bm.list(B)[0]["items"]]
    assert keys == ["b.txt", "c.txt"]


def test_batch_with_mixed_success_answers_298_and_per_item_codes(
    bm: qiniu.BucketManager,
) -> None:
    ops = qiniu.build_batch_stat(B, ["a.txt", "missing"]) + qiniu.build_batch_copy(
        B, {"a.txt": "b.txt"}, B
    )
    _ret, info = bm.batch(ops)
    assert info.status_code == 298
    items = json.loads(info.text_body)
    assert [item["code"] for item in items] == [200, 612, 614]
    assert items[0]["data"]["fsize"] == 5
    assert items[1]["data"] == {"error": "no such file or directory"}
    assert items[2]["data"] == {"error": "file exists"}


def test_batch_runs_every_op_kind(sandbox: SandboxServer, bm: qiniu.BucketManager) -> None:
    b64 = urlsafe_base64_encode
    ops = [
        *qiniu.build_batch_stat(B, ["a.txt"]),
        *qiniu.build_batch_copy(B, {"a.txt": "copy.txt"}, B),
        *qiniu.build_batch_move(B, {"b.txt": "moved.txt"}, B),
        *qiniu.build_batch_delete(B, ["c.txt"]),
        f"/chgm/{entry(B, 'a.txt')}/mime/{b64('text/x-b')}/x-qn-meta-k/{b64('v')}",
        f"/chtype/{entry(B, 'copy.txt')}/type/3",
        *qiniu.build_batch_restore_ar(B, {"copy.txt": 1}),
        f"/chstatus/{entry(B, 'moved.txt')}/status/1",
        f"/deleteAfterDays/{entry(B, 'a.txt')}/3",
    ]
    ret, info = bm.batch(ops)
    assert info.status_code == 200, info.text_body
    assert [item["code"] for item in ret] == [200] * len(ops)
    assert ret[0]["data"]["hash"] == sandbox.storage.stat(B, "copy.txt").hash  # type: ignore[union-attr]
    a = bm.stat(B, "a.txt")[0]
    assert (a["mimeType"], a["x-qn-meta"]) == ("text/x-b", {"k": "v"})
    assert a["expiration"] > 0
    copy = bm.stat(B, "copy.txt")[0]
    assert (copy["type"], copy["restoreStatus"]) == (3, 1)
    assert bm.stat(B, "moved.txt")[0]["status"] == 1
    assert bm.stat(B, "b.txt")[1].status_code == 612
    assert bm.stat(B, "c.txt")[1].status_code == 612
    assert sandbox.hits["batch"] == 1


def test_batch_refuses_more_than_1000_ops(bm: qiniu.BucketManager) -> None:
    _, info = bm.batch(qiniu.build_batch_stat(B, [f"k{i}" for i in range(1001)]))
    assert info.status_code == 400
    assert "too many ops" in info.text_body


def _list_v2(sandbox: SandboxServer, **params: str) -> list[dict[str, object]]:
    auth = qiniu.auth.QiniuMacRequestsAuth(
        qiniu.QiniuMacAuth(sandbox.access_key, sandbox.secret_key)
    )
    resp = requests.post(
        f"{sandbox.base_url}/v2/list", params={"bucket": B, **params}, auth=auth, timeout=10
    )
    assert resp.status_code == 200, resp.text
    return [json.loads(line) for line in resp.text.splitlines()]


def test_list_v2_streams_items_and_dirs_and_pages_with_marker(
    sandbox: SandboxServer, bm: qiniu.BucketManager
) -> None:
    for key in ("d1/x.txt", "d1/y.txt", "d2/z.txt", "b.zip", "e.txt"):
        sandbox.storage.put_bytes(B, key, b"1")
    lines = _list_v2(sandbox, delimiter="/")
    names = [line["dir"] or line["item"]["key"] for line in lines]  # type: ignore[index]
    assert names == ["a.txt", "b.txt", "b.zip", "c.txt", "d1/", "d2/", "e.txt"]
    assert lines[4]["item"] is None
    assert lines[4]["dir"] == "d1/"
    first = lines[0]["item"]
    assert isinstance(first, dict)
    assert set(first) >= {"key", "hash", "fsize", "mimeType", "putTime", "type"}
    assert lines[-1]["marker"] == ""
    page = _list_v2(sandbox, delimiter="/", limit="3")
    assert [line["dir"] or line["item"]["key"] for line in page] == names[:3]  # type: ignore[index]
    rest: list[dict[str, object]] = []
    marker = str(page[-1]["marker"])
    while marker:
        more = _list_v2(sandbox, delimiter="/", limit="2", marker=marker)
        rest += more
        marker = str(more[-1]["marker"])
    assert [line["dir"] or line["item"]["key"] for line in rest] == names[3:]  # type: ignore[index]
    under = _list_v2(sandbox, prefix="d1/")
    assert [line["item"]["key"] for line in under] == ["d1/x.txt", "d1/y.txt"]  # type: ignore[index]
