"""Retry-After parsing and use, prefop sent once, and the bounds that stop endless listings."""

from __future__ import annotations

import email.utils
import time

import pytest

from qfopgui.api import client as client_module
from qfopgui.api import errors
from qfopgui.api import messages as M
from qfopgui.api.responses import parse_retry_after
from qfopgui.api.transport import MAX_BACKOFF
from tests.unit.api.fakes import Call, Reply, make_client

NOW = 1_700_000_000.0


def http_date(ts: float) -> str:
    return email.utils.formatdate(ts, usegmt=True)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        ("0", 0.0),
        (" 7 ", 7.0),
        ("2.5", 2.5),
        ("86400", 3600.0),  # clamped
        ("99999999999", 3600.0),
        (http_date(NOW + 30), 30.0),
        (http_date(NOW - 30), 0.0),  # in the past: now
        (http_date(NOW + 10 * 86400), 3600.0),
        ("Tue, 14 Nov 2023 22:13:50 GMT", 30.0),  # NOW + 30 spelled out
    ],
)
def test_retry_after_values(value: str, seconds: float) -> None:
    assert parse_retry_after(value, now=lambda: NOW) == pytest.approx(seconds)


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "soon",
        "-5",
        "1e3",
        "0x10",
        "5 s",
        "Wed, 99 Foo 2015 07:28:00 GMT",
        "NaN",
        "inf",
        "Tue, 14 Nov 2023 22:13:50 -0000",
        "\x00",
    ],
)
def test_retry_after_garbage_is_none(value: str | None) -> None:
    assert parse_retry_after(value, now=lambda: NOW) is None


def test_prefop_573_is_sent_once_and_carries_retry_after() -> None:
    sleeps: list[float] = []
    client, adapter = make_client(
        lambda call: Reply(573, {"error": "slow down"}, headers={"Retry-After": "7"}),
        sleeps=sleeps,
        max_retries=5,
    )
    with pytest.raises(errors.RateLimitedError) as info:
        client.prefop("z0.1")
    assert info.value.retry_after == 7.0
    assert len(adapter.calls) == 1
    assert sleeps == []


def test_429_is_rate_limited_with_http_date() -> None:
    header = http_date(time.time() + 5)
    client, _ = make_client([Reply(429, {}, headers={"Retry-After": header})])
    with pytest.raises(errors.RateLimitedError) as info:
        client.prefop("z0.1")
    assert info.value.retry_after is not None
    assert 3.0 <= info.value.retry_after <= 5.0


def test_503_server_error_carries_retry_after_and_none_without_it() -> None:
    client, _ = make_client(
        [Reply(503, {}, headers={"Retry-After": "2"}), Reply(503, {}, headers={"Retry-After": "x"})]
    )
    with pytest.raises(errors.ServerError) as first:
        client.prefop("z0.1")
    assert first.value.retry_after == 2.0
    with pytest.raises(errors.ServerError) as second:
        client.prefop("z0.1")
    assert second.value.retry_after is None


def test_read_retry_waits_at_least_retry_after() -> None:
    sleeps: list[float] = []
    client, adapter = make_client(
        [Reply(573, {}, headers={"Retry-After": "3"}), Reply(body={"fsize": 1})],
        sleeps=sleeps,
        backoff=0.2,
        jitter=lambda: 0.0,
    )
    assert client.stat("b", "k").fsize == 1
    assert sleeps == [3.0]
    assert len(adapter.calls) == 2


def test_read_is_not_retried_when_retry_after_is_long() -> None:
    sleeps: list[float] = []
    wait = str(int(MAX_BACKOFF) + 50)
    client, adapter = make_client(
        lambda call: Reply(503, {}, headers={"Retry-After": wait}), sleeps=sleeps, max_retries=3
    )
    with pytest.raises(errors.ServerError) as info:
        client.stat("b", "k")
    assert info.value.retry_after == float(wait)  # left to the caller
    assert len(adapter.calls) == 1
    assert sleeps == []


# -- listing bounds ------------------------------------------------------------------------


def test_default_bounds() -> None:
    assert client_module.MAX_BUCKET_PAGES == 10_000
    assert client_module.MAX_EMPTY_PAGES == 1_000


def endless_buckets(call: Call) -> Reply:
    n = len(dict(call.query).get("marker", ""))
    return Reply(body={"buckets": [f"b{n}"], "next_marker": "m" * (n + 1), "is_truncated": True})


def test_bucket_listing_stops_after_the_page_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client_module, "MAX_BUCKET_PAGES", 5)
    client, adapter = make_client(endless_buckets)
    with pytest.raises(errors.ProtocolError) as info:
        client.list_buckets()
    assert info.value.template == M.BUCKET_LIST_ENDLESS
    assert info.value.params == {"pages": "5"}
    assert len(adapter.calls) == 5


def test_bucket_listing_of_exactly_the_bound_succeeds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client_module, "MAX_BUCKET_PAGES", 3)
    pages = [
        Reply(body={"buckets": ["a"], "next_marker": "m1", "is_truncated": True}),
        Reply(body={"buckets": ["b"], "next_marker": "m2", "is_truncated": True}),
        Reply(body={"buckets": ["c"], "next_marker": "", "is_truncated": False}),
    ]
    client, _ = make_client(pages)
    assert [b.name for b in client.list_buckets()] == ["a", "b", "c"]


def empty_pages(call: Call) -> Reply:
    marker = dict(call.query).get("marker", "")
    return Reply(body={"items": [], "marker": marker + "x"})  # always a fresh marker


def test_endless_empty_pages_stop_at_the_default_bound() -> None:
    client, adapter = make_client(empty_pages)
    pages = client.iter_pages("b")
    with pytest.raises(errors.ProtocolError) as info:
        for _page in pages:
            pass
    assert info.value.template == M.LISTING_ENDLESS
    assert len(adapter.calls) == client_module.MAX_EMPTY_PAGES


def test_a_non_empty_page_resets_the_empty_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client_module, "MAX_EMPTY_PAGES", 3)
    script = [
        Reply(body={"items": [], "marker": "m1"}),
        Reply(body={"items": [], "marker": "m2"}),
        Reply(body={"items": [{"key": "a"}], "marker": "a"}),  # marker = last key: normal
        Reply(body={"items": [], "marker": "m3"}),
        Reply(body={"commonPrefixes": ["p/"], "marker": "m4"}),  # prefixes count as content
        Reply(body={"items": [], "marker": "m5"}),
        Reply(body={"items": [], "marker": "m6"}),
        Reply(body={"items": [{"key": "b"}], "marker": ""}),
    ]
    client, adapter = make_client(script)
    keys = [i.key for page in client.iter_pages("b") for i in page.items]
    assert keys == ["a", "b"]
    assert len(adapter.calls) == 8


def test_empty_run_at_the_bound_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client_module, "MAX_EMPTY_PAGES", 3)
    script = [Reply(body={"items": [], "marker": f"m{i}"}) for i in range(3)]
    client, adapter = make_client(script)
    with pytest.raises(errors.ProtocolError, match="3 empty pages"):
        list(client.iter_pages("b"))
    assert len(adapter.calls) == 3


def test_repeated_marker_after_content_is_still_a_loop() -> None:
    script = [
        Reply(body={"items": [{"key": "a"}], "marker": "m"}),
        Reply(body={"items": [{"key": "b"}], "marker": "n"}),
        Reply(body={"items": [{"key": "a"}], "marker": "m"}),
    ]
    client, _ = make_client(script)
    with pytest.raises(errors.ProtocolError) as info:
        list(client.iter_pages("b"))
    assert info.value.template == M.LISTING_LOOPS
