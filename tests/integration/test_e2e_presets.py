"""Acceptance: a preset built in the form, kept across a restart, submitted, and its outputs
probed; every fop example of the product documents read by "Edit as command"; a preview from the
editor that leaves nothing behind in the bucket.

Everything is the real app on the in-process sandbox; the form is filled through its widgets.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit, QRadioButton, QWidget

from qfopgui.core.fops import parse_command
from qfopgui.core.jobs import JobState
from qfopgui.core.preset_form import FormKind, command_from_form, form_values, new_form
from qfopgui.paths import Paths
from qfopgui.ui.presets.command_form import CommandForm
from qfopgui.ui.presets.command_paste_dialog import CommandPasteDialog
from qfopgui.ui.presets.preset_editor import PresetEditor
from tests.helpers.aio import wait_until
from tests.integration.app_harness import (
    CLIP_720P,
    DEMO,
    choose_presets_and_submit,
    decode_picture,
    new_basedir,
    open_folder,
    open_transcode,
    probe_video,
    running_app,
    select_files,
    stored_path,
    wait_states,
)

pytestmark = [pytest.mark.integration, pytest.mark.gui, pytest.mark.slow]

NAME = "Web 720p CRF23"
# every fop example in the product's original documents (the seed texts)
SEED_EXAMPLES = (
    "avthumb/mp4/r/30/vb/256k/vcodec/libx264/ar/22061/ab/64k/acodec/libmp3lame",
    "avthumb/m3u8/r/30/vb/256k/vcodec/libx264/ar/22071/ab/64k/acodec/libmp3lame",
    "avthumb/mp3/ab/192k",
    "avthumb/mp3/aq/6/ar/16000",
    "avthumb/mp3/ar/44100/ab/32k",
    "avthumb/iphone_low",
    "avthumb/m3u8/preset/video_16x9_440k",
)


def field(form: CommandForm, field_id: str) -> QWidget:
    found = form.findChild(QWidget, f"field_{field_id}")
    assert found is not None, field_id
    return found


def type_into(form: CommandForm, field_id: str, text: str) -> None:
    edit = field(form, field_id)
    assert isinstance(edit, QLineEdit)
    edit.setText(text)


def choose(form: CommandForm, field_id: str, value: object) -> None:
    combo = field(form, field_id)
    assert isinstance(combo, QComboBox)
    index = combo.findData(value)
    assert index >= 0, (field_id, value)
    combo.setCurrentIndex(index)


def add_command(editor: PresetEditor, kind: FormKind) -> CommandForm:
    button = editor.findChild(QWidget, "add_command_button")
    assert button is not None
    menu = button.menu()  # type: ignore[attr-defined]
    action = menu.findChild(object, f"add_{kind.value}")
    action.trigger()
    return editor.forms()[-1]


def build_in_form(editor: PresetEditor) -> None:
    """720p, CRF 23, AAC 128k, a 2 s clip, plus a JPG at 1 s — through the widgets."""
    editor.name_edit.setText(NAME)
    video = editor.forms()[0]
    assert video.kind is FormKind.AVTHUMB
    choose(video, "resolution", "720p")
    radio = video.findChild(QRadioButton, "use_crf")
    assert radio is not None
    radio.click()
    type_into(video, "crf", "23")
    choose(video, "acodec", "aac")
    type_into(video, "ab", "128k")
    type_into(video, "t", "2")
    picture = add_command(editor, FormKind.VFRAME)
    type_into(picture, "offset", "1")


def by_hand() -> list[str]:
    """What core builds from the same values, written out without the UI."""
    video = {**new_form(FormKind.AVTHUMB), "resolution": "720p", "crf": 23, "acodec": "aac"}
    video |= {"ab": "128k", "t": 2}
    picture = {**new_form(FormKind.VFRAME), "offset": 1}
    out = []
    for kind, values in ((FormKind.AVTHUMB, video), (FormKind.VFRAME, picture)):
        command = command_from_form(kind, values).command
        assert command is not None
        out.append(command.build())
    return out


def test_a_preset_built_in_the_form_survives_a_restart_and_makes_matching_outputs(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, seeded_sandbox_dir: Path
) -> None:
    base = new_basedir(seeded_sandbox_dir, tmp_path)
    expected = by_hand()
    assert expected == [
        "avthumb/mp4/s/1280x720/crf/23/acodec/aac/ab/128k/t/2",
        "vframe/jpg/offset/1",
    ]

    async def build_and_save() -> list[dict[str, object]]:
        async with running_app(base) as app:
            app.window.show_view("presets")
            presets = app.presets
            await presets.new_preset()
            build_in_form(presets.editor)
            assert presets.editor.fop_lines() == expected
            save = presets.editor.findChild(QWidget, "save_button")
            assert save.isEnabled()
            save.click()
            await wait_until(lambda: app.ctx.presets.get(NAME) is not None, timeout=10)
            await wait_until(lambda: not presets.editor.is_dirty())
            return [form.values() for form in presets.editor.forms()]

    saved_values = qloop.run_until_complete(build_and_save())

    async def reopen_and_submit() -> dict[str, Any]:
        async with running_app(base) as app:  # a restart: a new app on the same data
            app.window.show_view("presets")
            presets = app.presets
            await presets.select(NAME)
            editor = presets.editor
            assert editor.original_name() == NAME
            assert editor.name_edit.text() == NAME
            assert [form.values() for form in editor.forms()] == saved_values
            assert editor.fop_lines() == expected
            assert [c.build() for c in app.ctx.presets.get(NAME).commands] == expected

            await open_folder(app, DEMO, "videos/")
            select_files(app, [CLIP_720P])
            dialog = await open_transcode(app)
            await choose_presets_and_submit(dialog, [NAME])
            await wait_until(lambda: len(app.records()) == 1, timeout=30)
            (record,) = await wait_states(
                app, [r.id for r in app.records()], {JobState.DONE}, timeout=120
            )
            assert [f.split("|")[0] for f in record.fops] == expected
            return {
                "video": probe_video(stored_path(app.server, DEMO, record.outputs[0])),
                "picture": decode_picture(stored_path(app.server, DEMO, record.outputs[1])),
            }

    made = qloop.run_until_complete(reopen_and_submit())
    codec, width, height, duration = made["video"]
    assert (codec, width, height) == ("h264", 1280, 720)
    assert duration == pytest.approx(2.0, abs=0.25)
    assert made["picture"][0] == "mjpeg"
    assert made["picture"][1:] == (1280, 720)


def test_edit_as_command_fills_the_form_with_every_documented_example(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, seeded_sandbox_dir: Path
) -> None:
    base = new_basedir(seeded_sandbox_dir, tmp_path)

    async def scenario() -> None:
        async with running_app(base, sandbox=False) as app:
            presets = app.presets
            app.window.show_view("presets")
            await presets.new_preset()
            editor = presets.editor
            for text in (*SEED_EXAMPLES, "avthumb/mp4/vb/1m/frobnicate/7"):
                presets.edit_as_command()
                dialog = editor.findChild(CommandPasteDialog)
                assert dialog is not None
                await wait_until(dialog.isVisible)
                dialog.findChild(QWidget, "paste_edit").setPlainText(text)  # type: ignore[union-attr]
                reading = form_values(parse_command(text))
                listed = dialog.findChild(QWidget, "readings_list")
                assert listed is not None
                for key in reading.unrepresented:  # named, never dropped silently
                    assert key in _all_text(listed), (text, key)
                dialog.findChild(QWidget, "replace_button").click()  # type: ignore[union-attr]
                await wait_until(lambda: editor.findChild(CommandPasteDialog) is None)
                (form,) = editor.forms()
                shown = form.values()
                for field_id, value in reading.values.items():
                    assert _same(shown[field_id], value), (text, field_id, shown[field_id])
                rebuilt = command_from_form(form.kind, shown).command
                assert rebuilt is not None, text
                assert rebuilt == command_from_form(form.kind, reading.values).command
                note = _all_text(form)
                for key in reading.unrepresented:
                    assert key in note, (text, key)

    qloop.run_until_complete(scenario())


def _same(shown: object, value: object) -> bool:
    """The form shows numbers as the text typed in their boxes."""
    if isinstance(value, int | float) and not isinstance(value, bool) and isinstance(shown, str):
        return float(shown) == value
    return shown == value


def _all_text(widget: QWidget) -> str:
    """Every label, list item and text shown inside ``widget``."""
    from PySide6.QtWidgets import QLabel, QListWidget, QPlainTextEdit, QTextEdit

    parts = [label.text() for label in widget.findChildren(QLabel)]
    lists = widget.findChildren(QListWidget)
    for lst in [widget, *lists] if isinstance(widget, QListWidget) else lists:
        parts += [lst.item(i).text() for i in range(lst.count())]
    for edit in (*widget.findChildren(QPlainTextEdit), *widget.findChildren(QTextEdit)):
        parts.append(edit.toPlainText())
    if isinstance(widget, QLabel):
        parts.append(widget.text())
    return "\n".join(parts)


def _journal_jobs(path: Path) -> list[str]:
    """The persistentIds the preview journal still names (a sample not yet deleted)."""
    import json

    if not path.exists():
        return []
    entries = json.loads(path.read_text(encoding="utf-8"))["previews"]
    return [job for entry in entries for job in entry["jobs"]]


def _samples_left(app: Any) -> list[str]:
    """Keys under the preview prefix, listed through the app's own client (what a user sees)."""
    from qfopgui.services.preview_journal import PREVIEW_PREFIX

    client = app.ctx.clients.client_for(app.window.current_profile().name)
    keys = [i.key for page in client.iter_pages(DEMO) for i in page.items]
    return [k for k in keys if k.startswith(PREVIEW_PREFIX)]


