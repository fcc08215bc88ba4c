"""The one question for a batch whose files are already in the bucket: Skip / Overwrite / Keep
both (default Skip), with how many and the first few names.

Asked once for the whole batch, never per file: a folder of 500 clips dropped again must not
mean 500 questions.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGroupBox, QLabel, QRadioButton, QVBoxLayout, QWidget

from qfopgui.services.upload_types import ConflictChoice
from qfopgui.ui.uploads.transfer_texts import name_of
from qfopgui.ui.widgets.name_elide import elide_name

FIRST_NAMES = 3
NAME_CHARS = 28  # each name is elided to about this many characters


def numbered_name(name: str, n: int = 1) -> str:
    """What Keep both calls the new file: "clip.mp4" → "clip (1).mp4"."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        return f"{name} ({n})"
    return f"{stem} ({n}).{ext}"


class ConflictBox(QGroupBox):
    """Signals: changed() when another answer is chosen."""

    changed = Signal()

    def __init__(self, existing: Iterable[str], place: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_box")
        keys = sorted(existing)
        n = len(keys)
        self.setTitle(
            self.tr("1 file is already there")
            if n == 1
            else self.tr("%1 files are already there").replace("%1", f"{n:,}")
        )
        width = self.fontMetrics().averageCharWidth() * NAME_CHARS
        names = [elide_name(name_of(k), self.fontMetrics(), width) for k in keys[:FIRST_NAMES]]
        listed = ", ".join(f"“{name}”" for name in names)
        if n > FIRST_NAMES:
            listed = (
                self.tr("%1 and %2 more")
                .replace("%1", listed)
                .replace("%2", f"{n - FIRST_NAMES:,}")
            )
        self.text_label = QLabel(
            self.tr("%1 already has %2. What should happen to them?")
            .replace("%1", place)
            .replace("%2", listed),
            self,
        )
        self.text_label.setObjectName("conflict_text")
        self.text_label.setWordWrap(True)
        self.text_label.setToolTip("\n".join(keys[:20]) + ("\n…" if n > 20 else ""))
        example = numbered_name(name_of(keys[0])) if keys else ""
        self.skip = QRadioButton(self.tr("&Skip them (keep what is in the bucket)"), self)
        self.overwrite = QRadioButton(self.tr("&Overwrite them with the new files"), self)
        self.keep_both = QRadioButton(
            self.tr("&Keep both: upload the new files with a number (“%1”)").replace("%1", example),
            self,
        )
        self.group = QButtonGroup(self)
        lay = QVBoxLayout(self)
        lay.addWidget(self.text_label)
        for button, choice in (
            (self.skip, ConflictChoice.SKIP),
            (self.overwrite, ConflictChoice.OVERWRITE),
            (self.keep_both, ConflictChoice.KEEP_BOTH),
        ):
            button.setObjectName(f"conflict_{choice.value}")
            button.setAccessibleName(button.text().replace("&", ""))
            button.setProperty("choice", choice.value)
            self.group.addButton(button)
            lay.addWidget(button)
        self.skip.setChecked(True)
        self.group.buttonToggled.connect(self._on_toggled)

    def _on_toggled(self, _button: object, on: bool) -> None:
        if on:
            self.changed.emit()

    def choice(self) -> ConflictChoice:
        checked = self.group.checkedButton()
        return ConflictChoice(str(checked.property("choice"))) if checked else ConflictChoice.SKIP

    def set_choice(self, choice: ConflictChoice) -> None:
        {
            ConflictChoice.SKIP: self.skip,
            ConflictChoice.OVERWRITE: self.overwrite,
            ConflictChoice.KEEP_BOTH: self.keep_both,
        }[choice].setChecked(True)
