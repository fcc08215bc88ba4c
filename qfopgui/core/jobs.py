"""Job states as the app shows them, and how prefop codes map onto them."""

from __future__ import annotations

from enum import Enum


class JobState(str, Enum):
    """Lifecycle of one submitted job (one source file, one pfop request)."""

    SUBMITTING = "submitting"  # written before the pfop request; no persistentId yet
    UNRESOLVED = "unresolved"  # found "submitting" at start-up: the user decides (retry/discard)
    WAITING = "waiting"  # prefop code 1
    PROCESSING = "processing"  # prefop code 2
    DONE = "done"  # prefop code 0
    FAILED = "failed"  # prefop code 3, or the pfop request itself was refused
    NOTIFY_FAILED = "notify_failed"  # prefop code 4: outputs done, the notify POST failed

    @property
    def is_terminal(self) -> bool:
        return self in TERMINAL_STATES

    @property
    def is_active(self) -> bool:
        """States the poller keeps asking about."""
        return self in (JobState.WAITING, JobState.PROCESSING)


TERMINAL_STATES = frozenset({JobState.DONE, JobState.FAILED, JobState.NOTIFY_FAILED})

_CODE_TO_STATE = {
    0: JobState.DONE,
    1: JobState.WAITING,
    2: JobState.PROCESSING,
    3: JobState.FAILED,
    4: JobState.NOTIFY_FAILED,
}


def state_from_prefop_code(code: int) -> JobState:
    """Map a prefop top-level code to a state; unknown codes count as still processing."""
    return _CODE_TO_STATE.get(code, JobState.PROCESSING)
