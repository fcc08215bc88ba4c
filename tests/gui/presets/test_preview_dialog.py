"""PreviewDialog with a scripted runner: it starts on open, shows the stage, then each sample's
picture (scaled, aspect kept), figures and problems; Cancel stops the run but waits for the
cleanup and says so; another source file can be run from the dialog. Plus its Chinese texts."""

from __future__ import annotations

import asyncio
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from qfopgui.core.fops import Avthumb, Command, ImageFormat, Vframe
from qfopgui.core.presets import Preset
from qfopgui.i18n import i18n_dir, install_translations, read_ts
from qfopgui.services import preview_model as M
from qfopgui.services.preset_preview import PreviewStage, Progress
from qfopgui.services.preview_model import (
    MediaFigures,
    OutputKind,
    PreviewOutput,
    PreviewResult,
    preview_problem,
)
from qfopgui.ui.background import TaskOwner
from qfopgui.ui.presets.preview_dialog import DEFAULT_SIZE, PreviewDialog
from qfopgui.ui.translated_messages import PROBLEMS
from tests.helpers.aio import wait_until

pytestmark = pytest.mark.gui

PRESET = Preset(
    "Web",
    (Command(Avthumb("mp4", vcodec="libx264", s="854x480")), Command(Vframe(ImageFormat.JPG, 1))),
)
FIGURES = MediaFigures(5.0, 854, 480, "h264", "aac", 1_234_000)


