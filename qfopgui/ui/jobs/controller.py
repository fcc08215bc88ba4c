"""The jobs controller: turns the jobs service's facts into the Jobs and Pipelines views, and
the views' requests into service commands.

What happens to a job (submit, retry, decide, remove, track, recovery, batch completion) is
decided by `qfopgui.services.jobs.JobsService`; the counts come from `qfopgui.core.job_rules`.
This module only shows, asks and forwards.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QObject, QTimer

from qfopgui.core.job_rules import count_jobs, superseded_ids
from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.core.presets import Preset
from qfopgui.services.batch_links import records_of_batches
from qfopgui.services.batches import BatchSummary
from qfopgui.services.links import LinkResolver
from qfopgui.ui.background import TaskStarter
from qfopgui.ui.context import AppContext
from qfopgui.ui.jobs.batch_banner import BannerButtons, BatchBanner
from qfopgui.ui.jobs.job_events import JobEvents
from qfopgui.ui.jobs.job_removal import JobRemoval
from qfopgui.ui.jobs.jobs_context_menu import JobsContextMenu
from qfopgui.ui.jobs.jobs_filter import Chip
from qfopgui.ui.jobs.jobs_model import JobsModel
from qfopgui.ui.jobs.jobs_view import JobsView
from qfopgui.ui.jobs.notifications import TrayNotifier, summary_text
from qfopgui.ui.jobs.output_actions import OutputActions
from qfopgui.ui.jobs.retry_flow import RetryFlow
from qfopgui.ui.jobs.service_notices import ServiceNotices
from qfopgui.ui.jobs.shell_protocol import FileJobsPane, JobsShell
from qfopgui.ui.jobs.status_line import JobsStatusLine
from qfopgui.ui.jobs.submit_dialog import PresetPreview, SubmitDialog
from qfopgui.ui.jobs.submit_flow import SubmitFlow
from qfopgui.ui.jobs.track_flow import TrackFlow
from qfopgui.ui.jobs.unresolved_dialog import UnresolvedDialog
from qfopgui.ui.links.link_flow import LinkFlow
from qfopgui.ui.links.link_preferences import LinkPreferences
from qfopgui.ui.pipelines.controller import PipelinesController
from qfopgui.ui.widgets.icons import icon

log = logging.getLogger(__name__)


class JobsController(QObject):
    """Owns the Jobs and Pipelines views; see the module docstring."""

    def __init__(
        self,
        shell: JobsShell,
        ctx: AppContext,
        events: JobEvents,
        *,
        files_pane: FileJobsPane | None = None,
        banner_buttons: BannerButtons | None = None,
    ) -> None:
        super().__init__(shell.dialog_parent())
        self.shell = shell
        self.ctx = ctx
        self.jobs = ctx.jobs
        self.events = events
        self.tasks = TaskStarter(ctx.tasks, self)
        self.profile: str | None = None
        self._last_look = time.time()
        self._unresolved_dialog: UnresolvedDialog | None = None

        self.model = JobsModel(self)
        self.view = JobsView(self.model)
        self.status_line = JobsStatusLine(shell, ctx.jobs, self.model, self)
        self.pipelines = PipelinesController(
            shell,
            ctx.profiles,
            ctx.store,
            ctx.run_store,
            self.tasks,
            self._current_profile,
            self.update_summary,
            self,
            sandbox_pipelines=ctx.sandbox_pipelines,
        )
        link_prefs = LinkPreferences(ctx.settings)
        self.links = ctx.links or LinkResolver(
            ctx.clients.client_for, ctx.run_blocking, domain_choice=link_prefs.domain_for
        )
        self.link_flow = LinkFlow(shell, self.links, link_prefs, self.tasks, ctx.run_store, self)
        self.submit = SubmitFlow(shell, ctx, self.links, self.tasks, self.on_batch_submitted, self)
        self.remembered, self.preflights = self.submit.remembered, self.submit.preflights
        self.tray = TrayNotifier(icon("app"), self)
        self.notices = ServiceNotices(shell, ctx.jobs, events, self._current_profile, self)
        self.tracking = TrackFlow(
            shell, ctx.jobs, self.tasks, self._current_profile, self._show_job, self
        )
        self.outputs = OutputActions(
            shell, self.links, ctx.run_store, self.tasks, self._current_profile, self
        )
        shell.add_view("jobs", self.tr("Jobs"), self.view, icon=icon("jobs"))
        shell.add_view(
            "pipelines", self.tr("Pipelines"), self.pipelines.view, icon=icon("pipelines")
        )
        shell.set_primary_widget("jobs", self.view.retry_failed_button)
        self.batch_banner = BatchBanner(
            shell,
            self.show_batches,
            copy_links=self.copy_batch_links,
            buttons=banner_buttons,
            parent=self,
        )
        self.context_menu = JobsContextMenu(self.view, self.link_flow, self)
        self.retrying = RetryFlow(shell, ctx.jobs, self.tasks, self.model.records, self)
        self.removal = JobRemoval(shell, ctx.jobs, self.tasks, self)

        events.jobs_changed.connect(self.on_jobs_changed)
        events.jobs_removed.connect(self.on_jobs_removed)
        events.batch_finished.connect(self.on_batch_finished)
        shell.transcode_requested.connect(self.open_submit)
        shell.profile_changed.connect(self.set_profile)
        shell.refresh_requested.connect(self.refresh)
        v = self.view
        v.retry_requested.connect(self.retrying.on_retry_requested)
        v.retry_all_failed_requested.connect(self.retrying.retry_all_failed)
        v.track_requested.connect(self.tracking.open)
        v.remove_requested.connect(self.removal.on_remove_requested)
        v.export_requested.connect(self.outputs.export)
        v.copy_links_requested.connect(self.link_flow.copy_jobs)
        v.copy_link_requested.connect(self.outputs.on_copy_link_requested)
        v.open_requested.connect(self.outputs.on_open_requested)
        v.shown.connect(self._on_jobs_shown)
        if files_pane is not None:
            files_pane.watch(events)
            files_pane.copy_link_requested.connect(self.outputs.on_copy_link_requested)

        self._summary_timer = QTimer(self, singleShot=True, interval=300)
        self._summary_timer.timeout.connect(self.update_summary)
        self._stats_timer = QTimer(self, singleShot=True, interval=2000)
        self._stats_timer.timeout.connect(self.pipelines.start_stats)
        self._status_timer = QTimer(self, interval=1000)
        self._status_timer.timeout.connect(self.update_status)
        self._status_timer.start()
        self._clock_timer = QTimer(self, interval=30_000)
        self._clock_timer.timeout.connect(self.model.refresh_times)
        self._clock_timer.start()
        QTimer.singleShot(0, self._initial_load)  # tasks need the running loop

    def _current_profile(self) -> str | None:
        return self.profile

    def _show_job(self, job_id: int) -> None:
        self.view.set_batch("")
        self.view.select_job(job_id)

    def _initial_load(self) -> None:
        profile = self.shell.current_profile()
        if profile is not None and self.profile is None:
            self.set_profile(profile.name)

    # --- loading -----------------------------------------------------------------------------

    def set_profile(self, name: str) -> None:
        self.profile = name
        self.tasks.load(self.load(), "jobs:load")

    def refresh(self) -> None:
        self.jobs.poll_now()
        if self.profile:
            self.tasks.load(self.load(), "jobs:load")

    async def load(self) -> None:
        name = self.profile
        if name is None:
            return
        records = await self.jobs.load(name)
        if name != self.profile:
            return
        self.model.set_records(records)
        profile = self.ctx.profiles.get(name)
        if profile is not None:
            self.pipelines.show(profile)
        self.view.refresh_details()
        self.update_counts()
        self.update_summary()
        self._stats_timer.start(0)

    # --- events ------------------------------------------------------------------------------

    def on_jobs_changed(self, records: list[JobRecord]) -> None:
        mine = [r for r in records if r.profile == self.profile]
        if not mine:
            return
        before = {r.id: r.state for r in mine if self.model.get(r.id) is not None}
        self.model.apply(mine)
        if not self.view.isVisible():
            fresh = [
                r
                for r in mine
                if r.state is JobState.FAILED and before.get(r.id) is not JobState.FAILED
            ]
            if fresh:
                self._last_look = min(self._last_look, time.time() - 1)
        self._changed()

    def on_jobs_removed(self, job_ids: list[int]) -> None:
        if self.model.remove_ids(job_ids):
            self._changed()

    def _changed(self) -> None:
        self.view.refresh_details()
        if not self._summary_timer.isActive():
            self._summary_timer.start()
        if not self._stats_timer.isActive():
            self._stats_timer.start()

    # --- summaries: nav badge, chips, status bar, unresolved banner ---------------------------

    def update_counts(self) -> None:
        self.view.update_counts()

    def update_summary(self) -> None:
        records = self.model.records()
        counts = count_jobs(records)
        superseded = superseded_ids(records)
        unseen = sum(
            r.state is JobState.FAILED
            and r.id not in superseded
            and (r.finished_at or 0) > self._last_look
            for r in records
        )
        parts = [f"{counts.running:,}"] if counts.running else []
        if unseen:
            parts.append(self.tr("%1 failed").replace("%1", f"{unseen:,}"))
        self.shell.set_nav_badge("jobs", " · ".join(parts))
        if counts.undecided:
            n = counts.undecided
            text = (
                self.tr("1 submission needs your decision")
                if n == 1
                else self.tr("%1 submissions need your decision").replace("%1", str(n))
            )
            self.shell.show_banner(
                "jobs-unresolved",
                text,
                level="warning",
                action_text=self.tr("Decide…"),
                action=self.open_unresolved,
            )
        else:
            self.shell.hide_banner("jobs-unresolved")
        if self._unresolved_dialog is not None:
            ids = {r.id for r in records if r.state is JobState.UNRESOLVED}
            self._unresolved_dialog.remove_ids(
                [r.id for r in self._unresolved_dialog.records() if r.id not in ids]
            )
        pipes = {r.pipeline for r in records}
        profile = self.ctx.profiles.get(self.profile) if self.profile else None
        mine = list(profile.pipelines) if profile is not None else []
        self.view.set_pipelines([*mine, *sorted(pipes - set(mine))])
        self.update_status()

    def update_status(self) -> None:
        self.status_line.update()

    def _on_jobs_shown(self) -> None:
        self._last_look = time.time()
        self.update_summary()

    # --- decide (unresolved) -----------------------------------------------------------------

    def open_unresolved(self) -> None:
        records = [r for r in self.model.records() if r.state is JobState.UNRESOLVED]
        if self._unresolved_dialog is None:
            dialog = UnresolvedDialog(records, self.shell.dialog_parent())
            dialog.resolve_requested.connect(self.on_resolve_requested)
            dialog.finished.connect(self._unresolved_closed)
            self._unresolved_dialog = dialog
        else:
            self._unresolved_dialog.set_records(records)
        self._unresolved_dialog.open()

    def _unresolved_closed(self, _result: int) -> None:
        self._unresolved_dialog = None

    def on_resolve_requested(self, records: list[JobRecord], resubmit: bool) -> None:
        self.tasks.command(self.resolve(records, resubmit), "jobs:resolve")

    async def resolve(self, records: Sequence[JobRecord], resubmit: bool) -> None:
        await self.jobs.decide(records, resubmit=resubmit)
        self.update_summary()

    # --- submitting --------------------------------------------------------------------------

    def open_submit(self, bucket: str, keys: list[str]) -> SubmitDialog | None:
        return self.submit.open_submit(bucket, keys)

    def checked_presets(self) -> tuple[str, ...]:
        return self.submit.checked_presets()

    @property
    def last_dialog(self) -> SubmitDialog | None:
        return self.submit.last_dialog

    @property
    def presets_provider(self) -> Callable[[], Sequence[Preset]]:
        return self.submit.presets_provider

    @presets_provider.setter
    def presets_provider(self, provider: Callable[[], Sequence[Preset]]) -> None:
        self.submit.presets_provider = provider

    @property
    def preset_preview(self) -> PresetPreview | None:
        return self.submit.preset_preview

    @preset_preview.setter
    def preset_preview(self, preview: PresetPreview | None) -> None:
        self.submit.preset_preview = preview

    def on_batch_submitted(self, batch_id: str, records: list[JobRecord]) -> None:
        n = len(records)
        when = datetime.now().strftime("%H:%M")
        label = (
            self.tr("Showing the batch of 1 job submitted at %1")
            if n == 1
            else self.tr("Showing the batch of %2 jobs submitted at %1").replace("%2", f"{n:,}")
        ).replace("%1", when)
        self.view.set_chip(Chip.ALL)
        self.view.set_batch(batch_id, label)
        self.shell.show_view("jobs")

    def show_batch(self, batch_id: str) -> None:
        self.show_batches([batch_id])

    def show_batches(self, batch_ids: list[str]) -> None:
        self.view.set_chip(Chip.ALL)
        self.view.set_batches(batch_ids)
        self.shell.show_view("jobs")

    def copy_batch_links(self, batch_ids: list[str]) -> None:
        """Every link of these batches (the batches banner's Copy all links)."""
        self.link_flow.copy_jobs(records_of_batches(self.model.records(), batch_ids))

    def on_batch_finished(self, summary: BatchSummary) -> None:
        """One coalesced in-app banner for all finished batches; one tray message per batch."""
        self.batch_banner.add(summary)
        self.tray.notify(
            self.tr("Transcoding finished"), summary_text(summary), failed=summary.failed > 0
        )


def install_jobs_feature(
    shell: JobsShell,
    ctx: AppContext,
    events: JobEvents,
    *,
    files_pane: FileJobsPane | None = None,
    banner_buttons: BannerButtons | None = None,
) -> JobsController:
    """Add the Jobs and Pipelines views to the shell and connect them to the jobs service."""
    return JobsController(shell, ctx, events, files_pane=files_pane, banner_buttons=banner_buttons)
