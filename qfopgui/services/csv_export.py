"""Jobs → CSV for weekly reports and billing questions (opens in Excel and LibreOffice).

UTF-8 with a byte-order mark, so Excel shows Chinese file names correctly; ISO-8601 local times.

File names and server texts come from outside, so every cell is made safe before it is written:

* A cell starting with ``=``, ``+``, ``-``, ``@``, TAB or CR gets a leading ``'`` so a
  spreadsheet shows it as text instead of running it as a formula (OWASP "CSV injection").
* Lone surrogates (what ``os.fsdecode`` makes of bytes that are not UTF-8) are written as
  ``\\udcff``-style escapes, and control characters other than TAB, LF and CR as ``\\x1b``-style
  escapes: the file stays valid UTF-8 with nothing a reader or terminal could trip over, and
  different bad bytes stay distinguishable. LF, CR and TAB inside a cell are kept; the csv
  module quotes such cells.

A failed write raises ``CsvExportError`` and leaves no partial file behind.
"""

from __future__ import annotations

import contextlib
import csv
import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from qfopgui.core.jobs import JobRecord

HEADER = (
    "job_id",
    "local_id",
    "state",
    "bucket",
    "file",
    "presets",
    "outputs",
    "output_bucket",
    "pipeline",
    "submitted",
    "finished",
    "took_seconds",
    "error",
    "batch",
    "retry_of",
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
WRITE_FAILED = "Could not write {path}: {reason}"


class CsvExportError(Exception):
    """The CSV file could not be written. ``message`` is a sentence for people;
    ``template``/``params`` allow translating it."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        self.template = WRITE_FAILED
        self.params = {"path": str(path), "reason": reason}
        self.message = WRITE_FAILED.format(**self.params)
        super().__init__(self.message)


def safe_cell(text: str) -> str:
    """``text`` as it is written to a cell (see the module docstring)."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    text = _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _iso(ts: float | None) -> str:
    return (
        "" if ts is None else datetime.fromtimestamp(ts).astimezone().isoformat(timespec="seconds")
    )


def job_row(r: JobRecord) -> list[str]:
    """One record as the cells written for it (each through ``safe_cell``)."""
    cells = [
        r.persistent_id or "",
        str(r.id),
        r.state.value,
        r.bucket,
        r.key,
        " | ".join(dict.fromkeys(r.presets)),
        " | ".join(r.outputs),
        r.output_bucket,
        r.pipeline,
        _iso(r.submitted_at),
        _iso(r.finished_at),
        "" if r.duration is None else f"{r.duration:.0f}",
        r.error,
        r.batch_id,
        "" if r.retry_of is None else str(r.retry_of),
    ]
    return [safe_cell(cell) for cell in cells]


def export_jobs_csv(path: Path, records: Iterable[JobRecord]) -> int:
    """Write the records; returns how many rows were written. Blocking: run in an executor.

    The rows go to ``<name>.part`` first and replace ``path`` only when complete.
    """
    n = 0
    tmp = path.with_name(path.name + ".part")
    try:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADER)
            for r in records:
                writer.writerow(job_row(r))
                n += 1
        tmp.replace(path)
    except OSError as exc:
        _discard(tmp)
        raise CsvExportError(path, exc.strerror or str(exc)) from exc
    except BaseException:
        _discard(tmp)
        raise
    return n


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink(missing_ok=True)
