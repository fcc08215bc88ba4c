"""The preset editor: filling a preset through the widgets gives the fop strings core builds,
unsaved changes compare preset values, built-ins are locked, and everything fits 760×560."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QWidget,
)

from qfopgui.core.fops import parse_command
from qfopgui.core.plan import plan_job
from qfopgui.core.preset_form import FormKind, command_from_form, edit_as_command, new_form
from qfopgui.core.presets import BUILTIN_PRESETS, Preset
from qfopgui.core.upscale import UpscalePolicy
from qfopgui.i18n import install_translations
from qfopgui.ui.presets.command_form import CommandForm
from qfopgui.ui.presets.preset_editor import PresetEditor

pytestmark = pytest.mark.gui

NOW = datetime(2024, 5, 21, 10, 30, 0)
MINE = Preset(
    "Interview 720p",
    (
        parse_command("avthumb/mp4/s/1280x720/autoscale/1/crf/23/acodec/aac/ab/128k"),
        parse_command("vframe/jpg/offset/1"),
    ),
)


def _editor(qtbot: Any) -> PresetEditor:
    editor = PresetEditor(now=lambda: NOW)
    qtbot.addWidget(editor)
    editor.resize(760, 560)
    editor.show()
    return editor


def _field(form: CommandForm, field_id: str) -> QWidget:
    found = form.findChild(QWidget, f"field_{field_id}")
    assert found is not None, field_id
    return found


def _line(form: CommandForm, field_id: str) -> QLineEdit:
    widget = _field(form, field_id)
    assert isinstance(widget, QLineEdit)
    return widget


def _choose(form: CommandForm, field_id: str, value: object) -> None:
    combo = _field(form, field_id)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(value))


def _type(qtbot: Any, edit: QLineEdit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def _add(editor: PresetEditor, kind: FormKind) -> CommandForm:
    action = (
        editor.findChild(QWidget, "add_command_button")
        .menu()
        .findChild(  # type: ignore[union-attr]
            object, f"add_{kind.value}"
        )
    )
    action.trigger()  # type: ignore[union-attr]
    return editor.forms()[-1]


def _buttons(editor: PresetEditor) -> dict[str, bool]:
    names = ("save", "save_as", "revert", "duplicate", "delete", "preview")
    return {n: editor.findChild(QWidget, f"{n}_button").isEnabled() for n in names}  # type: ignore[union-attr]


def test_the_issues_custom_preset_filled_in_the_form_gives_cores_fops(qtbot: Any) -> None:
    """720p, CRF 23, AAC 128k, a 2 s clip, plus a JPG at 1 s — never typing a fop string."""
    editor = _editor(qtbot)
    editor.load(Preset("", ()), locked=False, new=True)
    qtbot.keyClicks(editor.name_edit, "  Interview 720p ")
    video = _add(editor, FormKind.AVTHUMB)
    _choose(video, "resolution", "720p")
    video.findChild(QRadioButton, "use_crf").click()  # type: ignore[union-attr]
    _type(qtbot, _line(video, "crf"), "23")
    _choose(video, "acodec", "aac")
    _type(qtbot, _line(video, "ab"), "128k")
    _type(qtbot, _line(video, "t"), "2")
    picture = _add(editor, FormKind.VFRAME)
    _type(qtbot, _line(picture, "offset"), "1")

    by_hand = [
        command_from_form(
            "avthumb",
            {**new_form("avthumb"), "resolution": "720p", "crf": 23, "acodec": "aac"}
            | {"ab": "128k", "t": 2},
        ).command,
        command_from_form("vframe", {**new_form("vframe"), "offset": 1}).command,
    ]
    assert all(c is not None for c in by_hand)
    expected = [c.build() for c in by_hand if c is not None]
    assert expected == [
        "avthumb/mp4/s/1280x720/crf/23/acodec/aac/ab/128k/t/2",
        "vframe/jpg/offset/1",
    ]
    assert editor.fop_lines() == expected
    result = editor.current()
    assert result.problems == ()
    assert result.preset is not None
    assert result.preset.name == "Interview 720p"  # stripped
    assert [c.build() for c in result.preset.commands] == expected
    assert editor.tabs.tabText(0) == "MP4 video"
    assert editor.tabs.tabText(1) == "JPG snapshot"
    assert editor.is_new()
    assert editor.is_dirty()
    assert editor.original_name() is None
    assert _buttons(editor)["save"]
    # the output names come from core's naming, for the example file
    plan = plan_job("bucket", "videos/interview.mp4", [result.preset], "bucket", None, 1, NOW)
    for output in plan.outputs:
        assert output.output_key in editor.example_label.text()
    assert "videos/interview_interview-720p.mp4" in editor.example_label.text()


def test_an_invalid_value_is_named_at_its_field_and_blocks_save(qtbot: Any) -> None:
    editor = _editor(qtbot)
    editor.load(MINE, locked=False)
    form = editor.forms()[0]
    _type(qtbot, _line(form, "crf"), "99")
    problem = form.findChild(QLabel, "problem_crf")
    assert problem is not None
    assert problem.isVisible()
    assert "between 18 and 28" in problem.text()
    assert editor.current().preset is None
    assert [p.field for p in editor.current().problems] == ["crf"]
    assert editor.is_dirty()
    assert _buttons(editor) == {
        "save": False,
        "save_as": False,
        "revert": True,
        "duplicate": False,
        "delete": True,
        "preview": False,
    }
    assert "MP4 video: Quality (CRF) must be between 18 and 28" in editor.problems_label.text()
    assert "fix the problems" in editor.fop_lines()[0]
    assert editor.tabs.tabBar().tabTextColor(0).name() == "#c0392b"


def test_a_bad_output_name_is_shown_instead_of_the_example(qtbot: Any) -> None:
    editor = _editor(qtbot)
    editor.load(MINE, locked=False)
    assert editor.example_label.text() == (
        "For videos/interview.mp4: videos/interview_interview-720p.mp4, "
        "videos/interview_interview-720p.jpg"
    )
    _type(qtbot, editor.template_edit, "{nope}.{ext}")
    assert "Unknown token {nope}" in editor.example_label.text()
    assert editor.current().preset is None
    assert not _buttons(editor)["save"]
    _type(qtbot, editor.template_edit, "out/{name}.{ext}")
    assert editor.example_label.text().endswith("out/interview.mp4, out/interview.jpg")
    assert editor.current().preset is not None


def test_unsaved_changes_compare_values_not_edits(qtbot: Any) -> None:
    editor = _editor(qtbot)
    changed: list[bool] = []
    editor.changed.connect(lambda: changed.append(editor.is_dirty()))
    editor.load(MINE, locked=False)
    assert not editor.is_dirty()
    assert not _buttons(editor)["save"]
    assert editor.original_name() == "Interview 720p"
    assert not editor.is_new()
    form = editor.forms()[0]
    _type(qtbot, _line(form, "crf"), "24")
    assert editor.is_dirty()
    assert _buttons(editor)["save"]
    _type(qtbot, _line(form, "crf"), "23")
    assert not editor.is_dirty()
    assert not _buttons(editor)["save"]
    assert changed
    assert changed[-1] is False
    editor.upscale_combo.setCurrentIndex(editor.upscale_combo.findData(UpscalePolicy.SKIP))
    assert editor.is_dirty()
    assert editor.current().preset.never_upscale is UpscalePolicy.SKIP  # type: ignore[union-attr]
    _type(qtbot, editor.name_edit, "Interview HD")
    saved = editor.current().preset
    assert saved is not None
    editor.mark_saved(saved)
    assert not editor.is_dirty()
    assert editor.original_name() == "Interview HD"
    _type(qtbot, _line(form, "crf"), "20")
    assert editor.is_dirty()
    remove = editor.findChild(QAbstractButton, "remove_command_button")
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert len(editor.forms()) == 1
    assert editor.is_dirty()
    assert editor.fop_lines() == ["vframe/jpg/offset/1"]


def test_a_loaded_command_keeps_what_the_form_cannot_show_until_it_is_changed(
    qtbot: Any,
) -> None:
    command = parse_command("avthumb/mp4/vb/1m/h264Profile/main/af/volume=1.5")
    editor = _editor(qtbot)
    editor.load(Preset("Odd", (command,)), locked=False)
    assert not editor.is_dirty()
    assert editor.fop_lines() == [command.build()]
    form = editor.forms()[0]
    assert form.kept_note.isVisible()
    assert form.kept_note.text.endswith("h264Profile, af")
    _type(qtbot, _line(form, "vb"), "2m")
    assert editor.fop_lines() == ["avthumb/mp4/vb/2m"]
    assert "left out" in form.kept_note.text
    _type(qtbot, _line(form, "vb"), "1m")
    assert editor.fop_lines() == [command.build()]
    assert not editor.is_dirty()


def test_a_built_in_preset_is_locked(qtbot: Any) -> None:
    editor = _editor(qtbot)
    builtin = BUILTIN_PRESETS[0]
    editor.load(builtin, locked=True)
    assert editor.is_locked()
    assert not editor.is_dirty()
    assert editor.locked_note.isVisible()
    assert editor.locked_note.text() == "Built-in presets are locked. Duplicate to edit."
    assert _buttons(editor) == {
        "save": False,
        "save_as": False,
        "revert": False,
        "duplicate": True,
        "delete": False,
        "preview": True,
    }
    duplicate = editor.findChild(QAbstractButton, "duplicate_button")
    assert duplicate is not None
    assert duplicate.text().replace("&", "") == "Duplicate to edit"
    for name in ("name_edit", "description_edit", "template_edit"):
        edit = editor.findChild(QLineEdit, name)
        assert edit is not None
        assert edit.isReadOnly()
    assert not editor.upscale_combo.isEnabled()
    for name in ("add_command_button", "remove_command_button", "edit_as_command_button"):
        assert not editor.findChild(QWidget, name).isEnabled()  # type: ignore[union-attr]
    for form in editor.forms():
        assert form.is_read_only()
        for edit in form.findChildren(QLineEdit):
            assert edit.isReadOnly() or not edit.isEnabled()
        for combo in form.findChildren(QComboBox):
            assert not combo.isEnabled()
    assert editor.current().preset == builtin
    with qtbot.waitSignal(editor.duplicate_requested):
        qtbot.mouseClick(duplicate, Qt.MouseButton.LeftButton)
    editor.load(MINE, locked=False)  # unlocked again
    assert not editor.locked_note.isVisible()
    assert editor.forms()[0].is_read_only() is False


def test_buttons_and_shortcuts_emit_the_requests(qtbot: Any) -> None:
    editor = _editor(qtbot)
    editor.load(MINE, locked=False)
    for name, signal in (
        ("save_as_button", editor.save_as_requested),
        ("delete_button", editor.delete_requested),
        ("preview_button", editor.preview_requested),
        ("duplicate_button", editor.duplicate_requested),
        ("edit_as_command_button", editor.edit_as_command_requested),
    ):
        button = editor.findChild(QAbstractButton, name)
        assert button is not None
        with qtbot.waitSignal(signal, timeout=1000):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    _type(qtbot, editor.description_edit, "For the web")
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.name_edit.setFocus()
    with qtbot.waitSignal(editor.save_requested, timeout=1000):
        qtbot.keyClick(editor.name_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(editor.revert_requested, timeout=1000):
        qtbot.mouseClick(
            editor.findChild(QAbstractButton, "revert_button"), Qt.MouseButton.LeftButton
        )
    editor.set_busy(True)
    assert not any(_buttons(editor).values())
    assert editor.forms()[0].is_read_only()
    editor.set_busy(False)
    assert _buttons(editor)["save"]


def test_tab_goes_from_the_commands_tabs_through_their_fields_to_the_preview(
    qtbot: Any,
) -> None:
    """Pages are made after the editor's bottom row: Tab still reaches a command's fields
    right after its tab, and the fop preview and buttons after the last field."""
    editor = _editor(qtbot)
    editor.load(MINE, locked=False)
    _add(editor, FormKind.VSAMPLE)  # a command added later takes the same place
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    for index, form in enumerate(editor.forms()):
        editor.tabs.setCurrentIndex(index)
        bar = editor.tabs.tabBar()
        bar.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(bar, Qt.Key.Key_Tab)
        first = QApplication.focusWidget()
        assert first is not None
        assert form.isAncestorOf(first), (index, first.objectName())
        stops = []
        while form.isAncestorOf(QApplication.focusWidget()) and len(stops) < 200:
            stops.append(QApplication.focusWidget())
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is editor.fop_preview, index
        assert len(stops) >= 4
        qtbot.keyClick(editor.fop_preview, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is editor.revert_button  # Save waits for a valid form


def test_edit_as_command_readings_replace_or_add_tabs(qtbot: Any) -> None:
    editor = _editor(qtbot)
    editor.load(MINE, locked=False)
    readings = edit_as_command("avthumb/mp3/ab/192k/af/volume=1.5;avinfo")
    editor.apply_readings(readings, replace=False)
    assert len(editor.forms()) == 3  # avinfo cannot be used and is skipped
    assert editor.tabs.currentIndex() == 2
    pasted = editor.forms()[2]
    assert pasted.not_kept_note.isVisible()
    assert pasted.not_kept_note.text.endswith(": af")
    assert editor.fop_lines()[2] == "avthumb/mp3/ab/192k"
    editor.apply_readings(edit_as_command("vframe/png/offset/3"), replace=True)
    assert editor.fop_lines() == ["vframe/png/offset/3"]
    assert editor.is_dirty()


def test_commands_the_form_cannot_edit_are_kept_as_they_are(qtbot: Any) -> None:
    concat = parse_command("avinfo")
    editor = _editor(qtbot)
    editor.load(Preset("Info", (concat,)), locked=False)
    assert editor.forms() == []
    assert editor.tabs.count() == 1
    assert editor.tabs.tabText(0) == "avinfo"
    assert editor.fop_lines() == ["avinfo"]
    assert not editor.is_dirty()


def test_nothing_selected_is_an_empty_disabled_editor(qtbot: Any) -> None:
    editor = _editor(qtbot)
    assert editor.hint_label.isVisible()
    assert editor.current().preset is None
    assert not editor.is_dirty()
    assert not any(_buttons(editor).values())
    editor.load(MINE, locked=False)
    editor.clear()
    assert editor.hint_label.isVisible()
    assert editor.forms() == []
    assert editor.original_name() is None


@pytest.fixture(params=["en", "zh_CN"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    translators = install_translations(qapp, request.param)
    yield request.param
    for translator in translators:
        qapp.removeTranslator(translator)


def test_the_editor_fits_760_by_560_without_clipping(
    qtbot: Any, language: str, tmp_path: Path
) -> None:
    editor = _editor(qtbot)
    editor.load(MINE, locked=False)
    _type(qtbot, _line(editor.forms()[0], "crf"), "99")  # a problem line too
    qtbot.wait(10)
    hint = editor.minimumSizeHint()
    assert hint.width() <= 760
    assert hint.height() <= 560
    assert editor.grab().save(str(tmp_path / f"preset_editor_{language}.png"))
    scrolled = editor.findChildren(QScrollArea)
    inside = {w for area in scrolled for w in area.widget().findChildren(QWidget)}
    for widget in editor.findChildren(QWidget):
        if widget in inside or not widget.isVisible() or widget.window() is not editor:
            continue
        if isinstance(widget, QAbstractButton | QLabel | QLineEdit | QComboBox):
            top_left = widget.mapTo(editor, widget.rect().topLeft())
            assert editor.rect().contains(top_left), widget.objectName()
            bottom_right = widget.mapTo(editor, widget.rect().bottomRight())
            assert editor.rect().contains(bottom_right), widget.objectName()
            if isinstance(widget, QAbstractButton):  # a squeezed button would cut its words
                assert widget.width() >= widget.minimumSizeHint().width(), widget.text()
    if language == "zh_CN":
        assert editor.findChild(QAbstractButton, "save_button").text() == "保存(&S)"  # type: ignore[union-attr]


def test_unsaved_changes_are_said_in_words_not_only_by_enabled_buttons(qtbot: Any) -> None:
    editor = _editor(qtbot)
    editor.load(MINE, locked=False)
    assert not editor.unsaved_label.isVisible()
    form = editor.forms()[0]
    _type(qtbot, _line(form, "crf"), "24")
    assert editor.unsaved_label.isVisible()
    _type(qtbot, _line(form, "crf"), "23")
    assert not editor.unsaved_label.isVisible()
    editor.load(BUILTIN_PRESETS[0], locked=True)
    assert not editor.unsaved_label.isVisible()


def test_a_long_description_shows_its_beginning(qtbot: Any) -> None:
    editor = _editor(qtbot)
    words = "For the web: " + "a long explanation of what it is for, " * 6
    editor.load(Preset("Long", MINE.commands, description=words), locked=False)
    assert editor.description_edit.cursorPosition() == 0
    assert editor.description_edit.toolTip() == words


def test_accessible_names_read_without_the_mnemonic(qtbot: Any, language: str) -> None:
    """A screen reader says "Save" / "保存", not "保存(S)"."""
    editor = _editor(qtbot)
    editor.load(MINE, locked=False)
    named = [
        w
        for w in editor.findChildren(QWidget)
        if isinstance(w, QAbstractButton | QLineEdit | QComboBox) and w.accessibleName()
    ]
    assert len(named) > 10
    for widget in named:
        name = widget.accessibleName()
        assert "&" not in name, name
        assert re.search(r"[(（][A-Z][)）]", name) is None, name
    if language == "zh_CN":
        assert editor.save_button.accessibleName() == "保存"
