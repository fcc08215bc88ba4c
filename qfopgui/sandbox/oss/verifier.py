"""Checks a request's signature: Authorization header (V1/V4) or presigned URL (V1/V4 query).

Header-signed requests must be within 15 minutes of the server clock (403
RequestTimeTooSkewed); presigned URLs until they expire (403 AccessDenied). The clock is
injectable so the reference's fixed-time vectors can be verified.
"""

from __future__ import annotations

import calendar
import hashlib
import hmac
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from email.utils import parsedate_to_datetime

from qfopgui.sandbox.oss.signing import (
    UNSIGNED,
    V4_ALGORITHM,
    SignatureError,
    SignedRequest,
    canonical_request_v4,
    parse_v4_authorization,
    sign_v1,
    signing_key_v4,
    string_to_sign_v1,
    string_to_sign_v4,
)

MAX_SKEW = 15 * 60
_MISMATCH = (
    "The request signature we calculated does not match the signature you provided. "
    "Check your key and signing method."
)


def _v4_time(stamp: str) -> float | None:
    try:
        return float(calendar.timegm(time.strptime(stamp, "%Y%m%dT%H%M%SZ")))
    except ValueError:
        return None


def _http_time(value: str) -> float | None:
    try:
        return parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return None


def _denied(message: str) -> SignatureError:
    return SignatureError("AccessDenied", message, 403)


class OssVerifier:
    """Verifies requests against the configured AK → SK pairs."""

    def __init__(
        self,
        secrets: Mapping[str, str],
        *,
        clock: Callable[[], float] = time.time,
        region: str = "",
    ) -> None:
        """``region``: when set, a V4 scope naming another region is refused (EC 0002-00000226;
        the HTTP status and code are unconfirmed); otherwise any region is accepted."""
        self._secrets = dict(secrets)
        self._clock = clock
        self._region = region

    def _secret(self, access_key: str) -> str:
        secret = self._secrets.get(access_key)
        if secret is None:
            raise SignatureError(
                "InvalidAccessKeyId",
                "The OSS Access Key Id you provided does not exist in our records.",
                403,
                {"OSSAccessKeyId": access_key},
            )
        return secret

    def verify(self, req: SignedRequest) -> str:
        """The access key of a correctly signed request; SignatureError otherwise."""
        auth = req.header("Authorization")
        if auth.startswith("OSS "):
            return self._header_v1(req, auth[4:])
        if auth.startswith(V4_ALGORITHM + " "):
            return self._header_v4(req, auth)
        if auth:
            raise SignatureError("InvalidArgument", "Authorization header is invalid.", 400)
        params = dict(req.query)
        if params.get("x-oss-signature-version") == V4_ALGORITHM:
            return self._query_v4(req, params)
        if "OSSAccessKeyId" in params and "Signature" in params:
            return self._query_v1(req, params)
        raise _denied("You have no right to access this object because of bucket acl.")

    def _check_skew(self, when: float | None) -> None:
        if when is None:
            raise _denied("The request needs a valid Date (V1) or x-oss-date (V4) header.")
        if abs(self._clock() - when) > MAX_SKEW:
            raise SignatureError(
                "RequestTimeTooSkewed",
                "The difference between the request time and the current time is too large.",
                403,
            )

    def _compare_v1(self, req: SignedRequest, ak: str, provided: str, date: str | None) -> str:
        sts = string_to_sign_v1(req, date)
        if not hmac.compare_digest(sign_v1(self._secret(ak), sts), provided):
            raise SignatureError(
                "SignatureDoesNotMatch",
                _MISMATCH,
                extra={
                    "OSSAccessKeyId": ak,
                    "SignatureProvided": provided,
                    "StringToSign": sts,
                    "StringToSignBytes": " ".join(f"{b:02x}" for b in sts.encode()),
                    "EC": "0002-00000040",
                },
            )
        return ak

    def _header_v1(self, req: SignedRequest, credential: str) -> str:
        access_key, _, provided = credential.strip().rpartition(":")
        self._secret(access_key)
        date = req.header("x-oss-date") or req.header("Date")
        self._check_skew(_http_time(date))
        return self._compare_v1(req, access_key, provided, None)

    def _query_v1(self, req: SignedRequest, params: Mapping[str, str]) -> str:
        expires = params["Expires"] if params.get("Expires", "").isdigit() else ""
        if not expires:
            raise _denied("A presigned URL needs a whole-number Expires.")
        if int(expires) < self._clock():
            raise _denied("Request has expired.")
        return self._compare_v1(req, params["OSSAccessKeyId"], params["Signature"], expires)

    def _compare_v4(
        self, req: SignedRequest, value: str, stamp: str, payload: str
    ) -> tuple[str, str]:
        auth = parse_v4_authorization(value)
        secret = self._secret(auth.access_key)
        if self._region and auth.region != self._region:
            raise SignatureError(
                "InvalidArgument",
                f"Invalid signing region in Authorization header: {auth.region!r}, "
                f"this endpoint is {self._region!r}.",
                400,
                {"EC": "0002-00000226"},
            )
        if not stamp.startswith(auth.day):
            raise SignatureError(
                "InvalidArgument", "x-oss-date is missing or not the Credential's date.", 400
            )
        canonical = canonical_request_v4(req, auth.additional, payload)
        sts = string_to_sign_v4(canonical, stamp, auth.scope)
        key = signing_key_v4(secret, auth.day, auth.region, auth.product)
        expected = hmac.new(key, sts.encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, auth.signature):
            raise SignatureError(
                "SignatureDoesNotMatch",
                _MISMATCH,
                extra={
                    "OSSAccessKeyId": auth.access_key,
                    "SignatureProvided": auth.signature,
                    "StringToSign": sts,
                    "CanonicalRequest": canonical,
                    "EC": "0002-00000201",
                },
            )
        return auth.access_key, stamp

    def _header_v4(self, req: SignedRequest, value: str) -> str:
        stamp = req.header("x-oss-date")
        self._check_skew(_v4_time(stamp))
        payload = req.header("x-oss-content-sha256") or UNSIGNED
        return self._compare_v4(req, value, stamp, payload)[0]

    def _query_v4(self, req: SignedRequest, params: Mapping[str, str]) -> str:
        stamp = params.get("x-oss-date", "")
        start = _v4_time(stamp)
        expires = params.get("x-oss-expires", "")
        if start is None or not expires.isdigit():
            raise _denied("A presigned URL needs x-oss-date and a whole-number x-oss-expires.")
        if start + int(expires) < self._clock():
            raise _denied("Request has expired.")
        value = (
            f"{V4_ALGORITHM} Credential={params.get('x-oss-credential', '')},"
            f"AdditionalHeaders={params.get('x-oss-additional-headers', '')},"
            f"Signature={params.get('x-oss-signature', '')}"
        )
        if not params.get("x-oss-additional-headers"):
            value = value.replace("AdditionalHeaders=,", "")
        unsigned = replace(req, query=[(n, v) for n, v in req.query if n != "x-oss-signature"])
        return self._compare_v4(unsigned, value, stamp, UNSIGNED)[0]
