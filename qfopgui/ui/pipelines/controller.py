"""The Pipelines view: the account's queues (edited in place) and today's figures per queue."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject

from qfopgui.services.executors import RunIn
from qfopgui.services.profiles import ProfileStore
from qfopgui.services.store import JobStore
from qfopgui.ui.background import TaskStarter
from qfopgui.ui.jobs.shell_protocol import JobsShell
from qfopgui.ui.pipelines.pipelines_view import PipelinesView


def start_of_today(now: float | None = None) -> float:
    t = datetime.fromtimestamp(time.time() if now is None else now)
    return t.replace(hour=0, minute=0, second=0, microsecond=0).timestamp()


class PipelinesController(QObject):
    """Saves the edited queue list to the profile and refreshes the per-queue figures."""

    def __init__(
        self,
        shell: JobsShell,
        profiles: ProfileStore,
        store: JobStore,
        run_store: RunIn,
        tasks: TaskStarter,
        profile: Callable[[], str | None],
        on_saved: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._shell = shell
        self._profiles = profiles
        self._store = store
        self._run_store = run_store
        self._tasks = tasks
        self._profile = profile
        self._on_saved = on_saved
        self.view = PipelinesView()
        self.view.edited.connect(self.save)

    def save(self, names: tuple[str, ...], default: str) -> None:
        profile = self._profiles.get(name) if (name := self._profile()) else None
        if profile is None:
            return
        new = dataclasses.replace(profile, pipelines=tuple(names), default_pipeline=default)
        try:
            self._profiles.upsert(new)
        except (OSError, ValueError) as exc:
            text = self.tr("The pipelines could not be saved: %1").replace("%1", str(exc))
            self._shell.show_banner("jobs-pipelines", text, level="error")
        self._on_saved()

    def start_stats(self) -> None:
        self._tasks.load(self.refresh_stats(), "jobs:stats")

    async def refresh_stats(self) -> None:
        name = self._profile()
        if name is None:
            return
        since = start_of_today()
        store = self._store
        stats = await self._run_store(lambda: store.pipeline_stats(name, since=since))
        if name == self._profile():
            self.view.set_stats(stats)
            self.view.updated_label.setText(
                self.tr("Updated %1").replace("%1", datetime.now().strftime("%H:%M:%S"))
            )
