"""The Presets feature: the library view and the editor, and what their buttons do.

The library (``services.preset_library``) is Qt-free and writes its file; every call that may
touch the disk runs on the serial store executor. Edits are never lost silently: before another
preset is shown, a new one is started, a file is imported or the app quits, unsaved changes are
offered for saving (``allow_leave``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine, Sequence
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal

from qfopgui.core.fops import Problem
from qfopgui.core.preset_form import FormKind, command_from_form, new_form
from qfopgui.core.presets import Preset, PresetError, unique_name
from qfopgui.services.executors import RunIn
from qfopgui.services.preset_import import ImportResult
from qfopgui.services.preset_library import PresetLibrary
from qfopgui.ui.background import TaskStarter
from qfopgui.ui.presets.command_paste_dialog import CommandPasteDialog
from qfopgui.ui.presets.preset_editor import PresetEditor
from qfopgui.ui.presets.presets_view import PresetsView
from qfopgui.ui.presets.questions import PresetsQuestions, UnsavedAnswer
from qfopgui.ui.translated_messages import (
    preset_display_name,
    preset_error_text,
    preset_library_health_text,
    problem_text,
)

log = logging.getLogger(__name__)

BANNER = "presets"
NEW_NAME = "New preset"
PreviewFn = Callable[[Preset], None]
T = TypeVar("T")


class PresetsShell(Protocol):
    """What the feature needs from the main window."""

    def show_banner(self, key: str, text: str, *, level: str = "info") -> None: ...
    def hide_banner(self, key: str) -> None: ...
    def set_status(self, section: str, text: str) -> None: ...
    def show_view(self, key: str) -> None: ...


class PresetsController(QObject):
    """Signals: library_changed() after the library's presets changed (the Transcode dialog
    offers them the next time it opens)."""

    library_changed = Signal()

    def __init__(
        self,
        shell: PresetsShell,
        library: PresetLibrary,
        run_store: RunIn,
        tasks: TaskStarter,
        questions: PresetsQuestions,
        *,
        preview: PreviewFn | None = None,
        editor: PresetEditor | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._shell = shell
        self._library = library
        self._run_store = run_store
        self._tasks = tasks
        self._ask = questions
        self._preview = preview
        self.editor = editor or PresetEditor()
        self.view = PresetsView(self.editor)
        v, e = self.view, self.editor
        v.selection_requested.connect(lambda name: self._command(self.select(name), "select"))
        v.new_requested.connect(lambda: self._command(self.new_preset(), "new"))
        v.import_requested.connect(lambda: self._command(self.import_file(), "import"))
        v.export_one_requested.connect(lambda: self._command(self.export_current(), "export"))
        v.export_all_requested.connect(lambda: self._command(self.export_all(), "export-all"))
        e.save_requested.connect(lambda: self._command(self.save(), "save"))
        e.save_as_requested.connect(lambda: self._command(self.save_as(), "save-as"))
        e.duplicate_requested.connect(lambda: self._command(self.duplicate(), "duplicate"))
        e.delete_requested.connect(lambda: self._command(self.delete(), "delete"))
        e.revert_requested.connect(self.revert)
        e.preview_requested.connect(self._preview_current)
        e.edit_as_command_requested.connect(self.edit_as_command)
        e.changed.connect(self._update_title)
        self._show_library(select=self._library.presets()[0].name)
        if self._library.health.needs_attention:
            level = "error" if self._library.read_only else "warning"
            self._shell.show_banner(
                BANNER, preset_library_health_text(self._library.health), level=level
            )

    # -- reading ----------------------------------------------------------------------------
    def view_title(self) -> str:
        return self.tr("Presets")

    def presets(self) -> tuple[Preset, ...]:
        """What the Transcode dialog offers: built-ins, then the user's presets as saved."""
        return self._library.presets()

    def has_unsaved_changes(self) -> bool:
        return self.editor.is_dirty()

    # -- the guard --------------------------------------------------------------------------
    async def allow_leave(self) -> bool:
        """True when the editor may show something else: no changes, saved, or discarded."""
        if not self.editor.is_dirty():
            return True
        self._shell.show_view("presets")
        name = self.editor.current().preset
        shown = name.name if name is not None else (self.editor.original_name() or "")
        answer = await self._ask.unsaved(preset_display_name(shown))
        if answer is UnsavedAnswer.SAVE:
            return await self.save()
        if answer is UnsavedAnswer.DISCARD:
            self.revert()
            return True
        return False

    # -- commands ---------------------------------------------------------------------------
    async def select(self, name: str) -> None:
        if name == self.editor.original_name() and not self.editor.is_new():
            return
        if not await self.allow_leave():
            self.view.show_current(self.editor.original_name())
            return
        self._load(name)

    async def new_preset(self) -> None:
        if not await self.allow_leave():
            return
        command = command_from_form(FormKind.AVTHUMB, new_form(FormKind.AVTHUMB)).command
        assert command is not None  # the empty form is valid by construction (tested)
        name = unique_name(NEW_NAME, (p.name for p in self._library.presets()))
        self.editor.load(Preset(name, (command,)), locked=False, new=True)
        self.view.show_current(None)
        self._update_title()
        self.editor.focus_name()  # typing names the new preset

    async def save(self) -> bool:
        """Store the editor's preset (add it when new, else update it in place, renames too)."""
        if self._library.read_only:
            await self._refused_read_only()
            return False
        result = self.editor.current()
        if result.preset is None:
            await self._tell_problems(result.problems)
            return False
        replacing = None if self.editor.is_new() else self.editor.original_name()
        preset = result.preset
        stored = await self._write(lambda: self._library.save(preset, replacing=replacing))
        if stored is None:
            return False
        self.editor.mark_saved(stored)
        self._changed(stored.name, self.tr("Saved “%1”."))
        return True

    async def save_as(self) -> None:
        result = self.editor.current()
        if result.preset is None:
            await self._tell_problems(result.problems)
            return
        taken = (p.name for p in self._library.presets())
        new_name = await self._ask.new_name(unique_name(f"{result.preset.name} copy", taken))
        if new_name is None:
            return
        preset = result.preset
        stored = await self._write(lambda: self._library.save_as(preset, new_name))
        if stored is None:
            return
        self.editor.load(stored, locked=False)
        self._changed(stored.name, self.tr("Saved “%1”."))

    async def duplicate(self) -> None:
        name = self.editor.original_name()
        if name is None or not await self.allow_leave():
            return
        copy = await self._write(lambda: self._library.duplicate(name))
        if copy is None:
            return
        self.editor.load(copy, locked=False)
        self._changed(copy.name, self.tr("Made “%1”; edit it and save."))
        self.editor.focus_name()

    async def delete(self) -> None:
        name = self.editor.original_name()
        if self.editor.is_new():
            self.editor.load(self._library.presets()[0], locked=True)
            self._show_library(select=self._library.presets()[0].name)
            return
        if name is None or self._library.is_builtin(name):
            return
        if not await self._ask.confirm_delete(name):
            return
        visible = self.view.visible_names()
        if not await self._attempt(lambda: self._library.delete(name)):
            return
        after = _neighbour(visible, name) or self._library.presets()[0].name
        self._load(after)
        self._changed(after, self.tr("Deleted “%1”.").replace("%1", name), keep_status=True)

    def revert(self) -> None:
        name = self.editor.original_name()
        if self.editor.is_new() or name is None:
            self._load(self._library.presets()[0].name)
        else:
            self._load(name)

    def edit_as_command(self) -> None:
        if self.editor.is_locked():
            return
        dialog = CommandPasteDialog(self.editor)
        dialog.setModal(True)

        def done(result: int) -> None:
            readings = dialog.readings()
            if result and any(r.kind is not None for r in readings):
                self.editor.apply_readings(readings, replace=dialog.replace_chosen())
            dialog.deleteLater()

        dialog.finished.connect(done)
        dialog.open()

    # -- sharing ----------------------------------------------------------------------------
    async def import_file(self) -> None:
        if not await self.allow_leave():
            return
        path = await self._ask.import_path()
        if path is None:
            return
        try:
            plan = await self._run_store(lambda: self._library.read_import(path))
        except PresetError as exc:
            await self._ask.tell(self.tr("Import presets"), preset_error_text(exc), error=True)
            return
        decisions = {}
        if plan.conflicts:
            chosen = await self._ask.conflicts(plan)
            if chosen is None:
                return
            decisions = chosen
        result = await self._write(lambda: self._library.apply_import(plan, decisions))
        if result is None:
            return
        first = next(iter(result.added or result.replaced), None)
        if first is not None:
            self._load(first)
        self._changed(first or self.editor.original_name() or "", self._import_summary(result))

    async def export_current(self) -> None:
        name = self.editor.original_name()
        if name is None:
            await self._ask.tell(
                self.tr("Export preset"), self.tr("Save the new preset before exporting it.")
            )
            return
        path = await self._ask.export_path(f"{_file_stem(name)}.json")
        if path is not None and await self._attempt(lambda: self._library.export_one(name, path)):
            self._shell.set_status("presets", self.tr("Exported to %1.").replace("%1", str(path)))

    async def export_all(self) -> None:
        if not self._library.custom():
            await self._ask.tell(
                self.tr("Export presets"),
                self.tr(
                    "You have no presets of your own yet. Built-in presets come with every "
                    "copy of qfopgui, so they are not exported; to share one, duplicate it."
                ),
            )
            return
        path = await self._ask.export_path("qfopgui-presets.json")
        if path is not None and await self._attempt(lambda: self._library.export_all(path)):
            n = len(self._library.custom())
            self._shell.set_status(
                "presets",
                self.tr("Exported %1 presets to %2.")
                .replace("%1", str(n))
                .replace("%2", str(path)),
            )

    # -- helpers ----------------------------------------------------------------------------
    def _command(self, coro: Coroutine[Any, Any, object], label: str) -> None:
        self._tasks.command(coro, f"presets:{label}")

    def _load(self, name: str) -> None:
        preset = self._library.get(name)
        if preset is None:
            return
        self.editor.load(preset, locked=preset.builtin)
        self.view.show_current(name)
        self._update_title()

    def _show_library(self, *, select: str | None) -> None:
        self.view.set_presets(self._library.presets(), select)
        if select is not None and self.editor.original_name() != select:
            self._load(select)

    def _changed(self, name: str, status: str, *, keep_status: bool = False) -> None:
        self.view.set_presets(self._library.presets(), name or None)
        self._shell.set_status(
            "presets", status if keep_status else status.replace("%1", preset_display_name(name))
        )
        self._update_title()
        self.library_changed.emit()

    async def _write(self, call: Callable[[], T]) -> T | None:
        """Run a library change on the store thread; a refusal is told, never raised."""
        self.editor.set_busy(True)
        try:
            return await self._run_store(call)
        except PresetError as exc:
            await self._ask.tell(self.tr("Presets"), preset_error_text(exc), error=True)
            return None
        finally:
            self.editor.set_busy(False)

    async def _attempt(self, call: Callable[[], None]) -> bool:
        """Like ``_write`` for changes that return nothing: True when done."""

        def done() -> bool:
            call()
            return True

        return bool(await self._write(done))

    async def _tell_problems(self, problems: Sequence[Problem]) -> None:
        text = "\n".join(problem_text(p) for p in problems[:5]) or self.tr("Check the form.")
        await self._ask.tell(self.tr("The preset cannot be saved yet"), text, error=True)

    async def _refused_read_only(self) -> None:
        await self._ask.tell(
            self.tr("Presets"), preset_library_health_text(self._library.health), error=True
        )

    def _preview_current(self) -> None:
        result = self.editor.current()
        if self._preview is not None and result.preset is not None:
            self._preview(result.preset)

    def _update_title(self) -> None:
        """The list marks the preset being edited with unsaved changes (a dot after its name)."""
        dirty = self.editor.is_dirty() and not self.editor.is_new()
        self.view.model.set_unsaved(self.editor.original_name() if dirty else None)

    def _import_summary(self, result: ImportResult) -> str:
        parts = [self.tr("Imported %1 presets.").replace("%1", str(len(result.added)))]
        if result.replaced:
            parts.append(self.tr("Replaced: %1.").replace("%1", ", ".join(result.replaced)))
        if result.skipped:
            parts.append(self.tr("Skipped: %1.").replace("%1", ", ".join(result.skipped)))
        if result.renamed:
            renamed = ", ".join(f"{a} → {b}" for a, b in result.renamed.items())
            parts.append(self.tr("Added under new names: %1.").replace("%1", renamed))
        return " ".join(parts)


def _neighbour(names: Sequence[str], name: str) -> str | None:
    """The row after ``name`` (or before it when it was last), to select after deleting it."""
    if name not in names:
        return None
    i = names.index(name)
    rest = [n for n in names if n != name]
    return rest[min(i, len(rest) - 1)] if rest else None


def _file_stem(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in " -_." else "_" for c in name).strip(" .")
    return cleaned or "preset"
