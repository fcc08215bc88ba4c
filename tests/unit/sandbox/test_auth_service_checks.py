"""X-Qiniu-Date skew (403) and the Node.js SDK's port-doubled Host, with hand-signed requests."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from qiniu import QiniuMacAuth

from qfopgui.sandbox.auth import DATE_SKEW_LIMIT, AuthFailure, Verifier, check_qiniu_date
from qfopgui.sandbox.routes.common import HeaderMap

AK, SK = "MY_ACCESS_KEY", "MY_SECRET_KEY"
FORM = "application/x-www-form-urlencoded"
HOST = "127.0.0.1:9000"
PATH = "/v2/bucketInfo?bucket=b"


def _date(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y%m%dT%H%M%SZ")


def _signed(signed_host: str, date: str | None = None) -> HeaderMap:
    """Headers of a request the client signed for ``signed_host`` (sent with Host: HOST)."""
    qheaders = {"X-Qiniu-Date": date} if date else {}
    mac = QiniuMacAuth(AK, SK)
    token = mac.token_of_request(
        "POST", signed_host, f"http://{HOST}{PATH}", mac.qiniu_headers(qheaders), FORM, None
    )
    return HeaderMap(
        [("Authorization", f"Qiniu {token}"), ("Content-Type", FORM), *qheaders.items()]
    )


def _check(headers: HeaderMap, now: float | None = None) -> str:
    return Verifier({AK: SK}).management(
        method="POST", host=HOST, raw_path=PATH, headers=headers, body=b"", now=now
    )


@pytest.mark.parametrize("signed_host", [HOST, f"{HOST}:9000"])
def test_correct_and_port_doubled_host_accepted(signed_host: str) -> None:
    assert _check(_signed(signed_host)) == AK


@pytest.mark.parametrize(
    "signed_host",
    [
        "127.0.0.1:9001",
        "localhost:9000",
        "127.0.0.1",
        f"{HOST}:9001",
        f"{HOST}:9000:9000",
        f"{HOST}9000",
        "127.0.0.1:9000:",
    ],
)
def test_other_host_mismatches_refused(signed_host: str) -> None:
    with pytest.raises(AuthFailure) as exc:
        _check(_signed(signed_host))
    assert exc.value.status == 401


def test_host_without_port_has_no_doubled_variant() -> None:
    token = QiniuMacAuth(AK, SK).token_of_request(
        "GET", "uc.example:", "http://uc.example/buckets", {}, FORM, None
    )
    headers = HeaderMap([("Authorization", f"Qiniu {token}"), ("Content-Type", FORM)])
    with pytest.raises(AuthFailure):
        Verifier({AK: SK}).management(
            method="GET", host="uc.example", raw_path="/buckets", headers=headers, body=b""
        )


def test_date_within_fifteen_minutes_accepted() -> None:
    now = time.time()
    for offset in (0, DATE_SKEW_LIMIT - 5, -(DATE_SKEW_LIMIT - 5)):
        assert _check(_signed(HOST, _date(now + offset)), now=now) == AK
    assert _check(_signed(HOST)) == AK  # absent is fine


@pytest.mark.parametrize("offset", [DATE_SKEW_LIMIT + 5, -(DATE_SKEW_LIMIT + 5), -86400 * 400])
def test_date_skew_refused_with_403(offset: int) -> None:
    now = time.time()
    with pytest.raises(AuthFailure) as exc:
        _check(_signed(HOST, _date(now + offset)), now=now)
    assert (exc.value.status, exc.value.message) == (403, "request time is too skewed")


def test_date_checked_only_after_the_signature() -> None:
    headers = _signed(HOST, _date(time.time() - 3600))
    forged = HeaderMap([(k, v + "x" if k == "Authorization" else v) for k, v in headers.items()])
    with pytest.raises(AuthFailure) as exc:
        _check(forged)
    assert exc.value.status == 401


def test_malformed_date_is_400() -> None:
    with pytest.raises(AuthFailure) as exc:
        check_qiniu_date("2024-01-01 00:00:00")
    assert exc.value.status == 400
    check_qiniu_date("")
