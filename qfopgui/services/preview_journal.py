"""The preview journal: which temporary sample objects exist, so none outlives a crash.

A preview writes its samples into the user's bucket. If the app quits, crashes or loses power
while a sample job runs, only a note on disk can tell the next start what to delete. So an
entry is written *before* the pfop is sent (profile, bucket, the entry's key prefix and the
keys it will write), completed with the job IDs once known, and removed only after every key is
gone. The file is small JSON, replaced atomically (``atomic_file``), one entry per preview.
``SampleCleaner`` does the deleting: it waits for the entry's jobs to end (a running job would
write more), lists the entry's prefix and deletes only what lies under it.

All methods run on the asyncio loop; the file is written through the injected ``run_disk`` and
writes are serialised with a lock, so the file always holds the newest state whatever executor
is used. A damaged file is moved aside (``<name>.damaged``) and the journal starts empty: the
entries it held are lost, but the preview prefix is reserved, so a user can still find them.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import json
import logging
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from qfopgui.api.errors import NotFoundError, QiniuError
from qfopgui.api.models import ListPage
from qfopgui.core.jobs import StatusLike
from qfopgui.services.atomic_file import Writer, write_text_atomic
from qfopgui.services.executors import RunIn

log = logging.getLogger(__name__)

PREVIEW_PREFIX = ".qfopgui-preview/"
"""Every temporary sample key starts with this (then ``<entry id>/``)."""
FILE_VERSION = 1
RUNNING_CODES = frozenset({1, 2})  # prefop: waiting, processing


@dataclass(frozen=True)
class PreviewEntry:
    """One preview run's temporary objects.

    ``keys`` are the keys known to be (or about to be) written; a vsample or HLS output writes
    more, which is why cleanup also lists ``prefix``. ``jobs`` are the persistentIds sent;
    ``uncertain`` is set when a pfop may have reached the server without its answer reaching
    us (a job we cannot ask about may still write into the prefix, so the entry stays until
    the next start).
    """

    id: str
    profile: str
    bucket: str
    keys: tuple[str, ...] = ()
    jobs: tuple[str, ...] = ()
    uncertain: bool = False

    @property
    def prefix(self) -> str:
        return f"{PREVIEW_PREFIX}{self.id}/"

    def with_keys(self, keys: tuple[str, ...]) -> PreviewEntry:
        return dataclasses.replace(self, keys=tuple(dict.fromkeys((*self.keys, *keys))))

    def with_job(self, persistent_id: str) -> PreviewEntry:
        return dataclasses.replace(self, jobs=(*self.jobs, persistent_id))

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "profile": self.profile,
            "bucket": self.bucket,
            "keys": list(self.keys),
            "jobs": list(self.jobs),
            "uncertain": self.uncertain,
        }


def _entry_from(item: object) -> PreviewEntry | None:
    if not isinstance(item, dict):
        return None
    texts = [item.get(k) for k in ("id", "profile", "bucket")]
    keys, jobs = item.get("keys", []), item.get("jobs", [])
    if not all(isinstance(t, str) and t for t in texts):
        return None
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        return None
    if not isinstance(jobs, list) or not all(isinstance(j, str) for j in jobs):
        return None
    ident, profile, bucket = (str(t) for t in texts)
    if "/" in ident:  # the id names a folder under the prefix: never anything wider
        return None
    return PreviewEntry(
        ident, profile, bucket, tuple(keys), tuple(jobs), item.get("uncertain") is True
    )


def entries_from_json(text: str) -> list[PreviewEntry]:
    """Parse the file; ValueError when it is not a journal (unusable items are skipped)."""
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("previews"), list):
        raise ValueError("not a preview journal")
    if data.get("version") != FILE_VERSION:
        raise ValueError(f"unknown preview journal version {data.get('version')!r}")
    found = (_entry_from(item) for item in data["previews"])
    return [e for e in found if e is not None]


def entries_to_json(entries: list[PreviewEntry]) -> str:
    data = {"version": FILE_VERSION, "previews": [e.to_dict() for e in entries]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


class PreviewJournal:
    """``await put(entry)`` / ``await drop(id)`` / ``await entries()``; ``OSError`` when the
    file cannot be written (the in-memory state is then not changed)."""

    def __init__(self, path: Path, run_disk: RunIn, *, write: Writer = write_text_atomic) -> None:
        self._path = path
        self._run_disk = run_disk
        self._write = write
        self._entries: dict[str, PreviewEntry] | None = None
        self._lock = asyncio.Lock()

    @property
    def path(self) -> Path:
        return self._path

    async def entries(self) -> tuple[PreviewEntry, ...]:
        async with self._lock:
            return tuple((await self._loaded()).values())

    async def put(self, entry: PreviewEntry) -> None:
        """Add or replace an entry, on disk first."""
        async with self._lock:
            current = dict(await self._loaded())
            current[entry.id] = entry
            await self._save(current)

    async def drop(self, entry_id: str) -> None:
        async with self._lock:
            current = dict(await self._loaded())
            if current.pop(entry_id, None) is not None:
                await self._save(current)

    async def _loaded(self) -> dict[str, PreviewEntry]:
        if self._entries is None:
            found = await self._run_disk(self._read)
            self._entries = {e.id: e for e in found}
        return self._entries

    async def _save(self, entries: dict[str, PreviewEntry]) -> None:
        text = entries_to_json(list(entries.values()))
        await self._run_disk(lambda: self._write(self._path, text))
        self._entries = entries

    def _read(self) -> list[PreviewEntry]:
        try:
            text = self._path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("preview journal %s is unreadable: %s", self._path, exc)
            return []
        try:
            return entries_from_json(text)
        except ValueError as exc:
            aside = self._path.with_name(self._path.name + ".damaged")
            log.warning("preview journal %s is damaged (%s); moved to %s", self._path, exc, aside)
            try:
                self._path.replace(aside)
            except OSError:
                log.warning("could not move %s aside", self._path)
            return []


# -- cleaning up ---------------------------------------------------------------------------------


class CleanupClient(Protocol):
    """What deleting an entry's objects needs of `QiniuClient`."""

    def iter_pages(self, bucket: str, *, prefix: str = "") -> Iterator[ListPage]: ...
    def delete(self, bucket: str, key: str) -> None: ...
    def prefop(self, persistent_id: str) -> StatusLike: ...