@pytest.mark.parametrize("cancel", [False, True], ids=["completed", "cancelled"])
def test_preview_from_the_editor_shows_a_picture_and_figures_and_leaves_nothing(
    qloop: asyncio.AbstractEventLoop,
    qtbot: Any,
    tmp_path: Path,
    seeded_sandbox_dir: Path,
    cancel: bool,
) -> None:
    from PySide6.QtWidgets import QLabel

    from qfopgui.ui.presets.preview_dialog import PreviewDialog

    base = new_basedir(seeded_sandbox_dir, tmp_path)

    async def scenario() -> None:
        async with running_app(base) as app:
            await open_folder(app, DEMO, "videos/")
            select_files(app, [CLIP_720P])
            app.window.show_view("presets")
            presets = app.presets
            await presets.select("MP4 H.264 480p")
            presets.editor.findChild(QWidget, "preview_button").click()  # type: ignore[union-attr]
            launcher = app.rt.features.launcher
            await wait_until(lambda: launcher.last_dialog is not None, timeout=5)
            dialog = launcher.last_dialog
            assert isinstance(dialog, PreviewDialog)
            assert dialog.key_edit.text() == CLIP_720P
            if cancel:
                await wait_until(lambda: dialog.running, timeout=5)
                dialog.cancel_button.click()
                await wait_until(lambda: not dialog.running, timeout=30)
                assert dialog.output_boxes() == []  # stopped before any result
                dialog.close()
                # the sample is deleted once the server's job ended, also after a cancel
                await wait_until(lambda: not _samples_left(app), timeout=90, interval=0.5)
                return
            await wait_until(lambda: dialog.output_boxes(), timeout=90, interval=0.1)
            (box,) = dialog.output_boxes()
            picture = box.findChild(QLabel, "preview_picture_0")
            assert picture is not None
            assert not picture.pixmap().isNull()
            assert picture.pixmap().width() > 0
            figures = {name: label.text() for name, label in box.figures.items()}
            assert figures["resolution"] == "854 × 480"
            assert figures["video_codec"] == "h264"
            assert figures["duration"] in ("5.0 s", "4.9 s", "5.1 s")  # the first 5 s only
            assert figures["bitrate"] != "—"
            assert _samples_left(app) == []
            dialog.close()

    qloop.run_until_complete(scenario())


