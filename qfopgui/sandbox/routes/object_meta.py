"""``x-qn-meta-*`` object metadata: parsing what uploads and ``/chgm`` send, and the headers
downloads answer with.

Names are case-insensitive (like HTTP headers) and stored lower-case; they may use
``A-Z a-z 0-9 _ -`` plus one leading ``!`` (the official Python SDK's ``keep_last_modified``
sends ``x-qn-meta-!Last-Modified``). Values must be single-line text. Names and values together
may hold ``META_MAX_BYTES`` bytes per object. Anything else answers 400 naming the problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from qfopgui.sandbox.routes.common import ApiError
from qfopgui.sandbox.storage_schema import META_MAX_BYTES, meta_size

META_PREFIX = "x-qn-meta-"
_NAME_RE = re.compile(r"!?[A-Za-z0-9_-]{1,100}")
_BAD_VALUE_RE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def is_meta_field(name: str) -> bool:
    return name.lower().startswith(META_PREFIX)


def meta_name(field: str) -> str:
    """``x-qn-meta-Author`` → ``author``; 400 when the rest is not an allowed name."""
    name = field[len(META_PREFIX) :]
    if not _NAME_RE.fullmatch(name):
        raise ApiError(
            400,
            f"invalid metadata name {field!r}: use x-qn-meta- followed by 1-100 of A-Z a-z 0-9 _ -",
        )
    return name.lower()


def meta_value(field: str, value: str) -> str:
    if _BAD_VALUE_RE.search(value):
        raise ApiError(400, f"invalid metadata value for {field!r}: control characters")
    return value


def meta_too_large() -> ApiError:
    return ApiError(
        400, f"metadata too large: names and values may hold {META_MAX_BYTES} bytes in all"
    )


def check_meta_size(meta: Mapping[str, str]) -> None:
    if meta_size(meta) > META_MAX_BYTES:
        raise meta_too_large()


def metadata_from(fields: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The metadata among upload fields (other fields are ignored; empty values are dropped)."""
    meta: dict[str, str] = {}
    for field, value in fields:
        if is_meta_field(field):
            name = meta_name(field)
            if value:
                meta[name] = meta_value(field, value)
    check_meta_size(meta)
    return meta


def meta_headers(meta: Mapping[str, str]) -> dict[str, str]:
    """Download headers: ``author`` → ``X-Qn-Meta-Author``."""
    out: dict[str, str] = {}
    for name, value in meta.items():
        pretty = "-".join(part[:1].upper() + part[1:] for part in name.split("-"))
        out[f"X-Qn-Meta-{pretty}"] = value
    return out
