"""The app's own job history (Qiniu has no job-list API and keeps task state ~7 days).

Threading: the app makes every call through ONE serial executor (`run_store`), so calls never
overlap. The sqlite connection is opened by `open()` or else lazily by the first call, i.e. on
that thread. It is opened with `check_same_thread=False` only so a test or the shutdown path may
call `close()` from another thread; there is no lock, and none is needed while calls stay
serialized.

Durability: WAL with `synchronous=FULL`, and every method is one short transaction, so a row from
`add_submitting` is on disk before the pfop request is sent (crash safety for double submits).

Defence: opening checks the file first and sets an unusable one aside (`store_open`, reported as
a `StoreHealth`). Every public method raises only `StoreError` for sqlite/OS trouble (disk full,
read-only, damaged, busy), plus `KeyError` where a row is missing.

The SQL itself is in `store_queries` (reads) and `store_writes` (writes, transactions).
"""

from __future__ import annotations

import functools
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from qfopgui.core.jobs import ACTIVE_STATES, JobRecord, JobState, StatusLike
from qfopgui.services import store_messages as M
from qfopgui.services import store_queries as Q
from qfopgui.services import store_writes as W
from qfopgui.services.stats import PipelineStats
from qfopgui.services.store_errors import StoreError, store_error_from
from qfopgui.services.store_health import StoreHealth, StoreStatus
from qfopgui.services.store_migrations import MIGRATIONS, Migration
from qfopgui.services.store_open import Opener, connect_uri, open_store
from qfopgui.services.store_rows import replaced
from qfopgui.services.store_writes import INTERRUPTED

