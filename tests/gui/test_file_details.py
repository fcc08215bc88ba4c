"""Files → Details: facts of the selection, "Outputs of this file" from the job store, debounced
latest-wins loading, refresh on job events, the toggle, and Copy link for finished outputs."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QPushButton

from qfopgui.api.errors import NotFoundError
from qfopgui.api.models import ObjectInfo
from qfopgui.core.jobs import parse_job_status
from qfopgui.i18n import install_translations
from qfopgui.services.profiles import Profile
from qfopgui.services.store import JobStore
from qfopgui.ui.context import AppContext
from qfopgui.ui.files import file_details
from qfopgui.ui.files.file_details import ElidedLabel, FileDetails
from qfopgui.ui.files.files_view import FilesView
from qfopgui.ui.jobs.job_events import JobEvents
from tests.gui.appfakes import FakeClient, make_ctx, obj
from tests.helpers.aio import wait_until

pytestmark = pytest.mark.gui

PROFILE = Profile("A", "ak")
SOURCE = "clips/intro.mp4"


@dataclass
class StatClient(FakeClient):
    """FakeClient plus `stat` (with a call log) — the pane reads the hash with it."""

    stats: list[str] = field(default_factory=list)

    def stat(self, bucket: str, key: str) -> ObjectInfo:
        self.stats.append(key)
        for o in self.objects.get(bucket, []):
            if o.key == key:
                return ObjectInfo(key, o.fsize, f"hash-of-{key}", o.mime_type, o.put_time)
        raise NotFoundError("no such file", status=612)


def client() -> StatClient:
    return StatClient(
        objects={
            "media": [
                obj(SOURCE, size=3 * 1024 * 1024, mime="video/mp4"),
                obj("clips/other.mp4", size=2048),
                obj("clips/sub/x.mp4"),
            ]
        }
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[JobStore]:
    s = JobStore(tmp_path / "jobs.db")
    yield s
    s.close()


def add_job(store: JobStore, key: str = SOURCE, *, code: int | None = None, **kw: Any) -> Any:
    """A two-command job for `key`; with `code`, a prefop answer (0 done, 3 failed …) applied."""
    outputs = (key.replace(".mp4", "_480p.mp4"), key.replace(".mp4", "_thumb.jpg"))
    args = dict(
        profile="A",
        bucket="media",
        key=key,
        fops=("avthumb/mp4", "vframe/jpg"),
        presets=("MP4 H.264 480p", "JPG thumbnail"),
        outputs=outputs,
        output_bucket="media",
        pipeline="",
        batch_id="b1",
    )
    args.update(kw)
    rec = store.mark_submitted(store.add_submitting(**args).id, f"z0.{key}")  # type: ignore[arg-type]
    if code is None:
        return rec
    items = [
        {"cmd": "avthumb/mp4", "code": 0, "key": outputs[0]},
        {
            "cmd": "vframe/jpg",
            "code": code,
            "key": outputs[1],
            "error": "no video stream" if code == 3 else "",
        },
    ]
    status = parse_job_status(
        {
            "id": rec.persistent_id,
            "code": code,
            "desc": "",
            "items": items,
            "inputBucket": "media",
            "inputKey": key,
            "reqid": "r",
        }
    )
    return store.apply_status(rec.id, status)


def run(qloop: Any, qtbot: Any, ctx: AppContext, body: Any) -> Any:
    async def scenario() -> Any:
        v = FilesView(ctx)
        qtbot.addWidget(v)
        v.resize(1100, 600)
        v.show()
        v.set_profile(PROFILE)
        await wait_until(lambda: v.model.rowCount() > 0 and not v.model.loading)
        v.open_folder("clips/")
        await wait_until(lambda: v.model.rowCount() >= 3 and not v.model.loading)
        try:
            return await body(v)
        finally:
            await ctx.tasks.shutdown()

    return qloop.run_until_complete(scenario())


def make(tmp_path: Path, store: JobStore | None, c: StatClient | None = None) -> AppContext:
    ctx = make_ctx(tmp_path, c or client(), profiles=[(PROFILE, "sk")])
    ctx.store = store
    return ctx


def select(v: FilesView, *keys: str) -> None:
    sel = v.table.selectionModel()
    sel.clearSelection()
    flag = QItemSelectionModel.SelectionFlag
    for row in range(v.model.rowCount()):
        if v.model.key_at(row) in keys:
            sel.select(v.model.index(row, 0), flag.Select | flag.Rows)


def text_of(pane: FileDetails, name: str, *, missing: str | None = None) -> str:
    label = pane.widget().findChild(QLabel, name)
    if label is None and missing is not None:
        return missing
    assert label is not None, name
    return label.full_text() if isinstance(label, ElidedLabel) else label.text()


def hash_text(pane: FileDetails) -> str:
    return text_of(pane, "details_hash", missing="")


def loaded(pane: FileDetails) -> bool:
    return pane.jobs() is not None and hash_text(pane).startswith("hash-of-")


def test_one_file_facts_and_its_outputs(
    qloop: Any, qtbot: Any, tmp_path: Path, store: JobStore
) -> None:
    done = add_job(store, code=0)
    failed = add_job(store, code=3, batch_id="b2")
    add_job(store, key="clips/other.mp4", code=0)  # another file: not listed
    add_job(store, profile="B", code=0)  # same key, another account: not listed
    ctx = make(tmp_path, store)

    async def body(v: FilesView) -> None:
        pane = v.details
        assert pane.isVisible()
        assert v.details.toggle.isChecked()
        select(v, SOURCE)
        await wait_until(lambda: loaded(pane))
        assert text_of(pane, "details_name") == "intro.mp4"
        assert text_of(pane, "details_size") == "3.0 MB"
        assert text_of(pane, "details_type") == "MP4 video"
        modified = pane.widget().findChild(QLabel, "details_modified")
        assert modified.full_text() != ""
        assert modified.toolTip()[:2] == "20"
        assert text_of(pane, "details_hash") == f"hash-of-{SOURCE}"
        assert [r.id for r in pane.jobs() or []] == [failed.id, done.id]  # newest first
        boxes = pane.widget().findChildren(QFrame, "output_job")
        assert len(boxes) == 2
        words = [b.findChild(QLabel, "output_status").text() for b in boxes]
        assert words == ["Failed", "Done"]
        keys = [k.full_text() for k in pane.widget().findChildren(ElidedLabel, "output_key")]
        assert keys == [*failed.outputs, *done.outputs]
        texts = {lbl.text() for lbl in pane.widget().findChildren(QLabel)}
        assert {"MP4 H.264 480p", "JPG thumbnail", "Outputs of this file"} <= texts
        # Copy link only where an output was made: 1 in the failed job, 2 in the done one
        links = [b.findChildren(QPushButton, "copy_link_button") for b in boxes]
        assert [len(x) for x in links] == [1, 2]
        got: list[tuple[str, str]] = []
        pane.copy_link_requested.connect(lambda b, k: got.append((b, k)))
        links[1][1].click()
        assert got == [("media", done.outputs[1])]

    run(qloop, qtbot, ctx, body)


def test_several_files_folders_and_nothing(
    qloop: Any, qtbot: Any, tmp_path: Path, store: JobStore
) -> None:
    ctx = make(tmp_path, store)

    async def body(v: FilesView) -> None:
        pane = v.details
        select(v, SOURCE, "clips/other.mp4", "clips/sub/")
        await wait_until(lambda: pane.selection().files and len(pane.selection().files) == 2)
        assert text_of(pane, "details_name") == "2 files selected"
        assert text_of(pane, "details_total") == "3.0 MB"  # 3 MiB + 2 KiB
        note = [lbl.text() for lbl in pane.widget().findChildren(QLabel, "details_note")]
        assert note == ["The selected folder is not included."]
        assert pane.widget().findChild(QLabel, "outputs_title") is None
        select(v, "clips/sub/")
        await wait_until(
            lambda: pane.selection().folders == ("clips/sub/",) and not pane.selection().files
        )
        assert "“sub” is a folder" in text_of(pane, "details_note")
        select(v)
        await wait_until(lambda: not pane.selection().folders)
        assert text_of(pane, "details_note").startswith("Select a file")

    run(qloop, qtbot, ctx, body)


def test_no_jobs_yet_and_a_hash_that_cannot_be_read(
    qloop: Any, qtbot: Any, tmp_path: Path, store: JobStore
) -> None:
    c = client()
    c.objects["media"].append(obj("clips/gone.mp4"))  # listed, but stat says it is gone
    ctx = make(tmp_path, store, c)

    async def body(v: FilesView) -> None:
        assert v.model.rowCount() == 4
        pane = v.details
        select(v, "clips/other.mp4")
        await wait_until(lambda: loaded(pane))
        assert "Nothing made from this file yet" in text_of(pane, "outputs_empty")
        c.stats.clear()
        c.objects["media"].pop()  # stat now fails for gone.mp4
        select(v, "clips/gone.mp4")
        await wait_until(lambda: hash_text(pane) == "could not be read")

    run(qloop, qtbot, ctx, body)


def test_selection_is_debounced_and_the_latest_wins(
    qloop: Any, qtbot: Any, tmp_path: Path, store: JobStore
) -> None:
    c = client()
    ctx = make(tmp_path, store, c)
    queries: list[str] = []
    real = store.jobs_for_source

    def counting(profile: str, bucket: str, key: str, limit: int = 50) -> Any:
        queries.append(key)
        return real(profile, bucket, key, limit)

    store.jobs_for_source = counting  # type: ignore[method-assign]

    async def body(v: FilesView) -> None:
        pane = v.details
        await asyncio.sleep(file_details.DEBOUNCE_MS / 1000 * 2)
        c.stats.clear()
        queries.clear()
        for key in (SOURCE, "clips/other.mp4", SOURCE, "clips/other.mp4"):  # Shift+arrows
            select(v, key)
            await asyncio.sleep(0.03)  # quicker than the debounce
        await wait_until(
            lambda: loaded(pane) and pane.selection().files[0].key == "clips/other.mp4"
        )
        await asyncio.sleep(file_details.DEBOUNCE_MS / 1000 * 2)
        assert c.stats == ["clips/other.mp4"]
        assert queries == ["clips/other.mp4"]

    run(qloop, qtbot, ctx, body)


def test_job_events_for_the_shown_file_refresh_it(
    qloop: Any, qtbot: Any, tmp_path: Path, store: JobStore
) -> None:
    ctx = make(tmp_path, store)
    events = JobEvents()

    async def body(v: FilesView) -> None:
        pane = v.details
        pane.watch(events)
        select(v, SOURCE)
        await wait_until(lambda: loaded(pane))
        assert pane.jobs() == []
        rec = add_job(store)  # submitted elsewhere in the app: the submitter reports it
        events.on_jobs_changed([rec])
        await wait_until(lambda: [r.id for r in pane.jobs() or []] == [rec.id])
        words = [
            b.findChild(QLabel, "output_status").text()
            for b in pane.widget().findChildren(QFrame, "output_job")
        ]
        assert words == ["Waiting"]
        assert pane.widget().findChildren(QPushButton, "copy_link_button") == []
        finished = store.apply_status(
            rec.id,
            parse_job_status(
                {
                    "id": rec.persistent_id,
                    "code": 0,
                    "desc": "",
                    "inputBucket": "media",
                    "inputKey": SOURCE,
                    "reqid": "r",
                    "items": [
                        {"cmd": "avthumb/mp4", "code": 0, "key": rec.outputs[0]},
                        {"cmd": "vframe/jpg", "code": 0, "key": rec.outputs[1]},
                    ],
                }
            ),
        )
        events.on_jobs_changed([finished])
        await wait_until(
            lambda: len(pane.widget().findChildren(QPushButton, "copy_link_button")) == 2
        )
        # a change to another file's job does not reload this one
        before = pane.widget()
        other = add_job(store, key="clips/other.mp4")
        events.on_jobs_changed([other])
        await asyncio.sleep(file_details.DEBOUNCE_MS / 1000 * 3)
        assert pane.widget() is before

    run(qloop, qtbot, ctx, body)


def test_toggle_hides_the_pane_and_is_remembered(qloop: Any, qtbot: Any, tmp_path: Path) -> None:
    ctx = make(tmp_path, None)  # no job store: facts only, no outputs section

    async def body(v: FilesView) -> None:
        pane = v.details
        select(v, SOURCE)
        await wait_until(lambda: hash_text(pane).startswith("hash-of-"))
        assert pane.widget().findChild(QLabel, "outputs_title") is None
        pane.toggle.click()
        assert not pane.isVisible()
        assert ctx.settings.get("files/details_visible") is False
        again = FilesView(ctx)
        qtbot.addWidget(again)
        again.show()
        assert not again.details.isVisible()
        assert not again.details.toggle.isChecked()
        pane.toggle.click()
        assert pane.isVisible()
        assert ctx.settings.get("files/details_visible") is True

    run(qloop, qtbot, ctx, body)


def test_details_in_chinese(
    qloop: Any, qtbot: Any, qapp: QApplication, tmp_path: Path, store: JobStore
) -> None:
    add_job(store, code=0)
    ctx = make(tmp_path, store)
    translators = install_translations(qapp, "zh_CN")

    async def body(v: FilesView) -> None:
        pane = v.details
        assert pane.toggle.text() == "详情"
        select(v, SOURCE)
        await wait_until(lambda: loaded(pane))
        texts = {lbl.text() for lbl in pane.widget().findChildren(QLabel)}
        assert {"此文件的输出", "JPG 缩略图", "大小", "完成"} <= texts, texts
        assert pane.widget().findChild(QPushButton, "copy_link_button").text() == "复制链接"

    try:
        run(qloop, qtbot, ctx, body)
    finally:
        for t in translators:
            qapp.removeTranslator(t)
