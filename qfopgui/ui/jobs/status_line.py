"""The Jobs section of the status bar: how many jobs are watched, when the next check is, and
how many failed today (open failures only: a failure retried since does not count)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from qfopgui.core.job_rules import open_failures
from qfopgui.services.jobs import JobsService
from qfopgui.ui.jobs.jobs_model import JobsModel
from qfopgui.ui.jobs.shell_protocol import JobsShell
from qfopgui.ui.pipelines.controller import start_of_today


class JobsStatusLine(QObject):
    def __init__(
        self, shell: JobsShell, jobs: JobsService, model: JobsModel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._shell = shell
        self._jobs = jobs
        self._model = model

    def failed_today(self) -> int:
        since = start_of_today()
        failures = open_failures(self._model.records())
        return sum(1 for r in failures if (r.finished_at or r.updated_at) >= since)

    def update(self) -> None:
        watching = self._jobs.watching
        parts: list[str] = []
        if watching:
            text = (
                self.tr("watching 1 job")
                if watching == 1
                else self.tr("watching %1 jobs").replace("%1", f"{watching:,}")
            )
            nxt = self._jobs.next_check_in
            if nxt is not None:
                text += " " + self.tr("(next check %1 s)").replace("%1", str(round(nxt)))
            parts.append(text)
        failed = self.failed_today()
        if failed:
            parts.append(self.tr("%1 failed today").replace("%1", f"{failed:,}"))
        self._shell.set_status("jobs", " · ".join(parts))
