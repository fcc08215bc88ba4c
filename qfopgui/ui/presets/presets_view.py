"""The Presets view: the library on the left (search, New, Import, Export), the editor on the right.

A view only: it shows presets and reports what the user asked for; the controller decides.
Selection changes go through the controller too (``selection_requested``), so unsaved edits
can be kept before another preset is shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qfopgui.core.presets import Preset
from qfopgui.ui.presets.presets_model import NameRole, PresetsFilter, PresetsModel


class PresetsView(QWidget):
    """Signals carry stored preset names (never display names)."""

    selection_requested = Signal(str)  # the user picked this preset in the list
    new_requested = Signal()
    import_requested = Signal()
    export_one_requested = Signal()
    export_all_requested = Signal()

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presets_view")
        self.editor = editor
        self.model = PresetsModel(self)
        self.proxy = PresetsFilter(self)
        self.proxy.setSourceModel(self.model)
        self._shown = ""  # the name the list shows as current
        self._syncing = False

        self.search = QLineEdit(self)
        self.search.setObjectName("presets_search")
        self.search.setPlaceholderText(self.tr("Search presets"))
        self.search.setAccessibleName(self.tr("Search presets"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)

        self.list = QListView(self)
        self.list.setObjectName("presets_list")
        self.list.setAccessibleName(self.tr("Presets"))
        self.list.setModel(self.proxy)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)
        self.list.setSpacing(1)
        # a row the user selects (click, arrow keys), not the current row Qt sets when the list
        # merely gets focus: tabbing through the list never switches presets
        self.list.selectionModel().selectionChanged.connect(self._selection_changed)

        self.counts = QLabel(self)
        self.counts.setObjectName("presets_counts")
        self.counts.setStyleSheet("color: gray")
        self.empty_search = QLabel(self.tr("No preset matches the search."), self)
        self.empty_search.setObjectName("presets_no_match")
        self.empty_search.setWordWrap(True)
        self.empty_search.setVisible(False)

        self.new_button = QPushButton(self.tr("Ne&w preset"), self)
        self.new_button.setObjectName("presets_new")
        self.new_button.setAccessibleName(self.tr("New preset"))
        self.new_button.setToolTip(self.tr("Start a new preset (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_requested)
        self.import_button = QPushButton(self.tr("&Import…"), self)
        self.import_button.setObjectName("presets_import")
        self.import_button.setAccessibleName(self.tr("Import presets from a file"))
        self.import_button.clicked.connect(self.import_requested)
        self.export_button = QToolButton(self)
        self.export_button.setObjectName("presets_export")
        self.export_button.setText(self.tr("E&xport"))
        self.export_button.setAccessibleName(self.tr("Export presets to a file"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.export_one_action = menu.addAction(self.tr("This preset…"))
        self.export_one_action.setObjectName("presets_export_one")
        self.export_one_action.triggered.connect(self.export_one_requested)
        self.export_all_action = menu.addAction(self.tr("All my presets…"))
        self.export_all_action.setObjectName("presets_export_all")
        self.export_all_action.triggered.connect(self.export_all_requested)
        self.export_button.setMenu(menu)
        QShortcut(QKeySequence("Ctrl+F"), self, self._focus_search)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_requested.emit)

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        left = QWidget(self)
        left.setObjectName("presets_library")
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.search)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.empty_search)
        lay.addWidget(self.counts)
        lay.addLayout(buttons)
        # never narrower than its buttons: the editor's minimum must not squeeze them
        left.setMinimumWidth(
            max(self.fontMetrics().averageCharWidth() * 26, buttons.sizeHint().width())
        )

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("presets_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(editor)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 760])
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(self.splitter)

    # -- showing ----------------------------------------------------------------------------
    def set_presets(self, presets: Sequence[Preset], current: str | None) -> None:
        """Replace the list and show ``current`` as the selected row (None: none)."""
        self._syncing = True
        try:
            self.model.set_presets(presets)
        finally:
            self._syncing = False
        builtins = sum(1 for p in presets if p.builtin)
        yours = len(presets) - builtins
        self.counts.setText(
            self.tr("%1 built-in · %2 yours").replace("%1", str(builtins)).replace("%2", str(yours))
        )
        self.show_current(current)
        self._update_empty()

    def show_current(self, name: str | None) -> None:
        """Select ``name`` in the list without asking the controller (it decided already)."""
        self._shown = name or ""
        row = self.model.row_of(name) if name else -1
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else QModelIndex()
        self._syncing = True
        try:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            self.list.selectionModel().setCurrentIndex(index, flags)
            if index.isValid():
                self.list.scrollTo(index)
        finally:
            self._syncing = False

    def current_name(self) -> str:
        return self._shown

    def visible_names(self) -> list[str]:
        """The stored names of the rows the search leaves, in order."""
        return [
            str(self.proxy.data(self.proxy.index(r, 0), NameRole))
            for r in range(self.proxy.rowCount())
        ]

    # -- reacting ---------------------------------------------------------------------------
    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        if self._syncing or not rows:
            return
        name = str(rows[0].data(NameRole))
        if name != self._shown:
            self.selection_requested.emit(name)

    def _search_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        self.show_current(self._shown or None)
        self._update_empty()

    def _update_empty(self) -> None:
        self.empty_search.setVisible(self.proxy.rowCount() == 0 and self.model.rowCount() > 0)

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
