"""Submitter: row first, then pfop; cancel between files; failures stored in plain words."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from qfopgui.api.errors import BadRequestError, TimeoutError_
from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.services.executors import DaemonThreadExecutor, runner, serial_executor
from qfopgui.services.store import JobStore
from qfopgui.services.submitter import TIMED_OUT, SubmitItem, SubmitOptions, Submitter
from tests.helpers.aio import wait_until
from tests.unit.services.fakes import FakeClient


class Env:
    def __init__(self, path: Path, client: FakeClient) -> None:
        self.path = path
        self.store = JobStore(path)
        self.client = client
        self.created: list[JobRecord] = []
        self.updated: list[JobRecord] = []
        self.store_ex = serial_executor("test-store")
        self.net = DaemonThreadExecutor(4)
        self.submitter = Submitter(
            store=self.store,
            run_store=runner(self.store_ex),
            client_for=lambda p: client,
            run_blocking=runner(self.net),
            on_created=self.created.extend,
            on_updated=self.updated.extend,
        )

    def row(self, job_id: int) -> tuple[Any, ...] | None:
        """Read through a separate connection: only committed data is visible."""
        con = sqlite3.connect(self.path)
        try:
            return con.execute(
                "SELECT state, bucket, key, force FROM jobs WHERE id = ?", (job_id,)
            ).fetchone()
        finally:
            con.close()

    def rows(self) -> list[tuple[Any, ...]]:
        con = sqlite3.connect(self.path)
        try:
            return con.execute("SELECT id, key, state FROM jobs ORDER BY id").fetchall()
        finally:
            con.close()

    def run(self, coro: Any) -> Any:
        try:
            return asyncio.run(coro)
        finally:
            self.store_ex.shutdown(wait=True)
            self.net.shutdown()


def items(n: int) -> list[SubmitItem]:
    return [
        SubmitItem(
            "src", f"v{i}.mp4", (f"avthumb/mp4|saveas/{i}",), ("MP4",), (f"o{i}.mp4",), "dst"
        )
        for i in range(n)
    ]


def test_row_is_committed_as_submitting_before_pfop(tmp_path: Path) -> None:
    client = FakeClient()
    env = Env(tmp_path / "j.db", client)
    seen: list[Any] = []

    def pfop(**call: Any) -> str:
        assert threading.current_thread() is not threading.main_thread()
        con = sqlite3.connect(env.path)
        seen.append(
            con.execute(
                "SELECT state, force, type FROM jobs WHERE key = ?", (call["key"],)
            ).fetchall()
        )
        con.close()
        return f"z0.{call['key']}"

    client.pfop_hook = pfop
    options = SubmitOptions(pipeline="fast", type=1, notify_url="http://cb.test")
    records = env.run(env.submitter.submit("work", items(2), options, batch_id="B"))
    assert seen == [[("submitting", 0, 1)], [("submitting", 0, 1)]]
    assert [r.state for r in records] == [JobState.WAITING, JobState.WAITING]
    assert [r.persistent_id for r in records] == ["z0.v0.mp4", "z0.v1.mp4"]
    assert all(r.batch_id == "B" and r.pipeline == "fast" for r in records)
    assert [r.state for r in env.created] == [JobState.SUBMITTING] * 2
    assert env.updated == records
    assert client.pfop_calls[0] == dict(
        bucket="src",
        key="v0.mp4",
        fops=("avthumb/mp4|saveas/0",),
        pipeline="fast",
        notify_url="http://cb.test",
        force=False,
        type=1,
    )


def test_cancel_stops_between_files(tmp_path: Path) -> None:
    env = Env(tmp_path / "j.db", FakeClient())
    cancel = asyncio.Event()
    progress: list[tuple[int, int]] = []

    def on_progress(done: int, total: int) -> None:
        progress.append((done, total))
        if done == 2:
            cancel.set()

    records = env.run(
        env.submitter.submit("work", items(5), SubmitOptions(), progress=on_progress, cancel=cancel)
    )
    assert progress == [(1, 5), (2, 5)]
    assert len(records) == 2
    assert len(env.client.pfop_calls) == 2
    assert [k for _, k, _ in env.rows()] == ["v0.mp4", "v1.mp4"]  # v2… never written


def test_refused_pfop_is_failed_with_the_message(tmp_path: Path) -> None:
    client = FakeClient()

    def refuse(**call: Any) -> str:
        if call["key"] == "v0.mp4":
            raise BadRequestError(
                "The processing command is not valid.",
                status=400,
                server_message="invalid fop: avthumb/mp5",
            )
        return "z0.ok"

    client.pfop_hook = refuse
    env = Env(tmp_path / "j.db", client)
    records = env.run(env.submitter.submit("work", items(2), SubmitOptions()))
    assert [r.state for r in records] == [JobState.FAILED, JobState.WAITING]
    assert records[0].error == (
        "The processing command is not valid. (server: invalid fop: avthumb/mp5)"
    )
    assert records[0].finished_at is not None
    assert env.row(records[0].id)[0] == "failed"  # type: ignore[index]


def test_timed_out_pfop_is_unresolved_not_failed(tmp_path: Path) -> None:
    """A timeout may hide an accepted job: the user decides, nothing is retried."""
    client = FakeClient()

    def slow(**call: Any) -> str:
        raise TimeoutError_("The server did not answer in time.")

    client.pfop_hook = slow
    env = Env(tmp_path / "j.db", client)
    [rec] = env.run(env.submitter.submit("work", items(1), SubmitOptions()))
    assert rec.state is JobState.UNRESOLVED
    assert rec.error == f"The server did not answer in time. {TIMED_OUT}"  # the reason, kept
    assert len(client.pfop_calls) == 1


def test_retry_links_and_forces(tmp_path: Path) -> None:
    client = FakeClient()
    env = Env(tmp_path / "j.db", client)
    opts = SubmitOptions(pipeline="q", type=0, notify_url="http://n")

    async def main() -> tuple[JobRecord, JobRecord]:
        [first] = await env.submitter.submit("work", items(1), opts, batch_id="B")
        again = await env.submitter.retry(first)
        return first, again

    first, again = env.run(main())
    assert again.id != first.id
    assert again.retry_of == first.id
    assert again.force is True
    assert (again.batch_id, again.fops, again.key, again.pipeline) == (
        "B",
        first.fops,
        first.key,
        "q",
    )
    assert again.state is JobState.WAITING
    assert client.pfop_calls[1]["force"] is True
    assert client.pfop_calls[1]["notify_url"] == "http://n"
    assert env.row(again.id)[3] == 1  # type: ignore[index]


@pytest.mark.parametrize("resubmit", [True, False])
def test_resolve_unresolved(tmp_path: Path, resubmit: bool) -> None:
    path = tmp_path / "j.db"
    s = JobStore(path)
    s.add_submitting(
        profile="work",
        bucket="src",
        key="lost.mp4",
        fops=("avthumb/mp4",),
        presets=(),
        outputs=(),
        output_bucket="dst",
        pipeline="",
        batch_id="B",
    )
    s.close()
    env = Env(path, FakeClient())
    [old] = env.store.recover_interrupted()
    new = env.run(env.submitter.resolve_unresolved(old, resubmit=resubmit))
    if resubmit:
        assert new is not None
        assert (new.retry_of, new.force, new.state) == (old.id, True, JobState.WAITING)
        assert env.row(old.id)[0] == "failed"  # type: ignore[index]
        assert f"#{new.id}" in env.updated[-1].error
        assert len(env.client.pfop_calls) == 1
    else:
        assert new is None
        assert env.row(old.id) is None
        assert env.client.pfop_calls == []


def test_cancelling_the_task_mid_request_still_completes_the_row(tmp_path: Path) -> None:
    client = FakeClient()
    release = threading.Event()

    def blocking(**call: Any) -> str:
        release.wait(5)
        return "z0.late"

    client.pfop_hook = blocking
    env = Env(tmp_path / "j.db", client)

    async def main() -> None:
        task = asyncio.create_task(env.submitter.submit("work", items(3), SubmitOptions()))
        await wait_until(lambda: client.pfop_calls)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        release.set()
        await wait_until(lambda: env.updated)

    env.run(main())
    assert env.rows() == [(1, "v0.mp4", "waiting")]  # completed, and no further file started
    assert env.updated[0].persistent_id == "z0.late"
