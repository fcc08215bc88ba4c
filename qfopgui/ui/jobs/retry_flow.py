"""Retry and Retry all failed: ask before outputs are replaced, explain what was skipped.

Which jobs can be retried is decided by `JobsService.plan_retry` (rules in
`qfopgui.core.job_rules`); this module only asks the user and tells them the outcome.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from PySide6.QtCore import QObject

from qfopgui.core.job_rules import RetryCheck, open_failures
from qfopgui.core.jobs import JobRecord
from qfopgui.services.jobs import JobsService
from qfopgui.ui.background import TaskStarter
from qfopgui.ui.jobs.shell_protocol import JobsShell
from qfopgui.ui.widgets.confirm import confirm


class RetryFlow(QObject):
    """The Jobs view's Retry commands; `ask` can be replaced (tests answer without a dialog)."""

    def __init__(
        self,
        shell: JobsShell,
        jobs: JobsService,
        tasks: TaskStarter,
        records: Callable[[], Sequence[JobRecord]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._shell = shell
        self._jobs = jobs
        self._tasks = tasks
        self._records = records
        self.ask: Callable[[str, str, str], Coroutine[Any, Any, bool]] = self._ask

    def on_retry_requested(self, records: list[JobRecord]) -> None:
        self._tasks.command(self.retry(records), "jobs:retry")

    def retry_all_failed(self) -> None:
        self._tasks.command(self.retry(open_failures(self._records())), "jobs:retry")

    async def retry(self, records: Sequence[JobRecord]) -> int:
        """Retry; done jobs only after the user agrees to replace their outputs."""
        plan = await self._jobs.plan_retry(records)
        replace = False
        if plan.replaces_outputs:
            n = len(plan.replaces_outputs)
            replace = await self.ask(
                self.tr("Replace the outputs?"),
                (
                    self.tr("1 selected job is done. Transcoding it again replaces its outputs.")
                    if n == 1
                    else self.tr(
                        "%1 selected jobs are done. Transcoding them again replaces their outputs."
                    ).replace("%1", str(n))
                ),
                self.tr("Replace outputs"),
            )
        if plan.empty or (not plan.ready and not replace):
            self._explain_skipped(plan.skipped)
            return 0
        result = await self._jobs.retry(records, replace_outputs=replace)
        self._explain_skipped(result.plan.skipped)
        return len(result.new)

    def _explain_skipped(self, skipped: Sequence[tuple[JobRecord, RetryCheck]]) -> None:
        kinds = {check for _r, check in skipped}
        if RetryCheck.NO_COMMANDS in kinds:
            self._shell.show_banner(
                "jobs-retry",
                self.tr(
                    "Jobs tracked by their ID cannot be retried: qfopgui does not know "
                    "which commands they ran. Submit the file again from Files."
                ),
                level="info",
            )
        elif RetryCheck.SUPERSEDED in kinds:
            self._shell.set_status("jobs-action", self.tr("Already retried: retry the newer job"))
        elif RetryCheck.RUNNING in kinds:
            self._shell.set_status("jobs-action", self.tr("Still running: nothing to retry"))

    async def _ask(self, title: str, text: str, ok_text: str) -> bool:
        return await confirm(self._shell.dialog_parent(), title, text, ok_text)
