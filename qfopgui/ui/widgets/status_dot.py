"""The status bar's connection dot: green connected, grey connecting, red error.

Never colour alone: the label next to it says the same in words; the dot's tooltip does too.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

DOT_COLOURS = {"connected": "#1e8449", "connecting": "#7f8c8d", "error": "#c0392b"}


class ConnectionDot(QLabel):
    """A coloured ● whose `state` is one of DOT_COLOURS ("" hides it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("●", parent)
        self.setObjectName("connection_dot")
        self._state = ""
        self.hide()

    @property
    def state(self) -> str:
        return self._state

    def colour(self) -> str:
        return DOT_COLOURS.get(self._state, "")

    def set_state(self, state: str) -> None:
        if state and state not in DOT_COLOURS:
            raise ValueError(f"unknown connection state {state!r}")
        self._state = state
        self.setStyleSheet(f"color: {DOT_COLOURS[state]}; padding-left: 4px;" if state else "")
        words = {
            "connected": self.tr("Connected"),
            "connecting": self.tr("Connecting"),
            "error": self.tr("Not connected"),
        }
        self.setToolTip(words.get(state, ""))
        self.setVisible(bool(state))
