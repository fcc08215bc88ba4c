"""`BucketHosts`: the hosts for one bucket's requests, from the region query or the profile.

Rules (what the SDKs do, plus the app's choices for failures):
- Explicit hosts (`Endpoints.discover` False: a base URL or any service host besides uc) are
  used as given; no query is ever sent (private clouds, tests).
- Otherwise the bucket's region is asked of uc and cached (`RegionCache`). A query answered
  612/631 means the bucket does not exist: the call raises `NoSuchBucketError`, as the call
  itself would. Any other failure (network, 5xx, a malformed answer) falls back to the
  profile's own hosts for this call, and the next call asks again.
- A request refused with the region error (`is_region_error`) drops the cached answer,
  asks once more and repeats the request once. The refusal means nothing happened, so even a
  write (pfop, upload) may be repeated.
- A job id names its region (`z2.…`): `prefop` goes to that region's api host once any query
  has reported it, else to the profile's api host.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlsplit

from qfopgui.api import errors
from qfopgui.api import messages as M
from qfopgui.api.config import Endpoints
from qfopgui.api.regions import (
    QUERY_NOT_FOUND,
    CacheKey,
    RegionCache,
    RegionHosts,
    is_region_error,
    parse_region_query,
    region_of_job,
)
from qfopgui.api.responses import Context, json_body
from qfopgui.api.transport import Transport

log = logging.getLogger(__name__)

T = TypeVar("T")


class BucketHosts:
    """Per-bucket endpoints for one account. Thread-safe (the cache and transport are)."""

    def __init__(
        self, endpoints: Endpoints, access_key: str, transport: Transport, cache: RegionCache
    ) -> None:
        self._endpoints = endpoints
        self._access_key = access_key
        self._transport = transport
        self._cache = cache
        self._scheme = urlsplit(endpoints.uc).scheme or "https"

    @property
    def discovers(self) -> bool:
        return self._endpoints.discover

    def _key(self, bucket: str) -> CacheKey:
        return (self._endpoints.uc, self._access_key, bucket)

    def _query(self, bucket: str) -> RegionHosts:
        """`GET uc/v4/query?ak=&bucket=` (unsigned, like the SDKs; retried as a read)."""
        answer = self._transport.request(
            "GET",
            f"{self._endpoints.uc}/v4/query",
            params=[("ak", self._access_key), ("bucket", bucket)],
            idempotent=True,
            ctx=Context(bucket=bucket),
        )
        return parse_region_query(answer, json_body(answer), self._scheme)

    def for_bucket(self, bucket: str) -> Endpoints:
        """The endpoints for requests about `bucket` (may send the region query)."""
        if not self._endpoints.discover or not bucket:
            return self._endpoints
        try:
            hosts = self._cache.get(self._key(bucket), lambda: self._query(bucket))
        except errors.QiniuError as exc:
            if exc.status in QUERY_NOT_FOUND:
                raise errors.NoSuchBucketError.make(
                    M.NO_SUCH_BUCKET,
                    bucket=bucket,
                    status=exc.status,
                    reqid=exc.reqid,
                    server_message=exc.server_message,
                ) from exc
            log.warning(
                "region query for bucket %r failed (%s); using the account's own hosts",
                bucket,
                type(exc).__name__,
            )
            return self._endpoints
        return hosts.endpoints(self._endpoints)

    def call(self, bucket: str, send: Callable[[Endpoints], T]) -> T:
        """`send(endpoints)`; once more with a fresh query if the region error comes back."""
        try:
            return send(self.for_bucket(bucket))
        except errors.QiniuError as exc:
            if not (self._endpoints.discover and bucket and is_region_error(exc)):
                raise
            log.info("bucket %r is not where the cached region said; asking again", bucket)
            self._cache.drop(self._key(bucket))
        return send(self.for_bucket(bucket))

    def api_for_job(self, persistent_id: str) -> str:
        """The api host for a job's status: its id's region if a query has taught it."""
        region = region_of_job(persistent_id)
        if self._endpoints.discover and region:
            learned = self._cache.api_host(self._endpoints.uc, self._access_key, region)
            if learned:
                return learned
        return self._endpoints.api
