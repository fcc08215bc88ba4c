"""The jobs controller: turns the jobs service's facts into the Jobs and Pipelines views, and
the views' requests into service commands.

What happens to a job (submit, retry, decide, remove, track, recovery, batch completion) is
decided by `qfopgui.services.jobs.JobsService`; the counts come from `qfopgui.core.job_rules`.
This module only shows, asks and forwards.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import logging
import time
from collections.abc import Callable, Coroutine, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, SignalInstance
from PySide6.QtGui import QDesktopServices, QGuiApplication, QIcon
from PySide6.QtWidgets import QFileDialog, QWidget

from qfopgui.api.errors import AuthError
from qfopgui.core.job_rules import RetryCheck, count_jobs, open_failures, superseded_ids
from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.core.presets import BUILTIN_PRESETS, Preset
from qfopgui.services.batches import BatchSummary
from qfopgui.services.csv_export import CsvExportError, export_jobs_csv
from qfopgui.services.jobs import CommandState, Removal
from qfopgui.services.links import LinkResolver
from qfopgui.services.profiles import Profile
from qfopgui.services.store_errors import StoreError
from qfopgui.services.store_health import StoreHealth, StoreStatus
from qfopgui.services.submitter import UnsavedJob
from qfopgui.ui.context import AppContext
from qfopgui.ui.jobs.batch_banner import BatchBanner
from qfopgui.ui.jobs.job_events import JobEvents
from qfopgui.ui.jobs.jobs_model import Chip, JobsModel
from qfopgui.ui.jobs.jobs_view import JobsView
from qfopgui.ui.jobs.notifications import TrayNotifier, summary_text
from qfopgui.ui.jobs.submit_dialog import SubmitDialog
from qfopgui.ui.jobs.track_dialog import TrackDialog
from qfopgui.ui.jobs.unresolved_dialog import UnresolvedDialog
from qfopgui.ui.pipelines.pipelines_view import PipelinesView
from qfopgui.ui.translated_messages import api_error_text, store_health_text
from qfopgui.ui.widgets.confirm import confirm
from qfopgui.ui.widgets.icons import icon

log = logging.getLogger(__name__)

DEFAULT_CHECKED = ("MP4 H.264 720p",)
UNDO_MS = 15_000  # how long "Undo" stays on the banner after Remove


class JobsShell(Protocol):
    """What the jobs feature needs from the main window (the test fake implements it too)."""

    transcode_requested: SignalInstance  # (bucket, keys)
    profile_changed: SignalInstance  # (profile name)
    refresh_requested: SignalInstance
    banner_dismissed: SignalInstance  # (banner key)

    def add_view(
        self, key: str, title: str, widget: QWidget, *, icon: QIcon | None = None
    ) -> None: ...
    def set_primary_widget(self, key: str, widget: QWidget) -> None: ...
    def show_view(self, key: str) -> None: ...
    def set_nav_badge(self, key: str, text: str) -> None: ...
    def show_banner(
        self,
        key: str,
        text: str,
        *,
        level: str = "info",
        action_text: str | None = None,
        action: Callable[[], object] | None = None,
    ) -> None: ...
    def hide_banner(self, key: str) -> None: ...
    def set_status(self, section: str, text: str) -> None: ...
    def current_profile(self) -> Profile | None: ...
    def dialog_parent(self) -> QWidget: ...


class FileJobsPane(Protocol):
    """Files → Details: lists the jobs made from the selected file, with Copy link."""

    copy_link_requested: SignalInstance  # (bucket, key)

    def watch(self, events: JobEvents) -> None: ...


def start_of_today(now: float | None = None) -> float:
    t = datetime.fromtimestamp(time.time() if now is None else now)
    return t.replace(hour=0, minute=0, second=0, microsecond=0).timestamp()


class JobsController(QObject):
    """Owns the Jobs and Pipelines views; see the module docstring."""

    def __init__(
        self,
        shell: JobsShell,
        ctx: AppContext,
        events: JobEvents,
        *,
        files_pane: FileJobsPane | None = None,
    ) -> None:
        super().__init__(shell.dialog_parent())
        self.shell = shell
        self.ctx = ctx
        self.jobs = ctx.jobs
        self.events = events
        self.profile: str | None = None
        self.presets_provider: Callable[[], Sequence[Preset]] = _builtin_presets
        self.choose_export_path: Callable[[str], str | None] = self._ask_export_path
        self.open_url: Callable[[str], object] = _open_in_browser
        self.ask: Callable[[str, str, str], Coroutine[Any, Any, bool]] = self._ask
        self._checked: tuple[str, ...] = DEFAULT_CHECKED
        self._last_look = time.time()
        self._unresolved_dialog: UnresolvedDialog | None = None
        self._track_dialog: TrackDialog | None = None
        self._removals: list[Removal] = []
        self.last_dialog: SubmitDialog | None = None
        self._auth_paused: str | None = None

        self.model = JobsModel(self)
        self.view = JobsView(self.model)
        self.pipelines_view = PipelinesView()
        self.links = LinkResolver(ctx.clients.client_for, ctx.run_blocking)
        self.tray = TrayNotifier(icon("app"), self)
        shell.add_view("jobs", self.tr("Jobs"), self.view, icon=icon("jobs"))
        shell.add_view(
            "pipelines", self.tr("Pipelines"), self.pipelines_view, icon=icon("pipelines")
        )
        shell.set_primary_widget("jobs", self.view.retry_failed_button)
        self.batch_banner = BatchBanner(shell, self.show_batches, parent=self)

        events.jobs_changed.connect(self.on_jobs_changed)
        events.jobs_removed.connect(self.on_jobs_removed)
        events.batch_finished.connect(self.on_batch_finished)
        events.commands_changed.connect(self.on_commands_changed)
        events.poll_failed.connect(self.on_poll_failed)
        events.job_not_saved.connect(self.on_job_not_saved)
        events.job_saved_late.connect(self.on_job_saved_late)
        events.store_opened.connect(self.on_store_opened)
        events.store_failed.connect(self.on_store_failed)
        shell.transcode_requested.connect(self.open_submit)
        shell.profile_changed.connect(self.set_profile)
        shell.refresh_requested.connect(self.refresh)
        v = self.view
        v.retry_requested.connect(self.on_retry_requested)
        v.retry_all_failed_requested.connect(self.retry_all_failed)
        v.track_requested.connect(self.open_track)
        v.remove_requested.connect(self.on_remove_requested)
        v.export_requested.connect(self.export)
        v.copy_link_requested.connect(self.on_copy_link_requested)
        v.open_requested.connect(self.on_open_requested)
        v.shown.connect(self._on_jobs_shown)
        self.pipelines_view.edited.connect(self.save_pipelines)
        if files_pane is not None:
            files_pane.watch(events)
            files_pane.copy_link_requested.connect(self.on_copy_link_requested)

        self._summary_timer = QTimer(self, singleShot=True, interval=300)
        self._summary_timer.timeout.connect(self.update_summary)
        self._stats_timer = QTimer(self, singleShot=True, interval=2000)
        self._stats_timer.timeout.connect(self._start_stats)
        self._status_timer = QTimer(self, interval=1000)
        self._status_timer.timeout.connect(self.update_status)
        self._status_timer.start()
        self._clock_timer = QTimer(self, interval=30_000)
        self._clock_timer.timeout.connect(self.model.refresh_times)
        self._clock_timer.start()
        QTimer.singleShot(0, self._initial_load)  # tasks need the running loop

    # --- running coroutines ------------------------------------------------------------------

    def _command(self, coro: Coroutine[Any, Any, object], label: str) -> None:
        """A user command: never cancelled by another (the service queues them)."""
        self._run(coro, label, load=False)

    def _load_task(self, coro: Coroutine[Any, Any, object], name: str) -> None:
        """A load: a newer one replaces an older one."""
        self._run(coro, name, load=True)

    def _run(self, coro: Coroutine[Any, Any, object], name: str, *, load: bool) -> None:
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # a Qt signal outside the asyncio loop: start it from the loop
            QTimer.singleShot(0, self, functools.partial(self._run, coro, name, load=load))
            return
        try:
            if load:
                self.ctx.tasks.start_load(coro, name=name)
            else:
                self.ctx.tasks.start(coro, name=name)
        except RuntimeError:  # the TaskOwner is closed: the app is quitting
            coro.close()

    def _initial_load(self) -> None:
        profile = self.shell.current_profile()
        if profile is not None and self.profile is None:
            self.set_profile(profile.name)

    # --- loading -----------------------------------------------------------------------------

    def set_profile(self, name: str) -> None:
        self.profile = name
        self._load_task(self.load(), "jobs:load")

    def refresh(self) -> None:
        self.jobs.poll_now()
        if self.profile:
            self._load_task(self.load(), "jobs:load")

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
            self.pipelines_view.set_pipelines(profile.pipelines, profile.default_pipeline)
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

    def on_poll_failed(self, profile: str, exc: object) -> None:
        if profile and profile != self.profile:
            return
        why = api_error_text(exc) if isinstance(exc, BaseException) else str(exc)
        text = self.tr("Checking job status failed: %1. The app keeps trying.").replace("%1", why)
        if isinstance(exc, AuthError) and profile:
            self._auth_paused = profile
            self.shell.show_banner(
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
        self.shell.show_banner("jobs-poll", text, level="warning")

    def _resume_polling(self) -> None:
        profile = self._auth_paused or self.profile
        if profile:
            self.jobs.resume_polling(profile)
        self.shell.hide_banner("jobs-poll")

    def on_commands_changed(self, state: CommandState) -> None:
        if not state.running and not state.queued:
            self.shell.set_status("jobs-action", "")
            return
        verb = {"retry": self.tr("Retrying %1 of %2…"), "decide": self.tr("Discarding %1 of %2…")}
        text = verb.get(state.running, self.tr("Working…"))
        text = text.replace("%1", str(min(state.done + 1, max(state.total, 1))))
        text = text.replace("%2", str(max(state.total, 1)))
        if state.queued:
            text += " " + self.tr("(%1 more waiting)").replace("%1", str(state.queued))
        self.shell.set_status("jobs-action", text)

    def on_job_not_saved(self, job: UnsavedJob) -> None:
        text = (
            self.tr(
                "Job %1 was accepted by the server, but qfopgui could not save it: %2. "
                "Its ID is kept in memory and in the log, and saving is retried. Free disk space "
                "or fix the data folder; do not quit before this message goes away."
            )
            .replace("%1", job.persistent_id)
            .replace("%2", job.error)
        )
        self.shell.show_banner(
            f"jobs-unsaved-{job.job_id}",
            text,
            level="error",
            action_text=self.tr("Copy ID"),
            action=lambda: self._copy(job.persistent_id),
        )

    def on_job_saved_late(self, job: UnsavedJob) -> None:
        self.shell.hide_banner(f"jobs-unsaved-{job.job_id}")

    def on_store_opened(self, health: StoreHealth) -> None:
        """A damaged, newer or unwritable job database: say what happened and where the copy is."""
        if health.needs_attention:
            level = "error" if health.status is StoreStatus.IN_MEMORY else "warning"
            self.shell.show_banner("jobs-store", store_health_text(health), level=level)

    def on_store_failed(self, error: StoreError) -> None:
        self.shell.show_banner("jobs-store", api_error_text(error), level="error")

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

    def failed_today(self) -> int:
        since = start_of_today()
        return len(
            [
                r
                for r in open_failures(self.model.records())
                if (r.finished_at or r.updated_at) >= since
            ]
        )

    def update_status(self) -> None:
        watching = self.jobs.watching
        parts: list[str] = []
        if watching:
            text = (
                self.tr("watching 1 job")
                if watching == 1
                else self.tr("watching %1 jobs").replace("%1", f"{watching:,}")
            )
            nxt = self.jobs.next_check_in
            if nxt is not None:
                text += " " + self.tr("(next check %1 s)").replace("%1", str(round(nxt)))
            parts.append(text)
        failed = self.failed_today()
        if failed:
            parts.append(self.tr("%1 failed today").replace("%1", f"{failed:,}"))
        self.shell.set_status("jobs", " · ".join(parts))

    def _on_jobs_shown(self) -> None:
        self._last_look = time.time()
        self.update_summary()

    # --- retry -------------------------------------------------------------------------------

    def on_retry_requested(self, records: list[JobRecord]) -> None:
        self._command(self.retry(records), "jobs:retry")

    def retry_all_failed(self) -> None:
        self._command(self.retry(open_failures(self.model.records())), "jobs:retry")

    async def retry(self, records: Sequence[JobRecord]) -> int:
        """Retry; done jobs only after the user agrees to replace their outputs."""
        plan = await self.jobs.plan_retry(records)
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
        result = await self.jobs.retry(records, replace_outputs=replace)
        self._explain_skipped(result.plan.skipped)
        return len(result.new)

    def _explain_skipped(self, skipped: Sequence[tuple[JobRecord, RetryCheck]]) -> None:
        kinds = {check for _r, check in skipped}
        if RetryCheck.NO_COMMANDS in kinds:
            self.shell.show_banner(
                "jobs-retry",
                self.tr(
                    "Jobs tracked by their ID cannot be retried: qfopgui does not know "
                    "which commands they ran. Submit the file again from Files."
                ),
                level="info",
            )
        elif RetryCheck.SUPERSEDED in kinds:
            self.shell.set_status("jobs-action", self.tr("Already retried: retry the newer job"))
        elif RetryCheck.RUNNING in kinds:
            self.shell.set_status("jobs-action", self.tr("Still running: nothing to retry"))

    async def _ask(self, title: str, text: str, ok_text: str) -> bool:
        return await confirm(self.shell.dialog_parent(), title, text, ok_text)

    # --- remove and undo ---------------------------------------------------------------------

    def on_remove_requested(self, records: list[JobRecord]) -> None:
        self._command(self.remove(records), "jobs:remove")

    async def remove(self, records: Sequence[JobRecord]) -> Removal:
        removal = await self.jobs.remove(records)
        self._removals.append(removal)
        n = len(removal.records)
        text = (
            self.tr("1 job removed from the list")
            if n == 1
            else self.tr("%1 jobs removed from the list").replace("%1", f"{n:,}")
        )
        self.shell.show_banner(
            "jobs-removed", text, level="info", action_text=self.tr("Undo"), action=self.undo_remove
        )
        QTimer.singleShot(UNDO_MS, self, self._expire_undo)
        return removal

    def undo_remove(self) -> None:
        if self._removals:
            removal = self._removals.pop()
            self._command(self._undo(removal), "jobs:undo")
        self.shell.hide_banner("jobs-removed")

    async def _undo(self, removal: Removal) -> None:
        back = await self.jobs.undo_remove(removal)
        n = len(back)
        self.shell.set_status(
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
            self.shell.hide_banner("jobs-removed")

    # --- track -------------------------------------------------------------------------------

    def open_track(self) -> TrackDialog | None:
        if self.profile is None:
            return None
        if self._track_dialog is None:
            dialog = TrackDialog(self.shell.dialog_parent())
            dialog.track_requested.connect(self.on_track_requested)
            dialog.finished.connect(self._track_closed)
            self._track_dialog = dialog
        self._track_dialog.open()
        return self._track_dialog

    def _track_closed(self, _result: int) -> None:
        self._track_dialog = None

    def on_track_requested(self, text: str) -> None:
        self._command(self.track(text), "jobs:track")

    async def track(self, text: str) -> list[JobRecord]:
        profile, dialog = self.profile, self._track_dialog
        if profile is None:
            return []
        if dialog is not None:
            dialog.set_busy(True)
        try:
            result = await self.jobs.track(profile, text)
        finally:
            if dialog is not None:
                dialog.set_busy(False)
        records = [*result.added, *result.already]
        if records:
            self.view.set_batch("")
            self.view.select_job(records[-1].id)
        if dialog is not None:
            if result.ok:
                dialog.accept()
            else:
                dialog.show_result(result)
        return list(result.added)

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
        self._command(self.resolve(records, resubmit), "jobs:resolve")

    async def resolve(self, records: Sequence[JobRecord], resubmit: bool) -> None:
        await self.jobs.decide(records, resubmit=resubmit)
        self.update_summary()

    # --- export and links --------------------------------------------------------------------

    def export(self, records: list[JobRecord]) -> None:
        suggested = f"jobs-{datetime.now():%Y%m%d-%H%M}.csv"
        path = self.choose_export_path(suggested)
        if path:
            self._command(self.write_csv(Path(path), records), "jobs:export")

    async def write_csv(self, path: Path, records: list[JobRecord]) -> int:
        try:
            n: int = await self.ctx.run_store(lambda: export_jobs_csv(path, records))
        except CsvExportError as exc:
            self.shell.show_banner(
                "jobs-export",
                self.tr("The jobs could not be exported to %1: %2")
                .replace("%1", str(path))
                .replace("%2", exc.reason),
                level="error",
            )
            return 0
        self.shell.set_status(
            "jobs-action",
            self.tr("Exported %1 jobs to %2").replace("%1", f"{n:,}").replace("%2", path.name),
        )
        return n

    def _ask_export_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            self.shell.dialog_parent(),
            self.tr("Export jobs"),
            suggested,
            self.tr("CSV files (*.csv)"),
        )
        return path or None

    def on_copy_link_requested(self, bucket: str, key: str) -> None:
        self._command(self.copy_link(bucket, key), "jobs:link")

    def on_open_requested(self, bucket: str, key: str) -> None:
        self._command(self.open_output(bucket, key), "jobs:open")

    async def copy_link(self, bucket: str, key: str) -> str | None:
        url = await self._link(bucket, key)
        if url:
            self._copy(url)
            self.shell.set_status("jobs-action", self.tr("Link copied"))
        return url

    def _copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)

    async def open_output(self, bucket: str, key: str) -> str | None:
        url = await self._link(bucket, key)
        if url:
            self.open_url(url)
        return url

    async def _link(self, bucket: str, key: str) -> str | None:
        if self.profile is None:
            return None
        try:
            return await self.links.url(self.profile, bucket, key)
        except LookupError as exc:
            self.shell.show_banner("jobs-link", api_error_text(exc), level="warning")
            return None

    # --- submitting --------------------------------------------------------------------------

    def open_submit(self, bucket: str, keys: list[str]) -> SubmitDialog | None:
        profile = self.shell.current_profile()
        if profile is None or not keys:
            return None
        dialog = SubmitDialog(
            profile_name=profile.name,
            source_bucket=bucket,
            keys=keys,
            presets=list(self.presets_provider()),
            submitter=self.jobs,
            pipelines=profile.pipelines,
            default_pipeline=profile.default_pipeline,
            checked=self._checked,
            start_task=self._start_submit,
            parent=self.shell.dialog_parent(),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(self.on_batch_submitted)
        dialog.finished.connect(self._remember_presets)
        self.last_dialog = dialog
        dialog.open()
        self._load_task(self._fill_buckets(dialog, profile.name), "jobs:buckets")
        return dialog

    def _start_submit(self, coro: Coroutine[Any, Any, object]) -> asyncio.Task[object]:
        return self.ctx.tasks.start(coro, name="jobs:submit")

    def _remember_presets(self, _result: int) -> None:
        dialog = self.last_dialog
        if dialog is not None:
            self._checked = tuple(p.name for p in dialog.selected_presets()) or self._checked

    async def _fill_buckets(self, dialog: SubmitDialog, profile: str) -> None:
        buckets = await self.links.buckets(profile)
        if buckets:
            dialog.set_buckets([b.name for b in buckets])

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

    def on_batch_finished(self, summary: BatchSummary) -> None:
        """One coalesced in-app banner for all finished batches; one tray message per batch."""
        self.batch_banner.add(summary)
        self.tray.notify(
            self.tr("Transcoding finished"), summary_text(summary), failed=summary.failed > 0
        )

    # --- pipelines ---------------------------------------------------------------------------

    def save_pipelines(self, names: tuple[str, ...], default: str) -> None:
        profile = self.ctx.profiles.get(self.profile) if self.profile else None
        if profile is None:
            return
        new = dataclasses.replace(profile, pipelines=tuple(names), default_pipeline=default)
        try:
            self.ctx.profiles.upsert(new)
        except (OSError, ValueError) as exc:
            text = self.tr("The pipelines could not be saved: %1").replace("%1", str(exc))
            self.shell.show_banner("jobs-pipelines", text, level="error")
        self.update_summary()

    def _start_stats(self) -> None:
        self._load_task(self.refresh_stats(), "jobs:stats")

    async def refresh_stats(self) -> None:
        name = self.profile
        if name is None:
            return
        since = start_of_today()
        store = self.ctx.store
        stats = await self.ctx.run_store(lambda: store.pipeline_stats(name, since=since))
        if name == self.profile:
            self.pipelines_view.set_stats(stats)
            self.pipelines_view.updated_label.setText(
                self.tr("Updated %1").replace("%1", datetime.now().strftime("%H:%M:%S"))
            )


def _builtin_presets() -> Sequence[Preset]:
    return BUILTIN_PRESETS


def _open_in_browser(url: str) -> bool:
    return QDesktopServices.openUrl(QUrl(url))


def install_jobs_feature(
    shell: JobsShell,
    ctx: AppContext,
    events: JobEvents,
    *,
    files_pane: FileJobsPane | None = None,
) -> JobsController:
    """Add the Jobs and Pipelines views to the shell and connect them to the jobs service."""
    return JobsController(shell, ctx, events, files_pane=files_pane)
