"""Transcode on upload: the presets the upload itself runs, and on which pipeline.

The presets go into the upload token (persistentOps), so each file's job starts the moment it
arrives. The last choice is kept in the settings (`uploads/presets`: a JSON list of preset
names; an empty list means "off").
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from qfopgui.core.presets import Preset
from qfopgui.services.upload_types import TranscodeOnUpload
from qfopgui.settings import Settings
from qfopgui.ui.jobs.submit_form import PresetsPicker


class RememberedUploadPresets:
    """The presets ticked for Transcode on upload last time (none: it was off)."""

    KEY = "uploads/presets"

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def load(self) -> tuple[str, ...]:
        raw = self._settings.get(self.KEY)
        try:
            names = json.loads(raw) if raw else []
        except ValueError:
            names = []
        if isinstance(names, list) and all(isinstance(n, str) for n in names):
            return tuple(names)
        return ()

    def save(self, names: Sequence[str]) -> None:
        self._settings.set(self.KEY, json.dumps(list(names), ensure_ascii=False))


class TranscodeBox(QGroupBox):
    """A checkable group: presets to run on each uploaded file, and the pipeline.

    Signals: changed() when it is turned on or off, or a preset is ticked.
    """

    changed = Signal()

    def __init__(
        self,
        presets: Sequence[Preset],
        checked: Sequence[str],
        pipelines: Sequence[str],
        default_pipeline: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("&Transcode on upload"), parent)
        self.setObjectName("transcode_on_upload")
        self.setAccessibleName(self.tr("Transcode on upload"))
        self.setCheckable(True)
        known = {p.name for p in presets}
        ticked = [n for n in checked if n in known]
        self.setChecked(bool(ticked))
        self.setToolTip(
            self.tr(
                "Each file is transcoded with the ticked presets as soon as it is uploaded; "
                "the jobs appear in Jobs."
            )
        )
        self.picker = PresetsPicker(presets, ticked, self)
        self.pipeline_combo = QComboBox(self)
        self.pipeline_combo.setObjectName("upload_pipeline_combo")
        self.pipeline_combo.setAccessibleName(self.tr("Pipeline"))
        self.pipeline_combo.addItem(self.tr("Shared queue — slower"), "")
        for name in dict.fromkeys(n for n in pipelines if n):
            self.pipeline_combo.addItem(name, name)
        index = self.pipeline_combo.findData(default_pipeline)
        self.pipeline_combo.setCurrentIndex(max(0, index))
        self.hint = QLabel(self)
        self.hint.setObjectName("transcode_hint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #c0392b;")
        form = QFormLayout()
        pipeline_label = QLabel(self.tr("P&ipeline"), self)
        pipeline_label.setBuddy(self.pipeline_combo)
        form.addRow(pipeline_label, self.pipeline_combo)
        lay = QVBoxLayout(self)
        lay.addWidget(self.picker, 1)
        lay.addLayout(form)
        lay.addWidget(self.hint)
        self.picker.changed.connect(self._on_changed)
        self.toggled.connect(self._on_changed)
        self._on_changed()

    def _on_changed(self, *_args: object) -> None:
        missing = self.isChecked() and not self.picker.selected()
        self.hint.setText(
            self.tr("Tick at least one preset, or turn Transcode on upload off.") if missing else ""
        )
        self.hint.setVisible(missing)
        self.changed.emit()

    def is_valid(self) -> bool:
        return not self.isChecked() or bool(self.picker.selected())

    def pipeline(self) -> str:
        return str(self.pipeline_combo.currentData() or "")

    def choice(self) -> TranscodeOnUpload | None:
        """What the upload should run (None: off, or nothing ticked)."""
        presets = self.picker.selected() if self.isChecked() else []
        return TranscodeOnUpload(tuple(presets), pipeline=self.pipeline()) if presets else None

    def remembered_names(self) -> list[str]:
        return [p.name for p in self.picker.selected()] if self.isChecked() else []
