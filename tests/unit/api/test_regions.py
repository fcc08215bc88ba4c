"""Per-bucket region discovery: `/v4/query` cached by ttl, single-flight, refresh on the
service's region error, explicit hosts win, fallback on a passing failure, prefop by id."""

from __future__ import annotations

import threading
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest

from qfopgui.api.config import Endpoints
from qfopgui.api.errors import BadRequestError, NoSuchBucketError
from qfopgui.api.regions import RegionCache, RegionHosts, is_region_error, region_of_job
from qfopgui.services.profiles import Profile
from tests.unit.api.fakes import Call, Reply, make_client

UC = "http://uc.test"
DISCOVER = Endpoints.discovered("z0", UC)  # fallback: everything on the uc host


def region(name: str, host: str, ttl: int = 100) -> dict[str, object]:
    block = {"domains": [host]}
    return {
        "region": name,
        "ttl": ttl,
        **{s: block for s in ("up", "io", "rs", "rsf", "api")},
        "uc": {"domains": ["uc.test"]},
    }


def host_of(call: Call) -> str:
    return urlsplit(str(call.request.url)).netloc


STAT = {"fsize": 1, "hash": "h", "mimeType": "a/b", "putTime": 1}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def world(regions: dict[str, list[object]]) -> Callable[[Call], Reply]:
    """uc answers each bucket's scripted query answers in turn; other hosts answer stat."""

    def handle(call: Call) -> Reply:
        if call.path == "/v4/query":
            bucket = dict(call.query)["bucket"]
            answer = regions[bucket].pop(0) if len(regions[bucket]) > 1 else regions[bucket][0]
            return answer if isinstance(answer, Reply) else Reply(body={"hosts": [answer]})
        if call.path.startswith("/status/get/prefop"):
            return Reply(body={"id": "x", "code": 0, "desc": "ok", "items": []})
        return Reply(body=STAT)

    return handle


def test_query_is_cached_for_its_ttl_then_asked_again() -> None:
    clock = Clock()
    client, adapter = make_client(
        world({"b": [region("z2", "z2.test:81", ttl=100)]}),
        endpoints=DISCOVER,
        region_cache=RegionCache(clock),
    )
    client.stat("b", "k")
    client.stat("b", "k")
    assert [(c.path, host_of(c)) for c in adapter.calls] == [
        ("/v4/query", "uc.test"),
        (adapter.calls[1].path, "z2.test:81"),
        (adapter.calls[2].path, "z2.test:81"),
    ]
    assert dict(adapter.calls[0].query) == {"ak": "test-ak", "bucket": "b"}
    assert "Authorization" not in adapter.calls[0].headers  # unsigned, like the SDKs
    clock.now += 99
    client.stat("b", "k")
    assert sum(c.path == "/v4/query" for c in adapter.calls) == 1
    clock.now += 2  # past the ttl
    client.stat("b", "k")
    assert sum(c.path == "/v4/query" for c in adapter.calls) == 2


def test_concurrent_queries_for_one_bucket_are_single_flight() -> None:
    cache = RegionCache()
    release = threading.Event()
    loads: list[int] = []
    hosts = RegionHosts("z2", *(("http://z2.test",),) * 5)

    def load() -> RegionHosts:
        loads.append(1)
        release.wait(5)
        return hosts

    results: list[RegionHosts] = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get(("u", "a", "b"), load)))
        for _ in range(8)
    ]
    for t in threads:
        t.start()
    release.set()
    for t in threads:
        t.join(5)
    assert loads == [1]
    assert results == [hosts] * 8


def test_a_failed_load_reaches_waiters_and_is_not_cached() -> None:
    cache = RegionCache()
    with pytest.raises(OSError, match="down"):
        cache.get(("u", "a", "b"), lambda: (_ for _ in ()).throw(OSError("down")))
    hosts = RegionHosts("z0", *(("http://h",),) * 5)
    assert cache.get(("u", "a", "b"), lambda: hosts) is hosts


@pytest.mark.parametrize(
    ("call", "error"),
    [
        ("stat", "incorrect zone"),
        ("upload", "incorrect region, please use z2.test:82"),
        ("pfop", "incorrect zone"),
    ],
)
def test_region_error_refreshes_once_and_repeats(call: str, error: str) -> None:
    answers: list[object] = [region("z0", "wrong.test:80"), region("z2", "z2.test:82")]

    def handle(c: Call) -> Reply:
        if c.path == "/v4/query":
            return Reply(body={"hosts": [answers.pop(0)]})
        if host_of(c) == "wrong.test:80":
            return Reply(400, {"error": error})
        if c.path.startswith("/pfop"):
            return Reply(body={"persistentId": "z2.1"})
        if c.method == "POST" and c.path == "/":
            return Reply(body={"key": "k", "hash": "h"})
        return Reply(body=STAT)

    client, adapter = make_client(handle, endpoints=DISCOVER)
    if call == "stat":
        client.stat("b", "k")
    elif call == "upload":
        client.upload_bytes("b", "k", b"x")
    else:
        client.pfop("b", "k", ["avinfo"])
    assert [host_of(c) for c in adapter.calls] == [
        "uc.test",
        "wrong.test:80",
        "uc.test",
        "z2.test:82",
    ]


