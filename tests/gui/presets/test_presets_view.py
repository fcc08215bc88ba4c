"""The library list: built-ins locked and first, the user's own after them, search by words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from qfopgui.core.fops import parse_command
from qfopgui.core.presets import BUILTIN_PRESETS, Preset
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
