"""Reading a stored object through its download URL: ``?avinfo`` (audio/video),
``?imageInfo`` (pictures: Qiniu's avinfo does not answer for a JPG) and small bodies (playlists).

A private bucket checks its token over the whole URL, so the query goes into the URL before it
is signed (`download_url(..., query=...)`). The pre-flight size probe and the output verifier
read through here. Blocking: run on a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from qfopgui.api.answer_fields import Fields
from qfopgui.api.responses import Answer, Context, parse_json
from qfopgui.api.transport import Transport

MAX_SIDE = 1 << 20  # pixels: far beyond any real picture, so a bigger side is a broken answer


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


@dataclass(frozen=True)
class ImageInfo:
    """What ``?imageInfo`` says about a picture."""

    width: int
    height: int
    format: str = ""  # "jpeg", "png", "gif", "webp", …
    size: int = 0  # bytes; 0 when the answer does not say


def parse_image_info(answer: Answer) -> ImageInfo:
    """The ``?imageInfo`` JSON → `ImageInfo`. Strict: an answer that is not an object, or whose
    width/height are missing, not whole numbers or not positive, is a `ProtocolError`."""
    f = Fields.of(answer, parse_json(answer))
    for side in ("width", "height"):
        if not f.has(side):
            raise f.bad(side)
    return ImageInfo(
        width=f.number("width", minimum=1, maximum=MAX_SIDE),
        height=f.number("height", minimum=1, maximum=MAX_SIDE),
        format=f.text("format"),
        size=f.number("size", minimum=0),
    )


def read_image_info(
    client: DownloadClient,
    domain: str,
    bucket: str,
    key: str,
    *,
    private: bool,
    retry: bool = True,
) -> ImageInfo:
    """A picture's size from ``<url>?imageInfo``; `QiniuError` when it cannot be read
    (`BadRequestError` when the object is not a picture, `ProtocolError` for a malformed
    answer). ``retry=False``: the caller owns the back-off."""
    url = client.download_url(domain, key, private=private, query="imageInfo")
    answer = client.transport.request(
        "GET", url, idempotent=True, retry=retry, ctx=Context(bucket=bucket, key=key)
    )
    return parse_image_info(answer)


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
