"""Tracking job IDs typed by a person: which pieces are IDs, which the server knows, new rows.

`JobsService.track` delegates the asking and the storing here and keeps the follow-up (polling,
listener, verification) itself. Nothing is added when a piece of the text is not a job ID; IDs
the server does not know, or could not be asked about, are reported and not added.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from qfopgui.api.errors import NotFoundError, QiniuError
from qfopgui.core.job_rules import ParsedIds, parse_job_ids
from qfopgui.core.jobs import JobRecord, StatusLike
from qfopgui.services.executors import RunIn
from qfopgui.services.messages import ServiceError
from qfopgui.services.store import JobStore


class StatusClient(Protocol):
    def prefop(self, persistent_id: str) -> StatusLike: ...


@dataclass(frozen=True)
class TrackResult:
    parsed: ParsedIds
    added: tuple[JobRecord, ...] = ()
    already: tuple[JobRecord, ...] = ()  # tracked (or submitted) before
    unknown: tuple[str, ...] = ()  # the server does not know these IDs
    unchecked: tuple[tuple[str, str], ...] = ()  # (id, why) could not be asked about

    @property
    def ok(self) -> bool:
        """Nothing to tell the user about: every piece was a job ID the server knows."""
        return not (self.parsed.invalid or self.unknown or self.unchecked)


class JobTracker:
    """Asks the server about each typed ID and stores the ones it knows (see module docstring)."""

    def __init__(
        self,
        *,
        store: JobStore,
        run_store: RunIn,
        run_blocking: RunIn,
        status_client_for: Callable[[str], StatusClient],
    ) -> None:
        self._store = store
        self._run_store = run_store
        self._run_blocking = run_blocking
        self._status_client_for = status_client_for

    async def add_ids(self, profile: str, text: str) -> TrackResult:
        """Parse `text`, ask the server about each new ID and store the known ones."""
        parsed = parse_job_ids(text)
        if parsed.invalid or not parsed.ids:
            return TrackResult(parsed)
        added: list[JobRecord] = []
        already: list[JobRecord] = []
        unknown: list[str] = []
        unchecked: list[tuple[str, str]] = []
        for pid in parsed.ids:
            existing = await self._run_store(
                functools.partial(self._store.get_by_persistent_id, profile, pid)
            )
            if existing is not None:
                already.append(existing)
                continue
            try:
                client = self._status_client_for(profile)
                status = await self._run_blocking(functools.partial(client.prefop, pid))
            except NotFoundError:
                unknown.append(pid)
                continue
            except (QiniuError, ServiceError) as exc:
                unchecked.append((pid, exc.message))
                continue
            added.append(await self._run_store(functools.partial(self._add, profile, pid, status)))
        return TrackResult(parsed, tuple(added), tuple(already), tuple(unknown), tuple(unchecked))

    def _add(self, profile: str, pid: str, status: StatusLike) -> JobRecord:
        """Store thread: the tracked row with the server's first answer already applied."""
        rec = self._store.add_tracked(profile=profile, persistent_id=pid)
        return self._store.apply_status(rec.id, status) or rec
