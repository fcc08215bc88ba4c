"""JobPoller against a scripted fake client, a real store and real executors (no Qt)."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import sqlite3
import time
from pathlib import Path

from qfopgui.api.errors import AuthError, NotFoundError, RateLimitedError, ServerError
from qfopgui.core.jobs import JobState
from qfopgui.core.polling import PollPolicy
from qfopgui.services.poller import NOT_FOUND_MESSAGE
from tests.helpers.aio import wait_until
from tests.unit.services.fakes import FAST, FakeClient, Harness, add_active


def test_moves_through_states_and_stops_at_terminal(tmp_path: Path) -> None:
    client = FakeClient({"z0.a": [1, 2, 0]})
    h = Harness(tmp_path / "j.db", client, flush_interval=0.0)  # no merging: see every step
    rec = add_active(h.store, "z0.a")

    async def main() -> None:
        task = await h.start()
        await wait_until(lambda: h.view.get(rec.id).state is JobState.DONE)  # type: ignore[union-attr]
        await asyncio.sleep(0.3)  # many intervals of FAST: no more polls may happen
        assert h.poller.watching == 0
        assert h.poller.next_check_in is None
        await h.stop(task)

    asyncio.run(main())
    assert len(client.calls_for("z0.a")) == 3
    seen = [r.state for r in h.changed_records]
    assert seen == [JobState.WAITING, JobState.PROCESSING, JobState.DONE]
    final = h.changed_records[-1]
    assert final.started_at is not None
    assert final.finished_at is not None
    assert final.status() is not None
    assert final.status().items[0].key == "out.mp4"  # type: ignore[union-attr]


def test_store_is_written_before_on_changed(tmp_path: Path) -> None:
    """on_changed must only announce what a fresh reader of the database already sees."""
    client = FakeClient({f"z0.{i}": [1, 2, 0] for i in range(5)})
    path = tmp_path / "j.db"
    h = Harness(path, client)
    recs = [add_active(h.store, f"z0.{i}") for i in range(5)]
    checks: list[bool] = []

    def check(records: list) -> None:  # type: ignore[type-arg]
        con = sqlite3.connect(path)
        for r in records:
            row = con.execute("SELECT state, status_json FROM jobs WHERE id=?", (r.id,)).fetchone()
            checks.append(row == (r.state.value, r.status_json))
        con.close()

    h.on_changed_hook = check

    async def main() -> None:
        task = await h.start()
        await wait_until(lambda: all(h.view.get(r.id).state is JobState.DONE for r in recs))  # type: ignore[union-attr]
        await wait_until(lambda: sum(r.state is JobState.DONE for r in h.changed_records) == 5)
        await h.stop(task)

    asyncio.run(main())
    assert len(checks) >= 5
    assert all(checks)


def test_many_changes_arrive_in_few_batches(tmp_path: Path) -> None:
    n = 200
    client = FakeClient({f"z0.{i}": [1, 0] for i in range(n)})
    policy = dataclasses.replace(FAST, max_concurrency=16)
    h = Harness(tmp_path / "j.db", client, policy, flush_interval=0.1)
    recs = [add_active(h.store, f"z0.{i}") for i in range(n)]

    async def main() -> None:
        task = await h.start()
        await wait_until(lambda: len(done()) == n, timeout=20)
        await h.stop(task)

    def done() -> set[int]:
        return {r.id for r in h.changed_records if r.state is JobState.DONE}

    asyncio.run(main())
    assert done() == {r.id for r in recs}
    assert len(h.changes) <= n // 10, [len(c) for c in h.changes]
    gaps = [b - a for a, b in itertools.pairwise(h.change_times)]
    assert min(gaps) >= 0.08  # at most one call per flush interval


def test_server_errors_back_off_that_job(tmp_path: Path) -> None:
    err = ServerError("Qiniu had a problem", status=599)
    client = FakeClient({"z0.bad": [err] * 6 + [0], "z0.ok": [1]})
    policy = dataclasses.replace(FAST, min_interval=0.02, max_interval=0.02, error_backoff_max=5)
    h = Harness(tmp_path / "j.db", client, policy)
    add_active(h.store, "z0.bad")
    add_active(h.store, "z0.ok")

    async def main() -> None:
        task = await h.start()
        await asyncio.sleep(1.0)
        await h.stop(task)

    asyncio.run(main())
    bad = client.calls_for("z0.bad")
    gaps = [b - a for a, b in itertools.pairwise(bad)]
    # Backoff 0.04, 0.08, 0.16, 0.32 …: within 1 s at most ~5 calls, each gap about double.
    assert 3 <= len(bad) <= 6
    assert all(g2 > g1 * 1.5 for g1, g2 in itertools.pairwise(gaps)), gaps
    assert len(client.calls_for("z0.ok")) > 15  # the healthy job keeps its own pace
    assert [p for p, _ in h.errors] == ["p"]  # reported once, not once per failure


def test_rate_limit_pauses_everyone(tmp_path: Path) -> None:
    """A 573 on one job pauses all polling (here for the server's Retry-After of 0.3 s)."""
    err = RateLimitedError("slow down", status=573)
    err.retry_after = 0.3
    client = FakeClient({"z0.rl": [1, err, 1]})
    for i in range(3):
        client.script[f"z0.{i}"] = [1]
    policy = dataclasses.replace(FAST, min_interval=0.01, max_interval=0.01, error_backoff_max=2)
    h = Harness(tmp_path / "j.db", client, policy)
    add_active(h.store, "z0.rl")
    for i in range(3):
        add_active(h.store, f"z0.{i}")

    async def main() -> None:
        task = await h.start()
        await wait_until(lambda: len(client.calls_for("z0.rl")) >= 3)
        await asyncio.sleep(0.1)
        await h.stop(task)

    asyncio.run(main())
    t573 = client.calls_for("z0.rl")[1]
    during = [p for t, p in client.calls if t573 + 0.05 < t < t573 + 0.28]
    after = [p for t, p in client.calls if t > t573 + 0.28]
    assert during == []  # unthrottled, the other jobs would poll every 10 ms
    assert len(after) > 3  # and polling resumes afterwards
    assert [type(e) for _, e in h.errors] == [RateLimitedError]


def test_repeated_rate_limits_grow_the_global_pause(tmp_path: Path) -> None:
    client = FakeClient({f"z0.{i}": [RateLimitedError("slow down", status=573)] for i in range(4)})
    policy = dataclasses.replace(FAST, min_interval=0.02, max_interval=0.02, error_backoff_max=10)
    h = Harness(tmp_path / "j.db", client, policy)
    for i in range(4):
        add_active(h.store, f"z0.{i}")

    async def main() -> None:
        task = await h.start()
        await asyncio.sleep(1.0)
        await h.stop(task)

    asyncio.run(main())
    # Unthrottled this would be ~4 * 50 calls; with a doubling global pause only a handful.
    assert 4 <= len(client.calls) <= 12, len(client.calls)
    assert h.poller.next_check_in is None or h.poller.next_check_in >= 0


def test_auth_error_pauses_only_that_profile(tmp_path: Path) -> None:
    bad = FakeClient({"z0.a": [AuthError("Wrong keys", status=401)]})
    good = FakeClient({"z0.b": [1, 0]})
    h = Harness(tmp_path / "j.db", {"a": bad, "b": good})
    ra = add_active(h.store, "z0.a", profile="a")
    rb = add_active(h.store, "z0.b", profile="b")

    async def main() -> None:
        task = await h.start()
        await wait_until(lambda: h.view.get(rb.id).state is JobState.DONE)  # type: ignore[union-attr]
        await asyncio.sleep(0.2)
        assert h.poller.paused_profiles == {"a"}
        assert len(bad.calls) == 1
        assert h.poller.watching == 1
        bad.script["z0.a"] = [0]
        bad._pos.clear()
        h.poller.resume("a")
        await wait_until(lambda: h.view.get(ra.id).state is JobState.DONE)  # type: ignore[union-attr]
        await h.stop(task)

    asyncio.run(main())
    assert [(p, type(e)) for p, e in h.errors] == [("a", AuthError)]


def test_resumes_active_jobs_from_the_store(tmp_path: Path) -> None:
    client = FakeClient({"z0.w": [0], "z0.p": [0], "z0.d": [0]})
    h = Harness(tmp_path / "j.db", client)
    add_active(h.store, "z0.w")
    add_active(h.store, "z0.p", state=JobState.PROCESSING)
    done = add_active(h.store, "z0.d")
    h.store.apply_status(done.id, client.prefop("z0.d"))  # DONE before the poller starts
    client.calls.clear()
    h.store.add_submitting(
        profile="p",
        bucket="b",
        key="k",
        fops=("x",),
        presets=(),
        outputs=(),
        output_bucket="b",
        pipeline="",
        batch_id="",
    )
    h.store.recover_interrupted()

    async def main() -> None:
        task = await h.start()
        await wait_until(lambda: not h.view.active())
        await asyncio.sleep(0.1)
        await h.stop(task)

    asyncio.run(main())
    assert sorted(p for _, p in client.calls) == ["z0.p", "z0.w"]


def test_respects_max_concurrency(tmp_path: Path) -> None:
    client = FakeClient({f"z0.{i}": [1, 0] for i in range(20)}, latency=0.03)
    policy = dataclasses.replace(FAST, max_concurrency=3)
    h = Harness(tmp_path / "j.db", client, policy)
    for i in range(20):
        add_active(h.store, f"z0.{i}")

    async def main() -> None:
        task = await h.start()
        await wait_until(lambda: not h.view.active(), timeout=20)
        await h.stop(task)

    asyncio.run(main())
    assert len(client.calls) == 40
    assert client.max_concurrent == 3


def test_respects_max_rps(tmp_path: Path) -> None:
    client = FakeClient({f"z0.{i}": [0] for i in range(10)})
    policy = dataclasses.replace(FAST, max_rps=25.0, max_concurrency=10)
    h = Harness(tmp_path / "j.db", client, policy)
    for i in range(10):
        add_active(h.store, f"z0.{i}")

    async def main() -> None:
        task = await h.start()
        await wait_until(lambda: len(client.calls) == 10, timeout=10)
        await h.stop(task)

    asyncio.run(main())
    times = sorted(t for t, _ in client.calls)
    assert times[-1] - times[0] >= 9 / 25 * 0.9


def test_unknown_job_id_is_marked_failed_after_a_few_tries(tmp_path: Path) -> None:
    client = FakeClient({"z0.gone": [NotFoundError("no such job", status=612)]})
    h = Harness(tmp_path / "j.db", client)
    rec = add_active(h.store, "z0.gone")

    async def main() -> None:
        task = await h.start()
        await wait_until(lambda: h.view.get(rec.id).state is JobState.FAILED)  # type: ignore[union-attr]
        await asyncio.sleep(0.3)
        await h.stop(task)

    asyncio.run(main())
    assert len(client.calls) == 3
    assert h.view.get(rec.id).error == NOT_FOUND_MESSAGE  # type: ignore[union-attr]
    assert h.changed_records[-1].state is JobState.FAILED


def test_track_poll_now_and_forget(tmp_path: Path) -> None:
    client = FakeClient({"z0.t": [1]})
    slow = PollPolicy(first_delay=0.0, min_interval=30, max_interval=60, jitter=0, max_rps=0)
    h = Harness(tmp_path / "j.db", client, slow)

    async def main() -> None:
        task = await h.start()
        await asyncio.sleep(0.05)
        assert h.poller.watching == 0
        assert h.poller.next_check_in is None
        rec = await asyncio.get_running_loop().run_in_executor(
            h.store_ex, lambda: h.store.add_tracked(profile="p", persistent_id="z0.t")
        )
        h.poller.track([rec])
        assert h.poller.watching == 1
        await wait_until(lambda: len(client.calls) == 1)
        await asyncio.sleep(0.1)
        assert len(client.calls) == 1
        assert (h.poller.next_check_in or 0) > 20
        h.poller.poll_now()
        await wait_until(lambda: len(client.calls) == 2)
        h.poller.forget([rec.id])
        assert h.poller.watching == 0
        h.poller.poll_now()
        await asyncio.sleep(0.1)
        assert len(client.calls) == 2
        await h.stop(task)

    started = time.monotonic()
    asyncio.run(main())
    assert time.monotonic() - started < 5