def png(width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    return bytes(data.data())


RESULT = PreviewResult(
    "in/clip.mp4",
    (
        PreviewOutput(PRESET.commands[0].build(), OutputKind.VIDEO, png(1280, 720), FIGURES),
        PreviewOutput(
            PRESET.commands[1].build(),
            OutputKind.IMAGE,
            problems=(preview_problem(M.ITEM_FAILED, error="execute fop cmd failed: no frame"),),
        ),
    ),
)


@dataclass
class ScriptedRunner:
    """Like PreviewRunner: reports stages, and on cancel still runs (and awaits) a cleanup."""

    result: PreviewResult = RESULT
    release: asyncio.Event = field(default_factory=asyncio.Event)
    calls: list[tuple[str, str, str, str]] = field(default_factory=list)
    cleaned: int = 0
    cleaning_seen: bool = False

    async def run(
        self,
        profile: str,
        bucket: str,
        key: str,
        preset: Preset,
        *,
        pipeline: str = "",
        progress: Progress | None = None,
    ) -> PreviewResult:
        assert progress is not None
        self.calls.append((profile, bucket, key, pipeline))
        try:
            progress(PreviewStage.SUBMITTING)
            progress(PreviewStage.PROCESSING)
            await self.release.wait()
            progress(PreviewStage.FETCHING)
            return self.result
        finally:
            progress(PreviewStage.CLEANING)
            await asyncio.shield(asyncio.sleep(0.05))  # the job ends, the files go
            self.cleaned += 1


@pytest.fixture
def owner(qloop: asyncio.AbstractEventLoop) -> Iterator[TaskOwner]:
    tasks = TaskOwner()
    yield tasks
    qloop.run_until_complete(tasks.shutdown())


def _open(qtbot: Any, runner: ScriptedRunner, owner: TaskOwner) -> PreviewDialog:
    d = PreviewDialog(
        runner,
        owner,
        profile="demo",
        bucket="media",
        key="in/clip.mp4",
        preset=PRESET,
        pipeline="video",
    )
    qtbot.addWidget(d)
    d.show()
    return d


def test_opens_running_then_shows_the_picture_the_figures_and_the_problems(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, owner: TaskOwner
) -> None:
    runner = ScriptedRunner()

    async def scenario() -> PreviewDialog:
        d = _open(qtbot, runner, owner)
        await wait_until(lambda: runner.calls)
        assert runner.calls == [("demo", "media", "in/clip.mp4", "video")]
        assert d.stage_label.text() == "Converting the sample…"
        assert d.progress.isVisible()
        assert (d.progress.minimum(), d.progress.maximum()) == (0, 0)  # indeterminate
        assert not d.run_button.isEnabled()
        runner.release.set()
        await wait_until(lambda: not d.running)
        return d

    d = qloop.run_until_complete(scenario())
    assert runner.cleaned == 1
    assert d.stage_label.text() == "Finished. The sample files have been deleted."
    assert not d.progress.isVisible()
    video, still = d.output_boxes()
    assert video.title() == "Command 1 (Video)"
    pixmap = video.picture.pixmap()
    assert (pixmap.width(), pixmap.height()) == (480, 270)  # 1280×720 scaled, aspect kept
    assert video.picture.isVisibleTo(d)
    texts = {name: label.text() for name, label in video.figures.items()}
    assert texts == {
        "duration": "5.0 s",
        "resolution": "854 × 480",
        "video_codec": "h264",
        "audio_codec": "aac",
        "bitrate": "1.2 Mbit/s",
    }
    assert not video.problems.isVisibleTo(d)
    assert still.title() == "Command 2 (Image)"
    assert not still.picture.isVisibleTo(d)
    assert still.problems.isVisibleTo(d)
    assert still.problems.text() == "This output failed: execute fop cmd failed: no frame"
    assert "c0392b" in still.problems.styleSheet()  # red
    assert d.findChild(type(video.figures["bitrate"]), "preview_bitrate_0") is not None


def test_cancel_stops_the_run_but_waits_for_the_cleanup(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, owner: TaskOwner
) -> None:
    runner = ScriptedRunner()

    async def scenario() -> PreviewDialog:
        d = _open(qtbot, runner, owner)
        await wait_until(lambda: d.stage_label.text() == "Converting the sample…")
        d.cancel_button.click()
        assert d.stage_label.text() == "Cleaning up the sample files…"
        assert not d.cancel_button.isEnabled()
        await asyncio.sleep(0.01)
        assert d.running  # still cleaning up
        assert d.stage_label.text() == "Cleaning up the sample files…"
        await wait_until(lambda: not d.running)
        return d

    d = qloop.run_until_complete(scenario())
    assert runner.cleaned == 1
    assert d.stage_label.text().startswith("Cancelled. The sample files were deleted")
    assert d.output_boxes() == []
    assert d.run_button.isEnabled()


def test_another_source_file_can_be_run(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, owner: TaskOwner
) -> None:
    runner = ScriptedRunner()
    runner.release.set()

    async def scenario() -> None:
        d = _open(qtbot, runner, owner)
        await wait_until(lambda: runner.cleaned == 1 and not d.running)
        assert len(d.output_boxes()) == 2
        d.key_edit.setText("in/other.mov")
        d.run_button.click()
        await wait_until(lambda: runner.cleaned == 2 and not d.running)
        assert len(d.output_boxes()) == 2  # the new results replaced the old ones

    qloop.run_until_complete(scenario())
    assert [c[2] for c in runner.calls] == ["in/clip.mp4", "in/other.mov"]


def test_run_level_problems_are_shown_in_red(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, owner: TaskOwner
) -> None:
    runner = ScriptedRunner(
        result=PreviewResult("in/clip.mp4", problems=(preview_problem(M.NOT_SENT, why="HTTP 599"),))
    )
    runner.release.set()

    async def scenario() -> PreviewDialog:
        d = _open(qtbot, runner, owner)
        await wait_until(lambda: runner.cleaned == 1 and not d.running)
        return d

    d = qloop.run_until_complete(scenario())
    assert d.problems_label.isVisibleTo(d)
    assert d.problems_label.text() == "The sample job could not be sent: HTTP 599"
    assert d.stage_label.text() == "No sample was made."


def test_closing_while_running_leaves_the_cleanup_to_the_runner(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, owner: TaskOwner
) -> None:
    runner = ScriptedRunner()

    async def scenario() -> None:
        d = _open(qtbot, runner, owner)
        await wait_until(lambda: runner.calls)
        d.close_button.click()
        assert not d.isVisible()
        await wait_until(lambda: runner.cleaned == 1)
        assert d.stage_label.text() == "Converting the sample…"  # untouched after closing

    qloop.run_until_complete(scenario())


def test_fits_a_small_screen_and_every_control_is_named(qtbot: Any) -> None:
    d = PreviewDialog(
        ScriptedRunner(), TaskOwner(), profile="p", bucket="b", key="k", preset=PRESET
    )
    qtbot.addWidget(d)
    d.show_result(RESULT)
    limit = QSize(1000, 640)
    assert d.size().width() <= limit.width()
    assert d.size().height() <= limit.height()
    assert d.minimumSizeHint().width() <= limit.width()
    assert d.minimumSizeHint().height() <= limit.height()
    assert DEFAULT_SIZE.width() <= limit.width()
    for widget in (d.key_edit, d.run_button, d.cancel_button, d.close_button, d.progress):
        assert widget.objectName()
        assert widget.accessibleName()


# -- Chinese --------------------------------------------------------------------------------------


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_every_preview_problem_has_a_finished_chinese_translation() -> None:
    table = read_ts(i18n_dir() / "preview_zh_CN.ts")
    for template in M.MESSAGES:
        text = table.get((PROBLEMS, template), "")
        assert text.strip(), template
        assert text != template
        assert _fields(text) == _fields(template), template


def test_the_dialog_reads_in_chinese(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, owner: TaskOwner, qapp: QApplication
) -> None:
    translators = install_translations(qapp, "zh_CN")
    try:
        runner = ScriptedRunner()
        runner.release.set()

        async def scenario() -> PreviewDialog:
            d = _open(qtbot, runner, owner)
            await wait_until(lambda: runner.cleaned == 1 and not d.running)
            return d

        d = qloop.run_until_complete(scenario())
        assert d.stage_label.text() == "已完成。样片文件已删除。"
        video, still = d.output_boxes()
        assert video.title() == "命令 1（视频）"
        assert video.figures["duration"].text() == "5.0 秒"
        assert still.problems.text() == "这个输出失败了：execute fop cmd failed: no frame"
    finally:
        for t in translators:
            qapp.removeTranslator(t)


def test_opened_without_a_file_it_says_to_type_one_and_runs_nothing(
    qtbot: Any, owner: TaskOwner
) -> None:
    runner = ScriptedRunner()
    d = PreviewDialog(
        runner, owner, profile="demo", bucket="media", key="", preset=PRESET, pipeline="video"
    )
    qtbot.addWidget(d)
    d.show()
    assert runner.calls == []
    assert not d.running
    assert d.stage_label.text() == (
        "Type the name of the file to try the preset on, then press Run."
    )
    assert "media" in d.key_edit.placeholderText()
