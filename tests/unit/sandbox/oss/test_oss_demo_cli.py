"""``--provider oss --demo`` seeds buckets, videos, an IMM project and an MNS queue, and the
ready line announces the emulated side services; bad ``--mns-queue`` values are refused."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from qfopgui.sandbox.cli import main
from qfopgui.sandbox.oss.cli import parse_queue_subscriptions, run_oss
from qfopgui.sandbox.oss.demo import (
    OSS_DEMO_BUCKET,
    OSS_DEMO_OUTPUT_BUCKET,
    OSS_DEMO_VIDEOS,
    seed_oss_demo,
)
from qfopgui.sandbox.storage import Storage


def _ready_line(capsys: pytest.CaptureFixture[str], thread: threading.Thread) -> dict[str, object]:
    deadline = time.monotonic() + 40
    out = ""
    while time.monotonic() < deadline and thread.is_alive():
        out += capsys.readouterr().out
        if out.endswith("\n"):
            parsed: dict[str, object] = json.loads(out.splitlines()[0])
            return parsed
        time.sleep(0.05)
    raise AssertionError(f"no ready line; got {out!r}")


def test_demo_seeds_and_the_ready_line_names_the_side_services(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stop = threading.Event()
    kwargs = dict(data=tmp_path, access_key="ak", secret_key="sk", buckets=[], port=0)
    thread = threading.Thread(
        target=run_oss,
        kwargs={**kwargs, "region": "cn-hangzhou", "workers": 1, "demo": True, "stop": stop},
    )
    thread.start()
    try:
        ready = _ready_line(capsys, thread)
    finally:
        stop.set()
        thread.join(timeout=20)
    assert str(ready["imm_url"]).startswith("http://127.0.0.1:")
    assert str(ready["mns_url"]).startswith("http://127.0.0.1:")
    assert len({ready["base_url"], ready["imm_url"], ready["mns_url"]}) == 3  # own ports
    assert ready["imm_projects"] == ["sandbox", "demo-imm"]
    assert ready["mns_queues"] == {"demo-queue": "demo-topic"}
    assert ready["demo_buckets"] == [OSS_DEMO_BUCKET, OSS_DEMO_OUTPUT_BUCKET]
    assert set(ready["buckets"]) == {OSS_DEMO_BUCKET, OSS_DEMO_OUTPUT_BUCKET}  # type: ignore[arg-type]
    storage = Storage(tmp_path)
    try:
        for key in OSS_DEMO_VIDEOS:
            obj = storage.stat(OSS_DEMO_BUCKET, key)
            assert obj is not None
            assert obj.fsize > 1000
            assert obj.meta.get("oss-etag")  # OSS ETag recorded, as an upload would
        assert seed_oss_demo(storage, region="cn-hangzhou") is False  # kept, not regenerated
    finally:
        storage.close()


def test_queue_subscriptions_parse_and_bad_ones_say_what_to_write() -> None:
    assert parse_queue_subscriptions(["a=t1", "b=t1"]) == (("a", "t1"), ("b", "t1"))
    with pytest.raises(ValueError, match="QUEUE=TOPIC"):
        parse_queue_subscriptions(["jobs"])


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["--mns-queue", "jobs"], "QUEUE=TOPIC"),
        (["--mns-queue", "9bad=topic"], "invalid MNS queue name"),
        (["--imm-project", "has space"], "invalid IMM project name"),
    ],
)
def test_bad_oss_side_options_exit_with_the_reason(
    tmp_path: Path, argv: list[str], reason: str
) -> None:
    base = ["--provider", "oss", "--data", str(tmp_path), "--access-key", "a", "--secret-key", "s"]
    with pytest.raises(SystemExit, match=reason):
        main([*base, *argv])


def test_side_options_need_the_oss_provider(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="need --provider oss"):
        main(["--data", str(tmp_path), "--mns-queue", "q=t"])
