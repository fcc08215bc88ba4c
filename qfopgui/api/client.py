"""`QiniuClient`: the synchronous, thread-safe Qiniu client the app runs in executors.

Hosts come from `Endpoints`. Explicit hosts (a private cloud's, or one base URL) are used as
given; otherwise each bucket's requests go to the hosts of the bucket's region, asked of uc
once per bucket and cached (`bucket_hosts.py`, `regions.py`). uc calls stay on uc.
Management calls are signed with the Qiniu v2 signature (see `signing.py`), uploads use an
UpToken.

Retries: the transport retries the idempotent reads (list_buckets, bucket_domains, list_page,
iter_pages, stat) on transient failures. Writes (pfop, delete, uploads) are never retried: a
repeat could act twice. `prefop` is not retried here either — the job poller owns its back-off,
and a retry loop inside each worker thread would multiply the request rate under load.

Every request has a total deadline (`deadline`, 60 s; uploads scale it with their size), and
every answer is checked field by field: whatever a server sends, a call either returns a
well-formed model or raises a `QiniuError` (see `responses.py` and `transport.py`).

Listing bounds: `list_buckets` gives up after `MAX_BUCKET_PAGES` pages, `iter_pages` when a
marker repeats or after `MAX_EMPTY_PAGES` empty pages in a row — a misbehaving server cannot
keep a listing going forever.
"""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import requests
from qiniu.utils import entry

from qfopgui import __version__
from qfopgui.api import messages as M
from qfopgui.api import upload as _upload
from qfopgui.api.bucket_hosts import BucketHosts
from qfopgui.api.config import Credentials, Endpoints
from qfopgui.api.download_links import is_loopback, public_url
from qfopgui.api.errors import ProtocolError
from qfopgui.api.model_parsers import (
    parse_buckets,
    parse_domains,
    parse_job_status,
    parse_list_page,
    parse_persistent_id,
    parse_stat,
)
from qfopgui.api.models import BucketInfo, JobStatus, ListPage, ObjectInfo, UploadResult
from qfopgui.api.regions import RegionCache
from qfopgui.api.responses import NO_CONTEXT, Answer, Context, json_body, require_reqid
from qfopgui.api.resumable_upload import MultipartSession
from qfopgui.api.signing import Signer
from qfopgui.api.transport import DEFAULT_DEADLINE, SessionFactory, Sleep, Transport

DEFAULT_USER_AGENT = (
    f"qfopgui/{__version__} (python-requests/{requests.__version__}; "
    f"Python/{platform.python_version()})"
)
MAX_LIST_LIMIT = 1000
_BUCKET_PAGE = 100  # uc `/buckets?apiVersion=v4` allows 1..100
MAX_BUCKET_PAGES = 10_000  # a million buckets; no account has that many
MAX_EMPTY_PAGES = 1_000  # empty pages in a row with fresh markers before a listing gives up