def test_a_preview_cut_short_by_quitting_is_cleaned_up_at_the_next_start(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, seeded_sandbox_dir: Path
) -> None:
    from qfopgui.ui.presets.preview_dialog import PreviewDialog

    base = new_basedir(seeded_sandbox_dir, tmp_path)

    from qfopgui.services import preview_journal

    quit_done = asyncio.Event()

    async def cut_short_clean(self: Any, *args: Any, **kwargs: Any) -> Any:
        """The cleanup does not get to run before the app has quit (as when it dies)."""
        await quit_done.wait()
        raise asyncio.CancelledError

    async def quit_mid_way() -> None:
        async with running_app(base) as app:
            await open_folder(app, DEMO, "videos/")
            select_files(app, [CLIP_720P])
            app.window.show_view("presets")
            await app.presets.select("MP4 H.264 720p")
            app.presets.editor.findChild(QWidget, "preview_button").click()  # type: ignore[union-attr]
            launcher = app.rt.features.launcher
            await wait_until(lambda: launcher.last_dialog is not None, timeout=5)
            dialog = launcher.last_dialog
            assert isinstance(dialog, PreviewDialog)
            journal = app.paths.preview_journal
            await wait_until(lambda: _journal_jobs(journal), timeout=30)
            client = app.ctx.clients.client_for(app.window.current_profile().name)
            (pid,) = _journal_jobs(journal)
            await wait_until(lambda: client.prefop(pid).code == 0, timeout=30, interval=0.3)
            assert _samples_left(app)  # made, and its deletion is still to come
        # the app quits before the preview cleaned up after itself: the journal still names it

    async def next_start() -> None:
        async with running_app(base) as app:
            await open_folder(app, DEMO, "videos/")
            await wait_until(lambda: not _samples_left(app), timeout=120, interval=0.5)
            await wait_until(lambda: not _journal_jobs(app.paths.preview_journal), timeout=30)

    with mock.patch.object(preview_journal.SampleCleaner, "clean", cut_short_clean):
        qloop.run_until_complete(quit_mid_way())
    quit_done.set()
    # quitting cut the preview short: its sample job is still named, to be cleaned up next time
    assert _journal_jobs(Paths.under(base).preview_journal)
    qloop.run_until_complete(next_start())


