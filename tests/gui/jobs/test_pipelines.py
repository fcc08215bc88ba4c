"""Pipelines view: live stats from the store, add/rename/remove/default saved in the Profile."""

from __future__ import annotations

import time
from typing import Any

from qfopgui.services.stats import PipelineStats
from qfopgui.ui.jobs.controller import install_jobs_feature
from qfopgui.ui.pipelines.pipelines_model import PColumn, PipelinesModel, build_rows
from tests.helpers.aio import wait_until


def _stats(name: str, **kw: Any) -> PipelineStats:
    base = dict(
        pipeline=name,
        waiting=0,
        processing=0,
        done_since=0,
        failed_since=0,
        median_wait_s=None,
        median_processing_s=None,
    )
    base.update(kw)
    return PipelineStats(**base)


def test_pipelines_model_passes_qtmodeltester(qapp: Any, qtmodeltester: Any) -> None:
    model = PipelinesModel()
    model.set_rows(
        build_rows(
            ["video", "audio"], "video", {"video": _stats("video", waiting=2), "old": _stats("old")}
        )
    )
    qtmodeltester.check(model)
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == ["video  ★ default", "audio", "Shared public queue", "old"]
    assert "slower" in model.index(2, 0).data(3)  # tooltip explains the shared queue


def _feature(env: Any) -> Any:
    async def install() -> Any:
        feature = install_jobs_feature(env.window, env.ctx, env.events)
        await wait_until(lambda: feature.profile == "demo")
        await wait_until(lambda: not env.ctx.tasks.running("jobs:load"))
        return feature

    return env.loop.run_until_complete(install())


def test_stats_from_the_store_are_displayed(env: Any) -> None:
    now = time.time()
    t = [now - 300]
    env.store._clock = lambda: t[0]
    env.store.run_started_at = now - 400  # this app run watched the job from the start
    rec = env.store.add_submitting(
        profile="demo",
        bucket="m",
        key="a.mov",
        fops=("f",),
        presets=("P",),
        outputs=("o",),
        output_bucket="m",
        pipeline="video",
        batch_id="b",
    )
    env.store.mark_submitted(rec.id, "z0.p1")
    from tests.gui.jobs.test_jobs_controller import _status

    t[0] = now - 240
    env.store.apply_status(rec.id, _status("z0.p1", 2, []))  # seen processing 1 min after submit
    t[0] = now - 60
    env.store.apply_status(rec.id, _status("z0.p1", 0, []))  # done 3 min later
    w = env.store.add_submitting(
        profile="demo",
        bucket="m",
        key="b.mov",
        fops=("f",),
        presets=("P",),
        outputs=("o",),
        output_bucket="m",
        pipeline="",
        batch_id="b",
    )
    env.store.mark_submitted(w.id, "z0.p2")
    f = _feature(env)
    env.loop.run_until_complete(f.pipelines.refresh_stats())
    model = f.pipelines.view.model
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    video = rows["video  ★ default"]
    assert model.index(video, PColumn.DONE).data() == "1"
    assert model.index(video, PColumn.WAIT).data() == "1 min"
    assert model.index(video, PColumn.PROCESS).data() == "3 min"
    shared = rows["Shared public queue"]
    assert model.index(shared, PColumn.WAITING).data() == "1"
    assert model.index(rows["audio"], PColumn.WAIT).data() == "—"


def test_add_rename_remove_default_are_saved_in_the_profile(env: Any) -> None:
    f = _feature(env)
    view = f.pipelines.view
    answers = iter(["bad name!", "transcode-hd"])
    view.ask_text = lambda title, label, initial: next(answers)
    view.add()
    assert env.profiles.get("demo").pipelines == ("video", "audio", "transcode-hd")
    assert view.selected_name() == "transcode-hd"
    view.make_default()
    assert env.profiles.get("demo").default_pipeline == "transcode-hd"
    view.ask_text = lambda title, label, initial: "hd2"
    view.rename()
    p = env.profiles.get("demo")
    assert (p.pipelines, p.default_pipeline) == (("video", "audio", "hd2"), "hd2")
    view._select("hd2")
    view.remove()
    p = env.profiles.get("demo")
    assert (p.pipelines, p.default_pipeline) == (("video", "audio"), "")
    # the submit dialog offers what was saved
    dialog = f.open_submit("media", ["a.mov"])
    items = [
        dialog.form.pipeline_combo.itemText(i) for i in range(dialog.form.pipeline_combo.count())
    ]
    assert items == ["Shared queue — slower", "video", "audio"]
    dialog.reject()
