"""The preset editor: name, one tab per command (generated forms), output naming, never-upscale,
and a live preview of the exact fop strings.

The editor only shows and edits: Save, Delete, Duplicate… are signals for the view's controller,
which talks to the library and asks for confirmations. "Unsaved" compares preset values, not
widget events, so editing a value and changing it back leaves nothing unsaved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from qfopgui.core.fops import Problem
from qfopgui.core.plan import JobPlan, plan_job
from qfopgui.core.preset_form import FormKind, FormReading
from qfopgui.core.presets import Preset
from qfopgui.core.upscale import UpscalePolicy
from qfopgui.ui.presets.command_form import CommandForm
from qfopgui.ui.presets.command_tabs import CommandTabs
from qfopgui.ui.presets.field_widgets import (
    PROBLEM_STYLE,
    UNIT_STYLE,
    without_mnemonic,
)
from qfopgui.ui.presets.preset_header import PresetHeader
from qfopgui.ui.translated_messages import problem_text

EXAMPLE_BUCKET = "bucket"
_MAX_PROBLEM_LINES = 4
_NOTE_STYLE = (
    "QLabel { background: rgba(74,144,217,0.14); border: 1px solid rgba(74,144,217,0.5);"
    " border-radius: 4px; padding: 4px 8px; }"
)
Snapshot = tuple[str, str, str, UpscalePolicy | None, tuple[str, ...]]


@dataclass(frozen=True)
class EditorResult:
    """The preset the editor describes, or (``preset`` None) the problems in the way."""

    preset: Preset | None
    problems: tuple[Problem, ...]


def _baseline(preset: Preset) -> Snapshot:
    return (
        preset.name.strip(),
        preset.description,
        preset.template,
        preset.never_upscale,
        tuple(c.build() for c in preset.commands),
    )


class PresetEditor(QWidget):
    """The whole preset. ``changed`` fires on any edit (check ``is_dirty()``)."""

    changed = Signal()
    save_requested = Signal()
    save_as_requested = Signal()
    duplicate_requested = Signal()
    delete_requested = Signal()
    revert_requested = Signal()
    preview_requested = Signal()
    edit_as_command_requested = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        example_source: str = "videos/interview.mp4",
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preset_editor")
        self._example_source = example_source
        self._now = now
        self._loaded: Preset | None = None
        self._baseline: Snapshot | None = None
        self._locked = self._new = self._busy = self._loading = False
        self._result = EditorResult(None, ())
        self._plan: JobPlan | None = None
        self._build()
        self.clear()

    # --- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        self._stack = QStackedWidget(self)
        root.addWidget(self._stack)
        self.hint_label = QLabel(self.tr("Select a preset to see and edit its commands."))
        self.hint_label.setObjectName("editor_hint")
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint_label.setWordWrap(True)
        self._stack.addWidget(self.hint_label)
        content = QWidget(self)
        self._stack.addWidget(content)
        col = QVBoxLayout(content)
        col.setContentsMargins(8, 8, 8, 8)
        col.setSpacing(6)

        self.locked_note = QLabel(self.tr("Built-in presets are locked. Duplicate to edit."))
        self.locked_note.setObjectName("locked_note")
        self.locked_note.setStyleSheet(_NOTE_STYLE)
        self.locked_note.setWordWrap(True)
        col.addWidget(self.locked_note)
        self.header = PresetHeader(content)
        self.header.changed.connect(self._on_edit)
        h = self.header
        self.name_edit, self.description_edit, self.template_edit = h.edits()
        self.tokens_button, self.example_label = h.tokens_button, h.example_label
        self.upscale_combo = h.upscale_combo
        col.addWidget(self.header)
        self.commands = CommandTabs(content)
        self.commands.changed.connect(self._on_edit)
        self.commands.edit_as_command_requested.connect(self.edit_as_command_requested)
        self.tabs = self.commands.tab_widget
        col.addWidget(self.commands, 1)

        caption = QLabel(self.tr("Commands sent for each file:"), content)
        caption.setStyleSheet(UNIT_STYLE)
        self.unsaved_label = QLabel(self.tr("Unsaved changes"), content)
        self.unsaved_label.setObjectName("unsaved_label")
        self.unsaved_label.setStyleSheet("font-style: italic")
        caption_row = QHBoxLayout()
        caption_row.addWidget(caption)
        caption_row.addStretch(1)
        caption_row.addWidget(self.unsaved_label)  # above Save and Revert, which it explains
        col.addLayout(caption_row)
        self.fop_preview = QPlainTextEdit(content)
        self.fop_preview.setObjectName("fop_preview")
        self.fop_preview.setAccessibleName(self.tr("Commands sent for each file"))
        self.fop_preview.setReadOnly(True)
        self.fop_preview.setTabChangesFocus(True)
        self.fop_preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.fop_preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        lines = self.fop_preview.fontMetrics().lineSpacing()
        self.fop_preview.setFixedHeight(lines * 3 + 14)
        caption.setBuddy(self.fop_preview)
        col.addWidget(self.fop_preview)
        self.problems_label = QLabel(content)
        self.problems_label.setObjectName("editor_problems")
        self.problems_label.setStyleSheet(PROBLEM_STYLE)
        self.problems_label.setWordWrap(True)
        col.addWidget(self.problems_label)
        col.addLayout(self._build_buttons())
        self.commands.set_tab_order_after(
            (
                self.fop_preview,
                self.save_button,
                self.save_as_button,
                self.revert_button,
                self.duplicate_button,
                self.delete_button,
                self.preview_button,
            )
        )

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.save_button = self._button("save_button", self.tr("&Save"), self.save_requested)
        self.save_button.setToolTip(self.tr("Save the preset (Ctrl+S)"))
        self.save_as_button = self._button(
            "save_as_button", self.tr("Sa&ve as…"), self.save_as_requested
        )
        self.save_as_button.setToolTip(self.tr("Save as a new preset (Ctrl+Shift+S)"))
        self.revert_button = self._button(
            "revert_button", self.tr("&Revert"), self.revert_requested
        )
        self.duplicate_button = self._button(
            "duplicate_button", self.tr("&Duplicate"), self.duplicate_requested
        )
        self.delete_button = self._button(
            "delete_button", self.tr("De&lete…"), self.delete_requested
        )
        self.preview_button = self._button(
            "preview_button", self.tr("&Preview on a file…"), self.preview_requested
        )
        for button in (self.save_button, self.save_as_button, self.revert_button):
            row.addWidget(button)
        row.addStretch(1)
        for button in (self.duplicate_button, self.delete_button, self.preview_button):
            row.addWidget(button)
        for keys, button in (
            (QKeySequence(QKeySequence.StandardKey.Save), self.save_button),
            (QKeySequence("Ctrl+Shift+S"), self.save_as_button),
        ):
            shortcut = QShortcut(keys, self)
            # while the editor is shown, also from the list or the search beside it
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda b=button: b.isEnabled() and b.click())
        return row

    def _button(self, name: str, text: str, signal: SignalInstance) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(without_mnemonic(text))
        button.clicked.connect(lambda: signal.emit())
        return button

    # --- loading -----------------------------------------------------------------------------

    def load(self, preset: Preset, *, locked: bool, new: bool = False) -> None:
        """Show ``preset``; nothing is unsaved afterwards unless ``new`` (not yet stored)."""
        self._loading = True
        try:
            self._loaded, self._locked, self._new = preset, locked, new
            self.header.show_preset(preset, locked=locked)
            self.commands.set_commands(preset.commands)
            self._baseline = _baseline(preset)
        finally:
            self._loading = False
        self._stack.setCurrentIndex(1)
        self._apply_lock()
        self._on_edit()

    def clear(self) -> None:
        """Nothing selected: an empty, disabled editor with a hint."""
        self._loading = True
        try:
            self.commands.clear()
            self._loaded = self._baseline = None
            self._locked = self._new = False
            self.header.clear()
        finally:
            self._loading = False
        self._stack.setCurrentIndex(0)
        self._on_edit()

    def mark_saved(self, preset: Preset) -> None:
        """The library stored ``preset``: it is what is loaded now."""
        current = self._result.preset
        if current is None or replace(current, builtin=preset.builtin) != preset:
            self.load(preset, locked=preset.builtin)
            return
        self._loaded, self._new = preset, False
        self._baseline = _baseline(preset)
        self.commands.mark_saved(preset.commands)
        self._on_edit()

    def apply_readings(self, readings: Sequence[FormReading], *, replace: bool) -> None:
        """Commands read by Edit as command: one tab per usable reading, noting what the form
        could not keep."""
        if self._loaded is None or self._locked:
            return
        self.commands.apply_readings(readings, replace=replace)

    def focus_name(self) -> None:
        """Put the cursor in the name, selected, so typing replaces it (a new or copied
        preset)."""
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.name_edit.selectAll()

    def add_command(self, kind: FormKind) -> None:
        if self._loaded is not None:
            self.commands.add_command(kind)

    # --- reading -----------------------------------------------------------------------------

    def current(self) -> EditorResult:
        """The preset the editor describes (name stripped), or the problems in the way."""
        return self._result

    def is_dirty(self) -> bool:
        """The preset differs from what was loaded (always, for a new one)."""
        if self._loaded is None:
            return False
        return self._new or self._snapshot() != self._baseline

    def is_new(self) -> bool:
        return self._new

    def original_name(self) -> str | None:
        return None if self._loaded is None or self._new else self._loaded.name

    def is_locked(self) -> bool:
        return self._locked

    def set_busy(self, busy: bool) -> None:
        """While the controller writes, nothing can be changed or saved again."""
        self._busy = busy
        self._apply_lock()
        self._update_buttons()

    def forms(self) -> list[CommandForm]:
        return self.commands.forms()

    def fop_lines(self) -> list[str]:
        return self.fop_preview.toPlainText().splitlines()

    def _fields(self) -> tuple[str, str, str, UpscalePolicy | None]:
        return self.header.fields(self._loaded if self._locked else None)

    def _snapshot(self) -> Snapshot:
        return (*self._fields(), tuple(tab.key() for tab in self.commands.tabs()))

    def _compute(self) -> tuple[EditorResult, JobPlan | None]:
        """The preset, its problems, and the plan for the example file (core's naming)."""
        if self._loaded is None:
            return EditorResult(None, ()), None
        name, description, template, never = self._fields()
        tabs = self.commands.tabs()
        preset = Preset(
            name,
            tuple(c for c in (tab.command() for tab in tabs) if c is not None),
            template,
            builtin=self._locked and self._loaded.builtin,
            description=description,
            never_upscale=never,
        )
        plan = plan_job(
            EXAMPLE_BUCKET, self._example_source, [preset], EXAMPLE_BUCKET, None, 1, self._now()
        )
        problems = [p for tab in tabs for p in tab.problems()]
        problems += [p for p in plan.problems if not (tabs and p.field == "commands")]
        return EditorResult(None if problems else preset, tuple(problems)), plan

    # --- keeping the view up to date ----------------------------------------------------------

    def _on_edit(self) -> None:
        if self._loading:
            return
        self._result, self._plan = self._compute()
        self._update_preview()
        self._update_problems()
        self._update_buttons()
        self.changed.emit()

    def _update_preview(self) -> None:
        lines = []
        for index, tab in enumerate(self.commands.tabs()):
            command = tab.command()
            title = self.commands.title(index)
            lines.append(
                command.build()
                if command is not None
                else self.tr("(%1: fix the problems to see this command)").replace("%1", title)
            )
        text = "\n".join(lines)
        if text != self.fop_preview.toPlainText():
            self.fop_preview.setPlainText(text)
        text, problem = self._example_text()
        self.header.set_example(text, problem=problem)

    def _example_text(self) -> tuple[str, bool]:
        """The example output keys, or the naming problem (True) in their place."""
        plan = self._plan
        naming = (
            None
            if plan is None
            else next((p for p in plan.problems if p.field == "template"), None)
        )
        if naming is not None:
            return problem_text(naming, subject=False), True
        if plan is None:
            return "", False
        if not plan.outputs:  # the row keeps its line: the form does not jump while typing
            text = self.tr("For %1: the output names show once the problems are fixed")
            return text.replace("%1", self._example_source), False
        keys = ", ".join(dict.fromkeys(o.output_key for o in plan.outputs))
        text = self.tr("For %1: %2").replace("%1", self._example_source).replace("%2", keys)
        return text, False

    def _update_problems(self) -> None:
        """The preset's own problems in full, then each command's, named by its tab."""
        tabs = self.commands.tabs()
        in_tabs = {id(p) for tab in tabs for p in tab.problems()}
        own = [p for p in self._result.problems if id(p) not in in_tabs]
        shown = [problem_text(p, subject=False) for p in own]
        for index, tab in enumerate(tabs):
            for problem in tab.problems():
                shown.append(
                    self.tr("%1: %2")
                    .replace("%1", self.commands.title(index))
                    .replace("%2", problem_text(problem, subject=False))
                )
        if len(shown) > _MAX_PROBLEM_LINES:
            more = len(shown) - _MAX_PROBLEM_LINES + 1
            shown = [
                *shown[: _MAX_PROBLEM_LINES - 1],
                self.tr("…and %1 more").replace("%1", str(more)),
            ]
        self.problems_label.setText("\n".join(shown))
        self.problems_label.setVisible(bool(shown))
        named = next((p for p in own if p.field == "name"), None)
        self.header.set_name_problem("" if named is None else problem_text(named, subject=False))

    def _apply_lock(self) -> None:
        frozen = self._locked or self._busy
        self.header.set_frozen(frozen, locked=self._locked)
        self.commands.set_frozen(frozen)
        self.locked_note.setVisible(self._locked)
        text = self.tr("&Duplicate to edit") if self._locked else self.tr("&Duplicate")
        self.duplicate_button.setText(text)
        self.duplicate_button.setAccessibleName(without_mnemonic(text))

    def _update_buttons(self) -> None:
        loaded = self._loaded is not None
        valid = loaded and self._result.preset is not None and not self._busy
        editable = loaded and not self._locked and not self._busy
        dirty = self.is_dirty()
        self.save_button.setEnabled(editable and valid and dirty)
        self.unsaved_label.setVisible(loaded and dirty and not self._locked)
        self.save_as_button.setEnabled(editable and valid)
        self.revert_button.setEnabled(editable and dirty)
        self.delete_button.setEnabled(editable and not self._new)
        self.duplicate_button.setEnabled(valid)
        self.preview_button.setEnabled(valid)
