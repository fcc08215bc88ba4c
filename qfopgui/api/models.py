"""Typed results of Qiniu API calls. Tolerant: unknown fields are kept in `raw`, never rejected."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from qfopgui.core.jobs import JobItem, JobStatus  # one definition, shared with the job store


@dataclass(frozen=True, slots=True)
class BucketInfo:
    name: str
    region: str = ""
    private: bool = False


@dataclass(frozen=True, slots=True)
class ObjectInfo:
    """One object of a listing or a stat. `put_time` is Qiniu's 100 ns units since the epoch."""

    key: str
    fsize: int
    hash: str
    mime_type: str
    put_time: int
    type: int = 0
    status: int = 0
    end_user: str = ""

    @property
    def modified(self) -> datetime:
        return datetime.fromtimestamp(self.put_time / 10_000_000, tz=UTC)


@dataclass(frozen=True, slots=True)
class ListPage:
    """One page of `/list`. `marker` empty means the listing is complete."""

    items: tuple[ObjectInfo, ...]
    prefixes: tuple[str, ...]
    marker: str


@dataclass(frozen=True, slots=True)
class UploadResult:
    key: str
    hash: str
    persistent_id: str | None = None
    raw: Mapping[str, Any] = field(default_factory=dict)


__all__ = ["BucketInfo", "JobItem", "JobStatus", "ListPage", "ObjectInfo", "UploadResult"]
