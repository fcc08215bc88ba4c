"""The Transfers table model: values per column, merged updates, removal, counts, scale."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt

from qfopgui.services.upload_types import Transfer, TransferState
from qfopgui.ui.uploads.transfers_model import Column, ProgressRole, TransfersModel

pytestmark = pytest.mark.gui

MB = 1024 * 1024


def tr(i: int, **kw: Any) -> Transfer:
    base = Transfer(
        id=i,
        profile="demo",
        bucket="media",
        key=f"videos/clips/clip-{i}.mp4",
        path=f"/home/me/clips/clip-{i}.mp4",
        size=10 * MB,
        sent=0,
        state=TransferState.QUEUED,
    )
    return replace(base, **kw)


def texts(model: TransfersModel, row: int) -> list[str]:
    return [model.index(row, c).data() for c in Column]


def test_columns_say_name_folder_size_progress_speed_time_left_and_state(
    qtmodeltester: Any,
) -> None:
    m = TransfersModel()
    m.apply(
        [
            tr(1, state=TransferState.UPLOADING, sent=5 * MB, speed=1 * MB),
            tr(2, state=TransferState.FAILED, sent=2 * MB, error="The network went away."),
            tr(3, state=TransferState.DONE, sent=10 * MB),
            tr(4, state=TransferState.SKIPPED, key="top.mp4"),
        ]
    )
    qtmodeltester.check(m)
    assert texts(m, 0) == [
        "clip-1.mp4",
        "media / videos/clips/",
        "10 MB",
        "50%",
        "1.0 MB/s",
        "about 5 s",
        "Uploading",
    ]
    assert texts(m, 1)[3:] == ["20%", "", "", "Failed"]
    assert m.index(1, Column.STATE).data(Qt.ItemDataRole.ToolTipRole) == "The network went away."
    assert m.index(2, Column.PROGRESS).data(ProgressRole) == 1.0
    assert texts(m, 3)[:2] == ["top.mp4", "media"]
    assert m.index(3, Column.PROGRESS).data(ProgressRole) == -1.0  # no bar for a skipped file
    assert "/home/me/clips/clip-1.mp4" in m.index(0, Column.NAME).data(Qt.ItemDataRole.ToolTipRole)


def test_updates_change_rows_in_place_in_merged_ranges() -> None:
    m = TransfersModel()
    m.apply([tr(i) for i in range(1, 11)])
    ranges: list[tuple[int, int]] = []
    m.dataChanged.connect(lambda a, b, *_: ranges.append((a.row(), b.row())))
    inserted: list[tuple[int, int]] = []
    m.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    m.modelReset.connect(lambda: pytest.fail("an update must never reset the model"))
    m.apply([tr(i, state=TransferState.UPLOADING, sent=i) for i in (2, 3, 4, 8)] + [tr(11), tr(12)])
    assert ranges == [(1, 3), (7, 7)]
    assert inserted == [(10, 11)]
    assert m.get(3).sent == 3  # type: ignore[union-attr]
    assert m.count(TransferState.UPLOADING) == 4
    assert m.count(TransferState.QUEUED) == 8
    assert m.active_count() == 12


def test_removing_keeps_the_index_and_counts_right() -> None:
    m = TransfersModel()
    m.apply([tr(i, state=TransferState.DONE if i % 2 else TransferState.QUEUED) for i in range(10)])
    assert m.remove_ids([1, 3, 4, 99]) == 3
    assert [t.id for t in m.transfers()] == [0, 2, 5, 6, 7, 8, 9]
    assert m.row_of(9) == 6
    assert m.get(5) is not None
    assert m.get(5).id == 5  # type: ignore[union-attr]
    assert m.count(TransferState.DONE) == 3
    assert m.count(TransferState.QUEUED) == 4


def test_clearing_many_scattered_rows_is_one_reset_of_100k_rows() -> None:
    """100,000 transfers: rows are values (no widgets); clearing every other one resets once."""
    m = TransfersModel()
    m.set_transfers(
        [
            tr(i, state=TransferState.DONE if i % 2 else TransferState.UPLOADING)
            for i in range(100_000)
        ]
    )
    assert m.rowCount() == 100_000
    resets: list[int] = []
    m.modelReset.connect(lambda: resets.append(1))
    removed: list[int] = []
    m.rowsRemoved.connect(lambda *_a: removed.append(1))
    m.remove_ids(range(1, 100_000, 2))
    assert (resets, removed) == ([1], [])
    assert m.rowCount() == 50_000
    assert m.row_of(99_998) == 49_999
    assert m.count(TransferState.DONE) == 0
    assert m.active_count() == 50_000
