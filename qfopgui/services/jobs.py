"""The jobs service: what happens to jobs, in one Qt-free place.

It owns submit, retry (forced, linked to the original), retry-all-failed, deciding interrupted
submissions, remove with undo, tracking job IDs typed by a person, start-up recovery (before
anything is polled), the hand-off from submitting to polling, and batch completion. The rules
about which jobs count as failed, superseded or running live in `qfopgui.core.job_rules`; the
UI only shows what this service reports through a `JobsListener`.

User commands (retry, decide) never cancel each other: they run one after another in the order
they were given (`qfopgui.services.commands`), and the listener hears what runs and how many
wait.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

from qfopgui.core.job_rules import RetryPlan, plan_retry
from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.services.batches import BatchSummary, BatchTracker
from qfopgui.services.commands import CommandQueue, CommandState
from qfopgui.services.executors import RunIn
from qfopgui.services.job_results import Removal, RetryResult
from qfopgui.services.job_tracking import JobTracker, StatusClient, TrackResult
from qfopgui.services.output_verifier import OutputVerifier
from qfopgui.services.poller import JobPoller
from qfopgui.services.store import JobStore
from qfopgui.services.store_errors import StoreError
from qfopgui.services.store_health import StoreHealth
from qfopgui.services.submitter import SubmitItem, SubmitOptions, Submitter, UnsavedJob

log = logging.getLogger(__name__)

LOAD_LIMIT = 20_000  # newest jobs shown per account; older ones stay in the store


class JobsListener(Protocol):
    """What the UI hears. Every call happens on the event loop's thread."""

    def on_jobs_changed(self, records: list[JobRecord]) -> None: ...
    def on_jobs_removed(self, job_ids: list[int]) -> None: ...
    def on_batch_finished(self, summary: BatchSummary) -> None: ...
    def on_commands_changed(self, state: CommandState) -> None: ...
    def on_poll_failed(self, profile: str, error: Exception) -> None: ...
    def on_job_not_saved(self, job: UnsavedJob) -> None: ...
    def on_job_saved_late(self, job: UnsavedJob) -> None: ...
    def on_store_opened(self, health: StoreHealth) -> None: ...
    def on_store_failed(self, error: StoreError) -> None: ...


