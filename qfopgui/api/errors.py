"""One exception tree for everything the Qiniu API can say, with a message a person can act on.

Besides the finished English ``message``, each error keeps the un-formatted ``template`` (one of
``qfopgui.api.messages``) and its ``params`` so the UI can translate it.
"""

from __future__ import annotations

from typing import Self


class QiniuError(Exception):
    """Base class. `message` is for people; `status` and `reqid` are for the log and support."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        reqid: str | None = None,
        server_message: str | None = None,
        template: str = "",
        params: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.reqid = reqid
        self.server_message = server_message
        self.template = template or message
        self.params: dict[str, str] = dict(params or {})

    @classmethod
    def make(
        cls,
        template: str,
        /,
        *,
        status: int | None = None,
        reqid: str | None = None,
        server_message: str | None = None,
        **params: object,
    ) -> Self:
        """Build from a ``str.format`` template with named parameters (kept for translation)."""
        texts = {k: str(v) for k, v in params.items()}
        return cls(
            template.format(**texts),
            status=status,
            reqid=reqid,
            server_message=server_message,
            template=template,
            params=texts,
        )

    def __str__(self) -> str:
        extra = []
        if self.status is not None:
            extra.append(f"HTTP {self.status}")
        if self.reqid:
            extra.append(f"request id {self.reqid}")
        return f"{self.message} ({', '.join(extra)})" if extra else self.message


class NetworkError(QiniuError):
    """The request provably never reached the server (DNS, refused, connect timeout, TLS
    handshake, proxy): nothing happened there, so sending it again is always safe."""


class OutcomeUnknownError(QiniuError):
    """The request may have reached the server, but no complete answer came back (reset or
    broken pipe after sending, an answer cut short): it may or may not have taken effect."""


class TimeoutError_(OutcomeUnknownError):
    """A read timeout or the total deadline: the server may have received the request."""


class BadRequestError(QiniuError):
    """400: the request (often a fop parameter) is malformed."""


class NoSuchPipelineError(BadRequestError):
    """400 naming a processing queue (pipeline) the account does not have: nothing was queued."""


class AuthError(QiniuError):
    """401: wrong AccessKey/SecretKey, bad signature or expired token."""


class ForbiddenError(QiniuError):
    """403: the key may not do this (scope, limits, account restrictions)."""


class NotFoundError(QiniuError):
    """404 or 612: the object, upload or job does not exist."""


class NoSuchBucketError(NotFoundError):
    """631: the bucket does not exist (or is in another account)."""


class AlreadyExistsError(QiniuError):
    """614: the target already exists."""


class InvalidMarkerError(QiniuError):
    """640: the listing marker is invalid; restart the listing."""


class CallbackFailedError(QiniuError):
    """579: the upload succeeded but the callback failed."""


class RateLimitedError(QiniuError):
    """573 or 429: too many requests for one resource; slow down."""

    retry_after: float | None = None  # seconds from the Retry-After header, clamped to [0, 3600]


class ServerError(QiniuError):
    """5xx / 599: the server failed; safe to retry idempotent reads."""

    retry_after: float | None = None  # seconds from the Retry-After header (often on 503)


class ProtocolError(QiniuError):
    """The answer was not what a Qiniu server sends (no X-Reqid, not JSON, wrong shape)."""


class InvalidKeyError(BadRequestError):
    """The object key breaks Qiniu's key rules (``core.object_keys``); nothing was sent."""
