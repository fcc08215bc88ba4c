"""The OSS sandbox's request, context and per-object metadata, shared by its route modules."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import parse_qsl, unquote

from qfopgui.sandbox.oss.config import OssConfig
from qfopgui.sandbox.oss.signing import SignedRequest
from qfopgui.sandbox.oss.verifier import OssVerifier
from qfopgui.sandbox.routes.common import HeaderMap
from qfopgui.sandbox.storage import Storage, StoredObject

# Metadata names the sandbox keeps beside the user's x-oss-meta-* in Storage's meta map.
META_ETAG = "oss-etag"
META_CRC = "oss-crc64"
META_TYPE = "oss-type"
USER_META = "x-oss-meta-"


def new_request_id() -> str:
    """24 upper-case hex digits, the form of a real ``x-oss-request-id``."""
    return secrets.token_hex(12).upper()


@dataclass
class OssRequest:
    """One request after addressing: bucket "" for service calls, key "" for bucket calls."""

    method: str
    bucket: str
    key: str
    query: list[tuple[str, str]]
    headers: HeaderMap
    body: bytes
    request_id: str = field(default_factory=new_request_id)

    def param(self, name: str, default: str = "") -> str:
        for key, value in self.query:
            if key == name:
                return value
        return default

    def has(self, name: str) -> bool:
        return any(key == name for key, _ in self.query)

    def header(self, name: str) -> str:
        return self.headers.get(name, "")

    def signed(self) -> SignedRequest:
        return SignedRequest(self.method, self.bucket, self.key, self.query, self.headers)

    def user_meta(self) -> dict[str, str]:
        return {
            name.lower(): value
            for name, value in self.headers.items()
            if name.lower().startswith(USER_META)
        }


def split_target(
    raw_path: str, host: str, vhost_domains: tuple[str, ...]
) -> tuple[str, str, list[tuple[str, str]]]:
    """(bucket, key, decoded query) from the request target and Host header.

    ``<bucket>.<domain>[:port]`` with a known domain is virtual-hosted (key = whole path);
    anything else is path style (first segment = bucket, the rest URL-decoded = key, so oss2's
    ``%2F`` inside keys works).
    """
    path, _, query_string = raw_path.partition("?")
    query = parse_qsl(query_string, keep_blank_values=True)
    name = host.rsplit(":", 1)[0].lower() if host.count(":") <= 1 else host.lower()
    for domain in vhost_domains:
        if name.endswith("." + domain) and len(name) > len(domain) + 1:
            return name[: -len(domain) - 1], unquote(path[1:]), query
    bucket, _, rest = path[1:].partition("/")
    return unquote(bucket), unquote(rest), query


def object_etag(obj: StoredObject) -> str:
    return obj.meta.get(META_ETAG, obj.hash)


def object_type(obj: StoredObject) -> str:
    return obj.meta.get(META_TYPE, "Normal")


def stored_meta(
    etag: str, crc: int, *, type_: str = "Normal", user: Mapping[str, str] | None = None
) -> dict[str, str]:
    return {META_ETAG: etag, META_CRC: str(crc), META_TYPE: type_, **(user or {})}


@dataclass
class OssContext:
    """Everything the OSS routes touch; one per server."""

    config: OssConfig
    storage: Storage
    verifier: OssVerifier
    base_url: Callable[[], str]
    processor: AsyncSubmitter | None = None


class AsyncSubmitter(Protocol):
    """What the async-process route needs from the media worker (``process.MediaWorker``)."""

    def submit(self, job: ProcessJob) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class ProcessJob:
    """One accepted ``x-oss-async-process`` task: where from, what to do, where to."""

    task_id: str
    bucket: str
    key: str
    action: str  # "video/convert", "video/snapshots", "video/snapshot", "audio/convert"
    params: Mapping[str, str]
    target_bucket: str
    target_key: str
    topic: str = ""  # the /notify topic (decoded), "" when none
    event_id: str = ""
    request_id: str = ""  # the submit answer's RequestId (IMM's, not x-oss-request-id)
