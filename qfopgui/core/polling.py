"""When to ask prefop again: quick for new jobs, slower for old ones, much slower after errors.

Pure functions over a `PollPolicy` (and `StartPacer`, which is told the times instead of reading
a clock), so the poller's timing is testable without a loop or clock. Heavy polling earns 573
"too many requests" answers, hence the ceilings and the request-rate cap.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass
from typing import Protocol


class Rng(Protocol):
    """The part of `random.Random` the policy uses (injectable for tests)."""

    def random(self) -> float: ...


@dataclass(frozen=True)
class PollPolicy:
    """Timing knobs for the job poller (seconds, counts, requests per second)."""

    first_delay: float = 1.0  # first look at a job after it is tracked
    min_interval: float = 2.0  # floor between two polls of one job
    max_interval: float = 60.0  # ceiling for healthy jobs
    growth: float = 1.6  # interval multiplier per poll
    jitter: float = 0.1  # ± fraction, so jobs submitted together spread out
    error_backoff_max: float = 120.0  # ceiling after errors (per job and global 573 pause)
    max_concurrency: int = 4  # prefop requests in flight at once
    max_rps: float = 5.0  # prefop requests started in any 1 s window (<= 0: unlimited)
    age_factor: float = 0.1  # interval is at least this fraction of the job's age


def _jittered(policy: PollPolicy, base: float, rng: Rng) -> float:
    return base * (1.0 + policy.jitter * (2.0 * rng.random() - 1.0))


def next_delay(
    policy: PollPolicy, *, age_seconds: float, polls: int, errors: int, rng: Rng
) -> float:
    """Seconds until the next poll of one job.

    Args:
        age_seconds: time since the job was submitted (a job running for an hour need not be
            asked every 2 s, even right after the app restarted).
        polls: successful polls so far in this session (0 = never polled).
        errors: consecutive failed polls (5xx, 573, network); doubles the wait each time.
    """
    if errors > 0:
        base = policy.min_interval * 2.0 ** min(errors, 30)
        return min(policy.error_backoff_max, max(0.0, _jittered(policy, base, rng)))
    if polls <= 0:
        return max(0.0, _jittered(policy, policy.first_delay, rng))
    grown = policy.min_interval * policy.growth ** min(polls - 1, 200)
    base = max(policy.min_interval, grown, max(0.0, age_seconds) * policy.age_factor)
    base = min(base, policy.max_interval)
    return min(policy.max_interval, max(policy.min_interval, _jittered(policy, base, rng)))


def global_backoff(
    policy: PollPolicy, *, strikes: int, rng: Rng, retry_after: float | None = None
) -> float:
    """Seconds to pause ALL polling after a 573, growing with consecutive 573s (`strikes` >= 1).

    A server's Retry-After, when known, is honoured as a lower bound.
    """
    base = policy.min_interval * 2.0 ** min(max(strikes, 1) - 1, 30)
    delay = min(policy.error_backoff_max, max(0.0, _jittered(policy, base, rng)))
    if retry_after is not None:
        delay = max(delay, honoured_retry_after(policy, retry_after))
    return delay


def honoured_retry_after(policy: PollPolicy, retry_after: float) -> float:
    """A server's Retry-After as the poller obeys it: never negative, at most 5 back-off ceilings
    (10 minutes by default), so a wrong header cannot stop polling for hours."""
    return min(max(0.0, retry_after), policy.error_backoff_max * 5)


RATE_WINDOW = 1.0  # seconds: `max_rps` counts the request starts inside any window this long
WINDOW_SLACK = 0.02  # seconds added to the window: the few ms between deciding and sending


class StartPacer:
    """Decides when the next request may start so that `max_rps` holds in EVERY 1 s window.

    Two rules. Starts are at least ``1/max_rps`` apart, so the rate is even and there is no
    burst when a pause ends or when many jobs fall due at once. And the ``floor(max_rps)``-th
    previous start must be more than a window (plus `WINDOW_SLACK`) ago — the very comparison a
    server's sliding window makes, so rounding in the spacing can never slip one extra request
    into a window. Every attempt counts: a request that fails is still a request.
    """

    def __init__(self, max_rps: float) -> None:
        self._spacing = 1.0 / max_rps if max_rps > 0 else 0.0
        self._per_window = max(1, math.floor(max_rps)) if max_rps > 0 else 0
        self._starts: deque[float] = deque(maxlen=max(1, self._per_window))

    def wait(self, now: float) -> float:
        """Seconds from `now` until the next request may start (<= 0: it may start now)."""
        if not self._per_window or not self._starts:
            return 0.0
        wait = self._spacing - (now - self._starts[-1])
        if len(self._starts) == self._per_window:
            wait = max(wait, RATE_WINDOW + WINDOW_SLACK - (now - self._starts[0]))
        return wait

    def started(self, now: float) -> None:
        """Record that a request started at `now` (call once per request, in time order)."""
        if self._per_window:
            self._starts.append(now)
