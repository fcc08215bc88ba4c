"""Hostile object keys end to end: upload with the real client, fetch `download_url` with
requests, and get the bytes of exactly that object (decoys sit where a normalised path would
land); keys Qiniu cannot hold are refused before anything is sent."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from qfopgui.api import upload as _upload
from qfopgui.api.client import QiniuClient
from qfopgui.api.config import Credentials, Endpoints
from qfopgui.api.errors import InvalidKeyError
from qfopgui.sandbox import SandboxServer
from tests.fixtures_sandbox import SANDBOX_AK, SANDBOX_BUCKET, SANDBOX_SK

pytestmark = pytest.mark.integration

PRIVATE = "private-bucket"
HOSTILE = [
    "../x.mp4",
    "a/./b.txt",
    "a/../b.txt",
    "a/.",
    "../../b.txt",
    "a//b.txt",
    "/b.txt",
    "%#?.txt",
    "%2e%2e/b.txt",
    "=cmd|' /C calc'!A0.txt",
    "视频/我的 影片.mp4",
    "😀 party.mp4",
    "with spaces and + plus.txt",
    "semi;colon&amp=x.txt",
    "tab\there.txt",
]
# Where a client that resolved dot segments (or dropped an empty one) would end up instead.
DECOYS = ["x.mp4", "b.txt", "a/b.txt", "a", "a/", "a/b"]


class RecordingSession(requests.Session):
    """A real session that notes every request it sends."""

    def __init__(self, sent: list[str]) -> None:
        super().__init__()
        self._sent = sent

    def send(self, request: requests.PreparedRequest, **kw: Any) -> requests.Response:
        self._sent.append(f"{request.method} {request.url}")
        return super().send(request, **kw)


@pytest.fixture
def server(sandbox_factory: Callable[..., SandboxServer]) -> SandboxServer:
    return sandbox_factory(private_buckets=[PRIVATE])


@pytest.fixture
def sent() -> list[str]:
    return []


@pytest.fixture
def client(server: SandboxServer, sent: list[str]) -> Iterator[QiniuClient]:
    c = QiniuClient(
        Credentials(SANDBOX_AK, SANDBOX_SK),
        Endpoints.single(server.base_url),
        session_factory=lambda: RecordingSession(sent),
        max_retries=0,
    )
    yield c
    c.close()


def content(bucket: str, key: str) -> bytes:
    return f"object {key!r} in {bucket}".encode()


@pytest.mark.parametrize("bucket", [SANDBOX_BUCKET, PRIVATE])
def test_links_fetch_exactly_the_named_object(
    client: QiniuClient, server: SandboxServer, bucket: str
) -> None:
    for key in DECOYS + HOSTILE:
        result = client.upload_bytes(bucket, key, content(bucket, key))
        assert result.key == key
    listed = {o.key for page in client.iter_pages(bucket) for o in page.items}
    assert listed == set(DECOYS + HOSTILE)
    private = bucket == PRIVATE
    domain = server.domain(bucket)
    for key in HOSTILE + DECOYS:
        url = client.download_url(domain, key, private=private)
        resp = requests.get(url, timeout=10)
        assert resp.status_code == 200, (key, url, resp.text)
        assert resp.content == content(bucket, key), (key, url)
        assert client.stat(bucket, key).fsize == len(content(bucket, key))
    if private:
        unsigned = client.download_url(domain, "a/../b.txt")
        assert requests.get(unsigned, timeout=10).status_code == 401


def test_multipart_upload_with_hostile_keys(
    client: QiniuClient, server: SandboxServer, tmp_path: Path
) -> None:
    data = bytes(range(256)) * (6 * 1024)  # 1.5 MiB: two parts of 1 MiB
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    for key in ["../big.bin", "a/./big bin%#?.bin", "视频/😀.bin"]:
        result = _upload.upload_path(
            client.transport,
            client.endpoints.up,
            bucket=SANDBOX_BUCKET,
            key=key,
            path=path,
            token=client.upload_token(SANDBOX_BUCKET, key),
            mime_type=None,
            progress=None,
            form_limit=0,
            part_size=1024 * 1024,
        )
        assert result.key == key
        url = client.download_url(server.domain(SANDBOX_BUCKET), key)
        assert requests.get(url, timeout=10).content == data


@pytest.mark.parametrize("key", ["clip\udcff.mp4", "a/\udc80b", "", "长" * 251])
def test_keys_qiniu_cannot_hold_are_refused_before_sending(
    client: QiniuClient, sent: list[str], tmp_path: Path, key: str
) -> None:
    path = tmp_path / "small.bin"
    path.write_bytes(b"tiny")
    attempts: list[Callable[[], object]] = [
        lambda: client.upload_bytes(SANDBOX_BUCKET, key, b"data"),
        lambda: client.upload_file(SANDBOX_BUCKET, key, path),
        lambda: _upload.upload_path(
            client.transport,
            client.endpoints.up,
            bucket=SANDBOX_BUCKET,
            key=key,
            path=path,
            token="unused",
            mime_type=None,
            progress=None,
            form_limit=0,
        ),
        lambda: _upload.multipart_upload(
            client.transport,
            client.endpoints.up,
            bucket=SANDBOX_BUCKET,
            key=key,
            stream=path.open("rb"),
            size=4,
            token="unused",
            mime_type=None,
            file_name="x",
            progress=None,
        ),
    ]
    for attempt in attempts:
        with pytest.raises(InvalidKeyError) as info:
            attempt()
        message = info.value.message
        message.encode("utf-8")
        assert message.startswith("The file name")
    assert sent == []
    assert [o.key for o in client.list_page(SANDBOX_BUCKET).items] == []


def test_lone_surrogate_message_names_the_file(client: QiniuClient, sent: list[str]) -> None:
    with pytest.raises(InvalidKeyError) as info:
        client.upload_bytes(SANDBOX_BUCKET, "videos/clip\udcff.mp4", b"data")
    assert info.value.message == (
        "The file name videos/clip\\udcff.mp4 contains bytes that are not valid UTF-8 text; "
        "rename the file"
    )
    assert sent == []
