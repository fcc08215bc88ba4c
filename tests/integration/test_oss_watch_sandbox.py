"""OssJobWatcher against the real OSS sandbox: a ``video/convert`` job ends done by the output
signal; a job whose output never appears (a bad parameter) ends unknown after a short timeout.

Jobs are submitted with the official ``alibabacloud_oss_v2`` SDK's ``async_process_object``, and
``ObjectProbe`` is implemented here with that SDK's ``head_object``/``list_objects_v2`` (the
app's OSS client will implement it later). The watcher runs on a real asyncio loop with the
SDK calls in threads; media is a 1-second 160x120 clip made once.
"""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

import alibabacloud_oss_v2 as oss
import imageio_ffmpeg
import pytest

from qfopgui.api.errors import NetworkError
from qfopgui.core.oss_process import oss_b64
from qfopgui.core.oss_status import (
    ObjectInfo,
    OutputTarget,
    WatchPolicy,
    WatchState,
    observe_outputs,
    start_watch,
)
from qfopgui.sandbox.oss import OssConfig, OssServer
from qfopgui.services.oss_watch import OssJobWatcher, WatchRequest, WatchUpdate

pytestmark = pytest.mark.integration

T = TypeVar("T")
AK, SK = "oss-watch-ak", "oss-watch-sk"
SRC, DST = "watch-src", "watch-dst"
# short enough for a test: unknown after 4 s without output, probes 0.2-1 s apart
POLICY = WatchPolicy(timeout=4.0, backoff=(0.2, 0.5, 1.0), jitter=0.0, clock_slack=5.0)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OssServer]:
    data = tmp_path_factory.mktemp("oss-watch")
    srv = OssServer(OssConfig(data_dir=data, credentials=[(AK, SK)], buckets=[SRC, DST], workers=2))
    srv.start()
    clip = tmp_path_factory.mktemp("media") / "clip.mp4"
    subprocess.run(
        [
            imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y",
            "-f", "lavfi", "-i", "testsrc=size=160x120:rate=15:duration=1",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(clip),
        ],
        check=True,
    )  # fmt: skip
    srv.storage.put_bytes(SRC, "in/clip.mp4", clip.read_bytes())
    yield srv
    srv.stop()


def _client(server: OssServer) -> oss.Client:
    cfg = oss.config.load_default()
    cfg.credentials_provider = oss.credentials.StaticCredentialsProvider(AK, SK)
    cfg.region = "cn-hangzhou"
    cfg.endpoint = server.base_url
    return oss.Client(cfg)


class SdkProbe:
    """``ObjectProbe`` on the official SDK: a 404 is "absent", anything else an app error."""

    def __init__(self, client: oss.Client) -> None:
        self.client = client
        self.calls = 0

    def head(self, bucket: str, key: str) -> ObjectInfo | None:
        self.calls += 1
        try:
            result = self.client.head_object(oss.HeadObjectRequest(bucket=bucket, key=key))
        except oss.exceptions.OperationError as exc:
            if getattr(exc.unwrap(), "status_code", None) == 404:
                return None
            raise NetworkError(f"HeadObject failed: {exc.unwrap()}") from exc
        modified = result.last_modified.timestamp() if result.last_modified else None
        return ObjectInfo(key, int(result.content_length or 0), modified)

    def list_prefix(self, bucket: str, prefix: str) -> Sequence[ObjectInfo]:
        self.calls += 1
        paginator = self.client.list_objects_v2_paginator()
        request = oss.ListObjectsV2Request(bucket=bucket, prefix=prefix)
        return [
            ObjectInfo(o.key, int(o.size or 0), o.last_modified.timestamp())
            for page in paginator.iter_page(request)
            for o in page.contents or []
        ]


async def _in_thread(fn: Callable[[], T]) -> T:
    return await asyncio.to_thread(fn)


