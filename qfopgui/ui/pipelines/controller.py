"""The Pipelines view: the account's queues (edited in place) and today's figures per queue.

On the sandbox account a queue added (or renamed to) here is also created in the app's sandbox,
which, like Qiniu, refuses jobs for a queue it does not know. A real account has no API for
that: its queues are made in the Qiniu console and the app only keeps their names.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable
from datetime import datetime

from PySide6.QtCore import QObject

from qfopgui.services.executors import RunIn
from qfopgui.services.profiles import Profile, ProfileStore
from qfopgui.services.sandbox_pipelines import SandboxPipelineError, SandboxPipelines
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
        *,
        sandbox_pipelines: SandboxPipelines | None = None,
    ) -> None:
        super().__init__(parent)
        self._shell = shell
        self._profiles = profiles
        self._store = store
        self._run_store = run_store
        self._tasks = tasks
        self._profile = profile
        self._on_saved = on_saved
        self._sandbox_pipelines = sandbox_pipelines
        self._created: set[str] = set()  # sandbox queues asked for in this run
        self.view = PipelinesView()
        self.view.edited.connect(self.save)

    def show(self, profile: Profile) -> None:
        """Show the account's queues, with the hint that fits a sandbox or a real account.

        On the sandbox account its saved queues are made known to the sandbox once per run
        (idempotent), so a list saved before the sandbox checked queue names keeps working.
        """
        self.view.set_sandbox(profile.is_sandbox)
        self.view.set_pipelines(profile.pipelines, profile.default_pipeline)
        if profile.is_sandbox:
            self._create_all(n for n in profile.pipelines if n not in self._created)

    def _create_all(self, names: Iterable[str]) -> None:
        if self._sandbox_pipelines is None:
            return
        for name in names:
            self._created.add(name)
            self._tasks.command(self.create_in_sandbox(name), f"pipelines:create:{name}")

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
        if profile.is_sandbox:
            self._create_all(n for n in names if n not in profile.pipelines)
        self._on_saved()

    async def create_in_sandbox(self, name: str) -> None:
        """Make the queue exist in the sandbox; a refusal becomes a banner saying what to do."""
        creator = self._sandbox_pipelines
        if creator is None:
            return
        try:
            await creator.create(name)
        except (SandboxPipelineError, OSError) as exc:
            self._created.discard(name)
            text = (
                self.tr(
                    "The sandbox could not create the pipeline “%1”: %2. Jobs sent to it will be "
                    "refused. Remove it and add it again to retry."
                )
                .replace("%1", name)
                .replace("%2", str(exc))
            )
            self._shell.show_banner("jobs-pipelines", text, level="error")

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
