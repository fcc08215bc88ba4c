"""What the Files view says instead of an empty table (and which button it offers), and the
error bar shown above rows that did load.

`empty_state` is a pure function of the view's state, so every case is one line to test. The
texts keep the "FilesView" translation context (they are the view's words).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

__all__ = ["EmptyAction", "EmptyState", "ErrorBar", "ListingState", "empty_state"]


class EmptyAction(StrEnum):
    RETRY = "retry"
    CLEAR_SEARCH = "clear_search"
    SHOW_OUTPUTS = "show_outputs"
    SHOW_ALL_TYPES = "show_all_types"
    GO_UP = "go_up"


@dataclass(frozen=True)
class ListingState:
    has_profile: bool = False
    bucket: str | None = None
    buckets_state: str = "idle"  # idle | loading | error | loaded
    has_buckets: bool = False
    error: str = ""
    loading: bool = False
    search: str = ""
    type_filtered: bool = False
    loaded_objects: int = 0
    hidden_outputs: int = 0
    in_folder: bool = False


@dataclass(frozen=True)
class EmptyState:
    text: str
    button: str | None = None
    action: EmptyAction | None = None


def empty_state(s: ListingState) -> EmptyState | None:
    """The message for a view with no rows; None keeps the message shown (a buckets error)."""
    if not s.has_profile:
        return EmptyState(
            QCoreApplication.translate("FilesView", "Choose or add an account to see its files.")
        )
    if s.bucket is None:
        return _no_bucket(s)
    if s.error:
        text = QCoreApplication.translate("FilesView", "Could not list the files: %1")
        retry = QCoreApplication.translate("FilesView", "Retry")
        return EmptyState(text.replace("%1", s.error), retry, EmptyAction.RETRY)
    if s.loading:
        return EmptyState(QCoreApplication.translate("FilesView", "Loading files…"))
    if s.search:
        text = QCoreApplication.translate(
            "FilesView", "No files here start with “%1”. Check the spelling or clear the search."
        )
        clear = QCoreApplication.translate("FilesView", "Clear search")
        return EmptyState(text.replace("%1", s.search), clear, EmptyAction.CLEAR_SEARCH)
    if s.hidden_outputs:
        text = QCoreApplication.translate(
            "FilesView", "Every file here that fits the filter was made by qfopgui's jobs."
        )
        show = QCoreApplication.translate("FilesView", "Show outputs")
        return EmptyState(text, show, EmptyAction.SHOW_OUTPUTS)
    if s.type_filtered and s.loaded_objects:
        text = QCoreApplication.translate("FilesView", "No files of this type in this folder.")
        show = QCoreApplication.translate("FilesView", "Show all files")
        return EmptyState(text, show, EmptyAction.SHOW_ALL_TYPES)
    if s.in_folder:
        text = QCoreApplication.translate(
            "FilesView", "This folder is empty. Drop files here or use Upload… (Ctrl+U)."
        )
        up = QCoreApplication.translate("FilesView", "Go up")
        return EmptyState(text, up, EmptyAction.GO_UP)
    return EmptyState(
        QCoreApplication.translate(
            "FilesView",
            "This bucket is empty. Drop files here or use Upload… (Ctrl+U) to add some.",
        )
    )


def _no_bucket(s: ListingState) -> EmptyState | None:
    if s.buckets_state == "loading":
        return EmptyState(QCoreApplication.translate("FilesView", "Loading buckets…"))
    if s.buckets_state == "error":
        return None
    if not s.has_buckets:
        return EmptyState(
            QCoreApplication.translate(
                "FilesView",
                "This account has no buckets yet. Create one in the Qiniu portal, then press "
                "Refresh (F5).",
            )
        )
    return EmptyState(
        QCoreApplication.translate("FilesView", "Choose a bucket on the left to see its files.")
    )


class ErrorBar(QWidget):
    """A red line of text with Retry; hidden until an error is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #c0392b;")
        self.retry_button = QPushButton(QCoreApplication.translate("FilesView", "Retry"))
        self.retry_button.setObjectName("files_retry")
        row.addWidget(self.label, 1)
        row.addWidget(self.retry_button)
        self.hide()