__all__ = ["JobStore", "StoreError", "StoreHealth"]

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _guarded(
    method: Callable[Concatenate[JobStore, _P], _R],
) -> Callable[Concatenate[JobStore, _P], _R]:
    """sqlite/OS failures of a public method → StoreError (KeyError and the rest pass)."""

    @functools.wraps(method)
    def run(self: JobStore, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(self, *args, **kwargs)
        except (sqlite3.Error, OSError) as exc:
            raise store_error_from(exc, self.path) from exc

    return run


class JobStore:
    """sqlite-backed job records. Synchronous; see the module docstring for threading."""

    def __init__(
        self,
        path: Path,
        *,
        clock: Callable[[], float] = time.time,
        migrations: Sequence[Migration] = MIGRATIONS,
        opener: Opener = connect_uri,
    ) -> None:
        self.path = Path(path)
        self._clock = clock
        self._migrations = migrations
        self._opener = opener
        self._conn: sqlite3.Connection | None = None
        self._closed = False
        self._read_only = False
        self._health: StoreHealth | None = None
        self.backup_path: Path | None = None  # set when opening made a pre-migration backup
        # This run of the app began here: a job last seen active earlier finished unwatched.
        self.run_started_at = clock()

    # --- connection ------------------------------------------------------------------------

    @_guarded
    def open(self) -> StoreHealth:
        """Check and open now (otherwise the first call does it) and report what was found.

        Call once at start on the store thread and show `message` when `needs_attention`.
        Raises StoreError only if waiting or a restart can fix it (another program holds the
        file, the disk is full during a migration, a migration failed); calling again retries.
        """
        self._db()
        assert self._health is not None
        return self._health

    @property
    def health(self) -> StoreHealth | None:
        """The report of the open (None until opened)."""
        return self._health

    @property
    def read_only(self) -> bool:
        """True when every write is refused with `StoreError(read_only=True)`."""
        return self._read_only

    def _db(self) -> sqlite3.Connection:
        if self._conn is not None:
            return self._conn
        if self._closed:
            raise StoreError.make(M.CLOSED)
        opened = open_store(
            self.path, opener=self._opener, migrations=self._migrations, now=self._clock()
        )
        self._conn, self._health, self._read_only = opened.conn, opened.health, opened.read_only
        if opened.health.status is StoreStatus.OK:
            self.backup_path = opened.health.backup_path
        return opened.conn

    @_guarded
    def close(self) -> None:
        conn, self._conn, self._closed = self._conn, None, True
        if conn is not None:
            conn.close()

    def _tx(self, fn: Callable[[sqlite3.Connection], _R]) -> _R:
        """One write transaction (`store_writes.in_transaction`); refused when read-only."""
        conn = self._db()
        if self._read_only:
            raise StoreError.make(M.READ_ONLY, path=self.path, read_only=True)
        return W.in_transaction(conn, fn)

    def _set(self, job_id: int, **fields: Any) -> JobRecord:
        """Update some columns of one row and return it; KeyError if the row is gone."""
        return self._tx(
            lambda conn: W.update_job(conn, job_id, {**fields, "updated_at": self._clock()})
        )

    # --- writes ----------------------------------------------------------------------------

    def _insert(self, **fields: Any) -> JobRecord:
        now = self._clock()
        fields.setdefault("submitted_at", now)
        fields.setdefault("updated_at", now)
        return self._tx(lambda conn: W.insert_job(conn, fields))

    @_guarded
    def add_submitting(
        self,
        *,
        profile: str,
        bucket: str,
        key: str,
        fops: Sequence[str],
        presets: Sequence[str],
        outputs: Sequence[str],
        output_bucket: str,
        pipeline: str,
        batch_id: str,
        force: bool = False,
        notify_url: str = "",
        type: int = 0,
        retry_of: int | None = None,
    ) -> JobRecord:
        """Write (and commit) a SUBMITTING row; call this BEFORE sending the pfop request."""
        return self._insert(
            profile=profile,
            bucket=bucket,
            key=key,
            fops=fops,
            presets=presets,
            outputs=outputs,
            output_bucket=output_bucket,
            pipeline=pipeline,
            batch_id=batch_id,
            state=JobState.SUBMITTING.value,
            persistent_id=None,
            force=int(force),
            notify_url=notify_url,
            type=type,
            error="",
            retry_of=retry_of,
        )

    @_guarded
    def add_tracked(self, *, profile: str, persistent_id: str, batch_id: str = "") -> JobRecord:
        """Follow a job submitted elsewhere; bucket/key/fops come from its first status.

        Tracking an id the profile already has returns the existing row instead of a duplicate.
        """
        existing = self.get_by_persistent_id(profile, persistent_id)
        if existing is not None:
            return existing
        return self._insert(
            profile=profile,
            bucket="",
            key="",
            fops=(),
            presets=(),
            outputs=(),
            output_bucket="",
            pipeline="",
            batch_id=batch_id,
            state=JobState.WAITING.value,
            persistent_id=persistent_id,
            force=0,
            notify_url="",
            type=0,
            error="",
            retry_of=None,
        )

    @_guarded
    def mark_submitted(self, job_id: int, persistent_id: str) -> JobRecord:
        """pfop answered with an id: the job is now WAITING on the server."""
        return self._set(
            job_id,
            state=JobState.WAITING.value,
            persistent_id=persistent_id,
            error="",
            last_seen_active_at=self._clock(),
        )

    @_guarded
    def mark_failed(self, job_id: int, error: str) -> JobRecord:
        """→ FAILED with a plain-words reason (also used when the server forgot the job)."""
        return self._set(
            job_id, state=JobState.FAILED.value, error=error, finished_at=self._clock()
        )

    @_guarded
    def mark_submit_failed(self, job_id: int, error: str) -> JobRecord:
        """pfop was refused: → FAILED with the reason."""
        return self.mark_failed(job_id, error)

    @_guarded
    def mark_unresolved(self, job_id: int, error: str) -> JobRecord:
        """pfop's outcome is unknown (e.g. it timed out): the user must decide, never automatic."""
        return self._set(job_id, state=JobState.UNRESOLVED.value, error=error)

    @_guarded
    def apply_status(self, job_id: int, status: StatusLike) -> JobRecord | None:
        """Store a prefop answer; returns the new record, or None if nothing changed/no row."""
        changed = self.apply_statuses([(job_id, status)])
        return changed[0] if changed else None

    @_guarded
    def apply_statuses(self, updates: Sequence[tuple[int, StatusLike]]) -> list[JobRecord]:
        """Store many prefop answers in one transaction; returns only the records that changed.

        started_at is set when a job is first seen processing, finished_at when first seen
        terminal; a job that finished between two polls keeps started_at = None. Every active
        answer also records `last_seen_active_at` (without counting as a change), so a finish
        seen after the app was closed is known as such (`core.job_timing.finish_unwatched`).
        """
        return self._tx(
            lambda conn: W.apply_status_rows(conn, updates, self._clock(), self.run_started_at)
        )

    @_guarded
    def recover_interrupted(self) -> list[JobRecord]:
        """At start-up, BEFORE any submit: SUBMITTING rows → UNRESOLVED (never resubmitted).

        Returns every UNRESOLVED row (old ones too), newest first, for the user to resolve.
        A read-only store changes nothing and returns its SUBMITTING rows as UNRESOLVED too
        (nothing can be submitted from it anyway).
        """
        if self._db() is not None and self._read_only:
            rows = self.jobs(states=[JobState.UNRESOLVED, JobState.SUBMITTING])
            return [
                replaced(r, {"state": JobState.UNRESOLVED, "error": INTERRUPTED})
                if r.state is JobState.SUBMITTING
                else r
                for r in rows
            ]
        self._tx(lambda conn: W.mark_interrupted(conn, self._clock()))
        return self.jobs(states=[JobState.UNRESOLVED])

    @_guarded
    def discard(self, job_id: int) -> None:
        """The user resolved an unresolved row by discarding it: the row is deleted."""
        self.remove([job_id])

    @_guarded
    def remove(self, job_ids: Iterable[int]) -> None:
        ids = [int(i) for i in job_ids]
        self._tx(lambda conn: W.delete_jobs(conn, ids))

    @_guarded
    def restore(self, records: Sequence[JobRecord]) -> list[JobRecord]:
        """Put removed rows back exactly as they were (Undo of `remove`), same local ids."""
        self._tx(lambda conn: W.restore_rows(conn, records))
        return [rec for r in records if (rec := self.get(r.id)) is not None]

    @_guarded
    def set_verification(self, job_id: int, state: str, note: str) -> JobRecord | None:
        """Store what checking a done job's outputs found; None if the row is gone."""
        return self._tx(lambda conn: W.set_verification(conn, job_id, state, note))

    @_guarded
    def reset_verification(self, job_ids: Iterable[int]) -> list[JobRecord]:
        """Forget the verdicts (a Retry makes the outputs again); returns the rows changed."""
        ids = [int(i) for i in job_ids]
        return self._tx(lambda conn: W.reset_verification(conn, ids))

    @_guarded
    def unverified_done(self, limit: int = 200) -> list[JobRecord]:
        """Newest done jobs (every account) whose outputs were not checked (yet)."""
        return Q.unverified_done(self._db(), limit)

    @_guarded
    def retried_among(self, job_ids: Iterable[int]) -> set[int]:
        """Which of these jobs a later job retries (they are superseded by their retry)."""
        ids = [int(i) for i in job_ids]
        return Q.retried_among(self._db(), ids)

    # --- reads -----------------------------------------------------------------------------

    @_guarded
    def get(self, job_id: int) -> JobRecord | None:
        return Q.fetch_job(self._db(), job_id)

    @_guarded
    def get_by_persistent_id(self, profile: str, pid: str) -> JobRecord | None:
        return Q.job_by_persistent_id(self._db(), profile, pid)

    @_guarded
    def jobs(
        self,
        profile: str | None = None,
        *,
        states: Iterable[JobState] | None = None,
        limit: int | None = None,
    ) -> list[JobRecord]:
        """Records, newest first, optionally for one profile and/or some states."""
        return Q.select_jobs(self._db(), profile, states, limit)

    @_guarded
    def jobs_for_source(
        self, profile: str, bucket: str, key: str, limit: int = 50
    ) -> list[JobRecord]:
        """Jobs made from one source object, newest first (Files → "Outputs of this file").

        Plain equality on (profile, bucket, key), so sqlite answers from the `jobs_source`
        index instead of scanning every job of the profile.
        """
        return Q.jobs_for_source(self._db(), profile, bucket, key, limit)

    @_guarded
    def jobs_writing_to(
        self, profile: str, output_bucket: str, states: Iterable[JobState]
    ) -> list[JobRecord]:
        """Jobs (in these states) that save into `output_bucket`, oldest first (Files view:
        which objects qfopgui made)."""
        return Q.jobs_writing_to(self._db(), profile, output_bucket, states)

    @_guarded
    def active(self, profile: str | None = None) -> list[JobRecord]:
        """WAITING/PROCESSING jobs: what the poller follows."""
        return self.jobs(profile, states=ACTIVE_STATES)

    @_guarded
    def batch(self, batch_id: str) -> list[JobRecord]:
        return Q.batch_jobs(self._db(), batch_id)

    @_guarded
    def counts(self, profile: str) -> dict[JobState, int]:
        """Rows per state for one profile; every state is present (0 if none)."""
        return Q.state_counts(self._db(), profile)

    @_guarded
    def pipeline_stats(self, profile: str, *, since: float) -> dict[str, PipelineStats]:
        """Per-pipeline counts and medians; rules in `qfopgui.services.stats`."""
        return Q.pipeline_stats(self._db(), profile, since)
