"""The "Tokens ▾" menu of an output-name field: inserts ``{token}`` at the cursor.

Shared by the Transcode dialog and the preset editor, so both explain the tokens the same way.
"""

from __future__ import annotations

import functools

from PySide6.QtWidgets import QLineEdit, QMenu, QWidget

from qfopgui.core.naming import TOKENS


class TokensMenu(QMenu):
    def __init__(self, edit: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tokens_menu")
        hints = {
            "dir": self.tr("folder of the source file"),
            "name": self.tr("source file name without extension"),
            "ext": self.tr("extension of the output format"),
            "preset": self.tr("preset name"),
            "date": self.tr("date, YYYYMMDD"),
            "time": self.tr("time, HHMMSS"),
            "index": self.tr("number of the file in this batch"),
            "bucket": self.tr("source bucket"),
        }
        for token in TOKENS:
            action = self.addAction(f"{{{token}}} — {hints.get(token, '')}")
            action.triggered.connect(functools.partial(edit.insert, f"{{{token}}}"))
