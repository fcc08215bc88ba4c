"""Pipelines view on the sandbox account: an added queue is created in the sandbox; a refusal
becomes a banner; a real account creates nothing and its hint points at the Qiniu console."""

from __future__ import annotations

import dataclasses
from typing import Any

from qfopgui.services.sandbox_pipelines import SandboxPipelineError
from qfopgui.ui.jobs.controller import install_jobs_feature
from tests.helpers.aio import wait_until


class FakeSandboxPipelines:
    def __init__(self, fail: bool = False) -> None:
        self.created: list[str] = []
        self.fail = fail

    async def create(self, name: str) -> bool:
        if self.fail:
            raise SandboxPipelineError("the sandbox did not answer (ConnectionError)")
        self.created.append(name)
        return True


def _feature(env: Any, *, sandbox: bool, creator: FakeSandboxPipelines) -> Any:
    profile = env.profiles.get("demo")
    env.profiles.upsert(dataclasses.replace(profile, is_sandbox=sandbox))
    env.ctx.sandbox_pipelines = creator

    async def install() -> Any:
        feature = install_jobs_feature(env.window, env.ctx, env.events)
        await wait_until(lambda: feature.profile == "demo")
        await wait_until(lambda: not env.ctx.tasks.running("jobs:load"))
        return feature

    return env.loop.run_until_complete(install())


def _add(env: Any, feature: Any, name: str) -> bool:
    """Add `name` as the user would; True when the controller started creating it."""
    controller, asked = feature.pipelines, []
    create = controller.create_in_sandbox

    def spy(queue: str) -> Any:
        asked.append(queue)
        return create(queue)

    controller.create_in_sandbox = spy
    view = controller.view
    view.ask_text = lambda title, label, initial: name
    view.add()
    del controller.create_in_sandbox
    assert name in env.profiles.get("demo").pipelines  # saved in the profile as before
    return asked == [name]


def test_sandbox_account_creates_added_and_renamed_queues(env: Any) -> None:
    creator = FakeSandboxPipelines()
    f = _feature(env, sandbox=True, creator=creator)
    assert "sandbox" in f.pipelines.view.note.text()
    # the saved queues are made known once per run (a list saved before the check still works)
    env.loop.run_until_complete(wait_until(lambda: creator.created == ["video", "audio"]))
    creator.created.clear()
    f.pipelines.show(env.profiles.get("demo"))
    assert _add(env, f, "fresh-q")
    env.loop.run_until_complete(wait_until(lambda: creator.created == ["fresh-q"]))
    view = f.pipelines.view
    view._select("fresh-q")
    view.ask_text = lambda title, label, initial: "renamed-q"
    view.rename()
    env.loop.run_until_complete(wait_until(lambda: creator.created == ["fresh-q", "renamed-q"]))
    view._select("renamed-q")
    view.remove()  # removing creates nothing
    assert creator.created == ["fresh-q", "renamed-q"]
    assert "jobs-pipelines" not in env.window.banners


def test_a_refused_creation_shows_what_and_what_to_do(env: Any) -> None:
    f = _feature(env, sandbox=True, creator=FakeSandboxPipelines(fail=True))
    _add(env, f, "fresh-q")
    banners = env.window.banners
    env.loop.run_until_complete(
        wait_until(lambda: "fresh-q" in banners.get("jobs-pipelines", {}).get("text", ""))
    )
    banner = banners["jobs-pipelines"]
    assert banner["level"] == "error"
    assert "“fresh-q”" in banner["text"]
    assert "did not answer" in banner["text"]
    assert "add it again" in banner["text"]


def test_real_account_creates_nothing_and_points_at_the_console(env: Any) -> None:
    creator = FakeSandboxPipelines()
    f = _feature(env, sandbox=False, creator=creator)
    assert "Qiniu console" in f.pipelines.view.note.text()
    assert not _add(env, f, "fresh-q")
    assert creator.created == []
