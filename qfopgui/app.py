"""Composition root: parse flags, build every service once, inject them, run on a qasync loop.

Order matters: paths → logging (with the redactor) → QApplication → translations → the event
loop (PySide6 is imported before qasync so qasync binds to it) → services → window.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import sys
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from qfopgui import __version__
from qfopgui.log import RedactingFilter, setup_logging, shutdown_logging
from qfopgui.paths import Paths

if TYPE_CHECKING:
    from qfopgui.ui.context import AppContext
    from qfopgui.ui.files.auto_refresh import FilesAutoRefresh
    from qfopgui.ui.files.files_context_menu import FilesContextMenu
    from qfopgui.ui.jobs.controller import JobsController
    from qfopgui.ui.jobs.job_events import JobEvents
    from qfopgui.ui.presets.controller import PresetsController
    from qfopgui.ui.presets.preview_launcher import PreviewLauncher
    from qfopgui.ui.shell.main_window import MainWindow
    from qfopgui.ui.uploads.controller import UploadsController

log = logging.getLogger("qfopgui")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="qfopgui", description="Run and watch Qiniu pfop jobs.")
    p.add_argument(
        "--sandbox", action="store_true", help="open on the built-in sandbox with demo files"
    )
    p.add_argument(
        "--smoke-test", action="store_true", help="build everything, show offscreen, exit"
    )
    p.add_argument("--basedir", type=Path, help="keep config, data and logs under this directory")
    p.add_argument("--lang", choices=("zh_CN", "en"), help="user interface language")
    p.add_argument("--debug", action="store_true", help="verbose log, also on stderr")
    p.add_argument("--version", action="version", version=f"qfopgui {__version__}")
    return p.parse_args(list(argv) if argv is not None else None)


@dataclass
class Features:
    """The controllers `install_features` made (they must stay referenced while the app runs)."""

    jobs: JobsController
    presets: PresetsController
    launcher: PreviewLauncher
    uploads: UploadsController | None
    files_menu: FilesContextMenu
    auto_refresh: FilesAutoRefresh


@dataclass
class Runtime:
    """What `amain` builds and must tear down again."""

    ctx: AppContext
    window: MainWindow
    events: JobEvents
    executors: dict[str, Executor] = field(default_factory=dict)
    features: Features | None = None  # set by `install_features`; keeps them referenced


def build(paths: Paths, redactor: RedactingFilter) -> Runtime:
    """Build every service once and the main window. Must run inside the qasync loop."""
    from qfopgui.services.account_keys import AccountKeys
    from qfopgui.services.clients import ClientFactory
    from qfopgui.services.executors import DaemonThreadExecutor, runner, serial_executor
    from qfopgui.services.jobs import JobsService
    from qfopgui.services.links import LinkResolver
    from qfopgui.services.output_probe import OutputProbe
    from qfopgui.services.output_verifier import OutputVerifier
    from qfopgui.services.poller import JobPoller
    from qfopgui.services.preset_library import PresetLibrary
    from qfopgui.services.preset_preview import PreviewRunner
    from qfopgui.services.preview_journal import PreviewJournal
    from qfopgui.services.profiles import ProfileStore
    from qfopgui.services.sandbox_manager import SandboxManager
    from qfopgui.services.sandbox_pipelines import SandboxPipelines
    from qfopgui.services.secrets import SecretStore
    from qfopgui.services.store import JobStore
    from qfopgui.services.submitter import Submitter
    from qfopgui.services.thumbnails import build_thumbnails
    from qfopgui.services.upload_records import UploadRecords
    from qfopgui.services.uploads import UploadService
    from qfopgui.settings import Settings
    from qfopgui.ui.background import TaskOwner
    from qfopgui.ui.context import AppContext
    from qfopgui.ui.jobs.job_events import JobEvents
    from qfopgui.ui.links.link_preferences import LinkPreferences
    from qfopgui.ui.shell.main_window import MainWindow

    net = DaemonThreadExecutor(8, name="qfop-net")
    asyncio.get_running_loop().set_default_executor(net)
    store_ex, keyring_ex = serial_executor("qfop-store"), serial_executor("qfop-keyring")
    sandbox_ex = serial_executor("qfop-sandbox")
    upload_ex = DaemonThreadExecutor(8, name="qfop-upload")  # parts resume: no need to wait
    records_ex = serial_executor("qfop-uploads-db")  # upload records, not behind job writes
    cache_ex = serial_executor("qfop-cache")  # thumbnail files, never behind job-store writes
    executors: dict[str, Executor] = {
        "net": net,
        "store": store_ex,
        "keyring": keyring_ex,
        "sandbox": sandbox_ex,
        "upload": upload_ex,
        "cache": cache_ex,
        "uploads-db": records_ex,
    }
    run_blocking, run_store, run_keyring = runner(net), runner(store_ex), runner(keyring_ex)
    settings = Settings(paths.settings_file)
    profiles = ProfileStore(paths.profiles_file)
    secrets = SecretStore()
    store = JobStore(paths.jobs_db)  # opened on the store thread by the jobs service
    tasks = TaskOwner()
    clients = ClientFactory(profiles, secrets, run_keyring, on_secret=redactor.add_secret)
    sandbox = SandboxManager(paths.sandbox_dir, profiles, clients, runner(sandbox_ex))
    poller = JobPoller(
        store=store,
        run_store=run_store,
        client_for=clients.client_for,
        run_blocking=run_blocking,
        on_changed=_unwired,
    )
    submitter = Submitter(
        store=store,
        run_store=run_store,
        client_for=clients.client_for,
        run_blocking=run_blocking,
    )
    accounts = AccountKeys(profiles, clients, sandbox)
    jobs = JobsService(
        store=store,
        run_store=run_store,
        run_blocking=run_blocking,
        submitter=submitter,
        poller=poller,
        status_client_for=clients.client_for,
        prepare_account=accounts.prepare,
        verifier=OutputVerifier(
            store=store,
            run_store=run_store,
            probe=OutputProbe(run_blocking),
            client_for=clients.client_for,
            prepare_account=accounts.prepare,
        ),
    )
    previews = PreviewRunner(
        clients.client_for,
        run_blocking,
        PreviewJournal(paths.preview_journal, run_store),
        prepare_account=accounts.prepare,
    )
    events = JobEvents()
    jobs.set_listener(events)
    links = LinkResolver(
        clients.client_for, run_blocking, domain_choice=LinkPreferences(settings).domain_for
    )

    uploads = UploadService(
        records=UploadRecords(paths.uploads_db),
        run_records=runner(records_ex),
        client_for=clients.client_for,
        run_blocking=runner(upload_ex),
        submitter=submitter,
        prepare_account=accounts.prepare,
        jobs_ready=jobs.wait_ready,
        batch_sent=jobs.watch_batch,
    )
    ctx = AppContext(
        paths=paths,
        settings=settings,
        profiles=profiles,
        secrets=secrets,
        store=store,
        run_store=run_store,
        run_blocking=run_blocking,
        run_keyring=run_keyring,
        clients=clients,
        poller=poller,
        submitter=submitter,
        tasks=tasks,
        sandbox=sandbox,
        jobs=jobs,
        presets=PresetLibrary(paths.presets_file),
        previews=previews,
        links=links,
        thumbnails=build_thumbnails(
            paths.thumbnails_dir, clients.client_for, run_blocking, runner(cache_ex), links
        ),
        uploads=uploads,
        sandbox_pipelines=SandboxPipelines(sandbox, run_blocking),
    )
    window = MainWindow(ctx, active_jobs=jobs.active_count)
    tasks.on_error = window.task_failed
    return Runtime(ctx=ctx, window=window, events=events, executors=executors)


def _unwired(_records: object) -> None:
    """Placeholder until the jobs service takes over the poller's reports."""


