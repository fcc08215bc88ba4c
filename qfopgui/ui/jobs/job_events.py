"""A tiny signal hub between the Qt-free services (poller, submitter) and the jobs UI.

The composition root builds one `JobEvents` before the services and passes its bound methods
as their plain-callable callbacks; the jobs feature connects to its signals. That keeps
`services` free of Qt and the UI free of construction-order cycles. Emitting through a QObject
also makes a callback from a worker thread safe: Qt queues it onto this object's thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QObject, Signal


def _as_list(records: Iterable[Any] | Any) -> list[Any]:
    if hasattr(records, "state") and hasattr(records, "id"):  # one JobRecord
        return [records]
    return list(records)


class JobEvents(QObject):
    """Signals:
    jobs_created(list[JobRecord]): new rows written by the submitter (submissions, retries).
    jobs_submitted(list[JobRecord]): rows the submitter completed (now waiting, failed or
        unresolved); the feature starts polling the active ones.
    jobs_changed(list[JobRecord]): rows the poller updated (already being polled).
    poll_error(str, object): (profile, exception) the poller could not get past.
    """

    jobs_created = Signal(object)
    jobs_submitted = Signal(object)
    jobs_changed = Signal(object)
    poll_error = Signal(str, object)

    def created(self, records: Iterable[Any] | Any) -> None:
        """Submitter `on_created` callback (a list of records, or one record)."""
        batch = _as_list(records)
        if batch:
            self.jobs_created.emit(batch)

    def updated(self, records: Iterable[Any] | Any) -> None:
        """Submitter `on_updated` callback (a list of records, or one record)."""
        batch = _as_list(records)
        if batch:
            self.jobs_submitted.emit(batch)

    def changed(self, records: Iterable[Any] | Any) -> None:
        """Poller `on_changed` callback (a list of records, or one record)."""
        batch = _as_list(records)
        if batch:
            self.jobs_changed.emit(batch)

    def error(self, profile: str, exc: Exception) -> None:
        """Poller `on_error` callback."""
        self.poll_error.emit(profile, exc)
