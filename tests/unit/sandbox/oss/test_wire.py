"""The OSS sandbox on the wire: request ids, <Error> XML, digests, listing encoding, the CLI."""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from email.utils import formatdate
from pathlib import Path

import pytest

from qfopgui.sandbox.oss import OssConfig, OssServer
from qfopgui.sandbox.oss.model import split_target
from qfopgui.sandbox.oss.signing import SignedRequest, sign_v1, string_to_sign_v1
from qfopgui.sandbox.routes.common import HeaderMap

AK, SK = "wire-ak", "wire-sk"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OssServer]:
    data = tmp_path_factory.mktemp("oss-wire")
    srv = OssServer(OssConfig(data_dir=data, credentials=[(AK, SK)], buckets=["wire", "other"]))
    srv.start()
    srv.storage.put_bytes("wire", "dir/a b.txt", b"0123456789")
    yield srv
    srv.stop()


def call(
    server: OssServer,
    method: str,
    target: str,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    *,
    secret: str = SK,
    sign: bool = True,
    chunks: list[bytes] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    """A V1-signed raw request (the SDK tests cover the SDKs' own signing)."""
    port = int(server.base_url.rsplit(":", 1)[1])
    sent = {"Date": formatdate(usegmt=True), "Host": f"127.0.0.1:{port}", **(headers or {})}
    domains = ("127.0.0.1", "localhost", "oss.local")
    bucket, key, query = split_target(target, sent["Host"], domains)
    if sign:
        req = SignedRequest(method, bucket, key, query, HeaderMap(list(sent.items())))
        sent["Authorization"] = f"OSS {AK}:{sign_v1(secret, string_to_sign_v1(req))}"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        if chunks is not None:
            sent["Transfer-Encoding"] = "chunked"
            conn.request(method, target, body=iter(chunks), headers=sent, encode_chunked=True)
        else:
            conn.request(method, target, body=body, headers=sent)
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def _error(body: bytes) -> dict[str, str]:
    root = ET.fromstring(body)
    assert root.tag == "Error"
    return {child.tag: child.text or "" for child in root}


def test_every_answer_has_a_request_id_and_errors_are_xml(server: OssServer) -> None:
    status, headers, _ = call(server, "GET", "/wire/dir/a%20b.txt")
    assert status == 200
    assert len(headers["x-oss-request-id"]) == 24
    status, headers, body = call(server, "GET", "/wire/missing")
    assert status == 404
    assert headers["content-type"] == "application/xml"
    err = _error(body)
    assert err["Code"] == "NoSuchKey"
    assert err["RequestId"] == headers["x-oss-request-id"]
    status, headers, body = call(server, "GET", "/nobucket/?list-type=2")
    assert (status, _error(body)["Code"]) == (404, "NoSuchBucket")


def test_virtual_hosted_host_header_names_the_bucket(server: OssServer) -> None:
    port = server.base_url.rsplit(":", 1)[1]
    for host in (f"wire.127.0.0.1:{port}", f"wire.oss.local:{port}"):
        status, _, body = call(server, "GET", "/dir/a%20b.txt", headers={"Host": host})
        assert (status, body) == (200, b"0123456789")
    status, _, body = call(
        server, "GET", "/?list-type=2", headers={"Host": f"other.localhost:{port}"}
    )
    assert status == 200
    assert ET.fromstring(body).findtext("Name") == "other"


def test_head_errors_carry_the_document_in_x_oss_err(server: OssServer) -> None:
    status, headers, body = call(server, "HEAD", "/wire/missing")
    assert (status, body) == (404, b"")
    assert _error(base64.b64decode(headers["x-oss-err"]))["Code"] == "NoSuchKey"


def test_wrong_secret_answers_signature_does_not_match_with_the_string_to_sign(
    server: OssServer,
) -> None:
    status, headers, body = call(server, "GET", "/wire/dir/a%20b.txt", secret="wrong")
    err = _error(body)
    assert (status, err["Code"], err["EC"]) == (403, "SignatureDoesNotMatch", "0002-00000040")
    assert err["StringToSign"].endswith("/wire/dir/a b.txt")
    assert headers["x-oss-ec"] == "0002-00000040"
    status, _, body = call(server, "GET", "/wire/dir/a%20b.txt", sign=False)
    assert (status, _error(body)["Code"]) == (403, "AccessDenied")


def test_put_checks_content_md5_and_returns_crc64(server: OssServer) -> None:
    good = base64.b64encode(hashlib.md5(b"hello").digest()).decode()
    status, headers, _ = call(server, "PUT", "/wire/p.txt", b"hello", {"Content-MD5": good})
    assert status == 200
    assert headers["etag"] == '"5D41402ABC4B2A76B9719D911017C592"'
    assert headers["x-oss-hash-crc64ecma"].isdigit()
    bad = base64.b64encode(hashlib.md5(b"other").digest()).decode()
    status, _, body = call(server, "PUT", "/wire/p.txt", b"hello", {"Content-MD5": bad})
    assert (status, _error(body)["Code"]) == (400, "InvalidDigest")


def test_a_chunked_body_is_read_whole(server: OssServer) -> None:
    status, _, _ = call(server, "PUT", "/wire/chunked.txt", chunks=[b"chunk", b"ed ", b"body"])
    assert status == 200
    obj = server.storage.stat("wire", "chunked.txt")
    assert obj is not None
    assert obj.path.read_bytes() == b"chunked body"


def test_range_edges(server: OssServer) -> None:
    status, headers, body = call(
        server, "GET", "/wire/dir/a%20b.txt", headers={"Range": "bytes=-3"}
    )
    assert (status, body, headers["content-range"]) == (206, b"789", "bytes 7-9/10")
    status, _, body = call(server, "GET", "/wire/dir/a%20b.txt", headers={"Range": "bytes=x"})
    assert (status, body) == (200, b"0123456789")  # a malformed range is ignored, as on OSS
    status, _, body = call(server, "GET", "/wire/dir/a%20b.txt", headers={"Range": "bytes=50-"})
    assert (status, _error(body)["Code"]) == (416, "InvalidRange")


def test_listing_with_url_encoding_escapes_keys(server: OssServer) -> None:
    status, _, body = call(server, "GET", "/wire/?list-type=2&prefix=dir%2F&encoding-type=url")
    assert status == 200
    root = ET.fromstring(body)
    assert root.findtext("Contents/Key") == "dir%2Fa%20b.txt"
    assert root.findtext("KeyCount") == "1"
    assert root.findtext("IsTruncated") == "false"
    status, _, body = call(server, "GET", "/wire/?list-type=2&max-keys=0")
    assert (status, _error(body)["Code"]) == (400, "InvalidArgument")


@pytest.mark.parametrize(
    ("body", "code", "status"),
    [
        (b"video/convert,f_mp4|sys/saveas,o_YS5tcDQ", "InvalidRequest", 400),  # no x-oss-... =
        (b"x-oss-async-process=video/fly|sys/saveas,o_YS5tcDQ", "InvalidArgument", 400),
        (b"x-oss-async-process=video/convert,f_mp4", "InvalidArgument", 400),  # no saveas
        (b"x-oss-async-process=video/convert|sys/saveas,o_YS5tcDQ,b_bm9uZQ", "NoSuchBucket", 404),
    ],
)
def test_async_process_refusals(server: OssServer, body: bytes, code: str, status: int) -> None:
    got, _, answer = call(server, "POST", "/wire/dir/a%20b.txt?x-oss-async-process", body)
    assert (got, _error(answer)["Code"]) == (status, code)


def test_multipart_refuses_small_middle_parts_and_bad_etags(server: OssServer) -> None:
    status, _, body = call(server, "POST", "/wire/mp.bin?uploads")
    upload_id = ET.fromstring(body).findtext("UploadId")
    etags = []
    for number in (1, 2):
        status, headers, _ = call(
            server, "PUT", f"/wire/mp.bin?partNumber={number}&uploadId={upload_id}", b"x" * 10
        )
        assert status == 200
        etags.append(headers["etag"])
    parts = "".join(
        f"<Part><PartNumber>{n}</PartNumber><ETag>{e}</ETag></Part>"
        for n, e in zip((1, 2), etags, strict=True)
    )
    doc = f"<CompleteMultipartUpload>{parts}</CompleteMultipartUpload>".encode()
    status, _, body = call(server, "POST", f"/wire/mp.bin?uploadId={upload_id}", doc)
    assert (status, _error(body)["Code"]) == (400, "EntityTooSmall")
    wrong = doc.replace(etags[0].encode(), b'"00"')
    status, _, body = call(server, "POST", f"/wire/mp.bin?uploadId={upload_id}", wrong)
    assert (status, _error(body)["Code"]) == (400, "InvalidPart")
    status, _, body = call(server, "POST", "/wire/mp.bin?uploadId=NOPE", doc)
    assert (status, _error(body)["Code"]) == (404, "NoSuchUpload")


def test_cli_provider_oss_announces_and_serves(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "qfopgui.sandbox", "--provider", "oss", "--port", "0",
         "--data", str(tmp_path / "d"), "--access-key", AK, "--secret-key", SK,
         "--bucket", "cli-bucket"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[4],
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        info = json.loads(proc.stdout.readline() or "{}")
        assert info["provider"] == "oss"
        assert info["buckets"] == ["cli-bucket"]
        port = int(info["base_url"].rsplit(":", 1)[1])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/")
        resp = conn.getresponse()
        assert resp.status == 403  # unsigned
        assert resp.getheader("x-oss-request-id")
        conn.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0


def test_cli_rejects_an_invalid_oss_bucket_name(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "qfopgui.sandbox", "--provider", "oss", "--data", str(tmp_path),
         "--access-key", AK, "--secret-key", SK, "--bucket", "Bad_Name"],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=Path(__file__).resolve().parents[4],
    )  # fmt: skip
    assert done.returncode != 0
    assert "invalid OSS bucket name 'Bad_Name'" in done.stderr


@pytest.mark.parametrize(
    ("method", "target", "headers"),
    [
        ("PUT", "/wire/copy.txt", {"x-oss-copy-source": "/wire/dir/a%20b.txt"}),
        ("PUT", "/wire/dir/a%20b.txt?acl", {}),
        ("GET", "/wire/dir/a%20b.txt?tagging", {}),
        ("GET", "/wire/dir/a%20b.txt?x-oss-process=image/resize,w_10", {}),
        ("GET", "/wire/?cors", {}),
        ("PUT", "/newbucket/", {}),
    ],
)
def test_unimplemented_operations_are_refused_not_misserved(
    server: OssServer, method: str, target: str, headers: dict[str, str]
) -> None:
    status, _, body = call(server, method, target, headers=headers)
    assert (status, _error(body)["Code"]) == (501, "NotImplemented")
    assert server.storage.stat("wire", "copy.txt") is None


def test_response_header_overrides_on_get(server: OssServer) -> None:
    target = (
        "/wire/dir/a%20b.txt?response-content-type=text%2Fcsv"
        "&response-content-disposition=attachment%3B%20filename%3Dx.csv"
    )
    status, headers, body = call(server, "GET", target)
    assert (status, body) == (200, b"0123456789")
    assert headers["content-type"] == "text/csv"
    assert headers["content-disposition"] == "attachment; filename=x.csv"
