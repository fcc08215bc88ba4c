"""How an app learns that an OSS async-process task finished, on the OSS sandbox (issue 10).

Tasks are submitted with oss2 (V1 signing); their status is read through the sandbox's emulated
IMM GetTask and MNS queue, signed by the test's own implementations of the documented schemes
(``side_clients``). Covered: GetTask through ``video/convert`` until Succeeded, a failing task
→ Failed with its message, the MNS long poll / delete / visibility timeout, and tasks (and
undeleted messages) that survive a restart, including a task cut off while Running.
"""

from __future__ import annotations

import base64
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import imageio_ffmpeg
import oss2
import pytest

from qfopgui.sandbox.oss import OssConfig, OssServer
from qfopgui.sandbox.oss.tasks import OssTaskStore, TaskRecord
from tests.unit.sandbox.oss.side_clients import decoded_body, fields, get_task, mns_call

pytestmark = pytest.mark.integration

AK, SK = "status-ak", "status-sk"
SRC, DST = "status-src", "status-dst"
PROJECT = "status-imm"
QUEUES = (("q-ok", "topic-ok"), ("q-fail", "topic-fail"), ("q-vis", "topic-vis"))


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _config(data: Path, visibility: float = 30.0) -> OssConfig:
    return OssConfig(
        data_dir=data,
        credentials=[(AK, SK)],
        buckets=[SRC, DST],
        imm_projects=(PROJECT,),
        mns_queues=QUEUES,
        mns_visibility_timeout=visibility,
    )


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("status-media") / "clip.mp4"
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
         "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=1",
         "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(path)],
        check=True,
    )  # fmt: skip
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, clip: Path) -> Iterator[OssServer]:
    srv = OssServer(_config(tmp_path_factory.mktemp("oss-status"), visibility=1.0))
    srv.start()
    srv.storage.put_file(SRC, "in/clip.mp4", clip)
    yield srv
    srv.stop()


def submit(server: OssServer, process: str) -> Any:
    bucket = oss2.Bucket(oss2.Auth(AK, SK), server.base_url, SRC)
    return bucket.async_process_object("in/clip.mp4", process)


def convert(out: str, topic: str = "", extra: str = "") -> str:
    notify = f"/notify,topic_{_b64(topic)}" if topic else ""
    return (
        f"video/convert,f_mp4,vcodec_h264,s_80x60{extra}"
        f"|sys/saveas,o_{_b64(out)},b_{_b64(DST)}{notify}"
    )


def task_params(task_id: str) -> dict[str, str]:
    return {"ProjectName": PROJECT, "TaskType": task_id.split("-", 1)[0], "TaskId": task_id}


def poll_task(server: OssServer, task_id: str) -> tuple[list[str], dict[str, Any]]:
    """GetTask until the task is not Running; every Status seen, and the last answer."""
    seen: list[str] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status, body = get_task(server.imm_url, AK, SK, task_params(task_id))
        assert status == 200, body
        seen.append(body["Status"])
        if body["Status"] != "Running":
            return seen, body
        time.sleep(0.05)
    raise AssertionError(f"{task_id} still Running after 30 s")


def receive(server: OssServer, queue: str, wait: int) -> tuple[int, dict[str, str]]:
    status, root = mns_call(
        server.mns_url, AK, SK, "GET", f"/queues/{queue}/messages?waitseconds={wait}"
    )
    assert root is not None
    return status, fields(root)


def delete(server: OssServer, queue: str, handle: str) -> tuple[int, dict[str, str]]:
    resource = f"/queues/{queue}/messages?ReceiptHandle={handle}"
    status, root = mns_call(server.mns_url, AK, SK, "DELETE", resource)
    return status, fields(root) if root is not None else {}


def test_get_task_follows_a_convert_until_succeeded(server: OssServer) -> None:
    answer = submit(server, convert("out/ok.mp4"))
    seen, body = poll_task(server, answer.task_id)
    assert set(seen) <= {"Running", "Succeeded"}
    assert body["Status"] == "Succeeded"
    assert body["TaskId"] == answer.task_id
    assert body["TaskType"] == "MediaConvert"
    assert body["ProjectName"] == PROJECT
    assert body["EventId"] == answer.event_id
    assert (body["Code"], body["Message"], body["Progress"]) == ("", "", 100)
    assert body["StartTime"].endswith("Z")
    assert body["EndTime"] >= body["StartTime"]
    assert server.storage.stat(DST, "out/ok.mp4") is not None


def test_wrong_task_type_is_not_found(server: OssServer) -> None:
    answer = submit(server, convert("out/type.mp4"))
    params = {**task_params(answer.task_id), "TaskType": "VideoSnapshots"}
    status, body = get_task(server.imm_url, AK, SK, params)
    assert (status, body["Code"]) == (404, "ResourceNotFound")


def test_a_failing_task_is_failed_with_its_message(server: OssServer) -> None:
    answer = submit(server, convert("out/bad.mp4", "topic-fail", extra=",vb_lots"))
    _, body = poll_task(server, answer.task_id)
    assert body["Status"] == "Failed"
    assert body["Code"] == "InvalidParameter"
    assert "vb_lots" in body["Message"]
    assert server.storage.stat(DST, "out/bad.mp4") is None
    status, message = receive(server, "q-fail", 10)
    assert status == 200
    note = decoded_body(message)
    assert (note["TaskId"], note["Success"], note["Status"]) == (answer.task_id, False, "Failed")
    assert "vb_lots" in note["Message"]
    assert note["Outputs"] == []


