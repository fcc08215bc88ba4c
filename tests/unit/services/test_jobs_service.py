"""The jobs service without Qt: command queueing, retry rules, undo, tracking, start-up, and
the persistentId that must survive a store that cannot write."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest

from qfopgui.api.errors import NotFoundError, OutcomeUnknownError
from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.services.batches import BatchSummary
from qfopgui.services.commands import CommandState
from qfopgui.services.jobs import JobsService
from qfopgui.services.store import JobStore
from qfopgui.services.store_errors import StoreError
from qfopgui.services.store_health import StoreHealth, StoreStatus
from qfopgui.services.submitter import SubmitItem, SubmitOptions, Submitter, UnsavedJob
from tests.unit.services.fakes import make_status


async def inline(fn: Callable[[], Any]) -> Any:
    return fn()


class SlowPfop:
    """pfop that takes a little while, so commands overlap; counts every request."""

    def __init__(self, delay: float = 0.02) -> None:
        self.delay = delay
        self.sent: list[tuple[str, bool]] = []  # (key, force)
        self.fail_with: BaseException | None = None
        self.known: set[str] = set()

    def pfop(self, bucket: str, key: str, fops: Sequence[str], **kw: Any) -> str:
        self.sent.append((key, bool(kw.get("force"))))
        if self.fail_with is not None:
            raise self.fail_with
        return f"z0.pid{len(self.sent)}"

    def prefop(self, persistent_id: str) -> Any:
        if persistent_id not in self.known:
            raise NotFoundError("no such job")
        return make_status(persistent_id, 2, pipeline="1380.video")


class Poller:
    def __init__(self) -> None:
        self.on_changed: Any = None
        self.on_error: Any = None
        self.tracked: list[int] = []
        self.forgotten: list[int] = []
        self.watching = 0
        self.next_check_in: float | None = None
        self.ran = False

    def track(self, records: Iterable[JobRecord]) -> None:
        self.tracked.extend(r.id for r in records)

    def forget(self, ids: Iterable[int]) -> None:
        self.forgotten.extend(ids)

    def poll_now(self) -> None: ...
    def resume(self, profile: str) -> None: ...

    async def run(self) -> None:
        self.ran = True


class Listener:
    def __init__(self) -> None:
        self.changed: list[JobRecord] = []
        self.removed: list[int] = []
        self.batches: list[BatchSummary] = []
        self.commands: list[CommandState] = []
        self.unsaved: list[UnsavedJob] = []
        self.saved_late: list[UnsavedJob] = []
        self.health: list[StoreHealth] = []
        self.store_errors: list[StoreError] = []

    def on_jobs_changed(self, records: list[JobRecord]) -> None:
        self.changed.extend(records)

    def on_jobs_removed(self, job_ids: list[int]) -> None:
        self.removed.extend(job_ids)

    def on_batch_finished(self, summary: BatchSummary) -> None:
        self.batches.append(summary)

    def on_commands_changed(self, state: CommandState) -> None:
        self.commands.append(state)

    def on_poll_failed(self, profile: str, error: Exception) -> None: ...

    def on_job_not_saved(self, job: UnsavedJob) -> None:
        self.unsaved.append(job)

    def on_job_saved_late(self, job: UnsavedJob) -> None:
        self.saved_late.append(job)

    def on_store_opened(self, health: StoreHealth) -> None:
        self.health.append(health)

    def on_store_failed(self, error: StoreError) -> None:
        self.store_errors.append(error)


class Env:
    def __init__(self, tmp_path: Path, client: SlowPfop | None = None, **submitter: Any) -> None:
        self.store = JobStore(tmp_path / "jobs.sqlite")
        self.client = client or SlowPfop()
        self.poller = Poller()
        self.prepared: list[str] = []

        async def run_blocking(fn: Callable[[], Any]) -> Any:
            await asyncio.sleep(self.client.delay)  # on the wire for a moment
            return fn()

        async def prepare(name: str) -> None:
            self.prepared.append(name)
            if name == "Broken":
                raise RuntimeError("keyring exploded")

        self.submitter = Submitter(
            store=self.store,
            run_store=inline,
            client_for=lambda _p: self.client,
            run_blocking=run_blocking,
            **submitter,
        )
        self.service = JobsService(
            store=self.store,
            run_store=inline,
            run_blocking=run_blocking,
            submitter=self.submitter,
            poller=self.poller,  # type: ignore[arg-type]
            status_client_for=lambda _p: self.client,
            prepare_account=prepare,
        )
        self.listener = Listener()
        self.service.set_listener(self.listener)

    def failed(self, key: str, **kw: Any) -> JobRecord:
        rec = self.store.add_submitting(
            profile=kw.get("profile", "demo"),
            bucket="media",
            key=key,
            fops=("avthumb/mp4",),
            presets=("P",),
            outputs=(f"{key}.mp4",),
            output_bucket="media",
            pipeline="video",
            batch_id="b1",
        )
        rec = self.store.mark_submitted(rec.id, f"z0.old-{key}")
        return self.store.mark_failed(rec.id, "boom")


def _item(key: str) -> SubmitItem:
    return SubmitItem("media", key, ("avthumb/mp4",), ("P",), (f"{key}.mp4",), "media")


def test_retry_ab_then_c_in_quick_succession_retries_all_three_once(tmp_path: Path) -> None:
    """Two Retry commands must queue, never cancel each other (b was lost before)."""
    env = Env(tmp_path)
    a, b, c = (env.failed(k) for k in "abc")

    async def scenario() -> None:
        await env.service.start()
        first = asyncio.ensure_future(env.service.retry([a, b]))
        await asyncio.sleep(0)  # the first command is running its first pfop
        second = asyncio.ensure_future(env.service.retry([c]))
        await asyncio.gather(first, second)

    asyncio.run(scenario())
    assert sorted(env.client.sent) == [("a", True), ("b", True), ("c", True)]
    assert any(s.queued == 1 for s in env.listener.commands)  # the user saw one waiting
    assert env.listener.commands[-1] == CommandState()
    # and a second Retry of the same jobs does nothing: they are superseded now
    again = Env(tmp_path)
    asyncio.run(again.service.retry([a, b, c]))
    assert again.client.sent == []


def test_retry_all_failed_skips_superseded_and_unknown_outcomes(tmp_path: Path) -> None:
    env = Env(tmp_path)
    a, _b = env.failed("a"), env.failed("b")

    async def scenario() -> Any:
        await env.service.start()
        await env.service.retry([a])
        env.client.fail_with = OutcomeUnknownError("the connection was reset")
        await env.service.submit("demo", [_item("lost.mov")], SubmitOptions())
        env.client.fail_with = None
        return await env.service.retry_all_failed("demo")

    result = asyncio.run(scenario())
    lost = next(r for r in env.store.jobs("demo") if r.key == "lost.mov")
    assert lost.state is JobState.UNRESOLVED  # may have reached the server: never "failed"
    assert "reset" in lost.error
    assert [r.key for r in result.new] == ["b"]  # a was retried already, lost needs a decision
    assert env.client.sent == [("a", True), ("lost.mov", False), ("b", True)]


def test_done_jobs_need_consent_and_tracked_jobs_cannot_be_retried(tmp_path: Path) -> None:
    env = Env(tmp_path)
    rec = env.failed("a")
    done = env.store.apply_status(rec.id, make_status(rec.persistent_id or "", 0))
    assert done is not None
    assert done.state is JobState.DONE
    tracked = env.store.add_tracked(profile="demo", persistent_id="z0.elsewhere")
    tracked = env.store.mark_failed(tracked.id, "no such file")

    async def scenario() -> Any:
        first = await env.service.retry([done, tracked])
        assert env.client.sent == []  # nothing without consent
        await env.service.retry([done], replace_outputs=True)
        return first

    result = asyncio.run(scenario())
    assert result.new == ()
    assert [r.id for r in result.plan.replaces_outputs] == [done.id]
    assert [check.value for _r, check in result.plan.skipped] == ["no_commands"]
    assert env.client.sent == [("a", True)]


def test_remove_then_undo_restores_the_same_rows_and_polls_them_again(tmp_path: Path) -> None:
    env = Env(tmp_path)
    rec = env.failed("a")
    waiting = env.store.mark_submitted(
        env.store.add_submitting(
            profile="demo",
            bucket="media",
            key="w",
            fops=("f",),
            presets=("P",),
            outputs=("o",),
            output_bucket="media",
            pipeline="",
            batch_id="b2",
        ).id,
        "z0.w",
    )

    async def scenario() -> None:
        removal = await env.service.remove([rec, waiting])
        assert env.store.get(rec.id) is None
        assert env.store.get(waiting.id) is None
        assert env.poller.forgotten == [rec.id, waiting.id]
        assert env.listener.removed == [rec.id, waiting.id]
        back = await env.service.undo_remove(removal)
        assert [r.id for r in back] == [rec.id, waiting.id]
        assert env.store.get(rec.id) == rec
        assert env.poller.tracked == [waiting.id]
        assert await env.service.undo_remove(removal) == []  # only once

    asyncio.run(scenario())


def test_track_keeps_out_unknown_and_malformed_ids(tmp_path: Path) -> None:
    env = Env(tmp_path)
    env.client.known = {"z0.known1"}
    result = asyncio.run(env.service.track("demo", "hello, world!!"))
    assert result.parsed.invalid == ("hello", "world!!")  # as typed: no comma added
    assert result.added == ()
    assert env.store.jobs("demo") == []
    result = asyncio.run(env.service.track("demo", "z0.known1\nz0.unknown9"))
    assert result.unknown == ("z0.unknown9",)
    [added] = result.added
    assert added.state is JobState.PROCESSING  # the server's answer, not an invented "Waiting"
    assert added.pipeline == "video"  # the real queue, not "the shared public queue"
    assert [r.persistent_id for r in env.store.jobs("demo")] == ["z0.known1"]
    assert not result.ok


def test_startup_recovers_before_polling_and_prepares_accounts_with_active_jobs(
    tmp_path: Path,
) -> None:
    env = Env(tmp_path)
    stuck = env.store.add_submitting(
        profile="demo",
        bucket="media",
        key="x",
        fops=("f",),
        presets=("P",),
        outputs=("o",),
        output_bucket="media",
        pipeline="",
        batch_id="b",
    )
    for profile in ("Team", "Broken", "Team"):
        r = env.store.add_submitting(
            profile=profile,
            bucket="m",
            key="k",
            fops=("f",),
            presets=("P",),
            outputs=("o",),
            output_bucket="m",
            pipeline="",
            batch_id="",
        )
        env.store.mark_submitted(r.id, f"z0.{profile}{r.id}")
    asyncio.run(env.service.run())
    assert env.store.get(stuck.id).state is JobState.UNRESOLVED  # type: ignore[union-attr]
    assert env.prepared == ["Broken", "Team"]  # a broken account does not stop the others
    assert env.poller.ran
    assert env.client.sent == []  # nothing resubmitted at start-up


def test_a_persistent_id_the_store_cannot_save_is_kept_logged_and_saved_later(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Disk full right after pfop: the ID is reported, logged, and written once space returns."""
    env = Env(tmp_path, save_retry=0.01)
    real = env.store.mark_submitted
    full = {"on": True}

    def mark_submitted(job_id: int, pid: str) -> JobRecord:
        if full["on"]:
            raise StoreError("The disk is full.", disk_full=True)
        return real(job_id, pid)

    env.store.mark_submitted = mark_submitted  # type: ignore[method-assign]

    async def scenario() -> list[JobRecord]:
        await env.service.start()
        recs = await env.service.submit("demo", [_item("a.mov")], SubmitOptions())
        await asyncio.sleep(0.05)
        assert env.listener.saved_late == []  # still full: still retrying
        full["on"] = False
        for _ in range(100):
            if env.listener.saved_late:
                break
            await asyncio.sleep(0.01)
        return recs

    with caplog.at_level(logging.INFO):
        [rec] = asyncio.run(scenario())
    [job] = env.listener.unsaved
    assert job.persistent_id == "z0.pid1"
    assert rec.persistent_id == "z0.pid1"
    assert "z0.pid1" in caplog.text  # the ID is in the log even if the app dies now
    assert env.listener.saved_late == [job]
    stored = env.store.get(rec.id)
    assert stored is not None
    assert stored.persistent_id == "z0.pid1"
    assert stored.state is JobState.WAITING
    assert env.client.sent == [("a.mov", False)]  # sent once, never again


def test_a_damaged_job_database_is_set_aside_and_reported_before_anything_runs(
    tmp_path: Path,
) -> None:
    damaged = b"SQLite format 3\x00" + b"\xde\xad" * 4096
    (tmp_path / "jobs.sqlite").write_bytes(damaged)
    env = Env(tmp_path)
    asyncio.run(env.service.run())
    [health] = env.listener.health
    assert health.status is StoreStatus.RECOVERED
    assert health.backup_path is not None
    assert health.backup_path.read_bytes() == damaged
    assert str(health.backup_path) in health.message  # the user is told where the copy is
    assert env.poller.ran  # a fresh store works: polling goes on
    assert env.store.jobs("demo") == []


def test_a_store_that_cannot_be_opened_is_reported_and_nothing_is_polled(tmp_path: Path) -> None:
    env = Env(tmp_path)

    def refuse() -> Any:
        raise StoreError("The job database is in use by another program.")

    env.store.open = refuse  # type: ignore[method-assign]
    asyncio.run(env.service.run())
    assert [e.message for e in env.listener.store_errors] == [
        "The job database is in use by another program."
    ]
    assert not env.poller.ran
    assert env.service.ready  # the UI does not wait forever
