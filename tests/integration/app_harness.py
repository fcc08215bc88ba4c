"""Run the real app (composition root, views, services) on the real in-process sandbox.

`start_app` does what `qfopgui.app.amain` does before it waits for the window to close: build,
install the features, show the window, probe the keyring, start the poller and (like
`--sandbox`) the sandbox. The only seam is the sandbox server factory, wrapped so a test can
reach the server it started (storage, hits) and give it extra key pairs. Everything else is
driven through the UI objects a user would click.

Scenarios run inside `qloop.run_until_complete(...)`; waits use `tests.helpers.aio` (never
`qtbot.wait*` or `exec()` inside a coroutine: a nested Qt loop leaves every other asyncio task
stuck, which shows as a hang in teardown).
"""

from __future__ import annotations

import contextlib
import dataclasses
import shutil
import sqlite3
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

import av
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLabel

from qfopgui.app import MainThreadGC, Runtime, build, install_features, shutdown, start_background
from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.log import setup_logging, shutdown_logging
from qfopgui.paths import Paths
from qfopgui.sandbox import SandboxServer
from qfopgui.services import sandbox_manager
from qfopgui.ui.jobs.jobs_model import Column
from qfopgui.ui.jobs.submit_dialog import SubmitDialog
from qfopgui.ui.uploads.controller import UploadsController
from tests.helpers.aio import wait_until

DEMO = "demo"
CLIP_720P = "videos/sample-1280x720-10s.mp4"  # 10 s, 1280x720
CLIP_VERTICAL = "videos/vertical-720x1280-5s.mp4"  # 5 s, 720x1280


def new_basedir(seed: Path, base: Path) -> Path:
    """A fresh app basedir whose sandbox data is a copy of the seeded demo data."""
    shutil.copytree(seed, Paths.under(base).sandbox_dir)
    return base


@dataclass
class RunningApp:
    rt: Runtime
    servers: list[SandboxServer]
    collector: MainThreadGC
    paths: Paths
    task_errors: list[tuple[str, BaseException]] = field(default_factory=list)

    @property
    def window(self) -> Any:
        return self.rt.window

    @property
    def ctx(self) -> Any:
        return self.rt.ctx

    @property
    def feature(self) -> Any:
        return self.rt.features.jobs

    @property
    def presets(self) -> Any:
        """The Presets feature's controller (view, editor, library)."""
        return self.rt.features.presets

    @property
    def files(self) -> Any:
        return self.rt.window.files_view

    @property
    def uploads(self) -> UploadsController:
        """The uploads feature's controller (Transfers view, drops, Upload…)."""
        assert self.rt.features.uploads is not None
        return self.rt.features.uploads

    @property
    def jobs_view(self) -> Any:
        return self.feature.view

    @property
    def jobs_model(self) -> Any:
        return self.feature.model

    @property
    def server(self) -> SandboxServer:
        assert self.servers, "the sandbox was not started"
        return self.servers[-1]

    def records(self) -> list[JobRecord]:
        return list(self.jobs_model.records())

    def status_words(self) -> dict[int, str]:
        """Job id → the word the Jobs table shows in its Status column."""
        m = self.jobs_model
        return {m.record(r).id: m.index(r, Column.STATUS).data() for r in range(m.rowCount())}


async def start_app(
    base: Path,
    *,
    sandbox: bool = True,
    extra_credentials: Sequence[tuple[str, str]] = (),
) -> RunningApp:
    """Start the app on `base` as `qfopgui --basedir base [--sandbox]` would."""
    paths = Paths.under(base).ensure()
    servers: list[SandboxServer] = []

    app_factory = sandbox_manager.default_server_factory

    def factory(data_dir: Path, ak: str, sk: str, buckets: Sequence[str]) -> SandboxServer:
        """The app's own server, plus any extra key pairs (kept in memory only)."""
        config = app_factory(data_dir, ak, sk, buckets).config
        extra = [*config.credentials, *extra_credentials]
        server = SandboxServer(dataclasses.replace(config, credentials=extra))
        servers.append(server)
        return server

    redactor = setup_logging(paths.log_dir)
    with mock.patch.object(sandbox_manager, "default_server_factory", factory):
        rt = build(paths, redactor)
    collector = MainThreadGC()
    collector.start()
    install_features(rt)
    window, ctx = rt.window, rt.ctx
    app = RunningApp(rt=rt, servers=servers, collector=collector, paths=paths)
    shown = ctx.tasks.on_error  # the window's "Something went wrong" banner

    def record(exc: BaseException, name: str) -> None:
        app.task_errors.append((name, exc))
        shown(exc, name)

    ctx.tasks.on_error = record
    window.show()
    start_background(rt)
    if sandbox:
        window.start_sandbox()
    return app


async def stop_app(app: RunningApp) -> None:
    """Quit as the app does when its window closes."""
    try:
        await shutdown(app.rt)
    finally:
        app.collector.stop()
        shutdown_logging()


