"""Append 1,000,000 objects in pages of 1000 to ObjectsModel + QTableView (offscreen) and measure.

Prints per-page append times (mean, p99, max), total append time, RSS, time to scroll to the
bottom and a jump to the middle, then one JSON line with the figures.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/objects_model.py [ROWS]
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

from qfopgui.api.models import ListPage, ObjectInfo
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


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    page_size = 1000
    app = QApplication([])
    rss_start = rss_mb()
    model = ObjectsModel()
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
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
