"""The pfop task model and its sqlite persistence (so tasks survive a sandbox restart)."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WAITING, PROCESSING, DONE, FAILED, CALLBACK_FAILED = 1, 2, 0, 3, 4
DESC = {
    DONE: "The fop was completed successfully",
    WAITING: "The fop is waiting for execution",
    PROCESSING: "The fop is executing now",
    FAILED: "The fop is failed",
    CALLBACK_FAILED: "Callback failed",
}
SCHEMA_VERSION = 1


@dataclass
class Item:
    """One `;`-separated command of a task, as reported in prefop `items[]`."""

    cmd: str
    code: int = WAITING
    error: str | None = None
    error_index: int | None = None
    hash: str | None = None
    key: str | None = None
    keys: list[str] | None = None
    return_old: int = 0

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"cmd": self.cmd, "code": self.code, "desc": DESC[self.code]}
        if self.code == FAILED:
            out["error"] = self.error or ""
            out["errorIndex"] = self.error_index or 0
        if self.hash is not None:
            out["hash"] = self.hash
        if self.key is not None:
            out["key"] = self.key
        if self.keys is not None:
            out["keys"] = list(self.keys)
        out["returnOld"] = self.return_old
        return out

    def reset(self) -> None:
        """Back to waiting (a run interrupted by shutdown is redone from scratch)."""
        self.code, self.error, self.error_index = WAITING, None, None
        self.hash, self.key, self.keys, self.return_old = None, None, None, 0


@dataclass
class Task:
    """One persistentId: what was submitted and where it stands."""

    id: str
    bucket: str
    key: str
    pipeline: str  # as reported: "0.default" or "<uid>.<name>"
    creation_date: str
    items: list[Item]
    notify_url: str = ""
    force: bool = False
    type: int = 0
    workflow_template_id: str = ""
    reqid: str = ""
    code: int = WAITING
    seq: int = 0  # submission order; resumed tasks are re-queued in this order
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def finished(self) -> bool:
        return self.code in (DONE, FAILED, CALLBACK_FAILED)

    def to_status(self) -> dict[str, Any]:
        """The prefop response object (also the notify body)."""
        out: dict[str, Any] = {
            "id": self.id,
            "pipeline": self.pipeline,
            "code": self.code,
            "desc": DESC[self.code],
            "reqid": self.reqid,
            "inputBucket": self.bucket,
            "inputKey": self.key,
            "type": self.type,
            "creationDate": self.creation_date,
        }
        if self.workflow_template_id:
            out["taskFrom"] = f"workflow: {self.workflow_template_id}"
        out["items"] = [item.to_json() for item in self.items]
        return out

    def to_record(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False)

    @classmethod
    def from_record(cls, text: str) -> Task:
        data = json.loads(text)
        data["items"] = [Item(**item) for item in data["items"]]
        return cls(**data)


class TaskStore:
    """sqlite (WAL) table of task JSON records; one connection guarded by a lock."""

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
                " code INTEGER NOT NULL,"
                " record TEXT NOT NULL)"
            )
            self._db.execute("CREATE INDEX IF NOT EXISTS tasks_code ON tasks(code)")
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        elif version > SCHEMA_VERSION:
            raise RuntimeError(f"{path} was written by a newer version (schema {version})")

    def insert(self, task: Task) -> None:
        """Store a new task and give it its submission sequence number."""
        with self._lock:
            cur = self._db.execute(
                "INSERT INTO tasks (id, code, record) VALUES (?, ?, '')", (task.id, task.code)
            )
            task.seq = int(cur.lastrowid or 0)
            self._db.execute(
                "UPDATE tasks SET record = ? WHERE seq = ?", (task.to_record(), task.seq)
            )

    def save(self, task: Task) -> None:
        record = task.to_record()
        with self._lock:
            if self._closed:  # workers finishing after close(): the task resumes next start
                return
            self._db.execute(
                "UPDATE tasks SET code = ?, record = ? WHERE id = ?", (task.code, record, task.id)
            )

    def get(self, task_id: str) -> Task | None:
        with self._lock:
            if self._closed:
                return None
            row = self._db.execute("SELECT record FROM tasks WHERE id = ?", (task_id,)).fetchone()
        return None if row is None else Task.from_record(row[0])

    def unfinished(self) -> list[Task]:
        """Tasks that were waiting or processing, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT record FROM tasks WHERE code IN (?, ?) ORDER BY seq", (WAITING, PROCESSING)
            ).fetchall()
        return [Task.from_record(row[0]) for row in rows]

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._db.close()
