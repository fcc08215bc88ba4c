"""The Transcode dialog: presets × files → a previewed, validated, pre-flight-checked batch.

What the user sees is what is sent: the preview rows and "Show commands" come from the same
`plan_job` results that become the `SubmitItem`s. Problems block Submit and name the field;
presets that cannot process a file are left out of it (greyed rows). On Submit the pre-flight
checks run (existing outputs, never-upscale sizes) and their answers shape the batch
(`preflight_flow`). Submission runs as an asyncio task through the Submitter; Cancel stops the
check, or stops between files.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Sequence
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from qfopgui.core.fops import Problem
from qfopgui.core.jobs import JobRecord
from qfopgui.core.naming import DEFAULT_TEMPLATE
from qfopgui.core.plan import plan_job
from qfopgui.core.presets import Preset
from qfopgui.services.preflight_runner import PreflightRequest, PreflightRunner, PreflightStep
from qfopgui.services.submitter import SubmitItem, SubmitOptions, new_batch_id
from qfopgui.ui.jobs.preflight_flow import Decision, PreflightFlow
from qfopgui.ui.jobs.submit_footer import SubmitFooter
from qfopgui.ui.jobs.submit_form import PresetsPicker, SubmitForm, check_notify_url, check_pipeline
from qfopgui.ui.jobs.submit_preview_model import (
    PlanFn,
    PreviewPlanner,
    PreviewResult,
    split_applicable,
)
from qfopgui.ui.jobs.submit_preview_pane import PreviewPane
from qfopgui.ui.translated_messages import api_error_text

StartTask = Callable[[Coroutine[Any, Any, Any]], Any]
PresetPreview = Callable[[Preset, str, str], None]  # (preset, source bucket, key)

# Fits a 1024×700 screen with the window frame (title bar and borders) around it.
DEFAULT_SIZE = QSize(1000, 640)
FRAME_ALLOWANCE = QSize(24, 60)


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
        preflight: PreflightRunner | None = None,
        preview: PresetPreview | None = None,
        plan: PlanFn = plan_job,
        now: datetime | None = None,
        start_task: StartTask | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._profile = profile_name
        self._bucket = source_bucket
        self._keys = tuple(keys)
        self._submitter = submitter
        self._preflight = preflight
        self._preview = preview
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

        self.planner = PreviewPlanner(plan, self)
        self.planner.finished.connect(self._on_planned)
        self.planner.progress.connect(self._on_plan_progress)
        self._replan = QTimer(self, singleShot=True, interval=200)
        self._replan.timeout.connect(self._plan_now)
        self.flow = PreflightFlow(self)

        self.presets = PresetsPicker(presets, checked, self)
        self.presets_model = self.presets.model
        self.presets_list = self.presets.list
        self.preview_button = QPushButton(self.tr("Pre&view…"), self)
        self.preview_button.setObjectName("preset_preview_button")
        self.preview_button.setAccessibleName(self.tr("Preview the ticked preset"))
        self.preview_button.setToolTip(
            self.tr("Try the ticked preset on the selected file (tick exactly one preset)")
        )
        self.preview_button.setVisible(preview is not None)
        self.preview_button.clicked.connect(self._on_preview_clicked)
        self.form = SubmitForm(source_bucket, pipelines, default_pipeline, self)
        self.preview_pane = PreviewPane(source_bucket, self)
        self.preview_model = self.preview_pane.model
        self.preview = self.preview_pane.table
        self.commands_toggle = self.preview_pane.commands_toggle
        self.commands_text = self.preview_pane.commands_text
        self._build_layout()

        self.form.template_edit.setText(DEFAULT_TEMPLATE)
        self.presets.changed.connect(self._schedule_plan)
        self.form.plan_inputs_changed.connect(self._schedule_plan)
        self.form.options_changed.connect(self._validate)
        self._plan_now()
        self.resize(self._fitting_size())

    # --- building --------------------------------------------------------------------------

    def _build_layout(self) -> None:
        em = self.fontMetrics().averageCharWidth()
        left = QVBoxLayout()
        left.setSpacing(6)
        left.addWidget(self.presets, 1)
        left.addWidget(self.preview_button)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addLayout(left, 0)
        top.addWidget(self.form, 1)
        top.addStretch(0)
        self.presets.setFixedWidth(em * 30)
        self.preview_button.setFixedWidth(em * 30)
        self.form.setMaximumWidth(em * 80)
        self.footer = SubmitFooter(self)
        self.problem_label = self.footer.problem_label
        self.summary_label = self.footer.summary_label
        self.progress = self.footer.progress
        self.cancel_button = self.footer.cancel_button
        self.submit_button = self.footer.submit_button
        self.cancel_button.clicked.connect(self.reject)
        self.submit_button.clicked.connect(self._on_submit_clicked)
        root = QVBoxLayout(self)
        root.addLayout(top, 0)
        root.addWidget(self.preview_pane, 1)
        root.addWidget(self.footer)

    def _fitting_size(self) -> QSize:
        """The usual size, made smaller on a screen that cannot hold it with its frame."""
        size = DEFAULT_SIZE.expandedTo(self.minimumSizeHint())
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry().size() - FRAME_ALLOWANCE
            size = size.boundedTo(room)
        return size

    # --- planning --------------------------------------------------------------------------

    def selected_presets(self) -> list[Preset]:
        return self.presets.selected()

    def set_buckets(self, names: Sequence[str]) -> None:
        self.form.set_buckets(names)

    def _schedule_plan(self) -> None:
        self.submit_button.setEnabled(False)
        self._update_preview_button()
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
        self.footer.show_planning(done, len(self._keys))

    def _on_planned(self, result: PreviewResult) -> None:
        self.preview_pane.set_result(result)
        self._validate()

    # --- preset preview --------------------------------------------------------------------

    def _update_preview_button(self) -> None:
        self.preview_button.setEnabled(len(self.selected_presets()) == 1 and self._task is None)

    def preview_target(self) -> tuple[Preset, str] | None:
        """The ticked preset and the file to try it on: the file selected in the preview, else
        the first file it can process (else the first file)."""
        chosen = self.selected_presets()
        if len(chosen) != 1 or not self._keys:
            return None
        preset = chosen[0]
        key = self.preview_pane.selected_source()
        if key is None:
            key = next((k for k in self._keys if split_applicable(k, [preset])[0]), self._keys[0])
        return preset, key

    def _on_preview_clicked(self) -> None:
        target = self.preview_target()
        if target is not None and self._preview is not None:
            preset, key = target
            self._preview(preset, self._bucket, key)

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
        self.footer.show_problems(problems, self.form.field_label)
        jobs = result.job_count if result is not None else len(self._keys)
        self.footer.show_counts(
            jobs,
            result.output_count if result is not None else 0,
            sum(len(v) for v in result.left_out.values()) if result is not None else 0,
            self.form.pipeline_label(),
        )
        # a stale preview must not be submitted: wait for the replan after any change
        stale = self._replan.isActive() or self.planner.busy
        busy = self._task is not None
        self.submit_button.setEnabled(
            result is not None and not problems and not busy and not stale and jobs > 0
        )
        self.submit_button.setToolTip(self.problem_label.text() if problems else "")
        self._update_preview_button()

    # --- submitting ------------------------------------------------------------------------

    def build_items(self) -> list[SubmitItem]:
        """One item per file with something to make (left-out presets are not in its plan)."""
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
            if plan.outputs
        ]

    def build_options(self) -> SubmitOptions:
        return SubmitOptions(
            pipeline=self.form.pipeline(),
            force=self.form.force_check.isChecked(),
            type=1 if self.form.idle_check.isChecked() else 0,
            notify_url=self.form.notify_url(),
        )

    def preflight_request(self) -> PreflightRequest:
        result = self.planner.result
        assert result is not None
        return PreflightRequest(
            source_bucket=self._bucket,
            output_bucket=self.form.output_bucket(),
            plans=tuple((s, p) for s, p in zip(result.sources, result.plans, strict=True)),
            presets=tuple(self.selected_presets()),
        )

    def _on_submit_clicked(self) -> None:
        self._validate()
        if not self.submit_button.isEnabled():
            return
        coro = self.run_submit()
        self._task = self._start_task(coro) if self._start_task else asyncio.ensure_future(coro)

    async def run_submit(self) -> list[Any]:
        """Check, ask, then submit what is left; returns the records written (fewer if
        stopped, none when the checks or the user stopped it)."""
        items, options = self.build_items(), self.build_options()
        self._cancel = asyncio.Event()
        self.footer.show_message("")
        self._set_busy(True)
        decision = await self._check(items, options)
        if not decision.send:
            self._task = None
            self._set_busy(False)
            self.footer.show_message(decision.message)
            return []
        items, options = list(decision.items), decision.options
        batch_id = new_batch_id()
        self._cancel = asyncio.Event()
        self._on_progress(0, len(items))
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
            self._set_busy(False)
            self.footer.show_message(
                self.tr("Submitting failed: %1").replace("%1", api_error_text(exc))
            )
            return []
        self._task = None
        self._set_busy(False)
        if records:
            self.submitted.emit(batch_id, records)
        self.accept()
        return records

    async def _check(self, items: list[SubmitItem], options: SubmitOptions) -> Decision:
        if self._preflight is None:
            return Decision(True, tuple(items), options)
        assert self._cancel is not None
        self.footer.show_check_progress(
            PreflightStep.OUTPUTS, 0, sum(len(i.outputs) for i in items)
        )
        try:
            report = await self._preflight.check(
                self.preflight_request(), self.footer.show_check_progress, self._cancel
            )
        except Exception as exc:  # noqa: BLE001 - no connection, no key…: the user decides
            return await self.flow.failed(exc, items, options)
        return await self.flow.review(report, items, options)

    def _on_progress(self, done: int, total: int) -> None:
        stopping = self._cancel is not None and self._cancel.is_set()
        self.footer.show_submit_progress(done, total, stopping=stopping)

    def _set_busy(self, busy: bool) -> None:
        for w in (self.presets, self.form, self.preview_button):
            w.setEnabled(not busy)
        self.footer.set_busy(busy)
        if not busy:
            self._validate()

    def reject(self) -> None:
        """While checking or submitting, Cancel/Esc/close stop (the check, or after the current
        file) instead of closing."""
        if self._task is not None and self._cancel is not None:
            self._cancel.set()
            self.footer.set_stopping()
            return
        super().reject()

    def closeEvent(self, event: Any) -> None:
        if self._task is not None:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)
