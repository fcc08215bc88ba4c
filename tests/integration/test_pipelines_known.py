"""Known pipelines: the sandbox refuses pfop/uploads for unknown queues, its admin route makes
queues known, and the real app says so in plain words and creates queues on the sandbox account.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import qiniu
import requests
from qiniu import config as qconfig
from qiniu.auth import QiniuMacRequestsAuth

from qfopgui.core.jobs import JobState
from qfopgui.sandbox import SandboxServer
from qfopgui.sandbox.pipelines import KnownPipelines
from tests.fixtures_sandbox import SANDBOX_AK, SANDBOX_BUCKET, SANDBOX_SK
from tests.helpers.aio import wait_until
from tests.integration.app_harness import (
    CLIP_720P,
    DEMO,
    choose_presets_and_submit,
    details_texts,
    new_basedir,
    open_folder,
    open_transcode,
    running_app,
    select_files,
    select_job,
    wait_states,
)

pytestmark = pytest.mark.integration

KNOWN = "known-q"
REFUSED = "no such pipeline: nope-q"
ADMIN = "/sandbox-admin/pipelines"
PLAIN = (
    "The processing queue “{name}” does not exist on this account. Create it in the Qiniu "
    "console, or pick another queue in Pipelines."
)


@pytest.fixture
def sandbox(sandbox_factory: Callable[..., SandboxServer]) -> SandboxServer:
    """The test sandbox with one queue given as ``--pipeline known-q`` would, and a source."""
    server = sandbox_factory(pipelines=[KNOWN])
    server.storage.put_bytes(SANDBOX_BUCKET, "src.txt", b"source")
    return server


def _reported(server: SandboxServer) -> list[str]:
    """The queues the processor has (it makes one when a task first goes there)."""
    assert server.processor is not None
    return server.processor.pipelines()


def _error(info: Any) -> str:
    """The ``error`` of the JSON answer the SDK's ResponseInfo holds."""
    return str(json.loads(info.text_body)["error"])


def _admin_auth() -> QiniuMacRequestsAuth:
    return QiniuMacRequestsAuth(qiniu.QiniuMacAuth(SANDBOX_AK, SANDBOX_SK))


def test_sdk_pfop_to_an_unknown_pipeline_is_refused(
    sandbox: SandboxServer, sdk: qiniu.Auth
) -> None:
    ret, info = qiniu.PersistentFop(sdk, SANDBOX_BUCKET, pipeline="nope-q").execute(
        "src.txt", fops=["avinfo"]
    )
    assert ret is None
    assert info.status_code == 400
    assert _error(info) == REFUSED
    assert not any(name.endswith(".nope-q") for name in _reported(sandbox))  # not created


def test_sdk_pfop_to_a_configured_pipeline_works(sandbox: SandboxServer, sdk: qiniu.Auth) -> None:
    ret, info = qiniu.PersistentFop(sdk, SANDBOX_BUCKET, pipeline=KNOWN).execute(
        "src.txt", fops=["avinfo"]
    )
    assert info.status_code == 200, info.text_body
    assert ret["persistentId"]
    assert f"{sandbox.config.uid}.{KNOWN}" in _reported(sandbox)


def _policy(pipeline: str) -> dict[str, str]:
    return {"persistentOps": "avinfo", "persistentPipeline": pipeline}


def test_sdk_upload_with_an_unknown_pipeline_stores_nothing(
    sandbox: SandboxServer, sdk: qiniu.Auth, tmp_path: Path
) -> None:
    token = sdk.upload_token(SANDBOX_BUCKET, "up.txt", policy=_policy("nope-q"))
    ret, info = qiniu.put_data(token, "up.txt", b"form upload")
    assert (ret, info.status_code, _error(info)) == (None, 400, REFUSED)
    # the resumable v1 path (mkblk/bput/mkfile) is refused at its first request
    qconfig.set_default(default_upload_threshold=4)  # the sdk fixture restores the config
    src = tmp_path / "v1.bin"
    src.write_bytes(b"resumable v1 upload")
    token = sdk.upload_token(SANDBOX_BUCKET, "v1.bin", policy=_policy("nope-q"))
    with pytest.warns(DeprecationWarning, match="put_file"):  # the SDK's v1 entry point
        ret, info = qiniu.put_file(token, "v1.bin", str(src), version="v1")
    assert (ret, info.status_code, _error(info)) == (None, 400, REFUSED)
    assert sandbox.hits["v1_mkblk"] >= 1
    assert sandbox.hits["v1_mkfile"] == 0
    for key in ("up.txt", "v1.bin"):
        assert sandbox.storage.stat(SANDBOX_BUCKET, key) is None
    # a known queue: stored, and a task went to it
    token = sdk.upload_token(SANDBOX_BUCKET, "ok.txt", policy=_policy(KNOWN))
    ret, info = qiniu.put_data(token, "ok.txt", b"known queue")
    assert info.status_code == 200, info.text_body
    assert ret["persistentId"]
    assert sandbox.storage.stat(SANDBOX_BUCKET, "ok.txt") is not None


