"""Links to job outputs: the bucket's download domain, signed when the bucket is private.

Bucket lists and domains are asked for once per account/bucket and cached for the session.
A bucket with several domains uses the one the user chose (``domain_choice``: a lookup the UI
injects, backed by its settings), else the first the server lists.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
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


DomainChoice = Callable[[str, str], str | None]  # (profile, bucket) → the domain chosen, if any


class LinkResolver:
    """`await url(profile, bucket, key)`: a download link, signed for private buckets."""

    def __init__(
        self,
        client_for: Callable[[str], LinkClient],
        run_blocking: RunIn,
        *,
        domain_choice: DomainChoice | None = None,
    ) -> None:
        self._client_for = client_for
        self._run_blocking = run_blocking
        self._domain_choice = domain_choice
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

    async def domains(self, profile: str, bucket: str) -> list[str]:
        """The bucket's download domains as the server lists them (asked once per session);
        `NoLinkError` when they cannot be listed."""
        domains = self._domains.get((profile, bucket))
        if domains is None:
            client = self._client_for(profile)
            try:
                domains = list(await self._run_blocking(lambda: client.bucket_domains(bucket)))
            except QiniuError as exc:
                raise NoLinkError.make(NO_DOWNLOAD_ADDRESS, bucket=bucket, why=exc.message) from exc
            self._domains[(profile, bucket)] = domains
        return domains

    async def is_private(self, profile: str, bucket: str) -> bool:
        """Whether links into `bucket` are signed (and so expire)."""
        return any(b.name == bucket and b.private for b in await self.buckets(profile))

    def pick_domain(self, profile: str, bucket: str, domains: Sequence[str]) -> str:
        """The domain links use: the one chosen for this bucket if it is still listed."""
        chosen = self._domain_choice(profile, bucket) if self._domain_choice else None
        return chosen if chosen is not None and chosen in domains else domains[0]

    async def url(self, profile: str, bucket: str, key: str, *, expires: int = 3600) -> str:
        """A download URL for `key` (a private one is valid for `expires` seconds);
        LookupError with a readable message if there is none."""
        client = self._client_for(profile)
        domains = await self.domains(profile, bucket)
        if not domains:
            raise NoLinkError.make(NO_DOWNLOAD_DOMAIN, bucket=bucket)
        private = await self.is_private(profile, bucket)
        domain = self.pick_domain(profile, bucket, domains)
        try:
            return client.download_url(domain, key, private=private, expires=expires)
        except InvalidKeyError as exc:  # e.g. a key that is exactly "." or "..": no URL names it
            raise NoLinkError(exc.message, template=exc.template, params=exc.params) from exc
