"""The server-side verifier against the signing vectors computed with the official SDKs."""

from __future__ import annotations

import pytest

from qfopgui.sandbox.oss.signing import (
    SignatureError,
    SignedRequest,
    canonical_request_v4,
    signing_key_v4,
    string_to_sign_v1,
)
from qfopgui.sandbox.oss.verifier import OssVerifier
from qfopgui.sandbox.routes.common import HeaderMap

AK = "LTAI5tExampleAccessKeyId"
SK = "ExampleAccessKeySecret1234567890"
DATE = "Thu, 17 Apr 2025 01:33:47 GMT"
STAMP = "20250417T013347Z"
KEY = "input/video 1.mov"
MD5 = "p0Plg0O6RUkOXT2EViH9hw=="
FORM = "application/x-www-form-urlencoded"
ASYNC = [("x-oss-async-process", "")]
SCOPE = f"Credential={AK}/20250417/cn-hangzhou/oss/aliyun_v4_request"


def _req(method: str, bucket: str, key: str, query: list[tuple[str, str]], **headers: str):
    pairs = [(name.replace("_", "-"), value) for name, value in headers.items()]
    return SignedRequest(method, bucket, key, query, HeaderMap(pairs))


def _v1(req: SignedRequest, sig: str) -> SignedRequest:
    pairs = [*req.headers.items(), ("Authorization", f"OSS {AK}:{sig}")]
    return SignedRequest(req.method, req.bucket, req.key, req.query, HeaderMap(pairs))


def _v4(req: SignedRequest, sig: str, sep: str = ",") -> SignedRequest:
    auth = f"OSS4-HMAC-SHA256 {SCOPE}{sep}Signature={sig}"
    pairs = [*req.headers.items(), ("Authorization", auth)]
    return SignedRequest(req.method, req.bucket, req.key, req.query, HeaderMap(pairs))


SIGNED_AT = 1744853627.0  # 2025-04-17T01:33:47Z, the vectors' signing time
VERIFIER = OssVerifier({AK: SK}, clock=lambda: SIGNED_AT + 60)


def test_v4_signing_key_matches_the_reference() -> None:
    key = signing_key_v4(SK, "20250417", "cn-hangzhou")
    assert key.hex() == "11d48b121edd1ccadd49737c6402c09de3ab58afddc902e947e2bc130c0a10a2"


@pytest.mark.parametrize(
    ("headers", "sig"),
    [
        ({"Content-MD5": MD5, "Content-Type": FORM}, "fKLs0/zwNHJGjCyl95QIy6TWnWg="),  # A-V1a
        ({}, "vweFjLZtYZGZs4y1J6mbd9E0bNg="),  # A-V1b: what oss2 sends
    ],
)
def test_vector_a_v1_verifies(headers: dict[str, str], sig: str) -> None:
    req = _req("POST", "examplebucket", KEY, ASYNC, Date=DATE, **headers)
    assert VERIFIER.verify(_v1(req, sig)) == AK


def test_vector_a_v1c_without_the_subresource_is_refused() -> None:
    """The v2 SDK's V1 signer leaves x-oss-async-process out; real OSS would refuse it."""
    headers = {"Content-MD5": MD5, "Content-Type": FORM, "Date": DATE}
    req = _req("POST", "examplebucket", KEY, ASYNC, **headers)
    with pytest.raises(SignatureError) as err:
        VERIFIER.verify(_v1(req, "aZxKjYfVxmUl4S0zhutz9KZUPZs="))
    assert err.value.code == "SignatureDoesNotMatch"
    resource = "/examplebucket/input/video 1.mov?x-oss-async-process"
    assert err.value.extra["StringToSign"].endswith(resource)


def test_vector_a_v4_verifies_with_either_separator() -> None:
    headers = {
        "Content-MD5": MD5,
        "Content-Type": FORM,
        "x-oss-content-sha256": "UNSIGNED-PAYLOAD",
        "x-oss-date": STAMP,
        "Date": DATE,
    }
    req = SignedRequest("POST", "examplebucket", KEY, ASYNC, HeaderMap(list(headers.items())))
    sig = "d1ede31bd5b3c55522be4c0afd77439bdb83895c87d4efc053bb832e1fb50e26"
    assert VERIFIER.verify(_v4(req, sig)) == AK
    assert VERIFIER.verify(_v4(req, sig, sep=", ")) == AK
    canonical = canonical_request_v4(req, (), "UNSIGNED-PAYLOAD")
    assert canonical.split("\n")[:3] == ["POST", "/examplebucket/input/video%201.mov", ASYNC[0][0]]


