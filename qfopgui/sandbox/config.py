"""Sandbox configuration: one immutable value the server, CLI and test fixtures share."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qfopgui.sandbox.pipelines import NAME_RULE as PIPELINE_NAME_RULE
from qfopgui.sandbox.pipelines import valid_pipeline_name
from qfopgui.sandbox.regions import DEFAULT_REGION, regions_of, split_bucket_spec

__all__ = ["DEFAULT_REGION", "SandboxConfig", "valid_bucket_name"]


@dataclass(frozen=True)
class SandboxConfig:
    """Everything needed to start a sandbox; rates are probabilities in [0, 1]."""

    data_dir: Path
    credentials: Sequence[tuple[str, str]] = field(default_factory=list)
    buckets: Sequence[str] = field(default_factory=list)
    host: str = "127.0.0.1"
    port: int = 0
    workers: int = 1
    latency_ms: int = 0
    fail_rate: float = 0.0
    throttle_rate: float = 0.0
    drop_rate: float = 0.0
    demo: bool = False
    seed: int | None = None
    uid: int = 1380000000
    private_buckets: Sequence[str] = field(default_factory=list)
    pipelines: Sequence[str] = field(default_factory=list)  # known queues besides the shared one

    def __post_init__(self) -> None:
        if not self.credentials:
            raise ValueError("at least one (access_key, secret_key) pair is required")
        for ak, sk in self.credentials:
            if not ak or not sk or ":" in ak:
                raise ValueError("access and secret keys must be non-empty; AK may not contain ':'")
        if self.host not in ("127.0.0.1", "localhost"):
            raise ValueError("the sandbox only binds to loopback")
        for name in ("fail_rate", "throttle_rate", "drop_rate"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be within [0, 1]")
        if self.latency_ms < 0 or self.workers < 1:
            raise ValueError("latency_ms must be >= 0 and workers >= 1")
        for spec in [*self.buckets, *self.private_buckets]:  # "name" or "name@region"
            bucket, _region = split_bucket_spec(spec)
            if not valid_bucket_name(bucket):
                raise ValueError(f"invalid bucket name: {bucket!r}")
        for name in self.pipelines:
            if not valid_pipeline_name(name):
                raise ValueError(f"invalid pipeline name {name!r}: use {PIPELINE_NAME_RULE}")

    @property
    def bucket_regions(self) -> list[tuple[str, str, bool]]:
        """(name, region, private) of every bucket to create, from the `name@region` specs."""
        plain = [(*split_bucket_spec(s), False) for s in self.buckets]
        private = [(*split_bucket_spec(s), True) for s in self.private_buckets]
        return [*plain, *private]

    @property
    def regions(self) -> tuple[str, ...]:
        """Regions served: the main port's (z0) first, then one listener per other region."""
        return regions_of([*self.buckets, *self.private_buckets])

    @property
    def secret_keys(self) -> dict[str, str]:
        """AK → SK lookup used by every signature check."""
        return dict(self.credentials)


_BUCKET_RE = re.compile(r"[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]")


def valid_bucket_name(name: str) -> bool:
    """Qiniu bucket names: 3–63 chars of lower-case letters, digits, '-' (and legacy '_')."""
    return _BUCKET_RE.fullmatch(name) is not None
