"""Import with taken names: one choice per name, reachable and changeable from the keyboard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from qfopgui.core.fops import parse_command
from qfopgui.core.presets import BUILTIN_PRESETS, Preset
from qfopgui.services.preset_import import Conflict, ConflictChoice, ImportPlan
from qfopgui.ui.presets.import_conflicts_dialog import ImportConflictsDialog

MINE = Preset("Poster", (parse_command("vframe/jpg/offset/3"),))
THEIRS = Preset("Poster", (parse_command("vframe/png/offset/1"),))
CLASH = Preset(BUILTIN_PRESETS[0].name, (parse_command("avthumb/mp4/crf/26"),))


def _dialog(qtbot: QtBot) -> ImportConflictsDialog:
    plan = ImportPlan(
        source=Path("in.json"),
        presets=(THEIRS, CLASH),
        new=(),
        conflicts=(Conflict(THEIRS, MINE), Conflict(CLASH, BUILTIN_PRESETS[0])),
    )
    dialog = ImportConflictsDialog(plan)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_tab_goes_from_the_table_through_each_choice_to_the_buttons(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    dialog.table.setFocus(Qt.FocusReason.TabFocusReason)
    stops = []
    for _ in range(8):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        stops.append(QApplication.focusWidget().objectName())
    assert stops[:2] == ["import_choice_0", "import_choice_1"]
    assert stops[2:6] == ["import_all_replace", "import_all_keep", "import_all_skip", "import_ok"]


def test_for_all_buttons_have_mnemonics_and_a_builtin_is_never_replaced(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    replace = dialog.findChild(QPushButton, "import_all_replace")
    assert replace is not None
    assert replace.text() == "&Replace mine"
    qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.decisions()["Poster"] is ConflictChoice.REPLACE)  # animated
    assert dialog.decisions() == {
        "Poster": ConflictChoice.REPLACE,
        BUILTIN_PRESETS[0].name: ConflictChoice.KEEP_BOTH,
    }
