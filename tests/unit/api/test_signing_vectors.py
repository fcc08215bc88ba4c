"""Signing vectors V1–V10 and the SDK's own vectors, through qfopgui.api.signing.

V1–V10 were computed with qiniu 7.18.0 and re-computed with an independent HMAC-SHA1
implementation (both agree); AK ``MY_ACCESS_KEY``, SK ``MY_SECRET_KEY``.
"""

from __future__ import annotations

import base64
import json
import time
from datetime import datetime

import pytest
import qiniu.auth
import requests

from qfopgui.api.client import QiniuClient
from qfopgui.api.config import Credentials, Endpoints
from qfopgui.api.signing import Signer
from tests.unit.api.fakes import Reply, make_client

MY = Credentials("MY_ACCESS_KEY", "MY_SECRET_KEY")
FORM = "application/x-www-form-urlencoded"
V2_BODY = (
    "bucket=mybucket&key=video.mp4&fops=avthumb%2Fmp4%2Fvb%2F1m"
    "&notifyURL=http%3A%2F%2Fexample.com%2Fcb&force=1&pipeline=mypipe"
)
NOW = 1700000000


@pytest.fixture
def signer() -> Signer:
    return Signer(MY)


@pytest.fixture
def frozen_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "time", lambda: float(NOW))


@pytest.fixture
def frozen_qiniu_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """QiniuMacRequestsAuth stamps X-Qiniu-Date from datetime.utcnow(); pin it to 2024-01-01."""

    class Fixed(datetime):
        @classmethod
        def utcnow(cls) -> datetime:  # type: ignore[override]
            return datetime(2024, 1, 1, 0, 0, 0)

    monkeypatch.setattr(qiniu.auth, "datetime", Fixed)


# -- QBox (V1–V3) -------------------------------------------------------------------------


def test_v1_qbox_move(signer: Signer) -> None:
    url = "http://rs.qiniu.com/move/bmV3ZG9jczpmaW5kX21hbi50eHQ=/bmV3ZG9jczpmaW5kLm1hbi50eHQ="
    assert signer.qbox_token(url) == "MY_ACCESS_KEY:FXsYh0wKHYPEsIAgdPD9OfjkeEM="


def test_v2_qbox_pfop_form_body(signer: Signer) -> None:
    token = signer.qbox_token("http://api.qiniuapi.com/pfop/", V2_BODY, FORM)
    assert token == "MY_ACCESS_KEY:IAhy-2aG7YO-H9BuUlhla2eJjK8="


def test_v2b_qbox_body_ignored_without_form_type(signer: Signer) -> None:
    token = signer.qbox_token("http://api.qiniuapi.com/pfop/", V2_BODY, None)
    assert token == "MY_ACCESS_KEY:Q92kPr9kpj5jsqEcDjS0YIYu7Gc="


def test_v3_qbox_prefop(signer: Signer) -> None:
    token = signer.qbox_token("http://api.qiniuapi.com/status/get/prefop?id=z0.abc123")
    assert token == "MY_ACCESS_KEY:nH0f7OlstyTTP0zOi-aRmOXrGH0="


def test_v2_through_qbox_requests_hook(signer: Signer) -> None:
    req = requests.Request(
        "POST", "http://api.qiniuapi.com/pfop/", data=V2_BODY, headers={"Content-Type": FORM}
    ).prepare()
    signer.qbox_auth()(req)
    assert req.headers["Authorization"] == "QBox MY_ACCESS_KEY:IAhy-2aG7YO-H9BuUlhla2eJjK8="


# -- upload token and private URL (V4–V6) ---------------------------------------------------


@pytest.mark.usefixtures("frozen_time")
def test_v4_upload_token_with_policy(signer: Signer) -> None:
    policy = {
        "persistentOps": "avthumb/mp4/vb/1m|saveas/bXlidWNrZXQ6YV9vdXQubXA0",
        "persistentNotifyUrl": "http://example.com/cb",
        "persistentPipeline": "mypipe",
        "returnBody": '{"key":"$(key)","hash":"$(etag)","persistentId":"$(persistentId)"}',
    }
    token = signer.upload_token("mybucket", "a.mp4", expires=3600, policy=policy)
    assert token == (
        "MY_ACCESS_KEY:xsG2pUEjmQRa6x6ilSg365vUoYI=:eyJzY29wZSI6Im15YnVja2V0OmEubXA0IiwiZGVhZGxp"
        "bmUiOjE3MDAwMDM2MDAsInBlcnNpc3RlbnRPcHMiOiJhdnRodW1iL21wNC92Yi8xbXxzYXZlYXMvYlhsaWRXTnJ"
        "aWFE2WVY5dmRYUXViWEEwIiwicGVyc2lzdGVudE5vdGlmeVVybCI6Imh0dHA6Ly9leGFtcGxlLmNvbS9jYiIsIn"
        "BlcnNpc3RlbnRQaXBlbGluZSI6Im15cGlwZSIsInJldHVybkJvZHkiOiJ7XCJrZXlcIjpcIiQoa2V5KVwiLFwia"
        "GFzaFwiOlwiJChldGFnKVwiLFwicGVyc2lzdGVudElkXCI6XCIkKHBlcnNpc3RlbnRJZClcIn0ifQ=="
    )


