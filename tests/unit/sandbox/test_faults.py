"""Fault injection: seeded and deterministic, each fault kind seen over HTTP, /sandbox exempt."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
import requests

from qfopgui.sandbox import SandboxServer
from qfopgui.sandbox.faults import Fault, FaultInjector
from tests.unit.sandbox.fakes import call


def test_injector_is_seeded_and_respects_rates() -> None:
    a = FaultInjector(fail_rate=0.3, throttle_rate=0.2, drop_rate=0.1, seed=7)
    b = FaultInjector(fail_rate=0.3, throttle_rate=0.2, drop_rate=0.1, seed=7)
    seq_a = [a.decide("/list") for _ in range(2000)]
    assert seq_a == [b.decide("/list") for _ in range(2000)]
    counts = {f: sum(d.fault is f for d in seq_a) for f in Fault}
    assert 120 < counts[Fault.DROP] < 280  # ≈ 200
    assert 280 < counts[Fault.THROTTLE] < 440  # ≈ 0.9 * 0.2 * 2000 = 360
    assert counts[Fault.FAIL] > 300
    assert {d.status for d in seq_a if d.fault is Fault.FAIL} == {599, 503}
    assert FaultInjector(fail_rate=1.0).decide("/sandbox/info").fault is Fault.NONE
    assert FaultInjector().decide("/list").fault is Fault.NONE


def test_latency(sandbox_factory: Callable[..., SandboxServer]) -> None:
    server = sandbox_factory(latency_ms=200)
    start = time.monotonic()
    resp = call("GET", f"{server.base_url}/buckets", "qiniu")
    assert resp.status_code == 200
    assert time.monotonic() - start >= 0.2
    start = time.monotonic()
    call("GET", f"{server.base_url}/sandbox/info", None)
    assert time.monotonic() - start < 0.2


def test_fail_rate(sandbox_factory: Callable[..., SandboxServer]) -> None:
    server = sandbox_factory(fail_rate=1.0, seed=3)
    statuses = set()
    for _ in range(20):
        resp = call("GET", f"{server.base_url}/buckets", "qiniu")
        assert resp.headers["X-Reqid"]
        assert "error" in resp.json()
        statuses.add(resp.status_code)
    assert statuses == {599, 503}
    assert call("GET", f"{server.base_url}/sandbox/info", None).status_code == 200


def test_throttle_rate(sandbox_factory: Callable[..., SandboxServer]) -> None:
    server = sandbox_factory(throttle_rate=1.0)
    resp = call("GET", f"{server.base_url}/v4/query?ak=x&bucket=test-bucket", None)
    assert resp.status_code == 573
    assert resp.headers["Content-Type"] == "application/json"


def test_drop_rate(sandbox_factory: Callable[..., SandboxServer]) -> None:
    server = sandbox_factory(drop_rate=1.0)
    with pytest.raises(requests.ConnectionError):
        call("GET", f"{server.base_url}/buckets", "qiniu")
    assert call("GET", f"{server.base_url}/sandbox/info", None).status_code == 200
