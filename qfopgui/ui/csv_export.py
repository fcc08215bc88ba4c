"""Jobs → CSV for weekly reports and billing questions (opens in Excel and LibreOffice).

UTF-8 with a byte-order mark, so Excel shows Chinese file names correctly; ISO-8601 local times.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from qfopgui.core.jobs import JobRecord

HEADER = (
    "job_id", "local_id", "state", "bucket", "file", "presets", "outputs", "output_bucket",
    "pipeline", "submitted", "finished", "took_seconds", "error", "batch", "retry_of",
)  # fmt: skip


def _iso(ts: float | None) -> str:
    return "" if ts is None else datetime.fromtimestamp(ts).astimezone().isoformat(
        timespec="seconds")  # fmt: skip


def job_row(r: JobRecord) -> list[str]:
    return [
        r.persistent_id or "", str(r.id), r.state.value, r.bucket, r.key,
        " | ".join(dict.fromkeys(r.presets)), " | ".join(r.outputs), r.output_bucket, r.pipeline,
        _iso(r.submitted_at), _iso(r.finished_at),
        "" if r.duration is None else f"{r.duration:.0f}", r.error, r.batch_id,
        "" if r.retry_of is None else str(r.retry_of),
    ]  # fmt: skip


def export_jobs_csv(path: Path, records: Iterable[JobRecord]) -> int:
    """Write the records; returns how many rows were written. Blocking: run in an executor."""
    n = 0
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for r in records:
            writer.writerow(job_row(r))
            n += 1
    tmp.replace(path)
    return n
