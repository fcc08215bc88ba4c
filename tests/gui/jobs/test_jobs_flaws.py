"""Flaws found by trying the Jobs view as a new user would, each clicked through.

- Retry on a Done job silently re-transcoded over its outputs: now it asks first.
- Tracking an unknown or malformed job ID added a broken job: now it says so and keeps the text.
- Remove from list had no undo.
- Selecting several jobs still showed one job's details: now a summary with actions for all.
- A tracked job (no commands known) could be "retried" into a broken job.
"""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from qfopgui.core.jobs import JobRecord, JobState, parse_job_status
from qfopgui.ui.jobs.controller import install_jobs_feature
from tests.helpers.aio import wait_until


def _run(env: Any, coro: Any) -> Any:
    return env.loop.run_until_complete(coro)


def _feature(env: Any) -> Any:
    async def install() -> Any:
        feature = install_jobs_feature(env.window, env.ctx, env.events)
        await wait_until(lambda: feature.profile == "demo")
        await wait_until(lambda: not env.ctx.tasks.running("jobs:load"))
        return feature

    f = _run(env, install())
    env.window.show()
    env.window.show_view("jobs")
    return f


def _add(env: Any, key: str, state: JobState) -> JobRecord:
    rec = env.store.add_submitting(
        profile="demo",
        bucket="media",
        key=key,
        fops=("avthumb/mp4|saveas/eA==",),
        presets=("MP4 H.264 720p",),
        outputs=(f"{key}.mp4",),
        output_bucket="media",
        pipeline="video",
        batch_id="b1",
    )
    rec = env.store.mark_submitted(rec.id, f"z0.job-{key}")
    if state is JobState.DONE:
        code = 0
    elif state is JobState.FAILED:
        code = 3
    else:
        return rec
    status = parse_job_status(
        {
            "id": rec.persistent_id,
            "code": code,
            "desc": "",
            "items": [{"cmd": rec.fops[0], "code": code, "key": rec.outputs[0]}],
        }
    )
    out = env.store.apply_status(rec.id, status)
    assert out is not None
    return out


def _select(f: Any, *job_ids: int) -> None:
    sel = f.view.table.selectionModel()
    sel.clearSelection()
    for job_id in job_ids:
        row = f.model.row_of(job_id)
        idx = f.view.proxy.mapFromSource(f.model.index(row, 0))
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        sel.select(idx, flags)
        sel.setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.NoUpdate)


def _message_box(env: Any) -> QMessageBox | None:
    boxes = [b for b in env.window.findChildren(QMessageBox) if b.isVisible()]
    return boxes[-1] if boxes else None


def test_retry_on_a_done_job_asks_before_replacing_its_outputs(env: Any) -> None:
    done = _add(env, "done.mov", JobState.DONE)
    f = _feature(env)
    _select(f, done.id)

    async def answer(click_ok: bool) -> None:
        f.view.retry_action.trigger()
        await wait_until(lambda: _message_box(env) is not None)
        box = _message_box(env)
        assert box is not None
        assert "replaces its outputs" in box.text()
        if click_ok:
            ok = next(b for b in box.buttons() if b.text() == "Replace outputs")
            ok.click()
        else:
            box.button(QMessageBox.StandardButton.Cancel).click()
        await wait_until(lambda: _message_box(env) is None)
        await asyncio.sleep(0.05)  # the command (if any) runs on

    _run(env, answer(click_ok=False))
    assert env.ctx.submitter.retried == []  # cancelled: nothing re-transcoded
    _run(env, answer(click_ok=True))
    _run(env, wait_until(lambda: len(env.ctx.submitter.retried) == 1))
    assert [r.id for r in env.ctx.submitter.retried] == [done.id]


def test_tracking_malformed_or_unknown_ids_says_so_and_keeps_the_text(env: Any) -> None:
    f = _feature(env)

    async def scenario() -> None:
        f.view.track_action.trigger()
        await wait_until(lambda: f.tracking.dialog is not None and f.tracking.dialog.isVisible())
        dialog = f.tracking.dialog
        dialog.ids_edit.setPlainText("hello, world!!")
        assert not dialog.ok_button.isEnabled()
        assert dialog.error_label.text() == "Not a job ID: “hello”  “world!!”"  # no extra comma
        dialog.ids_edit.setPlainText("z0.unknown1")
        assert dialog.ok_button.isEnabled()
        dialog.ok_button.click()
        await wait_until(lambda: "does not know" in dialog.error_label.text())
        assert dialog.isVisible()  # stays open, the user's text kept
        assert dialog.ids_edit.toPlainText() == "z0.unknown1"
        assert f.model.records() == []  # nothing invented
        dialog.ids_edit.setPlainText("z0.elsewhere1")
        dialog.ok_button.click()
        await wait_until(lambda: not dialog.isVisible())

    _run(env, scenario())
    [rec] = f.model.records()
    assert rec.persistent_id == "z0.elsewhere1"
    assert rec.pipeline == "video"  # the server's queue, not "the shared public queue"


def test_remove_from_list_can_be_undone(env: Any) -> None:
    a = _add(env, "a.mov", JobState.FAILED)
    f = _feature(env)
    _select(f, a.id)
    f.view.remove_action.trigger()
    _run(env, wait_until(lambda: f.model.records() == []))
    banner = env.window.banners["jobs-removed"]
    assert banner["text"] == "1 job removed from the list"
    assert banner["action_text"] == "Undo"
    banner["action"]()
    _run(env, wait_until(lambda: [r.id for r in f.model.records()] == [a.id]))
    assert env.store.get(a.id) == a
    assert "jobs-removed" not in env.window.banners


