"""A requests transport adapter that records requests and answers from a script (no network)."""

from __future__ import annotations

import email.parser
import email.policy
import io
import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

from qfopgui.api.client import QiniuClient
from qfopgui.api.config import Credentials, Endpoints

AK = "test-ak"
SK = "test-sk"
BASE = "http://qiniu.test"


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # JSON-serialisable, or bytes for a raw body
    reqid: str | None = "reqid-1"
    headers: dict[str, str] = field(default_factory=dict)
    stream: io.RawIOBase | io.BufferedIOBase | None = None  # read instead of `body` (slow, broken)


@dataclass
class Call:
    request: requests.PreparedRequest
    timeout: Any

    @property
    def method(self) -> str:
        return str(self.request.method)

    @property
    def path(self) -> str:
        return urlsplit(str(self.request.url)).path

    @property
    def raw_query(self) -> str:
        return urlsplit(str(self.request.url)).query

    @property
    def query(self) -> list[tuple[str, str]]:
        return parse_qsl(self.raw_query, keep_blank_values=True)

    @property
    def headers(self) -> CaseInsensitiveDict[str]:
        return self.request.headers

    @property
    def body(self) -> bytes:
        b = self.request.body
        if b is None:
            return b""
        return b.encode() if isinstance(b, str) else bytes(b)

    def form(self) -> list[tuple[str, str]]:
        return parse_qsl(self.body.decode(), keep_blank_values=True)

    def json(self) -> Any:
        return json.loads(self.body)

    def multipart(self) -> dict[str, Any]:
        """Fields of a multipart/form-data body: name -> (value bytes, filename, content type)."""
        raw = b"Content-Type: " + self.headers["Content-Type"].encode() + b"\r\n\r\n" + self.body
        msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(raw)
        out: dict[str, Any] = {}
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            out[str(name)] = (
                part.get_payload(decode=True),
                part.get_filename(),
                part.get_content_type(),
            )
        return out


Handler = Callable[[Call], "Reply | BaseException"]


class FakeAdapter(BaseAdapter):
    """Records every request; the handler (or a scripted list) decides the answer."""

    def __init__(self, handler: Handler | Iterable[Reply | BaseException]) -> None:
        super().__init__()
        self.calls: list[Call] = []
        self.closed = 0
        self._lock = threading.Lock()
        if callable(handler):
            self._handler: Handler = handler
        else:
            script = list(handler)

            def scripted(_call: Call) -> Reply | BaseException:
                if not script:
                    raise AssertionError("more requests than scripted replies")
                return script.pop(0)

            self._handler = scripted

    def send(  # type: ignore[override]
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: Any = True,
        cert: Any = None,
        proxies: Any = None,
    ) -> requests.Response:
        call = Call(request, timeout)
        with self._lock:
            self.calls.append(call)
        result = self._handler(call)
        if isinstance(result, BaseException):
            raise result
        resp = requests.Response()
        resp.status_code = result.status
        headers = {"Content-Type": "application/json", **result.headers}
        if result.reqid is not None:
            headers["X-Reqid"] = result.reqid
        resp.headers = CaseInsensitiveDict(headers)
        if result.stream is not None:
            resp.raw = result.stream
        elif isinstance(result.body, bytes):
            resp.raw = io.BytesIO(result.body)
        elif result.body is None:
            resp.raw = io.BytesIO(b"")
        else:
            resp.raw = io.BytesIO(json.dumps(result.body).encode())
        resp.encoding = "utf-8"
        resp.url = str(request.url)
        resp.request = request
        return resp

    def close(self) -> None:
        self.closed += 1


def session_factory_for(adapter: FakeAdapter) -> Callable[[], requests.Session]:
    def factory() -> requests.Session:
        s = requests.Session()
        s.trust_env = False
        s.mount("http://", adapter)
        s.mount("https://", adapter)
        return s

    return factory


def make_client(
    handler: Handler | Iterable[Reply | BaseException],
    *,
    endpoints: Endpoints | None = None,
    sleeps: list[float] | None = None,
    **kw: Any,
) -> tuple[QiniuClient, FakeAdapter]:
    adapter = FakeAdapter(handler)
    record = sleeps if sleeps is not None else []
    client = QiniuClient(
        Credentials(AK, SK),
        endpoints or Endpoints.single(BASE),
        session_factory=session_factory_for(adapter),
        sleep=record.append,
        **kw,
    )
    return client, adapter