@contextlib.asynccontextmanager
async def running_app(base: Path, **kwargs: Any) -> AsyncIterator[RunningApp]:
    """`start_app` … `stop_app`; on a clean exit, no UI task may have failed meanwhile."""
    app = await start_app(base, **kwargs)
    try:
        yield app
    finally:
        await stop_app(app)
    assert not app.task_errors, f"UI tasks failed: {app.task_errors}"


# --- Files view and Transcode dialog ----------------------------------------------------------


async def open_folder(app: RunningApp, bucket: str, prefix: str, timeout: float = 60) -> None:
    fv = app.files
    await wait_until(lambda: fv.bucket_list.count() > 0, timeout=timeout)
    if fv.current_bucket() != bucket:
        fv.open_bucket(bucket)
    await wait_until(lambda: fv.current_bucket() == bucket, timeout=timeout)
    fv.open_folder(prefix)
    await wait_until(
        lambda: (
            not fv.model.loading
            and fv.model.rowCount() > 0
            and all(fv.model.key_at(r).startswith(prefix) for r in range(fv.model.rowCount()))
        ),
        timeout=timeout,
    )


def select_files(app: RunningApp, keys: Sequence[str]) -> None:
    """Select these rows in the Files table, as ctrl-clicks would."""
    fv = app.files
    sel = fv.table.selectionModel()
    sel.clearSelection()
    rows = {fv.model.key_at(r): r for r in range(fv.model.rowCount())}
    for key in keys:
        sel.select(
            fv.model.index(rows[key], 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert fv.selected_keys() == sorted(keys, key=lambda k: rows[k])


async def open_transcode(app: RunningApp) -> SubmitDialog:
    """Press the toolbar's Transcode… action; returns the dialog it opened."""
    before = app.feature.last_dialog
    action = app.window.transcode_action
    assert action.isEnabled()
    action.trigger()
    await wait_until(lambda: app.feature.last_dialog is not before)
    dialog = app.feature.last_dialog
    assert isinstance(dialog, SubmitDialog)
    assert dialog.isVisible()
    return dialog


async def choose_presets_and_submit(dialog: SubmitDialog, names: Sequence[str]) -> None:
    """Check exactly `names` in the presets list, wait for the preview, click Submit."""
    model = dialog.presets_model
    found: set[str] = set()
    for row in range(model.rowCount()):
        item = model.item(row)
        name = item.data(Qt.ItemDataRole.UserRole)  # the stable preset name, not the label
        on = name in names
        if on:
            found.add(name)
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if item.checkState() != state:
            item.setCheckState(state)
    assert found == set(names), f"presets not offered: {set(names) - found}"
    await wait_until(lambda: dialog.submit_button.isEnabled(), timeout=10)
    assert [p.name for p in dialog.selected_presets()] == [
        model.item(r).text() for r in range(model.rowCount()) if model.item(r).text() in names
    ]
    dialog.submit_button.click()


# --- Jobs view -------------------------------------------------------------------------------


def select_job(app: RunningApp, job_id: int) -> None:
    """Click the job's row in the Jobs table (the details pane follows the current row)."""
    view = app.jobs_view
    view.set_batch("")
    view.select_job(job_id)
    current = view.current_record()
    assert current is not None
    assert current.id == job_id


def details_texts(app: RunningApp) -> list[str]:
    """Every label the details pane shows, top to bottom."""
    body = app.jobs_view.details.widget()
    return [label.text() for label in body.findChildren(QLabel)]


async def wait_states(
    app: RunningApp, ids: Sequence[int], states: set[JobState], timeout: float = 60
) -> list[JobRecord]:
    """Wait until each job shows one of `states` in the Jobs model; returns their records."""

    def ready() -> bool:
        return all((r := app.jobs_model.get(i)) is not None and r.state in states for i in ids)

    try:
        await wait_until(ready, timeout=timeout, interval=0.05)
    except TimeoutError:
        now = {i: getattr(app.jobs_model.get(i), "state", None) for i in ids}
        raise AssertionError(f"jobs not in {states} after {timeout} s: {now}") from None
    return [app.jobs_model.get(i) for i in ids]


# --- sandbox side ------------------------------------------------------------------------------


def stored_path(server: SandboxServer, bucket: str, key: str) -> Path:
    obj = server.storage.stat(bucket, key)
    assert obj is not None, f"{bucket}/{key} is not in the sandbox"
    return obj.path


def probe_video(path: Path) -> tuple[str, int, int, float]:
    """(codec, width, height, duration in s) with PyAV."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        duration = float(container.duration or 0) / av.time_base
        return stream.codec_context.name, stream.width, stream.height, duration


def decode_picture(path: Path) -> tuple[str, int, int]:
    """(codec, width, height) of the first decoded frame: proves the picture is real."""
    with av.open(str(path)) as container:
        frame = next(container.decode(video=0))
        return container.streams.video[0].codec_context.name, frame.width, frame.height


def sandbox_task_count(paths: Paths) -> int:
    """Tasks the sandbox has ever accepted (its persisted task table, read directly)."""
    db = paths.sandbox_dir / "processing" / "tasks.sqlite"
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM tasks").fetchone()[0])