@pytest.mark.usefixtures("frozen_time")
def test_v5_upload_token_plain_through_client() -> None:
    client = QiniuClient(MY, Endpoints.single("http://127.0.0.1:1"))
    assert client.upload_token("mybucket") == (
        "MY_ACCESS_KEY:aPy_hkvgSLSDEbKAcvOSCFMbA3s=:eyJzY29wZSI6Im15YnVja2V0IiwiZGVhZGxpbmUiOjE3MD"
        "AwMDM2MDB9"
    )


@pytest.mark.usefixtures("frozen_time")
def test_v6_private_url_through_client_and_signer(signer: Signer) -> None:
    client = QiniuClient(MY, Endpoints.single("http://127.0.0.1:1"))
    url = client.download_url("http://cdn.example.com", "a.mp4", private=True, expires=3600)
    assert url == (
        "http://cdn.example.com/a.mp4?e=1700003600&token=MY_ACCESS_KEY:7twYPaSGvz1CUDrQakgRXoSFDpw="
    )
    url_b = signer.private_download_url(
        "http://cdn.example.com/a.mp4?vframe/jpg/offset/1", expires=3600
    )
    assert url_b == (
        "http://cdn.example.com/a.mp4?vframe/jpg/offset/1&e=1700003600"
        "&token=MY_ACCESS_KEY:IeEi2MSDqkoKKol7jEWl8FOPMmI="
    )


# -- Qiniu v2 (V7–V10) -----------------------------------------------------------------------


def test_v7_qiniu_no_content_type(signer: Signer) -> None:
    token = signer.qiniu_token("GET", "http://uc.qiniuapi.com/buckets")
    assert token == "MY_ACCESS_KEY:_r2wVsWadFaRyvHzxKYUZwIykBo="


def test_v8_qiniu_with_date(signer: Signer) -> None:
    token = signer.qiniu_token(
        "POST",
        "http://uc.qiniuapi.com/buckets",
        headers={"X-Qiniu-Date": "20240101T000000Z"},
        content_type=FORM,
    )
    assert token == "MY_ACCESS_KEY:YdUG0H3kb9df_MskYLr8xOhus_Y="


def test_v9_qiniu_list_query(signer: Signer) -> None:
    token = signer.qiniu_token(
        "GET",
        "https://rsf-z0.qiniuapi.com/list?bucket=mybucket&limit=1000&prefix=videos%2F",
        headers={"X-Qiniu-Date": "20240101T000000Z"},
        content_type=FORM,
    )
    assert token == "MY_ACCESS_KEY:YCxYeXlPb4YQSgymqt6PKWYIdQQ="


def test_v10_qiniu_pfop_body(signer: Signer) -> None:
    token = signer.qiniu_token(
        "POST",
        "http://api.qiniuapi.com/pfop/",
        headers={"X-Qiniu-Date": "20240101T000000Z"},
        content_type=FORM,
        body=V2_BODY,
    )
    assert token == "MY_ACCESS_KEY:vMBVhXCEC3kagP3m5WT1DzPbDHg="


@pytest.mark.usefixtures("frozen_qiniu_date")
@pytest.mark.parametrize(
    ("method", "url", "data", "expected"),
    [
        ("POST", "http://uc.qiniuapi.com/buckets", None, "YdUG0H3kb9df_MskYLr8xOhus_Y="),
        (
            "GET",
            "https://rsf-z0.qiniuapi.com/list?bucket=mybucket&limit=1000&prefix=videos%2F",
            None,
            "YCxYeXlPb4YQSgymqt6PKWYIdQQ=",
        ),
        ("POST", "http://api.qiniuapi.com/pfop/", V2_BODY, "vMBVhXCEC3kagP3m5WT1DzPbDHg="),
    ],
)
def test_v8_to_v10_through_management_hook(
    signer: Signer, method: str, url: str, data: str | None, expected: str
) -> None:
    headers = {"Content-Type": FORM} if data else {}
    req = requests.Request(method, url, data=data, headers=headers).prepare()
    signer.management_auth()(req)
    assert req.headers["X-Qiniu-Date"] == "20240101T000000Z"
    assert req.headers["Authorization"] == f"Qiniu MY_ACCESS_KEY:{expected}"


