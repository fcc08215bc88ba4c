"""Acceptance: the app is KILLED halfway through a multipart upload, restarted, and resumes.

A child process runs the real app (`upload_kill_driver`): it drops a ≈19 MB generated clip on
the Files table and uploads it with "MP4 H.264 720p" applied on upload, the sandbox answering
every request slowly. The test watches the sandbox's session folder on disk and SIGKILLs the
child once some parts are on the server (a real crash: no shutdown code runs). Then the app
starts again here on the same folder: it continues the upload by itself, the new sandbox
server counts only the missing part PUTs and no new session, the object's etag is the clip's,
and the job the upload made reaches Done with a real 720p H.264 video as its output.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import imageio_ffmpeg
import pytest
from qiniu.utils import etag

from qfopgui.api.upload import PART_SIZE
from qfopgui.core.jobs import JobState
from qfopgui.paths import Paths
from qfopgui.services.upload_types import TransferState
from tests.helpers.aio import wait_until
from tests.integration.app_harness import (
    DEMO,
    RunningApp,
    decode_picture,
    new_basedir,
    probe_video,
    running_app,
    sandbox_task_count,
    stored_path,
    wait_states,
)
from tests.integration.test_e2e_uploads import MP4_720P
from tests.integration.upload_kill_driver import UPLOADING

pytestmark = [pytest.mark.integration, pytest.mark.gui, pytest.mark.slow]

if sys.platform == "win32":  # no SIGKILL there: no uncatchable kill to test with
    pytest.skip("needs SIGKILL", allow_module_level=True)

MiB = 1024 * 1024
TOTAL_PARTS = 5
KEY = "videos/clip.mp4"
OUTPUT = "videos/clip_mp4-h-264-720p.mp4"
LATENCY_MS = 600  # per sandbox request in the child: the 5 parts take a few seconds


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """≈19 MB of real H.264 (4 s of noisy 720p at a fixed 34 Mbit/s): 5 parts of 4 MiB."""
    out = tmp_path_factory.mktemp("media") / "clip.mp4"
    args = ["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25", "-t", "4"]
    args += ["-vf", "noise=alls=12:allf=t", "-c:v", "libx264", "-preset", "ultrafast"]
    args += ["-b:v", "34M", "-maxrate", "34M", "-bufsize", "34M", "-pix_fmt", "yuv420p"]
    exe = imageio_ffmpeg.get_ffmpeg_exe()
    subprocess.run([exe, "-hide_banner", "-loglevel", "error", "-y", *args, str(out)], check=True)
    assert (TOTAL_PARTS - 1) * PART_SIZE < out.stat().st_size <= TOTAL_PARTS * PART_SIZE
    return out


def child_env(root: Path) -> dict[str, str]:
    """The child's home, config, cache and temp dirs are all under `root`."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "TMPDIR"):
        d = root / name.lower()
        d.mkdir(parents=True, exist_ok=True)
        env[name] = str(d)
    runtime = root / "xdg_runtime_dir"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    return env


def held_parts(sessions: Path) -> dict[str, set[int]]:
    """Session id → the part numbers the sandbox holds (data and metadata both written)."""
    if not sessions.is_dir():
        return {}
    out: dict[str, set[int]] = {}
    for folder in sessions.iterdir():
        if folder.is_dir() and ".completing-" not in folder.name:
            out[folder.name] = {
                int(p.stem)
                for p in folder.glob("*.part")
                if p.stem.isdigit() and p.with_suffix(".json").is_file()
            }
    return out


def recorded_sessions(db: Path) -> list[tuple[str, str | None, str]]:
    """(state, upload_id, key) of every upload record, read without writing anything."""
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.execute("SELECT state, upload_id, key FROM uploads"))
    finally:
        conn.close()