def install_features(rt: Runtime) -> None:
    """Views owned by other parts of the UI."""
    from qfopgui.ui.files.auto_refresh import FilesAutoRefresh
    from qfopgui.ui.files.files_context_menu import FilesContextMenu
    from qfopgui.ui.jobs.controller import install_jobs_feature
    from qfopgui.ui.presets.feature import install_presets_feature
    from qfopgui.ui.presets.preview_launcher import PreviewLauncher
    from qfopgui.ui.uploads.feature import install_uploads_feature, job_opener

    files = rt.window.files_view.details
    jobs = install_jobs_feature(
        rt.window, rt.ctx, rt.events, files_pane=files, banner_buttons=rt.window
    )
    window, ctx = rt.window, rt.ctx
    launcher = PreviewLauncher(
        window,
        ctx.previews,
        ctx.tasks,
        lambda: (window.files_view.current_bucket(), window.files_view.selected_keys()),
        parent=window,
    )
    presets = install_presets_feature(window, ctx, preview=launcher.from_editor)
    jobs.presets_provider = presets.presets
    jobs.preset_preview = launcher.from_transcode
    uploads = None
    if ctx.uploads is not None:  # the Transfers view (Ctrl+5), Upload… and drops on Files
        show_job = job_opener(jobs, window)
        uploads = install_uploads_feature(
            window, ctx, ctx.uploads, presets.presets, show_job=show_job
        )
    rt.features = Features(
        jobs=jobs,
        presets=presets,
        launcher=launcher,
        uploads=uploads,
        files_menu=FilesContextMenu(window.files_view, jobs.link_flow, parent=window),
        # finished jobs: their outputs marked in Files and the folder shown reloaded by itself
        auto_refresh=FilesAutoRefresh(window.files_view, rt.events, parent=window),
    )
    # samples of previews cut short last time (a quit or crash mid-way) are deleted now
    ctx.tasks.start(ctx.previews.cleanup_pending(), name="app:preview-cleanup")


