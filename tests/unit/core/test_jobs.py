"""core.jobs: states, the tolerant prefop parser, JobRecord helpers and plain-words failures."""

from __future__ import annotations

import json

import pytest

from qfopgui.api import models as api_models
from qfopgui.core.jobs import (
    JobItem,
    JobRecord,
    JobState,
    JobStatus,
    parse_job_status,
    state_from_prefop_code,
    status_to_json,
    summarize_failure,
)

REAL_WAITING = {
    "code": 1,
    "desc": "The fop is waiting for execution",
    "id": "z0.58b5",
    "inputBucket": "echohu",
    "inputKey": "./hh.wmv",
    "items": [
        {
            "cmd": "avthumb/mp4|saveas/dmlkZW86dGVzdDExMC5tcDQ=",
            "code": 1,
            "desc": "The fop is waiting for execution",
            "returnOld": 0,
        }
    ],
    "pipeline": "0.default",
    "reqid": "",
}


def record(**kw: object) -> JobRecord:
    base: dict[str, object] = dict(
        id=1,
        profile="p",
        bucket="b",
        key="k",
        fops=("f",),
        presets=(),
        outputs=(),
        output_bucket="b",
        pipeline="",
        batch_id="",
        state=JobState.WAITING,
        persistent_id="z0.1",
        force=False,
        notify_url="",
        type=0,
        submitted_at=100.0,
        updated_at=100.0,
        started_at=None,
        finished_at=None,
        status_json=None,
        error="",
        retry_of=None,
    )
    base.update(kw)
    return JobRecord(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("code", "state"),
    [
        (0, JobState.DONE),
        (1, JobState.WAITING),
        (2, JobState.PROCESSING),
        (3, JobState.FAILED),
        (4, JobState.NOTIFY_FAILED),
        (99, JobState.PROCESSING),
        (-1, JobState.PROCESSING),
    ],
)
def test_state_from_code(code: int, state: JobState) -> None:
    assert state_from_prefop_code(code) is state


def test_terminal_and_active() -> None:
    assert {s for s in JobState if s.is_terminal} == {
        JobState.DONE,
        JobState.FAILED,
        JobState.NOTIFY_FAILED,
    }
    assert {s for s in JobState if s.is_active} == {JobState.WAITING, JobState.PROCESSING}
    assert JobState("unresolved") is JobState.UNRESOLVED


def test_api_and_store_share_one_status_type() -> None:
    """The client's prefop result is what the store persists: one class, not two drifting copies."""
    assert api_models.JobStatus is JobStatus
    assert api_models.JobItem is JobItem


def test_parse_real_answer_and_back() -> None:
    st = parse_job_status(REAL_WAITING)
    assert (st.id, st.code, st.input_bucket, st.input_key, st.pipeline) == (
        "z0.58b5",
        1,
        "echohu",
        "./hh.wmv",
        "0.default",
    )
    assert st.items[0].cmd.startswith("avthumb/mp4|saveas/")
    assert st.items[0].return_old is False
    assert json.loads(status_to_json(st)) == REAL_WAITING


def test_parse_is_tolerant() -> None:
    item = {"cmd": 5, "keys": ["a", "b"], "errorIndex": 1, "returnOld": 1}
    st = parse_job_status({"code": "3", "items": [item, "junk"], "type": None})
    assert st.code == 3
    assert st.id == ""
    assert st.type == 0
    [item] = st.items
    assert (item.cmd, item.keys, item.error_index, item.return_old) == ("5", ("a", "b"), 1, True)
    assert parse_job_status({}).code == 2  # no code: treat as still running, never "done"


def test_status_to_json_without_raw_rebuilds_prefop_shape() -> None:
    api_status = api_models.JobStatus(
        id="z0.x",
        code=0,
        desc="ok",
        input_bucket="b",
        input_key="k",
        pipeline="1.q",
        reqid="r",
        items=(
            api_models.JobItem(
                cmd="vsample/jpg", code=0, keys=("a", "b"), hash="h", return_old=True
            ),
        ),
        creation_date="2024-05-21T10:30:00+08:00",
        task_from="workflow: t1",
    )
    back = parse_job_status(json.loads(status_to_json(api_status)))
    assert back.items[0].keys == ("a", "b")
    assert back.items[0].return_old is True
    assert (back.creation_date, back.task_from, back.pipeline) == (
        "2024-05-21T10:30:00+08:00",
        "workflow: t1",
        "1.q",
    )


def test_record_status_and_duration() -> None:
    assert record().status() is None
    assert record(status_json="not json").status() is None
    assert record(status_json="[1, 2]").status() is None
    rec = record(status_json=json.dumps(REAL_WAITING), finished_at=130.5)
    assert rec.status() == parse_job_status(REAL_WAITING)
    assert rec.duration == 30.5
    assert record().duration is None


def _failed(*errors: str, cmds: tuple[str, ...] = ()) -> JobStatus:
    items = tuple(
        JobItem(cmd=cmds[i] if cmds else f"avthumb/mp4|saveas/{i}", code=3, error=e)
        for i, e in enumerate(errors)
    )
    return JobStatus("z0.f", 3, "The fop is failed", "b", "k", "", "", items)


@pytest.mark.parametrize(
    ("server", "words"),
    [
        (
            "execute fop cmd failed: source data is empty or fail to get source data",
            "The source file is empty or could not be read",
        ),
        ("execute fop cmd failed: not a valid video", "The source file is not a video or audio"),
        ("Invalid data found when processing input", "The source file is not a video or audio"),
        ("moov atom not found", "incomplete or damaged"),
        ("Unknown encoder 'libfoo'", "codec is not supported"),
    ],
)
def test_summarize_failure_explains_common_errors(server: str, words: str) -> None:
    text = summarize_failure(_failed(server))
    assert words in text
    assert text.endswith(f" (server: {server})")


def test_summarize_failure_falls_back_and_names_commands() -> None:
    assert summarize_failure(_failed("strange thing")) == "strange thing"
    two = summarize_failure(
        _failed("moov atom not found", "weird", cmds=("avthumb/mp4|saveas/a", "vframe/jpg"))
    )
    assert two.startswith("avthumb: The source video is incomplete")
    assert "; vframe: weird" in two
    assert summarize_failure(JobStatus("z", 3, "", "b", "k", "", "", ())) == (
        "The job failed (the server gave no reason)"
    )
    assert summarize_failure(JobStatus("z", 3, "desc only", "b", "k", "", "", ())) == "desc only"
    notify = JobStatus("z", 4, "Callback failed", "b", "k", "", "", ())
    assert "notification" in summarize_failure(notify)
