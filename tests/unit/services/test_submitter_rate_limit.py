"""The submitter slows down after 573, on an injected clock: a refusal is waited out and sent
again (a bounded number of times); the next files wait too. Nothing else is ever resent."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from qfopgui.api.errors import RateLimitedError, ServerError
from qfopgui.core.jobs import JobState
from qfopgui.services.store import JobStore
from qfopgui.services.submitter import (
    RATE_LIMIT_PAUSE,
    RATE_LIMIT_TRIES,
    SubmitItem,
    SubmitOptions,
    Submitter,
)


class Clock:
    """Virtual time: `sleep` only moves the clock forward and records the wait."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class Answers:
    """pfop answers in order (an exception is raised); records when each request was sent."""

    def __init__(self, clock: Clock, answers: Sequence[str | Exception]) -> None:
        self.clock = clock
        self.answers = list(answers)
        self.sent: list[tuple[float, str]] = []

    def pfop(self, bucket: str, key: str, fops: Sequence[str], **kw: Any) -> str:
        self.sent.append((self.clock.now, key))
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


async def inline(fn: Callable[[], Any]) -> Any:
    return fn()


def _limited(retry_after: float | None) -> RateLimitedError:
    exc = RateLimitedError("Too many requests", status=573)
    exc.retry_after = retry_after
    return exc


def _submitter(tmp_path: Path, client: Answers, clock: Clock) -> tuple[Submitter, JobStore]:
    store = JobStore(tmp_path / "jobs.sqlite")
    sub = Submitter(
        store=store, run_store=inline, client_for=lambda _p: client, run_blocking=inline,
        sleep=clock.sleep, clock=clock,
    )  # fmt: skip
    return sub, store


def _items(*keys: str) -> list[SubmitItem]:
    return [SubmitItem("b", k, ("avthumb/mp4",), ("P",), (f"{k}.mp4",), "b") for k in keys]


def test_a_573_is_waited_out_for_retry_after_and_the_next_file_waits_too(tmp_path: Path) -> None:
    clock = Clock()
    client = Answers(clock, [_limited(3.0), "z0.a", "z0.b"])
    sub, _store = _submitter(tmp_path, client, clock)
    a, b = asyncio.run(sub.submit("p", _items("a", "b"), SubmitOptions()))
    assert (a.state, a.persistent_id) == (JobState.WAITING, "z0.a")
    assert (b.state, b.persistent_id) == (JobState.WAITING, "z0.b")
    (t0, _), (t1, _), (t2, _) = client.sent
    assert t1 - t0 >= 3.0  # the server's Retry-After, not less
    assert t2 >= t1  # b was sent after the pause, never during it
    assert [key for _t, key in client.sent] == ["a", "a", "b"]


def test_without_retry_after_the_pause_grows_and_ends_in_failed_after_the_last_try(
    tmp_path: Path,
) -> None:
    clock = Clock()
    client = Answers(clock, [_limited(None)] * RATE_LIMIT_TRIES)
    sub, _store = _submitter(tmp_path, client, clock)
    [rec] = asyncio.run(sub.submit("p", _items("a"), SubmitOptions()))
    assert rec.state is JobState.FAILED  # a 573 is a refusal: nothing was started
    assert "Too many requests" in rec.error
    assert len(client.sent) == RATE_LIMIT_TRIES  # bounded
    gaps = [b - a for (a, _), (b, _) in zip(client.sent, client.sent[1:], strict=False)]
    first, _cap = RATE_LIMIT_PAUSE
    assert gaps[0] >= first
    assert gaps[1] > gaps[0]  # growing back-off


def test_a_5xx_is_never_resent_it_needs_a_decision(tmp_path: Path) -> None:
    clock = Clock()
    client = Answers(clock, [ServerError("Internal error", status=500)])
    sub, _store = _submitter(tmp_path, client, clock)
    [rec] = asyncio.run(sub.submit("p", _items("a"), SubmitOptions()))
    assert rec.state is JobState.UNRESOLVED  # the server may have started it
    assert len(client.sent) == 1
    assert clock.sleeps == []
