"""The commands of a preset, one tab each: a generated form, or a command the form cannot edit.

A tab remembers the command it was loaded from (its origin): while its form still shows what
was loaded, that command is used as it is, so parameters the form cannot show are not lost just
by opening a preset. Changing the form rebuilds the command from it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qfopgui.core.fops import Command, Problem
from qfopgui.core.preset_form import FormKind, FormReading, form_values
from qfopgui.ui.presets.command_form import CommandForm
from qfopgui.ui.presets.field_widgets import UNIT_STYLE, without_mnemonic

_PROBLEM_TAB = QColor("#c0392b")


class CommandTab:
    """One command: ``form`` None for a command kept exactly as loaded (avconcat, avinfo)."""

    def __init__(self, page: QWidget, form: CommandForm | None, origin: Command | None) -> None:
        self.page, self.form, self.origin = page, form, origin

    def command(self) -> Command | None:
        """The command this tab stands for; None while its form has problems."""
        if self.form is None or (self.origin is not None and self.form.is_as_loaded()):
            return self.origin
        return self.form.result().command

    def problems(self) -> tuple[Problem, ...]:
        return () if self.form is None else self.form.result().problems

    def key(self) -> str:
        """What this tab contributes to the "unsaved changes" comparison."""
        command = self.command()
        if command is not None:
            return command.build()
        return f"invalid:{self.form.values() if self.form is not None else ''!r}"


class CommandTabs(QWidget):
    """The "Commands" area: a header with Add / Remove / Edit as command, and the tabs."""

    changed = Signal()
    edit_as_command_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tabs: list[CommandTab] = []
        self._quiet = False
        self._frozen = False
        self._after: tuple[QWidget, ...] = ()
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(4)
        col.addLayout(self._build_header())
        self.no_commands_label = QLabel(
            self.tr("No commands yet: add one, or paste a command with Edit as command."), self
        )
        self.no_commands_label.setObjectName("no_commands")
        self.no_commands_label.setStyleSheet(UNIT_STYLE)
        self.no_commands_label.setWordWrap(True)
        col.addWidget(self.no_commands_label)
        self.tab_widget = QTabWidget(self)
        self.tab_widget.setObjectName("command_tabs")
        self.tab_widget.setAccessibleName(self.tr("Commands"))
        self.tab_widget.tabBar().setObjectName("command_tab_bar")
        self.tab_widget.tabBar().setAccessibleName(self.tr("Commands"))
        self.tab_widget.setDocumentMode(True)
        self.tab_widget.setUsesScrollButtons(True)
        self.tab_widget.currentChanged.connect(self._update_buttons)
        col.addWidget(self.tab_widget, 1)

    def _build_header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        title = QLabel(self.tr("Commands"), self)
        title.setStyleSheet("font-weight: bold")
        row.addWidget(title)
        row.addStretch(1)
        self.add_button = QPushButton(self.tr("Add &command"), self)
        self.add_button.setObjectName("add_command_button")
        menu = QMenu(self.add_button)
        for kind, text in (
            (FormKind.AVTHUMB, self.tr("Transcode video/audio (avthumb)")),
            (FormKind.VFRAME, self.tr("Snapshot (vframe)")),
            (FormKind.VSAMPLE, self.tr("Frames at intervals (vsample)")),
        ):
            action = menu.addAction(text)
            action.setObjectName(f"add_{kind.value}")
            action.triggered.connect(lambda _=False, k=kind: self.add_command(k))
        self.add_button.setMenu(menu)
        self.remove_button = QPushButton(self.tr("Re&move command"), self)
        self.remove_button.setObjectName("remove_command_button")
        self.remove_button.clicked.connect(self.remove_current)
        self.edit_as_command_button = QPushButton(self.tr("&Edit as command…"), self)
        self.edit_as_command_button.setObjectName("edit_as_command_button")
        self.edit_as_command_button.setToolTip(
            self.tr("Paste fop commands, a qshell pfop line or a processing URL.")
        )
        self.edit_as_command_button.clicked.connect(lambda: self.edit_as_command_requested.emit())
        for button in (self.add_button, self.remove_button, self.edit_as_command_button):
            button.setAccessibleName(without_mnemonic(button.text()))
            row.addWidget(button)
        return row

    # --- changing the commands ---------------------------------------------------------------

    def set_commands(self, commands: Sequence[Command]) -> None:
        """Show the commands of a loaded preset (each tab "as loaded")."""
        self._quietly(lambda: self._set_commands(commands))

    def _set_commands(self, commands: Sequence[Command]) -> None:
        self._remove_all()
        for command in commands:
            reading = form_values(command)
            if reading.kind is None:
                self._add_fixed(command)
            else:
                form = self._add_form(reading.kind, command)
                form.set_values(reading.values, kept=reading.unrepresented)
        self.tab_widget.setCurrentIndex(0)

    def apply_readings(self, readings: Sequence[FormReading], *, replace: bool) -> None:
        """Pasted commands, one tab each (readings without a kind are skipped)."""
        usable = [(r, r.kind) for r in readings if r.kind is not None]
        if not usable:
            return

        def apply() -> None:
            if replace:
                self._remove_all()
            first = len(self._tabs)
            for reading, kind in usable:
                form = self._add_form(kind, None)
                form.set_values(reading.values, not_kept=reading.unrepresented)
            self.tab_widget.setCurrentIndex(first)

        self._quietly(apply)

    def add_command(self, kind: FormKind) -> None:
        """A new command with the form's starting values, in its own tab."""
        if self._frozen:
            return
        self._quietly(lambda: self._add_form(kind, None))
        self.tab_widget.setCurrentIndex(len(self._tabs) - 1)

    def remove_current(self) -> None:
        index = self.tab_widget.currentIndex()
        if index < 0 or self._frozen:
            return
        tab = self._tabs.pop(index)
        self.tab_widget.removeTab(index)
        tab.page.deleteLater()
        self._edited()

    def mark_saved(self, commands: Sequence[Command]) -> None:
        """The commands were stored: each tab is "as loaded" from now on."""
        for tab, command in zip(self._tabs, commands, strict=True):
            tab.origin = command
            if tab.form is not None:
                tab.form.mark_loaded(form_values(command).unrepresented)

    def clear(self) -> None:
        self._quietly(self._remove_all)

    def set_tab_order_after(self, widgets: Sequence[QWidget]) -> None:
        """``widgets`` come after the commands' fields when tabbing (the editor's preview and
        buttons), however many commands are added later."""
        self._after = tuple(widgets)
        self._order_tabbing()

    def set_frozen(self, frozen: bool) -> None:
        """Locked or busy: nothing can be changed."""
        self._frozen = frozen
        for form in self.forms():
            form.set_read_only(frozen)
        self._update_buttons()

    # --- reading -----------------------------------------------------------------------------

    def tabs(self) -> list[CommandTab]:
        return list(self._tabs)

    def forms(self) -> list[CommandForm]:
        return [tab.form for tab in self._tabs if tab.form is not None]

    def title(self, index: int) -> str:
        return self.tab_widget.tabText(index)

    # --- inside ------------------------------------------------------------------------------

    def _quietly(self, change: Callable[[], object]) -> None:
        """Make several changes, then tell once."""
        self._quiet = True
        try:
            change()
        finally:
            self._quiet = False
        self.set_frozen(self._frozen)
        self._edited()

    def _edited(self) -> None:
        if self._quiet:
            return
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        bar = self.tab_widget.tabBar()
        for index, tab in enumerate(self._tabs):
            if tab.form is None:
                continue
            self.tab_widget.setTabText(index, tab.form.title())
            bad = bool(tab.problems())
            bar.setTabTextColor(index, _PROBLEM_TAB if bad else QColor())
            tip = self.tr("This command has problems") if bad else ""
            self.tab_widget.setTabToolTip(index, tip)
        empty = not self._tabs
        self.no_commands_label.setVisible(empty)
        self.tab_widget.setVisible(not empty)
        self._update_buttons()

    def _update_buttons(self) -> None:
        editable = not self._frozen
        for button in (self.add_button, self.edit_as_command_button):
            button.setEnabled(editable)
        self.remove_button.setEnabled(editable and self.tab_widget.currentIndex() >= 0)

    def _add_form(self, kind: FormKind, origin: Command | None) -> CommandForm:
        form = CommandForm(kind)
        scroll = QScrollArea(self.tab_widget)
        scroll.setObjectName(f"command_page_{len(self._tabs)}")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(form)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a stop on the fields, not the frame
        form.changed.connect(self._edited)
        self._tabs.append(CommandTab(scroll, form, origin))
        self.tab_widget.addTab(scroll, form.title())
        self._order_tabbing()
        return form

    def _add_fixed(self, command: Command) -> None:
        """A command the form cannot edit: shown, and kept exactly."""
        page = QWidget(self.tab_widget)
        col = QVBoxLayout(page)
        note = QLabel(
            self.tr("This command cannot be edited in the form; it is kept as it is."), page
        )
        note.setWordWrap(True)
        text = QPlainTextEdit(command.build(), page)
        text.setObjectName("fixed_command")
        text.setAccessibleName(self.tr("Command"))
        text.setReadOnly(True)
        text.setTabChangesFocus(True)
        text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        col.addWidget(note)
        col.addWidget(text, 1)
        self._tabs.append(CommandTab(page, None, command))
        self.tab_widget.addTab(page, command.build().split("/", 1)[0])
        self._order_tabbing()

    def _order_tabbing(self) -> None:
        """A page added later joins the focus chain at its end, after the widgets that follow
        the commands on screen: move those after the newest page again."""
        if not self._tabs or not self._after:
            return
        page = self._tabs[-1].page
        last: QWidget | None = None  # Qt moves nothing after a widget that takes no focus
        widget = page.nextInFocusChain()
        while widget is not None and widget is not page and page.isAncestorOf(widget):
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                last = widget
            widget = widget.nextInFocusChain()
        if last is None:
            return
        for before, after in zip((last, *self._after), self._after, strict=False):
            QWidget.setTabOrder(before, after)

    def _remove_all(self) -> None:
        while self._tabs:
            tab = self._tabs.pop()
            self.tab_widget.removeTab(len(self._tabs))
            tab.page.deleteLater()
