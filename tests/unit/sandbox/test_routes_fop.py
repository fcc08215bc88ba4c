"""pfop / prefop routes against a recording FakeProcessor."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from qfopgui.sandbox import SandboxServer
from tests.unit.sandbox.fakes import SIGNERS, FakeProcessor, call


@pytest.fixture
def with_source(fsandbox: SandboxServer) -> SandboxServer:
    fsandbox.storage.put_bytes("test-bucket", "in.mp4", b"video")
    return fsandbox


@pytest.mark.parametrize("kind", SIGNERS)
@pytest.mark.parametrize("path", ["/pfop", "/pfop/"])
def test_pfop_submits(
    with_source: SandboxServer, fake_processor: FakeProcessor, kind: str, path: str
) -> None:
    form = {
        "bucket": "test-bucket",
        "key": "in.mp4",
        "fops": "avthumb/mp4;vframe/jpg/offset/1",
        "notifyURL": "http://127.0.0.1:9/n",
        "force": "1",
        "pipeline": "video-hd",
        "type": "1",
    }
    resp = call("POST", f"{with_source.base_url}{path}", kind, data=form)
    assert resp.status_code == 200, resp.text
    pid = resp.json()["persistentId"]
    assert set(resp.json()) == {"persistentId"}
    assert fake_processor.submissions[-1] == {
        "bucket": "test-bucket",
        "key": "in.mp4",
        "fops": "avthumb/mp4;vframe/jpg/offset/1",
        "pipeline": "video-hd",
        "notify_url": "http://127.0.0.1:9/n",
        "force": True,
        "type": 1,
        "workflow_template_id": "",
        "reqid": resp.headers["X-Reqid"],
        "region": "z0",  # the bucket's region: the id's prefix
    }
    assert pid.startswith("z0.")
    status = call("GET", f"{with_source.base_url}/status/get/prefop", kind, params={"id": pid})
    assert status.status_code == 200
    assert status.json()["id"] == pid


@pytest.mark.parametrize(
    ("form", "status", "error"),
    [
        ({"key": "in.mp4", "fops": "avinfo"}, 631, "no such bucket"),
        ({"bucket": "nope", "key": "in.mp4", "fops": "avinfo"}, 631, "no such bucket"),
        ({"bucket": "test-bucket", "fops": "avinfo"}, 612, "no such file or directory"),
        ({"bucket": "test-bucket", "key": "missing", "fops": "avinfo"}, 612, None),
        ({"bucket": "test-bucket", "key": "in.mp4"}, 400, "invalid argument"),
        ({"bucket": "test-bucket", "key": "in.mp4", "fops": "bad"}, 400, "invalid fop: bad"),
        ({"bucket": "test-bucket", "key": "in.mp4", "fops": "avinfo", "type": "x"}, 400, None),
    ],
)
def test_pfop_errors(
    with_source: SandboxServer, form: dict, status: int, error: str | None
) -> None:
    resp = call("POST", f"{with_source.base_url}/pfop/", "qbox", data=form)
    assert resp.status_code == status
    if error is not None:
        assert resp.json() == {"error": error}


def test_pfop_auth(with_source: SandboxServer) -> None:
    form = {"bucket": "test-bucket", "key": "in.mp4", "fops": "avinfo"}
    assert call("POST", f"{with_source.base_url}/pfop", None, data=form).status_code == 401
    bad = call("POST", f"{with_source.base_url}/pfop", "qbox", sk="nope", data=form)
    assert bad.status_code == 401


def test_prefop_unsigned_unknown_and_bad_signature(
    with_source: SandboxServer, fake_processor: FakeProcessor
) -> None:
    pid = fake_processor.submit(bucket="test-bucket", key="in.mp4", fops="avinfo", reqid="r")
    url = f"{with_source.base_url}/status/get/prefop"
    unsigned = call("GET", url, None, params={"id": pid})
    assert unsigned.status_code == 200
    assert unsigned.json()["inputKey"] == "in.mp4"
    unknown = call("GET", url, "qbox", params={"id": "z0.unknown"})
    assert unknown.status_code == 612
    assert unknown.json() == {"error": "no such file or directory"}
    forged = call("GET", url, "qiniu", sk="wrong", params={"id": pid})
    assert forged.status_code == 401
    assert call("GET", url, None).status_code == 400


def test_no_processor_means_599(sandbox_factory: Callable[..., SandboxServer]) -> None:
    server = sandbox_factory(processor_factory=lambda storage, config: None)
    server.storage.put_bytes("test-bucket", "in.mp4", b"x")
    form = {"bucket": "test-bucket", "key": "in.mp4", "fops": "avinfo"}
    resp = call("POST", f"{server.base_url}/pfop", "qbox", data=form)
    assert resp.status_code == 599
    prefop = call("GET", f"{server.base_url}/status/get/prefop?id=z0.x", None)
    assert prefop.status_code == 612
