"""What the client puts on the wire (paths, queries, bodies, headers, signatures) and parses."""

from __future__ import annotations

import threading

import pytest
import requests
from qiniu import QiniuMacAuth
from qiniu.utils import entry

from qfopgui.api.client import QiniuClient
from qfopgui.api.config import Credentials, Endpoints
from qfopgui.api.errors import ProtocolError
from tests.unit.api.fakes import (
    AK,
    BASE,
    SK,
    Call,
    FakeAdapter,
    Reply,
    make_client,
    session_factory_for,
)


def assert_signed(call: Call) -> None:
    """Recompute the Qiniu v2 signature with the SDK from what was actually sent."""
    mac = QiniuMacAuth(AK, SK)
    headers = dict(call.headers)
    body = call.request.body
    token = mac.token_of_request(
        call.method,
        None,
        call.request.url,
        mac.qiniu_headers(headers),
        headers.get("Content-Type"),
        body.decode() if isinstance(body, bytes) else body,
    )
    assert call.headers["Authorization"] == f"Qiniu {token}"
    assert call.headers["X-Qiniu-Date"].endswith("Z")
    # any tampering breaks it
    other = mac.token_of_request("DELETE", None, call.request.url, "", None, None)
    assert call.headers["Authorization"] != f"Qiniu {other}"


def test_list_buckets_v4_paged() -> None:
    client, adapter = make_client(
        [
            Reply(
                body={
                    "buckets": [{"name": "a", "region": "z0", "private": False, "new": 1}],
                    "next_marker": "m1",
                    "is_truncated": True,
                }
            ),
            Reply(
                body={
                    "buckets": [{"name": "b", "region": "z2", "private": True}],
                    "next_marker": "",
                    "is_truncated": False,
                }
            ),
        ]
    )
    buckets = client.list_buckets()
    got = [(b.name, b.region, b.private) for b in buckets]
    assert got == [("a", "z0", False), ("b", "z2", True)]
    first, second = adapter.calls
    assert (first.method, first.path) == ("GET", "/buckets")
    assert first.raw_query == "apiVersion=v4&limit=100"
    assert second.raw_query == "apiVersion=v4&limit=100&marker=m1"
    assert_signed(first)
    assert_signed(second)


def test_list_buckets_classic_list_answer() -> None:
    client, _ = make_client([Reply(body=["x", "y"])])
    assert [b.name for b in client.list_buckets()] == ["x", "y"]


def test_bucket_domains() -> None:
    client, adapter = make_client([Reply(body=["cdn.example.com", {"domain": "v3.example.com"}])])
    assert client.bucket_domains("my-bucket") == ["cdn.example.com", "v3.example.com"]
    (call,) = adapter.calls
    assert (call.method, call.path, call.query) == ("GET", "/v2/domains", [("tbl", "my-bucket")])
    assert_signed(call)


def test_list_page_query_and_parse() -> None:
    page_body = {
        "marker": "bWs=",
        "commonPrefixes": ["a/b/"],
        "items": [
            {
                "key": "a/x.mp4",
                "hash": "Fh",
                "fsize": 10,
                "mimeType": "video/mp4",
                "putTime": 17000000000000000,
                "type": 1,
                "status": 0,
                "endUser": "u",
                "md5": "abc",
                "x-qn-meta": {"k": "v"},
                "brandNew": [1, 2],
            },
        ],
    }
    client, adapter = make_client([Reply(body=page_body)])
    page = client.list_page("bkt", prefix="a/", delimiter="/", marker="m 0", limit=10)
    (call,) = adapter.calls
    assert (call.method, call.path) == ("GET", "/list")
    assert call.raw_query == "bucket=bkt&marker=m+0&limit=10&prefix=a%2F&delimiter=%2F"
    assert_signed(call)
    assert page.marker == "bWs="
    assert page.prefixes == ("a/b/",)
    (item,) = page.items
    assert (item.key, item.fsize, item.hash, item.mime_type, item.type, item.end_user) == (
        "a/x.mp4",
        10,
        "Fh",
        "video/mp4",
        1,
        "u",
    )
    assert item.modified.year == 2023


def test_list_page_minimal_query() -> None:
    client, adapter = make_client([Reply(body={"items": []})])
    page = client.list_page("bkt")
    assert adapter.calls[0].raw_query == "bucket=bkt&limit=1000"
    assert (page.marker, page.items, page.prefixes) == ("", (), ())


