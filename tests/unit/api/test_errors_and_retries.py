"""Status → exception mapping, protocol checks, network failures, and the retry policy."""

from __future__ import annotations

import ssl
from collections.abc import Callable

import pytest
import requests
from urllib3.exceptions import (
    ConnectTimeoutError,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ProxyError,
    ReadTimeoutError,
    SSLError,
)

from qfopgui.api import errors
from qfopgui.api.client import QiniuClient
from tests.unit.api.fakes import Reply, make_client

STATUS_CASES: list[tuple[int, type[errors.QiniuError], str]] = [
    (400, errors.BadRequestError, "invalid"),
    (
        401,
        errors.AuthError,
        "The AccessKey or SecretKey is wrong, or the key was disabled. "
        "Check them in the account settings.",
    ),
    (403, errors.ForbiddenError, "not allowed"),
    (404, errors.NotFoundError, "The file was not found"),
    (573, errors.RateLimitedError, "Too many requests"),
    (429, errors.RateLimitedError, "Too many requests"),
    (579, errors.CallbackFailedError, "callback"),
    (599, errors.ServerError, "server failed"),
    (612, errors.NotFoundError, "The file was not found (“k” in “bkt”)"),
    (614, errors.AlreadyExistsError, "already exists"),
    (631, errors.NoSuchBucketError, "Bucket “bkt” does not exist in this account or region."),
    (640, errors.InvalidMarkerError, "listing position"),
    (500, errors.ServerError, "server failed"),
    (502, errors.ServerError, "server failed"),
    (503, errors.ServerError, "server failed"),
    (504, errors.ServerError, "server failed"),
    (418, errors.QiniuError, "HTTP 418"),
]


@pytest.mark.parametrize(("status", "exc_type", "text"), STATUS_CASES)
def test_status_mapping(status: int, exc_type: type[errors.QiniuError], text: str) -> None:
    client, _ = make_client(
        [Reply(status, {"error": f"server says {status}"}, reqid=f"rq{status}")] * 4,
        max_retries=0,
    )
    with pytest.raises(exc_type) as info:
        client.stat("bkt", "k")
    exc = info.value
    assert type(exc) is exc_type
    assert text in exc.message
    assert (exc.status, exc.reqid, exc.server_message) == (
        status,
        f"rq{status}",
        f"server says {status}",
    )
    assert f"request id rq{status}" in str(exc)


def test_no_such_bucket_on_list_names_the_bucket() -> None:
    client, _ = make_client([Reply(631, {"error": "no such bucket"})])
    with pytest.raises(errors.NoSuchBucketError, match=r"Bucket “media” does not exist"):
        client.list_page("media")


def test_prefop_612_says_job_not_found() -> None:
    client, _ = make_client([Reply(612, {"error": "no such id"})])
    with pytest.raises(errors.NotFoundError, match=r"processing job “z0\.x” was not found"):
        client.prefop("z0.x")


def test_expired_token_message() -> None:
    client, _ = make_client([Reply(401, {"error": "expired token"})])
    with pytest.raises(errors.AuthError, match="expired"):
        client.upload_bytes("b", "k", b"x")


def test_non_json_error_body_kept_as_server_message() -> None:
    client, _ = make_client([Reply(502, b"<html>Bad Gateway</html>", reqid=None)], max_retries=0)
    with pytest.raises(errors.ServerError) as info:
        client.list_page("b")
    assert info.value.server_message == "<html>Bad Gateway</html>"
    assert info.value.reqid is None


def test_200_without_reqid_is_protocol_error() -> None:
    client, _ = make_client([Reply(200, ["b"], reqid=None)])
    with pytest.raises(errors.ProtocolError, match="not a Qiniu server"):
        client.list_buckets()


def test_delete_200_without_reqid_is_protocol_error() -> None:
    client, _ = make_client([Reply(200, b"", reqid=None)])
    with pytest.raises(errors.ProtocolError):
        client.delete("b", "k")


def test_delete_empty_body_with_reqid_is_fine() -> None:
    client, adapter = make_client([Reply(200, b"")])
    client.delete("b", "k")
    assert len(adapter.calls) == 1


def test_200_with_non_json_body_is_protocol_error() -> None:
    client, _ = make_client([Reply(200, b"<html>hello</html>")])
    with pytest.raises(errors.ProtocolError, match="not a Qiniu server"):
        client.stat("b", "k")


