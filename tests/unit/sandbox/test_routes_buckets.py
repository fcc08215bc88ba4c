"""uc routes: region query, bucket lists (names, v4 pages, v3), domains, auth failures."""

from __future__ import annotations

import pytest
import requests

from qfopgui.sandbox import SandboxServer
from tests.fixtures_sandbox import SANDBOX_AK
from tests.unit.sandbox.fakes import SIGNERS, call


def _assert_common_headers(resp: requests.Response) -> None:
    assert resp.headers["Content-Type"] == "application/json"
    assert len(resp.headers["X-Reqid"]) >= 12


def test_region_query_points_every_service_here(fsandbox: SandboxServer) -> None:
    base = fsandbox.base_url
    resp = call("GET", f"{base}/v4/query?ak={SANDBOX_AK}&bucket=test-bucket", None)
    assert resp.status_code == 200
    _assert_common_headers(resp)
    region = resp.json()["hosts"][0]
    me = base.removeprefix("http://")
    for service in ("io", "rs", "rsf", "api", "uc"):
        assert region[service]["domains"] == [me]
    assert region["up"]["domains"] == [me, me.replace("127.0.0.1", "localhost")]
    assert region["region"] == "z0"
    assert region["ttl"] > 0
    for query in (f"ak={SANDBOX_AK}&bucket=nope", "ak=unknown-ak&bucket=test-bucket", "bucket=x"):
        missing = call("GET", f"{base}/v4/query?{query}", None)
        assert missing.status_code == 612, query
        assert missing.json() == {"error": "no such entry"}
        _assert_common_headers(missing)


@pytest.mark.parametrize("kind", SIGNERS)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_list_bucket_names(fsandbox: SandboxServer, kind: str, method: str) -> None:
    resp = call(method, f"{fsandbox.base_url}/buckets", kind)
    assert resp.status_code == 200
    assert resp.json() == ["other-bucket", "private-bucket", "test-bucket"]
    _assert_common_headers(resp)


@pytest.mark.parametrize("kind", SIGNERS)
@pytest.mark.parametrize(
    "creds",
    [("sandbox-test-ak", "wrong-secret"), ("unknown-ak", "sandbox-test-sk")],
)
def test_bad_credentials_rejected(
    fsandbox: SandboxServer, kind: str, creds: tuple[str, str]
) -> None:
    for path in ("/buckets", "/v2/domains?tbl=test-bucket", "/list?bucket=test-bucket"):
        resp = call("POST", f"{fsandbox.base_url}{path}", kind, ak=creds[0], sk=creds[1])
        assert resp.status_code == 401, path
        assert resp.json() == {"error": "bad token"}
        _assert_common_headers(resp)


def test_missing_credentials_rejected(fsandbox: SandboxServer) -> None:
    resp = call("GET", f"{fsandbox.base_url}/buckets", None)
    assert resp.status_code == 401
    assert resp.json() == {"error": "bad token"}


def test_buckets_v4_paging(fsandbox: SandboxServer) -> None:
    for i in range(5):
        fsandbox.storage.create_bucket(f"page-{i}")
    seen: list[str] = []
    marker = ""
    pages = 0
    while True:
        resp = call(
            "GET",
            f"{fsandbox.base_url}/buckets",
            "qiniu",
            params={"apiVersion": "v4", "limit": 3, "marker": marker},
        )
        assert resp.status_code == 200
        body = resp.json()
        pages += 1
        assert len(body["buckets"]) <= 3
        seen += [b["name"] for b in body["buckets"]]
        assert body["is_truncated"] == bool(body["next_marker"])
        if not body["is_truncated"]:
            break
        marker = body["next_marker"]
    assert pages == 3
    assert seen == sorted(b.name for b in fsandbox.storage.buckets())
    private = next(
        b
        for b in call("GET", f"{fsandbox.base_url}/buckets?apiVersion=v4", "qbox").json()["buckets"]
        if b["name"] == "private-bucket"
    )
    assert private["private"] is True
    assert private["region"] == "z0"
    assert private["ctime"].endswith("Z")
    bad = call("GET", f"{fsandbox.base_url}/buckets?apiVersion=v4&limit=101", "qbox")
    assert bad.status_code == 400


def test_buckets_v3_and_domains(fsandbox: SandboxServer) -> None:
    fsandbox.storage.put_bytes("test-bucket", "a", b"12345")
    v3 = call("POST", f"{fsandbox.base_url}/v3/buckets?region=z0", "qiniu").json()
    row = next(b for b in v3 if b["name"] == "test-bucket")
    assert row["file_num"] == 1
    assert row["storage_size"] == 5
    host = fsandbox.base_url.removeprefix("http://")
    for kind in SIGNERS:
        domains = call("POST", f"{fsandbox.base_url}/v2/domains?tbl=test-bucket", kind)
        assert domains.json() == [f"{host}/dl/test-bucket"]
    v3d = call("GET", f"{fsandbox.base_url}/v3/domains?tbl=test-bucket", "qiniu").json()
    assert v3d[0]["domain"] == f"{host}/dl/test-bucket"
    assert v3d[0]["tbl"] == "test-bucket"
    missing = call("POST", f"{fsandbox.base_url}/v2/domains?tbl=nope", "qiniu")
    assert missing.status_code == 631
    assert missing.json() == {"error": "no such bucket"}


def test_sandbox_info_and_unknown_routes(fsandbox: SandboxServer) -> None:
    info = call("GET", f"{fsandbox.base_url}/sandbox/info", None)
    assert info.status_code == 200
    body = info.json()
    assert body["sandbox"] is True
    assert {b["name"] for b in body["buckets"]} >= {"test-bucket", "private-bucket"}
    assert body["pipelines"] == []
    unknown = call("GET", f"{fsandbox.base_url}/no/such/thing", "qiniu")
    assert unknown.status_code == 404
    _assert_common_headers(unknown)
    wrong_method = call("DELETE", f"{fsandbox.base_url}/buckets", "qiniu")
    assert wrong_method.status_code == 405
