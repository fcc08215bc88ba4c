"""One command of a preset as a form, generated from the core schema (``schema(kind)``).

Nothing here knows a particular parameter: sections come from ``schema.groups``, inputs from
``field_widgets``, and the relations (``needs``, ``exclusive``, ``group_formats``, the
``resolution`` shortcut) from the schema. Every edit runs ``command_from_form`` and shows each
problem next to the field it names. A value never disappears from view: a field that holds one
stays open even when the field it needs is empty, and so does a section of another container.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from qfopgui.core.preset_form import (
    PRESET_SIZES,
    RESOLUTION_CUSTOM,
    FormKind,
    FormResult,
    FormSchema,
    command_from_form,
    schema,
)
from qfopgui.ui.presets.field_widgets import PROBLEM_STYLE, FieldEditor
from qfopgui.ui.translated_messages import param_label, problem_text
from qfopgui.ui.widgets.banner import Banner

_RESOLUTION, _SIZE, _FORMAT = "resolution", "s", "format"


def _is_set(value: object) -> bool:
    return value is not None and value != ""


class EitherOrChoice(QWidget):
    """ "This *or* that" for an exclusive pair of fields: the chosen one is open, the other is
    closed and not sent. Neither chosen (a loaded command had both) leaves both open, so the
    form's problem says which one to clear."""

    changed = Signal()

    def __init__(self, first: FieldEditor, second: FieldEditor, parent: QWidget | None = None):
        super().__init__(parent)
        self.ids = (first.spec.id, second.spec.id)
        self.setObjectName(f"either_{self.ids[0]}_{self.ids[1]}")
        self.setAccessibleName(
            self.tr("%1 or %2").replace("%1", first.text).replace("%2", second.text)
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self._group = QButtonGroup(self)
        self._radios: dict[str, QRadioButton] = {}
        for editor in (first, second):
            radio = QRadioButton(editor.text, self)
            radio.setObjectName(f"use_{editor.spec.id}")
            radio.setAccessibleName(editor.text)
            radio.setToolTip(editor.input.toolTip())
            radio.toggled.connect(self._on_toggled)
            self._group.addButton(radio)
            self._radios[editor.spec.id] = radio
            row.addWidget(radio)
        row.addStretch(1)

    def _on_toggled(self, checked: bool) -> None:
        if checked:
            self.changed.emit()

    def chosen(self) -> str | None:
        return next((fid for fid, radio in self._radios.items() if radio.isChecked()), None)

    def choose(self, field_id: str | None) -> None:
        """Open ``field_id`` (None: neither chosen)."""
        self._group.setExclusive(False)
        for fid, radio in self._radios.items():
            radio.setChecked(fid == field_id)
        self._group.setExclusive(True)

    def set_read_only(self, read_only: bool) -> None:
        for radio in self._radios.values():
            radio.setEnabled(not read_only)


class CommandForm(QWidget):
    """The form of one avthumb, vframe or vsample command. ``changed`` fires on every edit.

    ``values()`` is what ``command_from_form`` reads (typed text as text); ``result()`` is the
    command it builds or the problems. ``form_schema`` replaces the core schema (tests).
    """

    changed = Signal()

    def __init__(
        self,
        kind: FormKind | str,
        parent: QWidget | None = None,
        *,
        form_schema: FormSchema | None = None,
    ) -> None:
        super().__init__(parent)
        self._kind = FormKind(kind)
        self._schema = form_schema if form_schema is not None else schema(self._kind)
        self.setObjectName(f"command_form_{self._kind.value}")
        self._editors = {spec.id: FieldEditor(spec) for spec in self._schema.fields}
        self._pairs = [
            EitherOrChoice(self._editors[a], self._editors[b])
            for a, b in self._schema.exclusive
            if a in self._editors and b in self._editors
        ]
        self._sections: dict[str, QGroupBox] = {}
        self._read_only = False
        self._updating = False
        self._last_resolution: object = None
        self._custom_size: object = None
        self._loaded: dict[str, object] = {}
        self._not_kept: tuple[str, ...] = ()
        self._kept: tuple[str, ...] = ()
        self._result = FormResult(None)
        self._build()
        self.set_values({f.id: f.default for f in self._schema.fields})

    def _build(self) -> None:
        col = QVBoxLayout(self)
        col.setContentsMargins(8, 8, 8, 8)
        col.setSpacing(10)
        self.not_kept_note = Banner("", level="warning", parent=self)
        self.not_kept_note.setObjectName("not_kept_note")
        self.not_kept_note.closed.connect(self._dismiss_not_kept)
        self.kept_note = Banner("", level="info", parent=self)
        self.kept_note.setObjectName("kept_note")
        self.kept_note.closed.connect(self.kept_note.hide)
        self.form_problems = QLabel(self)
        self.form_problems.setObjectName("form_problems")
        self.form_problems.setStyleSheet(PROBLEM_STYLE)
        self.form_problems.setWordWrap(True)
        for widget in (self.not_kept_note, self.kept_note, self.form_problems):
            widget.hide()
            col.addWidget(widget)
        pair_of = {fid: pair for pair in self._pairs for fid in pair.ids}
        placed: set[int] = set()
        labels: list[QLabel] = []
        for group in self._schema.groups:
            box = QGroupBox(param_label(group), self)
            box.setObjectName(f"section_{group}")
            form = QFormLayout(box)
            form.setHorizontalSpacing(12)
            form.setVerticalSpacing(6)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for spec in self._schema.fields:
                if spec.group != group:
                    continue
                pair = pair_of.get(spec.id)
                if pair is not None and id(pair) not in placed:
                    placed.add(id(pair))
                    pair.changed.connect(self._on_edit)
                    form.addRow("", pair)
                editor = self._editors[spec.id]
                editor.changed.connect(self._on_edit)
                if editor.label is None:
                    form.addRow("", editor)
                else:
                    form.addRow(editor.label, editor)
                    labels.append(editor.label)
            self._sections[group] = box
            col.addWidget(box)
        col.addStretch(1)
        width = max((label.sizeHint().width() for label in labels), default=0)
        for label in labels:  # one label column across the sections
            label.setMinimumWidth(width)

    # --- the API -----------------------------------------------------------------------------

    @property
    def kind(self) -> FormKind:
        return self._kind

    def editor(self, field_id: str) -> FieldEditor:
        return self._editors[field_id]

    def section(self, group: str) -> QGroupBox:
        return self._sections[group]

    def set_values(
        self,
        values: Mapping[str, object],
        *,
        not_kept: Sequence[str] = (),
        kept: Sequence[str] = (),
    ) -> None:
        """Show ``values`` (missing ids: not set). ``not_kept``: fop keys of a pasted command
        the form could not hold (a note until dismissed). ``kept``: keys of a loaded command
        the form cannot show, which the editor keeps while this command is unchanged."""
        self._updating = True
        try:
            for field_id, editor in self._editors.items():
                editor.set_value(values.get(field_id))
            for pair in self._pairs:
                first, second = (_is_set(values.get(fid)) for fid in pair.ids)
                pair.choose(None if first and second else pair.ids[1 if second else 0])
            self._last_resolution = values.get(_RESOLUTION)
            self._custom_size = (
                values.get(_SIZE) if self._last_resolution == RESOLUTION_CUSTOM else None
            )
            self._not_kept, self._kept = tuple(not_kept), tuple(kept)
        finally:
            self._updating = False
        self._update()
        self.mark_loaded(kept)
        self.changed.emit()

    def values(self) -> dict[str, object]:
        unused = self._unused()
        return {
            fid: None if fid in unused else editor.value() for fid, editor in self._editors.items()
        }

    def result(self) -> FormResult:
        return self._result

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._apply_states()

    def is_read_only(self) -> bool:
        return self._read_only

    def is_as_loaded(self) -> bool:
        """True while the values are those last loaded (or marked loaded)."""
        return self.values() == self._loaded

    def mark_loaded(self, kept: Sequence[str] = ()) -> None:
        """The current values become the loaded ones (after the preset was saved)."""
        self._loaded = self.values()
        self._kept = tuple(kept)
        self.kept_note.setVisible(bool(self._kept))
        self._update_notes()

    def title(self) -> str:
        """A short name for the command's tab: "MP4 video", "JPG snapshot"…"""
        fmt = self._editors[_FORMAT].value() if _FORMAT in self._editors else None
        if self._kind is FormKind.AVTHUMB:
            choices = self._editors[_FORMAT].spec.choices if _FORMAT in self._editors else ()
            label = next((c.label for c in choices if fmt is not None and c.value == fmt), "")
            if label:
                return param_label(label)
            if fmt is None:
                return self.tr("Transcode")
            return self.tr("%1 output").replace("%1", str(fmt).upper())
        if fmt is None:
            return self.tr("Snapshot") if self._kind is FormKind.VFRAME else self.tr("Frames")
        if self._kind is FormKind.VFRAME:
            return self.tr("%1 snapshot").replace("%1", str(fmt).upper())
        return self.tr("%1 frames").replace("%1", str(fmt).upper())

    # --- relations and validation --------------------------------------------------------------

    def _on_edit(self) -> None:
        if self._updating:
            return
        self._update()
        self.changed.emit()

    def _update(self) -> None:
        self._updating = True
        try:
            self._apply_resolution()
            self._apply_states()
            self._validate()
            self._update_notes()
        finally:
            self._updating = False

    def _apply_resolution(self) -> None:
        """A named resolution fills the size and locks it; Custom size unlocks it again, with
        the size typed last."""
        resolution, size = self._editors.get(_RESOLUTION), self._editors.get(_SIZE)
        if resolution is None or size is None:
            return
        choice, before = resolution.value(), self._last_resolution
        self._last_resolution = choice
        if choice == RESOLUTION_CUSTOM:
            if before != RESOLUTION_CUSTOM and _is_set(self._custom_size):
                size.set_value(self._custom_size)
            return
        if before == RESOLUTION_CUSTOM:
            self._custom_size = size.value()
        if choice is not None:
            size.set_value(PRESET_SIZES.get(str(choice)))

    def _unused(self) -> set[str]:
        """The closed side of each either/or pair, and the fields that need a closed field."""
        out: set[str] = set()
        for pair in self._pairs:
            chosen = pair.chosen()
            if chosen is not None:
                out.update(fid for fid in pair.ids if fid != chosen)
        grew = True
        while grew:
            before = len(out)
            out.update(s.id for s in self._schema.fields if s.needs and s.needs in out)
            grew = len(out) > before
        return out

    def _apply_states(self) -> None:
        unused = self._unused()
        resolution = self._editors.get(_RESOLUTION)
        size_locked = resolution is not None and resolution.value() not in (
            None,
            RESOLUTION_CUSTOM,
        )
        for fid, editor in self._editors.items():
            enabled = fid not in unused and not (fid == _SIZE and size_locked)
            needs = editor.spec.needs
            if enabled and needs and not editor.has_value():
                needed = self._editors.get(needs)
                enabled = needed is not None and needs not in unused and needed.has_value()
            editor.set_state(enabled=enabled, read_only=self._read_only)
        for pair in self._pairs:
            pair.set_read_only(self._read_only)
        fmt = self._editors[_FORMAT].value() if _FORMAT in self._editors else None
        for group, formats in self._schema.group_formats:
            box = self._sections.get(group)
            if box is None:
                continue
            holds = any(
                e.has_value() and e.spec.group == group and fid not in unused
                for fid, e in self._editors.items()
            )
            box.setVisible(str(fmt) in formats or holds)

    def _validate(self) -> None:
        self._result = command_from_form(self._kind, self.values())
        by_field: dict[str, list[str]] = {}
        top: list[str] = []
        for problem in self._result.problems:
            text = problem_text(problem, subject=False)
            editor = self._editors.get(problem.field)
            if editor is not None and self._shown(editor):
                by_field.setdefault(problem.field, []).append(text)
            else:
                top.append(text)
        for fid, editor in self._editors.items():
            editor.set_problem("\n".join(by_field.get(fid, [])))
        self.form_problems.setText("\n".join(top))
        self.form_problems.setVisible(bool(top))

    def _shown(self, editor: FieldEditor) -> bool:
        box = self._sections.get(editor.spec.group)
        return box is None or not box.isHidden()

    def _update_notes(self) -> None:
        if self._not_kept:
            self.not_kept_note.label.setText(
                self.tr("Not kept from the pasted command: %1").replace(
                    "%1", ", ".join(self._not_kept)
                )
            )
        self.not_kept_note.setVisible(bool(self._not_kept))
        if self._kept:
            keys = ", ".join(self._kept)
            text = (
                self.tr("Not shown in the form, kept while this command is unchanged: %1")
                if self.values() == self._loaded
                else self.tr(
                    "Not shown in the form and left out, because this command was changed: %1"
                )
            )
            self.kept_note.label.setText(text.replace("%1", keys))
        else:
            self.kept_note.hide()

    def _dismiss_not_kept(self) -> None:
        self._not_kept = ()
        self.not_kept_note.hide()