class SampleCleaner:
    """Deletes an entry's objects once its jobs have ended (a running job would write more),
    then drops the entry; only keys under the entry's own prefix are ever deleted."""

    def __init__(
        self,
        journal: PreviewJournal,
        run_blocking: RunIn,
        *,
        sleep: Callable[[float], Awaitable[None]],
        poll_interval: float,
        polls: int,
    ) -> None:
        self._journal = journal
        self._run_blocking = run_blocking
        self._sleep = sleep
        self._interval = poll_interval
        self._polls = polls

    async def clean(
        self, client: CleanupClient, entry: PreviewEntry, *, wait: bool, final: bool
    ) -> tuple[int, tuple[str, ...]]:
        """Delete the entry's objects once its jobs have ended; drop it when nothing is left.
        ``final``: no job of it can still be unknown to us (a later start), so an uncertain
        entry may go too. Returns (objects deleted, keys that may still exist)."""
        if await self._still_running(client, entry.jobs, wait=wait):
            return 0, entry.keys
        keys, listed = list(entry.keys), True
        try:
            keys += await self._run_blocking(functools.partial(_listed, client, entry))
        except QiniuError as exc:
            log.info("listing %s failed: %s", entry.prefix, exc)
            listed = False
        deleted, left = 0, []
        for key in dict.fromkeys(keys):
            if not key.startswith(entry.prefix):  # never anything outside the reserved prefix
                continue
            try:
                await self._run_blocking(functools.partial(client.delete, entry.bucket, key))
                deleted += 1
            except NotFoundError:
                pass
            except QiniuError as exc:
                log.info("could not delete %s: %s", key, exc)
                left.append(key)
        if listed and not left and (final or not entry.uncertain):
            await self.drop(entry)
        return deleted, tuple(left)

    async def _still_running(
        self, client: CleanupClient, jobs: tuple[str, ...], *, wait: bool
    ) -> bool:
        for pid in jobs:
            for attempt in range(self._polls if wait else 1):
                if attempt:
                    await self._sleep(self._interval)
                try:
                    status = await self._run_blocking(functools.partial(client.prefop, pid))
                except NotFoundError:
                    break  # expired or never known: nothing will write any more
                except QiniuError as exc:
                    log.info("prefop %s failed: %s", pid, exc)
                    continue
                if status.code not in RUNNING_CODES:
                    break
            else:
                return True
        return False

    async def drop(self, entry: PreviewEntry) -> None:
        try:
            await self._journal.drop(entry.id)
        except OSError as exc:
            log.warning("preview journal not updated: %s", exc)


def _listed(client: CleanupClient, entry: PreviewEntry) -> list[str]:
    """Every key under the entry's prefix (blocking)."""
    return [
        i.key for page in client.iter_pages(entry.bucket, prefix=entry.prefix) for i in page.items
    ]