def kill_halfway(base: Path, clip: Path, root: Path) -> tuple[str, set[int]]:
    """Run the app in a child until some (not all) parts are up, then SIGKILL it.

    Returns the session id and the parts the sandbox holds after the kill."""
    env = child_env(root)
    out, err = root / "child.out", root / "child.err"
    cmd = [sys.executable, "-m", "tests.integration.upload_kill_driver", str(base), str(clip)]
    cwd = Path(__file__).resolve().parents[2]  # the repo root: `tests` is importable there
    sessions = Paths.under(base).sandbox_dir / "uploads"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        child = subprocess.Popen(
            [*cmd, str(LATENCY_MS)], cwd=cwd, env=env, stdout=stdout, stderr=stderr
        )
    try:
        deadline = time.monotonic() + 30
        while not any(held_parts(sessions).values()):
            if child.poll() is not None or time.monotonic() > deadline:
                break
            time.sleep(0.01)
        running = child.poll() is None
        if running:
            os.kill(child.pid, signal.SIGKILL)  # no shutdown code runs: a crash
            child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
    said = out.read_text(errors="replace")
    why = f"stdout:\n{said}\nstderr:\n{err.read_text(errors='replace')[-4000:]}"
    assert running, (
        f"the app ended by itself (exit {child.returncode}) before any part was up\n{why}"
    )
    assert child.returncode == -signal.SIGKILL
    assert UPLOADING in said, why
    held = held_parts(sessions)
    assert len(held) == 1, f"expected one upload session on the server: {held}\n{why}"
    ((upload_id, parts),) = held.items()
    assert 1 <= len(parts) < TOTAL_PARTS, parts
    return upload_id, parts


def test_killed_halfway_the_restarted_app_resumes_and_the_job_is_done(
    qloop: asyncio.AbstractEventLoop,
    qtbot: Any,
    tmp_path: Path,
    seeded_sandbox_dir: Path,
    clip: Path,
) -> None:
    base = new_basedir(seeded_sandbox_dir, tmp_path / "app")
    upload_id, on_server = kill_halfway(base, clip, tmp_path / "child")
    paths = Paths.under(base)
    # the crashed app had recorded the session; nothing was completed or aborted
    assert recorded_sessions(paths.uploads_db) == [("uploading", upload_id, KEY)]
    n = len(on_server)

    async def scenario() -> dict[str, Any]:
        async with running_app(base) as app:
            # the app resumes interrupted uploads by itself at start (app.start_background)
            done = await done_transfer(app)
            assert done.job_id is not None
            (record,) = await wait_states(app, [done.job_id], {JobState.DONE}, timeout=40)
            server = app.server
            return {
                "done": done,
                "record": record,
                "jobs": [r for r in app.records() if r.key == KEY],
                "hits": server.hits,
                "stat": server.storage.stat(DEMO, KEY),
                "output": stored_path(server, DEMO, OUTPUT),
            }

    got = qloop.run_until_complete(scenario())
    hits = got["hits"]
    assert hits["mp_part"] == TOTAL_PARTS - n, f"{n} parts were on the server: {hits}"
    assert (hits["mp_init"], hits["mp_list"], hits["mp_complete"]) == (0, 1, 1)
    assert hits["mp_abort"] == 0
    done = got["done"]
    assert done.resumed
    assert done.note == (
        f"Continued the earlier upload: {n} of {TOTAL_PARTS} parts were already on the server."
    )
    assert (done.key, done.sent, done.size) == (KEY, clip.stat().st_size, clip.stat().st_size)
    assert done.presets == (MP4_720P,)
    stat = got["stat"]
    assert stat is not None
    assert (stat.hash, stat.fsize) == (etag(str(clip)), clip.stat().st_size)
    record = got["record"]
    assert [r.id for r in got["jobs"]] == [record.id]  # one job, not lost and not doubled
    assert sandbox_task_count(paths) == 1  # and one pfop task at the sandbox
    assert record.persistent_id
    assert record.outputs == (OUTPUT,)
    output = got["output"]
    assert output.stat().st_size > 0
    codec, width, height, duration = probe_video(output)
    assert (codec, width, height) == ("h264", 1280, 720)
    assert duration > 3
    assert decode_picture(output) == ("h264", 1280, 720)


async def done_transfer(app: RunningApp) -> Any:
    """The one transfer, once the Transfers view shows it DONE."""
    model = app.uploads.model

    def finished() -> bool:
        return [t.state for t in model.transfers()] == [TransferState.DONE]

    try:
        await wait_until(finished, timeout=30, interval=0.05)
    except TimeoutError:
        now = [(t.state, t.error, t.note) for t in model.transfers()]
        raise AssertionError(f"the upload did not finish after the restart: {now}") from None
    (t,) = model.transfers()
    return t
