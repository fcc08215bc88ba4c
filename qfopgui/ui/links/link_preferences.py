"""What the user chose for links, kept in the settings: how long private links work, and which
domain each bucket with several domains uses.

The domain choice is looked up by `LinkResolver` through the `domain_for` callable (the
services layer stays free of Qt and of the settings file).
"""

from __future__ import annotations

import json
import logging

from qfopgui.settings import Settings

log = logging.getLogger(__name__)

HOUR = 3600
DAY = 24 * HOUR
EXPIRY_CHOICES = (HOUR, DAY, 7 * DAY, 30 * DAY)
DEFAULT_EXPIRY = DAY
EXPIRY_KEY = "links/expiry"
DOMAINS_KEY = "links/domains"  # JSON {profile: {bucket: domain}}


class LinkPreferences:
    """Typed access to the two link settings; a damaged value reads as "not chosen yet"."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def expiry(self) -> int:
        value = self._settings.get(EXPIRY_KEY)
        return value if value in EXPIRY_CHOICES else DEFAULT_EXPIRY

    def set_expiry(self, seconds: int) -> None:
        if seconds not in EXPIRY_CHOICES:
            raise ValueError(f"not an offered expiry: {seconds}")
        self._settings.set(EXPIRY_KEY, seconds)

    def domain_for(self, profile: str, bucket: str) -> str | None:
        """The domain chosen for this bucket of this account, or None."""
        chosen = self._all().get(profile, {}).get(bucket)
        return chosen if isinstance(chosen, str) and chosen else None

    def set_domain(self, profile: str, bucket: str, domain: str) -> None:
        table = self._all()
        table.setdefault(profile, {})[bucket] = domain
        self._settings.set(DOMAINS_KEY, json.dumps(table, ensure_ascii=False, sort_keys=True))

    def _all(self) -> dict[str, dict[str, str]]:
        raw = self._settings.get(DOMAINS_KEY)
        if not raw:
            return {}
        try:
            data = json.loads(raw)
        except ValueError:
            log.warning("ignoring unreadable %s setting", DOMAINS_KEY)
            return {}
        if not isinstance(data, dict):
            return {}
        return {
            str(p): {str(b): d for b, d in buckets.items() if isinstance(d, str)}
            for p, buckets in data.items()
            if isinstance(buckets, dict)
        }
