"""JobsModel / JobsFilter: Qt model contract, coalesced batched updates, filters."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt

from qfopgui.core.jobs import JobState
from qfopgui.ui.human_readable import human_duration
from qfopgui.ui.jobs.jobs_filter import Chip, JobsFilter, chip_counts
from qfopgui.ui.jobs.jobs_model import Column, JobRole, JobsModel, ranges
from tests.gui.jobs.conftest import make_record


def _records(n: int, **kw: Any) -> list[Any]:
    return [make_record(id=i + 1, **kw) for i in range(n)]


def test_model_passes_qtmodeltester(qapp: Any, qtmodeltester: Any) -> None:
    model = JobsModel()
    states = list(JobState)
    model.set_records([make_record(id=i + 1, state=states[i % len(states)]) for i in range(30)])
    qtmodeltester.check(model)
    proxy = JobsFilter()
    proxy.setSourceModel(model)
    proxy.set_chip(Chip.ACTIVE)
    qtmodeltester.check(proxy)


def test_status_column_shows_icon_and_word_not_colour_alone(qapp: Any) -> None:
    model = JobsModel()
    model.set_records([make_record(id=1, state=JobState.NOTIFY_FAILED)])
    idx = model.index(0, Column.STATUS)
    assert idx.data() == "Notify failed"
    assert not idx.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert idx.data(JobRole).id == 1


def test_ranges_coalesce_contiguous_rows() -> None:
    assert ranges([5, 1, 2, 3, 7, 8]) == [(1, 3), (5, 5), (7, 8)]
    assert ranges([]) == []


def test_ten_thousand_updates_make_few_datachanged_ranges_and_no_reset(qapp: Any) -> None:
    """Guards the "10,000 active jobs freeze the table" problem: one range per run of rows."""
    model = JobsModel()
    model.set_records(_records(10_000))
    changed: list[tuple[int, int]] = []
    resets: list[int] = []
    model.dataChanged.connect(lambda a, b, *_: changed.append((a.row(), b.row())))
    model.modelReset.connect(lambda: resets.append(1))
    updated = [replace(r, state=JobState.PROCESSING) for r in model.records()]
    updated.reverse()  # order of the batch must not matter
    t0 = time.perf_counter()
    assert model.apply(updated) == (10_000, 0)
    elapsed = time.perf_counter() - t0
    assert changed == [(0, 9_999)]
    assert not resets
    assert all(r.state is JobState.PROCESSING for r in model.records())
    # two runs with a gap → two ranges
    changed.clear()
    rows = (*range(10), *range(20, 30))
    model.apply([replace(model.record(i), state=JobState.DONE) for i in rows])
    assert changed == [(0, 9), (20, 29)]
    assert elapsed < 2.0, f"applying 10,000 updates took {elapsed:.2f} s"


def test_new_records_are_inserted_in_one_go(qapp: Any) -> None:
    model = JobsModel()
    model.set_records(_records(3))
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    new = [make_record(id=100 + i) for i in range(5)]
    assert model.apply([*new, replace(model.record(0), state=JobState.DONE)]) == (1, 5)
    assert inserted == [(3, 7)]
    assert model.row_of(104) == 7
    assert model.get(1).state is JobState.DONE


def test_remove_ids_keeps_the_index_right(qapp: Any) -> None:
    model = JobsModel()
    model.set_records(_records(10))
    removed: list[tuple[int, int]] = []
    model.rowsRemoved.connect(lambda _p, a, b: removed.append((a, b)))
    assert model.remove_ids([2, 3, 4, 9, 999]) == 4
    assert removed == [(8, 8), (1, 3)]
    assert [r.id for r in model.records()] == [1, 5, 6, 7, 8, 10]
    assert all(model.row_of(r.id) == i for i, r in enumerate(model.records()))


def _shown(proxy: JobsFilter) -> set[int]:
    return {proxy.index(r, 0).data(JobRole).id for r in range(proxy.rowCount())}


def test_filters_by_chip_pipeline_batch_and_text(qapp: Any) -> None:
    model = JobsModel()
    model.set_records(
        [
            make_record(id=1, state=JobState.WAITING, pipeline="video", batch_id="a"),
            make_record(id=2, state=JobState.DONE, pipeline="", batch_id="a", key="x/holiday.mov"),
            make_record(id=3, state=JobState.FAILED, pipeline="video", batch_id="b"),
            make_record(id=4, state=JobState.NOTIFY_FAILED, pipeline="audio", batch_id="b"),
            make_record(
                id=5, state=JobState.UNRESOLVED, pipeline="video", batch_id="c", persistent_id=None
            ),
        ]
    )
    proxy = JobsFilter()
    proxy.setSourceModel(model)
    assert _shown(proxy) == {1, 2, 3, 4, 5}
    proxy.set_chip(Chip.ACTIVE)
    assert _shown(proxy) == {1}
    proxy.set_chip(Chip.DONE)
    assert _shown(proxy) == {2, 4}
    proxy.set_chip(Chip.FAILED)
    assert _shown(proxy) == {3}
    proxy.set_chip(Chip.UNRESOLVED)
    assert _shown(proxy) == {5}
    proxy.set_chip(Chip.ALL)
    proxy.set_pipeline("")
    assert _shown(proxy) == {2}
    proxy.set_pipeline(None)
    proxy.set_batch("b")
    assert _shown(proxy) == {3, 4}
    proxy.set_batch("")
    proxy.set_text("HOLIDAY")
    assert _shown(proxy) == {2}
    proxy.set_text("z0.pid3")
    assert _shown(proxy) == {3}
    counts = chip_counts(model.records())
    assert counts == {Chip.ALL: 5, Chip.ACTIVE: 1, Chip.DONE: 2, Chip.FAILED: 1, Chip.UNRESOLVED: 1}


def test_filter_follows_live_updates(qapp: Any) -> None:
    model = JobsModel()
    model.set_records(_records(4))
    proxy = JobsFilter()
    proxy.setSourceModel(model)
    proxy.set_chip(Chip.FAILED)
    assert proxy.rowCount() == 0
    model.apply([replace(model.record(1), state=JobState.FAILED)])
    assert _shown(proxy) == {2}


def test_newest_first_sorting(qapp: Any) -> None:
    model = JobsModel()
    model.set_records(_records(5))
    proxy = JobsFilter()
    proxy.setSourceModel(model)
    proxy.sort(Column.SUBMITTED, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 0).data(JobRole).id for r in range(5)] == [5, 4, 3, 2, 1]


def test_open_failures_skip_retried_jobs() -> None:
    from qfopgui.core.job_rules import open_failures

    a = make_record(id=1, state=JobState.FAILED)
    b = make_record(id=2, state=JobState.FAILED)
    retry = make_record(id=3, state=JobState.WAITING, retry_of=1)
    assert [r.id for r in open_failures([a, b, retry])] == [2]


def test_failed_chip_and_retry_all_agree_when_a_failure_was_retried(qapp: Any) -> None:
    """The Failed chip said 3 while "Retry all failed" said 2: a retried failure is superseded."""
    from qfopgui.core.job_rules import open_failures

    records = [
        make_record(id=1, state=JobState.FAILED),
        make_record(id=2, state=JobState.FAILED),
        make_record(id=3, state=JobState.FAILED, retry_of=1),
        make_record(id=4, state=JobState.FAILED),
    ]
    model = JobsModel()
    model.set_records(records)
    proxy = JobsFilter()
    proxy.setSourceModel(model)
    proxy.set_chip(Chip.FAILED)
    assert chip_counts(records)[Chip.FAILED] == len(open_failures(records)) == 3
    assert _shown(proxy) == {2, 3, 4}  # the chip shows exactly what it counts
    model.apply([make_record(id=5, state=JobState.WAITING, retry_of=4)])
    assert _shown(proxy) == {2, 3}
    assert chip_counts(model.records())[Chip.FAILED] == 2


def test_a_job_that_finished_while_the_app_was_closed_shows_no_invented_duration(
    qapp: Any,
) -> None:
    """ "Took" included the hours the app was closed; now it says what is known."""
    rec = make_record(
        id=1,
        state=JobState.DONE,
        submitted_at=1000.0,
        finished_at=1000.0 + 3 * 3600,
        last_seen_active_at=1000.0 + 90,
        finished_while_closed=True,
    )
    normal = make_record(id=2, state=JobState.DONE, submitted_at=1000.0, finished_at=1042.0)
    model = JobsModel()
    model.set_records([rec, normal])
    took = model.index(0, Column.TOOK)
    assert took.data() == "≥ " + human_duration(90.0)  # what is known: it ran at least that
    assert "3 h" not in took.data()
    assert "closed" in took.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1, Column.TOOK).data() == human_duration(42.0)
