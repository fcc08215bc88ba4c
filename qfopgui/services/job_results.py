"""What the jobs service's user commands hand back to the UI (retry/decide, remove)."""

from __future__ import annotations

from dataclasses import dataclass, field

from qfopgui.core.job_rules import RetryPlan
from qfopgui.core.jobs import JobRecord


@dataclass(frozen=True)
class RetryResult:
    plan: RetryPlan  # what the jobs were when the command ran
    new: tuple[JobRecord, ...] = ()  # the jobs submitted again


@dataclass
class Removal:
    """Jobs taken off the list; `JobsService.undo_remove` puts them back."""

    token: int
    records: list[JobRecord] = field(default_factory=list)
