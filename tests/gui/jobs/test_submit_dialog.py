"""Transcode dialog: preview = plan_job, problems block Submit, submit/cancel via the Submitter."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import datetime
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt

from qfopgui.core.plan import plan_job
from qfopgui.core.presets import BUILTIN_PRESETS, find_preset
from qfopgui.i18n import install_translations
from qfopgui.settings import Settings
from qfopgui.ui.jobs.controller import install_jobs_feature
from qfopgui.ui.jobs.submit_dialog import DEFAULT_SIZE, SubmitDialog
from qfopgui.ui.jobs.submit_preview_model import PreviewColumn
from tests.helpers.aio import wait_until

NOW = datetime(2024, 5, 21, 10, 30, 0)
CHECKED = ("MP4 H.264 720p", "JPG thumbnail")


def _dialog(qtbot: Any, keys: list[str], submitter: Any = None, **kw: Any) -> SubmitDialog:
    d = SubmitDialog(
        profile_name="demo",
        source_bucket="media",
        keys=keys,
        presets=BUILTIN_PRESETS,
        submitter=submitter,
        pipelines=("video", "audio"),
        default_pipeline="video",
        checked=CHECKED,
        now=NOW,
        **kw,
    )
    qtbot.addWidget(d)
    return d


def _set_template(d: SubmitDialog, text: str) -> None:
    d.form.template_edit.setText(text)
    d._plan_now()


def test_preview_lists_every_output_key_exactly_as_plan_job(qtbot: Any, qtmodeltester: Any) -> None:
    keys = [f"raw/c{i}.mov" for i in range(5)]
    d = _dialog(qtbot, keys)
    presets = [find_preset(n) for n in CHECKED]
    expected = []
    for i, key in enumerate(keys):
        plan = plan_job("media", key, presets, "media", "{dir}/{name}_{preset}.{ext}", i + 1, NOW)
        expected += [(key, o.preset_name, o.output_key) for o in plan.outputs]
    assert d.preview_model.output_keys() == expected
    assert d.submit_button.text() == "Submit 5 jobs"
    assert d.submit_button.isEnabled()
    qtmodeltester.check(d.preview_model)
    # a changed template re-plans (debounced) and the preview follows
    _set_template(d, "out/{name}-{index}.{ext}")
    assert d.preview_model.output_keys()[0] == ("raw/c0.mov", "MP4 H.264 720p", "out/c0-1.mp4")


def test_bad_template_blocks_submit_and_names_the_field(qtbot: Any) -> None:
    d = _dialog(qtbot, ["a/b.mov", "a/c.mov"])
    _set_template(d, "{dir}/{nmae}.{ext}")
    assert not d.submit_button.isEnabled()
    assert d.problem_label.text().startswith("Output name:")
    assert "{nmae}" in d.problem_label.text()
    assert d.form.template_edit.styleSheet()  # the field is outlined
    # red problem text on the preview rows
    idx = d.preview_model.index(0, PreviewColumn.PROBLEM)
    assert "{nmae}" in idx.data()
    assert idx.data(Qt.ItemDataRole.ForegroundRole) is not None
    _set_template(d, "{dir}/{name}.{preset}.{ext}")
    assert d.submit_button.isEnabled()
    assert d.problem_label.isHidden()


def test_same_output_for_two_files_is_a_problem(qtbot: Any) -> None:
    d = _dialog(qtbot, ["a/b.mov", "a/c.mov"])
    _set_template(d, "out/{preset}.{ext}")
    assert not d.submit_button.isEnabled()
    assert "would also be made from a/b.mov" in d.problem_label.text()


def test_notify_url_and_presets_are_validated(qtbot: Any) -> None:
    d = _dialog(qtbot, ["a/b.mov"])
    d.form.notify_edit.setText("ftp://example.com/cb")
    assert not d.submit_button.isEnabled()
    assert d.problem_label.text().startswith("Notify URL:")
    d.form.notify_edit.setText("https://example.com/cb")
    assert d.submit_button.isEnabled()
    for row in range(d.presets_model.rowCount()):
        d.presets_model.item(row).setCheckState(Qt.CheckState.Unchecked)
    d._plan_now()
    assert not d.submit_button.isEnabled()
    assert d.problem_label.text().startswith("Presets:")


class RecordingSubmitter:
    """Captures the call; each file waits for the test to release it (stop between files)."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.gate: asyncio.Queue[None] = asyncio.Queue()
        self.started = 0

    async def submit(
        self,
        profile: str,
        items: Any,
        options: Any,
        *,
        batch_id: Any = None,
        progress: Any = None,
        cancel: Any = None,
    ) -> list[Any]:
        self.calls.append(
            {
                "profile": profile,
                "items": list(items),
                "options": options,
                "batch_id": batch_id,
                "cancel": cancel,
            }
        )
        out = []
        for n, item in enumerate(items, 1):
            if cancel.is_set():
                break
            self.started += 1
            await self.gate.get()
            out.append(SimpleNamespace(id=n, key=item.key))
            progress(n, len(items))
        return out


