"""One preset-form field as a widget, generated from its core ``FieldSpec``.

The factory is keyed by ``FieldKind`` (a field with choices always gets a combo box), so a new
field in the core schema needs no UI code: label, tooltip, range, unit and choices all come from
the spec and are translated in the ``fop_params`` context.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from qfopgui.core.preset_form import FieldKind, FieldSpec
from qfopgui.ui.translated_messages import param_label

PROBLEM_STYLE = "color: #c0392b;"
UNIT_STYLE = "color: palette(placeholder-text);"
_NARROW_EM = 12  # numbers, sizes and bitrates: about twelve characters wide
_WIDEST_EM = 34  # a combo box grows with its longest choice up to this
_MNEMONIC_SUFFIX = re.compile(r"\s*[(（]&[^&][)）]")


def without_mnemonic(text: str) -> str:
    """A label's words without its keyboard mnemonic, for an accessible name: "&Save" and the
    Chinese "保存(&S)" both read "Save"/"保存", not "保存(S)"."""
    return _MNEMONIC_SUFFIX.sub("", text).replace("&&", "\0").replace("&", "").replace("\0", "&")


READ_ONLY_LOOK = "QLineEdit { background: palette(window); }"  # selectable, not typeable


def display_number(value: float | int) -> str:
    """A number as a person types it: ``30`` not ``30.0``, ``0.00001`` not ``1e-05``."""
    if isinstance(value, int):
        return str(value)
    try:
        text = format(Decimal(repr(value)), "f")
    except InvalidOperation:  # inf or nan: shown as they are, core reports them
        return repr(value)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _pattern(spec: FieldSpec) -> str | None:
    """What may be typed in a line edit of this kind (ranges are checked by core, with words)."""
    sign = "[+-]?" if spec.lo is None or spec.lo < 0 else ""
    patterns = {
        FieldKind.INTEGER: sign + r"\d{0,18}",
        FieldKind.NUMBER: sign + r"\d{0,18}(\.\d*)?",
        FieldKind.SECONDS: sign + r"\d{0,18}(\.\d*)?",
        FieldKind.BITRATE: r"\d{0,12}(\.\d*)?[kmKM]?",
        FieldKind.SIZE: r"\d{0,5}x?\d{0,5}",
    }
    return patterns.get(spec.kind)


class FieldEditor(QWidget):
    """The input of one field (combo box, line edit or check box), its unit and its problem.

    ``label`` goes in the form's label column (None for a check box: it carries its own text).
    ``value()`` gives what ``command_from_form`` accepts: None for "not set", the choice's value,
    the typed text, or a flag's bool. An unchecked flag that was loaded as False stays False.
    """

    changed = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(f"row_{spec.id}")
        self._text = param_label(spec.label)
        self._tooltip = self._tooltip_text()
        self._false_kept = False
        self._read_only = False
        self._enabled = True
        builders: dict[FieldKind, Callable[[], QWidget]] = {
            FieldKind.CHOICE: self._make_choice,
            FieldKind.FLAG: self._make_flag,
        }
        build = self._make_choice if spec.choices else builders.get(spec.kind, self._make_line)
        self.input = build()
        self.input.setObjectName(f"field_{spec.id}")
        self.input.setAccessibleName(self._text)
        self.input.setAccessibleDescription(self._tooltip)
        self.input.setToolTip(self._tooltip)

        self.label: QLabel | None = None
        if not isinstance(self.input, QCheckBox):
            self.label = QLabel(self._text)
            self.label.setObjectName(f"label_{spec.id}")
            self.label.setBuddy(self.input)
            self.label.setToolTip(self._tooltip)

        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(6)
        grows = isinstance(self.input, QLineEdit) and spec.kind is FieldKind.TEXT
        row.addWidget(self.input, 4 if grows else 0)  # text grows with the form (up to a limit)
        self.unit_label: QLabel | None = None
        if spec.unit:
            self.unit_label = QLabel(param_label(spec.unit), self)
            self.unit_label.setStyleSheet(UNIT_STYLE)
            row.addWidget(self.unit_label)
        row.addStretch(1)
        col.addLayout(row)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName(f"problem_{spec.id}")
        self.problem_label.setStyleSheet(PROBLEM_STYLE)
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        col.addWidget(self.problem_label)

    # --- the factory -------------------------------------------------------------------------

    def _make_choice(self) -> QWidget:
        combo = QComboBox(self)
        combo.setEditable(self.spec.free)
        if self.spec.default is None:
            combo.addItem(self.tr("not set (server default)"), None)
        for choice in self.spec.choices:
            combo.addItem(param_label(choice.label), choice.value)
        line = combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("not set (server default)"))
            line.setAccessibleName(self._text)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(1)
        metrics = combo.fontMetrics()
        longest = max(
            (metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())), default=0
        )
        wide = max(_input_width(combo, self.tr("not set (server default)")), longest + 20)
        combo.setFixedWidth(min(wide, metrics.averageCharWidth() * _WIDEST_EM) + 24)
        view = combo.view()  # the list may be wider than the box: long labels stay readable
        view.setMinimumWidth(view.sizeHintForColumn(0) + 24)
        combo.currentIndexChanged.connect(self.changed)
        combo.editTextChanged.connect(self.changed)
        return combo

    def _make_line(self) -> QWidget:
        edit = QLineEdit(self)
        edit.setPlaceholderText(self.tr("not set (server default)"))
        pattern = _pattern(self.spec)
        if pattern is not None:
            edit.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), edit))
        width = _input_width(edit, edit.placeholderText())
        if self.spec.kind is FieldKind.TEXT:
            edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            edit.setMinimumWidth(width)
            edit.setMaximumWidth(width * 2)
        else:
            edit.setFixedWidth(width)
        edit.textChanged.connect(self.changed)
        return edit

    def _make_flag(self) -> QWidget:
        box = QCheckBox(self._text, self)
        box.toggled.connect(self.changed)
        return box

    def _tooltip_text(self) -> str:
        tip = param_label(self.spec.tooltip)
        hint = self._range_hint()
        return f"{tip}\n{hint}" if tip and hint else tip or hint

    def _range_hint(self) -> str:
        lo, hi = self.spec.lo, self.spec.hi
        if self.spec.kind in (FieldKind.CHOICE, FieldKind.FLAG, FieldKind.TEXT) or (
            lo is None and hi is None
        ):
            return ""
        if lo is not None and hi is not None:
            text = self.tr("From %1 to %2").replace("%1", _bound(lo)).replace("%2", _bound(hi))
        elif lo is not None:
            text = self.tr("At least %1").replace("%1", _bound(lo))
        else:
            text = self.tr("At most %1").replace("%1", _bound(hi or 0))
        unit = param_label(self.spec.unit)
        return f"{text} {unit}" if unit else text

    # --- values ------------------------------------------------------------------------------

    @property
    def text(self) -> str:
        """The field's label in the user's language."""
        return self._text

    def value(self) -> object:
        widget = self.input
        if isinstance(widget, QCheckBox):
            if widget.isChecked():
                return True
            return False if self._false_kept else None
        if isinstance(widget, QComboBox):
            if not widget.isEditable():
                return widget.currentData()
            typed = widget.currentText().strip()
            if not typed:
                return None
            found = widget.findText(typed)
            return widget.itemData(found) if found >= 0 else typed
        assert isinstance(widget, QLineEdit)
        text = widget.text()
        if self.spec.kind is not FieldKind.TEXT:
            text = text.strip()
        return text or None

    def has_value(self) -> bool:
        return self.value() is not None

    def set_value(self, value: object) -> None:
        """Show ``value`` (None: not set); a value outside the choices is kept, never dropped."""
        widget = self.input
        if isinstance(widget, QCheckBox):
            self._false_kept = value is False
            widget.setChecked(value is True)
            return
        shown = "" if value is None else _shown(value)
        if isinstance(widget, QComboBox):
            found = next((i for i in range(widget.count()) if _same(widget.itemData(i), value)), -1)
            if found < 0 and value is not None and not widget.isEditable():
                widget.addItem(shown, value)
                found = widget.count() - 1
            widget.setCurrentIndex(found)
            if widget.isEditable():  # "not set" shows the placeholder, not the item's words
                widget.setEditText(
                    widget.itemText(found) if found >= 0 and value is not None else shown
                )
            return
        assert isinstance(widget, QLineEdit)
        widget.setText(shown)

    # --- state -------------------------------------------------------------------------------

    def set_state(self, *, enabled: bool, read_only: bool) -> None:
        """``enabled`` comes from the form's relations; ``read_only`` locks everything."""
        self._enabled, self._read_only = enabled, read_only
        widget = self.input
        if isinstance(widget, QLineEdit):
            widget.setEnabled(enabled)
            widget.setReadOnly(read_only)
            # read-only text stays selectable, but must not look like a box to type in
            widget.setStyleSheet(READ_ONLY_LOOK if read_only else "")
        else:
            widget.setEnabled(enabled and not read_only)
        if self.label is not None:
            self.label.setEnabled(enabled)
        if self.unit_label is not None:
            self.unit_label.setEnabled(enabled)

    def is_enabled(self) -> bool:
        return self._enabled

    def set_problem(self, text: str) -> None:
        """Show a problem under the input (and tell assistive technology); "" clears it."""
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))
        self.input.setAccessibleDescription(text or self._tooltip)

    def problem(self) -> str:
        return self.problem_label.text()


def _input_width(widget: QWidget, text: str) -> int:
    """Inputs line up: wide enough for the "not set" words, and at least twelve digits."""
    metrics = widget.fontMetrics()
    return max(metrics.horizontalAdvance(text) + 20, metrics.averageCharWidth() * _NARROW_EM)


def _bound(value: float) -> str:
    return display_number(int(value) if float(value).is_integer() else value)


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int | float):
        return display_number(value)
    return str(value)


def _same(item: object, value: object) -> bool:
    """Combo item data and a value are the same choice (``2`` and ``"2"`` too)."""
    if item is None or value is None:
        return item is None and value is None
    return item == value or str(item) == str(value)
