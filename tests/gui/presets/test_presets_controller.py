"""The Presets feature end to end inside the UI layer: the real library on a temp file, the real
editor and view; only the questions (file pickers, confirmations) are scripted."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from qfopgui.core.fops import parse_command
from qfopgui.core.presets import BUILTIN_PRESETS, FILE_VERSION, Preset, presets_to_json
from qfopgui.services.preset_import import ConflictChoice, ImportPlan
from qfopgui.services.preset_library import PresetLibrary
from qfopgui.ui.background import TaskOwner, TaskStarter
from qfopgui.ui.presets.controller import PresetsController
from qfopgui.ui.presets.questions import UnsavedAnswer

MINE = Preset("Poster", (parse_command("vframe/jpg/offset/3/w/640"),), description="Cover")


class Shell:
    def __init__(self) -> None:
        self.banners: dict[str, tuple[str, str]] = {}
        self.status: dict[str, str] = {}
        self.shown: list[str] = []

    def show_banner(self, key: str, text: str, *, level: str = "info") -> None:
        self.banners[key] = (text, level)

    def hide_banner(self, key: str) -> None:
        self.banners.pop(key, None)

    def set_status(self, section: str, text: str) -> None:
        self.status[section] = text

    def show_view(self, key: str) -> None:
        self.shown.append(key)


class Questions:
    """Scripted answers; every question asked is recorded."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.unsaved_answer = UnsavedAnswer.CANCEL
        self.delete_answer = True
        self.name: str | None = None
        self.open: Path | None = None
        self.save: Path | None = None
        self.decisions: dict[str, ConflictChoice] | None = None
        self.plans: list[ImportPlan] = []
        self.told: list[tuple[str, bool]] = []

    async def unsaved(self, name: str) -> UnsavedAnswer:
        self.asked.append(f"unsaved:{name}")
        return self.unsaved_answer

    async def confirm_delete(self, name: str) -> bool:
        self.asked.append(f"delete:{name}")
        return self.delete_answer

    async def new_name(self, initial: str) -> str | None:
        self.asked.append(f"name:{initial}")
        return self.name

    async def import_path(self) -> Path | None:
        return self.open

    async def export_path(self, suggested: str) -> Path | None:
        self.asked.append(f"export:{suggested}")
        return self.save

    async def conflicts(self, plan: ImportPlan) -> dict[str, ConflictChoice] | None:
        self.plans.append(plan)
        return self.decisions

    async def tell(self, title: str, text: str, *, error: bool = False) -> None:
        self.told.append((text, error))


async def inline(fn: Callable[[], Any]) -> Any:
    return fn()


@pytest.fixture
def env(qtbot: QtBot, qloop: asyncio.AbstractEventLoop, tmp_path: Path) -> Any:
    class Env:
        path = tmp_path / "presets.json"
        shell = Shell()
        questions = Questions()
        owner = TaskOwner()

        def make(self) -> PresetsController:
            self.library = PresetLibrary(self.path)
            c = PresetsController(
                self.shell, self.library, inline, TaskStarter(self.owner), self.questions
            )
            qtbot.addWidget(c.view)
            return c

        def run(self, coro: Any) -> Any:
            return qloop.run_until_complete(coro)

    return Env()


def set_name(c: PresetsController, name: str) -> None:
    c.editor.name_edit.setText(name)


def test_a_new_preset_is_saved_to_the_library_file_and_survives_reopening(env: Any) -> None:
    c = env.make()
    env.run(c.new_preset())
    assert c.editor.is_new()
    assert c.editor.is_dirty()
    set_name(c, "Web small")
    assert env.run(c.save()) is True
    assert not c.editor.is_dirty()
    assert c.editor.original_name() == "Web small"
    stored = json.loads(env.path.read_text(encoding="utf-8"))["presets"]
    assert [p["name"] for p in stored] == ["Web small"]
    saved = env.library.get("Web small")
    again = env.make()
    assert env.library.get("Web small") == saved is not None
    assert "Web small" in [p.name for p in again.presets()]


