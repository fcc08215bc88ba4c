"""The left column of the Transcode dialog: which presets, where outputs go, how jobs run."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qfopgui.core.fops import Problem
from qfopgui.core.presets import Preset
from qfopgui.settings import Settings
from qfopgui.ui.translated_messages import preset_description, preset_display_name
from qfopgui.ui.widgets.tokens_menu import TokensMenu

_ERROR_STYLE = "border: 1px solid #c0392b; border-radius: 2px;"
VISIBLE_PRESETS = 14  # rows the presets list shows without scrolling

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
        form.addRow(self.tr("&Bucket"), self.bucket_combo)

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
        self.tokens_button.setMenu(TokensMenu(self.template_edit, self))
        row = QHBoxLayout()
        row.addWidget(self.template_edit, 1)
        row.addWidget(self.tokens_button)
        name_label = QLabel(self.tr("&Name"), self)
        name_label.setBuddy(self.template_edit)  # a row of two widgets gets no buddy by itself
        form.addRow(name_label, row)

        self.pipeline_combo = QComboBox(self)
        self.pipeline_combo.setObjectName("pipeline_combo")
        self.pipeline_combo.setEditable(True)  # a queue not in the list can still be typed
        self.pipeline_combo.addItem(self.shared_queue_label(), "")
        for name in dict.fromkeys(n for n in pipelines if n):
            self.pipeline_combo.addItem(name, name)
        self.set_pipeline(default_pipeline)
        self.pipeline_combo.setToolTip(
            self.tr(
                "The processing queue. The shared queue is Qiniu's public one, which is "
                "slower than a dedicated pipeline. Add pipelines in the Pipelines view."
            )
        )
        self.pipeline_combo.currentTextChanged.connect(self.options_changed)
        form.addRow(self.tr("P&ipeline"), self.pipeline_combo)

        self.force_check = QCheckBox(self.tr("&Overwrite existing outputs"), self)
        self.force_check.setObjectName("force_check")
        self.force_check.setToolTip(
            self.tr(
                "Submit checks which outputs already exist and asks what to do with them; "
                "this box answers Overwrite in advance."
            )
        )
        self.idle_check = QCheckBox(self.tr("I&dle-time (cheaper, slower)"), self)
        self.idle_check.setObjectName("idle_check")
        self.idle_check.setToolTip(
            self.tr("Run as an idle-time task: lower price, may wait longer before it starts.")
        )
        self.force_check.setAccessibleName(self.tr("Overwrite existing outputs"))
        self.idle_check.setAccessibleName(self.tr("Idle-time (cheaper, slower)"))
        for box in (self.force_check, self.idle_check):
            box.toggled.connect(self.options_changed)
            form.addRow(box)

        self.notify_edit = QLineEdit(self)
        self.notify_edit.setObjectName("notify_edit")
        self.notify_edit.setPlaceholderText(self.tr("optional, https://…"))
        self.notify_edit.textChanged.connect(self.options_changed)
        form.addRow(self.tr("Notify &URL"), self.notify_edit)

        self.bucket_combo.setAccessibleName(self.tr("Output bucket"))
        self.template_edit.setAccessibleName(self.tr("Output name"))
        self.tokens_button.setObjectName("tokens_button")
        self.tokens_button.setAccessibleName(self.tr("Insert a part of the name"))
        self.pipeline_combo.setAccessibleName(self.tr("Pipeline"))
        self.notify_edit.setAccessibleName(self.tr("Notify URL"))
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

    def shared_queue_label(self) -> str:
        return self.tr("Shared queue — slower")

    def pipeline(self) -> str:
        """The chosen pipeline; "" is the shared public queue."""
        text = self.pipeline_combo.currentText().strip()
        index = self.pipeline_combo.findText(text)
        if index >= 0:
            return str(self.pipeline_combo.itemData(index) or "")
        return text

    def pipeline_label(self) -> str:
        return self.pipeline() or self.shared_queue_label()

    def set_pipeline(self, name: str) -> None:
        index = self.pipeline_combo.findData(name)
        if index >= 0:
            self.pipeline_combo.setCurrentIndex(index)
        else:
            self.pipeline_combo.setCurrentText(name)

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


class RememberedPresets:
    """The presets ticked in the last Transcode dialog, kept in the settings (a JSON list of
    names) so they are ticked again after a restart."""

    KEY = "submit/checked_presets"

    def __init__(self, settings: Settings, default: Sequence[str]) -> None:
        self._settings = settings
        self._default = tuple(default)

    def load(self) -> tuple[str, ...]:
        raw = self._settings.get(self.KEY)
        try:
            names = json.loads(raw) if raw else None
        except ValueError:
            names = None
        if isinstance(names, list) and names and all(isinstance(n, str) for n in names):
            return tuple(names)
        return self._default

    def save(self, names: Sequence[str]) -> None:
        """Nothing ticked keeps the earlier choice."""
        if names:
            self._settings.set(self.KEY, json.dumps(list(names), ensure_ascii=False))


class PresetsPicker(QWidget):
    """The presets, each with a checkbox. Signal: changed() when one is ticked or unticked."""

    changed = Signal()

    def __init__(
        self, presets: Sequence[Preset], checked: Iterable[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._presets = tuple(presets)
        ticked = set(checked)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("&Presets"), self)
        title.setStyleSheet("font-weight: bold")
        self.model = QStandardItemModel(self)
        for p in self._presets:
            item = QStandardItem(preset_display_name(p.name))
            item.setData(p.name, Qt.ItemDataRole.UserRole)  # the stable name (store, settings)
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(
                Qt.CheckState.Checked if p.name in ticked else Qt.CheckState.Unchecked
            )
            item.setToolTip(preset_description(p.name, p.description) or item.text())
            self.model.appendRow(item)
        self.list = QListView(self)
        self.list.setObjectName("presets_list")
        self.list.setAccessibleName(self.tr("Presets"))
        self.list.setModel(self.model)
        self.list.setSpacing(1)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = min(self.model.rowCount(), VISIBLE_PRESETS)  # built-ins and a few of the user's
        if rows:  # each row measured: a Chinese name is taller than a Latin one
            height = sum(self.list.sizeHintForRow(r) + 2 * self.list.spacing() for r in range(rows))
            self.list.setMinimumHeight(height + 2 * self.list.frameWidth())
        title.setBuddy(self.list)
        self.model.itemChanged.connect(lambda _item: self.changed.emit())
        lay.addWidget(title)
        lay.addWidget(self.list, 1)

    def selected(self) -> list[Preset]:
        out = []
        for row, preset in enumerate(self._presets):
            item = self.model.item(row)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.append(preset)
        return out
