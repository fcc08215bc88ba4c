"""The right-hand part of the Transcode dialog: the preview table and "Show commands"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qfopgui.ui.jobs.submit_preview_model import PreviewColumn, PreviewResult, SubmitPreviewModel


class PreviewPane(QWidget):
    """Shows a `PreviewResult`: one row per output (greyed rows are not sent), and on demand
    the exact fop strings that will be sent."""

    def __init__(self, source_bucket: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bucket = source_bucket
        self._result: PreviewResult | None = None
        self.model = SubmitPreviewModel(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Preview"), self)
        title.setStyleSheet("font-weight: bold")
        self.table = QTableView(self)
        self.table.setObjectName("preview_table")
        self.table.setAccessibleName(self.tr("Preview of the outputs"))
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setStretchLastSection(True)
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._em = self.fontMetrics().averageCharWidth()
        head.resizeSection(PreviewColumn.SOURCE, self._em * 30)
        head.resizeSection(PreviewColumn.PRESET, self._em * 17)
        head.resizeSection(PreviewColumn.OUTPUT, self._em * 42)
        title.setBuddy(self.table)
        self.commands_toggle = QToolButton(self)
        self.commands_toggle.setObjectName("commands_toggle")
        self.commands_toggle.setText(self.tr("Show &commands"))
        self.commands_toggle.setAccessibleName(self.tr("Show commands"))
        self.commands_toggle.setCheckable(True)
        self.commands_toggle.setAutoRaise(True)
        self.commands_toggle.setStyleSheet("QToolButton { border: none; padding: 2px 0; }")
        self.commands_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.commands_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.commands_toggle.toggled.connect(self._toggle_commands)
        self.commands_text = QPlainTextEdit(self)
        self.commands_text.setObjectName("commands_text")
        self.commands_text.setAccessibleName(self.tr("Commands to be sent"))
        self.commands_text.setReadOnly(True)
        self.commands_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.commands_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.commands_text.hide()
        lay.addWidget(title)
        lay.addWidget(self.table, 3)
        lay.addWidget(self.commands_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.commands_text, 2)

    def set_result(self, result: PreviewResult) -> None:
        self._result = result
        self.model.set_result(result)
        noted = bool(result.problems or result.left_out)
        self.table.setColumnHidden(PreviewColumn.PROBLEM, not noted)
        head = self.table.horizontalHeader()
        # the file and preset columns fit their (sampled) contents; the output name gets the rest
        widest = {PreviewColumn.SOURCE: 48, PreviewColumn.PRESET: 32}
        for col in (PreviewColumn.SOURCE, PreviewColumn.PRESET):
            self.table.resizeColumnToContents(col)
            head.resizeSection(col, min(head.sectionSize(col), self._em * widest[col]))
        head.resizeSection(PreviewColumn.OUTPUT, self._em * (46 if noted else 60))
        if self.commands_toggle.isChecked():
            self._fill_commands()

    def selected_source(self) -> str | None:
        """The file of the selected row (None: no row selected)."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.source_at(rows[0].row()) if rows else None

    def _toggle_commands(self, on: bool) -> None:
        self.commands_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.commands_text.setVisible(on)
        if on:
            self._fill_commands()

    def _fill_commands(self) -> None:
        result = self._result
        if result is None:
            return
        lines: list[str] = []
        for src, plan in zip(result.sources, result.plans, strict=True):
            if plan.fops:
                lines.append(f"{self._bucket}/{src}")
                lines.extend(f"    {fop}" for fop in plan.fops)
        self.commands_text.setPlainText("\n".join(lines))
