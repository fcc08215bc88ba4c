"""Processor behaviour: validation, state machine, pipelines, returnOld, notify, persistence."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest

from qfopgui.sandbox.processing import ProcessingRequestError
from tests.unit.sandbox.processing.conftest import (
    Gate,
    ProcessorFactory,
    b64,
    entry,
    wait_final,
    wait_for,
)
from tests.unit.sandbox.processing.fakes import FakeStorage

pytestmark = pytest.mark.slow

DESC = {
    0: "The fop was completed successfully",
    1: "The fop is waiting for execution",
    2: "The fop is executing now",
    3: "The fop is failed",
    4: "Callback failed",
}


@pytest.mark.parametrize(
    ("kwargs", "status", "message"),
    [
        ({"bucket": "nope", "key": "clip.mp4", "fops": "avinfo"}, 631, "no such bucket"),
        (
            {"bucket": "src", "key": "missing.mp4", "fops": "avinfo"},
            612,
            "no such file or directory",
        ),
        ({"bucket": "src", "key": "clip.mp4", "fops": ""}, 400, "invalid argument"),
        (
            {"bucket": "src", "key": "clip.mp4", "fops": "avthumb/mp4||avinfo"},
            400,
            "invalid argument",
        ),
        ({"bucket": "src", "key": "clip.mp4", "fops": "avinfo", "pipeline": "a b"}, 400, "invalid"),
    ],
)
def test_request_level_errors(
    make_processor: ProcessorFactory, kwargs: dict[str, Any], status: int, message: str
) -> None:
    proc = make_processor()
    with pytest.raises(ProcessingRequestError) as info:
        proc.submit(**kwargs)
    assert info.value.status == status
    assert info.value.message.startswith(message)
    assert info.value.message == message or status == 400


def test_syntax_error_message_is_exact(make_processor: ProcessorFactory) -> None:
    with pytest.raises(ProcessingRequestError) as info:
        make_processor().submit(bucket="src", key="clip.mp4", fops="avthumb/mp4/vb")
    assert (info.value.status, info.value.message) == (400, "invalid argument")


def test_states_1_2_0_and_fields(make_processor: ProcessorFactory, gate: Gate) -> None:
    proc = make_processor(ffmpeg=str(gate.script), region="z1")
    cmd = f"avthumb/mp4/s/160x120|saveas/{entry('out', 'small.mp4')}"
    first = proc.submit(bucket="src", key="clip.mp4", fops=f"{cmd};vframe/jpg/offset/1", reqid="R1")
    second = proc.submit(bucket="src", key="clip.mp4", fops="avthumb/mp3")
    assert first.startswith("z1.")
    assert len(first) == 3 + 24
    int(first[3:], 16)
    wait_for(lambda: len(gate.calls()) == 1, what="first ffmpeg call")
    running, waiting = proc.status(first), proc.status(second)
    assert running is not None
    assert waiting is not None
    assert (running["code"], running["desc"]) == (2, DESC[2])
    assert [i["code"] for i in running["items"]] == [2, 1]
    assert [i["desc"] for i in running["items"]] == [DESC[2], DESC[1]]
    assert (waiting["code"], waiting["desc"]) == (1, DESC[1])
    assert running["pipeline"] == "0.default"
    assert running["reqid"] == "R1"
    assert running["inputBucket"] == "src"
    assert running["inputKey"] == "clip.mp4"
    assert running["type"] == 0
    assert "taskFrom" not in running
    created = dt.datetime.fromisoformat(running["creationDate"])
    assert created.tzinfo is not None
    assert abs((dt.datetime.now(dt.UTC) - created).total_seconds()) < 60
    gate.open()
    done = wait_final(proc, first)
    assert (done["code"], done["desc"]) == (0, DESC[0])
    assert done["items"][0]["cmd"] == cmd
    assert done["items"][0]["key"] == "small.mp4"
    assert done["items"][0]["returnOld"] == 0
    assert "error" not in done["items"][0]
    assert wait_final(proc, second)["code"] == 0


def test_fifo_within_a_pipeline(make_processor: ProcessorFactory, gate: Gate) -> None:
    proc = make_processor(ffmpeg=str(gate.script))
    ids = [
        proc.submit(bucket="src", key="clip.mp4", fops=f"avthumb/mp3/ab/{n}k", pipeline="audio")
        for n in (32, 48, 64)
    ]
    wait_for(lambda: len(gate.calls()) == 1, what="first call")
    time.sleep(0.3)
    assert len(gate.calls()) == 1  # one worker: the others wait
    assert [proc.status(i)["code"] for i in ids] == [2, 1, 1]  # type: ignore[index]
    gate.open()
    for pid in ids:
        assert wait_final(proc, pid)["pipeline"] == "1380000000.audio"
    order = [next(i for i in ids if i in call) for call in gate.calls()]
    assert order == ids
    assert proc.pipelines() == ["0.default", "1380000000.audio"]


def test_separate_pipelines_run_in_parallel(make_processor: ProcessorFactory, gate: Gate) -> None:
    proc = make_processor(ffmpeg=str(gate.script), uid=42)
    a = proc.submit(bucket="src", key="clip.mp4", fops="avthumb/mp3", pipeline="one")
    b = proc.submit(bucket="src", key="clip.mp4", fops="avthumb/mp3", pipeline="two")
    wait_for(lambda: len(gate.calls()) == 2, what="both pipelines running")
    assert proc.status(a)["code"] == proc.status(b)["code"] == 2  # type: ignore[index]
    proc.ensure_pipeline("three")
    assert proc.pipelines() == ["0.default", "42.one", "42.three", "42.two"]
    gate.open()
    assert wait_final(proc, a)["code"] == wait_final(proc, b)["code"] == 0


def test_failed_items_and_overall_code(make_processor: ProcessorFactory) -> None:
    proc = make_processor()
    pid = proc.submit(bucket="src", key="clip.mp4", fops="avthumb/mp4/s/10x10;avthumb/mp3;imageAve")
    status = wait_final(proc, pid)
    assert (status["code"], status["desc"]) == (3, DESC[3])
    bad, good, unknown = status["items"]
    assert bad["code"] == 3
    assert bad["desc"] == DESC[3]
    assert bad["errorIndex"] == 0
    assert bad["error"] == "execute fop cmd failed: invalid s: width must be between 20 and 3840"
    assert good["code"] == 0
    assert good["key"]
    assert unknown["error"] == "execute fop cmd failed: unsupported fop 'imageAve' in the sandbox"


def test_ffmpeg_error_on_non_media_is_readable(make_processor: ProcessorFactory) -> None:
    proc = make_processor()
    pid = proc.submit(bucket="src", key="junk.mp4", fops="avthumb/mp4|vframe/jpg/offset/1;avinfo")
    transcode, info = wait_final(proc, pid)["items"]
    assert transcode["code"] == 3
    assert transcode["errorIndex"] == 0
    assert transcode["error"].startswith("execute fop cmd failed: ")
    assert "Invalid data found when processing input" in transcode["error"]
    assert "/" not in transcode["error"].removeprefix("execute fop cmd failed: ")  # no temp paths
    assert info["code"] == 3
    assert "not a valid media file" in info["error"]


def test_error_index_points_at_the_failing_pipe_step(make_processor: ProcessorFactory) -> None:
    proc = make_processor()
    pid = proc.submit(bucket="src", key="clip.mp4", fops="avthumb/mp4|vframe/jpg/offset/99")
    item = wait_final(proc, pid)["items"][0]
    assert item["code"] == 3
    assert item["errorIndex"] == 1
    assert "invalid offset: 99 s is beyond the duration" in item["error"]


def test_default_output_key(make_processor: ProcessorFactory, storage: FakeStorage) -> None:
    proc = make_processor()
    cmd = "avthumb/mp3/ab/64k"
    item = wait_final(proc, proc.submit(bucket="src", key="clip.mp4", fops=cmd))["items"][0]
    source = storage.stat("src", "clip.mp4")
    assert source is not None
    expected = base64.urlsafe_b64encode(hashlib.sha1(cmd.encode()).digest()).decode()
    assert item["key"] == f"{expected}/{source.hash}"
    stored = storage.stat("src", item["key"])
    assert stored is not None
    assert stored.hash == item["hash"]
    # the documented example: cmd avthumb/iphone_low → tZ-w8jHlQ0__PYJdiisskrK5h3k=
    item = wait_final(proc, proc.submit(bucket="src", key="clip.mp4", fops="avthumb/iphone_low"))
    assert item["items"][0]["key"] == f"tZ-w8jHlQ0__PYJdiisskrK5h3k=/{source.hash}"


def test_return_old_skips_work_unless_forced(
    make_processor: ProcessorFactory, storage: FakeStorage, media: Any
) -> None:
    existing = storage.put_file("out", "taken.mp3", media.logo)
    proc = make_processor()
    fops = f"avthumb/mp3|saveas/{entry('out', 'taken.mp3')}"
    puts = len(storage.puts)
    item = wait_final(proc, proc.submit(bucket="src", key="clip.mp4", fops=fops))["items"][0]
    assert (item["code"], item["returnOld"], item["key"]) == (0, 1, "taken.mp3")
    assert item["hash"] == existing.hash
    assert len(storage.puts) == puts  # nothing was written
    forced = proc.submit(bucket="src", key="clip.mp4", fops=fops, force=True)
    item = wait_final(proc, forced)["items"][0]
    assert (item["code"], item["returnOld"]) == (0, 0)
    assert item["hash"] != existing.hash
    assert storage.stat("out", "taken.mp3").hash == item["hash"]  # type: ignore[union-attr]


def test_saveas_to_unknown_bucket_fails_the_item(make_processor: ProcessorFactory) -> None:
    proc = make_processor()
    fops = f"avthumb/mp3|saveas/{entry('ghost', 'a.mp3')}"
    item = wait_final(proc, proc.submit(bucket="src", key="clip.mp4", fops=fops))["items"][0]
    assert item["code"] == 3
    assert item["errorIndex"] == 1
    assert "no such bucket" in item["error"]


def test_workflow_task_reports_task_from(make_processor: ProcessorFactory) -> None:
    proc = make_processor()
    pid = proc.submit(bucket="src", key="clip.mp4", fops="", workflow_template_id="wf1", type=1)
    status = wait_final(proc, pid)
    assert status["taskFrom"] == "workflow: wf1"
    assert status["type"] == 1
    assert status["code"] == 3
    assert "not supported" in status["items"][0]["error"]


class _Receiver:
    """A loopback HTTP server recording notify POSTs and answering `reply`."""

    def __init__(self, reply: int) -> None:
        self.bodies: list[tuple[str, dict[str, Any]]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers["Content-Length"]))
                outer.bodies.append((self.headers["Content-Type"], json.loads(raw)))
                self.send_response(reply)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/cb"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(request: pytest.FixtureRequest) -> Iterator[_Receiver]:
    rec = _Receiver(request.param)
    yield rec
    rec.close()


@pytest.mark.parametrize("receiver", [200], indirect=True)
def test_notify_posts_final_json(make_processor: ProcessorFactory, receiver: _Receiver) -> None:
    proc = make_processor()
    pid = proc.submit(bucket="src", key="clip.mp4", fops="avthumb/mp3", notify_url=receiver.url)
    status = wait_final(proc, pid)
    assert status["code"] == 0
    assert len(receiver.bodies) == 1
    content_type, body = receiver.bodies[0]
    assert content_type == "application/json"
    assert body == status


@pytest.mark.parametrize("receiver", [500], indirect=True)
def test_notify_failure_sets_code_4(make_processor: ProcessorFactory, receiver: _Receiver) -> None:
    proc = make_processor()
    pid = proc.submit(bucket="src", key="clip.mp4", fops="avthumb/mp3", notify_url=receiver.url)
    status = wait_final(proc, pid)
    assert (status["code"], status["desc"]) == (4, DESC[4])
    assert status["items"][0]["code"] == 0  # items keep their codes
    assert receiver.bodies[0][1]["code"] == 0  # the body carried the real result


def test_notify_unreachable_sets_code_4(make_processor: ProcessorFactory) -> None:
    proc = make_processor(notify_timeout=1.0)
    pid = proc.submit(
        bucket="src", key="clip.mp4", fops="avthumb/mp3", notify_url="http://127.0.0.1:9/cb"
    )
    assert wait_final(proc, pid)["code"] == 4


def test_close_is_prompt_and_tasks_resume(
    make_processor: ProcessorFactory, gate: Gate, tmp_path: Path
) -> None:
    proc = make_processor(ffmpeg=str(gate.script))
    done_before = proc.submit(bucket="src", key="clip.mp4", fops="avinfo", pipeline="fast")
    assert wait_final(proc, done_before)["code"] == 0
    running = proc.submit(bucket="src", key="clip.mp4", fops="avthumb/mp3;avinfo")
    queued = proc.submit(bucket="src", key="clip.mp4", fops="avthumb/mp4/s/160x120")
    wait_for(lambda: len(gate.calls()) == 1, what="ffmpeg running")
    started = time.monotonic()
    proc.close()
    assert time.monotonic() - started < 3.0
    assert not (tmp_path / "gate-open").exists()

    again = make_processor()  # same data dir, real ffmpeg
    first, second = wait_final(again, running), wait_final(again, queued)
    assert first["code"] == 0
    assert [i["code"] for i in first["items"]] == [0, 0]
    assert second["code"] == 0
    old = again.status(done_before)
    assert old is not None
    assert old["code"] == 0
    assert old["pipeline"] == "1380000000.fast"
    assert again.status("z0.000000000000000000000000") is None
    assert (tmp_path / "proc" / "tasks.sqlite").exists()


def test_frames_from_audio_only_source_fail_clearly(make_processor: ProcessorFactory) -> None:
    proc = make_processor()
    audio = wait_final(proc, proc.submit(bucket="src", key="clip.mp4", fops="avthumb/m4a"))
    key = audio["items"][0]["key"]
    fops = f"vframe/jpg/offset/1;vsample/jpg/pattern/{b64('x$(count)')}"
    first, second = wait_final(proc, proc.submit(bucket="src", key=key, fops=fops))["items"]
    assert first["error"] == "execute fop cmd failed: vframe: the source has no video stream"
    assert second["error"] == "execute fop cmd failed: vsample: the source has no video stream"
