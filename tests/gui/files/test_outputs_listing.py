"""The Files listing keeps outputs and sources apart (issue: outputs made by qfopgui carry a
mark and a filter; HLS segments are grouped under their playlist) — model level."""

from __future__ import annotations

from collections.abc import KeysView
from typing import Any

import pytest
from PySide6.QtCore import Qt

from qfopgui.api.models import ListPage
from qfopgui.services.output_index import OutputMark
from qfopgui.ui.files.objects_model import BADGE_ROLE, Column, Kind, ObjectsModel
from tests.gui.appfakes import obj

pytestmark = pytest.mark.gui


class Outputs:
    """A `BucketOutputs` stand-in: key → mark."""

    def __init__(self, marks: dict[str, OutputMark]) -> None:
        self.marks = marks

    def mark(self, key: str) -> OutputMark | None:
        return self.marks.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self.marks

    def keys(self) -> KeysView[str]:
        return self.marks.keys()


def page(keys: list[str], marker: str = "") -> ListPage:
    return ListPage(tuple(obj(k) for k in keys), (), marker)


def keys(m: ObjectsModel) -> list[str]:
    return [m.key_at(r) for r in range(m.rowCount())]


SOURCES = ["v/a.mp4", "v/b.mp4", "v/cover.png"]
MADE = {
    "v/a_720p.mp4": OutputMark(12, "MP4 720p"),
    "v/a_thumb.jpg": OutputMark(12, "JPG thumbnail"),
}


def loaded(outputs: Outputs | None = None) -> ObjectsModel:
    m = ObjectsModel()
    m.set_source(None, base="v/")
    m.set_outputs(outputs)
    m.append_page(page(sorted([*SOURCES, *MADE])))
    return m


def test_outputs_are_marked_and_hidden_with_the_type_chips(qtmodeltester: Any) -> None:
    m = loaded(Outputs(MADE))
    qtmodeltester.check(m)
    row = keys(m).index("v/a_720p.mp4")
    name = m.index(row, Column.NAME)
    assert m.data(name, BADGE_ROLE) == "output"
    assert m.data(name, Qt.ItemDataRole.ToolTipRole) == (
        "v/a_720p.mp4\nMade by qfopgui job #12 (MP4 720p)"
    )
    assert m.data(m.index(keys(m).index("v/a.mp4"), Column.NAME), BADGE_ROLE) == ""
    assert m.type_text_at(row) == "MP4 video"
    m.set_hide_outputs(True)
    qtmodeltester.check(m)
    assert keys(m) == SOURCES
    assert m.hidden_output_count == 2
    m.set_type_filter(Kind.VIDEO)  # Video + Hide outputs: only the source videos
    assert keys(m) == ["v/a.mp4", "v/b.mp4"]
    assert m.hidden_output_count == 1  # the thumbnail is not a video: not hidden "as output"
    m.set_hide_outputs(False)
    assert keys(m) == ["v/a.mp4", "v/a_720p.mp4", "v/b.mp4"]
    assert m.hidden_output_count == 0


def test_outputs_learnt_late_are_marked_without_losing_rows_when_shown() -> None:
    m = loaded(None)
    resets: list[int] = []
    changed: list[int] = []
    m.modelReset.connect(lambda: resets.append(1))
    m.dataChanged.connect(lambda *_a: changed.append(1))
    assert m.set_outputs(Outputs(MADE)) is False  # same rows, only marks repainted
    assert resets == []
    assert changed
    assert m.output_mark_at(keys(m).index("v/a_thumb.jpg")) == MADE["v/a_thumb.jpg"]
    m.set_outputs(None)
    m.set_hide_outputs(True)
    assert m.set_outputs(Outputs(MADE)) is True  # with Hide outputs on: rows go (one reset)
    assert keys(m) == SOURCES


def test_hls_segments_are_counted_in_their_playlist_row(qtmodeltester: Any) -> None:
    segs = [f"v/a-{n:06d}.ts" for n in range(12)]
    m = ObjectsModel()
    m.set_source(None, base="v/")
    m.append_page(page([*segs, "v/a.m3u8", "v/lonely-000000.ts", "v/x.ts"]))
    qtmodeltester.check(m)
    assert keys(m) == ["v/a.m3u8", "v/lonely-000000.ts", "v/x.ts"]  # no playlist: shown
    name = m.index(0, Column.NAME)
    assert m.data(name, BADGE_ROLE) == "12 segments"
    assert m.segment_count_at(0) == 12
    assert "12 segments" in m.data(name, Qt.ItemDataRole.ToolTipRole)


