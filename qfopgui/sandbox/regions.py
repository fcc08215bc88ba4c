"""Region ids and `name@region` bucket specs for a sandbox with buckets in several regions.

The sandbox's main port is region `z0` (its base URL); every other region named by a bucket
gets a listener of its own (see `server.py`), so a client that sends a bucket's requests to
the wrong region's hosts is refused exactly as the service refuses it (`routes/region_guard.py`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

DEFAULT_REGION = "z0"
_REGION_RE = re.compile(r"[a-z0-9-]{2,32}")


def valid_region(region: str) -> bool:
    """Region ids as Qiniu writes them: `z0`, `z2`, `cn-east-2`, `ap-southeast-1`, …"""
    return _REGION_RE.fullmatch(region) is not None


def split_bucket_spec(spec: str) -> tuple[str, str]:
    """`"name@z2"` → `("name", "z2")`; a plain name is in the default region.

    Raises ValueError naming the problem, for a CLI or config a person typed."""
    name, at, region = spec.partition("@")
    if not at:
        return name, DEFAULT_REGION
    if not valid_region(region):
        raise ValueError(
            f"invalid region {region!r} in {spec!r}: use 2-32 lower-case letters, digits or '-'"
        )
    return name, region


def regions_of(specs: Iterable[str]) -> tuple[str, ...]:
    """The default region first, then every other region the specs name, sorted."""
    others = {split_bucket_spec(s)[1] for s in specs} - {DEFAULT_REGION}
    return (DEFAULT_REGION, *sorted(others))
