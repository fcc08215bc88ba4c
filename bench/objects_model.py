"""Append 1,000,000 objects in pages of 1000 to ObjectsModel + QTableView (offscreen) and measure.

A quarter of the objects are known outputs of qfopgui jobs (as `BucketOutputs` would say), so
every append also marks outputs. Prints per-page append times (mean, p99, max), total append
time, RSS, time to scroll to the bottom and a jump to the middle, the type filter, marking the
outputs again (outputs learnt late) and the Hide outputs filter, then one JSON line.

Floor, measured in the same run: Hide outputs must cost no more than twice the type filter
(+ 20 ms) — both are one reset over a C-speed scan; per-row Python work would be ~10x. The
script exits 1 when the floor is missed.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/objects_model.py [ROWS]
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import KeysView

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

from qfopgui.api.models import ListPage, ObjectInfo
from qfopgui.services.output_index import OutputMark
from qfopgui.ui.files.objects_model import Kind, ObjectsModel

MIMES = ("video/mp4", "image/jpeg", "audio/mpeg", "application/octet-stream")


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def make_page(n: int, start: int, last: bool) -> ListPage:
    items = tuple(
        ObjectInfo(
            key=f"videos/2024/{start + i:08d}.mp4",
            fsize=1_000_000 + i,
            hash="FmDZwqadA4-ib_15hYfQpb7UXUYR",
            mime_type=MIMES[(start + i) % 4],
            put_time=17_000_000_000_000_000 + i,
        )
        for i in range(n)
    )
    return ListPage(items, (), "" if last else f"m{start + n}")


def pump(app: QApplication) -> None:
    app.processEvents()


class Outputs:
    """Every 4th key is an output (a `BucketOutputs` stand-in: a dict lookup per key)."""

    def __init__(self, rows: int, start: int = 0) -> None:
        mark = OutputMark(1, "MP4 720p")
        self._marks = {f"videos/2024/{i:08d}.mp4": mark for i in range(start, rows, 4)}

    def mark(self, key: str) -> OutputMark | None:
        return self._marks.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self._marks

    def keys(self) -> KeysView[str]:
        return self._marks.keys()


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    page_size = 1000
    app = QApplication([])
    rss_start = rss_mb()
    model = ObjectsModel()
    model.set_outputs(Outputs(rows))
    view = QTableView()
    view.setModel(model)
    vh = view.verticalHeader()
    vh.setVisible(False)
    vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vh.setDefaultSectionSize(24)
    view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    view.resize(1000, 700)
    view.show()
    pump(app)
    times: list[float] = []
    make_total = 0.0
    for start in range(0, rows, page_size):
        t0 = time.perf_counter()
        page = make_page(page_size, start, start + page_size >= rows)
        t1 = time.perf_counter()
        model.append_page(page)
        pump(app)  # the view handles rowsInserted and repaints, as in the app
        t2 = time.perf_counter()
        make_total += t1 - t0
        times.append(t2 - t1)
        del page
    assert model.rowCount() == rows
    rss_loaded = rss_mb()
    t0 = time.perf_counter()
    view.scrollToBottom()
    pump(app)
    scroll_bottom = time.perf_counter() - t0
    t0 = time.perf_counter()
    view.selectRow(rows // 2)
    view.scrollTo(model.index(rows // 2, 0))
    pump(app)
    jump_middle = time.perf_counter() - t0
    t0 = time.perf_counter()
    model.set_type_filter(Kind.VIDEO)
    pump(app)
    filter_time = time.perf_counter() - t0
    shown = model.rowCount()
    model.set_type_filter(None)
    pump(app)
    t0 = time.perf_counter()
    model.set_outputs(Outputs(rows, start=1))  # the outputs read after the rows: mark all again
    pump(app)
    remark_time = time.perf_counter() - t0
    finished = [f"videos/2024/{i:08d}.mp4" for i in range(2, rows, rows // 100)]
    t0 = time.perf_counter()
    model.mark_outputs(finished)  # 100 jobs finished (job events): just their keys
    pump(app)
    mark_time = time.perf_counter() - t0
    model.set_outputs(Outputs(rows, start=1))
    t0 = time.perf_counter()
    model.set_hide_outputs(True)
    pump(app)
    hide_time = time.perf_counter() - t0
    shown_hiding, hidden = model.rowCount(), model.hidden_output_count
    t0 = time.perf_counter()
    model.set_type_filter(Kind.VIDEO)  # Video + Hide outputs
    pump(app)
    both_time = time.perf_counter() - t0
    shown_both = model.rowCount()
    assert shown_hiding == rows - rows // 4
    assert hidden == rows // 4
    floor_ms = 2 * filter_time * 1000 + 20
    times_ms = sorted(t * 1000 for t in times)
    result = {
        "rows": rows,
        "pages": len(times),
        "page_append_ms_mean": round(statistics.fmean(times_ms), 3),
        "page_append_ms_p99": round(times_ms[int(len(times_ms) * 0.99) - 1], 3),
        "page_append_ms_max": round(times_ms[-1], 3),
        "append_total_s": round(sum(times), 2),
        "building_pages_s": round(make_total, 2),
        "rss_start_mb": round(rss_start, 1),
        "rss_loaded_mb": round(rss_loaded, 1),
        "scroll_to_bottom_ms": round(scroll_bottom * 1000, 1),
        "jump_to_middle_ms": round(jump_middle * 1000, 1),
        "type_filter_ms": round(filter_time * 1000, 1),
        "rows_after_video_filter": shown,
        "remark_outputs_ms": round(remark_time * 1000, 1),
        "mark_100_outputs_ms": round(mark_time * 1000, 1),
        "hide_outputs_ms": round(hide_time * 1000, 1),
        "rows_after_hide_outputs": shown_hiding,
        "video_and_hide_outputs_ms": round(both_time * 1000, 1),
        "rows_after_video_and_hide_outputs": shown_both,
        "hide_outputs_floor_ms": round(floor_ms, 1),
    }
    print(
        f"appended {rows:,} rows in {len(times)} pages: {result['append_total_s']} s total, "
        f"{result['page_append_ms_mean']} ms/page mean, p99 {result['page_append_ms_p99']} ms, "
        f"max {result['page_append_ms_max']} ms"
    )
    print(f"RSS {result['rss_start_mb']} MB at start -> {result['rss_loaded_mb']} MB loaded")
    print(
        f"scroll to bottom {result['scroll_to_bottom_ms']} ms; "
        f"jump to middle {result['jump_to_middle_ms']} ms; "
        f"video filter {result['type_filter_ms']} ms"
    )
    print(
        f"re-mark outputs {result['remark_outputs_ms']} ms; mark 100 new outputs "
        f"{result['mark_100_outputs_ms']} ms; hide outputs "
        f"{result['hide_outputs_ms']} ms ({shown_hiding:,} rows, {hidden:,} hidden; floor "
        f"{result['hide_outputs_floor_ms']} ms); video + hide outputs "
        f"{result['video_and_hide_outputs_ms']} ms ({shown_both:,} rows)"
    )
    print(json.dumps(result))
    if hide_time * 1000 > floor_ms or both_time * 1000 > floor_ms:
        print("FAIL: Hide outputs costs more than twice the type filter", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