def _watch(server: OssServer, jobs: dict[str, tuple[str, OutputTarget]]) -> dict[str, WatchUpdate]:
    """Submit each job (process string, target) and watch them until every one is final."""
    client = _client(server)
    probe = SdkProbe(client)
    final: dict[str, WatchUpdate] = {}
    errors: list[Exception] = []

    async def scenario() -> None:
        done = asyncio.Event()

        def on_update(update: WatchUpdate) -> None:
            if update.error is not None:
                errors.append(update.error)
            if update.watch.state.is_final:
                final[update.job_id] = update
                if len(final) == len(jobs):
                    done.set()

        watcher = OssJobWatcher(
            probe_for=lambda _account: probe,
            run_blocking=_in_thread,
            on_update=on_update,
            policy_for=lambda _account: POLICY,
        )
        for job_id, (process, target) in jobs.items():
            submitted = time.time()
            request = oss.AsyncProcessObjectRequest(bucket=SRC, key="in/clip.mp4", process=process)
            result = await asyncio.to_thread(client.async_process_object, request)
            assert result.task_id
            targets = (OutputTarget(target.bucket, target.key, target.series, result.task_id),)
            watcher.watch(WatchRequest(job_id, "sandbox", targets, submitted))
        runner = asyncio.create_task(watcher.run())
        try:
            await asyncio.wait_for(done.wait(), 30)
        finally:
            runner.cancel()
            await asyncio.gather(runner, return_exceptions=True)

    asyncio.run(scenario())
    assert not errors
    assert probe.calls >= len(jobs)
    return final


@pytest.mark.slow
def test_convert_ends_done_by_its_output_and_a_bad_parameter_ends_unknown(
    server: OssServer,
) -> None:
    good, bad, shots = "watched/good.mp4", "watched/never.mp4", "watched/shot"
    convert = "video/convert,f_mp4,vcodec_h264,s_160x120,fps_15,an_1"
    jobs = {
        "good": (
            f"{convert}|sys/saveas,o_{oss_b64(good)},b_{oss_b64(DST)}",
            OutputTarget(DST, good),
        ),
        "bad": (
            f"video/convert,f_mp4,bogus_1|sys/saveas,o_{oss_b64(bad)},b_{oss_b64(DST)}",
            OutputTarget(DST, bad),
        ),
        "series": (
            "video/snapshots,f_jpg,w_80,h_60,inter_500,num_2"
            f"|sys/saveas,o_{oss_b64(shots)},b_{oss_b64(DST)}",
            OutputTarget(DST, shots, series=True),
        ),
    }
    started = time.monotonic()
    final = _watch(server, jobs)
    took = time.monotonic() - started

    assert final["good"].watch.state is WatchState.DONE
    assert final["good"].watch.text.message == "Every output is there (1 of 1)"
    stored = server.storage.stat(DST, good)
    assert stored is not None
    assert stored.fsize > 0
    assert final["series"].watch.state is WatchState.DONE
    assert [o.key for o in final["series"].watch.seen[0]] == [
        "watched/shot_0_1.jpg",
        "watched/shot_0_2.jpg",
    ]

    # the sandbox failed the task, but the output signal alone cannot know that
    record = server.worker.task(final["bad"].watch.targets[0].task_id)
    assert record is not None
    assert record.status == "Failed"
    assert final["bad"].watch.state is WatchState.UNKNOWN
    assert final["bad"].watch.text.message.startswith("No output after 0 min.")
    assert server.storage.stat(DST, bad) is None
    assert 4.0 <= took < 20


def test_an_old_file_under_the_output_name_is_not_taken_for_the_new_output(
    server: OssServer,
) -> None:
    """A leftover from an earlier run is there before the job; the job must not be done by it."""
    key = "watched/leftover.mp4"
    server.storage.put_bytes(DST, key, b"old bytes")
    probe = SdkProbe(_client(server))
    seen = probe.head(DST, key)
    assert seen is not None
    assert seen.modified is not None
    later = seen.modified + 3600  # as if submitted an hour after the leftover was written
    watch = start_watch([OutputTarget(DST, key)], later, POLICY)
    watch = observe_outputs(watch, [(0, (seen,))], later + 1, POLICY)
    assert watch.state is WatchState.WAITING
    assert watch.text.template.startswith("{key} is older than this job")
    assert probe.head(DST, "watched/nothing-here") is None
