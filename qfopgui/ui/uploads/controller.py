"""The uploads controller: turns drops and Upload… into batches for the upload service, and the
service's reports into the Transfers view, the nav badge and the status bar.

What happens to a file (scan, conflicts, resume, retry) is decided by the service behind
`UploadQueue`; this module only asks, shows and forwards. Scanning, queueing, cancelling and
retrying are awaited service calls (the service works off the Qt thread).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from qfopgui.core.presets import BUILTIN_PRESETS, Preset
from qfopgui.services.profiles import ProfileStore
from qfopgui.services.upload_types import ACTIVE_STATES, Transfer, TransferState, UploadQueue
from qfopgui.settings import Settings
from qfopgui.ui.background import TaskStarter
from qfopgui.ui.uploads.drop_target import DropTarget
from qfopgui.ui.uploads.file_chooser import ChoosePaths, choose_local_paths
from qfopgui.ui.uploads.overall_line import finished_text, overall_text
from qfopgui.ui.uploads.shell_protocol import RefreshIfShowing, ShowJob, UploadsShell, UploadTarget
from qfopgui.ui.uploads.transcode_box import RememberedUploadPresets
from qfopgui.ui.uploads.transfer_texts import folder_of, place_text, service_text
from qfopgui.ui.uploads.transfers_model import TransfersModel
from qfopgui.ui.uploads.transfers_view import TransfersView
from qfopgui.ui.uploads.upload_dialog import UploadDialog
from qfopgui.ui.uploads.upload_run import RunFigures, UploadRun
from qfopgui.ui.widgets.message_panel import error_text

log = logging.getLogger(__name__)

VIEW = "transfers"
STATUS = "uploads"
FINISHED_BANNER = "uploads-finished"
RECORDS_BANNER = "uploads-records"  # the uploads file was set aside or cannot be written
SUMMARY_MS = 250  # overall line, badge and status bar: at most 4 times a second


def _builtin_presets() -> Sequence[Preset]:
    return BUILTIN_PRESETS


class UploadsController(QObject):
    """Owns the Transfers view; the upload service's `TransfersListener`."""

    def __init__(
        self,
        shell: UploadsShell,
        files: UploadTarget,
        uploads: UploadQueue,
        *,
        settings: Settings,
        profiles: ProfileStore,
        tasks: TaskStarter,
        presets_provider: Callable[[], Sequence[Preset]] = _builtin_presets,
        refresh_files: RefreshIfShowing | None = None,
        show_job: ShowJob | None = None,
        choose_paths: ChoosePaths = choose_local_paths,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.shell = shell
        self.files = files
        self.uploads = uploads
        self.profiles = profiles
        self.tasks = tasks
        self.presets_provider = presets_provider
        self.remembered = RememberedUploadPresets(settings)
        self._refresh_files = refresh_files
        self._show_job = show_job
        self._choose_paths = choose_paths
        self._last_dir = ""
        self.dialog: UploadDialog | None = None  # the one open now (tests wait for it)
        # set by `install_uploads_feature` (the window's parts of the feature)
        self.drops: DropTarget | None = None
        self.file_menu: QMenu | None = None
        self.folder_action: QAction | None = None
        self.run = UploadRun()
        self.model = TransfersModel(self)
        self.view = TransfersView(self.model, can_show_jobs=show_job is not None)
        self._summary_timer = QTimer(self, singleShot=True, interval=SUMMARY_MS)
        self._summary_timer.timeout.connect(self.update_summary)
        v = self.view
        v.cancel_requested.connect(self.cancel)
        v.retry_requested.connect(self.retry)
        v.cancel_all_requested.connect(self.cancel_all)
        v.retry_failed_requested.connect(self.retry_failed)
        v.clear_finished_requested.connect(self.clear_finished)
        v.open_requested.connect(self.open_in_files)
        v.show_job_requested.connect(self.show_job)
        v.shown.connect(self._on_view_shown)
        existing = uploads.transfers()
        self.model.set_transfers(existing)
        self.run.update(existing)
        uploads.set_listener(self)
        self.update_summary()

    # --- where uploads go --------------------------------------------------------------------

    def target(self) -> tuple[str, str, str] | None:
        """(profile, bucket, prefix) of the folder shown in Files, or None without a bucket."""
        profile, bucket = self.files.current_profile(), self.files.current_bucket()
        if profile is None or not bucket:
            return None
        return profile.name, bucket, self.files.current_prefix()

    def drop_place(self) -> str | None:
        """Where a drop would go, as the drop hint says it (None: nowhere now)."""
        target = self.target()
        return place_text(target[1], target[2]) if target is not None else None

    # --- starting uploads ----------------------------------------------------------------------

    def on_dropped(self, paths: list[Path]) -> None:
        self.tasks.command(self.upload(paths), "uploads:upload")

    def choose_files(self) -> None:
        self.tasks.command(self._choose_and_upload(folder=False), "uploads:choose")

    def choose_folder(self) -> None:
        self.tasks.command(self._choose_and_upload(folder=True), "uploads:choose")

    async def _choose_and_upload(self, *, folder: bool) -> None:
        if self.target() is None:
            self._say_open_a_bucket()
            return
        paths = await self._choose_paths(self.shell.dialog_parent(), folder, self._last_dir)
        if paths:
            self._last_dir = str(paths[0].parent)  # the next dialog opens beside them
            await self.upload(paths)

    async def upload(self, paths: Sequence[Path]) -> list[Transfer]:
        """Scan, ask the one question for the batch, then queue it; returns what was queued."""
        target = self.target()
        if target is None:
            self._say_open_a_bucket()
            return []
        profile, bucket, prefix = target
        self.shell.set_status(STATUS, self.tr("Looking at the files to upload…"))
        try:
            scan = await self.uploads.scan(profile, bucket, prefix, list(paths))
        except Exception as exc:  # noqa: BLE001 - shown as a banner; nothing was sent
            log.warning("scanning an upload failed: %s", exc)
            self.shell.set_status(STATUS, "")
            self.shell.show_banner(
                "uploads-scan",
                self.tr("The files could not be prepared for upload: %1").replace(
                    "%1", error_text(exc)
                ),
                level="error",
            )
            return []
        self.shell.set_status(STATUS, "")
        self.update_summary()  # the running uploads' line again, if any
        self.shell.hide_banner("uploads-scan")
        saved = self.profiles.get(profile)
        dialog = UploadDialog(
            scan,
            presets=list(self.presets_provider()),
            checked=self.remembered.load(),
            pipelines=saved.pipelines if saved is not None else (),
            default_pipeline=saved.default_pipeline if saved is not None else "",
            roots=list(paths),
            parent=self.shell.dialog_parent(),
        )
        self.dialog = dialog
        try:
            choice = await dialog.ask()
            remembered = dialog.transcode.remembered_names()
        finally:
            self.dialog = None
            dialog.deleteLater()
        if choice is None:
            return []
        self.remembered.save(remembered)
        try:
            queued = await self.uploads.enqueue(
                scan, conflicts=choice.conflicts, transcode=choice.transcode
            )
        except Exception as exc:  # noqa: BLE001 - the batch was not queued; say so
            log.warning("queueing an upload failed: %s", exc)
            self.shell.show_banner(
                "uploads-scan",
                self.tr("The upload could not start: %1").replace("%1", error_text(exc)),
                level="error",
            )
            return []
        self.on_transfers_changed(queued)
        self.shell.hide_banner(FINISHED_BANNER)
        return queued

    def _say_open_a_bucket(self) -> None:
        self.shell.set_status(
            STATUS, self.tr("Open a bucket in Files first: uploads go into the folder shown.")
        )

    # --- the service's reports (TransfersListener) ---------------------------------------------

    def on_transfers_changed(self, transfers: list[Transfer]) -> None:
        arrived: dict[tuple[str, str], list[str]] = {}  # (profile, bucket) → keys now there
        for t in transfers:
            before = self.model.get(t.id)
            # done just now (not an old row the service lists again at start)
            if t.state is TransferState.DONE and before is not None and before.state is not t.state:
                arrived.setdefault((t.profile, t.bucket), []).append(t.key)
        self.model.apply(transfers)
        ended = self.run.update(transfers)
        if self._refresh_files is not None:
            for (profile, bucket), keys in arrived.items():
                self._refresh_files(bucket, keys, profile=profile)
        if ended is not None:
            self._run_ended(ended)
        if not self._summary_timer.isActive():
            self._summary_timer.start()

    def on_transfers_removed(self, ids: list[int]) -> None:
        self.model.remove_ids(ids)
        self.run.remove(ids)
        if not self._summary_timer.isActive():
            self._summary_timer.start()

    def on_records_problem(self, template: str, params: Mapping[str, str]) -> None:
        english = template.format(**params)
        text = service_text(template, params.items(), english)
        self.shell.show_banner(RECORDS_BANNER, text, level="warning")

    def _run_ended(self, figures: RunFigures) -> None:
        text = finished_text(figures)
        self.shell.set_status(STATUS, text)
        if figures.failed:
            self.shell.show_banner(
                FINISHED_BANNER,
                text,
                level="warning",
                action_text=self.tr("Show transfers"),
                action=self.show_transfers,
            )

    def update_summary(self) -> None:
        figures = self.run.figures()
        self.view.overall.show_figures(figures)
        active = self.model.count(*ACTIVE_STATES)
        failed = self.model.count(TransferState.FAILED)
        # short, so it fits the nav at 1024 px: how many are on their way, else what failed
        if active:
            badge = f"{active:,}"
        elif failed:
            badge = self.tr("%1 failed").replace("%1", f"{failed:,}")
        else:
            badge = ""
        self.shell.set_nav_badge(VIEW, badge)
        if active:
            self.shell.set_status(
                STATUS, self.tr("Uploading: %1").replace("%1", overall_text(figures))
            )

    def _on_view_shown(self) -> None:
        self.shell.hide_banner(FINISHED_BANNER)

    def show_transfers(self) -> None:
        self.shell.show_view(VIEW)

    # --- the view's requests -----------------------------------------------------------------

    def cancel(self, ids: list[int]) -> None:
        self.tasks.command(self.uploads.cancel(ids), "uploads:cancel")

    def retry(self, ids: list[int]) -> None:
        self.tasks.command(self.uploads.retry(ids), "uploads:retry")

    def cancel_all(self) -> None:
        ids = self.model.ids_in(ACTIVE_STATES)
        if ids:
            self.cancel(ids)

    def retry_failed(self) -> None:
        ids = self.model.ids_in([TransferState.FAILED])
        if ids:
            self.retry(ids)

    def clear_finished(self) -> None:
        self.tasks.command(self.uploads.clear_finished(), "uploads:clear")

    def open_in_files(self, t: Transfer) -> None:
        """The uploaded file's folder in Files (the same account only: it is the one shown)."""
        shown = self.files.current_profile()
        if shown is None or shown.name != t.profile:
            self.shell.set_status(
                STATUS,
                self.tr(
                    "This file was uploaded with the account “%1”: switch to it first."
                ).replace("%1", t.profile),
            )
            return
        if self.files.current_bucket() != t.bucket:
            self.files.open_bucket(t.bucket)
        if self.files.current_bucket() != t.bucket:  # not in the account's list (any more)
            self.shell.set_status(
                STATUS, self.tr("The bucket “%1” is not in the list.").replace("%1", t.bucket)
            )
            return
        self.files.open_folder(folder_of(t.key))
        self.shell.show_view("files")

    def show_job(self, job_id: int) -> None:
        if self._show_job is not None:
            self._show_job(job_id)
