"""Request/response value types shared by every route module, and the processor contract."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Protocol
from urllib.parse import parse_qsl

from qfopgui.sandbox.auth import AuthFailure, Verifier
from qfopgui.sandbox.config import SandboxConfig
from qfopgui.sandbox.storage import Storage

ERR_NO_SUCH_FILE = "no such file or directory"
ERR_NO_SUCH_BUCKET = "no such bucket"
ERR_INVALID_ARGUMENT = "invalid argument"


class ProcessorLike(Protocol):
    """What the routes need from ``qfopgui.sandbox.processing.Processor``."""

    def submit(
        self,
        *,
        bucket: str,
        key: str,
        fops: str,
        pipeline: str = "",
        notify_url: str = "",
        force: bool = False,
        type: int = 0,
        workflow_template_id: str = "",
        reqid: str = "",
        region: str = "",
    ) -> str: ...

    def status(self, persistent_id: str) -> dict[str, Any] | None: ...

    def ensure_pipeline(self, name: str) -> None: ...

    def pipelines(self) -> list[str]: ...

    def avinfo(self, path: Path) -> dict[str, Any]: ...

    def close(self) -> None: ...


class ApiError(Exception):
    """Raised by a route to answer ``status`` with ``{"error": message}``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class HeaderMap(Mapping[str, str]):
    """Case-insensitive header lookup that still iterates the names as the client sent them."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._items: dict[str, tuple[str, str]] = {}
        for name, value in pairs:
            self._items[name.lower()] = (name, value)

    def __getitem__(self, name: str) -> str:
        return self._items[name.lower()][1]

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._items


@dataclass
class Request:
    """One parsed HTTP request; ``raw_path`` is the request target exactly as received."""

    method: str
    raw_path: str
    headers: HeaderMap
    body: bytes
    reqid: str
    listener: str = "z0"  # the region whose port received it (see routes/region_guard.py)

    @property
    def path(self) -> str:
        return self.raw_path.split("?", 1)[0]

    @property
    def query_string(self) -> str:
        return self.raw_path.partition("?")[2]

    @property
    def host(self) -> str:
        return self.headers.get("Host", "")

    def query(self) -> dict[str, str]:
        return dict(parse_qsl(self.query_string, keep_blank_values=True))

    def form(self) -> dict[str, str]:
        """Query parameters overlaid with an urlencoded body (POST forms)."""
        out = self.query()
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if self.body and ctype in ("application/x-www-form-urlencoded", ""):
            try:
                text = self.body.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ApiError(400, ERR_INVALID_ARGUMENT) from exc
            out.update(parse_qsl(text, keep_blank_values=True))
        return out

    def json_body(self) -> Any:
        try:
            return json.loads(self.body.decode("utf-8") or "null")
        except (UnicodeDecodeError, ValueError) as exc:
            raise ApiError(400, ERR_INVALID_ARGUMENT) from exc


@dataclass
class Response:
    """What a route returns; ``stream`` (with ``length``) replaces ``body`` for file downloads."""

    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    stream: BinaryIO | None = None
    length: int = 0


def json_response(payload: Any, status: int = 200) -> Response:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(status=status, body=body)


def error_response(status: int, message: str) -> Response:
    return json_response({"error": message}, status)


@dataclass
class Context:
    """Everything a route may touch; one per server."""

    config: SandboxConfig
    storage: Storage
    verifier: Verifier
    processor: ProcessorLike | None
    base_url: Callable[[], str]
    hits: Counter[str] = field(default_factory=Counter)
    _hits_lock: threading.Lock = field(default_factory=threading.Lock)
    region_urls: Callable[[], Mapping[str, str]] = dict  # region → base URL of its listener
    region_hits: dict[str, Counter[str]] = field(default_factory=dict)

    def hit(self, route: str, region: str = "") -> None:
        """Count a request per route name, and per listener region when given (tests check
        which routes a client used, and which region's port it sent them to)."""
        with self._hits_lock:
            self.hits[route] += 1
            if region:
                self.region_hits.setdefault(region, Counter())[route] += 1

    def hits_in(self, region: str) -> Counter[str]:
        """A copy of one listener's per-route counts."""
        with self._hits_lock:
            return Counter(self.region_hits.get(region, Counter()))

    def host_port_of(self, region: str) -> str:
        """``127.0.0.1:<port>`` of a region's listener (the main port for unknown regions)."""
        url = self.region_urls().get(region) or self.base_url()
        return url.split("://", 1)[1]

    @property
    def host_port(self) -> str:
        """``127.0.0.1:<port>`` — what region queries and bucket domains hand out."""
        return self.base_url().split("://", 1)[1]

    def require_management(self, req: Request) -> str:
        """Verify a QBox/Qiniu management signature; returns the access key."""
        try:
            return self.verifier.management(
                method=req.method,
                host=req.host,
                raw_path=req.raw_path,
                headers=req.headers,
                body=req.body,
            )
        except AuthFailure as exc:
            raise ApiError(exc.status, exc.message) from exc

    def require_bucket(self, name: str) -> None:
        if not name or not self.storage.bucket_exists(name):
            raise ApiError(631, ERR_NO_SUCH_BUCKET)


Handler = Callable[[Context, Request, tuple[str, ...]], Response]