def test_wrong_json_shape_is_protocol_error() -> None:
    client, _ = make_client([Reply(200, {"not": "a list"})])
    with pytest.raises(errors.ProtocolError):
        client.bucket_domains("b")


def _wrapped(outer: type[requests.RequestException], reason: Exception) -> Exception:
    """What requests raises: its error around urllib3's MaxRetryError around the reason."""
    return outer(MaxRetryError(None, "/buckets", reason))  # type: ignore[arg-type]


NOT_SENT: list[Exception] = [
    requests.ConnectTimeout("t"),
    _wrapped(requests.ConnectTimeout, ConnectTimeoutError(None, "connect timed out")),
    _wrapped(requests.ConnectionError, NewConnectionError(None, "refused")),  # type: ignore[arg-type]
    _wrapped(requests.ConnectionError, NameResolutionError("qiniu.test", None, OSError("dns"))),  # type: ignore[arg-type]
    _wrapped(requests.exceptions.SSLError, SSLError(ssl.SSLCertVerificationError("bad cert"))),
    _wrapped(requests.exceptions.ProxyError, ProxyError("proxy down", OSError("refused"))),
    requests.exceptions.InvalidURL("bad url"),
]
MAYBE_SENT: list[tuple[Exception, type[errors.QiniuError]]] = [
    (requests.ReadTimeout("t"), errors.TimeoutError_),
    (_wrapped(requests.ConnectionError, ReadTimeoutError(None, "/", "read")), errors.TimeoutError_),  # type: ignore[arg-type]
    (requests.ConnectionError("reset"), errors.OutcomeUnknownError),
    (
        requests.ConnectionError(ProtocolError("Connection aborted.", ConnectionResetError(104))),
        errors.OutcomeUnknownError,
    ),
    (
        requests.ConnectionError(ProtocolError("aborted", BrokenPipeError())),
        errors.OutcomeUnknownError,
    ),
    (requests.exceptions.ChunkedEncodingError("cut"), errors.OutcomeUnknownError),
    (requests.exceptions.SSLError("record layer failure"), errors.OutcomeUnknownError),
]


@pytest.mark.parametrize("exc", NOT_SENT, ids=repr)
def test_failures_before_sending_are_network_errors(exc: Exception) -> None:
    client, _ = make_client([exc], max_retries=0)
    with pytest.raises(errors.NetworkError, match=r"qiniu\.test") as info:
        client.list_buckets()
    assert not isinstance(info.value, errors.OutcomeUnknownError)
    assert info.value.status is None


@pytest.mark.parametrize(("exc", "exc_type"), MAYBE_SENT, ids=repr)
def test_failures_that_may_have_reached_the_server_are_unknown(
    exc: Exception, exc_type: type[errors.QiniuError]
) -> None:
    client, _ = make_client([exc], max_retries=0)
    with pytest.raises(exc_type, match=r"qiniu\.test") as info:
        client.pfop("b", "k", ["avinfo"])
    assert type(info.value) is exc_type
    assert isinstance(info.value, errors.OutcomeUnknownError)
    assert not isinstance(info.value, errors.NetworkError)
    assert "may or may not have received the request" in info.value.message


# -- retries -------------------------------------------------------------------------------

READS: dict[str, Callable[[QiniuClient], object]] = {
    "list_buckets": lambda c: c.list_buckets(),
    "bucket_domains": lambda c: c.bucket_domains("b"),
    "list_page": lambda c: c.list_page("b"),
    "stat": lambda c: c.stat("b", "k"),
}
OK_BODY = {
    "list_buckets": ["b"],
    "bucket_domains": ["d"],
    "list_page": {"items": []},
    "stat": {"fsize": 1},
}
TRANSIENT: list[Reply | BaseException] = [
    Reply(500, {"error": "x"}),
    Reply(502, {}),
    Reply(503, {}),
    Reply(504, {}),
    Reply(599, {"error": "x"}),
    Reply(573, {"error": "slow down"}),
    requests.ConnectionError("reset"),
    requests.ReadTimeout("slow"),
    _wrapped(requests.ConnectionError, NewConnectionError(None, "refused")),  # type: ignore[arg-type]
]


