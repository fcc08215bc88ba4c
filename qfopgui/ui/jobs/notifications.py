"""One notification per batch when all of its jobs are final — never one per file.

`BatchNotifier` only decides *when* ("12 done, 1 failed"); the feature shows it as an in-app
banner and, where a system tray exists, as a tray message (the tray is only ever an extra:
peers.md notes it is unreliable on some desktops).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from qfopgui.core.jobs import JobRecord, JobState


@dataclass(frozen=True)
class BatchSummary:
    batch_id: str
    done: int
    failed: int
    undecided: int
    total: int

    def text(self) -> str:
        tr = QCoreApplication.translate
        parts = [tr("notifications", "%1 done").replace("%1", f"{self.done:,}")]
        if self.failed:
            parts.append(tr("notifications", "%1 failed").replace("%1", f"{self.failed:,}"))
        if self.undecided:
            parts.append(tr("notifications", "%1 need your decision").replace(
                "%1", f"{self.undecided:,}"))  # fmt: skip
        return ", ".join(parts)


def _final(state: JobState) -> bool:
    return state.is_terminal or state is JobState.UNRESOLVED


class BatchNotifier(QObject):
    """Signals: batch_finished(BatchSummary) once per batch each time it becomes all-final."""

    batch_finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._batches: dict[str, dict[int, JobRecord]] = {}
        self._watched: set[str] = set()
        self._notified: set[str] = set()

    def update(self, records: Iterable[JobRecord]) -> None:
        """Feed every created/changed record; fires for watched batches that became final."""
        touched: set[str] = set()
        for r in records:
            if not r.batch_id:
                continue
            jobs = self._batches.setdefault(r.batch_id, {})
            if r.id not in jobs:
                self._notified.discard(r.batch_id)  # a retry joined: tell again when final
            jobs[r.id] = r
            touched.add(r.batch_id)
        for batch_id in touched:
            self._check(batch_id)

    def watch(self, batch_id: str, records: Iterable[JobRecord] = ()) -> None:
        """The batch is complete (submission finished, or loaded at start-up): notify when final."""
        self._watched.add(batch_id)
        jobs = self._batches.setdefault(batch_id, {})
        for r in records:
            jobs[r.id] = r
        self._check(batch_id)

    def forget(self, job_ids: Iterable[int]) -> None:
        ids = set(job_ids)
        for jobs in self._batches.values():
            for i in ids & jobs.keys():
                del jobs[i]

    def summary(self, batch_id: str) -> BatchSummary:
        jobs = list(self._batches.get(batch_id, {}).values())
        retried = {r.retry_of for r in jobs if r.retry_of is not None}
        current = [r for r in jobs if r.id not in retried]  # a retried job counts once
        done = sum(r.state in (JobState.DONE, JobState.NOTIFY_FAILED) for r in current)
        failed = sum(r.state is JobState.FAILED for r in current)
        undecided = sum(r.state is JobState.UNRESOLVED for r in current)
        return BatchSummary(batch_id, done, failed, undecided, len(current))

    def _check(self, batch_id: str) -> None:
        if batch_id not in self._watched or batch_id in self._notified:
            return
        jobs = self._batches.get(batch_id, {})
        if not jobs or not all(_final(r.state) for r in jobs.values()):
            return
        self._notified.add(batch_id)
        self.batch_finished.emit(self.summary(batch_id))


class TrayNotifier(QObject):
    """A tray icon created on first use, only where the desktop has a system tray."""

    def __init__(self, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icon = icon
        self._tray: QSystemTrayIcon | None = None

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def notify(self, title: str, text: str, *, failed: bool = False) -> bool:
        if not self.available():
            return False
        if self._tray is None:
            self._tray = QSystemTrayIcon(self._icon, self)
            self._tray.setToolTip("qfopgui")
        self._tray.show()
        icons = QSystemTrayIcon.MessageIcon
        kind = icons.Warning if failed else icons.Information
        self._tray.showMessage(title, text, kind, 8000)
        return True
