"""Fakes for the jobs feature: a stand-in main window, submitter, poller and clients.

The job store is the real sqlite `JobStore` on a temp file, called inline (the tests are
single-threaded, so the serial-executor guarantee holds trivially).
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from qfopgui.api.models import BucketInfo
from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.services.jobs import JobsService
from qfopgui.services.profiles import Profile, ProfileStore
from qfopgui.services.store import JobStore
from qfopgui.settings import Settings
from qfopgui.ui.background import TaskOwner

_IDS = itertools.count(1)


def make_record(**kw: Any) -> JobRecord:
    """A JobRecord with sensible defaults (ids count up across a test session)."""
    job_id = kw.pop("id", None) or next(_IDS) + 100_000
    base = JobRecord(
        id=job_id,
        profile="demo",
        bucket="media",
        key=f"clips/c{job_id}.mov",
        fops=("avthumb/mp4|saveas/eA==",),
        presets=("MP4 H.264 720p",),
        outputs=(f"clips/c{job_id}_720p.mp4",),
        output_bucket="media",
        pipeline="video",
        batch_id="b1",
        state=JobState.WAITING,
        persistent_id=f"z0.pid{job_id}",
        force=False,
        notify_url="",
        type=0,
        submitted_at=1_700_000_000.0 + job_id,
        updated_at=1_700_000_000.0,
        started_at=None,
        finished_at=None,
        status_json=None,
        error="",
        retry_of=None,
    )
    return replace(base, **kw)


async def inline(fn: Callable[[], Any]) -> Any:
    return fn()


class FakeWindow(QMainWindow):
    transcode_requested = Signal(str, list)
    profile_changed = Signal(str)
    refresh_requested = Signal()
    banner_dismissed = Signal(str)

    def __init__(self, profile: Profile | None) -> None:
        super().__init__()
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.views: dict[str, QWidget] = {}
        self.badges: dict[str, str] = {}
        self.banners: dict[str, dict[str, Any]] = {}
        self.status: dict[str, str] = {}
        self.shown_view: str | None = None
        self.profile = profile

    def add_view(self, key: str, title: str, widget: QWidget, *, icon: Any = None) -> None:
        self.views[key] = widget
        self.stack.addWidget(widget)

    def show_view(self, key: str) -> None:
        self.shown_view = key
        self.stack.setCurrentWidget(self.views[key])

    def set_nav_badge(self, key: str, text: str) -> None:
        self.badges[key] = text

    def show_banner(
        self,
        key: str,
        text: str,
        *,
        level: str = "info",
        action_text: str | None = None,
        action: Any = None,
    ) -> None:
        self.banners[key] = {
            "text": text,
            "level": level,
            "action_text": action_text,
            "action": action,
        }

    def hide_banner(self, key: str) -> None:
        self.banners.pop(key, None)

    def set_status(self, section: str, text: str) -> None:
        self.status[section] = text

    def current_profile(self) -> Profile | None:
        return self.profile

    def set_primary_widget(self, key: str, widget: QWidget) -> None:
        self.primary = (key, widget)

    def dialog_parent(self) -> QWidget:
        return self


class FakePoller:
    """Records what it is asked to follow; `on_changed`/`on_error` are wired by the service."""

    def __init__(self) -> None:
        self.on_changed: Any = None
        self.on_error: Any = None
        self.resumed: list[str] = []
        self.tracked: list[JobRecord] = []
        self.forgotten: list[int] = []
        self.polled_now = 0
        self.watching = 0
        self.next_check_in: float | None = None

    def track(self, records: Iterable[JobRecord]) -> None:
        self.tracked.extend(records)

    def forget(self, ids: Sequence[int]) -> None:
        self.forgotten.extend(ids)

    def poll_now(self) -> None:
        self.polled_now += 1

    def resume(self, profile: str) -> None:
        self.resumed.append(profile)

    async def run(self) -> None:
        await asyncio.Event().wait()


class FakeSubmitter:
    """Writes rows like the real one (through the store and its callbacks) but sends nothing.

    `gate`, when set, must be released once per file: it lets a test stop between files.
    """

    def __init__(self, store: JobStore) -> None:
        self.store = store
        self.on_created: Any = None
        self.on_updated: Any = None
        self.on_unsaved: Any = None
        self.on_saved_late: Any = None
        self.calls: list[dict[str, Any]] = []
        self.retried: list[JobRecord] = []
        self.resolved: list[tuple[JobRecord, bool]] = []
        self.gate: asyncio.Queue[None] | None = None

    async def submit(
        self,
        profile: str,
        items: Sequence[Any],
        options: Any,
        *,
        batch_id: str | None = None,
        progress: Any = None,
        cancel: asyncio.Event | None = None,
    ) -> list[JobRecord]:
        self.calls.append(
            {"profile": profile, "items": list(items), "options": options, "batch_id": batch_id}
        )
        out = []
        for n, item in enumerate(items, 1):
            if cancel is not None and cancel.is_set():
                break
            if self.gate is not None:
                await self.gate.get()
            rec = self.store.add_submitting(
                profile=profile,
                bucket=item.bucket,
                key=item.key,
                fops=item.fops,
                presets=item.presets,
                outputs=item.outputs,
                output_bucket=item.output_bucket,
                pipeline=options.pipeline,
                batch_id=batch_id or "",
                force=options.force,
                notify_url=options.notify_url,
                type=options.type,
            )
            self.on_created([rec])
            rec = self.store.mark_submitted(rec.id, f"z0.fake{rec.id}")
            self.on_updated([rec])
            out.append(rec)
            if progress is not None:
                progress(n, len(items))
        return out

    async def retry(self, record: JobRecord) -> JobRecord:
        self.retried.append(record)
        rec = self.store.add_submitting(
            profile=record.profile,
            bucket=record.bucket,
            key=record.key,
            fops=record.fops,
            presets=record.presets,
            outputs=record.outputs,
            output_bucket=record.output_bucket,
            pipeline=record.pipeline,
            batch_id=record.batch_id,
            force=True,
            retry_of=record.id,
        )
        self.on_created([rec])
        rec = self.store.mark_submitted(rec.id, f"z0.retry{rec.id}")
        self.on_updated([rec])
        return rec

    async def resolve_unresolved(self, record: JobRecord, *, resubmit: bool) -> JobRecord | None:
        self.resolved.append((record, resubmit))
        if not resubmit:
            self.store.discard(record.id)
            return None
        new = await self.retry(record)
        self.on_updated([self.store.mark_failed(record.id, "resubmitted")])
        return new


class FakeClient:
    def __init__(self) -> None:
        self.domain_calls = 0
        self.prefop_calls: list[str] = []

    def list_buckets(self) -> list[BucketInfo]:
        return [BucketInfo("media"), BucketInfo("secret", private=True), BucketInfo("archive")]

    def stat(self, bucket: str, key: str) -> Any:
        """Nothing exists yet (the Transcode dialog's pre-flight finds every output free)."""
        from qfopgui.api.errors import NotFoundError

        raise NotFoundError("no such file")

    def bucket_domains(self, bucket: str) -> list[str]:
        self.domain_calls += 1
        return [] if bucket == "nodomain" else [f"{bucket}.example.com"]

    def download_url(
        self, domain: str, key: str, *, private: bool = False, expires: int = 3600
    ) -> str:
        return f"https://{domain}/{key}" + ("?e=1&token=signed" if private else "")

    def prefop(self, persistent_id: str) -> Any:
        """Tracked IDs: `z0.unknown…` are unknown to the server; others are waiting."""
        from qfopgui.api.errors import NotFoundError
        from qfopgui.core.jobs import parse_job_status

        if persistent_id.startswith("z0.unknown"):
            raise NotFoundError("no such job")
        self.prefop_calls.append(persistent_id)
        return parse_job_status(
            {
                "id": persistent_id,
                "code": 1,
                "desc": "waiting",
                "inputBucket": "media",
                "inputKey": "in.mov",
                "pipeline": "1380.video",
                "items": [],
            }
        )


@pytest.fixture
def env(qloop: Any, qapp: Any, tmp_path: Path) -> Iterator[SimpleNamespace]:
    """Everything install_jobs_feature needs, with fakes for the network side."""
    from qfopgui.ui.jobs.job_events import JobEvents

    store = JobStore(tmp_path / "jobs.sqlite")
    profiles = ProfileStore(tmp_path / "profiles.json")
    profile = profiles.upsert(
        Profile("demo", "AK", pipelines=("video", "audio"), default_pipeline="video")
    )
    events = JobEvents()
    client = FakeClient()
    poller, submitter = FakePoller(), FakeSubmitter(store)

    async def prepare(_name: str) -> None:
        return None

    jobs = JobsService(
        store=store,
        run_store=inline,
        run_blocking=inline,
        submitter=submitter,  # type: ignore[arg-type]
        poller=poller,
        status_client_for=lambda name: client,
        prepare_account=prepare,  # type: ignore[arg-type]
    )
    jobs.set_listener(events)
    ctx = SimpleNamespace(
        settings=Settings(tmp_path / "settings.ini"),
        store=store,
        run_store=inline,
        run_blocking=inline,
        profiles=profiles,
        clients=SimpleNamespace(client_for=lambda name: client),
        poller=poller,
        submitter=submitter,
        tasks=TaskOwner(),
        jobs=jobs,
        links=None,  # the controller makes its own lookup, as without a shared one
        sandbox_pipelines=None,  # not a sandbox account: nothing is created anywhere
    )
    window = FakeWindow(profile)
    qloop.run_until_complete(jobs.start())
    yield SimpleNamespace(
        ctx=ctx,
        window=window,
        events=events,
        store=store,
        client=client,
        profiles=profiles,
        loop=qloop,
    )
    ctx.tasks.cancel_all()
    window.close()
    window.deleteLater()  # takes the feature and its timers with it
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    store.close()


@pytest.fixture(autouse=True)
def _keep_loop_running(qapp: Any) -> Iterator[None]:
    """A dialog closing must not quit the app (it would stop the qasync loop mid-test)."""
    old = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    yield
    qapp.setQuitOnLastWindowClosed(old)
