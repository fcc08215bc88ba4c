"""`OssClient.upload_file` in one call: one PutObject for a small file, else multipart.

A multipart upload that fails before `complete` is aborted (best effort), as `QiniuClient`
does; a failed `complete` is not, since its outcome may be unknown and the object may exist.
An app that must resume after a restart uses `OssMultipart`'s steps itself instead.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

import alibabacloud_oss_v2 as oss

from qfopgui.api import errors
from qfopgui.api.models import UploadResult
from qfopgui.api.oss.model_parsing import upload_result
from qfopgui.api.oss.multipart import Caller, Options, OssMultipart
from qfopgui.api.resumable_upload import Part, read_part
from qfopgui.api.upload import Progress


def put_file(
    call: Caller,
    bucket: str,
    key: str,
    source: Path,
    size: int,
    mime_type: str | None,
    progress: Progress | None,
) -> UploadResult:
    """One PutObject streamed from the file; never retried. `progress(done, size)`."""

    def report(_increment: int, written: int, _total: int) -> None:
        if progress is not None:
            progress(written, size)

    with source.open("rb") as fh:
        request = oss.PutObjectRequest(
            bucket=bucket,
            key=key,
            body=fh,
            content_length=size,
            content_type=mime_type,
            progress_fn=report,
        )

        def send(c: oss.Client, o: Options) -> object:
            return c.put_object(request, **o)

        result = call(send, bucket=bucket, key=key, write=True, retry=False, size=size)
    return upload_result(key, result)


def multipart_file(
    steps: OssMultipart,
    source: Path,
    plan: Sequence[Part],
    mime_type: str | None,
    progress: Progress | None,
) -> UploadResult:
    """Every part of `plan` in order, then `complete`. `progress(done, total)` over the file."""
    total = sum(p.size for p in plan)
    session = steps.init(mime_type=mime_type)
    etags: dict[int, str] = {}
    try:
        for part in plan:
            etags[part.number] = _send_part(steps, session.upload_id, source, part, total, progress)
    except BaseException:
        with contextlib.suppress(errors.QiniuError):  # best effort: report the first failure
            steps.abort(session.upload_id)
        raise
    return steps.complete(session.upload_id, etags)


def _send_part(
    steps: OssMultipart,
    upload_id: str,
    source: Path,
    part: Part,
    total: int,
    progress: Progress | None,
) -> str:
    def sent(done: int) -> None:
        if progress is not None:
            progress(part.offset + done, total)

    return steps.put_part(upload_id, part, read_part(source, part), sent=sent)


__all__ = ["multipart_file", "put_file"]
