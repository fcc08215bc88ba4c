"""core.polling: quick first look, growth to a ceiling, age floor, error backoff, jitter."""

from __future__ import annotations

import itertools
import random

import pytest

from qfopgui.core.polling import PollPolicy, global_backoff, min_spacing, next_delay

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


def test_min_spacing() -> None:
    assert min_spacing(PollPolicy(max_rps=5)) == 0.2
    assert min_spacing(PollPolicy(max_rps=0)) == 0.0
