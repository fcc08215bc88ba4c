"""OssJobWatcher on virtual time: rate bound per account, back-off, errors, IMM/MNS, 1,000 jobs.

The watcher's clock is the loop's clock and every wait goes through the loop, so on a
`VirtualTimeLoop` hours of watching take milliseconds and timing assertions are exact. The fake
OSS answers inline and records when each request started.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import pytest

from qfopgui.api.errors import AuthError, NetworkError
from qfopgui.core.oss_status import (
    ObjectInfo,
    OutputTarget,
    TaskReport,
    WatchPolicy,
    WatchSignal,
    WatchState,
    imm_task_report,
)
from qfopgui.services.oss_watch import OssJobWatcher, WatchRequest, WatchUpdate
from tests.helpers.virtual_time import run_virtual

T = TypeVar("T")
POLICY = WatchPolicy(timeout=600.0, jitter=0.0)


def _now() -> float:
    return asyncio.get_running_loop().time()


async def _inline(fn: Callable[[], T]) -> T:
    return fn()


@dataclass
class FakeOss:
    """Objects that appear at a (loop) time; ``fail`` decides an error per request."""

    appear: dict[tuple[str, str], tuple[float, int]] = field(default_factory=dict)
    calls: list[tuple[float, str, str, str]] = field(default_factory=list)  # (t, acct, op, key)
    fail: Callable[[str, float], Exception | None] = lambda _key, _t: None
    account: str = "a"

    def put(self, key: str, at: float, size: int = 100, bucket: str = "dst") -> None:
        self.appear[(bucket, key)] = (at, size)

    def _visible(self, bucket: str, key: str) -> ObjectInfo | None:
        at, size = self.appear.get((bucket, key), (float("inf"), 0))
        return ObjectInfo(key, size, at) if _now() >= at else None

    def _call(self, op: str, key: str) -> None:
        self.calls.append((_now(), self.account, op, key))
        error = self.fail(key, _now())
        if error is not None:
            raise error

    def head(self, bucket: str, key: str) -> ObjectInfo | None:
        self._call("head", key)
        return self._visible(bucket, key)

    def list_prefix(self, bucket: str, prefix: str) -> Sequence[ObjectInfo]:
        self._call("list", prefix)
        found = (self._visible(b, k) for (b, k) in self.appear if b == bucket)
        return [o for o in found if o is not None and o.key.startswith(prefix)]


@dataclass
class FakeImm:
    answers: Callable[[str, float], TaskReport | Exception | None]
    signal: WatchSignal = WatchSignal.IMM_GETTASK
    asked: list[tuple[float, str]] = field(default_factory=list)

    def task_status(self, task_id: str) -> TaskReport | None:
        self.asked.append((_now(), task_id))
        answer = self.answers(task_id, _now())
        if isinstance(answer, Exception):
            raise answer
        return answer


class Harness:
    def __init__(
        self,
        probes: dict[str, FakeOss],
        *,
        policy: WatchPolicy = POLICY,
        imm: FakeImm | None = None,
    ) -> None:
        self.updates: list[WatchUpdate] = []
        self.final: dict[str, WatchUpdate] = {}
        self.changed = asyncio.Event()
        self.watcher = OssJobWatcher(
            probe_for=probes.__getitem__,
            run_blocking=_inline,
            on_update=self._on_update,
            policy_for=lambda _a: policy,
            tasks_for=lambda _a: imm,
            clock=_now,
            rng=random.Random(7),
        )

    def _on_update(self, update: WatchUpdate) -> None:
        self.updates.append(update)
        if update.watch.state.is_final:
            self.final[update.job_id] = update
        self.changed.set()

    def watch(self, job_id: str, *targets: OutputTarget, account: str = "a") -> None:
        self.watcher.watch(WatchRequest(job_id, account, tuple(targets), _now()))

    async def until(self, ready: Callable[[], bool], limit: float = 36_000.0) -> None:
        """Run the watcher (virtual time) until ``ready()``."""
        runner = asyncio.create_task(self.watcher.run())
        try:
            async with asyncio.timeout(limit):
                while not ready():
                    self.changed.clear()
                    await self.changed.wait()
        finally:
            runner.cancel()
            await asyncio.gather(runner, return_exceptions=True)


def _key(n: int) -> OutputTarget:
    return OutputTarget("dst", f"out/{n}.mp4")


def _max_in_any_window(times: list[float], window: float = 1.0) -> int:
    times = sorted(times)
    return max(sum(1 for u in times[i:] if u - t < window) for i, t in enumerate(times))


def test_a_thousand_jobs_stay_under_the_rate_bound_and_all_finish() -> None:
    async def scenario() -> tuple[Harness, FakeOss, float]:
        oss = FakeOss()
        h = Harness({"a": oss}, policy=WatchPolicy(timeout=3600.0, jitter=0.1))
        t0 = _now()
        for n in range(1000):
            oss.put(f"out/{n}.mp4", t0 + 30 + n % 50)
            h.watch(str(n), _key(n))
        await h.until(lambda: len(h.final) == 1000)
        return h, oss, _now() - t0

    h, oss, took = run_virtual(scenario())
    assert {u.watch.state for u in h.final.values()} == {WatchState.DONE}
    starts = [t for t, *_ in oss.calls]
    assert _max_in_any_window(starts) <= 5
    assert len(starts) / took > 4.0  # and the bound is used, not wasted
    assert h.watcher.watching == 0
    # a job reports only when something changed, not once per probe
    assert len(h.updates) < 2 * 1000


def test_each_account_has_its_own_bound() -> None:
    async def scenario() -> tuple[FakeOss, FakeOss]:
        a, b = FakeOss(account="a"), FakeOss(account="b")
        h = Harness({"a": a, "b": b})
        for n in range(40):
            a.put(f"out/{n}.mp4", _now() + 20)
            b.put(f"out/{n}.mp4", _now() + 20)
            h.watch(f"a{n}", _key(n), account="a")
            h.watch(f"b{n}", _key(n), account="b")
        await h.until(lambda: len(h.final) == 80)
        return a, b

    a, b = run_virtual(scenario())
    for oss in (a, b):
        assert _max_in_any_window([t for t, *_ in oss.calls]) <= 5
    both = sorted(t for t, *_ in a.calls + b.calls)
    assert _max_in_any_window(both) > 5  # one account's probes do not wait for the other's


def test_backoff_then_unknown_at_the_deadline_never_failed() -> None:
    async def scenario() -> tuple[Harness, FakeOss, float]:
        oss = FakeOss()
        h = Harness({"a": oss})
        t0 = _now()
        h.watch("j", _key(1))
        await h.until(lambda: "j" in h.final)
        return h, oss, t0

    h, oss, t0 = run_virtual(scenario())
    times = [round(t - t0, 6) for t, *_ in oss.calls]
    assert times[:6] == [2, 7, 17, 47, 107, 167]  # 2, 5, 10, 30, 60, 60 s apart
    assert times[-1] == 600  # the deadline gets its own probe
    final = h.final["j"].watch
    assert final.state is WatchState.UNKNOWN
    assert final.text.message.startswith("No output after 10 min.")
    assert [u.watch.state for u in h.updates] == [WatchState.UNKNOWN]


def test_probe_errors_are_reported_retried_with_backoff_and_never_end_a_job() -> None:
    async def scenario() -> tuple[Harness, FakeOss, float]:
        t0 = _now()

        def fail(_key: str, t: float) -> Exception | None:
            if t - t0 < 900:  # failing through the deadline (600 s) and beyond
                return (
                    NetworkError("The network is unreachable")
                    if t - t0 < 300
                    else (AuthError("The AccessKey is wrong"))
                )
            return None

        oss = FakeOss(fail=fail)
        oss.put("out/1.mp4", t0 + 1000)
        h = Harness({"a": oss})
        h.watch("j", _key(1))
        await h.until(lambda: "j" in h.final)
        return h, oss, t0

    h, oss, t0 = run_virtual(scenario())
    errors = [u for u in h.updates if u.error is not None]
    assert errors
    assert all(u.watch.state is WatchState.WAITING for u in errors)
    assert isinstance(errors[0].error, NetworkError)
    assert isinstance(errors[-1].error, AuthError)
    assert errors[0].watch.text.message == (
        "Could not check for the output: The network is unreachable. Trying again."
    )
    gaps = [b[0] - a[0] for a, b in zip(oss.calls, oss.calls[1:], strict=False)]
    assert [round(g) for g in gaps[:4]] == [5, 10, 30, 60]  # errors back off too
    # past the deadline only errors came back, so the job kept waiting; the first answer
    # after that (absent, t≈900+) decides unknown, not the errors
    final = h.final["j"]
    assert final.watch.state is WatchState.UNKNOWN
    assert final.error is None
    assert oss.calls[-1][0] - t0 >= 900


def test_an_unexpected_client_bug_is_retried_too() -> None:
    async def scenario() -> Harness:
        t0 = _now()
        oss = FakeOss(fail=lambda _k, t: RuntimeError("bug") if t - t0 < 10 else None)
        oss.put("out/1.mp4", t0)
        h = Harness({"a": oss})
        h.watch("j", _key(1))
        await h.until(lambda: "j" in h.final)
        return h

    h = run_virtual(scenario())
    assert isinstance(h.updates[0].error, RuntimeError)
    assert h.final["j"].watch.state is WatchState.DONE


def test_a_picture_series_is_listed_until_it_stops_growing() -> None:
    async def scenario() -> tuple[Harness, FakeOss]:
        oss = FakeOss()
        t0 = _now()
        for n in range(1, 4):
            oss.put(f"thumbs/s_0_{n}.jpg", t0 + 3 + n)  # 4, 5, 6 s
        h = Harness({"a": oss})
        h.watch("j", OutputTarget("dst", "thumbs/s", series=True))
        await h.until(lambda: "j" in h.final)
        return h, oss

    h, oss = run_virtual(scenario())
    assert {op for _t, _a, op, _k in oss.calls} == {"list"}
    assert h.final["j"].watch.state is WatchState.DONE
    assert len(h.final["j"].watch.seen[0]) == 3


def test_imm_failed_is_a_failure_with_the_service_message() -> None:
    async def scenario() -> Harness:
        imm = FakeImm(lambda _t, _now: imm_task_report("Failed", message="vcodec_x is invalid"))
        h = Harness({"a": FakeOss()}, imm=imm)
        h.watch("j", OutputTarget("dst", "out/1.mp4", task_id="MediaConvert-1"))
        await h.until(lambda: "j" in h.final)
        return h

    h = run_virtual(scenario())
    final = h.final["j"].watch
    assert final.state is WatchState.FAILED
    assert final.signal is WatchSignal.IMM_GETTASK
    assert final.text.message == "The service reports that the task failed: vcodec_x is invalid"


def test_imm_running_outlasts_the_timeout_and_its_errors_do_not_stop_the_output_probe() -> None:
    async def scenario() -> tuple[Harness, FakeOss, FakeImm, float]:
        t0 = _now()

        def answer(_task: str, t: float) -> TaskReport | Exception | None:
            if t - t0 < 20:
                return AuthError("no imm:GetTask permission")
            return imm_task_report("Running")

        imm = FakeImm(answer)
        oss = FakeOss()
        oss.put("out/1.mp4", t0 + 2000)  # long after the 600 s timeout
        h = Harness({"a": oss}, imm=imm)
        h.watch("j", OutputTarget("dst", "out/1.mp4", task_id="MediaConvert-1"))
        await h.until(lambda: "j" in h.final)
        return h, oss, imm, t0

    h, oss, imm, t0 = run_virtual(scenario())
    assert imm.asked
    assert any(isinstance(u.error, AuthError) for u in h.updates)
    assert oss.calls[0][0] - t0 < 20  # probed while IMM was refusing
    final = h.final["j"].watch
    assert final.state is WatchState.DONE
    assert h.final["j"].watch.signal is WatchSignal.IMM_GETTASK
    assert WatchState.UNKNOWN not in {u.watch.state for u in h.updates}


def test_forget_stops_probing() -> None:
    async def scenario() -> FakeOss:
        oss = FakeOss()
        h = Harness({"a": oss})
        h.watch("j", _key(1))
        h.watch("k", _key(2))
        runner = asyncio.create_task(h.watcher.run())
        await asyncio.sleep(10)
        h.watcher.forget("j")
        assert h.watcher.state_of("j") is None
        assert h.watcher.state_of("k") is not None
        await asyncio.sleep(200)
        runner.cancel()
        await asyncio.gather(runner, return_exceptions=True)
        return oss

    oss = run_virtual(scenario())
    late = {k for t, _a, _op, k in oss.calls if t > 1000 + 10}
    assert late == {"out/2.mp4"}


@pytest.mark.parametrize("jobs", [3])
def test_several_outputs_are_probed_until_each_is_there(jobs: int) -> None:
    async def scenario() -> tuple[Harness, FakeOss]:
        oss = FakeOss()
        t0 = _now()
        for n in range(jobs):
            oss.put(f"out/{n}.mp4", t0 + 10 * (n + 1))
        h = Harness({"a": oss})
        h.watch("j", *(_key(n) for n in range(jobs)))
        await h.until(lambda: "j" in h.final)
        return h, oss

    h, oss = run_virtual(scenario())
    assert h.final["j"].watch.text.message == "Every output is there (3 of 3)"
    heads = [k for _t, _a, _op, k in oss.calls]
    # a target found is not probed again
    assert heads.count("out/0.mp4") < heads.count("out/2.mp4")


def test_a_failing_update_callback_does_not_stop_the_watching(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def scenario() -> Harness:
        oss = FakeOss(fail=lambda _k, t: NetworkError("down") if t < 1000 + 10 else None)
        oss.put("out/1.mp4", 1000 + 20)
        h = Harness({"a": oss})
        record = h._on_update
        calls = []

        def broken(update: WatchUpdate) -> None:
            calls.append(update)
            if len(calls) == 1:
                raise RuntimeError("view bug")
            record(update)

        h.watcher.on_update = broken
        h.watch("j", _key(1))
        await h.until(lambda: "j" in h.final)
        return h

    h = run_virtual(scenario())
    assert h.final["j"].watch.state is WatchState.DONE
    assert "reporting OSS job j failed" in caplog.text
