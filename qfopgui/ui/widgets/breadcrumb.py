"""Path bar: bucket › folder › sub-folder, each part a button that goes back up to it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget


class Breadcrumb(QWidget):
    """Shows `bucket/prefix`; `navigated(prefix)` when a part is clicked ("" is the bucket root)."""

    navigated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(2)
        self._bucket = ""
        self._prefix = ""
        self.buttons: list[QToolButton] = []
        self._rebuild()

    @property
    def prefix(self) -> str:
        return self._prefix

    def set_path(self, bucket: str, prefix: str) -> None:
        self._bucket, self._prefix = bucket, prefix
        self._rebuild()

    def _rebuild(self) -> None:
        while self._row.count():
            item = self._row.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        self.buttons = []
        if not self._bucket:
            self._row.addWidget(QLabel(self.tr("No bucket selected")))
            self._row.addStretch(1)
            return
        parts = [p for p in self._prefix.split("/") if p]
        targets = [("", self._bucket)]
        acc = ""
        for p in parts:
            acc += p + "/"
            targets.append((acc, p))
        for n, (target, label) in enumerate(targets):
            if n:
                sep = QLabel("›")
                sep.setEnabled(False)
                self._row.addWidget(sep)
            b = QToolButton()
            b.setText(label)
            b.setAutoRaise(True)
            b.setToolTip(self.tr("Go to %1").replace("%1", f"{self._bucket}/{target}"))
            b.setProperty("target", target)
            b.clicked.connect(self._on_crumb_clicked)
            last = n == len(targets) - 1
            if last:
                f = b.font()
                f.setBold(True)
                b.setFont(f)
            self._row.addWidget(b)
            self.buttons.append(b)
        self._row.addStretch(1)

    def _on_crumb_clicked(self) -> None:
        sender = self.sender()
        if sender is not None:
            self.navigated.emit(str(sender.property("target")))
