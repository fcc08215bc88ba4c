"""download_url(query=…): the query (``avinfo``) is part of the URL and, for private buckets,
inside what the token signs — a server checking the whole URL accepts it."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from qiniu import Auth

from qfopgui.api.client import QiniuClient
from qfopgui.api.config import Credentials, Endpoints
from qfopgui.sandbox.auth import AuthFailure, Verifier

CREDS = Credentials("ak-1", "sk-1")
DOMAIN = "127.0.0.1:9000/dl/demo"


@pytest.fixture
def client() -> QiniuClient:
    return QiniuClient(CREDS, Endpoints.for_region("z0"))


def test_public_url_gets_the_query_after_the_key(client: QiniuClient) -> None:
    assert client.download_url(DOMAIN, "a b.mp4", query="avinfo") == (
        "http://127.0.0.1:9000/dl/demo/a%20b.mp4?avinfo"
    )
    # no query: exactly the URL as before
    assert client.download_url(DOMAIN, "a b.mp4") == "http://127.0.0.1:9000/dl/demo/a%20b.mp4"


def test_private_url_signs_the_query(client: QiniuClient) -> None:
    url = client.download_url(DOMAIN, "v/clip.mp4", private=True, expires=600, query="avinfo")
    parts = urlsplit(url)
    assert parts.path == "/dl/demo/v/clip.mp4"
    pieces = parts.query.split("&")
    assert pieces[0] == "avinfo"
    assert [name for name, _ in parse_qsl("&".join(pieces[1:]))] == ["e", "token"]
    base, _, token = url.rpartition("&token=")
    assert token == Auth("ak-1", "sk-1").token(base)
    Verifier({"ak-1": "sk-1"}).download_url(url)  # raises when the query is not signed


def test_a_query_added_after_signing_is_refused(client: QiniuClient) -> None:
    """Why the query must go in before signing: appending it afterwards breaks the token."""
    signed = client.download_url(DOMAIN, "v/clip.mp4", private=True, expires=600)
    base, _, token = signed.rpartition("&token=")
    tampered = base.replace("clip.mp4?", "clip.mp4?avinfo&") + "&token=" + token
    with pytest.raises(AuthFailure):
        Verifier({"ak-1": "sk-1"}).download_url(tampered)
