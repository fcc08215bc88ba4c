"""The jobs service's listener as Qt signals, so views connect to facts, not to the service.

The service calls the `on_…` methods on the event loop's (= the Qt) thread; each emits a signal.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from qfopgui.core.jobs import JobRecord
from qfopgui.services.batches import BatchSummary
from qfopgui.services.commands import CommandState
from qfopgui.services.store_errors import StoreError
from qfopgui.services.store_health import StoreHealth
from qfopgui.services.submitter import UnsavedJob


class JobEvents(QObject):
    """Implements `qfopgui.services.jobs.JobsListener`. Signals:
    jobs_changed(list[JobRecord]): rows created, submitted, polled, tracked or restored.
    jobs_removed(list[int]): rows taken off the list (removed or discarded).
    batch_finished(BatchSummary): every job of a batch is final.
    commands_changed(CommandState): the running user command and the queue behind it.
    poll_failed(str, object): (profile, exception) the poller could not get past.
    job_not_saved(UnsavedJob): the server accepted a job the store could not record.
    job_saved_late(UnsavedJob): such a job was recorded after all.
    store_opened(StoreHealth): what opening the job database found.
    store_failed(StoreError): the job database could not be opened at all.
    """

    jobs_changed = Signal(list)
    jobs_removed = Signal(list)
    batch_finished = Signal(object)
    commands_changed = Signal(object)
    poll_failed = Signal(str, object)
    job_not_saved = Signal(object)
    job_saved_late = Signal(object)
    store_opened = Signal(object)
    store_failed = Signal(object)

    def on_jobs_changed(self, records: list[JobRecord]) -> None:
        self.jobs_changed.emit(records)

    def on_jobs_removed(self, job_ids: list[int]) -> None:
        self.jobs_removed.emit(job_ids)

    def on_batch_finished(self, summary: BatchSummary) -> None:
        self.batch_finished.emit(summary)

    def on_commands_changed(self, state: CommandState) -> None:
        self.commands_changed.emit(state)

    def on_poll_failed(self, profile: str, error: Exception) -> None:
        self.poll_failed.emit(profile, error)

    def on_job_not_saved(self, job: UnsavedJob) -> None:
        self.job_not_saved.emit(job)

    def on_job_saved_late(self, job: UnsavedJob) -> None:
        self.job_saved_late.emit(job)

    def on_store_opened(self, health: StoreHealth) -> None:
        self.store_opened.emit(health)

    def on_store_failed(self, error: StoreError) -> None:
        self.store_failed.emit(error)
