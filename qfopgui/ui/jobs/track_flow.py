"""Track job ID…: the dialog and the jobs service's check of every ID before it is added."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from qfopgui.core.jobs import JobRecord
from qfopgui.services.jobs import JobsService
from qfopgui.ui.background import TaskStarter
from qfopgui.ui.jobs.shell_protocol import JobsShell
from qfopgui.ui.jobs.track_dialog import TrackDialog


class TrackFlow(QObject):
    """One Track dialog at a time; it closes only when every ID was tracked."""

    def __init__(
        self,
        shell: JobsShell,
        jobs: JobsService,
        tasks: TaskStarter,
        profile: Callable[[], str | None],
        show_job: Callable[[int], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._shell = shell
        self._jobs = jobs
        self._tasks = tasks
        self._profile = profile
        self._show_job = show_job
        self.dialog: TrackDialog | None = None

    def open(self) -> TrackDialog | None:
        if self._profile() is None:
            return None
        if self.dialog is None:
            dialog = TrackDialog(self._shell.dialog_parent())
            dialog.track_requested.connect(self.on_track_requested)
            dialog.finished.connect(self._track_closed)
            self.dialog = dialog
        self.dialog.open()
        return self.dialog

    def _track_closed(self, _result: int) -> None:
        self.dialog = None

    def on_track_requested(self, text: str) -> None:
        self._tasks.command(self.track(text), "jobs:track")

    async def track(self, text: str) -> list[JobRecord]:
        profile, dialog = self._profile(), self.dialog
        if profile is None:
            return []
        if dialog is not None:
            dialog.set_busy(True)
        try:
            result = await self._jobs.track(profile, text)
        finally:
            if dialog is not None:
                dialog.set_busy(False)
        records = [*result.added, *result.already]
        if records:
            self._show_job(records[-1].id)
        if dialog is not None:
            if result.ok:
                dialog.accept()
            else:
                dialog.show_result(result)
        return list(result.added)
