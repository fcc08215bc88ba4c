"""Test doubles and signed-request helpers for the sandbox route tests."""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import qiniu
import requests
from qiniu.auth import QiniuMacRequestsAuth, RequestsAuth

from tests.fixtures_sandbox import SANDBOX_AK, SANDBOX_SK


class FakeRequestError(Exception):
    """Shaped like processing.ProcessingRequestError(status, message)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class FakeProcessor:
    """Records submissions; ``fops == "bad"`` is rejected with 400 like an invalid fop."""

    submissions: list[dict[str, Any]] = field(default_factory=list)
    statuses: dict[str, dict[str, Any]] = field(default_factory=dict)
    pipeline_names: list[str] = field(default_factory=list)
    closed: bool = False
    _ids: Any = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def submit(self, **kwargs: Any) -> str:
        if kwargs["fops"] == "bad":
            raise FakeRequestError(400, "invalid fop: bad")
        with self._lock:
            pid = f"{kwargs.get('region') or 'z0'}.{next(self._ids):024x}"
            self.submissions.append(kwargs)
            self.statuses[pid] = {
                "id": pid,
                "code": 1,
                "desc": "The fop is waiting for execution",
                "inputBucket": kwargs["bucket"],
                "inputKey": kwargs["key"],
                "pipeline": "0.default",
                "reqid": kwargs["reqid"],
                "items": [],
            }
        return pid

    def status(self, persistent_id: str) -> dict[str, Any] | None:
        return self.statuses.get(persistent_id)

    def ensure_pipeline(self, name: str) -> None:
        if name not in self.pipeline_names:
            self.pipeline_names.append(name)

    def pipelines(self) -> list[str]:
        return list(self.pipeline_names)

    def avinfo(self, path: Path) -> dict[str, Any]:
        return {"format": {"size": str(path.stat().st_size)}, "streams": [], "fake": True}

    def close(self) -> None:
        self.closed = True


SIGNERS = ("qbox", "qiniu")


def signer(kind: str, ak: str = SANDBOX_AK, sk: str = SANDBOX_SK) -> requests.auth.AuthBase:
    """A requests auth object that signs exactly like the SDK ("qbox" or "qiniu")."""
    if kind == "qbox":
        return RequestsAuth(qiniu.Auth(ak, sk))
    return QiniuMacRequestsAuth(qiniu.QiniuMacAuth(ak, sk))


def call(
    method: str,
    url: str,
    kind: str | None = "qiniu",
    *,
    ak: str = SANDBOX_AK,
    sk: str = SANDBOX_SK,
    **kwargs: Any,
) -> requests.Response:
    """One request with a fresh connection, signed with ``kind`` (None = unsigned)."""
    auth = signer(kind, ak, sk) if kind else None
    return requests.request(method, url, auth=auth, timeout=10, **kwargs)