def test_switching_away_from_unsaved_changes_asks_and_cancel_keeps_them(env: Any) -> None:
    c = env.make()
    env.run(c.new_preset())
    set_name(c, "Half done")
    env.questions.unsaved_answer = UnsavedAnswer.CANCEL
    env.run(c.select(BUILTIN_PRESETS[1].name))
    assert env.questions.asked == ["unsaved:Half done"]
    assert c.editor.is_dirty()
    assert c.editor.current().preset.name == "Half done"
    assert env.library.get("Half done") is None

    env.questions.unsaved_answer = UnsavedAnswer.SAVE
    env.run(c.select(BUILTIN_PRESETS[1].name))
    assert env.library.get("Half done") is not None
    assert c.editor.original_name() == BUILTIN_PRESETS[1].name
    assert c.editor.is_locked()


def test_discarding_loads_the_other_preset_and_saves_nothing(env: Any) -> None:
    c = env.make()
    env.run(c.new_preset())
    env.questions.unsaved_answer = UnsavedAnswer.DISCARD
    env.run(c.select(BUILTIN_PRESETS[2].name))
    assert c.editor.original_name() == BUILTIN_PRESETS[2].name
    assert not c.editor.is_dirty()
    assert env.library.custom() == ()
    assert not env.path.exists()


def test_unchanged_editor_switches_without_asking(env: Any) -> None:
    c = env.make()
    env.run(c.select(BUILTIN_PRESETS[3].name))
    assert env.questions.asked == []
    assert c.editor.original_name() == BUILTIN_PRESETS[3].name