@pytest.mark.usefixtures("frozen_qiniu_date")
def test_v10_end_to_end_client_pfop() -> None:
    """The client's own pfop request (field order, encoding, path) reproduces V10 exactly."""
    client, adapter = make_client(
        [Reply(body={"persistentId": "z0.1"})],
        endpoints=Endpoints.single("http://api.qiniuapi.com"),
    )
    client._signer = Signer(MY)  # V1–V10 use MY_ACCESS_KEY / MY_SECRET_KEY
    pid = client.pfop(
        "mybucket",
        "video.mp4",
        ["avthumb/mp4/vb/1m"],
        notify_url="http://example.com/cb",
        force=True,
        pipeline="mypipe",
    )
    assert pid == "z0.1"
    (call,) = adapter.calls
    assert call.body.decode() == V2_BODY
    assert call.headers["Authorization"] == "Qiniu MY_ACCESS_KEY:vMBVhXCEC3kagP3m5WT1DzPbDHg="


# -- the SDK's own test vectors (python-sdk tests/cases/test_auth.py) ----------------------


def test_sdk_vectors_qbox() -> None:
    s = Signer(Credentials("abcdefghklmnopq", "1234567890"))
    assert s.token("test") == "abcdefghklmnopq:mSNBTR7uS2crJsyFr2Amwv1LaYg="
    assert s.token_with_data("test") == "abcdefghklmnopq:-jP8eEV9v48MkYiBGs81aDxl60E=:dGVzdA=="
    assert s.qbox_token("https://www.qiniu.com?go=1", "test", "") == (
        "abcdefghklmnopq:cFyRVoWrE3IugPIMP5YJFTO-O-Y="
    )
    assert s.qbox_token("https://www.qiniu.com?go=1", "test", FORM) == (
        "abcdefghklmnopq:svWRNcacOE-YMsc70nuIYdaa1e4="
    )


def test_sdk_vectors_qiniu() -> None:
    s = Signer(Credentials("ak", "sk"))
    headers = {"X-Qiniu-Bbb": "BBB", "X-Qiniu-Aaa": "DDD", "X-Qiniu": "a", "X-Qiniu-": "b"}
    assert (
        s.qiniu_token(
            "GET",
            "http://upload.qiniup.com/mkfile/sdf.jpg?s=er3&df",
            headers=headers,
            content_type=FORM,
            body="name=test&language=go",
        )
        == "ak:PUFPWsEUIpk_dzUvvxTTmwhp3p4="
    )
    assert (
        s.qiniu_token(
            "GET",
            "http://upload.qiniup.com",
            headers=headers,
            content_type="application/json",
            body='{"name": "test"}',
        )
        == "ak:DhNA1UCaBqSHCsQjMOLRfVn63GQ="
    )


@pytest.mark.usefixtures("frozen_time")
def test_client_upload_token_policy_fields() -> None:
    client = QiniuClient(MY, Endpoints.single("http://127.0.0.1:1"))
    token = client.upload_token(
        "b",
        "k.mp4",
        expires=60,
        persistent_ops="avthumb/mp4",
        persistent_pipeline="p",
        persistent_notify_url="http://n",
        persistent_type=1,
    )
    ak, sign, encoded = token.split(":")
    policy = json.loads(base64.urlsafe_b64decode(encoded))
    assert ak == "MY_ACCESS_KEY"
    assert policy == {
        "scope": "b:k.mp4",
        "deadline": NOW + 60,
        "persistentOps": "avthumb/mp4",
        "persistentNotifyUrl": "http://n",
        "persistentPipeline": "p",
        "persistentType": 1,
    }
    assert f"{ak}:{sign}" == Signer(MY).token(encoded)


def test_signer_repr_hides_secret() -> None:
    assert "MY_SECRET_KEY" not in repr(Signer(MY))
    assert "MY_SECRET_KEY" not in repr(QiniuClient(MY, Endpoints.single("http://127.0.0.1:1")))
