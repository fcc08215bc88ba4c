"""Files a batch leaves out, each with why: "clip.mov — empty (0 bytes)".

Shown inside the upload dialog (and on its own when nothing at all can be uploaded), so the
user sees every file that will not go up before anything is sent.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from qfopgui.services.upload_types import ProblemKind, ScanProblem
from qfopgui.ui.uploads.transfer_texts import service_text
from qfopgui.ui.widgets.padded_rows import PaddedRows

VISIBLE_ROWS = 6


def _t(text: str) -> str:
    return QCoreApplication.translate("ScanProblems", text)


def problem_reason(problem: ScanProblem) -> str:
    """Why this file is left out, in the user's language."""
    text = service_text(problem.template, problem.params, problem.message)
    if text:
        return text
    words = {
        ProblemKind.EMPTY: _t("empty (0 bytes)"),
        ProblemKind.SYMLINK: _t("symbolic link, not followed"),
        ProblemKind.UNREADABLE: _t("cannot be read"),
        ProblemKind.NOT_A_FILE: _t("not a regular file"),
        ProblemKind.BAD_NAME: _t("a name Qiniu does not accept"),
    }
    return words[problem.kind]


def shown_path(path: str, roots: Sequence[Path]) -> str:
    """The path as the user dropped it: relative to the dropped item's folder when inside one."""
    for root in roots:
        base = str(root.parent)
        try:
            if os.path.commonpath([base, path]) == base:
                return os.path.relpath(path, base)
        except ValueError:  # another drive (Windows)
            continue
    return path


def problem_line(problem: ScanProblem, roots: Sequence[Path] = ()) -> str:
    return f"{shown_path(problem.path, roots)} — {problem_reason(problem)}"


class ProblemsList(QWidget):
    """A sentence ("2 files will not be uploaded:") over a list of files and reasons."""

    def __init__(
        self,
        problems: Sequence[ScanProblem],
        roots: Sequence[Path] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scan_problems")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        n = len(problems)
        self.title = QLabel(
            _t("1 file will not be uploaded:")
            if n == 1
            else _t("%1 files will not be uploaded:").replace("%1", f"{n:,}"),
            self,
        )
        self.title.setObjectName("scan_problems_title")
        self.title.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("scan_problems_list")
        self.list.setAccessibleName(_t("Files that will not be uploaded"))
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setItemDelegate(PaddedRows(self.list))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for p in problems:
            self.list.addItem(problem_line(p, roots))
            self.list.item(self.list.count() - 1).setToolTip(f"{p.path}\n{problem_reason(p)}")
        self.list.setSelectionMode(QListWidget.SelectionMode.NoSelection)  # a list to read
        # as tall as its rows, each measured (a Chinese line is taller than a Latin one)
        rows = sum(self.list.sizeHintForRow(r) for r in range(min(n, VISIBLE_ROWS)))
        height = max(rows, self.fontMetrics().height()) + 2 * self.list.frameWidth() + 4
        self.list.setMinimumHeight(height)
        self.list.setMaximumHeight(height if n <= VISIBLE_ROWS else height * 2)
        self.title.setBuddy(self.list)
        lay.addWidget(self.title)
        lay.addWidget(self.list, 1)
        self.setVisible(n > 0)

    def lines(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]