def test_region_error_twice_is_raised_not_looped() -> None:
    def handle(c: Call) -> Reply:
        if c.path == "/v4/query":
            return Reply(body={"hosts": [region("z0", "wrong.test")]})
        return Reply(400, {"error": "incorrect zone"})

    client, adapter = make_client(handle, endpoints=DISCOVER)
    with pytest.raises(BadRequestError) as info:
        client.stat("b", "k")
    assert is_region_error(info.value)
    assert len(adapter.calls) == 4  # query, stat, query, stat


@pytest.mark.parametrize(
    "endpoints",
    [
        Endpoints.single("http://private.test"),
        Profile("p", "ak", hosts={"uc": UC, "rs": "http://private.test"}).endpoints(),
        Profile("p", "ak", hosts={"base": "http://private.test"}).endpoints(),
    ],
)
def test_explicit_hosts_win_and_nothing_is_queried(endpoints: Endpoints) -> None:
    assert not endpoints.discover
    client, adapter = make_client(world({}), endpoints=endpoints)
    client.stat("b", "k")
    assert [(c.path, host_of(c)) for c in adapter.calls] == [
        (adapter.calls[0].path, "private.test")
    ]
    assert adapter.calls[0].path.startswith("/stat/")


def test_uc_only_and_no_hosts_discover() -> None:
    assert Profile("p", "ak", hosts={"uc": UC}).endpoints().discover
    assert Profile("p", "ak", region="z2").endpoints().discover
    assert Profile("p", "ak", region="z2").endpoints().rs == "https://rs-z2.qiniuapi.com"


def test_transient_query_failure_falls_back_and_asks_again_next_time() -> None:
    answers: list[object] = [Reply(503, {"error": "busy"}), region("z2", "z2.test")]
    client, adapter = make_client(
        world({"b": answers}), endpoints=Endpoints.discovered("z1"), max_retries=0
    )
    client.stat("b", "k")
    assert [host_of(c) for c in adapter.calls] == ["uc.qiniuapi.com", "rs-z1.qiniuapi.com"]
    client.stat("b", "k")
    assert [host_of(c) for c in adapter.calls[2:]] == ["uc.qiniuapi.com", "z2.test"]


@pytest.mark.parametrize("status", [612, 631])
def test_no_such_bucket_from_the_query_is_the_calls_own_error(status: int) -> None:
    client, adapter = make_client(
        world({"gone": [Reply(status, {"error": "no such entry"})]}), endpoints=DISCOVER
    )
    with pytest.raises(NoSuchBucketError) as info:
        client.stat("gone", "k")
    assert "“gone”" in info.value.message
    assert [c.path for c in adapter.calls] == ["/v4/query"]  # no fallback request


def test_prefop_goes_to_the_region_its_id_names_once_known() -> None:
    client, adapter = make_client(world({"b": [region("z2", "api-z2.test")]}), endpoints=DISCOVER)
    client.prefop("z2.abc")  # nothing learnt yet: the account's api host
    client.stat("b", "k")  # teaches z2
    client.prefop("z2.abc")
    client.prefop("z1.abc")
    client.prefop("abc")
    prefops = [host_of(c) for c in adapter.calls if c.path.startswith("/status")]
    assert prefops == ["uc.test", "api-z2.test", "uc.test", "uc.test"]


def test_multipart_session_is_made_without_io_then_uses_the_buckets_up_host() -> None:
    def handle(c: Call) -> Reply:
        if c.path == "/v4/query":
            return Reply(body={"hosts": [region("z2", "z2.test")]})
        return Reply(body={"uploadId": "u1", "expireAt": 1})

    client, adapter = make_client(handle, endpoints=DISCOVER)
    session = client.multipart_session("b", "k")  # made on the Qt thread: no I/O here
    assert adapter.calls == []
    assert session.init(client.upload_token("b", "k")).upload_id == "u1"
    assert [host_of(c) for c in adapter.calls] == ["uc.test", "z2.test"]
    assert adapter.calls[1].path.startswith("/buckets/b/objects/")


def test_region_of_job() -> None:
    assert region_of_job("z2.0123") == "z2"
    assert region_of_job("cn-east-2.x") == "cn-east-2"
    assert region_of_job("abc") == region_of_job(".x") == region_of_job("z2.") == ""


def test_bad_query_answers_fall_back() -> None:
    bad = {"region": "z2", "up": {"domains": ["http://z2.test/path"]}}
    client, adapter = make_client(world({"b": [bad]}), endpoints=DISCOVER)
    client.stat("b", "k")
    assert [host_of(c) for c in adapter.calls] == ["uc.test", "uc.test"]
    assert adapter.calls[1].path.startswith("/stat/")
