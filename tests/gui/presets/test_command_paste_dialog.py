"""Edit as command: pasted fops, qshell lines and URLs are read live; every parameter the form
cannot hold is listed by name, problems are shown, and Replace / Add say what to do."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from qfopgui.core.preset_form import FormKind
from qfopgui.ui.presets.command_paste_dialog import CommandPasteDialog

pytestmark = pytest.mark.gui


def _dialog(qtbot: Any, text: str = "") -> CommandPasteDialog:
    dialog = CommandPasteDialog(None, text=text)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _items(dialog: CommandPasteDialog) -> list[str]:
    listing = dialog.readings_list
    return [listing.item(i).text() for i in range(listing.count())]


def test_an_unknown_parameter_is_listed_by_name(qtbot: Any) -> None:
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.text_edit, "avthumb/mp4/vb/1m/xfoo/7|saveas/bXlidWNrZXQ6b3V0L2EubXA0")
    [reading] = dialog.readings()
    assert reading.kind is FormKind.AVTHUMB
    assert reading.unrepresented == ("xfoo", "saveas")
    [text] = _items(dialog)
    assert text.startswith("Command 1: Transcode video/audio (avthumb)")
    assert "Not kept by the form: xfoo, saveas" in text
    assert dialog.replace_button.isEnabled()
    assert dialog.add_button.isEnabled()


def test_several_commands_each_get_their_kind_and_problems(qtbot: Any) -> None:
    dialog = _dialog(qtbot, "vframe/jpg/offset/1\navthumb/mp4/crf/99;avconcat/2/mp4/aHR0cDovL2E=")
    items = _items(dialog)
    assert len(items) == 3
    assert items[0].startswith("Command 1: Snapshot (vframe)")
    assert "Quality (CRF) must be between 18 and 28" in items[1]  # read, to fix in the form
    assert items[2].startswith("Command 3: Cannot be used")
    assert "avconcat commands cannot be edited in the preset form" in items[2]
    assert [r.kind for r in dialog.readings()] == [FormKind.VFRAME, FormKind.AVTHUMB, None]


def test_a_qshell_line_and_a_processing_url_are_read(qtbot: Any) -> None:
    dialog = _dialog(
        qtbot, "qshell pfop media raw/a.mov 'avthumb/mp4/s/640x360;vframe/png/offset/2' -p q"
    )
    assert [r.kind for r in dialog.readings()] == [FormKind.AVTHUMB, FormKind.VFRAME]
    assert dialog.readings()[0].values["s"] == "640x360"
    dialog.text_edit.setPlainText("https://cdn.example.com/v.mp4?vframe/jpg/offset/7/w/480")
    [reading] = dialog.readings()
    assert reading.kind is FormKind.VFRAME
    assert (reading.values["offset"], reading.values["w"]) == (7.0, 480)


def test_text_that_cannot_be_used_disables_both_choices(qtbot: Any) -> None:
    dialog = _dialog(qtbot)
    assert not dialog.replace_button.isEnabled()
    assert _items(dialog) == []
    dialog.text_edit.setPlainText("qshell stat media a.mov")
    assert not dialog.replace_button.isEnabled()
    assert not dialog.add_button.isEnabled()
    assert "Only qshell pfop command lines can be read" in _items(dialog)[0]


@pytest.mark.parametrize(("button", "replace"), [("replace_button", True), ("add_button", False)])
def test_replace_or_add_accepts_and_says_which(qtbot: Any, button: str, replace: bool) -> None:
    dialog = _dialog(qtbot, "vframe/jpg/offset/1")
    with qtbot.waitSignal(dialog.finished) as finished:
        qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
    assert finished.args == [QDialog.DialogCode.Accepted.value]
    assert dialog.replace_chosen() is replace
    assert len(dialog.readings()) == 1