def test_submit_sends_the_previewed_plan_with_options_and_progress(qtbot: Any, qloop: Any) -> None:
    keys = ["a/1.mov", "a/2.mov", "a/3.mov"]
    sub = RecordingSubmitter()
    d = _dialog(qtbot, keys, sub)
    d.form.pipeline_combo.setCurrentText("audio")
    d.form.force_check.setChecked(True)
    d.form.idle_check.setChecked(True)
    d.form.notify_edit.setText("https://example.com/hook")
    emitted: list[tuple[str, list[Any]]] = []
    d.submitted.connect(lambda b, recs: emitted.append((b, recs)))
    d.show()

    async def scenario() -> None:
        d.submit_button.click()
        await wait_until(lambda: sub.started == 1)
        assert d.progress.isVisible()
        assert d.progress.format() == "Submitting 1 of 3"
        sub.gate.put_nowait(None)
        await wait_until(lambda: sub.started == 2)
        assert d.progress.format() == "Submitting 2 of 3"
        assert d.progress.value() == 1
        sub.gate.put_nowait(None)
        sub.gate.put_nowait(None)
        await wait_until(lambda: bool(emitted))

    qloop.run_until_complete(scenario())
    call = sub.calls[0]
    assert call["profile"] == "demo"
    opts = call["options"]
    assert (opts.pipeline, opts.force, opts.type, opts.notify_url) == (
        "audio",
        True,
        1,
        "https://example.com/hook",
    )
    presets = [find_preset(n) for n in CHECKED]
    for i, item in enumerate(call["items"]):
        plan = plan_job(
            "media", keys[i], presets, "media", "{dir}/{name}_{preset}.{ext}", i + 1, NOW
        )
        assert (item.bucket, item.key, item.output_bucket) == ("media", keys[i], "media")
        assert item.fops == plan.fops
        assert item.outputs == tuple(o.output_key for o in plan.outputs)
        assert item.presets == CHECKED
    assert emitted[0][0] == call["batch_id"]
    assert len(emitted[0][1]) == 3
    assert d.result() == SubmitDialog.DialogCode.Accepted


def test_cancel_stops_between_files(qtbot: Any, qloop: Any) -> None:
    sub = RecordingSubmitter()
    d = _dialog(qtbot, [f"a/{i}.mov" for i in range(10)], sub)
    emitted: list[list[Any]] = []
    d.submitted.connect(lambda _b, recs: emitted.append(recs))
    d.show()

    async def scenario() -> None:
        d.submit_button.click()
        await wait_until(lambda: sub.started == 2)
        d.cancel_button.click()  # "Stop": the dialog stays open, the file in flight finishes
        assert d.isVisible()
        assert d.cancel_button.text() == "Stopping…"
        sub.gate.put_nowait(None)
        await wait_until(lambda: sub.started == 2 and not sub.gate.qsize() and not d.isVisible())

    sub.gate.put_nowait(None)
    qloop.run_until_complete(scenario())
    assert sub.started == 2
    assert len(emitted[0]) == 2


