"""The Files table: fixed row heights (a million rows), names elided with their extension kept."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from qfopgui.ui.files.objects_model import Column, ObjectsModel
from qfopgui.ui.widgets.name_elide import NameElideDelegate

__all__ = ["build_objects_table"]


def build_objects_table(model: ObjectsModel, metrics: QFontMetrics) -> QTableView:
    table = QTableView()
    table.setObjectName("objects_table")
    table.setAccessibleName(QCoreApplication.translate("FilesView", "Files"))
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    # names: the stem is cut at its end, the extension kept ("sample-1280x720-1…mp4"), so two
    # files never look the same; the full name is the tooltip
    table.setItemDelegateForColumn(Column.NAME, NameElideDelegate(table))
    table.setIconSize(QSize(16, 16))
    vh = table.verticalHeader()
    vh.setVisible(False)
    vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never size rows to contents
    vh.setDefaultSectionSize(metrics.height() + 10)
    hh = table.horizontalHeader()
    hh.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
    # narrow enough that the name keeps ~25 characters at 1,024 px with the details pane open
    for col, chars in ((Column.SIZE, 9), (Column.TYPE, 11), (Column.MODIFIED, 15)):
        hh.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        hh.resizeSection(col, metrics.averageCharWidth() * chars + 16)
    return table
