"""The emulated MNS queues' messages, persisted in sqlite (``<data>/oss-mns.sqlite``).

A queue is subscribed to one topic (``OssConfig.mns_queues``); ``publish(topic, body)`` puts a
copy on every queue subscribed to it (a topic nobody subscribes to drops the message, as an MNS
topic without subscriptions does). ``receive`` hides a message for the visibility timeout and
hands out a fresh receipt handle each time; an undeleted message becomes visible again when the
timeout passes, with a new handle (the old one is then refused). Long polls wait on a condition.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

_POLL_SLICE = 0.2  # a waiting receive re-checks this often (visibility timeouts end silently)


class MessageNotExistError(Exception):
    """No such message (deleted, or never there)."""


class ReceiptHandleError(Exception):
    """The handle is not the message's current one (it became visible and was received again)."""


@dataclass(frozen=True)
class QueueMessage:
    message_id: str
    receipt_handle: str
    body: str
    body_md5: str
    enqueue_ms: int
    first_dequeue_ms: int
    next_visible_ms: int
    dequeue_count: int
    priority: int = 8


class MnsQueues:
    """Messages of every configured queue; all methods may be called from any thread."""

    def __init__(
        self,
        path: Path,
        subscriptions: Mapping[str, str],
        *,
        visibility_timeout: float = 30.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.subscriptions = dict(subscriptions)  # queue → topic
        self._visibility = visibility_timeout
        self._clock = clock
        self._cond = threading.Condition()
        self._closed = False
        self._receiving = True
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS messages ("
            " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
            " id TEXT NOT NULL UNIQUE, queue TEXT NOT NULL, body TEXT NOT NULL,"
            " enqueued REAL NOT NULL, visible_at REAL NOT NULL, first_dequeue REAL NOT NULL,"
            " dequeues INTEGER NOT NULL, receipt TEXT NOT NULL)"
        )

    def has_queue(self, queue: str) -> bool:
        return queue in self.subscriptions

    def publish(self, topic: str, body: str) -> int:
        """Copy ``body`` to every queue subscribed to ``topic``; how many got it."""
        queues = [q for q, t in self.subscriptions.items() if t == topic]
        now = self._clock()
        with self._cond:
            if self._closed:
                return 0
            for queue in queues:
                self._db.execute(
                    "INSERT INTO messages (id, queue, body, enqueued, visible_at, first_dequeue,"
                    " dequeues, receipt) VALUES (?, ?, ?, ?, ?, 0, 0, '')",
                    (secrets.token_hex(16).upper(), queue, body, now, now),
                )
            self._cond.notify_all()
        return len(queues)

    def receive(self, queue: str, wait_seconds: float, count: int = 1) -> list[QueueMessage]:
        """Up to ``count`` visible messages, waiting up to ``wait_seconds`` for the first."""
        deadline = time.monotonic() + wait_seconds
        with self._cond:
            while self._receiving and not self._closed:
                got = self._claim(queue, count)
                remaining = deadline - time.monotonic()
                if got or remaining <= 0:
                    return got
                self._cond.wait(min(remaining, _POLL_SLICE))
        return []

    def _claim(self, queue: str, count: int) -> list[QueueMessage]:
        now = self._clock()
        rows = self._db.execute(
            "SELECT seq, id, body, enqueued, first_dequeue, dequeues FROM messages"
            " WHERE queue = ? AND visible_at <= ? ORDER BY seq LIMIT ?",
            (queue, now, count),
        ).fetchall()
        out: list[QueueMessage] = []
        for seq, message_id, body, enqueued, first, dequeues in rows:
            handle = f"{seq}-{secrets.token_urlsafe(18)}"
            first = first or now
            visible = now + self._visibility
            self._db.execute(
                "UPDATE messages SET visible_at = ?, first_dequeue = ?, dequeues = ?,"
                " receipt = ? WHERE seq = ?",
                (visible, first, dequeues + 1, handle, seq),
            )
            out.append(
                QueueMessage(
                    message_id=message_id,
                    receipt_handle=handle,
                    body=body,
                    body_md5=hashlib.md5(body.encode()).hexdigest().upper(),
                    enqueue_ms=int(enqueued * 1000),
                    first_dequeue_ms=int(first * 1000),
                    next_visible_ms=int(visible * 1000),
                    dequeue_count=dequeues + 1,
                )
            )
        return out

    def delete(self, queue: str, receipt_handle: str) -> None:
        """Remove the message this handle was given for, or raise why not."""
        seq_text, _, _ = receipt_handle.partition("-")
        with self._cond:
            row = None
            if seq_text.isdigit() and not self._closed:
                row = self._db.execute(
                    "SELECT receipt FROM messages WHERE seq = ? AND queue = ?",
                    (int(seq_text), queue),
                ).fetchone()
            if row is None:
                raise MessageNotExistError(receipt_handle)
            if row[0] != receipt_handle:
                raise ReceiptHandleError(receipt_handle)
            self._db.execute("DELETE FROM messages WHERE seq = ?", (int(seq_text),))

    def count(self, queue: str) -> int:
        with self._cond:
            row = self._db.execute(
                "SELECT COUNT(*) FROM messages WHERE queue = ?", (queue,)
            ).fetchone()
        return int(row[0])

    def stop_receiving(self) -> None:
        """Wake every long poll (they answer "no message"); publishing still works."""
        with self._cond:
            self._receiving = False
            self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            if not self._closed:
                self._closed = True
                self._receiving = False
                self._cond.notify_all()
                self._db.close()
