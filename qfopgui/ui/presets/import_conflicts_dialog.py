"""Importing presets whose names are taken: one choice per name (replace / keep both / skip).

Nothing is imported until OK; Cancel imports nothing. A built-in cannot be replaced (it is
locked), so for those the choices are "keep both" and "skip".
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qfopgui.services.preset_import import ConflictChoice, ImportPlan
from qfopgui.ui.translated_messages import preset_display_name


class ImportConflictsDialog(QDialog):
    """``decisions()`` after OK: one ``ConflictChoice`` per conflicting name."""

    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_conflicts_dialog")
        self.setWindowTitle(self.tr("Import presets"))
        self._plan = plan
        total, taken = len(plan.presets), len(plan.conflicts)
        summary = QLabel(
            self.tr(
                "%1 contains %2 presets; %3 of them have the name of a preset you already "
                "have. Choose what to do with each."
            )
            .replace("%1", plan.source.name)
            .replace("%2", str(total))
            .replace("%3", str(taken)),
            self,
        )
        summary.setWordWrap(True)

        self.table = QTableWidget(taken, 2, self)
        self.table.setObjectName("import_conflicts_table")
        self.table.setAccessibleName(self.tr("Presets with names already in use"))
        self.table.setHorizontalHeaderLabels([self.tr("Preset"), self.tr("What to do")])
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the choices and the buttons
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.choices: dict[str, QComboBox] = {}
        for row, conflict in enumerate(plan.conflicts):
            label = preset_display_name(conflict.name)
            if conflict.existing.builtin:
                label = self.tr("%1 (built-in)").replace("%1", label)
            elif conflict.identical:
                label = self.tr("%1 (same as yours)").replace("%1", label)
            item = QTableWidgetItem(label)
            item.setToolTip("\n".join(c.build() for c in conflict.incoming.commands))
            self.table.setItem(row, 0, item)
            combo = QComboBox(self.table)
            combo.setObjectName(f"import_choice_{row}")
            combo.setAccessibleName(self.tr("What to do with %1").replace("%1", label))
            if conflict.can_replace:
                combo.addItem(self.tr("Replace mine"), ConflictChoice.REPLACE)
            combo.addItem(self.tr("Keep both"), ConflictChoice.KEEP_BOTH)
            combo.addItem(self.tr("Skip"), ConflictChoice.SKIP)
            # identical recipes gain nothing from a second copy
            combo.setCurrentIndex(combo.findData(_default_choice(conflict.identical)))
            self.table.setCellWidget(row, 1, combo)
            self.choices[conflict.name] = combo

        all_row = QHBoxLayout()
        all_row.addWidget(QLabel(self.tr("For all:"), self))
        for text, label, choice, name in (
            (
                self.tr("Replace mine"),
                self.tr("&Replace mine"),
                ConflictChoice.REPLACE,
                "import_all_replace",
            ),
            (
                self.tr("Keep both"),
                self.tr("&Keep both"),
                ConflictChoice.KEEP_BOTH,
                "import_all_keep",
            ),
            (self.tr("Skip"), self.tr("&Skip"), ConflictChoice.SKIP, "import_all_skip"),
        ):
            button = QPushButton(label, self)
            button.setObjectName(name)
            button.setAccessibleName(self.tr("%1 for every preset listed").replace("%1", text))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, c=choice: self.set_all(c))
            all_row.addWidget(button)
        all_row.addStretch(1)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Import"))
        ok.setObjectName("import_ok")
        ok.setAccessibleName(self.tr("Import with these choices"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("import_cancel")
        cancel.setAccessibleName(self.tr("Cancel: import nothing"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(summary)
        lay.addWidget(self.table, 1)
        lay.addLayout(all_row)
        lay.addWidget(buttons)
        self.resize(560, 360)

    def set_all(self, choice: ConflictChoice) -> None:
        """Apply ``choice`` to every row that offers it (built-ins cannot be replaced)."""
        for combo in self.choices.values():
            index = combo.findData(choice)
            if index < 0 and choice is ConflictChoice.REPLACE:
                index = combo.findData(ConflictChoice.KEEP_BOTH)
            combo.setCurrentIndex(index)

    def decisions(self) -> dict[str, ConflictChoice]:
        out: dict[str, ConflictChoice] = {}
        for name, combo in self.choices.items():
            data = combo.currentData()
            out[name] = data if isinstance(data, ConflictChoice) else ConflictChoice.KEEP_BOTH
        return out


def _default_choice(identical: bool) -> ConflictChoice:
    return ConflictChoice.SKIP if identical else ConflictChoice.KEEP_BOTH
