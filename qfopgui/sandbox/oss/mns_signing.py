"""Verification of the MNS request signature (``Authorization: MNS <AccessKeyId>:<Signature>``).

Written from the documented scheme (the emulated MNS queue uses it; not verified against the
live service):

    StringToSign = VERB "\\n" Content-MD5 "\\n" Content-Type "\\n" Date "\\n"
                   CanonicalizedMNSHeaders CanonicalizedResource
    Signature    = base64(HMAC-SHA1(AccessKeySecret, StringToSign))

CanonicalizedMNSHeaders: every ``x-mns-*`` header, name lower-cased, sorted, ``name:value\\n``
each; CanonicalizedResource: the request path with its query string, as sent. ``Date`` is an
RFC 1123 date and must be within 15 minutes of the server clock.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Callable, Mapping, Sequence
from email.utils import parsedate_to_datetime

MAX_SKEW = 15 * 60


class MnsError(Exception):
    """A refused request: the MNS error ``code`` (and HTTP status) to answer with."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.status = status
        self.code = code
        self.message = message


def mns_string_to_sign(method: str, resource: str, headers: Sequence[tuple[str, str]]) -> str:
    lower: dict[str, str] = {}
    for name, value in headers:
        lower[name.lower()] = value.strip()
    mns = "".join(f"{k}:{lower[k]}\n" for k in sorted(lower) if k.startswith("x-mns-"))
    fields = (lower.get("content-md5", ""), lower.get("content-type", ""), lower.get("date", ""))
    return f"{method.upper()}\n" + "\n".join(fields) + "\n" + mns + resource


def mns_signature(secret: str, string_to_sign: str) -> str:
    digest = hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class MnsVerifier:
    """Checks the Authorization header, the Date and the signature of one request."""

    def __init__(
        self, secrets: Mapping[str, str], *, clock: Callable[[], float] = time.time
    ) -> None:
        self._secrets = dict(secrets)
        self._clock = clock

    def verify(self, method: str, resource: str, headers: Sequence[tuple[str, str]]) -> str:
        """The caller's AccessKeyId, or MnsError."""
        found = {name.lower(): value for name, value in headers}
        auth = found.get("authorization", "")
        scheme, _, credential = auth.partition(" ")
        ak, sep, signature = credential.rpartition(":")
        if scheme != "MNS" or not sep or not ak or not signature:
            raise MnsError(
                403, "AccessDenied", "Authorization must be 'MNS <AccessKeyId>:<Signature>'."
            )
        date = found.get("date", "")
        try:
            sent = parsedate_to_datetime(date).timestamp()
        except (TypeError, ValueError):
            raise MnsError(
                400, "InvalidArgument", f"Date {date!r} is not an RFC 1123 date."
            ) from None
        if abs(self._clock() - sent) > MAX_SKEW:
            raise MnsError(
                408, "TimeExpired", "The http request you sent is expired (Date is 15 min off)."
            )
        secret = self._secrets.get(ak)
        if secret is None:
            raise MnsError(403, "InvalidAccessKeyId", "The access Id you provided is not exist.")
        expected = mns_signature(secret, mns_string_to_sign(method, resource, headers))
        if not hmac.compare_digest(expected, signature):
            raise MnsError(
                403,
                "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided.",
            )
        return ak