def test_export_all_delete_all_import_gives_identical_presets(env: Any, tmp_path: Path) -> None:
    c = env.make()
    second = Preset("Clip 30s", (parse_command("avthumb/mp4/t/30/crf/23"),), never_upscale=None)
    for p in (MINE, second):
        env.library.save(p)
    before = env.library.custom()
    env.questions.save = tmp_path / "shared.json"
    env.run(c.export_all())
    assert env.questions.save.exists()
    for p in before:
        env.run(c.select(p.name))
        env.run(c.delete())
    assert env.library.custom() == ()
    env.questions.open = env.questions.save
    env.run(c.import_file())
    assert env.library.custom() == before
    assert env.questions.plans == []  # no names clashed, nothing to ask


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps({"version": FILE_VERSION + 1, "presets": []}), "newer qfopgui"),
        (json.dumps({"version": FILE_VERSION, "presets": [{"name": "x"}]}), "commands"),
    ],
)
def test_a_bad_import_file_changes_nothing_and_says_why(
    env: Any, tmp_path: Path, content: str, why: str
) -> None:
    c = env.make()
    env.library.save(MINE)
    library_text = env.path.read_text(encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    env.questions.open = bad
    env.run(c.import_file())
    (text, error), *_ = env.questions.told
    assert error
    assert why in text
    assert env.library.custom() == (MINE,)
    assert env.path.read_text(encoding="utf-8") == library_text


def test_import_with_taken_names_asks_and_applies_each_choice(env: Any, tmp_path: Path) -> None:
    c = env.make()
    env.library.save(MINE)
    changed = Preset("Poster", (parse_command("vframe/png/offset/1"),))
    other = Preset("Other", (parse_command("avthumb/mp3/ab/192k"),))
    builtin_clash = Preset(BUILTIN_PRESETS[0].name, (parse_command("avthumb/mp4/crf/26"),))
    source = tmp_path / "in.json"
    source.write_text(presets_to_json([changed, other, builtin_clash]), encoding="utf-8")
    env.questions.open = source
    env.questions.decisions = None  # Cancel: nothing imported
    env.run(c.import_file())
    assert env.library.custom() == (MINE,)
    env.questions.decisions = {
        "Poster": ConflictChoice.REPLACE,
        BUILTIN_PRESETS[0].name: ConflictChoice.KEEP_BOTH,
    }
    env.run(c.import_file())
    names = [p.name for p in env.library.custom()]
    assert names == ["Poster", "Other", f"{BUILTIN_PRESETS[0].name} 2"]
    assert env.library.get("Poster").commands == changed.commands
    assert "Replaced: Poster" in env.shell.status["presets"]


def test_delete_asks_first_and_no_keeps_the_preset(env: Any) -> None:
    c = env.make()
    env.library.save(MINE)
    env.run(c.select("Poster"))
    env.questions.delete_answer = False
    env.run(c.delete())
    assert env.library.get("Poster") is not None
    assert env.questions.asked == ["delete:Poster"]
    env.questions.delete_answer = True
    env.run(c.delete())
    assert env.library.get("Poster") is None
    shown = c.editor.original_name()  # another preset is shown, not the deleted one
    assert shown is not None
    assert shown != "Poster"
    assert c.view.current_name() == shown
    assert env.shell.status["presets"] == "Deleted “Poster”."


def test_duplicate_of_a_builtin_is_editable_and_saved(env: Any) -> None:
    c = env.make()
    name = BUILTIN_PRESETS[0].name
    env.run(c.select(name))
    assert c.editor.is_locked()
    env.run(c.duplicate())
    assert not c.editor.is_locked()
    assert c.editor.original_name() == f"{name} copy"
    assert env.library.get(f"{name} copy").commands == BUILTIN_PRESETS[0].commands


def test_save_as_makes_a_second_preset_and_keeps_the_first(env: Any) -> None:
    c = env.make()
    env.library.save(MINE)
    env.run(c.select("Poster"))
    env.questions.name = "Poster big"
    env.run(c.save_as())
    assert env.questions.asked == ["name:Poster copy"]
    assert [p.name for p in env.library.custom()] == ["Poster", "Poster big"]
    assert c.editor.original_name() == "Poster big"


def test_a_damaged_library_is_reported_and_a_read_only_one_refuses_saving(env: Any) -> None:
    env.path.write_text(json.dumps({"version": FILE_VERSION + 5, "presets": []}), "utf-8")
    c = env.make()
    text, level = env.shell.banners["presets"]
    assert level == "error"
    assert "newer qfopgui" in text
    env.run(c.new_preset())
    assert env.run(c.save()) is False
    assert env.questions.told
    assert env.questions.told[-1][1] is True
    assert json.loads(env.path.read_text("utf-8"))["version"] == FILE_VERSION + 5


def test_a_new_preset_puts_the_cursor_in_its_name_ready_to_type(env: Any, qtbot: QtBot) -> None:
    c = env.make()
    c.view.resize(1000, 640)
    c.view.show()
    c.view.activateWindow()
    qtbot.waitUntil(c.view.isActiveWindow)
    c.view.search.setFocus()
    env.run(c.new_preset())
    assert c.editor.name_edit.hasFocus()
    qtbot.keyClicks(c.editor.name_edit, "Web 720p")  # replaces "New preset"
    assert c.editor.current().preset is not None
    assert c.editor.current().preset.name == "Web 720p"


def test_the_list_marks_the_preset_with_unsaved_edits_until_saved(env: Any) -> None:
    from PySide6.QtCore import Qt

    env.make().deleteLater()
    env.library.save(MINE)
    c = env.make()  # a library file that already holds the preset
    env.run(c.select("Poster"))
    model = c.view.model

    def shown() -> str:
        return str(model.index(model.row_of("Poster"), 0).data(Qt.ItemDataRole.DisplayRole))

    assert shown() == "Poster"
    c.editor.description_edit.setText("Cover, 640 wide")
    assert shown() == "Poster •"
    c.editor.description_edit.setText("Cover")  # back as saved: nothing to save
    assert shown() == "Poster"
    c.editor.description_edit.setText("Cover, 640 wide")
    assert env.run(c.save()) is True
    assert shown() == "Poster"
