"""The jobs feature end to end with fakes: events → table, details, actions, notifications."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton

from qfopgui.core.jobs import JobState
from qfopgui.services.submitter import SubmitItem, SubmitOptions
from qfopgui.ui.jobs.controller import install_jobs_feature
from qfopgui.ui.jobs.jobs_filter import Chip
from tests.helpers.aio import wait_until


def _add(store: Any, key: str = "clips/a.mov", **kw: Any) -> Any:
    args = dict(
        profile="demo",
        bucket="media",
        key=key,
        fops=("avthumb/mp4|saveas/eA==", "vframe/jpg/offset/1|saveas/eQ=="),
        presets=("MP4 H.264 720p", "JPG thumbnail"),
        outputs=(key + "_720p.mp4", key + "_thumb.jpg"),
        output_bucket="media",
        pipeline="video",
        batch_id="b1",
    )
    args.update(kw)
    rec = store.add_submitting(**args)
    return store.mark_submitted(rec.id, f"z0.pid{rec.id}")


def _status(pid: str, code: int, items: list[dict[str, Any]]) -> Any:
    from qfopgui.core.jobs import parse_job_status

    return parse_job_status(
        {
            "id": pid,
            "code": code,
            "desc": "",
            "inputBucket": "media",
            "inputKey": "clips/a.mov",
            "pipeline": "1.video",
            "reqid": "r",
            "items": items,
        }
    )


def _run(env: Any, coro: Any) -> Any:
    return env.loop.run_until_complete(coro)


def _feature(env: Any) -> Any:
    async def install() -> Any:
        feature = install_jobs_feature(env.window, env.ctx, env.events)
        await wait_until(lambda: feature.profile == "demo")
        await wait_until(lambda: not env.ctx.tasks.running("jobs:load"))
        return feature

    return _run(env, install())


def test_loads_jobs_and_applies_poller_updates(env: Any) -> None:
    a = _add(env.store)
    _add(env.store, profile="other")
    f = _feature(env)
    assert [r.id for r in f.model.records()] == [a.id]
    assert set(env.window.views) == {"jobs", "pipelines"}
    new = env.store.apply_status(a.id, _status(a.persistent_id, 2, []))
    env.ctx.poller.on_changed([new])
    assert f.model.get(a.id).state is JobState.PROCESSING
    assert env.ctx.poller.tracked == []  # poller updates are not re-tracked (keeps back-off)
    b = _add(env.store, key="new.mov")  # accepted by the server, never polled yet
    env.ctx.submitter.on_updated([b])  # the hand-off: what the submitter completes is polled
    assert [r.id for r in env.ctx.poller.tracked] == [b.id]


def test_details_show_commands_outputs_and_errors(env: Any, qtbot: Any) -> None:
    a = _add(env.store)
    status = _status(
        a.persistent_id,
        3,
        [
            {
                "cmd": a.fops[0],
                "code": 0,
                "desc": "The fop was completed successfully",
                "key": "clips/a.mov_720p.mp4",
            },
            {
                "cmd": a.fops[1],
                "code": 3,
                "desc": "failed",
                "error": "Invalid data found when processing input",
            },
        ],
    )
    env.store.apply_status(a.id, status)
    f = _feature(env)
    f.view.select_job(a.id)
    labels = [w.text() for w in f.view.details.findChildren(QLabel)]
    text = "\n".join(labels)
    assert "Output: clips/a.mov_720p.mp4" in text
    assert "The source file is not a video or audio file" in text
    assert "Server: Invalid data found when processing input" in text
    assert "MP4 H.264 720p" in text
    assert "JPG thumbnail" in text
    assert f"Job ID: {a.persistent_id}" in text
    copy_id = f.view.details.findChild(QPushButton, "copy_id_button")
    copy_id.click()
    assert QGuiApplication.clipboard().text() == a.persistent_id
    # Copy link on the finished command: private flag and domain come from the client
    links = f.view.details.findChildren(QPushButton, "copy_link_button")
    assert [b.isEnabled() for b in links] == [True, False]  # the failed one made nothing
    links[0].click()
    _run(env, wait_until(lambda: QGuiApplication.clipboard().text().startswith("https://")))
    assert QGuiApplication.clipboard().text() == "https://media.example.com/clips/a.mov_720p.mp4"
    url = _run(env, f.outputs.copy_link("secret", "x.mp4"))
    assert url.endswith("token=signed")
    opened: list[str] = []
    f.outputs.open_url = opened.append
    _run(env, f.outputs.open_output("nodomain", "x.mp4"))
    assert opened == []
    assert "no download domain" in env.window.banners["jobs-link"]["text"]


def test_submitted_jobs_are_tracked_and_appear_at_once(env: Any) -> None:
    f = _feature(env)
    dialog = f.open_submit("media", ["a/1.mov", "a/2.mov"])
    assert dialog is not None

    async def scenario() -> None:
        await wait_until(lambda: dialog.submit_button.isEnabled())
        await wait_until(lambda: dialog.form.bucket_combo.count() == 3)  # from list_buckets
        dialog.submit_button.click()
        await wait_until(lambda: env.window.shown_view == "jobs")

    _run(env, scenario())
    assert len(f.model.records()) == 2
    assert {r.id for r in env.ctx.poller.tracked} == {r.id for r in f.model.records()}
    batch = f.model.records()[0].batch_id
    assert f.view.proxy.batch == batch
    assert f.view.batch_bar.isVisibleTo(f.view)


def test_retry_and_retry_all_failed(env: Any) -> None:
    a = _add(env.store, key="a.mov")
    b = _add(env.store, key="b.mov")
    env.store.mark_failed(a.id, "boom")
    env.store.mark_failed(b.id, "boom")
    f = _feature(env)
    assert f.view.retry_failed_button.text() == "Retry all failed (2)"
    _run(env, f.retrying.retry([f.model.get(a.id)]))
    assert [r.id for r in env.ctx.submitter.retried] == [a.id]
    retry = next(r for r in f.model.records() if r.retry_of == a.id)
    assert retry.force
    assert retry.state is JobState.WAITING
    f.retrying.retry_all_failed()
    _run(env, wait_until(lambda: len(env.ctx.submitter.retried) == 2))
    assert env.ctx.submitter.retried[1].id == b.id  # a was already retried: not again


def test_track_job_id(env: Any) -> None:
    f = _feature(env)
    recs = _run(env, f.tracking.track("z0.elsewhere0001"))
    assert env.store.get_by_persistent_id("demo", "z0.elsewhere0001") is not None
    assert [r.persistent_id for r in env.ctx.poller.tracked] == ["z0.elsewhere0001"]
    assert f.model.get(recs[0].id) is not None


def test_remove_from_list(env: Any) -> None:
    a = _add(env.store)
    f = _feature(env)
    _run(env, f.removal.remove([f.model.get(a.id)]))
    assert env.store.get(a.id) is None
    assert env.ctx.poller.forgotten == [a.id]
    assert f.model.records() == []


def test_export_csv(env: Any, tmp_path: Path) -> None:
    a = _add(env.store, key="片段/a.mov")
    env.store.mark_failed(a.id, "The source file is empty")
    f = _feature(env)
    target = tmp_path / "out.csv"
    f.outputs.choose_export_path = lambda suggested: str(target)
    f.view.export_action.trigger()
    _run(env, wait_until(target.exists))
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel-friendly UTF-8
    rows = list(csv.DictReader(target.open(encoding="utf-8-sig")))
    assert rows[0]["file"] == "片段/a.mov"
    assert rows[0]["state"] == "failed"
    assert rows[0]["job_id"] == a.persistent_id
    assert rows[0]["presets"] == "MP4 H.264 720p | JPG thumbnail"
    assert rows[0]["error"] == "The source file is empty"


def test_one_notification_per_batch_with_counts(env: Any) -> None:
    f = _feature(env)
    items = [SubmitItem("media", f"{i}.mov", ("f",), ("P",), ("o",), "media") for i in range(3)]
    fired: list[Any] = []
    env.events.batch_finished.connect(fired.append)
    recs = _run(env, env.ctx.jobs.submit("demo", items, SubmitOptions(), batch_id="batch9"))
    ok = _status("x", 0, [])
    bad = _status("x", 3, [{"cmd": "c", "code": 3, "error": "no such file"}])
    env.ctx.poller.on_changed([env.store.apply_status(recs[0].id, ok)])
    env.ctx.poller.on_changed([env.store.apply_status(recs[1].id, bad)])
    assert fired == []  # one job still running: no notification per file
    env.ctx.poller.on_changed([env.store.apply_status(recs[2].id, ok)])
    env.ctx.poller.on_changed([env.store.get(recs[2].id)])
    assert len(fired) == 1
    assert (fired[0].done, fired[0].failed, fired[0].total) == (2, 1, 3)
    assert env.window.banners["batches"]["text"] == "Batch finished: 2 done, 1 failed"
    f.update_summary()
    assert env.window.badges["jobs"] == "1 failed"


def test_unresolved_at_startup_get_a_banner_and_are_never_resubmitted_silently(env: Any) -> None:
    stuck = env.store.add_submitting(
        profile="demo",
        bucket="media",
        key="x.mov",
        fops=("f",),
        presets=("P",),
        outputs=("o",),
        output_bucket="media",
        pipeline="",
        batch_id="b",
    )
    other = env.store.add_submitting(
        profile="demo",
        bucket="media",
        key="y.mov",
        fops=("f",),
        presets=("P",),
        outputs=("o",),
        output_bucket="media",
        pipeline="",
        batch_id="b",
    )
    _run(env, env.ctx.jobs.start())  # as at start-up: recovery runs before anything is shown
    f = _feature(env)
    assert env.store.get(stuck.id).state is JobState.UNRESOLVED
    assert env.ctx.submitter.retried == []
    banner = env.window.banners["jobs-unresolved"]
    assert banner["text"] == "2 submissions need your decision"
    banner["action"]()
    dialog = f._unresolved_dialog
    assert dialog is not None
    assert len(dialog.records()) == 2
    _run(env, f.resolve([f.model.get(other.id)], False))
    assert env.store.get(other.id) is None
    _run(env, f.resolve([f.model.get(stuck.id)], True))
    assert env.ctx.submitter.resolved[-1][1] is True
    assert "jobs-unresolved" not in env.window.banners


def test_status_bar_and_badge(env: Any) -> None:
    _add(env.store)
    f = _feature(env)
    env.ctx.poller.watching = 3
    env.ctx.poller.next_check_in = 2.6
    f.update_summary()
    assert env.window.status["jobs"] == "watching 3 jobs (next check 3 s)"
    assert env.window.badges["jobs"] == "1"
    f.view.set_chip(Chip.DONE)
    assert f.view.proxy.rowCount() == 0


def test_poll_errors_become_a_banner(env: Any) -> None:
    _feature(env)
    env.ctx.poller.on_error("demo", RuntimeError("connection refused"))
    assert "connection refused" in env.window.banners["jobs-poll"]["text"]
    assert json.dumps(env.window.banners["jobs-poll"]["level"]) == '"warning"'


def _done(env: Any, key: str, **kw: Any) -> Any:
    rec = _add(env.store, key=key, **kw)
    items = [
        {"cmd": f, "code": 0, "desc": "ok", "key": o, "hash": "h"}
        for f, o in zip(rec.fops, rec.outputs, strict=True)
    ]
    return env.store.apply_status(rec.id, _status(rec.persistent_id, 0, items))


def test_copy_links_puts_every_output_url_of_the_shown_jobs_on_the_clipboard(env: Any) -> None:
    done = [_done(env, f"clips/v{i}.mov") for i in range(3)]
    waiting = _add(env.store, key="clips/later.mov")
    f = _feature(env)
    QGuiApplication.clipboard().clear()
    f.view.table.clearSelection()
    f.view.copy_links_action.trigger()  # nothing selected: every job shown
    _run(env, wait_until(lambda: QGuiApplication.clipboard().text().count("\n") == 5))
    urls = QGuiApplication.clipboard().text().split("\n")
    expected = [f"https://media.example.com/{o}" for r in done for o in r.outputs]
    assert sorted(urls) == sorted(expected)
    status = env.window.status["jobs-action"]
    assert status == "Copied 6 links; 1 job not done yet"
    assert waiting.outputs[0] not in "\n".join(urls)

    f.view.select_job(done[1].id)  # a selection: only its outputs
    f.view.copy_links_action.trigger()
    _run(env, wait_until(lambda: QGuiApplication.clipboard().text().count("\n") == 1))
    assert QGuiApplication.clipboard().text().split("\n") == [
        f"https://media.example.com/{o}" for o in done[1].outputs
    ]


def test_copy_links_names_outputs_without_a_link(env: Any) -> None:
    _done(env, "clips/a.mov", output_bucket="nodomain")
    f = _feature(env)
    found = _run(env, f.link_flow.copy_job_links(f.model.records()))
    assert found.links == ()
    assert len(found.missing) == 2
    text = env.window.banners["jobs-links"]["text"]
    assert "2 outputs have no link" in text
    assert "clips/a.mov_720p.mp4" in text
    assert "no download domain" in text
