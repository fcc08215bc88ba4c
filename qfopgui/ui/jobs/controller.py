"""Jobs feature: the Transcode dialog, the Jobs and Pipelines views, and what ties them to the
services (submitter, poller, store) through `JobEvents`.

Composition (app.py)::

    events = JobEvents()
    poller = JobPoller(..., on_changed=events.changed, on_error=events.error)
    submitter = Submitter(..., on_created=events.created, on_updated=events.updated)
    feature = install_jobs_feature(window, ctx, events)  # or ctx.events

The feature calls `store.recover_interrupted()` on its first load (before anything can be
submitted) and starts polling the jobs the submitter completes (`poller.track`).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices

from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.core.presets import BUILTIN_PRESETS, Preset
from qfopgui.ui.jobs.batch_banner import BatchBanner
from qfopgui.ui.translated_messages import api_error_text
from qfopgui.ui.jobs.submit_dialog import SubmitDialog
from qfopgui.ui.jobs.unresolved_dialog import UnresolvedDialog
from qfopgui.ui.jobs.job_events import JobEvents
from qfopgui.ui.jobs.actions import JobsActions
from qfopgui.services.links import LinkResolver
from qfopgui.ui.jobs.notifications import BatchNotifier, BatchSummary, TrayNotifier
from qfopgui.ui.jobs.jobs_model import Chip, JobsModel, open_failures, retried_ids
from qfopgui.ui.jobs.jobs_view import JobsView
from qfopgui.ui.pipelines.pipelines_view import PipelinesView
from qfopgui.ui.widgets.icons import icon

log = logging.getLogger(__name__)

LOAD_LIMIT = 20_000  # newest jobs shown per account; older ones stay in the store
DEFAULT_CHECKED = ("MP4 H.264 720p",)


def start_of_today(now: float | None = None) -> float:
    t = datetime.fromtimestamp(time.time() if now is None else now)
    return t.replace(hour=0, minute=0, second=0, microsecond=0).timestamp()


class JobsFeature(JobsActions):
    """Owns the jobs UI; see the module docstring for the wiring."""

    def __init__(self, window: Any, ctx: Any, events: JobEvents | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        events = events if events is not None else getattr(ctx, "events", None) or JobEvents()
        self.events = events
        self.profile: str | None = None
        self.presets_provider: Callable[[], Sequence[Preset]] = lambda: BUILTIN_PRESETS
        self.choose_export_path: Callable[[str], str | None] = self._ask_export_path
        self.open_url: Callable[[str], object] = lambda url: QDesktopServices.openUrl(QUrl(url))
        self._checked: tuple[str, ...] = DEFAULT_CHECKED
        self._recovered = False
        self._last_look = time.time()
        self._unresolved_dialog: UnresolvedDialog | None = None
        self.last_dialog: SubmitDialog | None = None

        self.model = JobsModel(self)
        self.view = JobsView(self.model)
        self.pipelines_view = PipelinesView()
        self.links = LinkResolver(ctx)
        self.notifier = BatchNotifier(self)
        self.tray = TrayNotifier(icon("app"), self)
        window.add_view("jobs", self.tr("Jobs"), self.view, icon=icon("jobs"))
        window.add_view("pipelines", self.tr("Pipelines"), self.pipelines_view,
                        icon=icon("pipelines"))  # fmt: skip
        if hasattr(window, "set_primary_widget"):  # the view's primary action, on the toolbar
            window.set_primary_widget("jobs", self.view.retry_failed_button)

        events.jobs_created.connect(self.on_jobs_created)
        events.jobs_submitted.connect(self.on_jobs_submitted)
        events.jobs_changed.connect(self.on_jobs_changed)
        events.poll_error.connect(self.on_poll_error)
        window.transcode_requested.connect(self.open_submit)
        window.profile_changed.connect(self.set_profile)
        window.refresh_requested.connect(self.refresh)
        v = self.view
        v.retry_requested.connect(lambda recs: self._start(self.retry(recs), "jobs:retry"))
        v.retry_all_failed_requested.connect(self.retry_all_failed)
        v.track_requested.connect(lambda: self._start(self.track_ids(), "jobs:track"))
        v.remove_requested.connect(lambda recs: self._start(self.remove(recs), "jobs:remove"))
        v.export_requested.connect(self.export)
        v.copy_link_requested.connect(lambda b, k: self._start(self.copy_link(b, k), "jobs:link"))
        v.open_requested.connect(lambda b, k: self._start(self.open_output(b, k), "jobs:open"))
        v.shown.connect(self._on_jobs_shown)
        self.pipelines_view.edited.connect(self.save_pipelines)
        self.notifier.batch_finished.connect(self.on_batch_finished)
        self.batch_banner = BatchBanner(window, self.show_batches, parent=self)
        files = getattr(window, "files_view", None)
        if files is not None:  # Files → Details lists the jobs made from the selected file
            files.details.watch(events)
            files.details.copy_link_requested.connect(
                lambda b, k: self._start(self.copy_link(b, k), "jobs:link"))  # fmt: skip

        self._summary_timer = QTimer(self, singleShot=True, interval=300)
        self._summary_timer.timeout.connect(self.update_summary)
        self._stats_timer = QTimer(self, singleShot=True, interval=2000)
        self._stats_timer.timeout.connect(lambda: self._start(self.refresh_stats(), "jobs:stats"))
        self._status_timer = QTimer(self, interval=1000)
        self._status_timer.timeout.connect(self.update_status)
        self._status_timer.start()
        self._clock_timer = QTimer(self, interval=30_000)
        self._clock_timer.timeout.connect(self.model.refresh_times)
        self._clock_timer.start()
        QTimer.singleShot(0, self._initial_load)  # tasks need the running loop

    def _initial_load(self) -> None:
        profile = self.window.current_profile()
        if profile is not None and self.profile is None:
            self.set_profile(profile.name)

    def _start(self, coro: Any, name: str | None = None) -> Any:
        """Run a coroutine through the app's TaskOwner (deferred if the loop is not running)."""
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # e.g. a Qt timer fired outside the asyncio loop
            QTimer.singleShot(0, self, lambda: self._start(coro, name))
            return None
        try:
            return self.ctx.tasks.start(coro, name=name)
        except RuntimeError:  # the TaskOwner is closed: the app is quitting
            log.debug("not starting %s: shutting down", name)
            return None

    # --- loading ---------------------------------------------------------------------------

    def set_profile(self, name: str) -> None:
        self.profile = name
        self._start(self.load(), "jobs:load")

    def refresh(self) -> None:
        self.ctx.poller.poll_now()
        if self.profile:
            self._start(self.load(), "jobs:load")

    async def load(self) -> None:
        """(Re)load the profile's jobs; the first time, settle interrupted submissions."""
        name = self.profile
        if name is None:
            return
        store = self.ctx.store
        if not self._recovered:
            await self.ctx.run_store(store.recover_interrupted)
            self._recovered = True
        records = await self.ctx.run_store(lambda: store.jobs(name, limit=LOAD_LIMIT))
        if name != self.profile:
            return
        self.model.set_records(records)
        self.notifier.update(records)
        for batch in {r.batch_id for r in records if r.batch_id and not r.state.is_terminal}:
            self.notifier.watch(batch)
        profile = self.ctx.profiles.get(name)
        if profile is not None:
            self.pipelines_view.set_pipelines(profile.pipelines, profile.default_pipeline)
        self.view.refresh_details()
        self.view.update_counts()
        self.update_summary()
        self._stats_timer.start(0)

    # --- events ----------------------------------------------------------------------------

    def _mine(self, records: Iterable[JobRecord]) -> list[JobRecord]:
        return [r for r in records if r.profile == self.profile]

    def _apply(self, records: list[JobRecord]) -> None:
        self.notifier.update(records)
        mine = self._mine(records)
        if not mine:
            return
        before = {r.id: r.state for r in mine if self.model.get(r.id) is not None}
        self.model.apply(mine)
        if not self.view.isVisible():
            fresh = [r for r in mine if r.state is JobState.FAILED
                     and before.get(r.id) is not JobState.FAILED]  # fmt: skip
            if fresh:
                self._last_look = min(self._last_look, time.time() - 1)
        self.view.refresh_details()
        if not self._summary_timer.isActive():
            self._summary_timer.start()
        if not self._stats_timer.isActive():
            self._stats_timer.start()

    def on_jobs_created(self, records: list[JobRecord]) -> None:
        self._apply(records)

    def _track_new(self, records: list[JobRecord]) -> None:
        """Start polling jobs the server has just accepted.

        Only records that were never polled (no status yet): tracking a job the poller already
        follows would reset its back-off.
        """
        fresh = [r for r in records if r.state.is_active and r.status_json is None]
        if fresh:
            self.ctx.poller.track(fresh)

    def on_jobs_submitted(self, records: list[JobRecord]) -> None:
        self._apply(records)
        self._track_new(records)

    def on_jobs_changed(self, records: list[JobRecord]) -> None:
        self._apply(records)
        self._track_new(records)  # in case the submitter reports through `changed` too

    def on_poll_error(self, profile: str, exc: Exception) -> None:
        if profile and profile != self.profile:
            return
        text = self.tr("Checking job status failed: %1. The app keeps trying.").replace(
            "%1", api_error_text(exc))  # fmt: skip
        action = None
        if type(exc).__name__ == "AuthError" and profile:
            text = self.tr("The server refused this account's keys, so job status is not "
                           "checked any more. Fix the keys, then retry.")  # fmt: skip
            action = lambda: self.ctx.poller.resume(profile)  # noqa: E731
        self.window.show_banner("jobs-poll", text, level="warning",
                                action_text=self.tr("Retry") if action else None, action=action)

    # --- summaries: nav badge, status bar, unresolved banner ---------------------------------

    def update_summary(self) -> None:
        records = self.model.records()
        active = sum(r.state in (JobState.SUBMITTING, JobState.WAITING, JobState.PROCESSING)
                     for r in records)  # fmt: skip
        done = retried_ids(records)
        unseen = sum(r.state is JobState.FAILED and r.id not in done
                     and (r.finished_at or 0) > self._last_look for r in records)  # fmt: skip
        parts = [f"{active:,}"] if active else []
        if unseen:
            parts.append(self.tr("%1 failed").replace("%1", f"{unseen:,}"))
        self.window.set_nav_badge("jobs", " · ".join(parts))
        undecided = [r for r in records if r.state is JobState.UNRESOLVED]
        if undecided:
            n = len(undecided)
            text = (self.tr("1 submission needs your decision") if n == 1 else
                    self.tr("%1 submissions need your decision").replace("%1", str(n)))
            self.window.show_banner("jobs-unresolved", text, level="warning",
                                    action_text=self.tr("Decide…"), action=self.open_unresolved)
        else:
            self.window.hide_banner("jobs-unresolved")
        if self._unresolved_dialog is not None:
            ids = {r.id for r in undecided}
            self._unresolved_dialog.remove_ids(
                [r.id for r in self._unresolved_dialog.records() if r.id not in ids])
        pipes = {r.pipeline for r in records}
        profile = self.ctx.profiles.get(self.profile) if self.profile else None
        mine = list(profile.pipelines) if profile is not None else []
        self.view.set_pipelines([*mine, *sorted(pipes - set(mine))])
        self.update_status()

    def failed_today(self) -> int:
        since = start_of_today()
        return len([r for r in open_failures(self.model.records())
                    if (r.finished_at or r.updated_at) >= since])  # fmt: skip

    def update_status(self) -> None:
        poller = self.ctx.poller
        watching = int(getattr(poller, "watching", 0) or 0)
        parts: list[str] = []
        if watching:
            text = (self.tr("watching 1 job") if watching == 1 else
                    self.tr("watching %1 jobs").replace("%1", f"{watching:,}"))
            nxt = getattr(poller, "next_check_in", None)
            if isinstance(nxt, int | float):
                text += " " + self.tr("(next check %1 s)").replace("%1", str(round(nxt)))
            parts.append(text)
        failed = self.failed_today()
        if failed:
            parts.append(self.tr("%1 failed today").replace("%1", f"{failed:,}"))
        self.window.set_status("jobs", " · ".join(parts))

    def _on_jobs_shown(self) -> None:
        self._last_look = time.time()
        self.update_summary()

    # --- submitting ------------------------------------------------------------------------

    def open_submit(self, bucket: str, keys: list[str]) -> SubmitDialog | None:
        profile = self.window.current_profile()
        if profile is None or not keys:
            return None
        presets = list(self.presets_provider())
        dialog = SubmitDialog(
            profile_name=profile.name, source_bucket=bucket, keys=keys, presets=presets,
            submitter=self.ctx.submitter, pipelines=profile.pipelines,
            default_pipeline=profile.default_pipeline, checked=self._checked,
            start_task=lambda coro: self._start(coro, "jobs:submit"), parent=self.window,
        )  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(self.on_batch_submitted)
        dialog.finished.connect(lambda _r: self._remember_presets(dialog))
        self.last_dialog = dialog
        dialog.open()
        self._start(self._fill_buckets(dialog, profile.name), "jobs:buckets")
        return dialog

    def _remember_presets(self, dialog: SubmitDialog) -> None:
        self._checked = tuple(p.name for p in dialog.selected_presets()) or self._checked

    async def _fill_buckets(self, dialog: SubmitDialog, profile: str) -> None:
        buckets = await self.links.buckets(profile)
        if buckets:
            dialog.set_buckets([b.name for b in buckets])

    def on_batch_submitted(self, batch_id: str, records: list[JobRecord]) -> None:
        self.notifier.watch(batch_id, records)
        n = len(records)
        when = datetime.now().strftime("%H:%M")
        label = (self.tr("Showing the batch of 1 job submitted at %1") if n == 1 else
                 self.tr("Showing the batch of %2 jobs submitted at %1").replace(
                     "%2", f"{n:,}")).replace("%1", when)  # fmt: skip
        self.view.set_chip(Chip.ALL)
        self.view.set_batch(batch_id, label)
        self.window.show_view("jobs")

    def show_batch(self, batch_id: str) -> None:
        self.show_batches([batch_id])

    def show_batches(self, batch_ids: list[str]) -> None:
        self.view.set_chip(Chip.ALL)
        self.view.set_batches(batch_ids)
        self.window.show_view("jobs")

    def on_batch_finished(self, summary: BatchSummary) -> None:
        """One coalesced in-app banner for all finished batches; one tray message per batch."""
        self.batch_banner.add(summary)
        self.tray.notify(self.tr("Transcoding finished"), summary.text(), failed=summary.failed > 0)

    # --- pipelines -------------------------------------------------------------------------

    def save_pipelines(self, names: tuple[str, ...], default: str) -> None:
        profile = self.ctx.profiles.get(self.profile) if self.profile else None
        if profile is None:
            return
        new = dataclasses.replace(profile, pipelines=tuple(names), default_pipeline=default)
        try:
            self.ctx.profiles.upsert(new)
        except (OSError, ValueError) as exc:
            text = self.tr("The pipelines could not be saved: %1").replace("%1", str(exc))
            self.window.show_banner("jobs-pipelines", text, level="error")
        self.update_summary()

    async def refresh_stats(self) -> None:
        name = self.profile
        if name is None:
            return
        since = start_of_today()
        stats = await self.ctx.run_store(lambda: self.ctx.store.pipeline_stats(name, since=since))
        if name == self.profile:
            self.pipelines_view.set_stats(stats)
            self.pipelines_view.updated_label.setText(
                self.tr("Updated %1").replace("%1", datetime.now().strftime("%H:%M:%S")))


def install_jobs_feature(window: Any, ctx: Any, events: JobEvents | None = None) -> JobsFeature:
    """Add the Jobs and Pipelines views to `window` and connect them to the services.

    `events` defaults to `ctx.events` (the hub app.py passes to the poller and submitter).
    """
    return JobsFeature(window, ctx, events)