def test_admin_route_creates_lists_and_needs_a_signature(
    sandbox_factory: Callable[..., SandboxServer], sandbox: SandboxServer, sdk: qiniu.Auth
) -> None:
    url = sandbox.base_url + ADMIN
    assert requests.get(url, timeout=5).status_code == 401
    assert requests.post(url, data={"name": "x-q"}, timeout=5).status_code == 401
    wrong = QiniuMacRequestsAuth(qiniu.QiniuMacAuth(SANDBOX_AK, "not-the-secret"))
    assert requests.post(url, data={"name": "x-q"}, auth=wrong, timeout=5).status_code == 401
    bad = requests.post(url, data={"name": "bad name"}, auth=_admin_auth(), timeout=5)
    assert bad.status_code == 400
    assert "letters, digits" in bad.json()["error"]

    made = requests.post(url, data={"name": "made-q"}, auth=_admin_auth(), timeout=5)
    assert made.json() == {"name": "made-q", "created": True}
    again = requests.post(url, data={"name": "made-q"}, auth=_admin_auth(), timeout=5)
    assert again.json() == {"name": "made-q", "created": False}  # idempotent
    listed = requests.get(url, auth=_admin_auth(), timeout=5).json()
    assert listed == {"shared": "0.default", "pipelines": [KNOWN, "made-q"]}

    _, info = qiniu.PersistentFop(sdk, SANDBOX_BUCKET, pipeline="made-q").execute(
        "src.txt", fops=["avinfo"]
    )
    assert info.status_code == 200, info.text_body

    gone = requests.delete(f"{url}/made-q", auth=_admin_auth(), timeout=5)
    assert gone.json() == {"name": "made-q", "deleted": True}
    kept = requests.delete(f"{url}/{KNOWN}", auth=_admin_auth(), timeout=5)
    assert kept.status_code == 400  # a configured queue stays
    requests.post(url, data={"name": "lasting-q"}, auth=_admin_auth(), timeout=5)
    data_dir = sandbox.config.data_dir
    sandbox.stop()
    restarted = sandbox_factory(data_dir=data_dir)  # same data dir, no --pipeline this time
    known = KnownPipelines(restarted.storage, restarted.config.pipelines)
    assert known.names() == ["lasting-q"]


# --- the real app ------------------------------------------------------------------------------

JPG = "JPG thumbnail"


def _server_knows(server: SandboxServer, name: str) -> bool:
    return KnownPipelines(server.storage, server.config.pipelines).knows(name)


@pytest.mark.gui
@pytest.mark.slow
def test_app_job_to_an_unknown_queue_fails_in_plain_words(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, seeded_sandbox_dir: Path
) -> None:
    base = new_basedir(seeded_sandbox_dir, tmp_path)

    async def scenario() -> tuple[Any, list[str], str]:
        async with running_app(base) as app:
            await open_folder(app, DEMO, "videos/")
            select_files(app, [CLIP_720P])
            dialog = await open_transcode(app)
            dialog.form.pipeline_combo.setCurrentText("ghost-q")
            assert dialog.form.pipeline() == "ghost-q"
            await choose_presets_and_submit(dialog, [JPG])
            await wait_until(lambda: len(app.records()) == 1, timeout=15)
            (rec,) = app.records()
            (failed,) = await wait_states(app, [rec.id], {JobState.FAILED}, timeout=30)
            select_job(app, failed.id)
            return failed, details_texts(app), app.status_words()[failed.id]

    failed, pane, word = qloop.run_until_complete(scenario())
    plain = PLAIN.format(name="ghost-q")
    assert failed.state is JobState.FAILED  # refused: the server answered, never "unknown"
    assert failed.error.startswith(plain)
    assert word == "Failed"
    assert any(plain in text for text in pane), pane


@pytest.mark.gui
@pytest.mark.slow
def test_app_adding_a_pipeline_on_the_sandbox_account_creates_it(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, seeded_sandbox_dir: Path
) -> None:
    base = new_basedir(seeded_sandbox_dir, tmp_path)

    async def scenario() -> tuple[Any, str]:
        async with running_app(base) as app:
            await open_folder(app, DEMO, "videos/")
            server = app.server
            assert not _server_knows(server, "fresh-q")
            view = app.feature.pipelines.view
            assert "sandbox" in view.note.text()
            view.ask_text = lambda title, label, initial: "fresh-q"
            view.add()
            assert "fresh-q" in app.ctx.profiles.get(app.window.current_profile().name).pipelines
            await wait_until(lambda: _server_knows(server, "fresh-q"), timeout=15)
            select_files(app, [CLIP_720P])
            dialog = await open_transcode(app)
            dialog.form.pipeline_combo.setCurrentText("fresh-q")
            await choose_presets_and_submit(dialog, [JPG])
            await wait_until(lambda: len(app.records()) == 1, timeout=15)
            (rec,) = app.records()
            (done,) = await wait_states(app, [rec.id], {JobState.DONE}, timeout=60)
            status = done.status()
            return done, "" if status is None else status.pipeline

    done, reported = qloop.run_until_complete(scenario())
    assert done.state is JobState.DONE
    assert reported.endswith(".fresh-q")