def test_ctrl_4_opens_presets_and_transcode_previews_the_ticked_preset(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, seeded_sandbox_dir: Path
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence, QShortcut

    from qfopgui.ui.presets.preview_dialog import PreviewDialog

    base = new_basedir(seeded_sandbox_dir, tmp_path)

    async def scenario() -> None:
        async with running_app(base) as app:
            await open_folder(app, DEMO, "videos/")
            w = app.window
            (ctrl4,) = [s for s in w.findChildren(QShortcut) if s.key() == QKeySequence("Ctrl+4")]
            ctrl4.activated.emit()
            assert w.current_view() == "presets"
            assert w.stack.currentWidget() is app.presets.view
            w.show_view("files")
            select_files(app, [CLIP_720P])
            dialog = await open_transcode(app)
            model = dialog.presets_model
            for row in range(model.rowCount()):
                item = model.item(row)
                on = item.data(Qt.ItemDataRole.UserRole) == "JPG thumbnail"
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            await wait_until(dialog.preview_button.isEnabled, timeout=10)
            dialog.preview_button.click()
            launcher = app.rt.features.launcher
            await wait_until(lambda: launcher.last_dialog is not None, timeout=5)
            preview = launcher.last_dialog
            assert isinstance(preview, PreviewDialog)
            assert preview.key_edit.text() == CLIP_720P
            await wait_until(lambda: preview.output_boxes(), timeout=60, interval=0.1)
            preview.close()
            dialog.reject()
            await wait_until(lambda: not _samples_left(app), timeout=30, interval=0.3)

    qloop.run_until_complete(scenario())