def test_segments_listed_before_their_playlist_leave_when_it_arrives(qtmodeltester: Any) -> None:
    """A page boundary between the segments and the playlist ("-" sorts before ".")."""
    m = ObjectsModel()
    m.set_source(None)
    removed: list[tuple[int, int]] = []
    m.rowsRemoved.connect(lambda _p, a, b: removed.append((a, b)))
    m.append_page(page(["a-000000.ts", "a-000001.ts"], marker="m1"))
    assert keys(m) == ["a-000000.ts", "a-000001.ts"]
    m.append_page(page(["a-000002.ts", "a.m3u8", "b.mp4"]))
    qtmodeltester.check(m)
    assert keys(m) == ["a.m3u8", "b.mp4"]
    assert removed == [(0, 1)]  # one removal for the run, no reset
    assert m.segment_count_at(0) == 3


def test_segments_named_by_a_job_are_grouped_whatever_their_names() -> None:
    playlist = "v/show.m3u8"
    made = {
        playlist: OutputMark(3, "HLS 720p"),
        "v/seg/qiniu000000": OutputMark(3, "HLS 720p", playlist=playlist),
        "v/q000001.ts": OutputMark(3, "HLS 720p", playlist=playlist),
    }
    m = ObjectsModel()
    m.set_source(None, base="v/")
    m.set_outputs(Outputs(made))
    m.append_page(page(["v/q000001.ts", playlist]))
    assert keys(m) == [playlist]
    assert m.data(m.index(0, Column.NAME), BADGE_ROLE) == "output · 1 segment"


def test_outputs_of_a_finished_job_are_marked_without_a_reset(qtmodeltester: Any) -> None:
    """Job events mark keys one by one (bisection), never a scan and reset of the listing."""
    outputs = Outputs(dict(MADE))
    m = loaded(outputs)
    m.set_hide_outputs(True)
    resets: list[int] = []
    removed: list[tuple[int, int]] = []
    m.modelReset.connect(lambda: resets.append(1))
    m.rowsRemoved.connect(lambda _p, a, b: removed.append((a, b)))
    outputs.marks["v/b.mp4"] = OutputMark(14, "MP4 480p")  # made again by a forced job
    m.mark_outputs(["v/not-listed.mp4", "v/b.mp4"])
    qtmodeltester.check(m)
    assert keys(m) == ["v/a.mp4", "v/cover.png"]
    assert removed == [(1, 1)]
    assert resets == []
    assert m.hidden_output_count == 3
    m.set_hide_outputs(False)
    changed: list[tuple[int, int]] = []
    m.dataChanged.connect(lambda a, b, *_r: changed.append((a.row(), b.row())))
    outputs.marks["v/cover.png"] = OutputMark(15, "Poster")
    m.mark_outputs(["v/cover.png"])
    row = keys(m).index("v/cover.png")
    assert changed == [(row, row)]
    assert m.data(m.index(row, Column.NAME), BADGE_ROLE) == "output"


def test_segments_a_finished_hls_job_names_join_their_listed_playlist() -> None:
    playlist = "v/show.m3u8"
    outputs = Outputs({})
    m = ObjectsModel()
    m.set_source(None, base="v/")
    m.set_outputs(outputs)
    m.append_page(page(["v/q000000.ts", "v/q000001.ts", playlist, "v/z.mp4"]))
    assert keys(m) == ["v/q000000.ts", "v/q000001.ts", playlist, "v/z.mp4"]
    for key in ("v/q000000.ts", "v/q000001.ts"):
        outputs.marks[key] = OutputMark(3, "HLS 720p", playlist=playlist)
    outputs.marks[playlist] = OutputMark(3, "HLS 720p")
    m.mark_outputs(outputs.marks)
    assert keys(m) == [playlist, "v/z.mp4"]
    assert m.data(m.index(0, Column.NAME), BADGE_ROLE) == "output · 2 segments"
