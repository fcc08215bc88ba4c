"""Listing pages over the sandbox's sorted object index (``/list`` and ``/v2/list`` share it).

The index is read through a ``rows_from(start, inclusive, upper, limit)`` callable that yields
rows in key order, so this module has no sqlite of its own and can be tested on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")
Row = tuple[object, ...]
RowsFrom = Callable[[str, bool, "str | None", int], Iterator[Row]]


class ListPage(NamedTuple, Generic[T]):
    """One listing page; unpacks as ``(items, common_prefixes, next_marker_key)``."""

    items: list[T]
    common_prefixes: list[str]
    next_marker_key: str


def successor(s: str) -> str | None:
    """Smallest string greater than every string that starts with ``s`` (None if there is none)."""
    chars = list(s)
    while chars:
        code = ord(chars[-1])
        if code < 0x10FFFF:
            code += 1
            if 0xD800 <= code <= 0xDFFF:
                code = 0xE000
            chars[-1] = chr(code)
            return "".join(chars)
        chars.pop()
    return None


def group_of(key: str, prefix: str, delimiter: str) -> str | None:
    """The common prefix ``key`` rolls up into, or None when it is listed as an item."""
    if not delimiter or not key.startswith(prefix):
        return None
    idx = key.find(delimiter, len(prefix))
    if idx < 0:
        return None
    return key[: idx + len(delimiter)]


def list_page(
    rows_from: RowsFrom,
    to_item: Callable[[Row], T],
    *,
    prefix: str = "",
    delimiter: str = "",
    marker_key: str = "",
    limit: int = 1000,
) -> ListPage[T]:
    """One page of keys > ``marker_key`` under ``prefix``, rolled up at ``delimiter``.

    Rows are ``(bucket, key, ...)``. Items and common prefixes both count toward ``limit``. A
    marker that falls inside a common prefix means that prefix was already returned, so the
    whole group is skipped with one range query rather than by scanning its keys.
    """
    limit = max(1, limit)
    upper = successor(prefix) if prefix else None
    start: str | None = prefix
    inclusive = True
    if marker_key and marker_key >= prefix:
        group = group_of(marker_key, prefix, delimiter)
        if group is not None:
            start = successor(group)
        else:
            start, inclusive = marker_key, False
    items: list[T] = []
    prefixes: list[str] = []
    last = ""
    exhausted = start is None
    while not exhausted and start is not None and len(items) + len(prefixes) < limit:
        want = limit - len(items) - len(prefixes)
        restarted = False
        seen = 0
        for row in rows_from(start, inclusive, upper, want):
            seen += 1
            key = str(row[1])
            group = group_of(key, prefix, delimiter)
            if group is not None:
                prefixes.append(group)
                last = group
                start, inclusive = successor(group), True
                restarted = True
                break
            items.append(to_item(row))
            last = key
            start, inclusive = key, False
        if not restarted and seen < want:
            exhausted = True
    if start is None:
        exhausted = True
    if not exhausted and start is not None:
        exhausted = next(rows_from(start, inclusive, upper, 1), None) is None
    return ListPage(items, prefixes, "" if exhausted else last)