def test_submit_error_is_shown_and_the_form_comes_back(qtbot: Any, qloop: Any) -> None:
    class Broken:
        async def submit(self, *a: Any, **kw: Any) -> list[Any]:
            raise LookupError("No SecretKey for demo")

    d = _dialog(qtbot, ["a/1.mov"], Broken())
    d.show()

    async def scenario() -> None:
        d.submit_button.click()
        await wait_until(lambda: "No SecretKey" in d.problem_label.text())

    qloop.run_until_complete(scenario())
    assert d.isVisible()
    assert d.submit_button.isEnabled()


def test_a_thousand_files_plan_in_chunks_without_blocking(qtbot: Any) -> None:
    keys = [f"shoot/day{i // 100}/clip_{i:04d}.mov" for i in range(1000)]
    t0 = time.perf_counter()
    d = _dialog(qtbot, keys)
    opened = time.perf_counter() - t0
    assert d.planner.busy  # planned on timer ticks, not inside the constructor
    qtbot.waitUntil(lambda: not d.planner.busy, timeout=20_000)
    assert d.preview_model.rowCount() == 2000
    assert d.submit_button.text() == "Submit 1,000 jobs"
    assert opened < 1.0
    d.commands_toggle.setChecked(True)
    assert d.commands_text.toPlainText().count("|saveas/") == 2000


def test_submit_waits_for_the_preview_of_the_latest_change(qtbot: Any) -> None:
    """Changing an option while a preset change is still being planned must not enable Submit
    with the old preview (it would send the presets that were checked before)."""
    d = _dialog(qtbot, ["a/b.mov"])
    assert d.submit_button.isEnabled()
    d.presets_model.item(0).setCheckState(Qt.CheckState.Checked)  # replan is pending
    d.form.pipeline_combo.setCurrentText("audio")  # validates with the old preview
    assert not d.submit_button.isEnabled()
    d._plan_now()
    assert d.submit_button.isEnabled()
    presets = {o.preset_name for o in d.planner.result.plans[0].outputs}
    assert BUILTIN_PRESETS[0].name in presets


# --- presets that cannot process a file ---------------------------------------------------------


def test_files_a_preset_cannot_process_are_greyed_with_the_reason_and_not_sent(
    qtbot: Any, qloop: Any, qtmodeltester: Any
) -> None:
    sub = RecordingSubmitter()
    for _ in range(3):
        sub.gate.put_nowait(None)
    d = _dialog(qtbot, ["clips/a.mov", "README.txt", "music/song.mp3"], sub)
    qtmodeltester.check(d.preview_model)
    assert [(s, p) for s, p, _k in d.preview_model.output_keys()] == [
        ("clips/a.mov", "MP4 H.264 720p"),
        ("clips/a.mov", "JPG thumbnail"),
        ("music/song.mp3", "MP4 H.264 720p"),
    ]
    left_out = d.preview_model.left_out_rows()
    assert [(s, p) for s, p, _r in left_out] == [
        ("README.txt", "MP4 H.264 720p"),
        ("README.txt", "JPG thumbnail"),
        ("music/song.mp3", "JPG thumbnail"),
    ]
    assert "README.txt is not a video or audio file" in left_out[0][2]
    assert "song.mp3 is an audio file" in left_out[2][2]
    rows = {
        d.preview_model.index(r, PreviewColumn.SOURCE).data(): r
        for r in range(d.preview_model.rowCount())
    }
    readme = d.preview_model.index(rows["README.txt"], PreviewColumn.OUTPUT)
    assert readme.data() == "not sent"
    grey = readme.data(Qt.ItemDataRole.ForegroundRole).color().name()
    assert grey == "#8a8a8a"
    assert not d.preview.isColumnHidden(PreviewColumn.PROBLEM)
    assert d.submit_button.isEnabled()  # a left-out preset is not a problem…
    assert d.submit_button.text() == "Submit 2 jobs"  # …and README.txt is not sent at all
    assert "3 not sent" in d.summary_label.text()
    d.show()

    async def scenario() -> None:
        d.submit_button.click()
        await wait_until(lambda: bool(sub.calls) and not d.isVisible())

    qloop.run_until_complete(scenario())
    items = sub.calls[0]["items"]
    assert [(i.key, i.presets) for i in items] == [
        ("clips/a.mov", ("MP4 H.264 720p", "JPG thumbnail")),
        ("music/song.mp3", ("MP4 H.264 720p",)),
    ]
    assert len(items[1].fops) == len(items[1].outputs) == 1


