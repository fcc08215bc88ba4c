"""Record operations (copy/move/chgm/chtype/chstatus) through the official SDK, unmodified."""

from __future__ import annotations

import pytest
import qiniu
import requests

from qfopgui.sandbox import SandboxServer
from tests.fixtures_sandbox import SANDBOX_BUCKET

pytestmark = pytest.mark.integration
B = SANDBOX_BUCKET


@pytest.fixture
def bm(sandbox: SandboxServer, sdk: qiniu.Auth) -> qiniu.BucketManager:
    """A BucketManager on the sandbox (the shared `sdk` fixture), with one object to work on."""
    sandbox.storage.put_bytes(B, "a.txt", b"hello", mime_type="text/plain")
    return qiniu.BucketManager(sdk)


def test_copy_keeps_source_and_refuses_existing_target(bm: qiniu.BucketManager) -> None:
    _, info = bm.copy(B, "a.txt", B, "b.txt")
    assert info.status_code == 200
    src, _ = bm.stat(B, "a.txt")
    dst, _ = bm.stat(B, "b.txt")
    assert dst["hash"] == src["hash"]
    assert dst["mimeType"] == "text/plain"
    _, info = bm.copy(B, "a.txt", B, "b.txt")
    assert info.status_code == 614
    _, info = bm.copy(B, "missing", B, "c.txt")
    assert info.status_code == 612
    _, info = bm.copy(B, "a.txt", "no-such-bucket", "c.txt")
    assert info.status_code == 631


def test_move_rename_force_and_614(bm: qiniu.BucketManager, sandbox: SandboxServer) -> None:
    _, info = bm.rename(B, "a.txt", "r.txt")
    assert info.status_code == 200
    assert bm.stat(B, "a.txt")[1].status_code == 612
    sandbox.storage.put_bytes(B, "other.txt", b"other")
    _, info = bm.move(B, "r.txt", B, "other.txt")
    assert info.status_code == 614
    assert bm.stat(B, "r.txt")[1].status_code == 200  # source untouched on refusal
    _, info = bm.move(B, "r.txt", B, "other.txt", force="true")
    assert info.status_code == 200
    moved, _ = bm.stat(B, "other.txt")
    assert moved["fsize"] == 5
    assert bm.stat(B, "r.txt")[1].status_code == 612


def test_change_mime_and_type(bm: qiniu.BucketManager) -> None:
    _, info = bm.change_mime(B, "a.txt", "application/x-demo")
    assert info.status_code == 200
    _, info = bm.change_type(B, "a.txt", 1)
    assert info.status_code == 200
    stat, _ = bm.stat(B, "a.txt")
    assert stat["mimeType"] == "application/x-demo"
    assert stat["type"] == 1
    assert bm.change_type(B, "a.txt", 9)[1].status_code == 400
    assert bm.change_mime(B, "missing", "text/plain")[1].status_code == 612


def test_change_status_refuses_download(bm: qiniu.BucketManager, sandbox: SandboxServer) -> None:
    url = f"http://{sandbox.domain(B)}/a.txt"
    assert requests.get(url, timeout=10).content == b"hello"
    _, info = bm.change_status(B, "a.txt", 1, None)
    assert info.status_code == 200
    assert bm.stat(B, "a.txt")[0]["status"] == 1
    assert requests.get(url, timeout=10).status_code == 403
    bm.change_status(B, "a.txt", 0, None)
    assert requests.get(url, timeout=10).content == b"hello"