@pytest.mark.parametrize("limit", [0, -1, 1001])
def test_list_limit_validated_client_side(limit: int) -> None:
    client, adapter = make_client([])
    with pytest.raises(ValueError, match="limit"):
        client.list_page("bkt", limit=limit)
    assert adapter.calls == []


def test_iter_pages_follows_marker_not_item_count() -> None:
    client, adapter = make_client(
        [
            Reply(body={"marker": "m1", "items": [{"key": "a"}]}),
            Reply(body={"marker": "m2", "items": []}),  # empty page mid-listing: keep going
            Reply(body={"marker": "", "items": [{"key": "b"}]}),
        ]
    )
    pages = list(client.iter_pages("bkt", prefix="p", limit=1))
    assert [[i.key for i in p.items] for p in pages] == [["a"], [], ["b"]]
    markers = [dict(c.query).get("marker") for c in adapter.calls]
    assert markers == [None, "m1", "m2"]
    assert all(dict(c.query)["prefix"] == "p" for c in adapter.calls)


def test_iter_pages_repeating_marker_is_protocol_error() -> None:
    client, _ = make_client([Reply(body={"marker": "m", "items": []})] * 3)
    with pytest.raises(ProtocolError):
        list(client.iter_pages("bkt"))


def test_stat_path_and_parse() -> None:
    key = "视频/a b.mp4"
    client, adapter = make_client(
        [Reply(body={"fsize": 5, "hash": "Fq", "mimeType": "video/mp4", "putTime": 1, "x": 1})]
    )
    info = client.stat("bkt", key)
    (call,) = adapter.calls
    assert (call.method, call.path) == ("GET", f"/stat/{entry('bkt', key)}")
    assert_signed(call)
    assert (info.key, info.fsize, info.hash, info.mime_type) == (key, 5, "Fq", "video/mp4")


def test_delete() -> None:
    client, adapter = make_client([Reply(body={})])
    client.delete("bkt", "k")
    (call,) = adapter.calls
    assert (call.method, call.path) == ("POST", f"/delete/{entry('bkt', 'k')}")
    assert_signed(call)


def test_pfop_form_fields() -> None:
    client, adapter = make_client([Reply(body={"persistentId": "z0.abc"})])
    pid = client.pfop(
        "bkt",
        "in.mp4",
        ["avthumb/mp4|saveas/eA==", "vframe/jpg/offset/1"],
        pipeline="pipe",
        type=1,
        workflow_template_id="wf",
    )
    assert pid == "z0.abc"
    (call,) = adapter.calls
    assert (call.method, call.path) == ("POST", "/pfop/")
    assert call.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert call.form() == [
        ("bucket", "bkt"),
        ("key", "in.mp4"),
        ("fops", "avthumb/mp4|saveas/eA==;vframe/jpg/offset/1"),
        ("pipeline", "pipe"),
        ("type", "1"),
        ("workflowTemplateID", "wf"),
    ]
    assert_signed(call)


def test_pfop_omits_defaults_and_validates() -> None:
    client, adapter = make_client([Reply(body={"persistentId": "z0.1"})])
    client.pfop("b", "k", ["avinfo"])
    assert adapter.calls[0].form() == [("bucket", "b"), ("key", "k"), ("fops", "avinfo")]
    with pytest.raises(ValueError, match="fop"):
        client.pfop("b", "k", [])
    with pytest.raises(TypeError):
        client.pfop("b", "k", "avinfo")
    assert len(adapter.calls) == 1


def test_pfop_without_persistent_id_is_protocol_error() -> None:
    client, _ = make_client([Reply(body={})])
    with pytest.raises(ProtocolError):
        client.pfop("b", "k", ["avinfo"])


PREFOP = {
    "id": "z0.5be9",
    "pipeline": "1380.p",
    "code": 3,
    "desc": "The fop is failed",
    "reqid": "rq",
    "inputBucket": "ib",
    "inputKey": "ik",
    "type": 1,
    "creationDate": "2024-05-21T10:30:00+08:00",
    "taskFrom": "workflow: wf1",
    "future": {"a": 1},
    "items": [
        {
            "cmd": "avthumb/mp4|saveas/x",
            "code": 0,
            "desc": "ok",
            "hash": "Fh",
            "key": "o.mp4",
            "returnOld": 1,
            "newField": True,
        },
        {
            "cmd": "vsample/jpg",
            "code": 3,
            "desc": "The fop is failed",
            "error": "execute fop cmd failed: bad",
            "errorIndex": 0,
            "keys": ["a", "b"],
            "result": {"x": 1},
        },
    ],
}


