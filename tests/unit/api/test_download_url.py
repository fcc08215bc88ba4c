"""download_url: scheme rules, key quoting, sandbox-style domains with a path, private signing,
hostile keys named exactly and keys no URL can name refused."""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
import requests
from qiniu import Auth

from qfopgui.api.client import QiniuClient, is_loopback
from qfopgui.api.config import Credentials, Endpoints
from qfopgui.api.errors import BadRequestError, InvalidKeyError
from qfopgui.core.object_keys import key_url_path

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


@pytest.mark.parametrize(
    ("key", "path"),
    [
        ("../x.mp4", "..%2Fx.mp4"),
        ("a/./b.txt", "a%2F.%2Fb.txt"),
        ("a/../b.txt", "a%2F..%2Fb.txt"),
        ("a/.", "a%2F."),
        ("%#?.txt", "%25%23%3F.txt"),
        ("=cmd|' /C calc'!A0.txt", "%3Dcmd%7C%27%20/C%20calc%27%21A0.txt"),
        ("😀 a.mp4", "%F0%9F%98%80%20a.mp4"),
    ],
)
def test_hostile_keys_name_exactly_their_object(client: QiniuClient, key: str, path: str) -> None:
    url = client.download_url("127.0.0.1:9000/dl/demo", key)
    assert url == f"http://127.0.0.1:9000/dl/demo/{path}"
    assert requests.Request("GET", url).prepare().url == url  # no dot segment resolved
    assert unquote(urlsplit(url).path.removeprefix("/dl/demo/")) == key


@pytest.mark.parametrize("key", ["../x.mp4", "a/../b.txt", "%#?.txt", "视频/a b.mp4"])
def test_private_url_is_signed_over_what_is_sent(client: QiniuClient, key: str) -> None:
    url = client.download_url("cdn.example.com", key, private=True)
    assert requests.Request("GET", url).prepare().url == url
    base, _, token = url.rpartition("&token=")
    assert base.startswith(f"https://cdn.example.com/{key_url_path(key)}?e=")
    assert token == Auth("ak-1", "sk-1").token(base)


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("clip\udcff.mp4", "not valid UTF-8"),
        ("..", "only dots"),
        (".", "only dots"),
        ("", "empty"),
        ("x" * 751, "751 bytes long"),
    ],
)
def test_keys_no_url_can_name_are_refused(client: QiniuClient, key: str, words: str) -> None:
    with pytest.raises(InvalidKeyError) as info:
        client.download_url("cdn.example.com", key, private=True)
    err = info.value
    assert isinstance(err, BadRequestError)
    assert words in err.message
    assert err.template.format(**err.params) == err.message
    err.message.encode("utf-8")


@pytest.mark.parametrize("domain", [" localhost:9000/dl/demo", "localhost.", "LOCALHOST"])
def test_loopback_names_with_spaces_dots_and_case(domain: str) -> None:
    assert is_loopback(domain)