def test_vector_b_list_page_two() -> None:
    query = [
        ("list-type", "2"),
        ("prefix", "videos/2025 04/"),
        ("max-keys", "100"),
        ("continuation-token", "ChR2aWRlb3MvYS5tcDQQAA--"),
        ("encoding-type", "url"),
    ]
    v1 = _req("GET", "examplebucket", "", query, Date=DATE)
    resource = "/examplebucket/?continuation-token=ChR2aWRlb3MvYS5tcDQQAA--"
    assert string_to_sign_v1(v1).endswith(resource)
    assert VERIFIER.verify(_v1(v1, "i8mLS+BJxXfotBKnqZ/JgG1OKQw=")) == AK
    v4 = _req(
        "GET", "examplebucket", "", query, x_oss_date=STAMP, x_oss_content_sha256="UNSIGNED-PAYLOAD"
    )
    sig = "69404a64d488cfb45d7a75987f3678b9dbf1fc7b4b6973ec08c1d452fe35902c"
    assert VERIFIER.verify(_v4(v4, sig)) == AK


def test_vector_c_list_buckets_v4() -> None:
    req = _req(
        "GET",
        "",
        "",
        [("prefix", "ex"), ("max-keys", "10")],
        x_oss_date=STAMP,
        x_oss_content_sha256="UNSIGNED-PAYLOAD",
    )
    sig = "189c8e3bc0529df6c6ade04bd1e6ca4d315c8d9a351d1da1d3d93e997c8fc3df"
    assert VERIFIER.verify(_v4(req, sig)) == AK


def test_sdk_unit_vector_sorts_by_encoded_names() -> None:
    """The v2 SDK's own test_v4.py::test_auth_header (AK ak, SK sk, 2023-12-16 16:20:57Z)."""
    query = [
        ("param1", "value1"),
        ("+param1", "value3"),
        ("|param1", "value4"),
        ("+param2", ""),
        ("|param2", ""),
        ("param2", ""),
    ]
    headers = [
        ("x-oss-head1", "value"),
        ("abc", "value"),
        ("ZAbc", "value"),
        ("XYZ", "value"),
        ("content-type", "text/plain"),
        ("x-oss-content-sha256", "UNSIGNED-PAYLOAD"),
        ("x-oss-date", "20231216T162057Z"),
    ]
    sig = "e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe"
    auth = (
        f"OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature={sig}"
    )
    req = SignedRequest(
        "PUT", "bucket", "1234+-/123/1.txt", query, HeaderMap([*headers, ("Authorization", auth)])
    )
    assert OssVerifier({"ak": "sk"}, clock=lambda: 1702743657.0).verify(req) == "ak"


def test_wrong_secret_and_unknown_key_are_refused() -> None:
    req = _req("POST", "examplebucket", KEY, ASYNC, Date=DATE)
    with pytest.raises(SignatureError) as err:
        OssVerifier({AK: "other"}, clock=lambda: SIGNED_AT).verify(
            _v1(req, "vweFjLZtYZGZs4y1J6mbd9E0bNg=")
        )
    assert (err.value.status, err.value.code) == (403, "SignatureDoesNotMatch")
    with pytest.raises(SignatureError) as err:
        OssVerifier({"someone-else": SK}, clock=lambda: SIGNED_AT).verify(
            _v1(req, "vweFjLZtYZGZs4y1J6mbd9E0bNg=")
        )
    assert err.value.code == "InvalidAccessKeyId"
    with pytest.raises(SignatureError) as err:
        VERIFIER.verify(req)  # no Authorization at all
    assert err.value.code == "AccessDenied"


def test_a_request_signed_more_than_15_minutes_away_is_refused() -> None:
    late = OssVerifier({AK: SK}, clock=lambda: SIGNED_AT + 16 * 60)
    v1 = _v1(_req("POST", "examplebucket", KEY, ASYNC, Date=DATE), "vweFjLZtYZGZs4y1J6mbd9E0bNg=")
    with pytest.raises(SignatureError) as err:
        late.verify(v1)
    assert (err.value.status, err.value.code) == (403, "RequestTimeTooSkewed")
    query = [("prefix", "ex"), ("max-keys", "10")]
    v4 = _req("GET", "", "", query, x_oss_date=STAMP, x_oss_content_sha256="UNSIGNED-PAYLOAD")
    sig = "189c8e3bc0529df6c6ade04bd1e6ca4d315c8d9a351d1da1d3d93e997c8fc3df"
    with pytest.raises(SignatureError) as err:
        late.verify(_v4(v4, sig))
    assert err.value.code == "RequestTimeTooSkewed"


def test_a_strict_region_refuses_a_scope_for_another_region() -> None:
    query = [("prefix", "ex"), ("max-keys", "10")]
    req = _req("GET", "", "", query, x_oss_date=STAMP, x_oss_content_sha256="UNSIGNED-PAYLOAD")
    signed = _v4(req, "189c8e3bc0529df6c6ade04bd1e6ca4d315c8d9a351d1da1d3d93e997c8fc3df")
    hangzhou = OssVerifier({AK: SK}, clock=lambda: SIGNED_AT, region="cn-hangzhou")
    assert hangzhou.verify(signed) == AK
    shanghai = OssVerifier({AK: SK}, clock=lambda: SIGNED_AT, region="cn-shanghai")
    with pytest.raises(SignatureError) as err:
        shanghai.verify(signed)
    assert (err.value.status, err.value.extra["EC"]) == (400, "0002-00000226")
    assert "cn-hangzhou" in err.value.message
