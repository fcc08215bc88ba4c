"""Verifier against signing vectors computed with qiniu 7.18.0 and an independent HMAC."""

from __future__ import annotations

import pytest

from qfopgui.sandbox.auth import AuthFailure, Verifier
from qfopgui.sandbox.routes.common import HeaderMap

AK, SK = "MY_ACCESS_KEY", "MY_SECRET_KEY"
FORM = "application/x-www-form-urlencoded"
VECTOR_TIME = 1704067200.0  # 2024-01-01T00:00:00Z
PFOP_BODY = (
    b"bucket=mybucket&key=video.mp4&fops=avthumb%2Fmp4%2Fvb%2F1m"
    b"&notifyURL=http%3A%2F%2Fexample.com%2Fcb&force=1&pipeline=mypipe"
)


@pytest.fixture
def verifier() -> Verifier:
    return Verifier({AK: SK, "other": "secret"})


def _check(
    v: Verifier, method: str, host: str, path: str, auth: str, body: bytes = b"", **extra: str
) -> str:
    headers = HeaderMap([("Authorization", auth), *extra.items()])
    # the vectors carry X-Qiniu-Date 20240101T000000Z: check them at that moment
    return v.management(
        method=method, host=host, raw_path=path, headers=headers, body=body, now=VECTOR_TIME
    )


def test_qbox_vectors(verifier: Verifier) -> None:
    v1 = "/move/bmV3ZG9jczpmaW5kX21hbi50eHQ=/bmV3ZG9jczpmaW5kLm1hbi50eHQ="
    assert (
        _check(verifier, "POST", "rs.qiniu.com", v1, f"QBox {AK}:FXsYh0wKHYPEsIAgdPD9OfjkeEM=")
        == AK
    )
    sig_v2 = f"QBox {AK}:IAhy-2aG7YO-H9BuUlhla2eJjK8="
    hdr = {"Content-Type": FORM}
    assert _check(verifier, "POST", "api.qiniuapi.com", "/pfop/", sig_v2, PFOP_BODY, **hdr) == AK
    v3 = "/status/get/prefop?id=z0.abc123"
    assert _check(verifier, "GET", "h", v3, f"QBox {AK}:nH0f7OlstyTTP0zOi-aRmOXrGH0=") == AK
    # body is signed: tampering with it must fail
    with pytest.raises(AuthFailure):
        _check(verifier, "POST", "h", "/pfop/", sig_v2, PFOP_BODY + b"x", **hdr)


def test_qiniu_vectors(verifier: Verifier) -> None:
    v8 = f"Qiniu {AK}:YdUG0H3kb9df_MskYLr8xOhus_Y="
    hdrs = {"Content-Type": FORM, "X-Qiniu-Date": "20240101T000000Z"}
    assert _check(verifier, "POST", "uc.qiniuapi.com", "/buckets", v8, **hdrs) == AK
    v9 = f"Qiniu {AK}:YCxYeXlPb4YQSgymqt6PKWYIdQQ="
    path9 = "/list?bucket=mybucket&limit=1000&prefix=videos%2F"
    assert _check(verifier, "GET", "rsf-z0.qiniuapi.com", path9, v9, **hdrs) == AK
    v10 = f"Qiniu {AK}:vMBVhXCEC3kagP3m5WT1DzPbDHg="
    assert _check(verifier, "POST", "api.qiniuapi.com", "/pfop/", v10, PFOP_BODY, **hdrs) == AK
    v7 = f"Qiniu {AK}:_r2wVsWadFaRyvHzxKYUZwIykBo="
    assert _check(verifier, "GET", "uc.qiniuapi.com", "/buckets", v7) == AK
    # lower-case header names from other clients are canonicalised before signing
    lower = {"Content-Type": FORM, "x-qiniu-date": "20240101T000000Z"}
    assert _check(verifier, "POST", "uc.qiniuapi.com", "/buckets", v8, **lower) == AK
    # host, method, X-Qiniu headers are all signed
    with pytest.raises(AuthFailure):
        _check(verifier, "POST", "uc.qiniuapi.com:80", "/buckets", v8, **hdrs)
    with pytest.raises(AuthFailure):
        _check(verifier, "GET", "uc.qiniuapi.com", "/buckets", v8, **hdrs)
    with pytest.raises(AuthFailure):
        _check(
            verifier,
            "POST",
            "uc.qiniuapi.com",
            "/buckets",
            v8,
            **{**hdrs, "X-Qiniu-Date": "20240101T000001Z"},
        )


