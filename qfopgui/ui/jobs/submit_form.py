"""The middle column of the Transcode dialog: where outputs go and how the jobs run."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
)

from qfopgui.core.fops import Problem
from qfopgui.core.naming import TOKENS

_ERROR_STYLE = "border: 1px solid #c0392b; border-radius: 2px;"

_PIPELINE_OK = re.compile(r"^[A-Za-z0-9_.\-]*$")


def check_notify_url(url: str) -> Problem | None:
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return Problem.make("notify_url", "The notify URL must start with http:// or https://")
    return None


def check_pipeline(name: str) -> Problem | None:
    if not _PIPELINE_OK.match(name):
        return Problem.make(
            "pipeline", "A pipeline name has only letters, digits, '-', '_' and '.'"
        )
    return None


class SubmitForm(QWidget):
    """Signals:
    plan_inputs_changed(): bucket or name template changed (output keys must be planned again).
    options_changed(): pipeline, overwrite, idle-time or notify URL changed.
    """

    plan_inputs_changed = Signal()
    options_changed = Signal()

    def __init__(
        self,
        source_bucket: str,
        pipelines: Sequence[str],
        default_pipeline: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        title = QLabel(self.tr("Output"), self)
        title.setStyleSheet("font-weight: bold")
        form.addRow(title)

        self.bucket_combo = QComboBox(self)
        self.bucket_combo.setObjectName("bucket_combo")
        self.bucket_combo.setEditable(True)
        self.bucket_combo.addItem(source_bucket)
        self.bucket_combo.setCurrentText(source_bucket)
        self.bucket_combo.currentTextChanged.connect(self.plan_inputs_changed)
        form.addRow(self.tr("Bucket"), self.bucket_combo)

        self.template_edit = QLineEdit(self)
        self.template_edit.setObjectName("template_edit")
        self.template_edit.setPlaceholderText(self.tr("each preset's own name"))
        self.template_edit.textChanged.connect(self.plan_inputs_changed)
        self.tokens_button = QToolButton(self)
        self.tokens_button.setText(self.tr("Tokens") + " ▾")
        self.tokens_button.setToolTip(self.tr("Insert a part of the name: folder, file name…"))
        self.tokens_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.tokens_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        fm = self.template_edit.fontMetrics()  # the default template fits without scrolling
        self.template_edit.setMinimumWidth(fm.horizontalAdvance("{dir}/{name}_{preset}.{ext}") + 16)
        self.tokens_button.setMenu(tokens_menu(self, self.template_edit))
        row = QHBoxLayout()
        row.addWidget(self.template_edit, 1)
        row.addWidget(self.tokens_button)
        form.addRow(self.tr("Name"), row)

        self.pipeline_combo = QComboBox(self)
        self.pipeline_combo.setObjectName("pipeline_combo")
        self.pipeline_combo.setEditable(True)
        for name in dict.fromkeys(("", *pipelines)):
            self.pipeline_combo.addItem(name)
        line = self.pipeline_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("shared public queue (slower)"))
        self.pipeline_combo.setCurrentText(default_pipeline)
        self.pipeline_combo.setToolTip(
            self.tr(
                "The processing queue. Empty uses Qiniu's shared public queue, which is "
                "slower than a dedicated pipeline."
            )
        )
        self.pipeline_combo.currentTextChanged.connect(self.options_changed)
        form.addRow(self.tr("Pipeline"), self.pipeline_combo)

        self.force_check = QCheckBox(self.tr("Overwrite existing outputs"), self)
        self.force_check.setToolTip(
            self.tr("Without this, a job whose output already exists is reported done at once.")
        )
        self.idle_check = QCheckBox(self.tr("Idle-time (cheaper, slower)"), self)
        self.idle_check.setToolTip(
            self.tr("Run as an idle-time task: lower price, may wait longer before it starts.")
        )
        for box in (self.force_check, self.idle_check):
            box.toggled.connect(self.options_changed)
            form.addRow(box)

        self.notify_edit = QLineEdit(self)
        self.notify_edit.setObjectName("notify_edit")
        self.notify_edit.setPlaceholderText(self.tr("optional, https://…"))
        self.notify_edit.textChanged.connect(self.options_changed)
        form.addRow(self.tr("Notify URL"), self.notify_edit)

        self._fields: dict[str, QWidget] = {
            "bucket": self.bucket_combo,
            "template": self.template_edit,
            "pipeline": self.pipeline_combo,
            "notify_url": self.notify_edit,
        }

    # --- values ----------------------------------------------------------------------------

    def output_bucket(self) -> str:
        return self.bucket_combo.currentText().strip()

    def template(self) -> str | None:
        """The name template; None = each preset's own."""
        text = self.template_edit.text().strip()
        return text or None

    def pipeline(self) -> str:
        return self.pipeline_combo.currentText().strip()

    def notify_url(self) -> str:
        return self.notify_edit.text().strip()

    def set_buckets(self, names: Iterable[str]) -> None:
        """Fill the bucket list (loaded off-thread) without changing what is chosen."""
        current = self.bucket_combo.currentText()
        self.bucket_combo.blockSignals(True)
        self.bucket_combo.clear()
        for name in dict.fromkeys([current, *names]):
            self.bucket_combo.addItem(name)
        self.bucket_combo.setCurrentText(current)
        self.bucket_combo.blockSignals(False)

    # --- problems --------------------------------------------------------------------------

    def field_label(self, field: str) -> str:
        labels = {
            "presets": self.tr("Presets"),
            "bucket": self.tr("Output bucket"),
            "template": self.tr("Output name"),
            "pipeline": self.tr("Pipeline"),
            "notify_url": self.tr("Notify URL"),
            "source": self.tr("Source file"),
        }
        return labels.get(field, self.tr("Preset"))

    def mark_fields(self, fields: set[str]) -> None:
        """Outline the fields that have a problem (the message names them too)."""
        for name, widget in self._fields.items():
            widget.setStyleSheet(_ERROR_STYLE if name in fields else "")


def tokens_menu(parent: QWidget, edit: QLineEdit) -> QMenu:
    """A menu that inserts `{token}` at the cursor of the name field."""
    menu = QMenu(parent)
    hints = {
        "dir": parent.tr("folder of the source file"),
        "name": parent.tr("source file name without extension"),
        "ext": parent.tr("extension of the output format"),
        "preset": parent.tr("preset name"),
        "date": parent.tr("date, YYYYMMDD"),
        "time": parent.tr("time, HHMMSS"),
        "index": parent.tr("number of the file in this batch"),
        "bucket": parent.tr("source bucket"),
    }
    for token in TOKENS:
        action = menu.addAction(f"{{{token}}} — {hints.get(token, '')}")
        action.triggered.connect(functools.partial(edit.insert, f"{{{token}}}"))
    return menu
