"""Finished batches share ONE banner: summed counts, Show → those batches, failures stay,
all-success hides itself; the tray still gets one message per batch. Plus the Files → Details
wiring the jobs feature provides (job events, Copy link)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication

from qfopgui.core.jobs import parse_job_status
from qfopgui.services.submitter import SubmitItem, SubmitOptions
from qfopgui.ui.jobs.batch_banner import BANNER_KEY
from qfopgui.ui.jobs.controller import install_jobs_feature
from tests.helpers.aio import wait_until


def _run(env: Any, coro: Any) -> Any:
    return env.loop.run_until_complete(coro)


def _feature(env: Any, files_pane: Any = None) -> Any:
    async def install() -> Any:
        feature = install_jobs_feature(env.window, env.ctx, env.events, files_pane=files_pane)
        await wait_until(lambda: feature.profile == "demo")
        await wait_until(lambda: not env.ctx.tasks.running("jobs:load"))
        return feature

    f = _run(env, install())
    f.tray_messages = []
    f.tray.notify = lambda title, text, failed=False: f.tray_messages.append(text)
    return f


def _batch(env: Any, f: Any, batch: str, codes: list[int]) -> list[Any]:
    """Submit len(codes) jobs as one batch, then let each finish with its prefop code."""
    items = [
        SubmitItem(
            "media",
            f"{batch}/{i}.mov",
            ("avthumb/mp4",),
            ("MP4 H.264 720p",),
            (f"{batch}/{i}.mp4",),
            "media",
        )
        for i in range(len(codes))
    ]
    recs = _run(
        env, env.ctx.jobs.submit("demo", items, SubmitOptions(pipeline="video"), batch_id=batch)
    )
    f.on_batch_submitted(batch, recs)
    for rec, code in zip(recs, codes, strict=True):
        status = parse_job_status(
            {
                "id": rec.persistent_id,
                "code": code,
                "desc": "",
                "items": [{"cmd": "avthumb/mp4", "code": code}],
            }
        )
        env.ctx.poller.on_changed([env.store.apply_status(rec.id, status)])
    return recs


def test_finished_batches_share_one_banner_and_show_opens_them(env: Any) -> None:
    f = _feature(env)
    _batch(env, f, "A", [0, 0])
    banner = env.window.banners[BANNER_KEY]
    assert (banner["text"], banner["level"]) == ("Batch finished: 2 done", "info")
    assert f.batch_banner.timer.isActive()  # all done: it will hide itself
    _batch(env, f, "B", [0, 3])
    assert [k for k in env.window.banners if "batch" in k] == [BANNER_KEY]  # never piles up
    banner = env.window.banners[BANNER_KEY]
    assert banner["text"] == "2 batches finished: 3 done, 1 failed"
    assert banner["level"] == "warning"
    assert not f.batch_banner.timer.isActive()
    f.batch_banner.timer.timeout.emit()  # even if it fired: failures stay
    assert BANNER_KEY in env.window.banners
    assert f.tray_messages == ["2 done", "1 done, 1 failed"]  # still one per batch
    # Show → the Jobs view with exactly those two batches; the banner has been seen
    env.window.shown_view = None
    banner["action"]()
    assert env.window.shown_view == "jobs"
    assert f.view.proxy.batches == {"A", "B"}
    assert {r.batch_id for r in f.view.visible_records()} == {"A", "B"}
    assert f.view.batch_label.text() == "Showing 2 batches"
    assert BANNER_KEY not in env.window.banners
    _batch(env, f, "C", [0])
    assert env.window.banners[BANNER_KEY]["text"] == "Batch finished: 1 done"  # a fresh start
    env.window.banners[BANNER_KEY]["action"]()
    assert f.view.proxy.batch == "C"
    assert f.view.proxy.batches == {"C"}


def test_all_success_banner_hides_itself(env: Any) -> None:
    f = _feature(env)
    f.batch_banner.timer.setInterval(30)
    _batch(env, f, "A", [0])
    assert BANNER_KEY in env.window.banners
    _run(env, wait_until(lambda: BANNER_KEY not in env.window.banners))
    _batch(env, f, "B", [0, 0])
    assert env.window.banners[BANNER_KEY]["text"] == "Batch finished: 2 done"  # A is gone


def test_dismissed_banner_forgets_its_batches(env: Any) -> None:
    f = _feature(env)
    _batch(env, f, "A", [3])
    assert env.window.banners[BANNER_KEY]["text"] == "Batch finished: 0 done, 1 failed"
    env.window.banners.pop(BANNER_KEY)  # the user closed it (✕)
    env.window.banner_dismissed.emit(BANNER_KEY)
    _batch(env, f, "B", [0])
    assert env.window.banners[BANNER_KEY]["text"] == "Batch finished: 1 done"
    assert env.window.banners[BANNER_KEY]["level"] == "info"


class _Details(QObject):
    copy_link_requested = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.watched: list[Any] = []

    def watch(self, events: Any) -> None:
        self.watched.append(events)


def test_files_details_get_job_events_and_copy_links_through_the_feature(env: Any) -> None:
    details = _Details()
    f = _feature(env, files_pane=details)
    assert details.watched == [env.events]
    details.copy_link_requested.emit("secret", "clips/a.mp4")
    _run(env, wait_until(lambda: QGuiApplication.clipboard().text().endswith("token=signed")))
    url = "https://secret.example.com/clips/a.mp4?e=1&token=signed"
    assert QGuiApplication.clipboard().text() == url
    assert env.window.status["jobs-action"] == "Link copied"
    assert f.profile == "demo"
