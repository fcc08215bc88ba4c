"""What the jobs service reports that the user must see: banners and the status-bar line.

Polling errors, the command queue, a job the store could not save, and what opening the job
database found.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QObject

from qfopgui.api.errors import AuthError
from qfopgui.services.commands import CommandState
from qfopgui.services.jobs import JobsService
from qfopgui.services.store_errors import StoreError
from qfopgui.services.store_health import StoreHealth, StoreStatus
from qfopgui.services.submitter import UnsavedJob
from qfopgui.ui.jobs.job_events import JobEvents
from qfopgui.ui.jobs.output_actions import copy_text
from qfopgui.ui.jobs.shell_protocol import JobsShell
from qfopgui.ui.translated_messages import api_error_text, store_health_text


class ServiceNotices(QObject):
    """Turns the service's reports into banners (one per kind, replaced when it changes)."""

    def __init__(
        self,
        shell: JobsShell,
        jobs: JobsService,
        events: JobEvents,
        profile: Callable[[], str | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._shell = shell
        self._jobs = jobs
        self._profile = profile
        self._auth_paused: str | None = None
        events.commands_changed.connect(self.on_commands_changed)
        events.poll_failed.connect(self.on_poll_failed)
        events.job_not_saved.connect(self.on_job_not_saved)
        events.job_saved_late.connect(self.on_job_saved_late)
        events.store_opened.connect(self.on_store_opened)
        events.store_failed.connect(self.on_store_failed)

    def on_poll_failed(self, profile: str, exc: object) -> None:
        if profile and profile != self._profile():
            return
        why = api_error_text(exc) if isinstance(exc, BaseException) else str(exc)
        text = self.tr("Checking job status failed: %1. The app keeps trying.").replace("%1", why)
        if isinstance(exc, AuthError) and profile:
            self._auth_paused = profile
            self._shell.show_banner(
                "jobs-poll",
                self.tr(
                    "The server refused this account's keys, so job status is not checked "
                    "any more. Fix the keys, then retry."
                ),
                level="warning",
                action_text=self.tr("Retry"),
                action=self._resume_polling,
            )
            return
        self._shell.show_banner("jobs-poll", text, level="warning")

    def _resume_polling(self) -> None:
        profile = self._auth_paused or self._profile()
        if profile:
            self._jobs.resume_polling(profile)
        self._shell.hide_banner("jobs-poll")

    def on_commands_changed(self, state: CommandState) -> None:
        if not state.running and not state.queued:
            self._shell.set_status("jobs-action", "")
            return
        verb = {"retry": self.tr("Retrying %1 of %2…"), "decide": self.tr("Discarding %1 of %2…")}
        text = verb.get(state.running, self.tr("Working…"))
        text = text.replace("%1", str(min(state.done + 1, max(state.total, 1))))
        text = text.replace("%2", str(max(state.total, 1)))
        if state.queued:
            text += " " + self.tr("(%1 more waiting)").replace("%1", str(state.queued))
        self._shell.set_status("jobs-action", text)

    def on_job_not_saved(self, job: UnsavedJob) -> None:
        why = api_error_text(job.cause) if job.cause is not None else job.error
        text = (
            self.tr(
                "Job %1 was accepted by the server, but qfopgui could not save it: %2. "
                "Its ID is kept in memory and in the log, and saving is retried. Free disk space "
                "or fix the data folder; do not quit before this message goes away."
            )
            .replace("%1", job.persistent_id)
            .replace("%2", why.rstrip(".。"))
        )
        self._shell.show_banner(
            f"jobs-unsaved-{job.job_id}",
            text,
            level="error",
            action_text=self.tr("Copy ID"),
            action=functools.partial(copy_text, job.persistent_id),
        )

    def on_job_saved_late(self, job: UnsavedJob) -> None:
        self._shell.hide_banner(f"jobs-unsaved-{job.job_id}")

    def on_store_opened(self, health: StoreHealth) -> None:
        """A damaged, newer or unwritable job database: say what happened and where the copy is."""
        if health.needs_attention:
            level = "error" if health.status is StoreStatus.IN_MEMORY else "warning"
            self._shell.show_banner("jobs-store", store_health_text(health), level=level)

    def on_store_failed(self, error: StoreError) -> None:
        self._shell.show_banner("jobs-store", api_error_text(error), level="error")
