"""Against a real loopback server: the total deadline interrupts stalled and trickling answers,
and failures are told apart by whether the request can have reached the server."""

from __future__ import annotations

import http.client
import io
import time
from collections.abc import Iterator
from typing import Any

import pytest
import urllib3

from qfopgui.api import errors
from qfopgui.api import messages as M
from qfopgui.api.client import QiniuClient
from qfopgui.api.config import Credentials, Endpoints
from qfopgui.api.upload import MIN_UPLOAD_RATE
from tests.unit.api import hostile_server as hs
from tests.unit.api.fakes import Reply, make_client
from tests.unit.api.hostile_server import HostileServer

DEADLINE = 2.0
SLACK = 1.5  # thread start-up, a loaded CI machine


def make(base_url: str, **kw: object) -> QiniuClient:
    """The real session (with `DeadlineAdapter`); read timeout far beyond the deadline."""
    options: dict[str, object] = {"timeout": (5.0, 30.0), "deadline": DEADLINE, "max_retries": 0}
    options.update(kw)
    return QiniuClient(
        Credentials("ak", "sk"),
        Endpoints.single(base_url),
        sleep=lambda _s: None,
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture
def serve() -> Iterator[list[HostileServer]]:
    started: list[HostileServer] = []
    yield started
    for server in started:
        server.close()


def start(serve: list[HostileServer], behaviour: hs.Behaviour, **kw: Any) -> HostileServer:
    server = HostileServer(behaviour, **kw).__enter__()
    serve.append(server)
    return server


def pfop_requests(server: HostileServer) -> list[tuple[str, str]]:
    return [r for r in server.requests if r == ("POST", "/pfop/")]


@pytest.mark.parametrize(
    "behaviour",
    [hs.stall_after_headers, hs.trickle_headers, hs.trickle_body],
    ids=["stall-after-headers", "trickle-headers", "trickle-body"],
)
def test_pfop_against_a_slow_server_ends_at_the_deadline(
    serve: list[HostileServer], behaviour: hs.Behaviour
) -> None:
    server = start(serve, behaviour)
    client = make(server.base_url)
    began = time.monotonic()
    with pytest.raises(errors.OutcomeUnknownError) as info:
        client.pfop("b", "k", ["avinfo"])
    took = time.monotonic() - began
    assert DEADLINE - 0.1 <= took < DEADLINE + SLACK, took  # the deadline, not a read timeout
    assert isinstance(info.value, errors.TimeoutError_)
    assert not isinstance(info.value, errors.NetworkError)
    assert info.value.template == M.DEADLINE
    assert "may or may not have received the request" in info.value.message
    assert pfop_requests(server) == [("POST", "/pfop/")]  # exactly one, never re-sent
    client.close()


def test_pfop_reset_after_the_request_was_read_is_unknown(serve: list[HostileServer]) -> None:
    server = start(serve, hs.reset)
    client = make(server.base_url, max_retries=5)
    began = time.monotonic()
    with pytest.raises(errors.OutcomeUnknownError) as info:
        client.pfop("b", "k", ["avinfo"])
    assert time.monotonic() - began < DEADLINE
    assert not isinstance(info.value, errors.NetworkError)
    assert info.value.template == M.CONNECTION_LOST
    assert pfop_requests(server) == [("POST", "/pfop/")]
    client.close()


def test_reads_are_retried_after_a_reset(serve: list[HostileServer]) -> None:
    server = start(serve, hs.reset)
    client = make(server.base_url, max_retries=2)
    with pytest.raises(errors.OutcomeUnknownError):
        client.stat("b", "k")
    assert len(server.requests) == 3  # 1 + max_retries: a read may be repeated safely
    client.close()


def test_refused_connection_is_a_network_error() -> None:
    client = make(f"http://127.0.0.1:{hs.free_port()}")
    with pytest.raises(errors.NetworkError) as info:
        client.pfop("b", "k", ["avinfo"])
    assert not isinstance(info.value, errors.OutcomeUnknownError)
    assert info.value.template == M.NO_CONNECTION
    client.close()


def test_failed_tls_handshake_is_a_network_error(serve: list[HostileServer]) -> None:
    # the server speaks plain HTTP at once, so the client's TLS handshake fails
    server = start(serve, hs.answer_ok, greeting=b"HTTP/1.1 400 Bad Request\r\n\r\n")
    client = make(server.base_url.replace("http://", "https://"))
    with pytest.raises(errors.NetworkError) as info:
        client.pfop("b", "k", ["avinfo"])
    assert not isinstance(info.value, errors.OutcomeUnknownError)
    assert server.requests == []
    client.close()


def test_a_stalled_tls_handshake_ends_at_the_deadline_as_a_network_error(
    serve: list[HostileServer],
) -> None:
    # a TLS record header, then one byte a second: the handshake never completes
    hello = b"\x16\x03\x03\x00\x40" + b"\x02" * 60
    server = start(serve, hs.answer_ok, greeting=hello, greeting_pause=1.0)
    client = make(server.base_url.replace("http://", "https://"))
    began = time.monotonic()
    with pytest.raises(errors.NetworkError):
        client.pfop("b", "k", ["avinfo"])
    assert DEADLINE - 0.1 <= time.monotonic() - began < DEADLINE + SLACK
    assert server.requests == []
    client.close()


def test_pooled_connections_keep_working_under_the_watchdog(serve: list[HostileServer]) -> None:
    server = start(serve, hs.answer_ok)
    client = make(server.base_url)
    assert [client.pfop("b", "k", ["avinfo"]) for _ in range(5)] == ["z0.ok"] * 5
    assert server.connections == 1  # one kept-alive connection carried all five
    assert len(pfop_requests(server)) == 5
    client.close()


def test_a_cut_short_answer_to_pfop_is_unknown(serve: list[HostileServer]) -> None:
    reply = hs.OK_HEAD + b'Content-Length: 100\r\n\r\n{"persistentId": "z0.'
    server = start(serve, hs.raw_reply(reply))
    client = make(server.base_url)
    with pytest.raises(errors.OutcomeUnknownError) as info:
        client.pfop("b", "k", ["avinfo"])
    assert info.value.template == M.CONNECTION_LOST
    assert pfop_requests(server) == [("POST", "/pfop/")]
    client.close()


def test_a_2xx_larger_than_the_cap_is_a_protocol_error(serve: list[HostileServer]) -> None:
    server = start(serve, hs.raw_reply(hs.OK_HEAD + b"Content-Length: 99999999999\r\n\r\n{"))
    client = make(server.base_url)
    with pytest.raises(errors.ProtocolError) as info:
        client.stat("b", "k")
    assert info.value.params["why"] == M.BODY_TOO_LARGE
    client.close()


def test_uploads_get_a_deadline_scaled_to_their_size(serve: list[HostileServer]) -> None:
    server = start(serve, hs.stall_after_headers)
    client = make(server.base_url, deadline=1.0)
    data = b"x" * (MIN_UPLOAD_RATE * 2)  # two more seconds than the base deadline
    began = time.monotonic()
    with pytest.raises(errors.TimeoutError_) as info:
        client.upload_bytes("b", "k", data, token="t")
    took = time.monotonic() - began
    assert 2.9 <= took < 3.0 + SLACK, took
    assert info.value.params["seconds"] == "3"
    client.close()


# -- the same rules with an adapter that has no watchdog (the deadline is checked per chunk) --


class Trickle(io.RawIOBase):
    """A body that gives one byte every quarter second, forever."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        time.sleep(0.25)
        buffer[0:1] = b"x"
        return 1


class Broken(io.RawIOBase):
    """A body that breaks off after a few bytes with `error`."""

    def __init__(self, error: Exception) -> None:
        self.error = error
        self.sent = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.sent:
            raise self.error
        self.sent = True
        buffer[0:2] = b'{"'
        return 2


def test_foreign_adapter_body_is_bounded_by_the_deadline() -> None:
    client, adapter = make_client([Reply(stream=Trickle())], deadline=1.0)
    began = time.monotonic()
    with pytest.raises(errors.TimeoutError_) as info:
        client.pfop("b", "k", ["avinfo"])
    assert 1.0 <= time.monotonic() - began < 1.0 + SLACK
    assert info.value.template == M.DEADLINE
    assert len(adapter.calls) == 1


@pytest.mark.parametrize(
    "error",
    [
        urllib3.exceptions.ProtocolError("Connection broken", http.client.IncompleteRead(b"")),
        http.client.IncompleteRead(b'{"'),
        ConnectionResetError(104, "reset"),
        urllib3.exceptions.ReadTimeoutError(None, "/", "read timed out"),  # type: ignore[arg-type]
    ],
    ids=repr,
)
def test_a_2xx_whose_body_breaks_off_is_unknown(error: Exception) -> None:
    client, adapter = make_client([Reply(stream=Broken(error))], max_retries=3)
    with pytest.raises(errors.OutcomeUnknownError) as info:
        client.pfop("b", "k", ["avinfo"])
    assert not isinstance(info.value, errors.NetworkError)
    assert len(adapter.calls) == 1


def test_an_error_status_whose_body_breaks_off_keeps_its_status() -> None:
    client, _ = make_client([Reply(400, stream=Broken(ConnectionResetError()))])
    with pytest.raises(errors.BadRequestError) as info:
        client.pfop("b", "k", ["avinfo"])
    assert info.value.status == 400
    assert info.value.server_message == '{"'
