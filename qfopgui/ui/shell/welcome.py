"""First run: no accounts yet. Two clear ways forward: add a Qiniu account, or try the sandbox."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from qfopgui.ui.widgets.icons import icon


class WelcomePage(QWidget):
    add_account_clicked = Signal()
    try_sandbox_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        card = QFrame()
        card.setFixedWidth(max(460, self.fontMetrics().averageCharWidth() * 62))
        col = QVBoxLayout(card)
        col.setSpacing(12)
        logo = QLabel()
        logo.setPixmap(icon("app").pixmap(QSize(64, 64)))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        col.addWidget(logo)
        title = QLabel(self.tr("Welcome to qfopgui"))
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 1.6)
        f.setBold(True)
        title.setFont(f)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        col.addWidget(title)
        intro = QLabel(
            self.tr(
                "Transcode the video, audio and images in your Qiniu buckets and watch "
                "every job until it is done. To start, connect your Qiniu account."
            )
        )
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        col.addWidget(intro)
        self.add_button = QPushButton(icon("account"), self.tr("Add Qiniu account…"))
        self.add_button.setDefault(True)
        self.add_button.setMinimumHeight(36)
        self.add_button.clicked.connect(self.add_account_clicked.emit)
        col.addWidget(self.add_button)
        add_hint = QLabel(self.tr("You need the AccessKey and SecretKey from the Qiniu portal."))
        add_hint.setWordWrap(True)
        add_hint.setEnabled(False)
        add_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        col.addWidget(add_hint)
        self.sandbox_button = QPushButton(icon("sandbox"), self.tr("Try the sandbox"))
        self.sandbox_button.setMinimumHeight(36)
        self.sandbox_button.clicked.connect(self.try_sandbox_clicked.emit)
        col.addWidget(self.sandbox_button)
        sandbox_hint = QLabel(
            self.tr(
                "A practice server on this computer with demo files. Nothing is sent to "
                "Qiniu and nothing costs money."
            )
        )
        sandbox_hint.setWordWrap(True)
        sandbox_hint.setEnabled(False)
        sandbox_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        col.addWidget(sandbox_hint)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def set_busy(self, busy: bool, text: str = "") -> None:
        """While the sandbox starts: disable the buttons and say what is happening."""
        self.add_button.setEnabled(not busy)
        self.sandbox_button.setEnabled(not busy)
        self.sandbox_button.setText(text if busy and text else self.tr("Try the sandbox"))