class MainThreadGC:
    """Run Python's cyclic GC only on the Qt thread (started/stopped around the app's life).

    Left automatic, the collector runs on whichever thread allocates — often a network or
    sandbox worker — and deleting a QWidget caught in a reference cycle off the GUI thread
    crashes Qt. The same pattern as pyqtgraph's GarbageCollector.
    """

    def __init__(self, interval_ms: int = 1000) -> None:
        from PySide6.QtCore import QTimer

        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect)
        self._was_enabled = gc.isenabled()

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def collect(self) -> None:
        thresholds, counts = gc.get_threshold(), gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()


async def amain(args: argparse.Namespace, paths: Paths, redactor: RedactingFilter) -> int:
    from PySide6.QtWidgets import QApplication

    from qfopgui.ui.widgets.icons import check_assets

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    rt = build(paths, redactor)
    ctx, window = rt.ctx, rt.window
    collector = MainThreadGC()
    collector.start()
    closing = asyncio.Event()
    app.aboutToQuit.connect(closing.set)
    window.closed.connect(closing.set)
    try:
        install_features(rt)
        last = ctx.settings.get("ui/last_view")
        if last in window.views():
            window.show_view(last)
        if ctx.profiles.load_error:
            window.show_banner("profiles", ctx.profiles.load_error, level="error")
        window.show()
        start_background(rt)
        if args.sandbox:
            window.start_sandbox()
        if args.smoke_test:
            return await smoke_checks(window, check_assets())
        await closing.wait()
        return 0
    finally:
        await shutdown(rt)
        collector.stop()


def start_background(rt: Runtime) -> None:
    """What runs while the window is open: the keyring probe, the jobs service (recovery, then
    polling and verification) and the uploads a quit or crash interrupted."""
    ctx = rt.ctx
    ctx.tasks.start(rt.window.accounts.check_secure_storage(), name="app:keyring-probe")
    ctx.tasks.start(ctx.jobs.run(), name="app:jobs")
    if ctx.uploads is not None:
        ctx.tasks.start(ctx.uploads.resume_pending(), name="app:uploads-resume")


async def smoke_checks(window: MainWindow, bad_assets: list[str]) -> int:
    """Let the window paint, check it rendered and the assets loaded; 0 when all is well."""
    await asyncio.sleep(0.2)
    problems = [f"asset did not load: {name}" for name in bad_assets]
    if window.grab().isNull():
        problems.append("the window did not render")
    for p in problems:
        log.error("smoke test: %s", p)
        print(f"smoke test: {p}", file=sys.stderr)  # noqa: T201
    log.info("smoke test %s", "failed" if problems else "passed")
    window.close()
    return 1 if problems else 0


async def shutdown(rt: Runtime) -> None:
    ctx = rt.ctx
    rt.window.save_state()
    await ctx.tasks.shutdown()
    if ctx.uploads is not None:  # workers stop; sessions are kept to resume next time
        await ctx.uploads.shutdown(grace=10)
    await ctx.submitter.drain(grace=10)  # pfop requests in flight get their rows completed
    try:
        await asyncio.wait_for(ctx.run_store(ctx.store.close), 5)
    except Exception:
        log.exception("closing the job store failed")
    ctx.sandbox.stop()
    rt.window.close()
    rt.window.deleteLater()
    for name, ex in rt.executors.items():
        durable = name in ("store", "uploads-db")  # their queued writes still happen
        ex.shutdown(wait=durable, cancel_futures=not durable)


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    log.critical("uncaught exception", exc_info=(kind, exc, tb))
    sys.__excepthook__(kind, exc, tb)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    paths = (Paths.under(args.basedir) if args.basedir else Paths.default()).ensure()
    redactor = setup_logging(
        paths.log_dir, level=logging.DEBUG if args.debug else logging.INFO, console=args.debug
    )
    log.info("qfopgui %s starting (data in %s)", __version__, paths.data_dir)
    if args.smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    old_hook, sys.excepthook = sys.excepthook, _excepthook

    # PySide6 before qasync: qasync binds to the first Qt binding already imported
    from PySide6.QtWidgets import QApplication

    # isort: split
    import qasync

    from qfopgui.i18n import install_translations
    from qfopgui.ui.widgets.icons import icon

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("qfopgui")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("app"))
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # amain decides when to stop, after cleaning up
    translators = install_translations(app, args.lang)
    try:
        with asyncio.Runner(loop_factory=qasync.QEventLoop) as r:
            return r.run(amain(args, paths, redactor))
    finally:
        for t in translators:
            app.removeTranslator(t)
        app.setQuitOnLastWindowClosed(quit_on_close)
        sys.excepthook = old_hook
        log.info("qfopgui stopped")
        shutdown_logging()