def test_several_selected_jobs_show_a_summary_with_actions_for_all(env: Any) -> None:
    a = _add(env, "a.mov", JobState.FAILED)
    b = _add(env, "b.mov", JobState.FAILED)
    c = _add(env, "c.mov", JobState.DONE)
    f = _feature(env)
    _select(f, a.id, b.id, c.id)
    details = f.view.details
    assert {r.id for r in details.summarised} == {a.id, b.id, c.id}
    retry = details.widget().findChild(QPushButton, "retry_selected_button")
    assert retry is not None
    assert retry.text() == "Retry 3 jobs"
    counts = details.widget().findChild(QLabel, "selection_counts")
    assert counts is not None
    assert counts.text() == "Done 1 · Failed 2"
    assert details.widget().findChild(QLabel, "selection_title").text() == "3 jobs selected"

    async def scenario() -> None:
        retry.click()
        await wait_until(lambda: _message_box(env) is not None)  # c is done: ask first
        box = _message_box(env)
        assert box is not None
        box.button(QMessageBox.StandardButton.Cancel).click()
        await wait_until(lambda: len(env.ctx.submitter.retried) == 2)

    _run(env, scenario())
    assert {r.id for r in env.ctx.submitter.retried} == {a.id, b.id}  # the failed ones only


def test_a_tracked_job_cannot_be_retried_and_the_user_is_told_why(env: Any) -> None:
    f = _feature(env)
    tracked = env.store.add_tracked(profile="demo", persistent_id="z0.from-qshell")
    tracked = env.store.mark_failed(tracked.id, "no such file")
    _run(env, f.load())
    _select(f, tracked.id)
    f.view.retry_action.trigger()
    _run(env, wait_until(lambda: "jobs-retry" in env.window.banners))
    assert "cannot be retried" in env.window.banners["jobs-retry"]["text"]
    assert env.ctx.submitter.retried == []


def test_a_job_the_store_could_not_save_is_shown_with_its_id_until_it_is_saved(env: Any) -> None:
    from qfopgui.services.submitter import UnsavedJob

    f = _feature(env)
    assert f is not None
    job = UnsavedJob(7, "demo", "z0.accepted-but-unsaved", "The disk is full.")
    env.ctx.submitter.on_unsaved(job)
    banner = env.window.banners["jobs-unsaved-7"]
    assert "z0.accepted-but-unsaved" in banner["text"]
    assert banner["level"] == "error"
    assert ".." not in banner["text"]  # the reason's own full stop is not doubled
    assert banner["action_text"] == "Copy ID"
    banner["action"]()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == "z0.accepted-but-unsaved"
    env.ctx.submitter.on_saved_late(job)
    assert "jobs-unsaved-7" not in env.window.banners


def test_a_damaged_job_database_is_reported_with_where_its_copy_is(env: Any) -> None:
    from pathlib import Path

    from qfopgui.services.store_health import SetAsideReason, StoreHealth, StoreStatus
    from qfopgui.services.store_messages import SET_ASIDE_DAMAGED

    f = _feature(env)
    assert f is not None
    copy = "/data/jobs.sqlite.damaged-20261201-230000"
    health = StoreHealth(
        StoreStatus.RECOVERED,
        Path("/data/jobs.sqlite"),
        backup_path=Path(copy),
        reason=SetAsideReason.DAMAGED,
        template=SET_ASIDE_DAMAGED,
        params={"backup": copy},
    )
    env.events.on_store_opened(health)
    banner = env.window.banners["jobs-store"]
    assert "/data/jobs.sqlite.damaged-20261201-230000" in banner["text"]
    assert banner["level"] == "warning"


def test_queued_commands_are_shown_in_the_status_bar(env: Any) -> None:
    from qfopgui.services.commands import CommandState

    _feature(env)
    env.events.on_commands_changed(CommandState("retry", done=1, total=3, queued=2))
    assert env.window.status["jobs-action"] == "Retrying 2 of 3… (2 more waiting)"
    env.events.on_commands_changed(CommandState())
    assert env.window.status["jobs-action"] == ""


def test_an_unsaved_jobs_reason_is_in_the_users_language(env: Any, qapp: Any) -> None:
    from qfopgui.i18n import install_translations
    from qfopgui.services.store_errors import StoreError
    from qfopgui.services.store_messages import DISK_FULL
    from qfopgui.services.submitter import UnsavedJob

    f = _feature(env)
    assert f is not None
    cause = StoreError(
        DISK_FULL.format(path="/data/jobs.sqlite3"),
        template=DISK_FULL,
        params={"path": "/data/jobs.sqlite3"},
        disk_full=True,
    )
    translators = install_translations(qapp, "zh_CN")
    try:
        job = UnsavedJob(8, "demo", "z0.kept", cause.message, cause)
        env.ctx.submitter.on_unsaved(job)
        text = env.window.banners["jobs-unsaved-8"]["text"]
    finally:
        for t in translators:
            qapp.removeTranslator(t)
    assert "z0.kept" in text
    assert cause.message.rstrip(".") not in text  # not the English reason
    assert "/data/jobs.sqlite3" in text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text.split("z0.kept")[1])
