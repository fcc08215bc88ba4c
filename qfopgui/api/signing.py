"""Thin, typed wrappers over the qiniu SDK's signing code — no HMAC is written here.

Choice (documented in the report): every management call (uc/rs/rsf/api, including pfop and
prefop) is signed with the *Qiniu v2* signature (`qiniu.QiniuMacAuth` through
`qiniu.QiniuMacRequestsAuth`), the scheme the SDK's own BucketManager and the Go SDK/qshell use.
It signs method, host and body too, so a replayed request cannot be re-targeted. QBox
(`qiniu.Auth` / `qiniu.RequestsAuth`) is exposed for completeness and for the test vectors.
Uploads carry an UpToken made by `qiniu.Auth.upload_token`.

Secrets never leave this module except inside the SDK objects; nothing here logs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import requests
from qiniu import Auth, QiniuMacAuth
from qiniu.auth import QiniuMacRequestsAuth, RequestsAuth

from qfopgui.api.config import Credentials


class Signer:
    """Produces every credential the client needs from one AccessKey/SecretKey pair.

    Thread-safe: the SDK objects hold only the key pair and compute tokens without state.
    """

    def __init__(self, credentials: Credentials, *, sign_timestamp: bool = True) -> None:
        # The SDK raises ValueError for empty keys; fail at construction, not on first use.
        self._access_key = credentials.access_key
        self._auth = Auth(credentials.access_key, credentials.secret_key)
        # Explicit flag so the DISABLE_QINIU_TIMESTAMP_SIGNATURE env var cannot change behaviour.
        self._mac = QiniuMacAuth(
            credentials.access_key,
            credentials.secret_key,
            disable_qiniu_timestamp_signature=not sign_timestamp,
        )
        self._mac_requests_auth = QiniuMacRequestsAuth(self._mac)
        self._qbox_requests_auth = RequestsAuth(self._auth)

    @property
    def access_key(self) -> str:
        return self._access_key

    # -- management ----------------------------------------------------------------------

    def management_auth(self) -> requests.auth.AuthBase:
        """requests auth hook: `Authorization: Qiniu AK:sign` (+ `X-Qiniu-Date`)."""
        auth: requests.auth.AuthBase = self._mac_requests_auth
        return auth

    def qbox_auth(self) -> requests.auth.AuthBase:
        """requests auth hook: `Authorization: QBox AK:sign` (legacy v1 management token)."""
        auth: requests.auth.AuthBase = self._qbox_requests_auth
        return auth

    def qbox_token(self, url: str, body: str | None = None, content_type: str | None = None) -> str:
        """`AK:sign` of a QBox management token (body counts only for form-urlencoded)."""
        return str(self._auth.token_of_request(url, body, content_type))

    def qiniu_token(
        self,
        method: str,
        url: str,
        *,
        host: str | None = None,
        headers: Mapping[str, str] | None = None,
        content_type: str | None = None,
        body: str | bytes | None = None,
    ) -> str:
        """`AK:sign` of a Qiniu v2 token; `headers` may hold any headers, X-Qiniu-* are picked."""
        qheaders = self._mac.qiniu_headers(dict(headers or {}))
        return str(self._mac.token_of_request(method, host, url, qheaders, content_type, body))

    # -- upload / download -----------------------------------------------------------------

    def upload_token(
        self,
        bucket: str,
        key: str | None = None,
        *,
        expires: int = 3600,
        policy: Mapping[str, Any] | None = None,
    ) -> str:
        """`AK:sign:b64(policy)`; unknown policy fields are dropped by the SDK's strict mode."""
        return str(self._auth.upload_token(bucket, key, expires, dict(policy) if policy else None))

    def private_download_url(self, url: str, *, expires: int = 3600) -> str:
        """`url?e=<deadline>&token=AK:sign` signed over the full URL (scheme and host too)."""
        return str(self._auth.private_download_url(url, expires))

    def token(self, data: str) -> str:
        """Plain `AK:urlsafe_b64(hmac_sha1(SK, data))` (used by the SDK's own test vectors)."""
        return str(self._auth.token(data))

    def token_with_data(self, data: str) -> str:
        """`AK:sign:b64(data)` (the upload-token shape over arbitrary data)."""
        return str(self._auth.token_with_data(data))

    def __repr__(self) -> str:
        return f"Signer(access_key={self._access_key!r})"
