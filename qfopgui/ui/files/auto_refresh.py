"""Jobs that finish show up in Files by themselves: their outputs are marked and the folder on
screen is reloaded when they wrote into it (no Refresh needed).

Connects the jobs service's events to the Files view: every changed job goes to the output
index (which marks what it made), and a job that wrote outputs asks the view to reload the
listing if the folder shown holds them (`FilesView.refresh_if_showing`: debounced, invisible).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from PySide6.QtCore import QObject

from qfopgui.core.jobs import JobRecord
from qfopgui.services.output_index import OutputIndex, outputs_of
from qfopgui.ui.jobs.job_events import JobEvents

__all__ = ["FilesAutoRefresh", "RefreshTarget"]


class RefreshTarget(Protocol):
    """What this needs from the Files view."""

    @property
    def outputs(self) -> OutputIndex: ...

    def refresh_if_showing(
        self, bucket: str, keys: Iterable[str], *, profile: str | None = None
    ) -> bool: ...


class FilesAutoRefresh(QObject):
    """Keep an instance referenced for as long as the window lives."""

    def __init__(
        self, files: RefreshTarget, events: JobEvents, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._files = files
        events.jobs_changed.connect(self.on_jobs_changed)

    def on_jobs_changed(self, records: Sequence[JobRecord]) -> None:
        self._files.outputs.note_jobs(records)
        written: dict[tuple[str, str], list[str]] = {}
        for record in records:
            keys = [key for key, _mark in outputs_of(record)]
            if keys:
                written.setdefault((record.profile, record.output_bucket), []).extend(keys)
        for (profile, bucket), keys in written.items():
            self._files.refresh_if_showing(bucket, keys, profile=profile)
