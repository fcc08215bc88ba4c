"""Reading a stored object through its download URL: ``?avinfo`` and small bodies (playlists).

A private bucket checks its token over the whole URL, so the ``avinfo`` query goes into the
URL before it is signed (`download_url(..., query=...)`). The pre-flight size probe and the
output verifier both read avinfo through here. Blocking: run on a worker thread.
"""

from __future__ import annotations

from typing import Protocol

from qfopgui.api.responses import Context, parse_json
from qfopgui.api.transport import Transport


class DownloadClient(Protocol):
    @property
    def transport(self) -> Transport: ...

    def download_url(
        self,
        domain: str,
        key: str,
        *,
        private: bool = False,
        expires: int = 3600,
        query: str = "",
    ) -> str: ...


def read_avinfo(
    client: DownloadClient,
    domain: str,
    bucket: str,
    key: str,
    *,
    private: bool,
    retry: bool = True,
) -> object:
    """The ffprobe-style JSON of ``<url>?avinfo``; `QiniuError` when it cannot be read
    (`BadRequestError` when the object is not media). ``retry=False``: the caller owns the
    back-off."""
    url = client.download_url(domain, key, private=private, query="avinfo")
    answer = client.transport.request(
        "GET", url, idempotent=True, retry=retry, ctx=Context(bucket=bucket, key=key)
    )
    return parse_json(answer)


def read_body(
    client: DownloadClient,
    domain: str,
    bucket: str,
    key: str,
    *,
    private: bool,
    retry: bool = True,
) -> bytes:
    """The object's bytes (the transport caps the size: use it for small files only)."""
    url = client.download_url(domain, key, private=private)
    answer = client.transport.request(
        "GET", url, idempotent=True, retry=retry, ctx=Context(bucket=bucket, key=key)
    )
    return answer.body
