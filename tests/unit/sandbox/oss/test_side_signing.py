"""The emulated IMM (RPC signature) and MNS (MNS signature) refuse what is not signed right.

Requests are built by the test's own implementation of each documented scheme
(``side_clients``), so these also check that the sandbox's verifiers match the documents.
No task runs here (no ffmpeg): GetTask answers for an unknown task prove the signature passed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from qfopgui.sandbox.oss import OssConfig, OssServer
from qfopgui.sandbox.oss.mns_signing import MnsError, MnsVerifier, mns_string_to_sign
from qfopgui.sandbox.oss.rpc_signing import RpcAuthError, RpcVerifier, rpc_string_to_sign
from tests.unit.sandbox.oss.side_clients import (
    fields,
    get_task,
    mns_call,
    mns_sign,
    pop_encode,
    pop_sign,
)

AK, SK = "side-ak", "side-sk"
TASK = {"ProjectName": "proj", "TaskType": "MediaConvert", "TaskId": "MediaConvert-nope"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OssServer]:
    config = OssConfig(
        data_dir=tmp_path_factory.mktemp("oss-side"),
        credentials=[(AK, SK)],
        buckets=["side"],
        imm_projects=("proj",),
        mns_queues=(("q1", "topic-a"),),
    )
    with OssServer(config) as srv:
        yield srv


def test_pop_encoding_follows_rfc3986() -> None:
    assert pop_encode("a b*~/é") == "a%20b%2A~%2F%C3%A9"


def test_rpc_signed_request_is_accepted_and_unknown_task_is_404(server: OssServer) -> None:
    status, body = get_task(server.imm_url, AK, SK, TASK)
    assert status == 404
    assert body["Code"] == "ResourceNotFound"
    assert "task" in body["Message"]
    assert body["RequestId"]
    status, body = get_task(server.imm_url, AK, SK, TASK, method="POST")
    assert (status, body["Code"]) == (404, "ResourceNotFound")


def test_rpc_wrong_secret_is_refused(server: OssServer) -> None:
    status, body = get_task(server.imm_url, AK, "not-the-secret", TASK)
    assert (status, body["Code"]) == (400, "SignatureDoesNotMatch")
    assert "string to sign" in body["Message"]


def test_rpc_unknown_key_replay_and_stale_timestamp_are_refused(server: OssServer) -> None:
    status, body = get_task(server.imm_url, "who", SK, TASK)
    assert (status, body["Code"]) == (404, "InvalidAccessKeyId.NotFound")
    assert get_task(server.imm_url, AK, SK, TASK, nonce="once-only")[0] == 404
    status, body = get_task(server.imm_url, AK, SK, TASK, nonce="once-only")
    assert (status, body["Code"]) == (400, "SignatureNonceUsed")
    status, body = get_task(server.imm_url, AK, SK, TASK, timestamp="2020-01-01T00:00:00Z")
    assert (status, body["Code"]) == (400, "InvalidTimeStamp.Expired")


def test_rpc_unknown_project_missing_parameter_and_other_action(server: OssServer) -> None:
    status, body = get_task(server.imm_url, AK, SK, {**TASK, "ProjectName": "other"})
    assert (status, body["Code"]) == (404, "ResourceNotFound")
    assert "project" in body["Message"]
    status, body = get_task(server.imm_url, AK, SK, {"ProjectName": "proj", "TaskId": "x-1"})
    assert (status, body["Code"]) == (400, "MissingTaskType")
    status, body = get_task(server.imm_url, AK, SK, {**TASK, "Action": "ListTasks"})
    assert (status, body["Code"]) == (404, "InvalidAction.NotFound")


def test_rpc_verifier_agrees_with_the_independent_signer() -> None:
    params = {
        "Action": "GetTask",
        "Format": "JSON",
        "Version": "2020-09-30",
        "AccessKeyId": AK,
        "SignatureMethod": "HMAC-SHA1",
        "SignatureVersion": "1.0",
        "SignatureNonce": "n-1",
        "Timestamp": "2026-01-02T03:04:05Z",
        "TaskId": "MediaConvert-a b/c",
    }
    params["Signature"] = pop_sign("GET", params, SK)
    verifier = RpcVerifier({AK: SK}, version="2020-09-30", clock=lambda: 1767323045.0)
    assert verifier.verify("GET", list(params.items())) == AK
    assert rpc_string_to_sign("GET", list(params.items())).startswith("GET&%2F&AccessKeyId%3D")
    with pytest.raises(RpcAuthError) as err:
        verifier.verify("POST", list(params.items()))  # the method is signed too
    assert err.value.code == "SignatureDoesNotMatch"


def test_mns_signed_request_is_accepted(server: OssServer) -> None:
    status, root = mns_call(server.mns_url, AK, SK, "GET", "/queues/q1/messages?waitseconds=0")
    assert root is not None
    assert (status, fields(root)["Code"]) == (404, "MessageNotExist")


def test_mns_wrong_secret_unknown_queue_and_bad_scheme_are_refused(server: OssServer) -> None:
    status, root = mns_call(server.mns_url, AK, "wrong", "GET", "/queues/q1/messages")
    assert root is not None
    assert (status, fields(root)["Code"]) == (403, "SignatureDoesNotMatch")
    status, root = mns_call(server.mns_url, "nobody", SK, "GET", "/queues/q1/messages")
    assert root is not None
    assert (status, fields(root)["Code"]) == (403, "InvalidAccessKeyId")
    status, root = mns_call(server.mns_url, AK, SK, "GET", "/queues/nope/messages")
    assert root is not None
    assert (status, fields(root)["Code"]) == (404, "QueueNotExist")


def test_mns_verifier_agrees_with_the_independent_signer() -> None:
    headers = {
        "Date": "Fri, 02 Jan 2026 03:04:05 GMT",
        "Content-Type": "text/xml;charset=utf-8",
        "x-mns-version": "2015-06-06",
        "X-MNS-Extra": "b",
    }
    resource = "/queues/q1/messages?ReceiptHandle=1-abc"
    headers["Authorization"] = f"MNS {AK}:{mns_sign('DELETE', resource, headers, SK)}"
    verifier = MnsVerifier({AK: SK}, clock=lambda: 1767323045.0)
    assert verifier.verify("DELETE", resource, list(headers.items())) == AK
    expected = (
        "DELETE\n\ntext/xml;charset=utf-8\nFri, 02 Jan 2026 03:04:05 GMT\n"
        "x-mns-extra:b\nx-mns-version:2015-06-06\n" + resource
    )
    assert mns_string_to_sign("DELETE", resource, list(headers.items())) == expected
    with pytest.raises(MnsError) as err:
        verifier.verify("DELETE", "/queues/q1/messages?ReceiptHandle=1-xyz", list(headers.items()))
    assert err.value.code == "SignatureDoesNotMatch"