def test_only_unprocessable_files_cannot_be_submitted(qtbot: Any) -> None:
    d = _dialog(qtbot, ["README.txt", "notes.md"])
    assert d.preview_model.output_keys() == []
    assert len(d.preview_model.left_out_rows()) == 4
    assert not d.submit_button.isEnabled()
    assert d.submit_button.text() == "Submit 0 jobs"


# --- pipelines, preview button, size ------------------------------------------------------------


def test_the_shared_queue_is_named_and_means_no_pipeline(qtbot: Any) -> None:
    d = _dialog(qtbot, ["a/b.mov"])
    combo = d.form.pipeline_combo
    assert combo.itemText(0) == "Shared queue — slower"
    assert d.form.pipeline() == "video"  # the profile's default
    combo.setCurrentIndex(0)
    assert d.form.pipeline() == ""
    assert d.build_options().pipeline == ""
    assert "pipeline Shared queue — slower" in d.summary_label.text()
    combo.setCurrentText("typed-queue")
    assert d.form.pipeline() == "typed-queue"


def test_preview_button_tries_the_one_ticked_preset_on_the_chosen_file(qtbot: Any) -> None:
    assert _dialog(qtbot, ["a.mov"]).preview_button.isHidden()  # no preview: no button
    calls: list[tuple[str, str]] = []
    d = _dialog(
        qtbot,
        ["README.txt", "a/1.mov", "a/2.mov"],
        preview=lambda p, _b, k: calls.append((p.name, k)),
    )
    assert not d.preview_button.isHidden()
    assert not d.preview_button.isEnabled()  # two presets are ticked
    d.presets_model.item(_row(d, "MP4 H.264 720p")).setCheckState(Qt.CheckState.Unchecked)
    assert d.preview_button.isEnabled()
    d.preview_button.click()
    assert calls == [("JPG thumbnail", "a/1.mov")]  # the first file it can process
    d._plan_now()
    row = next(
        r for r in range(d.preview_model.rowCount()) if d.preview_model.source_at(r) == "a/2.mov"
    )
    d.preview.selectRow(row)
    d.preview_button.click()
    assert calls[-1] == ("JPG thumbnail", "a/2.mov")


def _row(d: SubmitDialog, name: str) -> int:
    model = d.presets_model
    return next(
        r for r in range(model.rowCount()) if model.item(r).data(Qt.ItemDataRole.UserRole) == name
    )


# a 1024×700 screen less the window frame (title bar, borders) and nothing else
SCREEN_ROOM = QSize(1024 - 16, 700 - 40)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_dialog_fits_a_1024_by_700_screen(qtbot: Any, qapp: Any, lang: str) -> None:
    translators = install_translations(qapp, lang)
    try:
        keys = [f"shoot/day1/a-rather-long-file-name-{i:03d}.mov" for i in range(30)]
        d = _dialog(qtbot, keys, preview=lambda p, b, k: None)
        d.form.notify_edit.setText("ftp://bad")  # the problem line takes room too
        d.show()
        for hint in (DEFAULT_SIZE, d.size(), d.minimumSizeHint(), d.minimumSize()):
            assert hint.width() <= SCREEN_ROOM.width(), (lang, hint)
            assert hint.height() <= SCREEN_ROOM.height(), (lang, hint)
        d.resize(SCREEN_ROOM)
        assert d.size() == SCREEN_ROOM
        for button in (d.submit_button, d.cancel_button, d.preview_button, d.form.tokens_button):
            assert button.width() >= button.minimumSizeHint().width(), button.text()  # not cut
    finally:
        for t in translators:
            qapp.removeTranslator(t)


