"""Preview on this file: a preset run on one source as a short sample, shown in place.

The dialog starts the run when it opens and shows its stage; for each command of the preset it
then shows the picture (an image output, or a frame of a video output) and what avinfo measured.
Cancel and Close stop the run, but never the cleanup: the runner deletes the sample files once
the job has ended (and, failing that, at the next start), so the dialog only says so.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Protocol

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from qfopgui.core.presets import Preset
from qfopgui.services.preset_preview import PreviewStage, Progress
from qfopgui.services.preview_model import MediaFigures, OutputKind, PreviewOutput, PreviewResult
from qfopgui.ui.translated_messages import api_error_text, preset_display_name, problem_text

# Fits a 1024×700 screen with the window frame around it.
DEFAULT_SIZE = QSize(900, 620)
PICTURE_BOX = QSize(480, 270)
_RED = "color: #c0392b"


class PreviewRunning(Protocol):
    """What the dialog needs of a `PreviewRunner`."""

    async def run(
        self,
        profile: str,
        bucket: str,
        key: str,
        preset: Preset,
        *,
        pipeline: str = "",
        progress: Progress | None = None,
    ) -> PreviewResult: ...


class PreviewTasks(Protocol):
    """Starts a coroutine that nothing else cancels (the app's `TaskOwner`)."""

    def start(
        self, coro: Coroutine[object, None, PreviewResult], *, name: str | None = None
    ) -> asyncio.Task[PreviewResult]: ...


class PreviewDialog(QDialog):
    def __init__(
        self,
        runner: PreviewRunning,
        tasks: PreviewTasks,
        *,
        profile: str,
        bucket: str,
        key: str,
        preset: Preset,
        pipeline: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preview_dialog")
        self._runner = runner
        self._tasks = tasks
        self._profile, self._bucket, self._preset, self._pipeline = (
            profile,
            bucket,
            preset,
            pipeline,
        )
        self._task: asyncio.Task[PreviewResult] | None = None
        self._started = False
        self._closed = False
        self._boxes: list[_OutputBox] = []
        self.setWindowTitle(self.tr("Preview: %1").replace("%1", preset_display_name(preset.name)))
        self.resize(DEFAULT_SIZE)

        intro = QLabel(
            self.tr(
                "Each command runs on a sample of at most 5 seconds of the file. The sample "
                "files are saved in a temporary folder of the bucket and deleted afterwards."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.key_edit = QLineEdit(key, self)
        self.key_edit.setObjectName("preview_source")
        self.key_edit.setAccessibleName(self.tr("Source file"))
        self.key_edit.setPlaceholderText(
            self.tr("a file in %1, for example videos/clip.mp4").replace("%1", bucket)
        )
        self.key_edit.returnPressed.connect(self.start)
        self.run_button = QPushButton(self.tr("&Run"), self)
        self.run_button.setObjectName("preview_run")
        self.run_button.setAccessibleName(self.tr("Run the preview"))
        self.run_button.clicked.connect(self.start)
        source_row = QHBoxLayout()
        source_label = QLabel(self.tr("&Source file:"), self)
        source_label.setBuddy(self.key_edit)
        source_row.addWidget(source_label)
        source_row.addWidget(self.key_edit, 1)
        source_row.addWidget(self.run_button)

        self.stage_label = QLabel(self)
        self.stage_label.setObjectName("preview_stage")
        self.stage_label.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("preview_progress")
        self.progress.setAccessibleName(self.tr("Preview progress"))
        self.progress.setRange(0, 0)  # indeterminate: a job says nothing about its progress
        self.problems_label = QLabel(self)
        self.problems_label.setObjectName("preview_problems")
        self.problems_label.setStyleSheet(_RED)
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_label.hide()

        self.results = QWidget(self)
        self.results.setObjectName("preview_results")
        self.results_layout = QVBoxLayout(self.results)
        self.results_layout.addStretch(1)
        self.results_scroll = QScrollArea(self)
        self.results_scroll.setObjectName("preview_scroll")
        self.results_scroll.setAccessibleName(self.tr("Preview results"))
        self.results_scroll.setWidgetResizable(True)
        self.results_scroll.setWidget(self.results)

        self.buttons = QDialogButtonBox(self)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("preview_cancel")
        self.cancel_button.setAccessibleName(self.tr("Cancel the preview"))
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("preview_close")
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(source_row)
        lay.addWidget(self.stage_label)
        lay.addWidget(self.progress)
        lay.addWidget(self.problems_label)
        lay.addWidget(self.results_scroll, 1)
        lay.addWidget(self.buttons)
        self._set_running(False)

    # -- running ------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:  # starts on open
            self._started = True
            self.start()

    def start(self) -> None:
        """Run the preset on the key in the source line (not while a run is going)."""
        key = self.key_edit.text().strip()
        if self.running:
            return
        if not key:  # opened with no file selected: say what to do instead of nothing
            self.stage_label.setText(
                self.tr("Type the name of the file to try the preset on, then press Run.")
            )
            self.key_edit.setFocus()
            return
        self._started = True
        self._clear_results()
        self._show_problems([])
        self._set_running(True)
        self.stage_label.setText(self._stage_text(PreviewStage.SUBMITTING))
        coro = self._runner.run(
            self._profile,
            self._bucket,
            key,
            self._preset,
            pipeline=self._pipeline,
            progress=self._on_stage,
        )
        self._task = self._tasks.start(coro, name="preset preview")
        self._task.add_done_callback(self._finished)

    def cancel(self) -> None:
        """Stop the run; the sample files are still deleted (the runner waits for the job)."""
        if not self.running:
            return
        assert self._task is not None
        self._task.cancel()
        self.cancel_button.setEnabled(False)
        self.stage_label.setText(self._stage_text(PreviewStage.CLEANING))

    def done(self, result: int) -> None:
        """Closing stops the run too; the cleanup goes on without the dialog."""
        self._closed = True
        if self._task is not None:
            self._task.remove_done_callback(self._finished)
            self._task.cancel()
        super().done(result)

    def _on_stage(self, stage: PreviewStage) -> None:
        if self._closed:  # the runner goes on cleaning up after the dialog has gone
            return
        if stage is PreviewStage.CLEANING or self.cancel_button.isEnabled():
            self.stage_label.setText(self._stage_text(stage))

    def _finished(self, task: asyncio.Task[PreviewResult]) -> None:
        self._set_running(False)
        if task.cancelled():
            self.stage_label.setText(
                self.tr(
                    "Cancelled. The sample files were deleted; any that could not be deleted "
                    "now are deleted when qfopgui next starts."
                )
            )
            return
        error = task.exception()
        if error is not None:  # not an expected server error: the task owner logs it too
            self.stage_label.setText(self.tr("The preview stopped."))
            self._show_problems([api_error_text(error)])
            return
        self.show_result(task.result())

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.run_button.setEnabled(not running)
        self.key_edit.setReadOnly(running)

    def _stage_text(self, stage: PreviewStage) -> str:
        texts = {
            PreviewStage.SUBMITTING: self.tr("Sending the sample job…"),
            PreviewStage.PROCESSING: self.tr("Converting the sample…"),
            PreviewStage.FETCHING: self.tr("Fetching the results…"),
            PreviewStage.CLEANING: self.tr("Cleaning up the sample files…"),
        }
        return texts[stage]

    # -- results ------------------------------------------------------------------------------

    def show_result(self, result: PreviewResult) -> None:
        self._clear_results()
        self._show_problems([problem_text(p) for p in result.problems])
        if result.outputs and result.left_over:
            self.stage_label.setText(self.tr("Finished."))
        elif result.outputs:
            self.stage_label.setText(self.tr("Finished. The sample files have been deleted."))
        else:
            self.stage_label.setText(self.tr("No sample was made."))
        for n, output in enumerate(result.outputs):
            box = _OutputBox(n, output, self.results)
            self.results_layout.insertWidget(self.results_layout.count() - 1, box)
            self._boxes.append(box)

    def output_boxes(self) -> list[_OutputBox]:
        return list(self._boxes)

    def _clear_results(self) -> None:
        for box in self._boxes:
            self.results_layout.removeWidget(box)
            box.setParent(None)
            box.deleteLater()
        self._boxes.clear()

    def _show_problems(self, texts: list[str]) -> None:
        self.problems_label.setText("\n".join(texts))
        self.problems_label.setVisible(bool(texts))


class _OutputBox(QGroupBox):
    """One command's sample: its picture, figures and problems."""

    def __init__(self, index: int, output: PreviewOutput, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(f"preview_output_{index}")
        # Fusion measures a title in a bold font it then does not use: a Chinese title lost its
        # last character ("命令 1（视频"); a style sheet title is measured as it is drawn
        self.setStyleSheet("QGroupBox::title { padding-right: 2px; }")
        kinds = {
            OutputKind.VIDEO: self.tr("Video"),
            OutputKind.IMAGE: self.tr("Image"),
            OutputKind.AUDIO: self.tr("Audio"),
            OutputKind.OTHER: self.tr("Other"),
        }
        self.setTitle(
            self.tr("Command %1 (%2)")
            .replace("%1", str(index + 1))
            .replace("%2", kinds[output.kind])
        )
        lay = QVBoxLayout(self)
        command = QLabel(output.command, self)
        command.setObjectName(f"preview_command_{index}")
        command.setWordWrap(True)
        command.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        command.setStyleSheet("color: gray; font-family: monospace")
        lay.addWidget(command)
        problems = [problem_text(p) for p in output.problems]
        self.picture = QLabel(self)
        self.picture.setObjectName(f"preview_picture_{index}")
        self.picture.setAccessibleName(self.tr("Sample picture"))
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.hide()
        if output.picture:
            pixmap = QPixmap()
            if pixmap.loadFromData(output.picture):
                self.picture.setPixmap(_fitted(pixmap))
                self.picture.show()
            else:
                problems.append(self.tr("The picture could not be shown."))
        lay.addWidget(self.picture)
        self.figures: dict[str, QLabel] = {}
        if output.figures is not None:
            lay.addLayout(self._figures_form(index, output.figures))
        elif output.kind is OutputKind.OTHER and not problems:
            lay.addWidget(
                QLabel(self.tr("There is nothing to show for this kind of output."), self)
            )
        self.problems = QLabel("\n".join(problems), self)
        self.problems.setObjectName(f"preview_output_problems_{index}")
        self.problems.setStyleSheet(_RED)
        self.problems.setWordWrap(True)
        self.problems.setVisible(bool(problems))
        lay.addWidget(self.problems)

    def _figures_form(self, index: int, figures: MediaFigures) -> QFormLayout:
        form = QFormLayout()
        rows = (
            ("duration", self.tr("Duration"), self._seconds(figures.duration)),
            ("resolution", self.tr("Resolution"), self._resolution(figures)),
            ("video_codec", self.tr("Video codec"), figures.video_codec),
            ("audio_codec", self.tr("Audio codec"), figures.audio_codec),
            ("bitrate", self.tr("Bitrate"), self._bitrate(figures.bit_rate)),
        )
        for name, label, value in rows:
            field = QLabel(value or "—", self)
            field.setObjectName(f"preview_{name}_{index}")
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, field)
            self.figures[name] = field
        return form

    def _seconds(self, seconds: float | None) -> str:
        return "" if seconds is None else self.tr("%1 s").replace("%1", f"{seconds:.1f}")

    def _resolution(self, figures: MediaFigures) -> str:
        if figures.width is None or figures.height is None:
            return ""
        return f"{figures.width} × {figures.height}"

    def _bitrate(self, bits: int | None) -> str:
        if bits is None:
            return ""
        if bits >= 1_000_000:
            return self.tr("%1 Mbit/s").replace("%1", f"{bits / 1_000_000:.1f}")
        return self.tr("%1 kbit/s").replace("%1", f"{bits / 1000:.0f}")


def _fitted(pixmap: QPixmap) -> QPixmap:
    """Scaled down into the picture box, keeping the aspect ratio (never enlarged)."""
    if pixmap.width() <= PICTURE_BOX.width() and pixmap.height() <= PICTURE_BOX.height():
        return pixmap
    return pixmap.scaled(
        PICTURE_BOX, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
