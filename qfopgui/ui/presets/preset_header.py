"""The top of the preset editor: name, description, output-name template with its live example,
and what to do with sources smaller than the size set (never upscale)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from qfopgui.core.naming import DEFAULT_TEMPLATE
from qfopgui.core.presets import Preset
from qfopgui.core.upscale import UpscalePolicy
from qfopgui.ui.presets.field_widgets import (
    PROBLEM_STYLE,
    READ_ONLY_LOOK,
    UNIT_STYLE,
    without_mnemonic,
)
from qfopgui.ui.translated_messages import preset_description, preset_display_name
from qfopgui.ui.widgets.tokens_menu import TokensMenu

Fields = tuple[str, str, str, UpscalePolicy | None]  # name, description, template, never


class PresetHeader(QWidget):
    """``changed`` fires on any edit of these fields."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preset_header")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
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
        self.tokens_button.setMenu(TokensMenu(self.template_edit, self))
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
        self.upscale_combo.currentIndexChanged.connect(self.changed)
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

    def _line(self, name: str, label: str, placeholder: str) -> tuple[QLineEdit, QLabel]:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(without_mnemonic(label))
        edit.textChanged.connect(self.changed)
        buddy = QLabel(label, self)
        buddy.setBuddy(edit)
        return edit, buddy

    def edits(self) -> tuple[QLineEdit, QLineEdit, QLineEdit]:
        return self.name_edit, self.description_edit, self.template_edit

    # -- values -----------------------------------------------------------------------------
    def show_preset(self, preset: Preset, *, locked: bool) -> None:
        if locked:  # built-ins read in the user's language; they cannot be renamed
            name = preset_display_name(preset.name)
            description = preset_description(preset.name, preset.description)
        else:
            name, description = preset.name, preset.description
        for edit, text in zip(self.edits(), (name, description, preset.template), strict=True):
            edit.setText(text)
            edit.setCursorPosition(0)  # a long description shows its start, not its end
        self.description_edit.setToolTip(description)  # all of it, when it does not fit
        never = preset.never_upscale
        found = self.upscale_combo.findData("" if never is None else never.value)
        self.upscale_combo.setCurrentIndex(max(0, found))

    def clear(self) -> None:
        for edit in self.edits():
            edit.clear()

    def fields(self, locked: Preset | None) -> Fields:
        """What the fields say; a locked preset keeps its own (English) name and texts."""
        data = self.upscale_combo.currentData()
        never = UpscalePolicy(data) if data else None
        if locked is not None:
            return locked.name, locked.description, locked.template, never
        name = self.name_edit.text().strip()
        return name, self.description_edit.text(), self.template_edit.text(), never

    # -- state ------------------------------------------------------------------------------
    def set_frozen(self, frozen: bool, *, locked: bool) -> None:
        for edit in self.edits():
            edit.setReadOnly(frozen)
            edit.setStyleSheet(READ_ONLY_LOOK if locked else "")
        for widget in (self.upscale_combo, self.tokens_button):
            widget.setEnabled(not frozen)

    def set_example(self, text: str, *, problem: bool) -> None:
        self.example_label.setStyleSheet(PROBLEM_STYLE if problem else UNIT_STYLE)
        self.example_label.setText(text)

    def set_name_problem(self, text: str) -> None:
        self.name_edit.setAccessibleDescription(text)
