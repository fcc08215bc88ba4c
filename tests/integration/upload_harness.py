"""Helpers for the upload service tests against the sandbox: clients that count, hold or "kill
the app" at a chosen part PUT, and one run of the app's services on a base folder."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qfopgui.api.client import QiniuClient
from qfopgui.api.resumable_upload import MultipartSession, Part
from qfopgui.core.jobs import JobRecord
from qfopgui.core.polling import PollPolicy
from qfopgui.services.executors import DaemonThreadExecutor, runner, serial_executor
from qfopgui.services.jobs import JobsService
from qfopgui.services.poller import JobPoller
from qfopgui.services.store import JobStore
from qfopgui.services.submitter import Submitter
from qfopgui.services.upload_records import UploadRecords
from qfopgui.services.upload_types import Transfer, TransferState
from qfopgui.services.uploads import UploadService
from tests.helpers.aio import wait_until

MiB = 1024 * 1024
FAST_POLLS = PollPolicy(first_delay=0.2, min_interval=0.3, age_factor=0.0)


class Killed(BaseException):
    """The app dies: not an Exception, so nothing in the service handles it."""


class WatchedSession:
    """A real multipart session whose part PUTs can be counted, held, or end the app."""

    def __init__(self, real: MultipartSession, owner: WatchedClient) -> None:
        self._real = real
        self._owner = owner

    def init(self, token: str) -> Any:
        return self._real.init(token)

    def list_parts(self, token: str, upload_id: str) -> Any:
        return self._real.list_parts(token, upload_id)

    def complete(self, token: str, upload_id: str, parts: Any, **kw: Any) -> Any:
        return self._real.complete(token, upload_id, parts, **kw)

    def abort(self, token: str, upload_id: str) -> None:
        self._real.abort(token, upload_id)

    def put_part(self, token: str, upload_id: str, part: Part, data: bytes, **kw: Any) -> str:
        self._owner.before_part()
        etag_ = self._real.put_part(token, upload_id, part, data, **kw)
        with self._owner.lock:
            self._owner.finished += 1
        return etag_


@dataclass
class WatchedClient:
    """The real client; `on_part(n)` runs before the n-th part PUT (1-based) is sent."""

    real: QiniuClient
    on_part: Callable[[int], None] = lambda _n: None
    started: int = 0
    finished: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def before_part(self) -> None:
        with self.lock:
            self.started += 1
            n = self.started
        self.on_part(n)

    def multipart_session(self, bucket: str, key: str) -> WatchedSession:
        return WatchedSession(self.real.multipart_session(bucket, key), self)

    def upload_token(self, *a: Any, **kw: Any) -> str:
        return self.real.upload_token(*a, **kw)

    def upload_bytes(self, *a: Any, **kw: Any) -> Any:
        return self.real.upload_bytes(*a, **kw)

    def stat(self, *a: Any, **kw: Any) -> Any:
        return self.real.stat(*a, **kw)

    def list_page(self, *a: Any, **kw: Any) -> Any:
        return self.real.list_page(*a, **kw)


class AppRun:
    """The services of one run of the app on `base` (same files as earlier runs)."""

    def __init__(self, base: Path, client: Any, **service: Any) -> None:
        self.net = DaemonThreadExecutor(8, name="test-net")
        self.up = DaemonThreadExecutor(8, name="test-upload")
        self.disk = serial_executor("test-store")
        self.run_store = runner(self.disk)
        self.store = JobStore(base / "jobs.sqlite3")
        self.records = UploadRecords(base / "uploads.sqlite3")
        self.submitter = Submitter(
            store=self.store,
            run_store=self.run_store,
            client_for=lambda _p: client,
            run_blocking=runner(self.net),
        )
        poller = JobPoller(
            store=self.store,
            run_store=self.run_store,
            client_for=lambda _p: client,
            run_blocking=runner(self.net),
            on_changed=lambda _r: None,
            policy=FAST_POLLS,
        )
        self.jobs = JobsService(
            store=self.store,
            run_store=self.run_store,
            run_blocking=runner(self.net),
            submitter=self.submitter,
            poller=poller,
            status_client_for=lambda _p: client,
            prepare_account=_nothing,
        )
        self.uploads = UploadService(
            records=self.records,
            run_records=self.run_store,
            client_for=lambda _p: client,
            run_blocking=runner(self.up),
            submitter=self.submitter,
            jobs_ready=self._jobs_ready,
            **service,
        )
        self.jobs_task: asyncio.Task[None] | None = None

    async def _jobs_ready(self) -> None:
        await wait_until(lambda: self.jobs.ready, timeout=10)

    def start_jobs(self) -> None:
        self.jobs_task = asyncio.get_running_loop().create_task(self.jobs.run())

    async def job(self, job_id: int) -> JobRecord | None:
        got: JobRecord | None = await self.run_store(lambda: self.store.get(job_id))
        return got

    async def stop(self) -> None:
        await self.uploads.shutdown(grace=5)
        if self.jobs_task is not None:
            self.jobs_task.cancel()
            await asyncio.wait([self.jobs_task])
        await self.submitter.drain(grace=5)
        await self.run_store(self.store.close)

    def close_pools(self) -> None:
        for pool in (self.net, self.up, self.disk):
            pool.shutdown(wait=False)


async def _nothing(_name: str) -> None:
    return None


async def until_state(run: AppRun, state: TransferState, timeout: float = 30) -> Transfer:
    await wait_until(lambda: [t.state for t in run.uploads.transfers()] == [state], timeout)
    (t,) = run.uploads.transfers()
    return t


def parts_of(size: int) -> int:
    return -(-size // (4 * MiB))
