"""Fault injection: latency, random 5xx, 573 throttling and dropped connections.

One seedable RNG decides every request's fate under a lock, so a given seed and request order
give the same faults; ``/sandbox/*`` is never faulted so tooling can always reach it.
"""

from __future__ import annotations

import enum
import random
import threading
from dataclasses import dataclass


class Fault(enum.Enum):
    NONE = "none"
    DROP = "drop"  # close the socket without answering
    THROTTLE = "throttle"  # 573
    FAIL = "fail"  # 599 or 503


@dataclass(frozen=True)
class Decision:
    fault: Fault
    status: int = 0
    delay: float = 0.0


class FaultInjector:
    """Decides, per request, whether and how to misbehave."""

    def __init__(
        self,
        *,
        latency_ms: int = 0,
        fail_rate: float = 0.0,
        throttle_rate: float = 0.0,
        drop_rate: float = 0.0,
        seed: int | None = None,
    ) -> None:
        self.latency_ms = latency_ms
        self.fail_rate = fail_rate
        self.throttle_rate = throttle_rate
        self.drop_rate = drop_rate
        self._rng = random.Random(seed)
        self._lock = threading.Lock()

    @property
    def active(self) -> bool:
        return bool(self.latency_ms or self.fail_rate or self.throttle_rate or self.drop_rate)

    @staticmethod
    def exempt(path: str) -> bool:
        return path == "/sandbox" or path.startswith("/sandbox/")

    def decide(self, path: str) -> Decision:
        """Draw this request's fault; the three rates are checked in order drop, throttle, fail."""
        if self.exempt(path) or not self.active:
            return Decision(Fault.NONE)
        with self._lock:
            delay = self.latency_ms / 1000.0
            if self.drop_rate and self._rng.random() < self.drop_rate:
                return Decision(Fault.DROP, delay=delay)
            if self.throttle_rate and self._rng.random() < self.throttle_rate:
                return Decision(Fault.THROTTLE, 573, delay)
            if self.fail_rate and self._rng.random() < self.fail_rate:
                return Decision(Fault.FAIL, self._rng.choice((599, 503)), delay)
        return Decision(Fault.NONE, delay=delay)
