"""Whatever a 2xx answer holds, every client call returns a well-formed model or raises a
`QiniuError` — never TypeError, KeyError, RecursionError, OverflowError, UnicodeDecodeError…

Two tables: answers that are malformed for (almost) every call, each tried on every call; and
answers with one wrong-typed or impossible field, tried on the call that reads that field.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from qfopgui.api import errors
from qfopgui.api import messages as M
from qfopgui.api.client import QiniuClient
from qfopgui.api.models import BucketInfo, JobStatus, ListPage, ObjectInfo, UploadResult
from qfopgui.api.transport import MAX_BODY
from qfopgui.api.upload import FORM_LIMIT
from tests.unit.api.fakes import Call, Reply, make_client

Run = Callable[[QiniuClient, Path], object]


def _multipart(stage: str, bad: Reply) -> Callable[[Call], Reply]:
    """Answers a multipart upload correctly except at `stage` (init, part or complete)."""

    def handle(call: Call) -> Reply:
        if call.method == "DELETE":
            return Reply(body={})
        if call.method == "POST" and call.path.endswith("/uploads"):
            return bad if stage == "init" else Reply(body={"uploadId": "up-1"})
        if call.method == "PUT":
            good = {"etag": "e", "md5": hashlib.md5(call.body).hexdigest()}
            return bad if stage == "part" else Reply(body=good)
        return bad if stage == "complete" else Reply(body={"hash": "h", "key": "k"})

    return handle


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    p = tmp_path_factory.mktemp("hostile") / "big.bin"
    p.write_bytes(b"\x01" * (FORM_LIMIT + 1))  # just over the form limit: multipart, 3 parts
    return p


@pytest.fixture(scope="module")
def small_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    p = tmp_path_factory.mktemp("hostile") / "small.bin"
    p.write_bytes(b"small")
    return p


@dataclass(frozen=True)
class Target:
    run: Run
    returns: type | tuple[type, ...]  # what a successful call gives back
    stage: str = ""  # multipart stage that gets the bad answer


TARGETS: dict[str, Target] = {
    "list_buckets": Target(lambda c, _p: c.list_buckets(), list),
    "bucket_domains": Target(lambda c, _p: c.bucket_domains("b"), list),
    "list_page": Target(lambda c, _p: c.list_page("b"), ListPage),
    "iter_pages": Target(lambda c, _p: list(c.iter_pages("b")), list),
    "stat": Target(lambda c, _p: c.stat("b", "k"), ObjectInfo),
    "delete": Target(lambda c, _p: c.delete("b", "k"), type(None)),
    "pfop": Target(lambda c, _p: c.pfop("b", "k", ["avinfo"]), str),
    "prefop": Target(lambda c, _p: c.prefop("z0.1"), JobStatus),
    "upload_bytes": Target(lambda c, _p: c.upload_bytes("b", "k", b"x", token="t"), UploadResult),
    "upload_form": Target(lambda c, p: c.upload_file("b", "k", p, token="t"), UploadResult),
    "multipart_init": Target(
        lambda c, p: c.upload_file("b", "k", p, token="t"), UploadResult, "init"
    ),
    "multipart_part": Target(
        lambda c, p: c.upload_file("b", "k", p, token="t"), UploadResult, "part"
    ),
    "multipart_complete": Target(
        lambda c, p: c.upload_file("b", "k", p, token="t"), UploadResult, "complete"
    ),
}
ALL = frozenset(TARGETS)
JSON_CALLS = ALL - {"delete"}  # delete only needs the X-Reqid header; its body is ignored


def deep_brackets(n: int) -> bytes:
    return b"[" * n + b"]" * n


def deep_objects(n: int) -> bytes:
    return b'{"a":' * n + b"1" + b"}" * n


# (id, answer, calls for which it must be a ProtocolError; the others must succeed)
MALFORMED: list[tuple[str, Reply, frozenset[str]]] = [
    ("empty", Reply(body=b""), JSON_CALLS),
    ("html", Reply(body=b"<html>Wi-Fi login</html>"), JSON_CALLS),
    ("not-utf8", Reply(body=b"\xff\xfe{\x00}"), JSON_CALLS),
    ("bad-utf8-in-string", Reply(body=b'{"persistentId": "z0.\xc3\x28"}'), JSON_CALLS),
    ("bom", Reply(body=b'\xef\xbb\xbf{"code": 0}'), JSON_CALLS),
    ("nul", Reply(body=b"\x00"), JSON_CALLS),
    ("recursion", Reply(body=deep_brackets(100_000)), JSON_CALLS),
    ("deep-objects", Reply(body=deep_objects(60)), JSON_CALLS),
    ("1e400", Reply(body=b"1e400"), JSON_CALLS),
    (
        "1e400-fields",
        Reply(
            body=b'{"fsize": 1e400, "code": 1e400, "persistentId": "p",'
            b' "uploadId": "u", "etag": "e", "items": [], "buckets": []}'
        ),
        JSON_CALLS,
    ),
    ("NaN", Reply(body=b"NaN"), JSON_CALLS),
    ("NaN-field", Reply(body=b'{"code": NaN, "fsize": NaN}'), JSON_CALLS),
    ("Infinity-field", Reply(body=b'{"code": Infinity}'), JSON_CALLS),
    ("-Infinity", Reply(body=b"-Infinity"), JSON_CALLS),
    ("lone-surrogate", Reply(body=b'{"persistentId": "\\ud800", "code": 0}'), JSON_CALLS),
    ("surrogate-key", Reply(body=b'{"\\udc00": 1}'), JSON_CALLS),
    ("5000-digit-int", Reply(body=b'{"code": 1' + b"0" * 5000 + b"}"), JSON_CALLS),
    ("int-beyond-64-bits", Reply(body=b'{"code": 99999999999999999999, "fsize": 0}'), JSON_CALLS),
    ("null", Reply(body=b"null"), JSON_CALLS),
    ("true", Reply(body=b"true"), JSON_CALLS),
    ("number", Reply(body=b"5"), JSON_CALLS),
    ("string", Reply(body=b'"z0.abc"'), JSON_CALLS),
    ("truncated", Reply(body=b'{"items": [{"key": "a"'), JSON_CALLS),
    ("two-documents", Reply(body=b'{"code": 0}{"code": 1}'), JSON_CALLS),
    ("empty-list", Reply(body=[]), JSON_CALLS - {"list_buckets", "bucket_domains"}),
    ("list-of-empty-objects", Reply(body=[{}]), JSON_CALLS - {"bucket_domains"}),
    (
        "empty-object",
        Reply(body={}),
        frozenset({"bucket_domains", "pfop", "prefop", "multipart_init", "multipart_part"}),
    ),
    (
        "everything-wrong",
        Reply(
            body={
                "buckets": 5,
                "items": 5,
                "fsize": -1,
                "persistentId": 5,
                "code": "x",
                "key": 5,
                "uploadId": 5,
                "etag": 5,
            }
        ),
        JSON_CALLS,
    ),
    ("no-reqid", Reply(body={"code": 0}, reqid=None), ALL),
    ("oversized", Reply(body=b" " * (MAX_BODY + 1)), ALL),
]


def _client_for(target: Target, bad: Reply) -> QiniuClient:
    if target.stage:
        client, _ = make_client(_multipart(target.stage, bad))
    else:
        client, _ = make_client(lambda _call: bad)
    return client


def _path(target: Target, name: str, big: Path, small: Path) -> Path:
    return small if name == "upload_form" else big


def _outcome(name: str, bad: Reply, big: Path, small: Path) -> object:
    """What the call gave: its result, or the exception it raised (of whatever type)."""
    target = TARGETS[name]
    try:
        return target.run(_client_for(target, bad), _path(target, name, big, small))
    except Exception as exc:  # the point is to see every kind
        return exc


def _problem(name: str, got: object, *, must_fail: bool) -> str | None:
    """Why `got` is wrong for `name`, or None when it is what the contract says."""
    if must_fail:
        if not isinstance(got, errors.ProtocolError):
            return f"{name}: expected ProtocolError, got {got!r}"
        if got.template not in (M.NOT_UNDERSTOOD, M.BAD_FIELD):
            return f"{name}: unexpected template {got.template!r}"
        if got.message != got.template.format(**got.params):
            return f"{name}: message does not match its template"
        return None
    if not isinstance(got, TARGETS[name].returns):
        return f"{name}: expected a {TARGETS[name].returns}, got {got!r}"
    return None


# One test per answer, looping over the calls (a test per pair would cost minutes in teardown).
@pytest.mark.parametrize(("case", "bad", "bad_for"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_answer_to_every_call(
    case: str, bad: Reply, bad_for: frozenset[str], big_file: Path, small_file: Path
) -> None:
    problems = [
        _problem(name, _outcome(name, bad, big_file, small_file), must_fail=name in bad_for)
        for name in sorted(TARGETS)
    ]
    assert [p for p in problems if p] == []


def test_the_malformed_table_is_big_enough() -> None:
    assert len(MALFORMED) >= 25
    assert len(TARGETS) == 13


# (call, answer body): each must be a ProtocolError naming what was wrong
WRONG_FIELDS: list[tuple[str, object]] = [
    ("list_buckets", ["a", 5]),
    ("list_buckets", [""]),
    ("list_buckets", [None]),
    ("list_buckets", {"buckets": 5}),
    ("list_buckets", {"buckets": [5]}),
    ("list_buckets", {"buckets": [[]]}),
    ("list_buckets", {"buckets": [{"name": 5}]}),
    ("list_buckets", {"buckets": [{"region": "z0"}]}),
    ("list_buckets", {"buckets": [{"name": "a", "private": "maybe"}]}),
    ("list_buckets", {"buckets": [{"name": "a", "region": ["z0"]}]}),
    ("list_buckets", {"buckets": [], "is_truncated": True, "next_marker": 5}),
    ("list_buckets", {"buckets": [], "is_truncated": "yes"}),
    ("bucket_domains", [5]),
    ("bucket_domains", [None]),
    ("bucket_domains", [[]]),
    ("bucket_domains", [{"domain": 5}]),
    ("bucket_domains", {"domain": "x"}),
    ("list_page", {"items": 5}),
    ("list_page", {"items": {"key": "a"}}),
    ("list_page", {"items": [5]}),
    ("list_page", {"items": [[]]}),
    ("list_page", {"items": [{}]}),
    ("list_page", {"items": [{"key": 5}]}),
    ("list_page", {"items": [{"key": "a", "fsize": -1}]}),
    ("list_page", {"items": [{"key": "a", "fsize": True}]}),
    ("list_page", {"items": [{"key": "a", "fsize": "big"}]}),
    ("list_page", {"items": [{"key": "a", "fsize": 1.5}]}),
    ("list_page", {"items": [{"key": "a", "putTime": -5}]}),
    ("list_page", {"items": [{"key": "a", "mimeType": {}}]}),
    ("list_page", {"marker": 5}),
    ("list_page", {"marker": ["m"]}),
    ("list_page", {"commonPrefixes": "a/"}),
    ("list_page", {"commonPrefixes": [5]}),
    ("iter_pages", {"items": [{"key": "a", "fsize": False}], "marker": "m"}),
    ("stat", []),
    ("stat", {"fsize": -1}),
    ("stat", {"fsize": True}),
    ("stat", {"fsize": "x"}),
    ("stat", {"fsize": []}),
    ("stat", {"hash": 5}),
    ("stat", {"putTime": {}}),
    ("stat", {"type": -1}),
    ("stat", {"putTime": 2**62}),  # beyond year 9999: `ObjectInfo.modified` could not show it
    ("pfop", {"persistentId": 5}),
    ("pfop", {"persistentId": ""}),
    ("pfop", {"persistentId": None}),
    ("pfop", {"persistentId": ["z0.x"]}),
    ("pfop", {"persistentId": True}),
    ("pfop", {"persistentId": {"id": "z0.x"}}),
    ("prefop", {"code": "x"}),
    ("prefop", {"code": True}),
    ("prefop", {"code": []}),
    ("prefop", {"code": None}),
    ("prefop", {"code": 1.5}),
    ("prefop", {"code": 0, "items": 5}),
    ("prefop", {"code": 0, "items": [5]}),
    ("prefop", {"code": 0, "items": [{"code": "x"}]}),
    ("prefop", {"code": 0, "items": [{"keys": "a"}]}),
    ("prefop", {"code": 0, "items": [{"keys": [5]}]}),
    ("prefop", {"code": 0, "items": [{"errorIndex": -1}]}),
    ("prefop", {"code": 0, "items": [{"cmd": ["x"]}]}),
    ("prefop", {"code": 0, "id": 5}),
    ("prefop", {"code": 0, "type": "x"}),
    ("prefop", {"code": 0, "desc": False}),
    ("upload_bytes", {"key": 5}),
    ("upload_bytes", {"hash": []}),
    ("upload_bytes", {"persistentId": 5}),
    ("upload_form", {"key": {}}),
    ("multipart_init", {"uploadId": 5}),
    ("multipart_init", {"uploadId": ""}),
    ("multipart_init", {"uploadId": "../../other"}),
    ("multipart_init", {"uploadId": "a/b"}),
    ("multipart_init", {"uploadId": "a?b=c"}),
    ("multipart_part", {"etag": 5}),
    ("multipart_part", {"etag": ""}),
    ("multipart_part", {"etag": ["e"]}),
    ("multipart_part", {"etag": "e", "md5": 5}),
    ("multipart_complete", {"key": 5}),
    ("multipart_complete", {"hash": 5}),
    ("multipart_complete", 5),
]


@pytest.mark.parametrize("name", sorted({n for n, _ in WRONG_FIELDS}))
def test_wrong_typed_fields(name: str, big_file: Path, small_file: Path) -> None:
    problems: list[str] = []
    for call, body in WRONG_FIELDS:
        if call != name:
            continue
        got = _outcome(name, Reply(body=body), big_file, small_file)
        problem = _problem(name, got, must_fail=True)
        kept = not isinstance(got, errors.QiniuError) or (got.status, got.reqid) == (200, "reqid-1")
        if problem is None and not kept:
            problem = f"{name}: status/reqid not kept"
        if problem:
            problems.append(f"{body!r} -> {problem}")
    assert problems == []


def test_bad_field_names_the_field() -> None:
    client, _ = make_client([Reply(body={"items": [{"key": "a"}, {"key": "b", "fsize": -3}]})])
    with pytest.raises(errors.ProtocolError) as info:
        client.list_page("b")
    assert info.value.template == M.BAD_FIELD
    assert info.value.params == {"field": "items[1].fsize"}
    assert "“items[1].fsize”" in info.value.message


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"[" * 100_000, M.TOO_DEEP),
        (deep_objects(40), M.TOO_DEEP),
        (b"1e400", M.BAD_NUMBER),
        (b'{"code": NaN}', M.BAD_NUMBER),
        (b"\xff", M.NOT_UTF8),
        (b'{"code": "\\ud800"}', M.NOT_UTF8),
        (b"<html>", M.NOT_JSON),
    ],
)
def test_each_reason_is_reported(body: bytes, why: str) -> None:
    client, _ = make_client([Reply(body=body)])
    with pytest.raises(errors.ProtocolError) as info:
        client.prefop("z0.1")
    assert info.value.params["why"] == why


def test_tolerant_where_it_should_be() -> None:
    """Missing and null fields take defaults, numeric text and integral floats are numbers."""
    client, _ = make_client(
        [
            Reply(body={"code": "1", "items": None, "type": None, "future": {"x": [1]}}),
            Reply(body={"fsize": 10.0, "putTime": "17", "hash": None}),
            Reply(body={"buckets": [{"name": "a", "private": 1}, "b"], "is_truncated": False}),
        ]
    )
    st = client.prefop("z")
    assert (st.code, st.items, st.type, st.raw["future"]) == (1, (), 0, {"x": [1]})
    info = client.stat("b", "k")
    assert (info.fsize, info.put_time, info.hash) == (10, 17, "")
    assert info.modified.year == 1970
    assert client.list_buckets() == [BucketInfo("a", private=True), BucketInfo("b")]


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 100_000,
        b"\xff\xfe",
        b'{"error": NaN}',
        b'{"error": {"deep": [[[[1]]]]}}',
        b" " * 200_000,
    ],
    ids=["recursion", "not-utf8", "nan", "object-error", "large"],
)
def test_error_statuses_with_hostile_bodies(body: bytes) -> None:
    for status in (400, 401, 403, 404, 500, 573, 612, 631):
        client, _ = make_client([Reply(status, body)], max_retries=0)
        with pytest.raises(errors.QiniuError) as info:
            client.stat("b", "k")
        assert info.value.status == status
        assert not isinstance(info.value, errors.ProtocolError)
        assert len(info.value.server_message or "") <= 500