def test_long_poll_receives_the_tasks_message_and_delete_removes_it(server: OssServer) -> None:
    got: dict[str, Any] = {}
    poller = threading.Thread(target=lambda: got.update(r=receive(server, "q-ok", 20)))
    poller.start()  # waiting before the task even exists: the long poll must wait for it
    time.sleep(0.3)
    answer = submit(server, convert("out/notified.mp4", "topic-ok"))
    poller.join(timeout=30)
    status, message = got["r"]
    assert status == 200
    note = decoded_body(message)
    assert note["TaskId"] == answer.task_id
    assert (note["Success"], note["TaskType"], note["EventId"]) == (
        True,
        "MediaConvert",
        answer.event_id,
    )
    assert note["RequestId"] == answer.async_request_id
    assert note["Outputs"] == [{"Bucket": DST, "Object": "out/notified.mp4"}]
    assert message["DequeueCount"] == "1"
    assert delete(server, "q-ok", message["ReceiptHandle"])[0] == 204
    status, error = receive(server, "q-ok", 0)
    assert (status, error["Code"]) == (404, "MessageNotExist")
    status, error = delete(server, "q-ok", message["ReceiptHandle"])
    assert (status, error["Code"]) == (404, "MessageNotExist")


def test_an_undeleted_message_returns_after_the_visibility_timeout(server: OssServer) -> None:
    submit(server, convert("out/visible.mp4", "topic-vis"))
    status, first = receive(server, "q-vis", 20)
    assert status == 200
    assert receive(server, "q-vis", 0)[0] == 404  # hidden while being handled
    status, again = receive(server, "q-vis", 5)  # the 1 s visibility timeout passes
    assert status == 200
    assert again["MessageId"] == first["MessageId"]
    assert again["DequeueCount"] == "2"
    assert again["ReceiptHandle"] != first["ReceiptHandle"]
    status, error = delete(server, "q-vis", first["ReceiptHandle"])
    assert (status, error["Code"]) == (400, "ReceiptHandleError")
    assert delete(server, "q-vis", again["ReceiptHandle"])[0] == 204


def test_tasks_and_messages_survive_a_restart(tmp_path: Path, clip: Path) -> None:
    with OssServer(_config(tmp_path)) as first:
        first.storage.put_file(SRC, "in/clip.mp4", clip)
        answer = submit(first, convert("out/kept.mp4", "topic-ok"))
        _, before = poll_task(first, answer.task_id)
        assert before["Status"] == "Succeeded"
        deadline = time.monotonic() + 10
        while first.queues.count("q-ok") == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
    with OssServer(_config(tmp_path)) as second:
        status, after = get_task(second.imm_url, AK, SK, task_params(answer.task_id))
        assert status == 200
        keep = ("Status", "TaskId", "EventId", "StartTime", "EndTime", "Progress")
        assert {k: after[k] for k in keep} == {k: before[k] for k in keep}
        status, message = receive(second, "q-ok", 0)
        assert status == 200
        assert decoded_body(message)["TaskId"] == answer.task_id


def test_a_task_cut_off_while_running_is_resumed_at_the_next_start(
    tmp_path: Path, clip: Path
) -> None:
    with OssServer(_config(tmp_path)) as first:
        first.storage.put_file(SRC, "in/clip.mp4", clip)
    task_id = "MediaConvert-00000000-0000-4000-8000-000000000001"
    store = OssTaskStore(tmp_path / "oss-tasks.sqlite")  # what a killed server leaves behind
    store.save(
        TaskRecord(
            task_id=task_id,
            action="video/convert",
            bucket=SRC,
            key="in/clip.mp4",
            params={"f": "mp4", "vcodec": "h264", "s": "80x60"},
            target_bucket=DST,
            target_key="out/resumed.mp4",
            topic="topic-ok",
            start=time.time(),
        )
    )
    store.close()
    with OssServer(_config(tmp_path)) as second:
        _, body = poll_task(second, task_id)
        assert body["Status"] == "Succeeded"
        assert second.storage.stat(DST, "out/resumed.mp4") is not None
        status, message = receive(second, "q-ok", 10)
        assert status == 200
        assert decoded_body(message)["TaskId"] == task_id


def test_a_stop_mid_task_leaves_it_running_and_the_next_start_finishes_it(
    tmp_path: Path, clip: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sleeper = tmp_path / "slow-ffmpeg"  # an "ffmpeg" that never ends: the stop must cut it off
    sleeper.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(60)\n")
    sleeper.chmod(0o755)
    with monkeypatch.context() as patched:
        patched.setattr(imageio_ffmpeg, "get_ffmpeg_exe", lambda: str(sleeper))
        with OssServer(_config(tmp_path / "data")) as first:
            first.storage.put_file(SRC, "in/clip.mp4", clip)
            answer = submit(first, convert("out/cut.mp4"))
            time.sleep(0.2)
    store = OssTaskStore(tmp_path / "data" / "oss-tasks.sqlite")
    try:
        record = store.get(answer.task_id)
        assert record is not None
        assert record.status == "Running"  # not "Failed": the stop is not the task's fault
    finally:
        store.close()
    with OssServer(_config(tmp_path / "data")) as second:
        _, body = poll_task(second, answer.task_id)
        assert body["Status"] == "Succeeded"
        assert second.storage.stat(DST, "out/cut.mp4") is not None
