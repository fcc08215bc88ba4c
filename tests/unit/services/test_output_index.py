"""Which objects qfopgui made (issue: outputs and sources apart): from the job store, per
(profile, bucket), kept up to date from job events — HLS segments included, read once."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.services.output_index import (
    OUTPUT_STATES,
    BucketOutputs,
    OutputIndex,
    OutputMark,
    outputs_of,
)
from qfopgui.services.store import JobStore
from tests.unit.services.fakes import make_status


def record(
    job_id: int,
    state: JobState,
    *,
    outputs: tuple[str, ...] = ("v/a_720p.mp4",),
    presets: tuple[str, ...] = ("MP4 720p",),
    items: Sequence[dict[str, Any]] | None = None,
    profile: str = "A",
    bucket: str = "media",
) -> JobRecord:
    status = None if items is None else json.dumps({"id": f"z{job_id}", "code": 0, "items": items})
    return JobRecord(
        id=job_id,
        profile=profile,
        bucket="media",
        key="v/a.mp4",
        fops=tuple(f"fop{n}" for n in range(len(outputs))),
        presets=presets,
        outputs=outputs,
        output_bucket=bucket,
        pipeline="",
        batch_id="b",
        state=state,
        persistent_id=f"z{job_id}",
        force=False,
        notify_url="",
        type=0,
        submitted_at=1.0,
        updated_at=1.0,
        started_at=None,
        finished_at=None,
        status_json=status,
        error="",
        retry_of=None,
    )


HLS_ITEMS = [
    {
        "cmd": "avthumb/m3u8",
        "code": 0,
        "key": "v/a.m3u8",
        "keys": ["v/a-000000.ts", "v/a-000001.ts"],
    }
]


def test_a_done_job_made_its_planned_outputs() -> None:
    assert outputs_of(record(7, JobState.DONE)) == [("v/a_720p.mp4", OutputMark(7, "MP4 720p"))]


def test_hls_segments_are_outputs_that_name_their_playlist() -> None:
    rec = record(3, JobState.DONE, outputs=("v/a.m3u8",), presets=("HLS 720p",), items=HLS_ITEMS)
    got = dict(outputs_of(rec))
    assert got["v/a.m3u8"] == OutputMark(3, "HLS 720p")
    assert got["v/a-000001.ts"] == OutputMark(3, "HLS 720p", playlist="v/a.m3u8")
    assert len(got) == 3


def test_a_failed_job_made_only_its_done_items() -> None:
    items = [{"cmd": "a", "code": 0, "key": "v/ok.mp4"}, {"cmd": "b", "code": 3, "error": "x"}]
    rec = record(
        5, JobState.FAILED, outputs=("v/ok.mp4", "v/bad.jpg"), presets=("P1", "P2"), items=items
    )
    assert outputs_of(rec) == [("v/ok.mp4", OutputMark(5, "P1"))]


@pytest.mark.parametrize("state", [JobState.WAITING, JobState.PROCESSING, JobState.UNRESOLVED])
def test_unfinished_jobs_made_nothing_yet(state: JobState) -> None:
    assert outputs_of(record(1, state)) == []


def test_a_later_job_wins_the_mark() -> None:
    outputs = BucketOutputs([record(1, JobState.DONE), record(9, JobState.DONE)])
    assert outputs.mark("v/a_720p.mp4") == OutputMark(9, "MP4 720p")
    assert "v/a.mp4" not in outputs


def test_the_index_reads_once_and_follows_job_events() -> None:
    reads: list[tuple[str, str]] = []
    changed: list[tuple[str, str, frozenset[str]]] = []

    async def load(profile: str, bucket: str) -> list[JobRecord]:
        reads.append((profile, bucket))
        await asyncio.sleep(0)
        return [record(1, JobState.DONE)]

    async def scenario() -> None:
        index = OutputIndex(load)
        index.on_changed = lambda p, b, k: changed.append((p, b, k))
        first, second = await asyncio.gather(index.get("A", "media"), index.get("A", "media"))
        assert first is second
        assert reads == [("A", "media")]
        assert index.cached("A", "other") is None
        new = record(2, JobState.DONE, outputs=("v/b.mp4",))
        elsewhere = record(3, JobState.DONE, outputs=("x.mp4",), bucket="other")
        assert index.note_jobs([new, elsewhere]) == {("A", "media"): {"v/b.mp4"}}
        assert changed == [("A", "media", {"v/b.mp4"})]
        assert first.mark("v/b.mp4") == OutputMark(2, "MP4 720p")
        assert index.note_jobs([new]) == {}  # nothing new

    asyncio.run(scenario())


def test_a_job_that_finishes_while_the_store_is_read_is_not_lost() -> None:
    gate = asyncio.Event()

    async def load(_profile: str, _bucket: str) -> list[JobRecord]:
        await gate.wait()
        return []  # read before the job was written

    async def scenario() -> None:
        index = OutputIndex(load)
        task = asyncio.ensure_future(index.get("A", "media"))
        await asyncio.sleep(0)
        index.note_jobs([record(4, JobState.DONE)])
        gate.set()
        outputs = await task
        assert outputs.mark("v/a_720p.mp4") == OutputMark(4, "MP4 720p")

    asyncio.run(scenario())


def test_a_failed_read_is_asked_again() -> None:
    calls = 0

    async def load(_profile: str, _bucket: str) -> list[JobRecord]:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise OSError("disk")
        return [record(1, JobState.DONE)]

    async def scenario() -> None:
        index = OutputIndex(load)
        with pytest.raises(OSError, match="disk"):
            await index.get("A", "media")
        assert "v/a_720p.mp4" in await index.get("A", "media")

    asyncio.run(scenario())


def test_the_store_query_selects_profile_bucket_and_states(tmp_path: Path) -> None:
    store = JobStore(tmp_path / "jobs.db")
    try:

        def submit(profile: str, out_bucket: str) -> int:
            return store.add_submitting(
                profile=profile,
                bucket="media",
                key="v/a.mp4",
                fops=("avthumb/mp4|saveas/x",),
                presets=("MP4 720p",),
                outputs=("v/a_720p.mp4",),
                output_bucket=out_bucket,
                pipeline="",
                batch_id="b",
            ).id

        done, waiting, other_profile, other_bucket = (
            submit("A", "media"),
            submit("A", "media"),
            submit("B", "media"),
            submit("A", "else"),
        )
        for job_id in (done, waiting, other_profile, other_bucket):
            store.mark_submitted(job_id, f"z{job_id}")
        for job_id in (done, other_profile, other_bucket):
            store.apply_status(job_id, make_status(f"z{job_id}", 0))
        found = store.jobs_writing_to("A", "media", OUTPUT_STATES)
        assert [r.id for r in found] == [done]
        assert store.jobs_writing_to("A", "media", []) == []
        assert "out.mp4" in BucketOutputs(found)  # the key the server answered with
    finally:
        store.close()
