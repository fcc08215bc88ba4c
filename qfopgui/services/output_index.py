"""Which objects of a bucket qfopgui's own jobs made, so the Files view can mark and hide them.

The job store knows every job's output bucket, planned output keys and last prefop answer (whose
items name the keys really written, HLS segments and vsample frames included). Per
(profile, bucket) the index is read once from the store (off the Qt thread, through the injected
loader) and then kept up to date from job events (`note_jobs`), so a job that finishes while
the bucket is shown marks its outputs without a second read.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, KeysView, Sequence
from dataclasses import dataclass

from qfopgui.core.jobs import JobRecord, JobState

__all__ = [
    "OUTPUT_STATES",
    "BucketOutputs",
    "LoadJobs",
    "OutputIndex",
    "OutputMark",
    "outputs_of",
]

# A done job wrote its outputs; a failed one may have written some (its done items).
OUTPUT_STATES = (JobState.DONE, JobState.NOTIFY_FAILED, JobState.FAILED)
_ALL_PLANNED = frozenset((JobState.DONE, JobState.NOTIFY_FAILED))
_ITEM_DONE = 0  # prefop item code of a command that finished

LoadJobs = Callable[[str, str], Awaitable[Sequence[JobRecord]]]  # (profile, bucket) -> jobs
Changed = Callable[[str, str, frozenset[str]], None]  # (profile, bucket, keys) that changed


@dataclass(frozen=True, slots=True)
class OutputMark:
    """What made one output: the local job id and its preset ("" for a job tracked by id).

    `playlist` is set for an HLS segment: the key of the playlist that lists it.
    """

    job_id: int
    preset: str
    playlist: str = ""


def outputs_of(record: JobRecord) -> list[tuple[str, OutputMark]]:
    """(key, mark) of every object this job wrote (or, if done, planned to write)."""
    if record.state not in OUTPUT_STATES:
        return []
    presets = record.presets
    out: list[tuple[str, OutputMark]] = []
    status = record.status()
    items = status.items if status is not None else ()
    for n, item in enumerate(items):
        if item.code != _ITEM_DONE:
            continue
        preset = presets[n] if n < len(presets) else ""
        key = item.key or (record.outputs[n] if n < len(record.outputs) else "")
        if key:
            out.append((key, OutputMark(record.id, preset)))
        playlist = key if key.lower().endswith(".m3u8") else ""
        out.extend((k, OutputMark(record.id, preset, playlist)) for k in item.keys if k)
    if record.state in _ALL_PLANNED:
        seen = {k for k, _ in out}
        for n, key in enumerate(record.outputs):
            if key and key not in seen:
                out.append((key, OutputMark(record.id, presets[n] if n < len(presets) else "")))
    return out


class BucketOutputs:
    """The outputs qfopgui made in one bucket of one profile: key → `OutputMark`."""

    def __init__(self, records: Iterable[JobRecord] = ()) -> None:
        self._marks: dict[str, OutputMark] = {}
        self.add(records)

    def add(self, records: Iterable[JobRecord]) -> list[str]:
        """Take these jobs' outputs in (a later job's mark wins); returns the keys that changed."""
        changed: list[str] = []
        for record in records:
            for key, mark in outputs_of(record):
                if self._marks.get(key) != mark:
                    self._marks[key] = mark
                    changed.append(key)
        return changed

    def mark(self, key: str) -> OutputMark | None:
        return self._marks.get(key)

    def keys(self) -> KeysView[str]:
        return self._marks.keys()

    def __contains__(self, key: object) -> bool:
        return key in self._marks

    def __len__(self) -> int:
        return len(self._marks)


class OutputIndex:
    """`BucketOutputs` per (profile, bucket), each loaded once and then updated from events.

    `on_changed(profile, bucket, keys)` is called when a loaded bucket's outputs changed
    through `note_jobs`. Only the `max_buckets` most recently used buckets are kept.
    """

    def __init__(self, load: LoadJobs, *, max_buckets: int = 16) -> None:
        self._load = load
        self._max = max_buckets
        self._loaded: OrderedDict[tuple[str, str], BucketOutputs] = OrderedDict()
        self._loading: dict[tuple[str, str], asyncio.Future[BucketOutputs]] = {}
        self._noted: dict[tuple[str, str], list[JobRecord]] = {}  # events seen while loading
        self.on_changed: Changed | None = None

    def cached(self, profile: str, bucket: str) -> BucketOutputs | None:
        """The bucket's outputs if they were loaded (never starts a load)."""
        return self._loaded.get((profile, bucket))

    async def get(self, profile: str, bucket: str) -> BucketOutputs:
        """The bucket's outputs, read from the store the first time (callers share one read)."""
        where = (profile, bucket)
        found = self._loaded.get(where)
        if found is not None:
            self._loaded.move_to_end(where)
            return found
        pending = self._loading.get(where)
        if pending is not None:
            return await asyncio.shield(pending)
        future: asyncio.Future[BucketOutputs] = asyncio.get_running_loop().create_future()
        self._loading[where] = future
        self._noted[where] = []
        try:
            outputs = BucketOutputs(await self._load(profile, bucket))
        except asyncio.CancelledError:
            future.cancel()  # whoever shares this read asks again
            raise
        except Exception as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: nobody else may be waiting
            raise
        finally:
            del self._loading[where]
            noted = self._noted.pop(where, [])
        outputs.add(noted)  # jobs that finished while the store was read
        self._loaded[where] = outputs
        while len(self._loaded) > self._max:
            self._loaded.popitem(last=False)
        future.set_result(outputs)
        return outputs

    def note_jobs(self, records: Iterable[JobRecord]) -> dict[tuple[str, str], frozenset[str]]:
        """Jobs changed (from the jobs service's events): update the loaded buckets.

        Returns the keys that changed per (profile, bucket); `on_changed` hears of each.
        """
        changed: dict[tuple[str, str], set[str]] = {}
        for record in records:
            if record.state not in OUTPUT_STATES or not record.output_bucket:
                continue
            where = (record.profile, record.output_bucket)
            if where in self._noted:
                self._noted[where].append(record)
            outputs = self._loaded.get(where)
            keys = outputs.add([record]) if outputs is not None else []
            if keys:
                changed.setdefault(where, set()).update(keys)
        out = {where: frozenset(written) for where, written in sorted(changed.items())}
        if self.on_changed is not None:
            for (profile, bucket), written_keys in out.items():
                self.on_changed(profile, bucket, written_keys)
        return out
