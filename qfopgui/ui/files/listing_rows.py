"""The objects of one listing as compact arrays, and which of them are rows right now.

Kept apart from the Qt model: this part stores pages, marks outputs and groups HLS segments
(plain Python and C-speed tables, no Qt); `ObjectsModel` turns its answers into row signals.
Per object: key, mime (interned), size, put time and one class byte (`listing_filter`).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence

from qfopgui.api.models import ObjectInfo
from qfopgui.services.output_index import OutputMark
from qfopgui.ui.files.hls_groups import OutputLookup, SegmentGroups
from qfopgui.ui.files.listing_filter import (
    OUTPUT,
    SEGMENT,
    ClassCounts,
    ListingFilter,
    kind_of_class,
    kinds_only,
    shown_items,
)
from qfopgui.ui.files.object_kinds import Kind, kind_of

__all__ = ["ListingRows", "runs"]


class ListingRows:
    """Folders first, then the objects; `visible` lists the objects that are rows, in order."""

    def __init__(self, outputs: OutputLookup | None, listing_filter: ListingFilter) -> None:
        self.folders: list[str] = []
        self.keys: list[str] = []
        self.sizes = array("q")
        self.times = array("q")
        self.mimes: list[str] = []
        self.classes = bytearray()  # kind | OUTPUT | SEGMENT per object
        self.counts = ClassCounts()
        self.visible = array("l")
        self.filter = listing_filter
        self.outputs = outputs
        self.groups = SegmentGroups()
        self._mime_pool: dict[str, str] = {}

    @property
    def row_count(self) -> int:
        return len(self.folders) + len(self.visible)

    # -- adding ------------------------------------------------------------------------------
    def new_folders(self, prefixes: Sequence[str]) -> list[str]:
        known = set(self.folders) if prefixes else ()
        return [p for p in prefixes if p not in known]

    def store(self, items: Sequence[ObjectInfo]) -> tuple[array[int], list[int]]:
        """Keep these objects; returns (indexes of the new ones that are rows, earlier objects
        that turned out to be HLS segments of a playlist in this page)."""
        start = len(self.keys)
        pool, outputs = self._mime_pool, self.outputs
        classes = bytearray()
        for it in items:
            mime = pool.setdefault(it.mime_type, it.mime_type)
            self.keys.append(it.key)
            self.mimes.append(mime)
            self.sizes.append(it.fsize)
            self.times.append(it.put_time)
            output = OUTPUT if outputs is not None and it.key in outputs else 0
            classes.append(kind_of(it.key, mime) | output)
        now, late = self.groups.add_page(start, self.keys[start:], outputs)
        for i in now:
            classes[i - start] |= SEGMENT
        self.classes.extend(classes)
        self.counts.add(classes)
        return shown_items(self.classes, start, len(self.keys), self.filter.table), late

    def group_late(self, items: Iterable[int]) -> list[tuple[int, int]]:
        """Mark these objects as segments; returns the runs of `visible` positions to drop."""
        items = list(items)
        for i in items:
            self._set_class(i, self.classes[i] | SEGMENT)
        return runs(self.positions_of(items))

    def mark_keys(self, keys: Iterable[str]) -> list[int]:
        """These keys became outputs: mark the loaded ones; returns their indexes, in order.

        A listing is in key order, so each key is found by bisection (O(log n), no scan).
        """
        found: list[int] = []
        for key in keys:
            i = bisect_left(self.keys, key)
            if i < len(self.keys) and self.keys[i] == key:
                self._set_class(i, self.classes[i] | OUTPUT)
                found.append(i)
        return sorted(found)

    def positions_of(self, items: Iterable[int]) -> list[int]:
        """Where in `visible` these objects are (those that are rows), in order."""
        visible, out = self.visible, []
        for i in items:
            pos = bisect_left(visible, i)
            if pos < len(visible) and visible[pos] == i:
                out.append(pos)
        return sorted(out)

    def _set_class(self, i: int, cls: int) -> None:
        old = self.classes[i]
        if old != cls:
            self.classes[i] = cls
            self.counts.change(old, cls)

    # -- filters and marks -------------------------------------------------------------------
    def shown_for(self, listing_filter: ListingFilter) -> array[int]:
        return shown_items(self.classes, 0, len(self.keys), listing_filter.table)

    def remarked(self, outputs: OutputLookup | None) -> tuple[bytearray, SegmentGroups]:
        """The classes and segment groups these objects have with other outputs known."""
        classes = kinds_only(self.classes)
        n = len(classes)
        if outputs is not None and n:
            # C loops only: one 0/1 byte per object, times OUTPUT, or-ed in as one big integer
            # (kinds use the low 3 bits, so no byte carries into the next one)
            known = bytes(map(outputs.keys().__contains__, self.keys))
            marked = int.from_bytes(classes, "big") | int.from_bytes(known, "big") * OUTPUT
            classes = bytearray(marked.to_bytes(n, "big"))
        groups = SegmentGroups()
        for i in groups.add_page(0, self.keys, outputs)[0]:
            classes[i] |= SEGMENT
        return classes, groups

    def adopt_segments(self, items: Iterable[int]) -> int:
        """Those of these objects that are segments of a listed playlist stop being rows."""
        n = 0
        for i in items:
            cls = self.classes[i]
            if not cls & SEGMENT and self.groups.join(self.keys[i], self.outputs):
                self._set_class(i, cls | SEGMENT)
                n += 1
        return n

    # -- reading -----------------------------------------------------------------------------
    def item_index(self, row: int) -> int:
        """Row → position in the item arrays, or -1 for a folder row."""
        i = row - len(self.folders)
        return -1 if i < 0 else self.visible[i]

    def kind(self, i: int) -> Kind:
        return kind_of_class(self.classes[i])

    def is_output(self, i: int) -> bool:
        return bool(self.classes[i] & OUTPUT)

    def mark(self, i: int) -> OutputMark | None:
        if not self.classes[i] & OUTPUT or self.outputs is None:
            return None
        return self.outputs.mark(self.keys[i])

    def rows_of(self, keys: Iterable[str]) -> dict[str, int]:
        """Key → row of those keys that are rows now (one pass over the rows)."""
        wanted = set(keys)
        found = {f: r for r, f in enumerate(self.folders) if f in wanted}
        offset, all_keys = len(self.folders), self.keys
        for pos, i in enumerate(self.visible):
            if all_keys[i] in wanted:
                found[all_keys[i]] = offset + pos
        return found


def runs(positions: list[int]) -> list[tuple[int, int]]:
    """Sorted positions as (first, last) runs of consecutive numbers."""
    out: list[tuple[int, int]] = []
    for p in sorted(positions):
        if out and p == out[-1][1] + 1:
            out[-1] = (out[-1][0], p)
        else:
            out.append((p, p))
    return out
