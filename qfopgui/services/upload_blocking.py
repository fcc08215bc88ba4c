"""The blocking steps of an upload, run in the upload executor's threads: reading the file,
one part PUT (reporting its bytes, stopping when asked), and the file's etag from the parts."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence

from qfopgui.api.errors import NoSuchBucketError, NotFoundError
from qfopgui.api.resumable_upload import (
    BLOCK,
    FileChangedError,
    MultipartSession,
    Part,
    block_sha1,
    etag_of_blocks,
    etag_of_data,
    file_etag,
    read_part,
)
from qfopgui.services.upload_records import DonePart, UploadRecord
from qfopgui.services.upload_run_types import Running, SessionGone


def size_and_mtime(path: str) -> tuple[int, int]:
    """What tells whether a local file changed since its record was made."""
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


def read_all(path: str, size: int) -> tuple[bytes, str]:
    """A small file's bytes and etag (the form upload sends them in one request)."""
    with open(path, "rb") as fh:
        data = fh.read(size + 1)
    if len(data) != size:
        raise FileChangedError("the file changed size")
    return data, etag_of_data(data)


def put_one(
    session: MultipartSession,
    token: Callable[[], str],
    rec: UploadRecord,
    part: Part,
    r: Running,
) -> tuple[str, bytes | None]:
    """One part: read, digest (an etag block), PUT; (etag, SHA-1). 612 → SessionGone."""
    data = read_part(rec.path, part)
    sha1 = block_sha1(data) if rec.part_size == BLOCK else None
    try:
        etag = session.put_part(
            token(),
            rec.upload_id or "",
            part,
            data,
            sent=r.live.sending(part.number),
            stop=r.stop,
        )
    except NoSuchBucketError:
        raise
    except NotFoundError as exc:
        raise SessionGone from exc
    return etag, sha1


def local_etag(rec: UploadRecord, plan: Sequence[Part], parts: Mapping[int, DonePart]) -> str:
    """The file's etag from the recorded part digests, reading only the parts without one."""
    if rec.part_size != BLOCK:
        return file_etag(rec.path)
    digests: list[bytes] = []
    for part in plan:
        done = parts.get(part.number)
        digest = done.sha1 if done is not None and done.sha1 else None
        digests.append(digest or block_sha1(read_part(rec.path, part)))
    return etag_of_blocks(digests)
