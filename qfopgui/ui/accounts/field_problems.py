"""How a profile problem shows at its field: a red outline, a sentence under it, in words.

The account dialog marks every field the same way, so the marking lives here and the dialog
only decides which problem goes where.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QLayout, QLineEdit, QVBoxLayout, QWidget

from qfopgui.services.profile_checks import ProfileProblem
from qfopgui.ui.translated_messages import SERVICES as SERVICES_CONTEXT

ERROR_COLOUR = "#c0392b"
INVALID_STYLE = (
    f'QLineEdit[invalid="true"] {{ border: 1px solid {ERROR_COLOUR}; border-radius: 3px;'
    " padding: 2px 3px; }"
)


def problem_text(problem: ProfileProblem) -> str:
    """A `ProfileProblem` in the user's language (context "services"; {field} is a word)."""

    def tr(text: str) -> str:
        return QCoreApplication.translate(SERVICES_CONTEXT, text)

    params = problem.params_dict
    if "field" in params:
        params["field"] = tr(params["field"])
    try:
        return tr(problem.template).format(**params)
    except (KeyError, IndexError, ValueError):  # a broken translation: keep the English
        return problem.message


class FieldMessage(QLabel):
    """The red sentence under a field; hidden while the field is fine."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.hide()

    def show_text(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def stacked(field: QWidget | QLayout, message: FieldMessage) -> QWidget:
    """A form row's field with its message right under it."""
    box = QWidget()
    col = QVBoxLayout(box)
    col.setContentsMargins(0, 0, 0, 0)
    col.setSpacing(2)
    if isinstance(field, QLayout):
        col.addLayout(field)
    else:
        col.addWidget(field)
    col.addWidget(message)
    return box


def mark_invalid(edit: QLineEdit, text: str) -> None:
    """Outline a field in red and give screen readers the reason (empty `text`: clear)."""
    if bool(edit.property("invalid")) != bool(text):
        edit.setProperty("invalid", bool(text))
        edit.style().unpolish(edit)
        edit.style().polish(edit)
    edit.setAccessibleDescription(text)
