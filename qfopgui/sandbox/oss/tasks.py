"""Async-process task records and their sqlite store (``<data>/oss-tasks.sqlite``).

A task keeps what was submitted (so it can be re-run) and where it stands: Status Running,
Succeeded or Failed, an IMM-style Code and Message, the output keys and its timestamps. A task
still Running when the server stopped is re-queued at the next start and re-run from scratch
(its outputs are simply overwritten), as a cloud service does not lose work on a restart.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

from qfopgui.sandbox.oss.model import ProcessJob

RUNNING, SUCCEEDED, FAILED = "Running", "Succeeded", "Failed"
SCHEMA_VERSION = 1


@dataclass
class TaskRecord:
    """One task as GetTask and the notify message report it (times in Unix seconds)."""

    task_id: str
    action: str
    bucket: str = ""
    key: str = ""
    params: dict[str, str] = field(default_factory=dict)
    target_bucket: str = ""
    target_key: str = ""
    topic: str = ""
    event_id: str = ""
    request_id: str = ""
    status: str = RUNNING
    code: str = ""
    message: str = ""
    outputs: list[str] = field(default_factory=list)
    start: float = 0.0
    end: float = 0.0
    progress: int = 0

    @property
    def task_type(self) -> str:
        """The TaskId prefix before the first '-' (``MediaConvert``)."""
        return self.task_id.split("-", 1)[0]

    @property
    def finished(self) -> bool:
        return self.status in (SUCCEEDED, FAILED)

    def job(self) -> ProcessJob:
        return ProcessJob(
            self.task_id,
            self.bucket,
            self.key,
            self.action,
            dict(self.params),
            self.target_bucket,
            self.target_key,
            topic=self.topic,
            event_id=self.event_id,
            request_id=self.request_id,
        )

    @classmethod
    def from_job(cls, job: ProcessJob, start: float) -> TaskRecord:
        return cls(
            task_id=job.task_id,
            action=job.action,
            bucket=job.bucket,
            key=job.key,
            params=dict(job.params),
            target_bucket=job.target_bucket,
            target_key=job.target_key,
            topic=job.topic,
            event_id=job.event_id,
            request_id=job.request_id,
            start=start,
        )

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> TaskRecord:
        return cls(**json.loads(text))


class OssTaskStore:
    """sqlite (WAL) table of task records; one connection guarded by a lock, any thread."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._closed = False
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS tasks ("
                " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                " id TEXT NOT NULL UNIQUE,"
                " status TEXT NOT NULL,"
                " record TEXT NOT NULL)"
            )
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        elif version > SCHEMA_VERSION:
            self._db.close()
            raise RuntimeError(f"{path} was written by a newer version (schema {version})")

    def save(self, record: TaskRecord) -> None:
        """Insert or update; ignored after close (a task cut off by a stop resumes next start)."""
        with self._lock:
            if self._closed:
                return
            self._db.execute(
                "INSERT INTO tasks (id, status, record) VALUES (?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET status = excluded.status,"
                " record = excluded.record",
                (record.task_id, record.status, record.to_json()),
            )

    def get(self, task_id: str) -> TaskRecord | None:
        with self._lock:
            if self._closed:
                return None
            row = self._db.execute("SELECT record FROM tasks WHERE id = ?", (task_id,)).fetchone()
        return None if row is None else TaskRecord.from_json(row[0])

    def running(self) -> list[TaskRecord]:
        """Tasks not finished, in submission order."""
        with self._lock:
            rows = self._db.execute(
                "SELECT record FROM tasks WHERE status = ? ORDER BY seq", (RUNNING,)
            ).fetchall()
        return [TaskRecord.from_json(row[0]) for row in rows]

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._db.close()
