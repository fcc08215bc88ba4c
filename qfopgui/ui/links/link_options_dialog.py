"""Asked before links are made: how long private links work, and which domain a bucket with
several domains uses. Shown window-modal with `open()` (never `exec()`), see `run_dialog`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from qfopgui.ui.links.link_preferences import DAY, EXPIRY_CHOICES, HOUR

Place = tuple[str, str]  # (profile, bucket)


@dataclass(frozen=True)
class DomainQuestion:
    """A bucket with several download domains; ``chosen`` is preselected."""

    profile: str
    bucket: str
    domains: tuple[str, ...]
    chosen: str


@dataclass(frozen=True)
class LinkQuestion:
    """What to ask: the expiry (when a private bucket is involved) and/or the domains."""

    ask_expiry: bool
    expiry: int
    domains: tuple[DomainQuestion, ...] = ()
    private_buckets: tuple[str, ...] = ()


@dataclass(frozen=True)
class LinkAnswer:
    expiry: int
    domains: dict[Place, str]


class LinkOptionsDialog(QDialog):
    """The expiry combo and one domain combo per bucket; OK says what happens next."""

    def __init__(self, question: LinkQuestion, ok_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("link_options_dialog")
        self.setWindowTitle(self.tr("Link options"))
        self._question = question
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.expiry_combo: QComboBox | None = None
        if question.ask_expiry:
            combo = QComboBox(self)
            combo.setObjectName("link_expiry")
            combo.setAccessibleName(self.tr("Private links work for"))
            for seconds in EXPIRY_CHOICES:
                combo.addItem(self.expiry_text(seconds), seconds)
            combo.setCurrentIndex(max(0, combo.findData(question.expiry)))
            form.addRow(self.tr("Private links work &for:"), combo)
            self.expiry_combo = combo
        self.domain_combos: dict[Place, QComboBox] = {}
        for q in question.domains:
            combo = QComboBox(self)
            combo.setObjectName(f"link_domain_{q.bucket}")
            combo.setAccessibleName(self.tr("Domain for links to %1").replace("%1", q.bucket))
            combo.addItems(list(q.domains))
            combo.setCurrentIndex(max(0, combo.findText(q.chosen)))
            form.addRow(self.tr("Domain for %1:").replace("%1", q.bucket), combo)
            self.domain_combos[(q.profile, q.bucket)] = combo
        lay.addLayout(form)
        self.note = QLabel(self._note_text(), self)
        self.note.setObjectName("link_options_note")
        self.note.setWordWrap(True)
        lay.addWidget(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, parent=self)
        self.ok_button = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("link_options_ok")
        self.ok_button.setAccessibleName(ok_text)
        self.ok_button.setDefault(True)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("link_options_cancel")
        cancel.setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)  # the note reads well

    def _note_text(self) -> str:
        q = self._question
        if q.private_buckets:
            text = self.tr(
                "Links to %1 (private) are signed and stop working after the time chosen "
                "here. Links to public buckets never expire."
            ).replace("%1", ", ".join(q.private_buckets))
        else:
            text = self.tr("Links to public buckets never expire.")
        if q.domains:
            text += " " + self.tr("The domain chosen for a bucket is remembered.")
        return text

    def expiry_text(self, seconds: int) -> str:
        if seconds == HOUR:
            return self.tr("1 hour")
        if seconds % DAY == 0:
            days = seconds // DAY
            return self.tr("1 day") if days == 1 else self.tr("%1 days").replace("%1", str(days))
        return self.tr("%1 hours").replace("%1", str(seconds // HOUR))

    def answer(self) -> LinkAnswer:
        expiry = self._question.expiry
        if self.expiry_combo is not None:
            expiry = int(self.expiry_combo.currentData())
        domains = {place: combo.currentText() for place, combo in self.domain_combos.items()}
        return LinkAnswer(expiry, domains)


def domain_questions(
    found: Sequence[tuple[Place, Sequence[str]]], chosen: dict[Place, str | None], *, all_: bool
) -> tuple[DomainQuestion, ...]:
    """The buckets to ask about: those with several domains and no valid choice yet (or all of
    them when ``all_``: the dialog is shown anyway, so a choice can be changed)."""
    out = []
    for (profile, bucket), domains in found:
        if len(domains) < 2:
            continue
        current = chosen.get((profile, bucket))
        if all_ or current not in domains:
            pre = current if current in domains else domains[0]
            assert pre is not None
            out.append(DomainQuestion(profile, bucket, tuple(domains), pre))
    return tuple(out)
