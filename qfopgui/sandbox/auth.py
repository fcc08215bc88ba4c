"""Server-side checks of Qiniu credentials, computed with the official SDK's own signing code.

Using ``qiniu.Auth`` / ``qiniu.QiniuMacAuth`` to produce the expected value means the sandbox
accepts exactly what the SDK signs; the Go-SDK variants (body signed only for form/JSON) are
accepted too, because the real service accepts both clients.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from qiniu import Auth, QiniuMacAuth

_FORM = "application/x-www-form-urlencoded"


class AuthFailure(Exception):
    """A credential check failed; ``status``/``message`` become the HTTP error response."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class UploadPolicy:
    """A verified upload token: who signed it and the decoded put policy."""

    access_key: str
    policy: dict[str, Any]

    @property
    def scope_bucket(self) -> str:
        return str(self.policy.get("scope", "")).split(":", 1)[0]

    @property
    def scope_key(self) -> str | None:
        parts = str(self.policy.get("scope", "")).split(":", 1)
        return parts[1] if len(parts) == 2 else None


def b64decode_lenient(text: str) -> bytes:
    """URL-safe (or standard) base64 with or without '=' padding; raises ValueError."""
    cleaned = text.strip().rstrip("=").replace("+", "-").replace("/", "_")
    cleaned += "=" * (-len(cleaned) % 4)
    try:
        return base64.b64decode(cleaned.encode("ascii"), altchars=b"-_", validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ValueError("invalid base64") from exc


class Verifier:
    """Checks management, upload and private-download credentials against known AK/SK pairs."""

    def __init__(self, secret_keys: Mapping[str, str]) -> None:
        self._secret_keys = dict(secret_keys)

    def _secret(self, access_key: str) -> str | None:
        return self._secret_keys.get(access_key)

    # -- management tokens (QBox and Qiniu) ------------------------------------------------

    def management(
        self,
        *,
        method: str,
        host: str,
        raw_path: str,
        headers: Mapping[str, str],
        body: bytes,
        now: float | None = None,
    ) -> str:
        """Return the caller's AK if ``Authorization`` holds a valid QBox or Qiniu signature.

        A Qiniu-signed request whose ``X-Qiniu-Date`` is more than 15 minutes from ``now``
        answers 403, as the service does; the header may be absent.
        """
        header = headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        access_key = token.split(":", 1)[0]
        secret = self._secret(access_key)
        if secret is None or ":" not in token:
            raise AuthFailure(401, "bad token")
        url = f"http://{host}{raw_path}"
        content_type = headers.get("Content-Type", "")
        if scheme == "QBox":
            expected = self._qbox_candidates(access_key, secret, url, body, content_type)
        elif scheme == "Qiniu":
            expected = self._qiniu_candidates(
                access_key, secret, method, host, url, headers, body, content_type
            )
        else:
            raise AuthFailure(401, "bad token")
        if not any(hmac.compare_digest(token, cand) for cand in expected):
            raise AuthFailure(401, "bad token")
        if scheme == "Qiniu":
            check_qiniu_date(headers.get("X-Qiniu-Date", ""), now=now)
        return access_key

    def knows(self, access_key: str) -> bool:
        """Whether ``access_key`` belongs to a configured key pair (``/v4/query`` answers 612)."""
        return access_key in self._secret_keys

    @staticmethod
    def _qbox_candidates(ak: str, sk: str, url: str, body: bytes, content_type: str) -> list[str]:
        auth = Auth(ak, sk)
        text = _utf8(body)
        if text and content_type == _FORM:
            return [auth.token_of_request(url, text, _FORM)]
        return [auth.token_of_request(url)]

    @staticmethod
    def _qiniu_candidates(
        ak: str,
        sk: str,
        method: str,
        host: str,
        url: str,
        headers: Mapping[str, str],
        body: bytes,
        content_type: str,
    ) -> list[str]:
        mac = QiniuMacAuth(ak, sk)
        qheaders = mac.qiniu_headers(_qiniu_header_map(headers))
        text = _utf8(body)
        ct = content_type or None
        candidates = []
        for signed_host in _signed_host_variants(host):
            if text is not None:
                candidates.append(
                    mac.token_of_request(method, signed_host, url, qheaders, ct, text or None)
                )
            if ct not in (_FORM, "application/json"):
                # Go SDK / qshell sign the body only for form and JSON content types.
                candidates.append(
                    mac.token_of_request(method, signed_host, url, qheaders, ct, None)
                )
        return candidates

    # -- upload tokens -----------------------------------------------------------------------

    def sign_callback(self, access_key: str, url: str, body: str, content_type: str) -> str:
        """``<ak>:<sign>`` for an upload callback, as ``Auth.verify_callback`` checks a QBox one."""
        secret = self._secret(access_key)
        if secret is None:
            raise AuthFailure(401, "bad token")
        return str(Auth(access_key, secret).token_of_request(url, body, content_type))

    def upload_token(self, token: str, *, now: float | None = None) -> UploadPolicy:
        """Verify ``AK:sign:b64(policy)``; 401 for unknown/bad/expired tokens."""
        parts = token.strip().split(":")
        if len(parts) != 3:
            raise AuthFailure(401, "bad token")
        access_key, _, encoded = parts
        secret = self._secret(access_key)
        if secret is None:
            raise AuthFailure(401, "bad token")
        expected = Auth(access_key, secret).token(encoded)
        if not hmac.compare_digest(f"{parts[0]}:{parts[1]}", expected):
            raise AuthFailure(401, "bad token")
        try:
            policy = json.loads(b64decode_lenient(encoded).decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise AuthFailure(401, "bad token") from exc
        if not isinstance(policy, dict) or not policy.get("scope"):
            raise AuthFailure(401, "bad token")
        deadline = policy.get("deadline")
        if not isinstance(deadline, int) or deadline < (time.time() if now is None else now):
            raise AuthFailure(401, "expired token")
        return UploadPolicy(access_key, policy)

    # -- private download URLs -----------------------------------------------------------------

    def download_url(self, url_as_received: str, *, now: float | None = None) -> None:
        """Check ``...?e=<deadline>&token=AK:sign`` where sign = HMAC(SK, url without &token)."""
        base, sep, token = url_as_received.rpartition("&token=")
        if not sep or "&" in token:
            raise AuthFailure(401, "bad token")
        access_key = token.split(":", 1)[0]
        secret = self._secret(access_key)
        if secret is None:
            raise AuthFailure(401, "bad token")
        if not hmac.compare_digest(token, Auth(access_key, secret).token(base)):
            raise AuthFailure(401, "bad token")
        query = base.partition("?")[2]
        deadline = None
        for item in query.split("&"):
            name, _, value = item.partition("=")
            if name == "e" and value.isdigit():
                deadline = int(value)
        if deadline is None or deadline < (time.time() if now is None else now):
            raise AuthFailure(401, "token out of date")


DATE_SKEW_LIMIT = 15 * 60
_QINIU_DATE = "%Y%m%dT%H%M%SZ"


def check_qiniu_date(value: str, *, now: float | None = None) -> None:
    """403 when ``X-Qiniu-Date`` (``20240101T000000Z``, UTC) is > 15 min off; absent is fine."""
    if not value:
        return
    try:
        sent = datetime.strptime(value.strip(), _QINIU_DATE).replace(tzinfo=UTC).timestamp()
    except ValueError as exc:
        raise AuthFailure(400, "invalid X-Qiniu-Date header") from exc
    if abs(sent - (time.time() if now is None else now)) > DATE_SKEW_LIMIT:
        raise AuthFailure(403, "request time is too skewed")


def _signed_host_variants(host: str) -> list[str]:
    """The Host as received, plus the Node.js SDK's ``host:port:port`` (port appended twice)."""
    name, sep, port = host.rpartition(":")
    if sep and name and port.isdigit():
        return [host, f"{host}:{port}"]
    return [host]


def _utf8(body: bytes) -> str | None:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _qiniu_header_map(headers: Mapping[str, str]) -> dict[str, str]:
    """X-Qiniu-* headers under their canonical names, as the SDK signs them."""
    out: dict[str, str] = {}
    for name, value in headers.items():
        if name.lower().startswith("x-qiniu-") and len(name) > len("x-qiniu-"):
            canonical = "-".join(part[:1].upper() + part[1:].lower() for part in name.split("-"))
            out[canonical] = value
    return out