@pytest.mark.parametrize(
    "auth",
    [
        "",
        "QBox",
        f"QBox {AK}",
        f"QBox unknown:{'x' * 28}",
        f"Bearer {AK}:FXsYh0wKHYPEsIAgdPD9OfjkeEM=",
        "QBox other:FXsYh0wKHYPEsIAgdPD9OfjkeEM=",
    ],
)
def test_bad_management_tokens(verifier: Verifier, auth: str) -> None:
    v1 = "/move/bmV3ZG9jczpmaW5kX21hbi50eHQ=/bmV3ZG9jczpmaW5kLm1hbi50eHQ="
    with pytest.raises(AuthFailure) as err:
        _check(verifier, "POST", "rs.qiniu.com", v1, auth)
    assert err.value.status == 401
    assert err.value.message == "bad token"


V4 = (
    "MY_ACCESS_KEY:xsG2pUEjmQRa6x6ilSg365vUoYI=:eyJzY29wZSI6Im15YnVja2V0OmEubXA0IiwiZGVhZGxpbmUiOj"
    "E3MDAwMDM2MDAsInBlcnNpc3RlbnRPcHMiOiJhdnRodW1iL21wNC92Yi8xbXxzYXZlYXMvYlhsaWRXTnJaWFE2WVY5dmRYU"
    "XViWEEwIiwicGVyc2lzdGVudE5vdGlmeVVybCI6Imh0dHA6Ly9leGFtcGxlLmNvbS9jYiIsInBlcnNpc3RlbnRQaXBlbGlu"
    "ZSI6Im15cGlwZSIsInJldHVybkJvZHkiOiJ7XCJrZXlcIjpcIiQoa2V5KVwiLFwiaGFzaFwiOlwiJChldGFnKVwiLFwicGV"
    "yc2lzdGVudElkXCI6XCIkKHBlcnNpc3RlbnRJZClcIn0ifQ=="
)
V5 = (
    "MY_ACCESS_KEY:aPy_hkvgSLSDEbKAcvOSCFMbA3s=:"
    "eyJzY29wZSI6Im15YnVja2V0IiwiZGVhZGxpbmUiOjE3MDAwMDM2MDB9"
)


def test_upload_token_vectors(verifier: Verifier) -> None:
    up = verifier.upload_token(V4, now=1_700_000_000)
    assert up.access_key == AK
    assert up.scope_bucket == "mybucket"
    assert up.scope_key == "a.mp4"
    assert up.policy["persistentPipeline"] == "mypipe"
    up5 = verifier.upload_token(V5, now=1_700_000_000)
    assert up5.scope_bucket == "mybucket"
    assert up5.scope_key is None
    # the signature covers the encoded policy exactly, padding included
    with pytest.raises(AuthFailure):
        verifier.upload_token(V4.rstrip("="), now=1_700_000_000)


def test_upload_token_failures(verifier: Verifier) -> None:
    with pytest.raises(AuthFailure) as expired:
        verifier.upload_token(V5, now=1_700_003_601)
    assert expired.value.status == 401
    assert "expired" in expired.value.message
    tampered = V5[:-4] + "MH0="
    for bad in [tampered, "x", V5.replace("MY_ACCESS_KEY", "other"), V5 + ":extra"]:
        with pytest.raises(AuthFailure) as err:
            verifier.upload_token(bad, now=1_700_000_000)
        assert err.value.status == 401


def test_private_download_vectors(verifier: Verifier) -> None:
    v6 = (
        "http://cdn.example.com/a.mp4?e=1700003600&token=MY_ACCESS_KEY:7twYPaSGvz1CUDrQakgRXoSFDpw="
    )
    verifier.download_url(v6, now=1_700_000_000)
    v6b = (
        "http://cdn.example.com/a.mp4?vframe/jpg/offset/1&e=1700003600"
        "&token=MY_ACCESS_KEY:IeEi2MSDqkoKKol7jEWl8FOPMmI="
    )
    verifier.download_url(v6b, now=1_700_000_000)
    with pytest.raises(AuthFailure, match="out of date"):
        verifier.download_url(v6, now=1_700_003_601)
    for bad in [
        v6.replace("a.mp4", "b.mp4"),
        v6.replace("1700003600", "1700003700"),
        "http://cdn.example.com/a.mp4",
        v6.replace("MY_ACCESS_KEY", "nobody"),
    ]:
        with pytest.raises(AuthFailure):
            verifier.download_url(bad, now=1_700_000_000)
