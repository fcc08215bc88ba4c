"""core.polling: quick first look, growth to a ceiling, age floor, error backoff, jitter, pacing."""

from __future__ import annotations

import itertools
import random

import pytest

from qfopgui.core.polling import (
    PollPolicy,
    StartPacer,
    global_backoff,
    honoured_retry_after,
    next_delay,
)

P = PollPolicy(jitter=0.0)


class Fixed:
    def __init__(self, value: float) -> None:
        self.value = value

    def random(self) -> float:
        return self.value


def nd(polls: int, errors: int = 0, age: float = 0.0, policy: PollPolicy = P) -> float:
    return next_delay(policy, age_seconds=age, polls=polls, errors=errors, rng=Fixed(0.5))


def test_first_poll_is_quick_even_for_old_jobs() -> None:
    assert nd(0) == 1.0
    assert nd(0, age=86_400) == 1.0  # after a restart, look once soon


def test_grows_then_caps() -> None:
    delays = [nd(n) for n in range(1, 20)]
    assert delays[0] == 2.0
    assert delays[1] == pytest.approx(3.2)
    assert all(b >= a for a, b in itertools.pairwise(delays))
    assert delays[-1] == 60.0
    assert max(delays) == 60.0


def test_old_jobs_are_polled_less_often() -> None:
    assert nd(1, age=300) == 30.0  # 10 % of the age beats the growth curve
    assert nd(1, age=10_000) == 60.0  # but never beyond the ceiling
    assert nd(1, age=5) == 2.0


def test_error_backoff_doubles_to_its_own_ceiling() -> None:
    assert [nd(3, errors=e) for e in range(1, 8)] == [4, 8, 16, 32, 64, 120, 120]
    assert nd(3, errors=1000) == 120


def test_jitter_stays_within_bounds_and_spreads() -> None:
    policy = PollPolicy(jitter=0.1)
    rng = random.Random(7)
    values = [next_delay(policy, age_seconds=0, polls=3, errors=0, rng=rng) for _ in range(500)]
    base = 2.0 * 1.6**2
    assert min(values) >= base * 0.9 - 1e-9
    assert max(values) <= base * 1.1 + 1e-9
    assert len({round(v, 6) for v in values}) > 100
    low = next_delay(policy, age_seconds=0, polls=1, errors=0, rng=Fixed(0.0))
    assert low == 2.0  # never below min_interval
    high = next_delay(policy, age_seconds=0, polls=50, errors=0, rng=Fixed(1.0))
    assert high == 60.0  # never above max_interval


def test_global_backoff() -> None:
    assert [global_backoff(P, strikes=s, rng=Fixed(0.5)) for s in (1, 2, 3)] == [2, 4, 8]
    assert global_backoff(P, strikes=50, rng=Fixed(0.5)) == 120
    assert global_backoff(P, strikes=1, rng=Fixed(0.5), retry_after=30) == 30
    assert global_backoff(P, strikes=1, rng=Fixed(0.5), retry_after=0.5) == 2
    assert global_backoff(P, strikes=3, rng=Fixed(0.5), retry_after=3) == 8  # own pause grew


def test_retry_after_is_obeyed_within_bounds() -> None:
    assert honoured_retry_after(P, 3.0) == 3.0
    assert honoured_retry_after(P, -5.0) == 0.0
    assert honoured_retry_after(P, 3600.0) == 600.0  # 5 x error_backoff_max (120 s)
    assert global_backoff(P, strikes=1, rng=Fixed(0.5), retry_after=3600) == 600


def max_in_window(times: list[float], window: float = 1.0) -> int:
    """The most starts inside any half-open window [t, t + window)."""
    best, j = 0, 0
    for i, t in enumerate(times):
        j = max(j, i)
        while j < len(times) and times[j] - t < window:
            j += 1
        best = max(best, j - i)
    return best


def greedy_starts(pacer: StartPacer, t0: float, seconds: float) -> list[float]:
    """Start a request as soon as the pacer allows, for `seconds` (the poller with a backlog).

    Like the poller, it never sleeps less than 1 ms: a wait of 1e-17 s would not move a clock.
    """
    now, out = t0, []
    while now < t0 + seconds:
        wait = pacer.wait(now)
        if wait > 0:
            now += max(wait, 0.001)
            continue
        pacer.started(now)
        out.append(now)
    return out


@pytest.mark.parametrize("rps", [1.0, 3.0, 5.0, 7.0, 10.0])
def test_pacer_never_exceeds_max_rps_in_any_window_and_uses_the_budget(rps: float) -> None:
    rng = random.Random(int(rps))
    for _ in range(50):  # arbitrary clock origins: float rounding differs with magnitude
        t0 = rng.uniform(0, 1e6)
        times = greedy_starts(StartPacer(rps), t0, 60.0)
        assert max_in_window(times) <= rps
        assert len(times) >= 0.97 * rps * 60
        assert min(b - a for a, b in itertools.pairwise(times)) >= 1 / rps - 1e-9  # no burst


def test_spacing_alone_would_let_one_request_too_many_into_a_window() -> None:
    """Why the pacer also checks the window: `last + 1/rps` drifts below 1 s over 5 steps."""
    rng = random.Random(5)
    over = 0
    for _ in range(50):
        now, nxt, times = rng.uniform(0, 1e6), float("-inf"), []
        for _ in range(100):
            now = max(now, nxt)
            times.append(now)
            nxt = now + 0.2
        over += max_in_window(times) > 5
    assert over > 0


def test_pacer_fractional_and_unlimited_rates() -> None:
    times = greedy_starts(StartPacer(2.5), 0.0, 30.0)
    assert max_in_window(times) <= 2  # 2.5 per second can only mean 2 in one window
    assert max_in_window(times, window=2.0) <= 5
    slow = greedy_starts(StartPacer(0.5), 0.0, 30.0)
    assert min(b - a for a, b in itertools.pairwise(slow)) >= 2.0
    free = StartPacer(0)
    for _ in range(100):
        free.started(1.0)
    assert free.wait(1.0) <= 0


def test_pacer_idle_then_busy_spreads_the_backlog() -> None:
    pacer = StartPacer(5.0)
    for t in (0.0, 0.2, 0.4):
        pacer.started(t)
    assert pacer.wait(100.0) <= 0  # long idle: the first may go at once
    pacer.started(100.0)
    assert pacer.wait(100.0) == pytest.approx(0.2)  # but the backlog is spaced, not burst
