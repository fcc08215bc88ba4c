"""JobPoller on virtual time: Retry-After, growing 573 pauses and the max_rps cap over minutes.

The poller's clock is the loop's clock and every wait goes through the loop, so on a
`VirtualTimeLoop` a 60 s scenario takes milliseconds and timing assertions are exact. prefop
runs inline; `latency` is simulated by answering after a virtual sleep.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from qfopgui.api.errors import RateLimitedError, ServerError
from qfopgui.core.jobs import JobRecord, JobStatus
from qfopgui.core.polling import PollPolicy
from qfopgui.services.poller import JobPoller
from qfopgui.services.store import JobStore
from tests.helpers.virtual_time import run_virtual
from tests.unit.services.fakes import add_active, make_status

T = TypeVar("T")

# The app's defaults, except that the rng is seeded (jitter stays on).
POLICY = PollPolicy()
Answer = Callable[[str, float], int | Exception]  # (persistent id, seconds since start) → answer


def rate_limited(retry_after: float | None) -> RateLimitedError:
    err = RateLimitedError("Too many requests; slow down", status=573)
    err.retry_after = retry_after
    return err


class VirtualServer:
    """prefop on the loop's clock: records when each attempt starts and when it is answered.

    Times are seconds since `t0` (set when the poller starts).
    """

    def __init__(self, answer: Answer, *, latency: float = 0.0) -> None:
        self.answer = answer
        self.latency = latency
        self.t0 = 0.0
        self.attempts: list[tuple[float, str]] = []
        self.answers_573: list[float] = []  # when each 573 reached the poller

    def now(self) -> float:
        return asyncio.get_running_loop().time() - self.t0

    def prefop(self, persistent_id: str) -> JobStatus:
        now = self.now()
        self.attempts.append((now, persistent_id))
        step = self.answer(persistent_id, now)
        if isinstance(step, Exception):
            raise step
        return make_status(persistent_id, step)

    async def run_blocking(self, fn: Callable[[], T]) -> T:
        """The poller's `run_blocking`: the request starts now, its answer comes `latency` later."""
        try:
            result = fn()
        except RateLimitedError:
            await asyncio.sleep(self.latency)
            self.answers_573.append(self.now())
            raise
        except Exception:
            await asyncio.sleep(self.latency)
            raise
        await asyncio.sleep(self.latency)
        return result

    @property
    def times(self) -> list[float]:
        return [t for t, _ in self.attempts]


async def inline(fn: Callable[[], T]) -> T:
    return fn()


def max_in_window(times: list[float], window: float = 1.0) -> int:
    """The most attempts that start inside any half-open window [t, t + window)."""
    times = sorted(times)
    best, j = 0, 0
    for i, t in enumerate(times):
        j = max(j, i)
        while j < len(times) and times[j] - t < window:
            j += 1
        best = max(best, j - i)
    return best


def seed_waiting(path: Path, n: int) -> None:
    """n WAITING rows in one transaction (10,000 single commits would take far too long)."""
    JobStore(path).open()
    con = sqlite3.connect(path)
    now = time.time()
    con.executemany(
        "INSERT INTO jobs (profile, bucket, key, fops, presets, outputs, output_bucket, pipeline,"
        " batch_id, state, persistent_id, force, notify_url, type, submitted_at, updated_at, error)"
        " VALUES ('p','b',?,'[\"f\"]','[]','[]','b','','x','waiting',?,0,'',0,?,?,'')",
        [(f"k{i}.mp4", f"z0.{i:024x}", now, now) for i in range(n)],
    )
    con.commit()
    con.close()


async def run_poller(
    store: JobStore,
    server: VirtualServer,
    policy: PollPolicy,
    seconds: float,
    *,
    during: Callable[[JobPoller, float], None] | None = None,
) -> list[list[JobRecord]]:
    """Run a poller for `seconds` of virtual time; `during(poller, t)` is called every second."""
    loop = asyncio.get_running_loop()
    changes: list[list[JobRecord]] = []
    poller = JobPoller(
        store=store,
        run_store=inline,
        client_for=lambda _p: server,
        run_blocking=server.run_blocking,
        on_changed=changes.append,
        policy=policy,
        clock=loop.time,
        rng=random.Random(7),
    )
    server.t0 = loop.time()
    task = asyncio.create_task(poller.run())
    for second in range(int(seconds)):
        await asyncio.sleep(1.0)
        if during is not None:
            during(poller, float(second + 1))
    await asyncio.sleep(seconds - int(seconds))
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    return changes


def pauses(times: list[float], at_least: float) -> list[float]:
    """Gaps between consecutive attempts that are at least `at_least` long."""
    return [b - a for a, b in itertools.pairwise(times) if b - a >= at_least]


@pytest.mark.parametrize(("latency", "concurrency"), [(0.0, 4), (0.4, 4), (0.05, 1)])
def test_retry_after_stops_every_job_then_the_pause_grows(
    tmp_path: Path, latency: float, concurrency: int
) -> None:
    """Every prefop answers 573 with Retry-After: 3 — nothing is sent for 3 s after each one."""
    store = JobStore(tmp_path / "j.db")
    for i in range(20):
        add_active(store, f"z0.{i}")
    server = VirtualServer(lambda _p, _t: rate_limited(3.0), latency=latency)
    policy = PollPolicy(max_rps=5, max_concurrency=concurrency)
    run_virtual(run_poller(store, server, policy, 60))

    times = server.times
    assert times, "the poller never asked"
    for answered in server.answers_573:  # the 573 is global: no job may ask during the pause
        assert not [t for t in times if answered < t < answered + 3.0], answered
    # After the first round (requests already in flight may still arrive), one probe at a time:
    first_quiet = next(i for i, (a, b) in enumerate(itertools.pairwise(times)) if b - a >= 3.0)
    later = times[first_quiet + 1 :]
    assert all(b - a >= 3.0 for a, b in itertools.pairwise(later)), later
    # … and the pause keeps growing (3, ~4, ~8, ~16, ~32 s): the poller's own back-off
    # takes over once it is longer than the server's Retry-After.
    gaps = pauses(times, 3.0)
    assert len(gaps) >= 4, gaps
    assert all(b > a * 1.5 for a, b in itertools.pairwise(gaps[1:])), gaps
    assert len(times) <= 6 + concurrency
    assert max_in_window(times) <= policy.max_rps