class JobsService:
    """See the module docstring. Construct once in the composition root."""

    def __init__(
        self,
        *,
        store: JobStore,
        run_store: RunIn,
        run_blocking: RunIn,
        submitter: Submitter,
        poller: JobPoller,
        status_client_for: Callable[[str], StatusClient],
        prepare_account: Callable[[str], Awaitable[object]],
        verifier: OutputVerifier | None = None,
    ) -> None:
        self._store = store
        self._run_store = run_store
        self._run_blocking = run_blocking
        self._submitter = submitter
        self._poller = poller
        self._tracker = JobTracker(
            store=store,
            run_store=run_store,
            run_blocking=run_blocking,
            status_client_for=status_client_for,
        )
        self._prepare_account = prepare_account
        self._listener: JobsListener | None = None
        self._batches = BatchTracker(self._batch_finished)
        self._commands = CommandQueue(self._commands_changed)
        self._ready = asyncio.Event()
        self._store_usable = True
        self._removals: dict[int, Removal] = {}
        self._tokens = itertools.count(1)
        submitter.on_created = self._on_created
        submitter.on_updated = self._on_submitted
        submitter.on_unsaved = self._on_unsaved
        submitter.on_saved_late = self._on_saved_late
        poller.on_changed = self._on_polled
        poller.on_error = self._on_poll_error
        self._verifier = verifier  # checks done jobs' outputs; reports like the poller
        if verifier is not None:
            verifier.on_changed = self._emit_changed

    def set_listener(self, listener: JobsListener) -> None:
        self._listener = listener

    # --- state -------------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """Start-up recovery has run: the store shows no stale "submitting" rows."""
        return self._ready.is_set()

    async def wait_ready(self) -> None:
        """Until start-up recovery ran and the store is open (no job row is written before)."""
        await self._ready.wait()

    @property
    def commands(self) -> CommandState:
        return self._commands.state

    @property
    def watching(self) -> int:
        """Jobs being polled, of every account (what keeps running on the server at quit)."""
        return self._poller.watching

    def active_count(self) -> int:
        """Jobs still waiting or processing on the server (the quit question counts them)."""
        return self._poller.watching

    @property
    def next_check_in(self) -> float | None:
        return self._poller.next_check_in

    # --- start-up ----------------------------------------------------------------------------

    async def start(self) -> None:
        """Settle interrupted submissions and make every unfinished job's account pollable.

        Runs before polling and before any list is shown, so a job left "submitting" by a
        crash is never shown as still submitting, and never resubmitted.
        """
        try:
            try:
                health = await self._run_store(self._store.open)
            except StoreError as exc:  # busy, or a migration failed: nothing is polled
                log.error("the job database could not be opened: %s", exc.message)
                self._store_usable = False
                if self._listener is not None:
                    self._listener.on_store_failed(exc)
                return
            if self._listener is not None:
                self._listener.on_store_opened(health)
            self._store_usable = not self._store.read_only
            await self._run_store(self._store.recover_interrupted)
            active = await self._run_store(self._store.active)
            for batch_id in sorted({r.batch_id for r in active if r.batch_id}):
                batch = await self._run_store(functools.partial(self._store.batch, batch_id))
                self._batches.watch(batch_id, batch)
            for name in sorted({r.profile for r in active}):
                try:
                    await self._prepare_account(name)
                except Exception:  # one broken account must not stop polling the others
                    log.exception("could not prepare account %r for polling", name)
        finally:
            self._ready.set()

    async def run(self) -> None:
        """Long-running: start-up recovery, then poll until cancelled.

        A store that cannot be written (read-only, or not opened) is not polled: every answer
        would be lost, and the user has been told why.
        """
        await self.start()
        if not self._store_usable:
            return
        if self._verifier is None:
            await self._poller.run()
            return
        async with asyncio.TaskGroup() as group:  # the poller never waits for verification
            group.create_task(self._poller.run(), name="jobs:poll")
            group.create_task(self._verifier.run(), name="jobs:verify")

    async def load(self, profile: str, limit: int = LOAD_LIMIT) -> list[JobRecord]:
        """The account's newest jobs (after start-up recovery has run)."""
        await self._ready.wait()
        records: list[JobRecord] = await self._run_store(
            lambda: self._store.jobs(profile, limit=limit)
        )
        return records

    # --- submit ------------------------------------------------------------------------------

    async def submit(
        self,
        profile: str,
        items: Sequence[SubmitItem],
        options: SubmitOptions,
        *,
        batch_id: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancel: asyncio.Event | None = None,
    ) -> list[JobRecord]:
        """One job per item; the batch is watched for completion once all are sent."""
        await self._ready.wait()
        records = await self._submitter.submit(
            profile, items, options, batch_id=batch_id, progress=progress, cancel=cancel
        )
        if records:
            self._batches.watch(records[0].batch_id, records)
        return records

    def watch_batch(self, batch_id: str) -> None:
        """Every job of the batch was created elsewhere (uploads with presets): report the
        batch once its jobs are final, like a batch sent by `submit`."""
        self._batches.watch(batch_id)

    # --- retry and decide --------------------------------------------------------------------

    async def plan_retry(self, records: Sequence[JobRecord]) -> RetryPlan:
        """What Retry would do with these jobs now (the UI asks before replacing outputs)."""
        fresh = await self._fresh(records)
        superseded = await self._run_store(lambda: self._store.retried_among(r.id for r in fresh))
        return plan_retry(fresh, superseded)

    async def retry(
        self, records: Sequence[JobRecord], *, replace_outputs: bool = False
    ) -> RetryResult:
        """Submit again with overwrite (force), each linked to its original by `retry_of`.

        Queued behind any command still running. Running, already retried and tracked-only
        jobs are skipped; done jobs only with `replace_outputs` (their outputs are replaced).
        """
        return await self._commands.run(
            "retry", len(records), lambda: self._retry(records, replace_outputs)
        )

    async def retry_all_failed(self, profile: str) -> RetryResult:
        """Retry every open failure of the account (failed and not retried yet)."""

        async def failed() -> list[JobRecord]:
            recs: list[JobRecord] = await self._run_store(
                lambda: self._store.jobs(profile, states=[JobState.FAILED], limit=LOAD_LIMIT)
            )
            return recs

        return await self.retry(await failed())

    async def _retry(self, records: Sequence[JobRecord], replace_outputs: bool) -> RetryResult:
        plan = await self.plan_retry(records)  # the jobs as they are now, not when clicked
        todo = [*plan.ready, *(plan.replaces_outputs if replace_outputs else ())]
        new: list[JobRecord] = []
        self._commands.progress(0, len(todo))
        for n, r in enumerate(todo, start=1):
            if r.state is JobState.UNRESOLVED:
                made = await self._submitter.resolve_unresolved(r, resubmit=True)
                if made is not None:
                    new.append(made)
            else:
                new.append(await self._submitter.retry(r))
            self._batches.watch(r.batch_id)
            self._commands.progress(n, len(todo))
        # the outputs are made again: what was checked about them no longer holds
        ids = [r.id for r in todo if r.verify_state is not None]
        if ids:
            self._emit_changed(await self._run_store(lambda: self._store.reset_verification(ids)))
        return RetryResult(plan, tuple(new))

    async def decide(self, records: Sequence[JobRecord], *, resubmit: bool) -> RetryResult:
        """Settle jobs whose submission outcome is unknown: submit again, or discard."""
        if resubmit:
            return await self.retry([r for r in records if r.state is JobState.UNRESOLVED])

        async def discard() -> RetryResult:
            fresh = [r for r in await self._fresh(records) if r.state is JobState.UNRESOLVED]
            for n, r in enumerate(fresh, start=1):
                await self._submitter.resolve_unresolved(r, resubmit=False)
                self._commands.progress(n, len(fresh))
            ids = [r.id for r in fresh]
            self._forget(ids)
            return RetryResult(plan_retry(fresh, set()))

        return await self._commands.run("decide", len(records), discard)

    # --- remove and undo ---------------------------------------------------------------------

    async def remove(self, records: Sequence[JobRecord]) -> Removal:
        """Take jobs off the list (and stop polling them); `undo_remove` brings them back."""
        fresh = await self._fresh(records)
        ids = [r.id for r in fresh]
        await self._run_store(lambda: self._store.remove(ids))
        self._forget(ids)
        removal = Removal(next(self._tokens), fresh)
        self._removals[removal.token] = removal
        return removal

    async def undo_remove(self, removal: Removal) -> list[JobRecord]:
        if self._removals.pop(removal.token, None) is None:
            return []
        back: list[JobRecord] = await self._run_store(lambda: self._store.restore(removal.records))
        self._poller.track(r for r in back if r.state.is_active)
        self._batches.update(back)
        self._emit_changed(back)
        return back

    def _forget(self, ids: list[int]) -> None:
        self._poller.forget(ids)
        self._batches.forget(ids)
        if ids and self._listener is not None:
            self._listener.on_jobs_removed(ids)

    # --- track -------------------------------------------------------------------------------

    async def track(self, profile: str, text: str) -> TrackResult:
        """Follow jobs submitted elsewhere by their IDs, asking the server about each first.

        Nothing is added when a piece of the text is not a job ID; IDs the server does not
        know, or could not be asked about, are reported and not added.
        """
        result = await self._tracker.add_ids(profile, text)
        if result.parsed.invalid or not result.parsed.ids:
            return result  # refused as a whole: nothing was asked about or added
        added = list(result.added)
        self._poller.track(r for r in added if r.state.is_active)
        self._emit_changed(added)
        if self._verifier is not None:
            self._verifier.submit(added)  # tracked jobs that were done already
        return result

    # --- events from the submitter and the poller -------------------------------------------

    def _on_created(self, records: list[JobRecord]) -> None:
        self._batches.update(records)
        self._emit_changed(records)

    def _on_submitted(self, records: list[JobRecord]) -> None:
        """The hand-off: jobs the server just accepted are polled from now on."""
        self._poller.track(r for r in records if r.state.is_active and r.status_json is None)
        self._batches.update(records)
        self._emit_changed(records)

    def _on_polled(self, records: list[JobRecord]) -> None:
        self._batches.update(records)
        self._emit_changed(records)
        if self._verifier is not None:
            self._verifier.submit(records)  # queued only: never waits

    def _on_poll_error(self, profile: str, error: Exception) -> None:
        if self._listener is not None:
            self._listener.on_poll_failed(profile, error)

    def _on_unsaved(self, job: UnsavedJob) -> None:
        if self._listener is not None:
            self._listener.on_job_not_saved(job)

    def _on_saved_late(self, job: UnsavedJob) -> None:
        if self._listener is not None:
            self._listener.on_job_saved_late(job)

    def _batch_finished(self, summary: BatchSummary) -> None:
        if self._listener is not None:
            self._listener.on_batch_finished(summary)

    def _commands_changed(self, state: CommandState) -> None:
        if self._listener is not None:
            self._listener.on_commands_changed(state)

    def _emit_changed(self, records: list[JobRecord]) -> None:
        if records and self._listener is not None:
            self._listener.on_jobs_changed(records)

    def resume_polling(self, profile: str) -> None:
        self._poller.resume(profile)

    def poll_now(self) -> None:
        self._poller.poll_now()

    async def _fresh(self, records: Sequence[JobRecord]) -> list[JobRecord]:
        """The current rows of these jobs (removed ones dropped), in the given order."""
        ids = list(dict.fromkeys(r.id for r in records))

        def read() -> list[JobRecord]:
            return [rec for i in ids if (rec := self._store.get(i)) is not None]

        fresh: list[JobRecord] = await self._run_store(read)
        return fresh