@pytest.mark.parametrize("name", list(READS))
@pytest.mark.parametrize("failure", TRANSIENT, ids=repr)
def test_reads_retry_transient_then_succeed(name: str, failure: Reply | BaseException) -> None:
    sleeps: list[float] = []
    client, adapter = make_client(
        [failure, failure, Reply(body=OK_BODY[name])],
        sleeps=sleeps,
        max_retries=3,
        backoff=0.2,
        jitter=lambda: 0.0,
    )
    READS[name](client)
    assert len(adapter.calls) == 3
    assert sleeps == [pytest.approx(0.1), pytest.approx(0.2)]  # 0.2·2^n·0.5 with zero jitter


def test_retries_are_bounded_with_growing_jittered_backoff() -> None:
    sleeps: list[float] = []
    client, adapter = make_client(
        lambda call: Reply(503, {"error": "busy"}), sleeps=sleeps, max_retries=3, backoff=0.2
    )
    with pytest.raises(errors.ServerError):
        client.list_page("b")
    assert len(adapter.calls) == 4  # 1 + max_retries
    assert len(sleeps) == 3
    for n, delay in enumerate(sleeps):
        assert 0.5 * 0.2 * 2**n <= delay <= 0.2 * 2**n


def test_max_retries_zero_means_one_attempt() -> None:
    client, adapter = make_client(lambda call: Reply(599, {}), max_retries=0)
    with pytest.raises(errors.ServerError):
        client.prefop("z")
    assert len(adapter.calls) == 1


@pytest.mark.parametrize("status", [400, 401, 403, 404, 501, 579, 612, 614, 631, 640, 701])
def test_final_statuses_never_retried(status: int) -> None:
    sleeps: list[float] = []
    client, adapter = make_client(lambda call: Reply(status, {"error": "no"}), sleeps=sleeps)
    with pytest.raises(errors.QiniuError):
        client.stat("b", "k")
    assert len(adapter.calls) == 1
    assert sleeps == []


WRITES: dict[str, Callable[[QiniuClient], object]] = {
    "pfop": lambda c: c.pfop("b", "k", ["avinfo"]),
    "delete": lambda c: c.delete("b", "k"),
    "upload_bytes": lambda c: c.upload_bytes("b", "k", b"data"),
}


@pytest.mark.parametrize("failure", TRANSIENT, ids=repr)
def test_prefop_is_sent_once_whatever_the_failure(failure: Reply | BaseException) -> None:
    """The poller owns prefop's back-off; a retry loop here multiplied the request rate."""
    sleeps: list[float] = []
    client, adapter = make_client([failure, Reply(body={"code": 0})], sleeps=sleeps, max_retries=5)
    with pytest.raises(errors.QiniuError):
        client.prefop("z0.1")
    assert len(adapter.calls) == 1
    assert sleeps == []


@pytest.mark.parametrize("name", list(WRITES))
@pytest.mark.parametrize(
    "failure",
    [Reply(599, {}), Reply(503, {}), Reply(573, {}), requests.ConnectionError("x")],
    ids=repr,
)
def test_writes_never_retried(name: str, failure: Reply | BaseException) -> None:
    sleeps: list[float] = []
    client, adapter = make_client(lambda call: failure, sleeps=sleeps, max_retries=5)
    with pytest.raises(errors.QiniuError):
        WRITES[name](client)
    assert len(adapter.calls) == 1
    assert sleeps == []


def test_concurrent_calls_from_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    client, adapter = make_client(lambda call: Reply(body={"fsize": 7}))
    with ThreadPoolExecutor(8) as pool:
        sizes = list(pool.map(lambda i: client.stat("b", f"k{i}").fsize, range(64)))
    assert sizes == [7] * 64
    assert len(adapter.calls) == 64
    assert 1 <= client.transport.session_count() <= 8


def test_logs_never_contain_secrets_or_tokens(caplog: pytest.LogCaptureFixture) -> None:
    import logging

    from tests.unit.api.fakes import SK

    caplog.set_level(logging.DEBUG, logger="qfopgui")
    client, _ = make_client(
        [Reply(503, {}), Reply(body={"items": []}), Reply(body={"hash": "h", "key": "k"})],
        max_retries=1,
    )
    client.list_page("b", prefix="secret-prefix")
    client.upload_bytes("b", "k", b"x", token="AK:SIGNATURE:POLICY")
    text = caplog.text
    assert "qiniu.test/list" in text  # something was logged
    for needle in (SK, "SIGNATURE", "secret-prefix", "Qiniu test-ak:"):
        assert needle not in text
