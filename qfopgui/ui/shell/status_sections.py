"""The main window's status bar: a connection dot, then one label per named section.

Features write their words with `MainWindow.set_status(section, text)`; "main" and "connection"
sit on the left and may be cut short, every other section sits on the right.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar

from qfopgui.ui.widgets.status_dot import ConnectionDot


class StatusSections:
    """One label per section in the status bar, created on first use, in that order."""

    def __init__(self, bar: QStatusBar) -> None:
        self._bar = bar
        self._labels: dict[str, QLabel] = {}
        self.connection_dot = ConnectionDot()
        bar.addWidget(self.connection_dot)

    def set(self, section: str, text: str) -> None:
        label = self._labels.get(section)
        if label is None:
            label = QLabel()
            self._labels[section] = label
            if section in ("main", "connection"):  # left; the rest on the right
                # a long text (an error, a long name) is cut, never widens the window
                label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
                self._bar.addWidget(label, 1)
            else:
                self._bar.addPermanentWidget(label)
        label.setText(text)
        label.setToolTip(text)
        label.setVisible(bool(text))

    def set_connection(self, state: str, text: str) -> None:
        """The connection words, after a dot coloured by `state` (connected/connecting/error)."""
        self.set("connection", text)
        self.connection_dot.set_state(state if text else "")

    def text(self, section: str) -> str:
        label = self._labels.get(section)
        return label.text() if label is not None else ""
