"""The Transcode dialog: presets × files → a previewed, validated batch of pfop jobs.

What the user sees is what is sent: the preview rows and "Show commands" come from the same
`plan_job` results that become the `SubmitItem`s. Problems block Submit and name the field.
Submission runs as an asyncio task through the Submitter; Cancel stops between files.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Sequence
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qfopgui.core.fops import Problem
from qfopgui.core.jobs import JobRecord
from qfopgui.core.naming import DEFAULT_TEMPLATE
from qfopgui.core.plan import plan_job
from qfopgui.core.presets import Preset
from qfopgui.services.submitter import SubmitItem, SubmitOptions, new_batch_id
from qfopgui.ui.jobs.submit_form import SubmitForm, check_notify_url, check_pipeline
from qfopgui.ui.jobs.submit_preview_model import (
    PlanFn,
    PreviewColumn,
    PreviewPlanner,
    PreviewResult,
    SubmitPreviewModel,
    problem_text,
)
from qfopgui.ui.translated_messages import api_error_text, preset_description, preset_display_name

StartTask = Callable[[Coroutine[Any, Any, Any]], Any]


class BatchSubmitter(Protocol):
    """What the dialog needs to send a batch (the jobs service has it)."""

    async def submit(
        self,
        profile: str,
        items: Sequence[SubmitItem],
        options: SubmitOptions,
        *,
        batch_id: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancel: asyncio.Event | None = None,
    ) -> list[JobRecord]: ...


class SubmitDialog(QDialog):
    """Signals: submitted(str batch_id, list records) after a submission (also a stopped one)."""

    submitted = Signal(str, object)

    def __init__(
        self,
        *,
        profile_name: str,
        source_bucket: str,
        keys: Sequence[str],
        presets: Sequence[Preset],
        submitter: BatchSubmitter,
        pipelines: Sequence[str] = (),
        default_pipeline: str = "",
        checked: Sequence[str] = (),
        plan: PlanFn = plan_job,
        now: datetime | None = None,
        start_task: StartTask | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._profile = profile_name
        self._bucket = source_bucket
        self._keys = tuple(keys)
        self._presets = tuple(presets)
        self._submitter = submitter
        self._now = now or datetime.now()
        self._start_task = start_task
        self._cancel: asyncio.Event | None = None
        self._task: Any = None
        self._problems: list[Problem] = []
        n = len(self._keys)
        self.setWindowTitle(
            self.tr("Transcode 1 file")
            if n == 1
            else self.tr("Transcode %1 files").replace("%1", f"{n:,}")
        )
        self.setObjectName("submit_dialog")
        self.resize(1240, 660)

        self.planner = PreviewPlanner(plan, self)
        self.planner.finished.connect(self._on_planned)
        self.planner.progress.connect(self._on_plan_progress)
        self.preview_model = SubmitPreviewModel(self)
        self._replan = QTimer(self, singleShot=True, interval=200)
        self._replan.timeout.connect(self._plan_now)

        self._build_presets(checked)
        self.form = SubmitForm(source_bucket, pipelines, default_pipeline, self)
        self._build_preview()
        self._build_footer()
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(self._presets_box, 2)
        body.addWidget(self.form, 3)
        body.addWidget(self._preview_box, 7)
        root = QVBoxLayout(self)
        root.addLayout(body, 1)
        root.addWidget(self.problem_label)
        root.addLayout(self._footer)

        self.form.template_edit.setText(DEFAULT_TEMPLATE)
        self.form.plan_inputs_changed.connect(self._schedule_plan)
        self.form.options_changed.connect(self._validate)
        self._plan_now()

    # --- building --------------------------------------------------------------------------

    def _build_presets(self, checked: Sequence[str]) -> None:
        self._presets_box = QWidget(self)
        lay = QVBoxLayout(self._presets_box)
        lay.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Presets"), self._presets_box)
        title.setStyleSheet("font-weight: bold")
        self.presets_model = QStandardItemModel(self)
        for p in self._presets:
            item = QStandardItem(preset_display_name(p.name))
            item.setData(p.name, Qt.ItemDataRole.UserRole)  # the stable name (store, settings)
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(
                Qt.CheckState.Checked if p.name in checked else Qt.CheckState.Unchecked
            )
            item.setToolTip(preset_description(p.name, p.description) or item.text())
            self.presets_model.appendRow(item)
        self.presets_list = QListView(self._presets_box)
        self.presets_list.setObjectName("presets_list")
        self.presets_list.setModel(self.presets_model)
        self.presets_list.setSpacing(2)
        self.presets_list.setMinimumWidth(self.fontMetrics().averageCharWidth() * 24)
        title.setBuddy(self.presets_list)
        self.presets_model.itemChanged.connect(self._on_preset_toggled)
        lay.addWidget(title)
        lay.addWidget(self.presets_list, 1)

    def _build_preview(self) -> None:
        self._preview_box = QWidget(self)
        lay = QVBoxLayout(self._preview_box)
        lay.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Preview"), self._preview_box)
        title.setStyleSheet("font-weight: bold")
        self.preview = QTableView(self._preview_box)
        self.preview.setObjectName("preview_table")
        self.preview.setModel(self.preview_model)
        self.preview.verticalHeader().hide()
        self.preview.setWordWrap(False)
        self.preview.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.preview.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.preview.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        head = self.preview.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setStretchLastSection(True)
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._em = self.fontMetrics().averageCharWidth()
        head.resizeSection(PreviewColumn.SOURCE, self._em * 30)
        head.resizeSection(PreviewColumn.PRESET, self._em * 17)
        head.resizeSection(PreviewColumn.OUTPUT, self._em * 42)
        self.commands_toggle = QToolButton(self._preview_box)
        self.commands_toggle.setText(self.tr("Show commands"))
        self.commands_toggle.setCheckable(True)
        self.commands_toggle.setAutoRaise(True)
        self.commands_toggle.setStyleSheet("QToolButton { border: none; padding: 2px 0; }")
        self.commands_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.commands_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.commands_toggle.toggled.connect(self._toggle_commands)
        self.commands_text = QPlainTextEdit(self._preview_box)
        self.commands_text.setObjectName("commands_text")
        self.commands_text.setReadOnly(True)
        self.commands_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.commands_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.commands_text.hide()
        lay.addWidget(title)
        lay.addWidget(self.preview, 3)
        lay.addWidget(self.commands_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.commands_text, 2)

    def _build_footer(self) -> None:
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("problem_label")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #c0392b")
        self.problem_label.hide()
        self.summary_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.reject)
        self.submit_button = QPushButton(self)
        self.submit_button.setObjectName("submit_button")
        self.submit_button.setDefault(True)
        self.submit_button.clicked.connect(self._on_submit_clicked)
        self._footer = QHBoxLayout()
        self._footer.addWidget(self.summary_label, 1)
        self._footer.addWidget(self.progress, 1)
        self._footer.addWidget(self.cancel_button)
        self._footer.addWidget(self.submit_button)

    # --- planning --------------------------------------------------------------------------

    def selected_presets(self) -> list[Preset]:
        out = []
        for row, preset in enumerate(self._presets):
            item = self.presets_model.item(row)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.append(preset)
        return out

    def set_buckets(self, names: Sequence[str]) -> None:
        self.form.set_buckets(names)

    def _on_preset_toggled(self, _item: object) -> None:
        self._schedule_plan()

    def _schedule_plan(self) -> None:
        self.submit_button.setEnabled(False)
        self._replan.start()

    def _plan_now(self) -> None:
        self._replan.stop()
        self.submit_button.setEnabled(False)
        self.planner.start(
            self._bucket,
            self._keys,
            self.selected_presets(),
            self.form.output_bucket(),
            self.form.template(),
            self._now,
        )

    def _on_plan_progress(self, done: int) -> None:
        self.summary_label.setText(
            self.tr("Checking names… %1 of %2")
            .replace("%1", f"{done:,}")
            .replace("%2", f"{len(self._keys):,}")
        )

    def _on_planned(self, result: PreviewResult) -> None:
        self.preview_model.set_result(result)
        self.preview.setColumnHidden(PreviewColumn.PROBLEM, not result.problems)
        head = self.preview.horizontalHeader()
        # the file and preset columns fit their (sampled) contents; the output name gets the rest
        for col in (PreviewColumn.SOURCE, PreviewColumn.PRESET):
            self.preview.resizeColumnToContents(col)
            head.resizeSection(col, min(head.sectionSize(col), self._em * 40))
        head.resizeSection(PreviewColumn.OUTPUT, self._em * (30 if result.problems else 42))
        if self.commands_toggle.isChecked():
            self._fill_commands()
        self._validate()

    def _toggle_commands(self, on: bool) -> None:
        self.commands_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.commands_text.setVisible(on)
        if on:
            self._fill_commands()

    def _fill_commands(self) -> None:
        result = self.planner.result
        if result is None:
            return
        lines: list[str] = []
        for src, plan in zip(result.sources, result.plans, strict=True):
            lines.append(f"{self._bucket}/{src}")
            lines.extend(f"    {fop}" for fop in plan.fops)
        self.commands_text.setPlainText("\n".join(lines))

    # --- validation ------------------------------------------------------------------------

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def _validate(self) -> None:
        result = self.planner.result
        problems: list[Problem] = []
        if result is not None:
            problems += result.problems
        for check in (
            check_pipeline(self.form.pipeline()),
            check_notify_url(self.form.notify_url()),
        ):
            if check is not None:
                problems.append(check)
        self._problems = problems
        self.form.mark_fields({p.field for p in problems})
        if problems:
            first = problems[0]
            text = (
                self.tr("%1: %2")
                .replace("%1", self.form.field_label(first.field))
                .replace("%2", problem_text(first))
            )
            others = len({(p.field, p.message) for p in problems}) - 1
            if others > 0:
                more = (
                    self.tr("(and 1 more problem; see the preview)")
                    if others == 1
                    else self.tr("(and %1 more problems; see the preview)").replace(
                        "%1", str(others)
                    )
                )
                text += " " + more
            self.problem_label.setText(text)
        self.problem_label.setVisible(bool(problems))
        jobs = len(result.plans) if result is not None else len(self._keys)
        outputs = result.output_count if result is not None else 0
        self.submit_button.setText(
            self.tr("Submit 1 job")
            if jobs == 1
            else self.tr("Submit %1 jobs").replace("%1", f"{jobs:,}")
        )
        pipeline = self.form.pipeline() or self.tr("shared public queue")
        self.summary_label.setText(
            " · ".join(
                (
                    self.tr("1 job")
                    if jobs == 1
                    else self.tr("%1 jobs").replace("%1", f"{jobs:,}"),
                    self.tr("1 output")
                    if outputs == 1
                    else self.tr("%1 outputs").replace("%1", f"{outputs:,}"),
                    self.tr("pipeline %1").replace("%1", pipeline),
                )
            )
        )
        # a stale preview must not be submitted: wait for the replan after any change
        stale = self._replan.isActive() or self.planner.busy
        busy = self._task is not None
        self.submit_button.setEnabled(
            result is not None and not problems and not busy and not stale and jobs > 0
        )
        self.submit_button.setToolTip(self.problem_label.text() if problems else "")

    # --- submitting ------------------------------------------------------------------------

    def build_items(self) -> list[SubmitItem]:
        result = self.planner.result
        assert result is not None
        out_bucket = self.form.output_bucket()
        return [
            SubmitItem(
                bucket=self._bucket,
                key=src,
                fops=plan.fops,
                presets=tuple(o.preset_name for o in plan.outputs),  # one per fop/output
                outputs=tuple(o.output_key for o in plan.outputs),
                output_bucket=out_bucket,
            )
            for src, plan in zip(result.sources, result.plans, strict=True)
        ]

    def build_options(self) -> SubmitOptions:
        return SubmitOptions(
            pipeline=self.form.pipeline(),
            force=self.form.force_check.isChecked(),
            type=1 if self.form.idle_check.isChecked() else 0,
            notify_url=self.form.notify_url(),
        )

    def _on_submit_clicked(self) -> None:
        self._validate()
        if not self.submit_button.isEnabled():
            return
        coro = self.run_submit()
        self._task = self._start_task(coro) if self._start_task else asyncio.ensure_future(coro)

    async def run_submit(self) -> list[Any]:
        """Submit the previewed batch; returns the records written (fewer if stopped)."""
        items, options = self.build_items(), self.build_options()
        batch_id = new_batch_id()
        self._cancel = asyncio.Event()
        self._set_busy(True, len(items))
        try:
            records: list[Any] = await self._submitter.submit(
                self._profile,
                items,
                options,
                batch_id=batch_id,
                progress=self._on_progress,
                cancel=self._cancel,
            )
        except Exception as exc:  # noqa: BLE001 - shown in the dialog; the user can retry
            self._task = None
            self._set_busy(False, 0)
            self.problem_label.setText(
                self.tr("Submitting failed: %1").replace("%1", api_error_text(exc))
            )
            self.problem_label.show()
            return []
        self._task = None
        self._set_busy(False, 0)
        if records:
            self.submitted.emit(batch_id, records)
        self.accept()
        return records

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        shown = min(total, done + 1) if self._cancel is None or not self._cancel.is_set() else done
        self.progress.setFormat(
            self.tr("Submitting %1 of %2").replace("%1", str(shown)).replace("%2", str(total))
        )

    def _set_busy(self, busy: bool, total: int) -> None:
        for w in (self._presets_box, self.form, self.submit_button):
            w.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.summary_label.setVisible(not busy)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Stop") if busy else self.tr("Cancel"))
        if busy:
            self._on_progress(0, total)
        else:
            self._validate()

    def reject(self) -> None:
        """While submitting, Cancel/Esc/close stop after the current file instead of closing."""
        if self._task is not None and self._cancel is not None:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText(self.tr("Stopping…"))
            return
        super().reject()

    def closeEvent(self, event: Any) -> None:
        if self._task is not None:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)
