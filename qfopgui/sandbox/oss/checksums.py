"""The digests OSS answers with: CRC-64/ECMA-182 (``x-oss-hash-crc64ecma``) and MD5 ETags.

CRC-64 comes from the official v2 SDK's ``Crc64`` (crcmod's C extension underneath), the same
well-kept code the SDK checks our answers with; a unit test pins it to the standard check value
(CRC-64/XZ of ``123456789`` = 0x995DC9BBDF1939FA), so a shared bug could not hide.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from pathlib import Path

from alibabacloud_oss_v2.crc import Crc64

from qfopgui.sandbox.oss.answers import OssError

CHUNK = 1 << 20


def crc64(data: bytes) -> int:
    crc = Crc64(0)
    crc.update(data)
    return int(crc.sum64())


class FileDigests:
    """MD5 and CRC-64 of a stream, fed chunk by chunk (multipart completion, ffmpeg outputs)."""

    def __init__(self) -> None:
        self._md5 = hashlib.md5()
        self._crc = Crc64(0)
        self.size = 0

    def update(self, chunk: bytes) -> None:
        self._md5.update(chunk)
        self._crc.update(chunk)
        self.size += len(chunk)

    @property
    def etag(self) -> str:
        return self._md5.hexdigest().upper()

    @property
    def crc64(self) -> int:
        return int(self._crc.sum64())


def file_digests(path: Path) -> FileDigests:
    digests = FileDigests()
    with path.open("rb") as src:
        while chunk := src.read(CHUNK):
            digests.update(chunk)
    return digests


def check_content_md5(header: str, body: bytes) -> None:
    """A present ``Content-MD5`` must be the base64 MD5 of the body (400 InvalidDigest)."""
    if not header:
        return
    try:
        claimed = base64.b64decode(header, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise OssError(400, "InvalidDigest", "The Content-MD5 you specified is not valid.") from exc
    if claimed != hashlib.md5(body).digest():
        raise OssError(
            400, "InvalidDigest", "The Content-MD5 you specified did not match what we received."
        )


def multipart_etag(part_etags: list[str]) -> str:
    """``MD5(concatenated binary part MD5s)-N``, upper-case, as OSS names a multipart object."""
    joined = b"".join(bytes.fromhex(tag) for tag in part_etags)
    return f"{hashlib.md5(joined).hexdigest().upper()}-{len(part_etags)}"
