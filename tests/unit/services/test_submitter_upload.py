"""`Submitter.submit_with`: a job created by an upload's final request follows pfop's rules —
the row first, the caller's record next, then the request; refused → FAILED, maybe received or
no job ID → UNRESOLVED; a Retry later is an ordinary forced pfop on the uploaded file."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from qfopgui.api.errors import BadRequestError, TimeoutError_
from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.services.submitter import NO_JOB_ID, TIMED_OUT, SubmitItem, SubmitOptions
from tests.unit.services.fakes import FakeClient
from tests.unit.services.test_submitter import Env

ITEM = SubmitItem("bkt", "v/a.mp4", ("avthumb/mp4|saveas/x",), ("MP4",), ("v/a_mp4.mp4",), "bkt")
OPTIONS = SubmitOptions(pipeline="pipe", notify_url="https://example.com/n")


def committed_state(path: Path, job_id: int) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute("SELECT state FROM jobs WHERE id = ?", (job_id,)).fetchone()[0])
    finally:
        con.close()


def test_the_row_and_the_callers_record_come_before_the_request(tmp_path: Path) -> None:
    env = Env(tmp_path / "j.db", FakeClient())
    order: list[str] = []

    async def before(row: JobRecord) -> None:
        order.append(f"before:{committed_state(env.path, row.id)}")

    def send() -> str:
        order.append("send")
        return "z0.upload-job"

    rec: JobRecord = env.run(
        env.submitter.submit_with("p", ITEM, OPTIONS, "batch-1", send, before_send=before)
    )
    assert order == ["before:submitting", "send"]
    assert (rec.state, rec.persistent_id, rec.batch_id, rec.pipeline) == (
        JobState.WAITING,
        "z0.upload-job",
        "batch-1",
        "pipe",
    )
    assert [r.state for r in env.updated] == [JobState.WAITING]


@pytest.mark.parametrize(
    ("error", "state", "words"),
    [
        (BadRequestError("bad fops", status=400), JobState.FAILED, "bad fops"),
        (TimeoutError_("lost", status=None), JobState.UNRESOLVED, TIMED_OUT),
    ],
)
def test_the_outcome_rules_of_pfop_apply(
    tmp_path: Path, error: Exception, state: JobState, words: str
) -> None:
    env = Env(tmp_path / "j.db", FakeClient())

    def send() -> str:
        raise error

    rec: JobRecord = env.run(env.submitter.submit_with("p", ITEM, OPTIONS, "b", send))
    assert rec.state is state
    assert words in rec.error


def test_an_answer_without_a_job_id_needs_a_decision(tmp_path: Path) -> None:
    env = Env(tmp_path / "j.db", FakeClient())
    rec: JobRecord = env.run(env.submitter.submit_with("p", ITEM, OPTIONS, "b", lambda: ""))
    assert (rec.state, rec.error) == (JobState.UNRESOLVED, NO_JOB_ID)


def test_when_the_caller_cannot_record_the_job_nothing_is_sent(tmp_path: Path) -> None:
    env = Env(tmp_path / "j.db", FakeClient())
    sent: list[int] = []

    async def before(_row: JobRecord) -> None:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        env.run(
            env.submitter.submit_with(
                "p", ITEM, OPTIONS, "b", lambda: str(sent.append(1)), before_send=before
            )
        )
    assert sent == []
    (row,) = env.rows()
    assert row[2] == "failed"


def test_retrying_an_upload_job_is_a_forced_pfop_of_the_uploaded_file(tmp_path: Path) -> None:
    client = FakeClient()
    env = Env(tmp_path / "j.db", client)

    async def scenario() -> tuple[JobRecord, JobRecord]:
        first = await env.submitter.submit_with("p", ITEM, OPTIONS, "b", lambda: "")
        again = await env.submitter.retry(first)
        return first, again

    first, again = env.run(scenario())
    (call,) = client.pfop_calls
    expected: dict[str, Any] = {"bucket": "bkt", "key": "v/a.mp4", "force": True}
    assert {k: call[k] for k in expected} == expected
    assert list(call["fops"]) == list(ITEM.fops)
    assert (again.retry_of, again.batch_id, again.state) == (first.id, "b", JobState.WAITING)
