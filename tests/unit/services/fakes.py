"""Fakes for the job services: a scripted prefop/pfop client and a harness with real executors."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qfopgui.core.jobs import JobItem, JobRecord, JobState, JobStatus
from qfopgui.core.polling import PollPolicy
from qfopgui.services.executors import DaemonThreadExecutor, runner, serial_executor
from qfopgui.services.poller import JobPoller
from qfopgui.services.store import JobStore

FAST = PollPolicy(
    first_delay=0.0,
    min_interval=0.01,
    max_interval=0.05,
    growth=1.5,
    jitter=0.0,
    error_backoff_max=0.2,
    max_concurrency=4,
    max_rps=0,
)

_REQ = iter(range(10**9))


def make_status(
    pid: str,
    code: int,
    *,
    bucket: str = "src",
    key: str = "a.mp4",
    error: str = "",
    cmd: str = "avthumb/mp4|saveas/YjpvdXQubXA0",
    pipeline: str = "0.default",
) -> JobStatus:
    """A prefop answer; each call has a new reqid, like the real server."""
    item: dict[str, Any] = {"cmd": cmd, "code": code, "desc": f"desc {code}", "returnOld": 0}
    if error:
        item["error"] = error
    if code == 0:
        item.update(key="out.mp4", hash="Fhash")
    raw = {
        "id": pid,
        "code": code,
        "desc": f"desc {code}",
        "inputBucket": bucket,
        "inputKey": key,
        "pipeline": pipeline,
        "reqid": f"req{next(_REQ)}",
        "items": [item],
    }
    return JobStatus(
        id=pid,
        code=code,
        desc=f"desc {code}",
        input_bucket=bucket,
        input_key=key,
        pipeline=pipeline,
        reqid=str(raw["reqid"]),
        items=(
            JobItem(
                cmd=cmd,
                code=code,
                desc=f"desc {code}",
                error=error,
                key=item.get("key", ""),
                hash=item.get("hash", ""),
            ),
        ),
        raw=raw,
    )


@dataclass
class FakeClient:
    """prefop answers from a per-id script of codes or exceptions (the last entry repeats)."""

    script: dict[str, list[int | Exception]] = field(default_factory=dict)
    latency: float = 0.0
    calls: list[tuple[float, str]] = field(default_factory=list)
    pfop_calls: list[dict[str, Any]] = field(default_factory=list)
    pfop_hook: Callable[..., str] | None = None
    concurrent: int = 0
    max_concurrent: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _pos: dict[str, int] = field(default_factory=dict)

    def prefop(self, persistent_id: str) -> JobStatus:
        with self._lock:
            self.calls.append((time.monotonic(), persistent_id))
            self.concurrent += 1
            self.max_concurrent = max(self.max_concurrent, self.concurrent)
            steps = self.script.get(persistent_id, [1])
            i = self._pos.get(persistent_id, 0)
            self._pos[persistent_id] = i + 1
            step = steps[min(i, len(steps) - 1)]
        try:
            if self.latency:
                time.sleep(self.latency)
            if isinstance(step, Exception):
                raise step
            return make_status(persistent_id, step)
        finally:
            with self._lock:
                self.concurrent -= 1

    def pfop(
        self,
        bucket: str,
        key: str,
        fops: Sequence[str],
        *,
        pipeline: str = "",
        notify_url: str = "",
        force: bool = False,
        type: int = 0,
        workflow_template_id: str = "",
    ) -> str:
        call = dict(
            bucket=bucket,
            key=key,
            fops=tuple(fops),
            pipeline=pipeline,
            notify_url=notify_url,
            force=force,
            type=type,
        )
        self.pfop_calls.append(call)
        if self.pfop_hook is not None:
            return self.pfop_hook(**call)
        return f"z0.pid{len(self.pfop_calls)}"

    def calls_for(self, pid: str) -> list[float]:
        return [t for t, p in self.calls if p == pid]


def add_active(
    store: JobStore,
    pid: str,
    *,
    profile: str = "p",
    state: JobState = JobState.WAITING,
    pipeline: str = "",
) -> JobRecord:
    rec = store.add_submitting(
        profile=profile,
        bucket="src",
        key=f"{pid}.mp4",
        fops=("avthumb/mp4",),
        presets=("MP4",),
        outputs=(f"{pid}-out.mp4",),
        output_bucket="dst",
        pipeline=pipeline,
        batch_id="b1",
    )
    rec = store.mark_submitted(rec.id, pid)
    if state is JobState.PROCESSING:
        store.apply_status(rec.id, make_status(pid, 2))
    return store.get(rec.id) or rec


class Harness:
    """A JobPoller on a real store and real executors, recording on_changed/on_error calls."""

    def __init__(self, path: Path, client: Any, policy: PollPolicy = FAST, **kw: Any) -> None:
        self.store = JobStore(path)  # the poller's; tests touch it only before start()
        self.view = JobStore(path)  # a second connection for checks while the poller runs
        self.store_ex = serial_executor("test-store")
        self.net = DaemonThreadExecutor(16, name="test-net")
        self.changes: list[list[JobRecord]] = []
        self.change_times: list[float] = []
        self.errors: list[tuple[str, Exception]] = []
        self.client = client
        clients = client if isinstance(client, dict) else None
        self.poller = JobPoller(
            store=self.store,
            run_store=runner(self.store_ex),
            client_for=(lambda p: clients[p]) if clients else (lambda p: client),
            run_blocking=runner(self.net),
            on_changed=self._changed,
            policy=policy,
            on_error=lambda p, e: self.errors.append((p, e)),
            **kw,
        )
        self.on_changed_hook: Callable[[list[JobRecord]], None] | None = None

    def _changed(self, records: list[JobRecord]) -> None:
        self.changes.append(records)
        self.change_times.append(time.monotonic())
        if self.on_changed_hook:
            self.on_changed_hook(records)

    @property
    def changed_records(self) -> list[JobRecord]:
        return [r for batch in self.changes for r in batch]

    async def start(self) -> asyncio.Task[None]:
        return asyncio.create_task(self.poller.run())

    async def stop(self, task: asyncio.Task[None]) -> None:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        self.store_ex.shutdown(wait=True)
        self.net.shutdown()  # the store stays open so the test can read it afterwards