def test_the_keyboard_reaches_every_part_of_the_dialog(qtbot: Any) -> None:
    """Tab leaves the preview table (arrow keys move inside it), and every field has a
    mnemonic that puts the cursor in it."""
    d = _dialog(qtbot, ["a/b.mov", "a/c.mov"], preview=lambda p, b, k: None)
    d.show()
    d.activateWindow()
    qtbot.waitUntil(d.isActiveWindow)
    d.preview.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(d.preview, Qt.Key.Key_Tab)
    assert d.focusWidget() is d.commands_toggle
    for key, widget in (
        (Qt.Key.Key_B, d.form.bucket_combo),
        (Qt.Key.Key_N, d.form.template_edit),
        (Qt.Key.Key_I, d.form.pipeline_combo),
        (Qt.Key.Key_U, d.form.notify_edit),
        (Qt.Key.Key_P, d.presets_list),
    ):
        qtbot.keyClick(d.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
        focused = d.focusWidget()
        assert focused is widget or widget.isAncestorOf(focused), (key, focused)


# --- through the jobs controller ----------------------------------------------------------------


def _feature(env: Any) -> Any:
    async def install() -> Any:
        feature = install_jobs_feature(env.window, env.ctx, env.events)
        await wait_until(lambda: feature.profile == "demo")
        return feature

    return env.loop.run_until_complete(install())


def test_a_pipeline_added_in_the_pipelines_view_is_offered(env: Any) -> None:
    """The window's Profile object is the one from before the edit; the dialog must use the
    saved profile."""
    f = _feature(env)
    f.pipelines.view.ask_text = lambda title, label, initial: "transcode-hd"
    f.pipelines.view.add()
    assert env.window.current_profile().pipelines == ("video", "audio")  # stale
    dialog = f.open_submit("media", ["a.mov"])
    combo = dialog.form.pipeline_combo
    items = [combo.itemText(i) for i in range(combo.count())]
    assert items == ["Shared queue — slower", "video", "audio", "transcode-hd"]
    dialog.reject()


def test_ticked_presets_are_ticked_again_after_a_restart(env: Any, tmp_path: Any) -> None:
    f = _feature(env)
    first = f.open_submit("media", ["a.mov"])
    assert [p.name for p in first.selected_presets()] == ["MP4 H.264 720p"]  # the default
    first.presets_model.item(_row(first, "MP4 H.264 720p")).setCheckState(Qt.CheckState.Unchecked)
    for name in ("HLS 720p", "JPG thumbnail"):
        first.presets_model.item(_row(first, name)).setCheckState(Qt.CheckState.Checked)
    first.reject()
    env.ctx.settings.sync()
    # a new run of the app: new Settings on the same file, a new controller
    env.ctx.settings = Settings(env.ctx.settings.path)
    assert json.loads(env.ctx.settings.get("submit/checked_presets")) == [
        "HLS 720p",
        "JPG thumbnail",
    ]
    again = _feature(env).open_submit("media", ["b.mov"])
    assert [p.name for p in again.selected_presets()] == ["HLS 720p", "JPG thumbnail"]
    again.reject()


def test_a_damaged_setting_falls_back_to_the_default_presets(env: Any) -> None:
    env.ctx.settings.set("submit/checked_presets", "[not json")
    dialog = _feature(env).open_submit("media", ["a.mov"])
    assert [p.name for p in dialog.selected_presets()] == ["MP4 H.264 720p"]
    dialog.reject()
