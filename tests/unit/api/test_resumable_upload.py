"""The resumable multipart steps: part plans, what a listing lets us keep, streaming part bodies
that report and stop, the etag from part digests, and the listing/complete requests."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import threading

import pytest
from qiniu.utils import etag_stream

from qfopgui.api import errors
from qfopgui.api.resumable_upload import (
    BLOCK,
    CHUNK,
    ListedPart,
    Part,
    PartBody,
    PartStopped,
    Session,
    block_sha1,
    etag_of_blocks,
    etag_of_data,
    part_plan,
    reusable,
    usable_parts,
)
from tests.unit.api.fakes import Call, Reply, make_client

MiB = 1024 * 1024


def test_part_plan_covers_the_file_with_a_short_last_part() -> None:
    plan = part_plan(9 * MiB + 5)
    assert plan == (Part(1, 0, 4 * MiB), Part(2, 4 * MiB, 4 * MiB), Part(3, 8 * MiB, MiB + 5))
    assert part_plan(4 * MiB) == (Part(1, 0, 4 * MiB),)
    with pytest.raises(ValueError, match="non-empty"):
        part_plan(0)
    with pytest.raises(ValueError, match="1 MiB"):
        part_plan(10, 1000)
    with pytest.raises(ValueError, match="more than 10000"):
        part_plan(10_001 * MiB, MiB)


def test_only_listed_parts_of_the_planned_size_are_kept() -> None:
    plan = part_plan(9 * MiB)
    listed = {
        1: ListedPart(1, "e1", 4 * MiB),
        2: ListedPart(2, "e2", 100),  # cut short: send again
        3: ListedPart(3, "e3", MiB),
        7: ListedPart(7, "e7", 4 * MiB),  # not in the plan
    }
    assert usable_parts(plan, listed) == {1: "e1", 3: "e3"}


def test_a_stored_session_is_reused_only_with_time_left() -> None:
    assert reusable(Session("u", 10_000), now=5_000)
    assert not reusable(Session("u", 10_000), now=7_000)  # less than an hour left
    assert reusable(Session("u", 0), now=7_000)  # the server named no expiry


@pytest.mark.parametrize("size", [0, 5, BLOCK, BLOCK + 1, 3 * BLOCK + 17])
def test_the_etag_from_block_digests_is_qinius(size: int) -> None:
    data = os.urandom(size)
    digests = [block_sha1(data[i : i + BLOCK]) for i in range(0, size, BLOCK)]
    assert etag_of_blocks(digests) == etag_stream(io.BytesIO(data)) == etag_of_data(data)


def test_a_part_body_reports_each_piece_and_starts_over_when_sent_again() -> None:
    data = os.urandom(3 * CHUNK + 10)
    seen: list[int] = []
    body = PartBody(data, seen.append, None)
    assert len(body) == len(data)
    assert b"".join(body) == data
    assert seen == [0, CHUNK, 2 * CHUNK, 3 * CHUNK, len(data)]
    seen.clear()
    assert b"".join(body) == data  # a retry iterates again from the start
    assert seen[0] == 0
    assert bytes(body) == data


def test_a_part_body_stops_when_asked() -> None:
    stop = threading.Event()
    body = iter(PartBody(os.urandom(3 * CHUNK), None, stop))
    next(body)
    stop.set()
    with pytest.raises(PartStopped):
        next(body)


def test_list_parts_follows_the_marker_and_sends_the_token() -> None:
    pages = {
        "": {"parts": [{"partNumber": 1, "etag": "e1", "size": 4}], "partNumberMarker": 1},
        "1": {"parts": [{"partNumber": 2, "etag": "e2", "size": 5}], "partNumberMarker": 0},
    }

    def handle(call: Call) -> Reply:
        marker = dict(call.query).get("part-number-marker", "")
        return Reply(body=pages[marker])

    client, adapter = make_client(handle)
    session = client.multipart_session("bkt", "v/a.mp4")
    listed = session.list_parts("tok", "up-1")
    assert listed == {1: ListedPart(1, "e1", 4), 2: ListedPart(2, "e2", 5)}
    obj = base64.urlsafe_b64encode(b"v/a.mp4").decode()
    assert {c.path for c in adapter.calls} == {f"/buckets/bkt/objects/{obj}/uploads/up-1"}
    assert all(c.headers["Authorization"] == "UpToken tok" for c in adapter.calls)
    assert [dict(c.query).get("max-parts") for c in adapter.calls] == ["1000", "1000"]


def test_a_listing_that_goes_back_is_refused() -> None:
    def handle(call: Call) -> Reply:
        return Reply(body={"parts": [], "partNumberMarker": 3})

    client, _ = make_client(handle)
    with pytest.raises(errors.ProtocolError):
        client.multipart_session("bkt", "k").list_parts("tok", "up-1")


def test_a_forgotten_session_is_not_found() -> None:
    client, _ = make_client(lambda call: Reply(612, {"error": "no such uploadId"}))
    with pytest.raises(errors.NotFoundError):
        client.multipart_session("bkt", "k").list_parts("tok", "up-1")


def test_init_put_and_complete_requests() -> None:
    def handle(call: Call) -> Reply:
        if call.method == "POST" and call.path.endswith("/uploads"):
            return Reply(body={"uploadId": "up-9", "expireAt": 1_900_000_000})
        if call.method == "PUT":
            return Reply(body={"etag": "pe", "md5": hashlib.md5(call.body).hexdigest()})
        return Reply(body={"hash": "h", "key": "k", "persistentId": "z0.job"})

    client, adapter = make_client(handle)
    session = client.multipart_session("bkt", "k")
    started = session.init("tok")
    assert started == Session("up-9", 1_900_000_000)
    part = Part(2, 4 * MiB, 10)
    sent: list[int] = []
    assert session.put_part("tok", "up-9", part, b"0123456789", sent=sent.append) == "pe"
    put = adapter.calls[-1]
    assert put.path.endswith("/uploads/up-9/2")
    assert put.body == b"0123456789"
    assert put.headers["Content-Length"] == "10"
    assert put.headers["Content-MD5"] == hashlib.md5(b"0123456789").hexdigest()
    result = session.complete("tok", "up-9", {2: "pe", 1: "p1"}, file_name="a.mp4")
    assert result.persistent_id == "z0.job"
    assert json.loads(adapter.calls[-1].body) == {
        "parts": [{"etag": "p1", "partNumber": 1}, {"etag": "pe", "partNumber": 2}],
        "fname": "a.mp4",
    }
    with pytest.raises(ValueError, match="part's size"):
        session.put_part("tok", "up-9", part, b"short")


def test_insert_only_tokens_refuse_to_replace() -> None:
    client, _ = make_client([])
    token = client.upload_token("bkt", "k", insert_only=True, persistent_ops="avthumb/mp4")
    policy = json.loads(base64.urlsafe_b64decode(token.rsplit(":", 1)[1]))
    assert (policy["insertOnly"], policy["persistentOps"], policy["scope"]) == (
        1,
        "avthumb/mp4",
        "bkt:k",
    )
    plain = client.upload_token("bkt", "k")
    assert "insertOnly" not in json.loads(base64.urlsafe_b64decode(plain.rsplit(":", 1)[1]))
