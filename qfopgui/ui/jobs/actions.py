"""What the user can do to jobs: retry, track by ID, remove, export, copy links, decide.

A base class of `JobsFeature` (jobs_feature.py), which owns the state these use: the model,
the view, the window, the services in `ctx`, and `_start` for running coroutines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.ui.background import run_dialog
from qfopgui.ui.csv_export import export_jobs_csv
from qfopgui.ui.jobs.track_dialog import TrackDialog
from qfopgui.ui.jobs.unresolved_dialog import UnresolvedDialog
from qfopgui.services.links import LinkResolver
from qfopgui.ui.jobs.notifications import BatchNotifier
from qfopgui.ui.jobs.jobs_model import JobsModel, open_failures
from qfopgui.ui.jobs.jobs_view import JobsView


class JobsActions(QObject):
    """The actions of the Jobs view; the attributes below are set by `JobsFeature`."""

    window: Any
    ctx: Any
    profile: str | None
    model: JobsModel
    view: JobsView
    links: LinkResolver
    notifier: BatchNotifier
    choose_export_path: Callable[[str], str | None]
    open_url: Callable[[str], object]
    _unresolved_dialog: UnresolvedDialog | None

    def _start(self, coro: Any, name: str | None = None) -> Any:
        raise NotImplementedError

    def update_summary(self) -> None:
        raise NotImplementedError

    # --- actions ---------------------------------------------------------------------------

    async def retry(self, records: Sequence[JobRecord]) -> int:
        """Submit again with overwrite; active jobs are skipped (they are still running)."""
        sub = self.ctx.submitter
        todo = [r for r in records if not r.state.is_active and r.state is not JobState.SUBMITTING]
        for n, r in enumerate(todo, 1):
            self.window.set_status("jobs-action", self.tr("Retrying %1 of %2…").replace(
                "%1", str(n)).replace("%2", str(len(todo))))  # fmt: skip
            if r.state is JobState.UNRESOLVED:
                await sub.resolve_unresolved(r, resubmit=True)
            else:
                await sub.retry(r)
        self.window.set_status("jobs-action", "")
        return len(todo)

    def retry_all_failed(self) -> None:
        self._start(self.retry(open_failures(self.model.records())), "jobs:retry")

    async def track_ids(self, ids: Sequence[str] | None = None) -> list[JobRecord]:
        if self.profile is None:
            return []
        if ids is None:
            dialog = TrackDialog(self.window)
            if await run_dialog(dialog) != TrackDialog.DialogCode.Accepted:
                return []
            ids = dialog.ids()
        profile, store = self.profile, self.ctx.store
        out = []
        for pid in ids:
            out.append(await self.ctx.run_store(
                lambda pid=pid: store.add_tracked(profile=profile, persistent_id=pid)))  # fmt: skip
        self.model.apply(out)
        self.ctx.poller.track(out)
        self.update_summary()
        if out:
            self.view.set_batch("")
            self.view.select_job(out[-1].id)
        return out

    async def remove(self, records: Sequence[JobRecord]) -> None:
        ids = [r.id for r in records]
        await self.ctx.run_store(lambda: self.ctx.store.remove(ids))
        self.ctx.poller.forget(ids)
        self.notifier.forget(ids)
        self.model.remove_ids(ids)
        self.view.refresh_details()
        self.update_summary()

    def export(self, records: list[JobRecord]) -> None:
        suggested = f"jobs-{datetime.now():%Y%m%d-%H%M}.csv"
        path = self.choose_export_path(suggested)
        if path:
            self._start(self.write_csv(Path(path), records), "jobs:export")

    async def write_csv(self, path: Path, records: list[JobRecord]) -> int:
        n: int = await self.ctx.run_store(lambda: export_jobs_csv(path, records))
        self.window.set_status("jobs-action", self.tr("Exported %1 jobs to %2").replace(
            "%1", f"{n:,}").replace("%2", path.name))  # fmt: skip
        return n

    def _ask_export_path(self, suggested: str) -> str | None:
        parent = self.window if isinstance(self.window, QWidget) else None
        path, _ = QFileDialog.getSaveFileName(parent, self.tr("Export jobs"), suggested,
                                              self.tr("CSV files (*.csv)"))  # fmt: skip
        return path or None

    async def copy_link(self, bucket: str, key: str) -> str | None:
        url = await self._link(bucket, key)
        if url:
            QGuiApplication.clipboard().setText(url)
            self.window.set_status("jobs-action", self.tr("Link copied"))
        return url

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
            self.window.show_banner("jobs-link", str(exc), level="warning")
            return None

    # --- unresolved ------------------------------------------------------------------------

    def open_unresolved(self) -> None:
        records = [r for r in self.model.records() if r.state is JobState.UNRESOLVED]
        if self._unresolved_dialog is None:
            dialog = UnresolvedDialog(records, self.window)
            dialog.resolve_requested.connect(
                lambda recs, again: self._start(self.resolve(recs, again), "jobs:resolve"))
            dialog.finished.connect(lambda _r: setattr(self, "_unresolved_dialog", None))
            self._unresolved_dialog = dialog
        else:
            self._unresolved_dialog.set_records(records)
        self._unresolved_dialog.open()

    async def resolve(self, records: Sequence[JobRecord], resubmit: bool) -> None:
        for r in records:
            await self.ctx.submitter.resolve_unresolved(r, resubmit=resubmit)
            if not resubmit:
                self.model.remove_ids([r.id])
                self.notifier.forget([r.id])
        self.update_summary()