class QiniuClient:
    """One account on one set of hosts. Safe to share between threads.

    `timeout` is (connect, read) per socket operation; `deadline` bounds each whole request
    (uploads get more, scaled to their size); `max_retries` applies to the retried reads only.
    `region_cache` may be shared between clients (bucket regions per uc, AccessKey, bucket).
    """

    def __init__(
        self,
        credentials: Credentials,
        endpoints: Endpoints,
        *,
        timeout: tuple[float, float] = (5.0, 30.0),
        deadline: float = DEFAULT_DEADLINE,
        max_retries: int = 3,
        backoff: float = 0.2,
        session_factory: SessionFactory | None = None,
        user_agent: str = DEFAULT_USER_AGENT,
        sleep: Sleep = time.sleep,
        jitter: Callable[[], float] | None = None,
        region_cache: RegionCache | None = None,
    ) -> None:
        self.endpoints = endpoints
        self._signer = Signer(credentials)
        extra: dict[str, Any] = {"jitter": jitter} if jitter is not None else {}
        self._transport = Transport(
            timeout=timeout,
            deadline=deadline,
            max_retries=max_retries,
            backoff=backoff,
            session_factory=session_factory,
            user_agent=user_agent,
            sleep=sleep,
            **extra,
        )
        self._hosts = BucketHosts(
            endpoints, self.access_key, self._transport, region_cache or RegionCache()
        )

    @property
    def access_key(self) -> str:
        return self._signer.access_key

    @property
    def transport(self) -> Transport:
        return self._transport

    def endpoints_for(self, bucket: str) -> Endpoints:
        """The hosts requests about `bucket` go to (may ask uc first; blocking)."""
        return self._hosts.for_bucket(bucket)

    def close(self) -> None:
        """Close every thread's pooled connections."""
        self._transport.close()

    def __enter__(self) -> QiniuClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"QiniuClient(access_key={self.access_key!r}, uc={self.endpoints.uc!r})"

    # -- internal ------------------------------------------------------------------------

    def _get_json(
        self, method: str, url: str, *, ctx: Context = NO_CONTEXT, idempotent: bool, **kw: Any
    ) -> tuple[Answer, object]:
        answer = self._transport.request(
            method, url, idempotent=idempotent, ctx=ctx, auth=self._signer.management_auth(), **kw
        )
        return answer, json_body(answer)

    # -- buckets -------------------------------------------------------------------------

    def list_buckets(self) -> list[BucketInfo]:
        """All buckets of the account (`GET uc/buckets?apiVersion=v4`, following markers).

        Servers answering with the classic `["name", ...]` list are accepted too. A repeated
        marker, or more than `MAX_BUCKET_PAGES` pages, is a ProtocolError.
        """
        out: list[BucketInfo] = []
        marker = ""
        seen: set[str] = set()
        for _page in range(MAX_BUCKET_PAGES):
            params: list[tuple[str, str | int]] = [("apiVersion", "v4"), ("limit", _BUCKET_PAGE)]
            if marker:
                params.append(("marker", marker))
            answer, body = self._get_json(
                "GET", f"{self.endpoints.uc}/buckets", params=params, idempotent=True
            )
            page, marker = parse_buckets(answer, body)
            out.extend(page)
            if not marker:
                return out
            if marker in seen:
                raise ProtocolError.make(M.BUCKET_LIST_LOOPS)
            seen.add(marker)
        raise ProtocolError.make(M.BUCKET_LIST_ENDLESS, pages=MAX_BUCKET_PAGES)

    def bucket_domains(self, bucket: str) -> list[str]:
        """Download domains bound to a bucket (`GET uc/v2/domains?tbl=`)."""
        answer, body = self._get_json(
            "GET",
            f"{self.endpoints.uc}/v2/domains",
            params=[("tbl", bucket)],
            ctx=Context(bucket=bucket),
            idempotent=True,
        )
        return parse_domains(answer, body)

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
        """One page of `GET rsf/list`. An empty `marker` in the result means the end."""
        if not 1 <= limit <= MAX_LIST_LIMIT:
            raise ValueError(f"invalid list limit {limit}, only [1, {MAX_LIST_LIMIT}] allowed")
        params: list[tuple[str, str | int]] = [("bucket", bucket)]
        if marker:
            params.append(("marker", marker))
        params.append(("limit", limit))
        if prefix:
            params.append(("prefix", prefix))
        if delimiter:
            params.append(("delimiter", delimiter))
        answer, body = self._hosts.call(
            bucket,
            lambda ep: self._get_json(
                "GET", f"{ep.rsf}/list", params=params, ctx=Context(bucket=bucket), idempotent=True
            ),
        )
        return parse_list_page(answer, body)

    def iter_pages(
        self, bucket: str, *, prefix: str = "", delimiter: str = "", limit: int = MAX_LIST_LIMIT
    ) -> Iterator[ListPage]:
        """Pages until the server's marker is empty.

        Pages may be empty mid-listing (the server skips deleted keys), so an empty page alone
        ends nothing; but a marker seen before, or `MAX_EMPTY_PAGES` empty pages in a row, is a
        ProtocolError. A marker equal to the last key returned is normal.
        """
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
                raise ProtocolError.make(M.LISTING_LOOPS)
            seen.add(page.marker)
            empty_run = 0 if page.items or page.prefixes else empty_run + 1
            if empty_run >= MAX_EMPTY_PAGES:
                raise ProtocolError.make(M.LISTING_ENDLESS, pages=MAX_EMPTY_PAGES)
            marker = page.marker

    def stat(self, bucket: str, key: str) -> ObjectInfo:
        """Metadata of one object (`GET rs/stat/<entry>`)."""
        answer, body = self._hosts.call(
            bucket,
            lambda ep: self._get_json(
                "GET",
                f"{ep.rs}/stat/{entry(bucket, key)}",
                ctx=Context(bucket=bucket, key=key),
                idempotent=True,
            ),
        )
        return parse_stat(answer, body, key)

    def delete(self, bucket: str, key: str) -> None:
        """Delete one object (`POST rs/delete/<entry>`); never retried."""
        answer = self._hosts.call(
            bucket,
            lambda ep: self._transport.request(
                "POST",
                f"{ep.rs}/delete/{entry(bucket, key)}",
                idempotent=False,
                ctx=Context(bucket=bucket, key=key),
                auth=self._signer.management_auth(),
            ),
        )
        require_reqid(answer)  # the body may be empty or anything; the header may not

    # -- processing ----------------------------------------------------------------------

    def pfop(
        self,
        bucket: str,
        key: str,
        fops: Sequence[str],
        *,
        pipeline: str = "",
        notify_url: str = "",
        force: bool = False,
        type: int = 0,
        workflow_template_id: str = "",
    ) -> str:
        """Start persistent processing; returns the persistentId. Never retried: a repeat
        would start a second job."""
        if isinstance(fops, str):
            raise TypeError("fops must be a sequence of commands, not one string")
        if not any(fops) and not workflow_template_id:
            raise ValueError("pfop needs at least one fop or a workflow template id")
        form: list[tuple[str, str]] = [("bucket", bucket), ("key", key)]
        if any(fops):
            form.append(("fops", ";".join(f for f in fops if f)))
        if notify_url:
            form.append(("notifyURL", notify_url))
        if force:
            form.append(("force", "1"))
        if pipeline:
            form.append(("pipeline", pipeline))
        if type:
            form.append(("type", str(int(type))))
        if workflow_template_id:
            form.append(("workflowTemplateID", workflow_template_id))
        answer, body = self._hosts.call(
            bucket,
            lambda ep: self._get_json(
                "POST",
                f"{ep.api}/pfop/",
                data=form,
                ctx=Context(bucket=bucket, key=key),
                idempotent=False,
            ),
        )
        return parse_persistent_id(answer, body)

    def prefop(self, persistent_id: str) -> JobStatus:
        """Status of a job (`GET api/status/get/prefop?id=`). Sent exactly once: the poller
        owns the back-off (it honours `RateLimitedError.retry_after`). The api host is the
        one of the region the id names, once a region query has reported it."""
        answer, body = self._get_json(
            "GET",
            f"{self._hosts.api_for_job(persistent_id)}/status/get/prefop",
            params=[("id", persistent_id)],
            ctx=Context(not_found=M.JOB_NOT_FOUND, id=persistent_id),
            idempotent=True,
            retry=False,
        )
        return parse_job_status(answer, body)

    # -- upload --------------------------------------------------------------------------

    def upload_token(
        self,
        bucket: str,
        key: str | None = None,
        *,
        expires: int = 3600,
        persistent_ops: str = "",
        persistent_pipeline: str = "",
        persistent_notify_url: str = "",
        persistent_type: int = 0,
        insert_only: bool = False,
    ) -> str:
        """UpToken via `qiniu.Auth.upload_token`; scope is `bucket` or `bucket:key`.

        `insert_only`: the upload must not replace an object with other content (614)."""
        policy: dict[str, Any] = {}
        if insert_only:
            policy["insertOnly"] = 1
        if persistent_ops:
            policy["persistentOps"] = persistent_ops
        if persistent_notify_url:
            policy["persistentNotifyUrl"] = persistent_notify_url
        if persistent_pipeline:
            policy["persistentPipeline"] = persistent_pipeline
        if persistent_type:
            policy["persistentType"] = int(persistent_type)
        return self._signer.upload_token(bucket, key, expires=expires, policy=policy or None)

    def upload_bytes(
        self,
        bucket: str,
        key: str | None,
        data: bytes,
        *,
        token: str | None = None,
        mime_type: str | None = None,
        progress: _upload.Progress | None = None,
    ) -> UploadResult:
        """Form upload of in-memory data (with crc32); never retried."""
        payload, upload_token = bytes(data), token or self.upload_token(bucket, key)
        return self._hosts.call(
            bucket,
            lambda ep: _upload.form_upload(
                self._transport,
                ep.up,
                bucket=bucket,
                key=key,
                data=payload,
                token=upload_token,
                mime_type=mime_type,
                file_name=(key or "file").rsplit("/", 1)[-1] or "file",
                progress=progress,
            ),
        )

    def upload_file(
        self,
        bucket: str,
        key: str | None,
        path: str | os.PathLike[str],
        *,
        token: str | None = None,
        mime_type: str | None = None,
        progress: _upload.Progress | None = None,
    ) -> UploadResult:
        """Form upload up to 8 MiB, multipart v2 (4 MiB parts) above; aborts on failure."""
        upload_token = token or self.upload_token(bucket, key)
        return self._hosts.call(
            bucket,
            lambda ep: _upload.upload_path(
                self._transport,
                ep.up,
                bucket=bucket,
                key=key,
                path=Path(path),
                token=upload_token,
                mime_type=mime_type,
                progress=progress,
            ),
        )

    def multipart_session(self, bucket: str, key: str) -> MultipartSession:
        """The resumable multipart v2 steps for one object (`api/resumable_upload.py`). Made
        without I/O: the bucket's up host is looked up when the first step is sent."""
        return MultipartSession(
            self._transport, lambda: self._hosts.for_bucket(bucket).up, bucket, key
        )

    # -- download ------------------------------------------------------------------------

    def download_url(
        self,
        domain: str,
        key: str,
        *,
        private: bool = False,
        expires: int = 3600,
        query: str = "",
    ) -> str:
        """`scheme://domain/<key_url_path(key)>[?query]`, signed for private buckets.

        `domain` may carry a scheme and/or a path (`127.0.0.1:9000/dl/demo`). Without a scheme,
        loopback hosts use http (the sandbox) and everything else https. The path is built so
        that requests, urllib3 and browsers send it unchanged (see `key_url_path`), so a private
        URL's signature covers exactly what is sent. Raises `InvalidKeyError` for a key no URL
        can name (not UTF-8, too long, exactly `.` or `..`).

        `query` (e.g. `avinfo`) is appended as `?query` before signing: a private bucket
        checks the token over the whole URL, so the query must be inside what is signed.
        """
        url = public_url(domain, key, query)
        if private:
            return self._signer.private_download_url(url, expires=expires)
        return url


__all__ = ["DEFAULT_USER_AGENT", "MAX_LIST_LIMIT", "QiniuClient", "is_loopback"]