def test_prefop_all_fields() -> None:
    client, adapter = make_client([Reply(body=PREFOP)])
    st = client.prefop("z0.5be9")
    (call,) = adapter.calls
    assert (call.method, call.path) == ("GET", "/status/get/prefop")
    assert call.query == [("id", "z0.5be9")]
    assert_signed(call)
    assert (st.id, st.code, st.desc, st.pipeline, st.reqid) == (
        "z0.5be9",
        3,
        "The fop is failed",
        "1380.p",
        "rq",
    )
    assert (st.input_bucket, st.input_key, st.type) == ("ib", "ik", 1)
    assert (st.creation_date, st.task_from) == ("2024-05-21T10:30:00+08:00", "workflow: wf1")
    assert st.raw["future"] == {"a": 1}
    ok, bad = st.items
    assert (ok.cmd, ok.code, ok.hash, ok.key, ok.return_old, ok.error_index) == (
        "avthumb/mp4|saveas/x",
        0,
        "Fh",
        "o.mp4",
        True,
        None,
    )
    assert (bad.code, bad.error, bad.error_index, bad.keys, bad.result) == (
        3,
        "execute fop cmd failed: bad",
        0,
        ("a", "b"),
        {"x": 1},
    )
    assert bad.return_old is False


def test_prefop_tolerates_sparse_and_odd_answers() -> None:
    client, _ = make_client([Reply(body={"code": "1", "items": None, "type": None})])
    st = client.prefop("z")
    assert (st.code, st.items, st.type, st.id) == (1, (), 0, "")


def test_timeout_and_user_agent_on_every_call() -> None:
    client, adapter = make_client(
        [Reply(body=["b"]), Reply(body={"items": []})], timeout=(1.5, 7.0), user_agent="ua/1"
    )
    client.list_buckets()
    client.list_page("b")
    assert [c.timeout for c in adapter.calls] == [(1.5, 7.0), (1.5, 7.0)]
    assert {c.headers["User-Agent"] for c in adapter.calls} == {"ua/1"}


def test_default_user_agent_names_the_app() -> None:
    client, adapter = make_client([Reply(body=["b"])])
    client.list_buckets()
    assert adapter.calls[0].headers["User-Agent"].startswith("qfopgui/")
    assert adapter.calls[0].timeout == (5.0, 30.0)


def test_region_endpoints_route_each_service() -> None:
    client, adapter = make_client(
        [
            Reply(body=["b"]),
            Reply(body={"items": []}),
            Reply(body={"fsize": 1}),
            Reply(body={"code": 0}),
        ],
        endpoints=Endpoints.for_region("z2"),
    )
    client.list_buckets()
    client.list_page("b")
    client.stat("b", "k")
    client.prefop("p")
    hosts = [str(c.request.url).split("/")[2] for c in adapter.calls]
    assert hosts == [
        "uc.qiniuapi.com",
        "rsf-z2.qiniuapi.com",
        "rs-z2.qiniuapi.com",
        "api-z2.qiniuapi.com",
    ]
    assert all(str(c.request.url).startswith("https://") for c in adapter.calls)


def test_one_session_per_thread_and_close() -> None:
    adapter = FakeAdapter(lambda call: Reply(body=["b"]))
    base_factory = session_factory_for(adapter)
    made: list[requests.Session] = []
    closed: list[requests.Session] = []

    def factory() -> requests.Session:
        s = base_factory()
        s.close = lambda s=s: closed.append(s)  # type: ignore[method-assign]
        made.append(s)
        return s

    client = QiniuClient(Credentials(AK, SK), Endpoints.single(BASE), session_factory=factory)
    client.list_buckets()
    client.list_buckets()
    assert len(made) == 1
    threads = [threading.Thread(target=client.list_buckets) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(made) == 4 == client.transport.session_count()
    assert len(adapter.calls) == 5
    client.close()
    assert client.transport.session_count() == 0
    assert sorted(map(id, closed)) == sorted(map(id, made))
    client.list_buckets()  # usable again with a fresh session
    assert len(made) == 5


def test_base_url_path_prefix_is_kept() -> None:
    client, adapter = make_client([Reply(body=["b"])], endpoints=Endpoints.single(BASE + "/q/"))
    client.list_buckets()
    assert adapter.calls[0].path == "/q/buckets"