def test_without_retry_after_the_first_pause_is_the_pollers_own(tmp_path: Path) -> None:
    """Guards the test above: the 3 s there come from Retry-After, not from the back-off."""
    store = JobStore(tmp_path / "j.db")
    for i in range(5):
        add_active(store, f"z0.{i}")
    server = VirtualServer(lambda _p, _t: rate_limited(None))
    run_virtual(run_poller(store, server, PollPolicy(max_rps=5), 10))
    first_pause = server.times[1] - server.answers_573[0]
    assert 1.7 < first_pause < 2.3  # min_interval 2 s ± 10 % jitter, shorter than 3


def test_ten_thousand_jobs_never_exceed_max_rps_in_any_window(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_waiting(path, 10_000)
    server = VirtualServer(lambda _p, _t: 1, latency=0.05)
    policy = PollPolicy(max_rps=5, max_concurrency=4)
    changes = run_virtual(run_poller(JobStore(path), server, policy, 60))

    times = server.times
    assert max_in_window(times) <= 5
    assert len(times) >= 280  # and it does use the budget: ~5 per second for ~59 s
    assert len({p for _, p in server.attempts}) == len(times)  # 10,000 due: each asked once
    reported = sum(len(c) for c in changes)  # every answer stored and reported (but the last
    assert len(times) - 5 <= reported <= len(times)  # flush interval's, cut off by the stop)


def test_rate_cap_holds_across_a_pause_and_a_refresh(tmp_path: Path) -> None:
    """When a 573 pause ends, or Refresh makes every job due, the backlog is paced, not burst."""
    store = JobStore(tmp_path / "j.db")
    for i in range(60):
        add_active(store, f"z0.{i}")

    def answer(_pid: str, t: float) -> int | Exception:
        return rate_limited(3.0) if 10.0 <= t < 10.5 else 2

    server = VirtualServer(answer, latency=0.1)
    policy = PollPolicy(max_rps=5, max_concurrency=4, min_interval=0.5, max_interval=1.0)

    def refresh(poller: JobPoller, t: float) -> None:
        if t in (30.0, 31.0, 45.0):
            poller.poll_now()

    run_virtual(run_poller(store, server, policy, 60, during=refresh))
    times = server.times
    assert server.answers_573, "the scenario must include a 573"
    assert max_in_window(times) <= 5
    last_573 = max(server.answers_573)
    assert not [t for t in times if last_573 < t < last_573 + 3.0]
    resumed = [t for t in times if last_573 + 3.0 <= t < last_573 + 9.0]
    assert len(resumed) >= 25  # back at full speed (5/s) right after the pause
    assert len(times) >= 5 * 45  # 60 jobs want ~60/s: the cap, not the jobs, limits


def test_success_after_a_pause_ends_the_slow_down(tmp_path: Path) -> None:
    """One 573 episode, then healthy answers: the next pauses are not inherited."""
    store = JobStore(tmp_path / "j.db")
    for i in range(10):
        add_active(store, f"z0.{i}")

    throttle_at = [5.0, 20.0]  # the first request at or after these times gets a 573

    def answer(_pid: str, t: float) -> int | Exception:
        if throttle_at and t >= throttle_at[0]:
            throttle_at.pop(0)
            return rate_limited(3.0)
        return 2

    server = VirtualServer(answer)
    # Own back-off 2 s, then 4 s: a second strike would pause max(4, 3) = 4 s.
    policy = PollPolicy(
        max_rps=5,
        max_concurrency=2,
        first_delay=0.0,
        min_interval=2.0,
        max_interval=2.0,
        jitter=0.0,
    )
    run_virtual(run_poller(store, server, policy, 30))
    quiet = pauses(server.times, 1.0)
    # Both 573s paused for exactly Retry-After (3 s), not 3 then max(4, 3) = 4.
    assert quiet == pytest.approx([3.0, 3.0], abs=0.01), quiet


def test_a_server_error_with_retry_after_pauses_everyone_once(tmp_path: Path) -> None:
    """A 503 that says when to come back is obeyed for all jobs, without a growing pause."""
    store = JobStore(tmp_path / "j.db")
    for i in range(10):
        add_active(store, f"z0.{i}")
    failures = [5.0]

    def answer(_pid: str, t: float) -> int | Exception:
        if failures and t >= failures[0]:
            failures.pop(0)
            err = ServerError("Service unavailable", status=503)
            err.retry_after = 4.0
            return err
        return 2

    server = VirtualServer(answer)
    policy = PollPolicy(max_rps=5, first_delay=0.0, min_interval=2.0, max_interval=2.0, jitter=0.0)
    run_virtual(run_poller(store, server, policy, 20))
    assert pauses(server.times, 1.0) == pytest.approx([4.0], abs=0.01)
