"""Links to job outputs: the bucket's download domain, signed when the bucket is private.

Bucket lists and domains are asked for once per account/bucket and cached for the session.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from qfopgui.api.errors import InvalidKeyError, QiniuError
from qfopgui.api.models import BucketInfo
from qfopgui.services.executors import RunIn
from qfopgui.services.messages import NO_DOWNLOAD_ADDRESS, NO_DOWNLOAD_DOMAIN, NoLinkError

log = logging.getLogger(__name__)


class LinkClient(Protocol):
    def list_buckets(self) -> list[BucketInfo]: ...
    def bucket_domains(self, bucket: str) -> list[str]: ...
    def download_url(
        self, domain: str, key: str, *, private: bool = False, expires: int = 3600
    ) -> str: ...


class LinkResolver:
    """`await url(profile, bucket, key)`: a download link, signed for private buckets."""

    def __init__(self, client_for: Callable[[str], LinkClient], run_blocking: RunIn) -> None:
        self._client_for = client_for
        self._run_blocking = run_blocking
        self._buckets: dict[str, list[BucketInfo]] = {}
        self._domains: dict[tuple[str, str], list[str]] = {}

    async def buckets(self, profile: str) -> list[BucketInfo]:
        """The account's buckets (empty if they cannot be listed; callers fall back)."""
        if profile not in self._buckets:
            try:
                client = self._client_for(profile)
                self._buckets[profile] = list(await self._run_blocking(client.list_buckets))
            except (QiniuError, LookupError) as exc:
                log.info("listing buckets of %s failed: %s", profile, exc)
                return []
        return self._buckets[profile]

    async def url(self, profile: str, bucket: str, key: str, *, expires: int = 3600) -> str:
        """A download URL for `key` (a private one is valid for `expires` seconds);
        LookupError with a readable message if there is none."""
        client = self._client_for(profile)
        domains = self._domains.get((profile, bucket))
        if domains is None:
            try:
                domains = list(await self._run_blocking(lambda: client.bucket_domains(bucket)))
            except QiniuError as exc:
                raise NoLinkError.make(NO_DOWNLOAD_ADDRESS, bucket=bucket, why=exc.message) from exc
            self._domains[(profile, bucket)] = domains
        if not domains:
            raise NoLinkError.make(NO_DOWNLOAD_DOMAIN, bucket=bucket)
        private = any(b.name == bucket and b.private for b in await self.buckets(profile))
        try:
            return client.download_url(domains[0], key, private=private, expires=expires)
        except InvalidKeyError as exc:  # e.g. a key that is exactly "." or "..": no URL names it
            raise NoLinkError(exc.message, template=exc.template, params=exc.params) from exc
