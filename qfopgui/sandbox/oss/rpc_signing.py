"""Verification of Aliyun's RPC-style (POP) request signature, signature version 1.0.

Written from the documented scheme (the emulated IMM GetTask uses it; not verified against the
live service):

    CanonicalizedQueryString = "&".join(enc(k) + "=" + enc(v) for (k, v) in sorted(params))
    StringToSign = METHOD + "&" + enc("/") + "&" + enc(CanonicalizedQueryString)
    Signature    = base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign))

``enc`` is RFC 3986 percent-encoding of UTF-8 (unreserved ``A-Z a-z 0-9 - _ . ~`` kept, space
``%20``, ``*`` ``%2A``, upper-case hex); the parameters are every query (or form) parameter but
``Signature``, sorted by name. ``Timestamp`` is UTC ``YYYY-MM-DDThh:mm:ssZ`` and must be within
15 minutes; a ``SignatureNonce`` may be used once.
"""

from __future__ import annotations

import base64
import calendar
import hashlib
import hmac
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from urllib.parse import quote

MAX_SKEW = 15 * 60
_NONCE_TTL = 2 * MAX_SKEW
_COMMON = {
    "SignatureMethod": "HMAC-SHA1",
    "SignatureVersion": "1.0",
}


class RpcAuthError(Exception):
    """A refused request: the POP error ``code`` (and HTTP status) to answer with."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.status = status
        self.code = code
        self.message = message


def percent_encode(text: str) -> str:
    return quote(text, safe="-_.~")


def rpc_string_to_sign(method: str, params: Sequence[tuple[str, str]]) -> str:
    pairs = sorted((k, v) for k, v in params if k != "Signature")
    canonical = "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in pairs)
    return f"{method.upper()}&{percent_encode('/')}&{percent_encode(canonical)}"


def rpc_signature(secret: str, string_to_sign: str) -> str:
    digest = hmac.new(f"{secret}&".encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def _parse_timestamp(text: str) -> float:
    try:
        return float(calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%SZ")))
    except ValueError:
        raise RpcAuthError(
            400,
            "InvalidTimeStamp.Format",
            f"Specified time stamp {text!r} is not UTC YYYY-MM-DDThh:mm:ssZ.",
        ) from None


class RpcVerifier:
    """Checks the common parameters, the clock, the nonce and the signature of one request."""

    def __init__(
        self,
        secrets: Mapping[str, str],
        *,
        version: str,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._secrets = dict(secrets)
        self._version = version
        self._clock = clock
        self._nonces: dict[str, float] = {}
        self._lock = threading.Lock()

    def verify(self, method: str, params: Sequence[tuple[str, str]]) -> str:
        """The caller's AccessKeyId, or RpcAuthError."""
        given = dict(params)
        for name in ("AccessKeyId", "Signature", "SignatureNonce", "Timestamp", *_COMMON):
            if not given.get(name):
                raise RpcAuthError(
                    400,
                    f"Missing{name}",
                    f"The input parameter {name} that is mandatory for processing this "
                    "request is not supplied.",
                )
        for name, expected in {**_COMMON, "Version": self._version}.items():
            if given.get(name) != expected:
                raise RpcAuthError(
                    400, f"Invalid{name}", f"{name} must be {expected!r}, not {given.get(name)!r}."
                )
        if given.get("Format", "JSON").upper() != "JSON":
            raise RpcAuthError(400, "InvalidFormat", "The sandbox answers Format=JSON only.")
        now = self._clock()
        if abs(now - _parse_timestamp(given["Timestamp"])) > MAX_SKEW:
            raise RpcAuthError(
                400,
                "InvalidTimeStamp.Expired",
                "Specified time stamp or date value is expired (more than 15 minutes off).",
            )
        ak = given["AccessKeyId"]
        secret = self._secrets.get(ak)
        if secret is None:
            raise RpcAuthError(
                404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."
            )
        string_to_sign = rpc_string_to_sign(method, params)
        if not hmac.compare_digest(rpc_signature(secret, string_to_sign), given["Signature"]):
            raise RpcAuthError(
                400,
                "SignatureDoesNotMatch",
                "Specified signature is not matched with our calculation. server string to "
                f"sign is:{string_to_sign}",
            )
        self._use_nonce(given["SignatureNonce"], now)
        return ak

    def _use_nonce(self, nonce: str, now: float) -> None:
        with self._lock:
            self._nonces = {n: t for n, t in self._nonces.items() if now - t < _NONCE_TTL}
            if nonce in self._nonces:
                raise RpcAuthError(
                    400, "SignatureNonceUsed", "Specified signature nonce was used already."
                )
            self._nonces[nonce] = now
