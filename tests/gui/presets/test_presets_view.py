"""The library list: built-ins locked and first, the user's own after them, search by words."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from qfopgui.core.fops import parse_command
from qfopgui.core.presets import BUILTIN_PRESETS, Preset
from qfopgui.i18n import install_translations
from qfopgui.ui.presets.preset_editor import PresetEditor
from qfopgui.ui.presets.presets_model import BuiltinRole, NameRole
from qfopgui.ui.presets.presets_view import PresetsView

MINE = (
    Preset("Poster 640", (parse_command("vframe/jpg/offset/3/w/640"),), description="Cover"),
    Preset("Web 1080p", (parse_command("avthumb/mp4/s/1920x1080/crf/20/ab/192k"),)),
)


def make_view(qtbot: QtBot) -> PresetsView:
    view = PresetsView(QWidget())
    qtbot.addWidget(view)
    view.set_presets((*BUILTIN_PRESETS, *MINE), BUILTIN_PRESETS[0].name)
    return view


def test_builtins_come_first_and_are_marked_locked(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    model = view.model
    assert model.rowCount() == len(BUILTIN_PRESETS) + 2
    first, last = model.index(0, 0), model.index(model.rowCount() - 1, 0)
    assert first.data(BuiltinRole) is True
    assert "locked" in first.data(Qt.ItemDataRole.ToolTipRole)
    assert last.data(BuiltinRole) is False
    assert last.data(NameRole) == "Web 1080p"
    assert view.counts.text() == f"{len(BUILTIN_PRESETS)} built-in · 2 yours"


def test_search_matches_name_description_and_command_words(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.search.setText("crf")
    assert view.visible_names() == ["Web 1080p"]
    view.search.setText("cover")
    assert view.visible_names() == ["Poster 640"]
    view.search.setText("poster   640")  # every word, any order and spacing
    assert view.visible_names() == ["Poster 640"]
    view.search.setText("no such thing")
    assert view.visible_names() == []
    assert view.empty_search.isVisibleTo(view)
    view.search.clear()
    assert len(view.visible_names()) == len(BUILTIN_PRESETS) + 2
    assert not view.empty_search.isVisibleTo(view)


def test_picking_a_row_asks_the_controller_and_showing_one_does_not(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    asked: list[str] = []
    view.selection_requested.connect(asked.append)
    view.show_current("Poster 640")  # the controller's own decision: no request
    assert asked == []
    assert view.current_name() == "Poster 640"
    row = view.proxy.mapFromSource(view.model.index(view.model.row_of("Web 1080p"), 0))
    view.list.setCurrentIndex(row)  # the user's click
    assert asked == ["Web 1080p"]
    assert view.current_name() == "Poster 640"  # unchanged until the controller shows it


def test_tabbing_into_the_list_does_not_switch_presets(qtbot: QtBot) -> None:
    """A new preset is being edited (no row current): Qt makes the first row current when the
    list gets focus, but that is not the user picking a preset."""
    view = make_view(qtbot)
    view.show()
    qtbot.waitExposed(view)
    view.show_current(None)
    asked: list[str] = []
    view.selection_requested.connect(asked.append)
    focus_in = QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.TabFocusReason)
    QApplication.sendEvent(view.list, focus_in)
    assert view.list.currentIndex().isValid()  # Qt's focus row, shown but not selected
    assert asked == []


def test_a_click_or_an_arrow_key_asks_for_that_preset(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.show()
    qtbot.waitExposed(view)
    asked: list[str] = []
    view.selection_requested.connect(asked.append)
    names = view.visible_names()
    rect = view.list.visualRect(view.proxy.index(2, 0))
    qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert asked == [names[2]]
    view.show_current(names[2])  # the controller loaded it
    qtbot.keyClick(view.list, Qt.Key.Key_Down)
    assert asked == [names[2], names[3]]


def test_a_wide_editor_never_squeezes_the_library_buttons(qtbot: QtBot) -> None:
    editor = QWidget()
    editor.setMinimumWidth(760)  # the editor's own minimum, in a 1024 px window
    view = PresetsView(editor)
    qtbot.addWidget(view)
    view.set_presets(BUILTIN_PRESETS, BUILTIN_PRESETS[0].name)
    view.resize(874, 600)  # what is left of 1024 px beside the navigation
    view.show()
    qtbot.waitExposed(view)
    for button in (view.new_button, view.import_button, view.export_button):
        assert button.width() >= button.sizeHint().width(), button.text()


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_no_two_buttons_or_labels_share_a_mnemonic(qtbot: QtBot, qapp: Any, lang: str) -> None:
    """Alt+letter reaches one thing: a clash only moves the focus between the two."""
    translators = install_translations(qapp, lang)
    try:
        editor = PresetEditor()
        view = PresetsView(editor)
        qtbot.addWidget(view)
        view.set_presets((*BUILTIN_PRESETS, *MINE), MINE[1].name)
        editor.load(MINE[1], locked=False)
        view.resize(1000, 640)
        view.show()
        taken: dict[str, str] = {"a": "Account menu", "h": "Help menu"}  # the main window's
        for widget in view.findChildren(QWidget):
            if not widget.isVisible():
                continue
            if isinstance(widget, QLabel) and widget.buddy() is None:
                continue  # a label without a field has no mnemonic to clash
            if not isinstance(widget, QAbstractButton | QLabel):
                continue
            text = widget.text()
            found = re.search(r"&([^&])", text)
            if found is None:
                continue
            letter = found.group(1).lower()
            assert letter not in taken, (lang, text, taken.get(letter))
            taken[letter] = text
        assert len(taken) > 10
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_ctrl_s_saves_while_the_list_or_the_search_has_the_focus(qtbot: QtBot) -> None:
    editor = PresetEditor()
    view = PresetsView(editor)
    qtbot.addWidget(view)
    view.set_presets((*BUILTIN_PRESETS, *MINE), MINE[1].name)
    editor.load(MINE[1], locked=False)
    editor.description_edit.setText("changed")
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    for where in (view.search, view.list):
        where.setFocus()
        with qtbot.waitSignal(editor.save_requested, timeout=1000):
            qtbot.keyClick(where, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
