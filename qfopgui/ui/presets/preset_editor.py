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
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qfopgui.core.fops import Problem
from qfopgui.core.naming import DEFAULT_TEMPLATE
from qfopgui.core.plan import JobPlan, plan_job
from qfopgui.core.preset_form import FormKind, FormReading
from qfopgui.core.presets import Preset
from qfopgui.core.upscale import UpscalePolicy
from qfopgui.ui.jobs.submit_form import tokens_menu
from qfopgui.ui.presets.command_form import CommandForm
from qfopgui.ui.presets.command_tabs import CommandTabs
from qfopgui.ui.presets.field_widgets import (
    PROBLEM_STYLE,
    READ_ONLY_LOOK,
    UNIT_STYLE,
    without_mnemonic,
)
from qfopgui.ui.translated_messages import preset_description, preset_display_name, problem_text

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
        col.addLayout(self._build_top())
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

    def _build_top(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        self.name_edit, name_label = self._line(
            "name_edit", self.tr("&Name"), self.tr("Name of the preset")
        )
        self.description_edit, description_label = self._line(
            "description_edit", self.tr("Descrip&tion"), self.tr("optional: what it is for")
        )
        self.template_edit, template_label = self._line(
            "template_edit", self.tr("&Output name"), self.tr("for example {dir}/{name}.{ext}")
        )
        self.template_edit.setToolTip(
            self.tr("Where each result is saved; the tokens are filled in for every file.")
        )
        metrics = self.template_edit.fontMetrics()  # the default template fits unscrolled
        self.template_edit.setMinimumWidth(metrics.horizontalAdvance(DEFAULT_TEMPLATE) + 16)
        self.tokens_button = QToolButton(self)
        self.tokens_button.setObjectName("tokens_button")
        self.tokens_button.setText(self.tr("Tokens") + " ▾")
        self.tokens_button.setAccessibleName(self.tr("Insert a token"))
        self.tokens_button.setToolTip(self.tr("Insert a part of the name: folder, file name…"))
        self.tokens_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.tokens_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.tokens_button.setMenu(tokens_menu(self, self.template_edit))
        self.example_label = QLabel(self)
        self.example_label.setObjectName("example_key")
        self.example_label.setWordWrap(True)
        self.example_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.upscale_combo = QComboBox(self)
        self.upscale_combo.setObjectName("never_upscale_combo")
        for text, policy in (
            (self.tr("Enlarge it"), ""),
            (self.tr("Skip this output"), UpscalePolicy.SKIP.value),
            (self.tr("Keep the source's size"), UpscalePolicy.KEEP_SOURCE_SIZE.value),
        ):
            self.upscale_combo.addItem(text, policy)  # Qt keeps plain text, not the enum
        upscale_label = QLabel(self.tr("I&f the source is smaller than the size set:"), self)
        upscale_label.setBuddy(self.upscale_combo)
        self.upscale_combo.setAccessibleName(without_mnemonic(upscale_label.text()).rstrip(":："))
        self.upscale_combo.setToolTip(
            self.tr("Enlarging a small video makes a bigger file that looks no better.")
        )
        self.upscale_combo.currentIndexChanged.connect(self._on_edit)
        grid.addWidget(name_label, 0, 0)
        grid.addWidget(self.name_edit, 0, 1)
        grid.addWidget(description_label, 0, 2)
        grid.addWidget(self.description_edit, 0, 3)
        grid.addWidget(template_label, 1, 0)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_edit, 1)
        template_row.addWidget(self.tokens_button)
        grid.addLayout(template_row, 1, 1, 1, 3)
        # the example gets the whole width: two outputs' keys fit on one line at 1024 px
        grid.addWidget(self.example_label, 2, 1, 1, 3)
        upscale_row = QHBoxLayout()
        upscale_row.addWidget(upscale_label)
        upscale_row.addWidget(self.upscale_combo)
        upscale_row.addStretch(1)
        grid.addLayout(upscale_row, 3, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return grid

    def _line(self, name: str, label: str, placeholder: str) -> tuple[QLineEdit, QLabel]:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(without_mnemonic(label))
        edit.textChanged.connect(self._on_edit)
        buddy = QLabel(label, self)
        buddy.setBuddy(edit)
        return edit, buddy

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
            if locked:  # built-ins read in the user's language; they cannot be renamed
                name = preset_display_name(preset.name)
                description = preset_description(preset.name, preset.description)
            else:
                name, description = preset.name, preset.description
            for edit, text in (
                (self.name_edit, name),
                (self.description_edit, description),
                (self.template_edit, preset.template),
            ):
                edit.setText(text)
                edit.setCursorPosition(0)  # a long description shows its start, not its end
            self.description_edit.setToolTip(description)  # all of it, when it does not fit
            never = preset.never_upscale
            found = self.upscale_combo.findData("" if never is None else never.value)
            self.upscale_combo.setCurrentIndex(max(0, found))
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
            for edit in (self.name_edit, self.description_edit, self.template_edit):
                edit.clear()
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
        data = self.upscale_combo.currentData()
        never = UpscalePolicy(data) if data else None
        if self._locked and self._loaded is not None:
            return self._loaded.name, self._loaded.description, self._loaded.template, never
        name = self.name_edit.text().strip()
        return name, self.description_edit.text(), self.template_edit.text(), never

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
        self.example_label.setText(self._example_text())

    def _example_text(self) -> str:
        plan = self._plan
        naming = (
            None
            if plan is None
            else next((p for p in plan.problems if p.field == "template"), None)
        )
        self.example_label.setStyleSheet(UNIT_STYLE if naming is None else PROBLEM_STYLE)
        if naming is not None:
            return problem_text(naming, subject=False)
        if plan is None:
            return ""
        if not plan.outputs:  # the row keeps its line: the form does not jump while typing
            return self.tr("For %1: the output names show once the problems are fixed").replace(
                "%1", self._example_source
            )
        keys = ", ".join(dict.fromkeys(o.output_key for o in plan.outputs))
        return self.tr("For %1: %2").replace("%1", self._example_source).replace("%2", keys)

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
        self.name_edit.setAccessibleDescription(
            "" if named is None else problem_text(named, subject=False)
        )

    def _apply_lock(self) -> None:
        frozen = self._locked or self._busy
        for edit in (self.name_edit, self.description_edit, self.template_edit):
            edit.setReadOnly(frozen)
            edit.setStyleSheet(READ_ONLY_LOOK if self._locked else "")
        for widget in (self.upscale_combo, self.tokens_button):
            widget.setEnabled(not frozen)
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
