"""Adds uploads to the main window: the Transfers view (Ctrl+5), Upload… on the toolbar and in
a File menu, and drag and drop of files and folders onto the Files view."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolButton

from qfopgui.core.presets import Preset
from qfopgui.services.upload_types import UploadQueue
from qfopgui.ui.background import TaskStarter
from qfopgui.ui.context import AppContext
from qfopgui.ui.jobs.controller import JobsController
from qfopgui.ui.jobs.jobs_filter import Chip
from qfopgui.ui.shell.main_window import MainWindow
from qfopgui.ui.uploads.controller import VIEW, UploadsController
from qfopgui.ui.uploads.drop_target import DropTarget
from qfopgui.ui.uploads.shell_protocol import ShowJob, UploadsShell
from qfopgui.ui.widgets.icons import icon


def _t(text: str) -> str:
    return QCoreApplication.translate("UploadsFeature", text)


def install_uploads_feature(
    window: MainWindow,
    ctx: AppContext,
    uploads: UploadQueue,
    presets_provider: Callable[[], Sequence[Preset]],
    *,
    show_job: ShowJob | None = None,
) -> UploadsController:
    """Build the controller on `uploads` and hook it into the window; returns it (keep it)."""
    files = window.files_view
    controller = UploadsController(
        window,
        files,
        uploads,
        settings=ctx.settings,
        profiles=ctx.profiles,
        tasks=TaskStarter(ctx.tasks, window),
        presets_provider=presets_provider,
        refresh_files=files.refresh_if_showing,
        show_job=show_job,
        parent=window,
    )
    window.add_view(VIEW, _t("Transfers"), controller.view, icon=icon("transfers"))
    window.quit_gate.count_uploads(controller.model.active_count)

    upload = window.toolbar.upload_action
    upload.triggered.connect(controller.choose_files)
    folder = QAction(icon("folder"), _t("Upload folder…"), window)
    folder.setObjectName("upload_folder_action")
    folder.setShortcut(QKeySequence("Ctrl+Shift+U"))
    folder.setToolTip(_t("Upload a folder and everything in it, keeping its structure"))
    folder.setEnabled(False)
    folder.triggered.connect(controller.choose_folder)
    window.addAction(folder)
    menu = QMenu(_t("&File"), window)
    menu.setObjectName("file_menu")
    menu.addAction(upload)
    menu.addAction(folder)
    window.menuBar().insertMenu(window.account_menu.menuAction(), menu)
    button = window.toolbar.widgetForAction(upload)
    if isinstance(button, QToolButton):
        button.setObjectName("upload_button")
        button.setAccessibleName(_t("Upload files"))
        choices = QMenu(button)
        choices.addAction(upload)
        choices.addAction(folder)
        button.setMenu(choices)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)

    def update_actions(*_args: object) -> None:
        can = controller.target() is not None
        upload.setEnabled(can)
        folder.setEnabled(can)

    files.bucket_changed.connect(update_actions)
    update_actions()

    drops = DropTarget(controller.drop_place, parent=controller)
    drops.watch(files.table.viewport())
    drops.watch(files.message)
    drops.dropped.connect(controller.on_dropped)
    controller.drops = drops
    controller.file_menu = menu
    controller.folder_action = folder
    return controller


def job_opener(jobs: JobsController, shell: UploadsShell) -> ShowJob:
    """ "Show job": the Jobs view with every job listed and this one selected."""

    def show(job_id: int) -> None:
        jobs.view.set_chip(Chip.ALL)
        jobs.view.set_batch("")
        shell.show_view("jobs")
        jobs.view.select_job(job_id)

    return show
