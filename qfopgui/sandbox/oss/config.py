"""The OSS sandbox's configuration: one immutable value shared by its server, CLI and tests."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

_BUCKET_RE = re.compile(r"[a-z0-9][a-z0-9-]{1,61}[a-z0-9]")
_MNS_NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9-]{0,119}")  # MNS queue and topic names
_PROJECT_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,127}")


def valid_oss_bucket_name(name: str) -> bool:
    """OSS bucket names: 3–63 lower-case letters, digits and hyphens, not starting/ending in '-'."""
    return _BUCKET_RE.fullmatch(name) is not None


@dataclass(frozen=True)
class OssConfig:
    """``vhost_domains``: Host suffixes read as ``<bucket>.<domain>`` (virtual-hosted style).

    ``imm_projects``: project names the emulated IMM GetTask knows; ``mns_queues``: (queue,
    topic) subscriptions of the emulated MNS; both side services get ports of their own.
    """

    data_dir: Path
    credentials: Sequence[tuple[str, str]]
    buckets: Sequence[str] = field(default_factory=list)
    host: str = "127.0.0.1"
    port: int = 0
    region: str = "cn-hangzhou"
    workers: int = 1
    vhost_domains: tuple[str, ...] = ("127.0.0.1", "localhost", "oss.local")
    owner_id: str = "1380000000"
    strict_region: bool = False  # refuse V4 requests signed for another region
    imm_projects: tuple[str, ...] = ("sandbox",)
    imm_port: int = 0
    mns_queues: tuple[tuple[str, str], ...] = ()
    mns_port: int = 0
    mns_visibility_timeout: float = 30.0  # seconds a received message stays hidden
    demo: bool = False  # seed the demo buckets/videos and add its project and queue

    def __post_init__(self) -> None:
        if not self.credentials:
            raise ValueError("at least one (access_key, secret_key) pair is required")
        for ak, sk in self.credentials:
            if not ak or not sk or ":" in ak:
                raise ValueError("access and secret keys must be non-empty; AK may not contain ':'")
        if self.host not in ("127.0.0.1", "localhost"):
            raise ValueError("the sandbox only binds to loopback")
        if self.workers < 1:
            raise ValueError("workers must be >= 1")
        for name in self.buckets:
            if not valid_oss_bucket_name(name):
                raise ValueError(
                    f"invalid OSS bucket name {name!r}: use 3-63 lower-case letters, digits "
                    "and '-', starting and ending with a letter or digit"
                )

        for project in self.imm_projects:
            if not _PROJECT_RE.fullmatch(project):
                raise ValueError(
                    f"invalid IMM project name {project!r}: use up to 128 letters, digits, "
                    "'-' and '_', starting with a letter"
                )
        for queue, topic in self.mns_queues:
            for kind, name in (("queue", queue), ("topic", topic)):
                if not _MNS_NAME_RE.fullmatch(name):
                    raise ValueError(
                        f"invalid MNS {kind} name {name!r}: use up to 120 letters, digits "
                        "and '-', starting with a letter"
                    )
        if len({q for q, _ in self.mns_queues}) != len(self.mns_queues):
            raise ValueError("each MNS queue may be subscribed to one topic only")
        if self.mns_visibility_timeout <= 0:
            raise ValueError("the MNS visibility timeout must be positive")

    @property
    def secret_keys(self) -> dict[str, str]:
        return dict(self.credentials)
