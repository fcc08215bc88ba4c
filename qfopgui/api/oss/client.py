"""`OssClient`: Aliyun OSS on the official alibabacloud-oss-v2 SDK, shaped like `QiniuClient`.

Synchronous and safe to share between threads (the app runs it in executor threads): each
thread gets its own SDK client and HTTP session. It returns the models `QiniuClient` returns
(`BucketInfo`, `ListPage`, `ObjectInfo`, `UploadResult`) and raises the same `QiniuError` tree
(`error_mapping.py`), so one provider interface can sit on both.

Signing, addressing and retries are configured in `sdk_setup.py`: V4 signing; path style for
IP/localhost endpoints; the SDK retries only the idempotent reads (list_buckets, list_page,
iter_pages, stat, get_range, list_parts) and multipart parts. Writes (put, complete, delete,
async_process) are sent once: a repeat could act twice, and a write whose answer was lost is an
`OutcomeUnknownError`, never a plain failure.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

import alibabacloud_oss_v2 as oss
import requests

from qfopgui.api import errors
from qfopgui.api import messages as M
from qfopgui.api.client import DEFAULT_USER_AGENT, MAX_EMPTY_PAGES, MAX_LIST_LIMIT
from qfopgui.api.config import Credentials
from qfopgui.api.deadline import DeadlineWatch
from qfopgui.api.models import BucketInfo, ListPage, ObjectInfo, UploadResult
from qfopgui.api.oss import model_parsing as parse
from qfopgui.api.oss.error_mapping import Call, translate
from qfopgui.api.oss.file_upload import multipart_file, put_file
from qfopgui.api.oss.multipart import Options, OssMultipart
from qfopgui.api.oss.sdk_setup import OssSettings, build_client, read_retryer
from qfopgui.api.resumable_upload import PartStopped, part_plan
from qfopgui.api.transport import DEFAULT_DEADLINE
from qfopgui.api.upload import FORM_LIMIT, MIN_UPLOAD_RATE, PART_SIZE, Progress

_T = TypeVar("_T")
MAX_BUCKET_PAGES = 10_000
_BUCKET_PAGE = 1000
MAX_PRESIGN_SECONDS = 7 * 24 * 3600  # the V4 presign limit


class OssClient:
    """One AccessKey on one OSS endpoint. Safe to share between threads.

    `region` is the bare id (`cn-hangzhou`); `endpoint` a URL or host (empty: the region's
    public endpoint). `path_style=None` picks path style for IP and localhost endpoints.
    `timeout` is (connect, read) per socket operation; `deadline` bounds each whole call
    (uploads get more, scaled to their size); `max_retries` applies to the retried reads only.
    `part_size`/`multipart_threshold`: where `upload_file` switches to a multipart upload.
    """

    def __init__(
        self,
        credentials: Credentials,
        region: str,
        endpoint: str = "",
        *,
        path_style: bool | None = None,
        signature_version: str = "v4",
        timeout: tuple[float, float] = (5.0, 30.0),
        deadline: float = DEFAULT_DEADLINE,
        max_retries: int = 3,
        backoff: float = 0.2,
        user_agent: str = DEFAULT_USER_AGENT,
        multipart_threshold: int = FORM_LIMIT,
        part_size: int = PART_SIZE,
    ) -> None:
        if not credentials.access_key or not credentials.secret_key:
            raise ValueError("an OSS client needs an AccessKey ID and an AccessKey secret")
        self.settings = OssSettings(
            region=region,
            endpoint=endpoint,
            path_style=path_style,
            signature_version=signature_version,
            connect_timeout=timeout[0],
            read_timeout=timeout[1],
            user_agent=user_agent,
        )
        self._credentials = credentials
        self.deadline = deadline
        self._retryer = read_retryer(max_retries, backoff)
        self.multipart_threshold = multipart_threshold
        self.part_size = part_size
        self._local = threading.local()
        self._lock = threading.Lock()
        self._sessions: list[requests.Session] = []

    @property
    def access_key(self) -> str:
        return self._credentials.access_key

    def __repr__(self) -> str:
        return f"OssClient(access_key={self.access_key!r}, host={self.settings.host!r})"

    def __enter__(self) -> OssClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close every thread's pooled connections."""
        with self._lock:
            sessions, self._sessions = self._sessions, []
        for session in sessions:
            session.close()
        self._local = threading.local()

    # -- internal ------------------------------------------------------------------------

    def _sdk(self) -> oss.Client:
        client: oss.Client | None = getattr(self._local, "client", None)
        if client is None:
            client, session = build_client(self._credentials, self.settings)
            with self._lock:
                self._sessions.append(session)
            self._local.client = client
        return client

    def _call(
        self,
        send: Callable[[oss.Client, Options], _T],
        *,
        bucket: str = "",
        key: str = "",
        write: bool,
        retry: bool,
        size: int = 0,
    ) -> _T:
        """Run one SDK operation (with its retries) inside one total deadline, `deadline`
        seconds plus time to send `size` bytes at `MIN_UPLOAD_RATE`. SDK and transport
        failures become `QiniuError`s."""
        call = Call(host=self.settings.host, bucket=bucket, key=key, write=write)
        sdk = self._sdk()
        watch = DeadlineWatch(self.deadline + size / MIN_UPLOAD_RATE)
        watch.start()
        try:
            with watch.watching_this_thread():
                return send(sdk, {"retryer": self._retryer} if retry else {})
        except (errors.QiniuError, PartStopped):
            raise
        except Exception as exc:
            mapped = translate(exc, call, watch)
            if mapped is exc:
                raise
            raise mapped from exc
        finally:
            watch.finish()

    # -- buckets -------------------------------------------------------------------------

    def list_buckets(self) -> list[BucketInfo]:
        """All buckets of the account (GetService, following `NextMarker`)."""
        out: list[BucketInfo] = []
        marker = ""
        seen: set[str] = set()
        for _page in range(MAX_BUCKET_PAGES):
            result = self._bucket_page(marker)
            out.extend(parse.bucket_info(b) for b in parse.sequence(result, "buckets"))
            if getattr(result, "is_truncated", False) is not True:
                return out
            marker = parse.text(result, "next_marker")
            if not marker or marker in seen:
                raise errors.ProtocolError.make(M.BUCKET_LIST_LOOPS)
            seen.add(marker)
        raise errors.ProtocolError.make(M.BUCKET_LIST_ENDLESS, pages=MAX_BUCKET_PAGES)

    def _bucket_page(self, marker: str) -> object:
        request = oss.ListBucketsRequest(marker=marker or None, max_keys=_BUCKET_PAGE)
        return self._call(lambda c, o: c.list_buckets(request, **o), write=False, retry=True)

    # -- objects -------------------------------------------------------------------------

    def list_page(
        self,
        bucket: str,
        *,
        prefix: str = "",
        delimiter: str = "",
        marker: str = "",
        limit: int = MAX_LIST_LIMIT,
    ) -> ListPage:
        """One ListObjectsV2 page; `marker` is the continuation token ('' in the result: end)."""
        if not 1 <= limit <= MAX_LIST_LIMIT:
            raise ValueError(f"invalid list limit {limit}, only [1, {MAX_LIST_LIMIT}] allowed")
        request = oss.ListObjectsV2Request(
            bucket=bucket,
            prefix=prefix or None,
            delimiter=delimiter or None,
            continuation_token=marker or None,
            max_keys=limit,
        )
        result = self._call(
            lambda c, o: c.list_objects_v2(request, **o), bucket=bucket, write=False, retry=True
        )
        return parse.list_page(result)

    def iter_pages(
        self, bucket: str, *, prefix: str = "", delimiter: str = "", limit: int = MAX_LIST_LIMIT
    ) -> Iterator[ListPage]:
        """Pages until the listing ends. A repeated token, or `MAX_EMPTY_PAGES` empty pages in
        a row, is a ProtocolError: a misbehaving server cannot keep a listing going forever."""
        marker = ""
        seen: set[str] = set()
        empty_run = 0
        while True:
            page = self.list_page(
                bucket, prefix=prefix, delimiter=delimiter, marker=marker, limit=limit
            )
            yield page
            if not page.marker:
                return
            if page.marker in seen:
                raise errors.ProtocolError.make(M.LISTING_LOOPS)
            seen.add(page.marker)
            empty_run = 0 if page.items or page.prefixes else empty_run + 1
            if empty_run >= MAX_EMPTY_PAGES:
                raise errors.ProtocolError.make(M.LISTING_ENDLESS, pages=MAX_EMPTY_PAGES)
            marker = page.marker

    def stat(self, bucket: str, key: str) -> ObjectInfo:
        """Metadata of one object (HeadObject)."""
        request = oss.HeadObjectRequest(bucket=bucket, key=key)
        result = self._call(
            lambda c, o: c.head_object(request, **o),
            bucket=bucket,
            key=key,
            write=False,
            retry=True,
        )
        return parse.head_object(key, result)

    def get_range(self, bucket: str, key: str, offset: int, length: int) -> bytes:
        """Bytes `offset`..`offset+length-1` of an object (fewer at its end)."""
        if offset < 0 or length < 1:
            raise ValueError("get_range needs offset >= 0 and length >= 1")
        request = oss.GetObjectRequest(
            bucket=bucket,
            key=key,
            range_header=f"bytes={offset}-{offset + length - 1}",
            range_behavior="standard",
        )

        def fetch(c: oss.Client, o: Options) -> bytes:
            result = c.get_object(request, **o)
            status = int(getattr(result, "status_code", 0) or 0)
            with result.body as body:  # read inside the call: its deadline and error mapping
                data = bytes(body.read())
            if status == 200:  # the server ignored Range: cut the part out ourselves
                data = data[offset : offset + length]
            return data[:length]

        return self._call(fetch, bucket=bucket, key=key, write=False, retry=True)

    def delete(self, bucket: str, key: str) -> None:
        """Delete one object (DeleteObject); never retried. OSS answers 204 for a missing key."""
        request = oss.DeleteObjectRequest(bucket=bucket, key=key)
        self._call(
            lambda c, o: c.delete_object(request, **o),
            bucket=bucket,
            key=key,
            write=True,
            retry=False,
        )

    # -- processing ----------------------------------------------------------------------

    def submit_process(self, bucket: str, key: str, process: str) -> parse.AsyncTask:
        """Start `x-oss-async-process` work (e.g. `video/convert,f_mp4,...|sys/saveas,...`);
        the whole answer. Never retried: a repeat would start a second job."""
        if not process.strip():
            raise ValueError("async processing needs a process instruction")
        request = oss.AsyncProcessObjectRequest(bucket=bucket, key=key, process=process)
        result = self._call(
            lambda c, o: c.async_process_object(request, **o),
            bucket=bucket,
            key=key,
            write=True,
            retry=False,
        )
        return parse.async_task(result)

    def async_process(self, bucket: str, key: str, process: str) -> str:
        """Start async processing; returns the task id (`MediaConvert-<uuid>`)."""
        return self.submit_process(bucket, key, process).task_id

    # -- upload --------------------------------------------------------------------------

    def upload_bytes(
        self, bucket: str, key: str, data: bytes, *, mime_type: str | None = None
    ) -> UploadResult:
        """One PutObject of in-memory data; never retried."""
        request = oss.PutObjectRequest(
            bucket=bucket, key=key, body=bytes(data), content_type=mime_type
        )
        result = self._call(
            lambda c, o: c.put_object(request, **o), bucket=bucket, key=key, write=True, retry=False
        )
        return parse.upload_result(key, result)

    def upload_file(
        self,
        bucket: str,
        key: str,
        path: str | os.PathLike[str],
        *,
        mime_type: str | None = None,
        progress: Progress | None = None,
    ) -> UploadResult:
        """PutObject up to `multipart_threshold` bytes, a multipart upload above (aborted when
        a step before `complete` fails). `progress(done, total)` is called as bytes go out."""
        source = Path(path)
        size = source.stat().st_size
        if size <= self.multipart_threshold:
            return put_file(self._call, bucket, key, source, size, mime_type, progress)
        plan = part_plan(size, self.part_size)
        steps = self.multipart_session(bucket, key)
        return multipart_file(steps, source, plan, mime_type, progress)

    def multipart_session(self, bucket: str, key: str) -> OssMultipart:
        """The resumable multipart steps for one object (made without I/O)."""
        return OssMultipart(self._call, bucket, key)

    # -- download ------------------------------------------------------------------------

    def download_url(self, bucket: str, key: str, *, expires: int = 3600) -> str:
        """A presigned GET URL (the SDK's presign, V4 by default), valid `expires` seconds."""
        if not 1 <= expires <= MAX_PRESIGN_SECONDS:
            raise ValueError(f"expires must be between 1 and {MAX_PRESIGN_SECONDS} seconds")
        request = oss.GetObjectRequest(bucket=bucket, key=key)
        result = self._call(
            lambda c, o: c.presign(request, expires=timedelta(seconds=expires)),
            bucket=bucket,
            key=key,
            write=False,
            retry=False,
        )
        url = parse.text(result, "url")
        if not url:
            raise errors.ProtocolError.make(M.OSS_NOT_UNDERSTOOD, why=M.OSS_BAD_ANSWER)
        return url


__all__ = ["MAX_PRESIGN_SECONDS", "OssClient"]
