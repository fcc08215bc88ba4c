"""How `OssClient` configures the alibabacloud-oss-v2 SDK: signing, addressing and retries.

* Signing is the SDK's own, V4 (`OSS4-HMAC-SHA256`) by default. V1 stays available for old
  servers, but the SDK's V1 signer leaves `x-oss-async-process` out of what it signs, so real
  OSS refuses async processing signed that way.
* Path-style addressing (`/<bucket>/<key>`) for IP and `localhost` endpoints (a local server has
  no `<bucket>.<host>` names); virtual-hosted style, the only one real OSS accepts, otherwise.
* Retries: the SDK's standard retryer would repeat any request on a 5xx or a broken connection,
  writes included. The client default here is the SDK's `NopRetryer` (one attempt), and only
  the calls that may safely be repeated pass `read_retryer(...)` per operation.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

import alibabacloud_oss_v2 as oss
import requests
from alibabacloud_oss_v2.retry import NopRetryer, StandardRetryer
from alibabacloud_oss_v2.transport import RequestsHttpClient

from qfopgui.api.config import Credentials
from qfopgui.api.transport import default_session

SIGNATURE_VERSIONS = ("v4", "v1")


@dataclass(frozen=True, slots=True)
class OssSettings:
    """Everything an SDK client is built from. `region` is the bare id (`cn-hangzhou`, the V4
    signing scope); `endpoint` may be empty, then it is `oss-<region>.aliyuncs.com`."""

    region: str
    endpoint: str = ""
    path_style: bool | None = None  # None: decide from the endpoint (`uses_path_style`)
    signature_version: str = "v4"
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    user_agent: str = ""

    def __post_init__(self) -> None:
        if self.signature_version not in SIGNATURE_VERSIONS:
            raise ValueError(f"signature_version must be one of {SIGNATURE_VERSIONS}")
        if not self.region:
            raise ValueError("an OSS client needs a region id such as cn-hangzhou")

    @property
    def host(self) -> str:
        """The endpoint's host[:port], for messages (`oss-<region>.aliyuncs.com` by default)."""
        if not self.endpoint:
            return f"oss-{self.region}.aliyuncs.com"
        return urlsplit(_with_scheme(self.endpoint)).netloc or self.endpoint

    @property
    def path_style_used(self) -> bool:
        return self.path_style if self.path_style is not None else uses_path_style(self.endpoint)


def uses_path_style(endpoint: str) -> bool:
    """True for an IP address or `localhost` endpoint: no per-bucket host names there."""
    host = urlsplit(_with_scheme(endpoint)).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _with_scheme(endpoint: str) -> str:
    return endpoint if "://" in endpoint else f"https://{endpoint}"


def read_retryer(max_retries: int, backoff: float) -> StandardRetryer:
    """The SDK's standard retryer (5xx, 429, 408, broken connections, clock skew) for the calls
    that may be repeated; `max_retries` retries after the first attempt."""
    return StandardRetryer(
        max_attempts=max_retries + 1, base_delay=max(backoff, 0.001), max_backoff=20.0
    )


def build_client(
    credentials: Credentials, settings: OssSettings
) -> tuple[oss.Client, requests.Session]:
    """A new SDK client with its own session (one per thread; see `OssClient`).

    The session's connections are `DeadlineAdapter`'s, so a `DeadlineWatch` around an SDK call
    knows whether any byte was sent and can cut a request off at its total deadline."""
    session = default_session()
    http = RequestsHttpClient(
        session=session,
        connect_timeout=settings.connect_timeout,
        readwrite_timeout=settings.read_timeout,
    )
    cfg = oss.config.load_default()
    cfg.credentials_provider = oss.credentials.StaticCredentialsProvider(
        credentials.access_key, credentials.secret_key
    )
    cfg.region = settings.region
    if settings.endpoint:
        cfg.endpoint = settings.endpoint
    cfg.use_path_style = settings.path_style_used
    cfg.signature_version = settings.signature_version
    cfg.retryer = NopRetryer()
    cfg.http_client = http
    cfg.connect_timeout = settings.connect_timeout
    cfg.readwrite_timeout = settings.read_timeout
    if settings.user_agent:
        cfg.user_agent = settings.user_agent
    return oss.Client(cfg), session


__all__ = ["OssSettings", "build_client", "read_retryer", "uses_path_style"]
