"""The SDK's exceptions → the app's error tree: OSS codes, HTTP statuses, sent-or-not."""

from __future__ import annotations

import http.client

import pytest
import requests
import urllib3
from alibabacloud_oss_v2 import exceptions as sdk

from qfopgui.api import errors
from qfopgui.api import messages as M
from qfopgui.api.oss.error_mapping import Call, translate
from qfopgui.api.resumable_upload import PartStopped

READ = Call(host="oss.example", bucket="media", key="in/a.mp4")
WRITE = Call(host="oss.example", bucket="media", key="in/a.mp4", write=True)


def _service(
    status: int, code: str, message: str = "words", headers: dict[str, str] | None = None
) -> Exception:
    inner = sdk.ServiceError(
        status_code=status,
        code=code,
        message=message,
        request_id="5F1E0000AAAA",
        ec="0002-00000040",
        headers=headers or {},
        timestamp=None,
        request_target="GET http://oss.example/media/in/a.mp4",
    )
    return sdk.OperationError(name="HeadObject", error=inner)


@pytest.mark.parametrize(
    ("status", "code", "kind", "template"),
    [
        (403, "InvalidAccessKeyId", errors.AuthError, M.BAD_KEYS),
        (403, "SignatureDoesNotMatch", errors.AuthError, M.BAD_KEYS),
        (403, "RequestTimeTooSkewed", errors.AuthError, M.OSS_CLOCK_SKEW),
        (404, "NoSuchBucket", errors.NoSuchBucketError, M.NO_SUCH_BUCKET),
        (404, "NoSuchKey", errors.NotFoundError, M.FILE_NOT_FOUND),
        (404, "", errors.NotFoundError, M.FILE_NOT_FOUND),  # HEAD without x-oss-err
        (404, "NoSuchUpload", errors.NotFoundError, M.OSS_UPLOAD_GONE),
        (403, "AccessDenied", errors.ForbiddenError, M.OSS_FORBIDDEN),
        (409, "FileAlreadyExists", errors.AlreadyExistsError, M.ALREADY_EXISTS),
        (429, "", errors.RateLimitedError, M.RATE_LIMITED),
        (503, "Throttling", errors.RateLimitedError, M.RATE_LIMITED),
        (500, "InternalError", errors.ServerError, M.OSS_SERVER_FAILED),
        (502, "", errors.ServerError, M.OSS_SERVER_FAILED),
        (400, "InvalidArgument", errors.BadRequestError, M.BAD_REQUEST),
        (405, "MethodNotAllowed", errors.QiniuError, M.REFUSED),
    ],
)
def test_service_errors_by_code_then_status(
    status: int, code: str, kind: type[errors.QiniuError], template: str
) -> None:
    err = translate(_service(status, code), READ)
    assert type(err) is kind
    assert isinstance(err, errors.QiniuError)
    assert err.template == template
    assert err.status == status
    assert err.reqid == "5F1E0000AAAA"  # kept for support
    assert template in M.MESSAGES  # so the UI can translate it


def test_server_words_and_names_reach_the_message() -> None:
    err = translate(_service(403, "AccessDenied", "no oss:PostProcessTask"), READ)
    assert isinstance(err, errors.ForbiddenError)
    assert "AccessDenied: no oss:PostProcessTask" in err.message
    missing = translate(_service(404, "NoSuchKey"), READ)
    assert isinstance(missing, errors.QiniuError)
    assert missing.params == {"key": "in/a.mp4", "bucket": "media"}
    bucket = translate(_service(404, "NoSuchBucket"), Call(host="h"))
    assert isinstance(bucket, errors.QiniuError)
    assert bucket.template == M.NO_SUCH_BUCKET_UNNAMED


def test_retry_after_is_read_from_the_answer() -> None:
    err = translate(_service(503, "", headers={"Retry-After": "7"}), READ)
    assert isinstance(err, errors.ServerError)
    assert err.retry_after == 7


def _request_error(cause: BaseException) -> Exception:
    return sdk.OperationError(name="PutObject", error=sdk.RequestError(error=cause))


def test_a_refused_connection_was_never_sent() -> None:
    refused = urllib3.exceptions.NewConnectionError(None, "refused")  # type: ignore[arg-type]
    err = translate(_request_error(requests.ConnectionError(refused)), WRITE)
    assert type(err) is errors.NetworkError


def test_a_reset_after_sending_is_an_unknown_outcome_not_a_network_error() -> None:
    # the SDK calls every requests.ConnectionError "no request was sent"; a reset is not that
    lost = urllib3.exceptions.ProtocolError("aborted", ConnectionResetError(104, "reset"))
    err = translate(_request_error(requests.ConnectionError(lost)), WRITE)
    assert type(err) is errors.OutcomeUnknownError
    remote = urllib3.exceptions.ProtocolError("aborted", http.client.RemoteDisconnected("x"))
    err = translate(_request_error(requests.ConnectionError(remote)), WRITE)
    assert type(err) is errors.OutcomeUnknownError


def test_a_read_timeout_is_an_unknown_outcome() -> None:
    timeout = sdk.OperationError(
        name="AsyncProcessObject",
        error=sdk.ResponseError(error=requests.ReadTimeout("read timed out")),
    )
    err = translate(timeout, WRITE)
    assert isinstance(err, errors.TimeoutError_)
    assert isinstance(err, errors.OutcomeUnknownError)


def test_an_unreadable_answer_to_a_write_is_unknown_to_a_read_a_protocol_error() -> None:
    garbled = sdk.OperationError(name="X", error=sdk.DeserializationError(error="bad json"))
    assert type(translate(garbled, WRITE)) is errors.OutcomeUnknownError
    assert type(translate(garbled, READ)) is errors.ProtocolError


def test_local_problems() -> None:
    empty = sdk.OperationError(name="X", error=sdk.CredentialsEmptyError())
    assert type(translate(empty, READ)) is errors.AuthError
    name = sdk.OperationError(name="X", error=sdk.BucketNameInvalidError(name="A_B"))
    bad_name = translate(name, Call(host="h", bucket="A_B"))
    assert isinstance(bad_name, errors.BadRequestError)
    assert (bad_name.template, bad_name.params) == (M.OSS_BAD_BUCKET_NAME, {"bucket": "A_B"})
    key = sdk.OperationError(name="X", error=sdk.ObjectNameInvalidError())
    assert type(translate(key, READ)) is errors.InvalidKeyError
    required = sdk.OperationError(name="X", error=sdk.ParamRequiredError(field="bucket"))
    assert type(translate(required, READ)) is ValueError
    crc = sdk.OperationError(name="X", error=sdk.InconsistentError(client_crc=1, server_crc=2))
    crc_err = translate(crc, WRITE)
    assert isinstance(crc_err, errors.BadRequestError)
    assert crc_err.template == M.CHECKSUM


def test_foreign_errors_pass_through_unchanged() -> None:
    stopped = PartStopped()
    assert translate(sdk.OperationError(name="UploadPart", error=stopped), WRITE) is stopped
    other = KeyError("x")
    assert translate(other, READ) is other
