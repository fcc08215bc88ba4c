"""HLS segments grouped under their playlist: the playlist row says "12 segments" instead of the
listing showing twelve `.ts` rows between the files.

A flat table of a million rows cannot nest rows cheaply, so segments are not rows at all: they
are counted in their playlist's row (the playlist lists them; Details and links work on it).
A `.ts` object is a segment of playlist P when a qfopgui job's answer named it as one of P's
segments, or when it is named `<P without .m3u8>-NNNNNN.ts` (how the sandbox and Qiniu name
segments without a `pattern`). It is grouped only once P itself is in the listing: segments of
a deleted playlist stay visible. A listing is in key order and `-` sorts before `.`, so the
segments of "a.m3u8" come first; those shown before their playlist arrived are handed back as
`late` so the model can take their rows away.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from itertools import compress, repeat
from typing import Protocol

from qfopgui.services.output_index import OutputMark

__all__ = ["OutputLookup", "SegmentGroups", "is_playlist"]

_SEGMENT_NAME = re.compile(r"(.+)-\d{5,6}\.ts", re.DOTALL)
_TS = (".ts", ".TS", ".Ts", ".tS")
_M3U8 = (".m3u8", ".M3U8")


class OutputLookup(Protocol):
    """What the Files listing reads from the output index (`BucketOutputs`)."""

    def mark(self, key: str) -> OutputMark | None: ...
    def __contains__(self, key: object) -> bool: ...
    def keys(self) -> Set[str]: ...


def is_playlist(key: str) -> bool:
    return key.endswith(_M3U8)


def _ending(keys: Sequence[str], ends: tuple[str, ...]) -> list[int]:
    """Indexes of the keys with one of these endings (C loops: a million keys in ~50 ms)."""
    return list(compress(range(len(keys)), map(str.endswith, keys, repeat(ends))))


def _playlist_of(key: str, outputs: OutputLookup | None) -> str:
    if not key.endswith(_TS):
        return ""
    mark = outputs.mark(key) if outputs is not None else None
    if mark is not None and mark.playlist:
        return mark.playlist
    m = _SEGMENT_NAME.fullmatch(key)
    return m[1] + ".m3u8" if m else ""


class SegmentGroups:
    """The segments of one listing, per playlist, as pages arrive."""

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}  # playlist key → segments grouped under it
        self._playlists: set[str] = set()  # playlists in the listing so far
        self._waiting: dict[str, list[int]] = {}  # playlist key → its segments shown for now

    def count(self, playlist: str) -> int:
        """Segments counted in this playlist's row (0 if it is not a playlist)."""
        return self._counts.get(playlist, 0)

    def join(self, key: str, outputs: OutputLookup | None) -> bool:
        """Count `key` in its playlist's row if it is a segment of a playlist listed so far."""
        playlist = _playlist_of(key, outputs)
        if not playlist or playlist not in self._playlists:
            return False
        self._counts[playlist] = self._counts.get(playlist, 0) + 1
        return True

    def add_page(
        self, start: int, keys: Sequence[str], outputs: OutputLookup | None
    ) -> tuple[list[int], list[int]]:
        """Keys of items `start`, `start + 1`… arrived: (segments among them, earlier items
        that are now known to be segments)."""
        playlists = {keys[n] for n in _ending(keys, _M3U8)}
        self._playlists |= playlists
        now: list[int] = []
        for n in _ending(keys, _TS):
            playlist = _playlist_of(keys[n], outputs)
            if not playlist:
                continue
            if playlist in self._playlists:
                now.append(start + n)
                self._counts[playlist] = self._counts.get(playlist, 0) + 1
            else:
                self._waiting.setdefault(playlist, []).append(start + n)
        late: list[int] = []
        for playlist in playlists:
            earlier = self._waiting.pop(playlist, None)
            if earlier:
                late.extend(earlier)
                self._counts[playlist] = self._counts.get(playlist, 0) + len(earlier)
        late.sort()
        return now, late
