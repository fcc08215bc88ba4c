"""download_url: scheme rules, key quoting, sandbox-style domains with a path, private signing."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from qiniu import Auth

from qfopgui.api.client import QiniuClient, is_loopback
from qfopgui.api.config import Credentials, Endpoints

CREDS = Credentials("ak-1", "sk-1")


@pytest.fixture
def client() -> QiniuClient:
    return QiniuClient(CREDS, Endpoints.for_region("z0"))


@pytest.mark.parametrize(
    ("domain", "key", "expected"),
    [
        ("cdn.example.com", "a.mp4", "https://cdn.example.com/a.mp4"),
        ("cdn.example.com/", "dir/a b+c.mp4", "https://cdn.example.com/dir/a%20b%2Bc.mp4"),
        ("cdn.example.com", "视频/x.mp4", "https://cdn.example.com/%E8%A7%86%E9%A2%91/x.mp4"),
        ("http://cdn.example.com", "a?b#c", "http://cdn.example.com/a%3Fb%23c"),
        ("https://cdn.example.com:8443", "a", "https://cdn.example.com:8443/a"),
        ("127.0.0.1:9000/dl/demo", "out/a.mp4", "http://127.0.0.1:9000/dl/demo/out/a.mp4"),
        ("localhost:9000/dl/demo", "a", "http://localhost:9000/dl/demo/a"),
        ("[::1]:9000/dl/demo", "a", "http://[::1]:9000/dl/demo/a"),
        ("127.0.0.1", "a", "http://127.0.0.1/a"),
    ],
)
def test_public_urls(client: QiniuClient, domain: str, key: str, expected: str) -> None:
    assert client.download_url(domain, key) == expected


@pytest.mark.parametrize(
    ("domain", "loop"),
    [
        ("127.0.0.1:1", True),
        ("127.5.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("cdn.example.com", False),
        ("10.0.0.1:80/x", False),
        ("1.2.3.4", False),
    ],
)
def test_is_loopback(domain: str, loop: bool) -> None:
    assert is_loopback(domain) is loop


def test_private_url_is_verifiable(client: QiniuClient) -> None:
    url = client.download_url("127.0.0.1:9000/dl/demo", "a b.mp4", private=True, expires=600)
    base, _, token = url.rpartition("&token=")
    assert base.startswith("http://127.0.0.1:9000/dl/demo/a%20b.mp4?e=")
    assert token == Auth("ak-1", "sk-1").token(base)
    deadline = int(dict(parse_qsl(urlsplit(base).query))["e"])
    import time

    assert abs(deadline - (time.time() + 600)) < 5
