"""Which objects of a listing are rows: the type chips, "Hide outputs" and grouped HLS segments.

Each object has one class byte: its kind (low 3 bits), OUTPUT when a qfopgui job made it and
SEGMENT when it is an HLS segment counted in its playlist's row. A filter is a 256-byte table
(class → shown?), so the shown rows of a million objects are found with `bytes.translate` and
`itertools.compress` in C, never with Python work per object; painting only reads arrays.
"""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import compress

from qfopgui.ui.files.object_kinds import Kind

__all__ = [
    "KIND_MASK",
    "OUTPUT",
    "SEGMENT",
    "ClassCounts",
    "ListingFilter",
    "kind_of_class",
    "kinds_only",
    "shown_items",
]

KIND_MASK = 0x07
OUTPUT = 0x08  # made by a qfopgui job
SEGMENT = 0x10  # an HLS segment shown as a count in its playlist's row, never as a row
_KIND_ONLY = bytes(c & KIND_MASK for c in range(256))


def kind_of_class(cls: int) -> Kind:
    return Kind(cls & KIND_MASK)


@dataclass(frozen=True)
class ListingFilter:
    """What the chips ask for: one kind (None = all) and whether outputs are hidden."""

    kind: Kind | None = None
    hide_outputs: bool = False

    def shows(self, cls: int) -> bool:
        if cls & SEGMENT:
            return False
        if self.hide_outputs and cls & OUTPUT:
            return False
        return self.kind is None or cls & KIND_MASK == self.kind

    @property
    def table(self) -> bytes:
        """class → b"\\x01" shown / b"\\x00" hidden, for `bytes.translate`."""
        return _table(self)

    def hidden_outputs(self, counts: ClassCounts) -> int:
        """Objects of the chosen kind not shown only because they are outputs."""
        if not self.hide_outputs:
            return 0
        shown_if_kept = ListingFilter(self.kind, hide_outputs=False)
        return sum(
            n
            for cls, n in counts.items()
            if cls & OUTPUT and not self.shows(cls) and shown_if_kept.shows(cls)
        )


@cache
def _table(f: ListingFilter) -> bytes:
    return bytes(int(f.shows(c)) for c in range(256))


def shown_items(classes: bytearray, start: int, stop: int, table: bytes) -> array[int]:
    """Indexes in [start, stop) whose class the table shows, in order (C loops only)."""
    mask = classes[start:stop].translate(table)
    return array("l", compress(range(start, stop), mask))


def kinds_only(classes: bytearray) -> bytearray:
    """The classes with the OUTPUT/SEGMENT bits cleared."""
    return classes.translate(_KIND_ONLY)


class ClassCounts:
    """How many objects have each class, kept up to date so counting hidden rows is O(1)."""

    def __init__(self, classes: bytes | bytearray = b"") -> None:
        self._n = [0] * 256
        self.add(classes)

    def add(self, classes: bytes | bytearray) -> None:
        for cls, n in Counter(classes).items():
            self._n[cls] += n

    def change(self, old: int, new: int) -> None:
        self._n[old] -= 1
        self._n[new] += 1

    def items(self) -> list[tuple[int, int]]:
        return [(cls, n) for cls, n in enumerate(self._n) if n]
