"""Remove from list, with Undo on a banner for `UNDO_MS`; the jobs service does the removing."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer

from qfopgui.core.jobs import JobRecord
from qfopgui.services.job_results import Removal
from qfopgui.services.jobs import JobsService
from qfopgui.ui.background import TaskStarter
from qfopgui.ui.jobs.shell_protocol import JobsShell

UNDO_MS = 15_000  # how long "Undo" stays on the banner after Remove


class JobRemoval(QObject):
    """Removals not undone yet, oldest first; each one's Undo expires after `UNDO_MS`."""

    def __init__(
        self,
        shell: JobsShell,
        jobs: JobsService,
        tasks: TaskStarter,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._shell = shell
        self._jobs = jobs
        self._tasks = tasks
        self._removals: list[Removal] = []

    def on_remove_requested(self, records: list[JobRecord]) -> None:
        self._tasks.command(self.remove(records), "jobs:remove")

    async def remove(self, records: Sequence[JobRecord]) -> Removal:
        removal = await self._jobs.remove(records)
        self._removals.append(removal)
        n = len(removal.records)
        text = (
            self.tr("1 job removed from the list")
            if n == 1
            else self.tr("%1 jobs removed from the list").replace("%1", f"{n:,}")
        )
        self._shell.show_banner(
            "jobs-removed", text, level="info", action_text=self.tr("Undo"), action=self.undo_remove
        )
        QTimer.singleShot(UNDO_MS, self, self._expire_undo)
        return removal

    def undo_remove(self) -> None:
        if self._removals:
            removal = self._removals.pop()
            self._tasks.command(self._undo(removal), "jobs:undo")
        self._shell.hide_banner("jobs-removed")

    async def _undo(self, removal: Removal) -> None:
        back = await self._jobs.undo_remove(removal)
        n = len(back)
        self._shell.set_status(
            "jobs-action",
            (
                self.tr("1 job restored")
                if n == 1
                else self.tr("%1 jobs restored").replace("%1", f"{n:,}")
            ),
        )

    def _expire_undo(self) -> None:
        if self._removals:
            self._removals.pop(0)
        if not self._removals:
            self._shell.hide_banner("jobs-removed")
