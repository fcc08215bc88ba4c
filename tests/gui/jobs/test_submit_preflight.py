"""Transcode dialog pre-flight: existing outputs (Overwrite / Skip those / Cancel), outputs that
could not be checked, duplicates, never-upscale decisions, progress and Cancel of the check."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtGui import QGuiApplication

from qfopgui.api.errors import NotFoundError, ServerError
from qfopgui.api.models import ObjectInfo
from qfopgui.core.fops import Avthumb, Command, Problem
from qfopgui.core.output_targets import OutputTarget
from qfopgui.core.presets import BUILTIN_PRESETS, Preset
from qfopgui.core.upscale import MediaSize, UpscalePolicy, decide
from qfopgui.services.preflight import ExistingOutput, PreflightReport, UncheckedOutput
from qfopgui.services.preflight_runner import (
    AccountSizes,
    ClientPreflight,
    PreflightRequest,
    PreflightStep,
    StepProgress,
)
from qfopgui.ui.jobs.submit_dialog import SubmitDialog
from tests.gui.jobs.test_submit_dialog import RecordingSubmitter
from tests.helpers.aio import wait_until

T = TypeVar("T")
NOW = datetime(2024, 5, 21, 10, 30, 0)
MP4, JPG = "MP4 H.264 720p", "JPG thumbnail"
HD_SKIP = Preset(
    "HD skip",
    (Command(Avthumb("mp4", vcodec="libx264", s="1920x1080", autoscale=True)),),
    never_upscale=UpscalePolicy.SKIP,
)
HD_KEEP = Preset(
    "HD keep",
    (Command(Avthumb("mp4", vcodec="libx264", s="1920x1080", autoscale=True)),),
    never_upscale=UpscalePolicy.KEEP_SOURCE_SIZE,
)


class FakeRunner:
    """Answers every check with `report` (built from the request when it is a function)."""

    def __init__(self, report: PreflightReport | Callable[[PreflightRequest], PreflightReport]):
        self.report = report
        self.requests: list[PreflightRequest] = []

    async def check(
        self, request: PreflightRequest, progress: StepProgress, cancel: asyncio.Event
    ) -> PreflightReport:
        self.requests.append(request)
        progress(PreflightStep.OUTPUTS, 1, 1)
        return self.report(request) if callable(self.report) else self.report


def _dialog(
    qtbot: Any, keys: list[str], runner: Any, presets: Any = BUILTIN_PRESETS, **kw: Any
) -> tuple[SubmitDialog, RecordingSubmitter]:
    sub = RecordingSubmitter()
    for _ in range(len(keys)):
        sub.gate.put_nowait(None)
    d = SubmitDialog(
        profile_name="demo",
        source_bucket="media",
        keys=keys,
        presets=presets,
        submitter=sub,
        checked=kw.pop("checked", (MP4, JPG)),
        preflight=runner,
        now=NOW,
        **kw,
    )
    qtbot.addWidget(d)
    d.show()
    return d, sub


def _existing(key: str, source: str, preset: str = MP4) -> ExistingOutput:
    return ExistingOutput(
        OutputTarget("media", key, source, preset), ObjectInfo(key, 2048, "h", "", 1)
    )


async def _answer(d: SubmitDialog, name: str, choice: str) -> list[str]:
    """Wait for the question `name`, press `choice`; returns the lines it listed."""
    await wait_until(lambda: d.flow.question is not None and d.flow.question.isVisible())
    q = d.flow.question
    assert q is not None
    assert q.objectName() == name
    lines = [q.list.item(i).text() for i in range(q.list.count())]
    q.button(choice).click()
    return lines


def test_existing_outputs_skip_sends_no_pfop_for_them(qtbot: Any, qloop: Any) -> None:
    keys = ["a/1.mov", "a/2.mov"]
    runner = FakeRunner(
        PreflightReport(
            existing=(
                _existing("a/1_mp4-h-264-720p.mp4", "a/1.mov"),
                _existing("a/1_jpg-thumbnail.jpg", "a/1.mov", JPG),
                _existing("a/2_jpg-thumbnail.jpg", "a/2.mov", JPG),
            )
        )
    )
    d, sub = _dialog(qtbot, keys, runner)
    planned = {(s, k) for s, _p, k in d.preview_model.output_keys()}
    assert ("a/1.mov", "a/1_mp4-h-264-720p.mp4") in planned  # the fake names real outputs

    async def scenario() -> list[str]:
        d.submit_button.click()
        await wait_until(lambda: d.flow.question is not None and d.flow.question.isVisible())
        q = d.flow.question
        assert "3 outputs already exist in media." in q.text_label.text()
        q.copy_button.click()
        assert QGuiApplication.clipboard().text().splitlines() == [
            "a/1_mp4-h-264-720p.mp4",
            "a/1_jpg-thumbnail.jpg",
            "a/2_jpg-thumbnail.jpg",
        ]
        lines = await _answer(d, "existing_question", "skip")
        await wait_until(lambda: bool(sub.calls) and not d.isVisible())
        return lines

    lines = qloop.run_until_complete(scenario())
    assert lines[0] == "a/1_mp4-h-264-720p.mp4 · 2.0 KB · from a/1.mov"
    (call,) = sub.calls
    (item,) = call["items"]  # a/1.mov had nothing left to make: it is not sent at all
    assert (item.key, item.outputs, item.presets) == (
        "a/2.mov",
        ("a/2_mp4-h-264-720p.mp4",),
        (MP4,),
    )
    assert len(item.fops) == 1
    assert "avthumb/mp4" in item.fops[0]
    assert call["options"].force is False


def test_existing_outputs_overwrite_forces_and_cancel_sends_nothing(qtbot: Any, qloop: Any) -> None:
    report = PreflightReport(existing=(_existing("a/1_jpg-thumbnail.jpg", "a/1.mov", JPG),))
    d, sub = _dialog(qtbot, ["a/1.mov"], FakeRunner(report))

    async def scenario() -> None:
        d.submit_button.click()
        await _answer(d, "existing_question", "cancel")
        await wait_until(lambda: d.submit_button.isEnabled())
        assert not sub.calls
        assert d.isVisible()
        assert d.problem_label.text() == "Nothing was sent."
        d.submit_button.click()
        await _answer(d, "existing_question", "overwrite")
        await wait_until(lambda: bool(sub.calls))

    qloop.run_until_complete(scenario())
    (call,) = sub.calls
    assert call["options"].force is True
    assert call["items"][0].outputs == ("a/1_mp4-h-264-720p.mp4", "a/1_jpg-thumbnail.jpg")


def test_unchecked_outputs_let_the_user_decide(qtbot: Any, qloop: Any) -> None:
    target = OutputTarget("media", "a/1_jpg-thumbnail.jpg", "a/1.mov", JPG)
    report = PreflightReport(unchecked=(UncheckedOutput(target, ServerError("server busy")),))
    d, sub = _dialog(qtbot, ["a/1.mov"], FakeRunner(report))

    async def scenario() -> list[str]:
        d.submit_button.click()
        lines = await _answer(d, "unchecked_question", "cancel")
        await wait_until(lambda: d.submit_button.isEnabled())
        assert not sub.calls
        d.submit_button.click()
        await _answer(d, "unchecked_question", "send")
        await wait_until(lambda: bool(sub.calls))
        return lines

    lines = qloop.run_until_complete(scenario())
    assert lines == [
        "Could not check whether a/1_jpg-thumbnail.jpg already exists in media: server busy"
    ]
    assert len(sub.calls[0]["items"][0].outputs) == 2


def test_two_sources_writing_one_output_block_and_name_both(qtbot: Any, qloop: Any) -> None:
    dup = Problem.make(
        "duplicate",
        "{first} and {second} would both be saved as {key}; the later one would replace "
        "the other. Add {{name}} or {{dir}} to the output name",
        first="a/x.mov",
        second="b/x.mov",
        key="out/x.mp4",
    )
    d, sub = _dialog(qtbot, ["a/x.mov", "b/x.mov"], FakeRunner(PreflightReport(duplicates=(dup,))))

    async def scenario() -> list[str]:
        d.submit_button.click()
        lines = await _answer(d, "duplicates_question", "close")
        await wait_until(lambda: d.submit_button.isEnabled())
        return lines

    lines = qloop.run_until_complete(scenario())
    assert "a/x.mov and b/x.mov would both be saved as out/x.mp4" in lines[0]
    assert "a/x.mov and b/x.mov" in d.problem_label.text()
    assert not sub.calls


def _upscale_report(request: PreflightRequest) -> PreflightReport:
    """a/small.mov is 640×360: each never-upscale preset decides by its own policy."""
    decisions = []
    for preset in request.presets:
        assert preset.never_upscale is not None
        d = decide(
            "media",
            "a/small.mov",
            preset.name,
            preset.commands[0],
            MediaSize(640, 360),
            preset.never_upscale,
        )
        assert d is not None
        decisions.append(d)
    return PreflightReport(upscale=tuple(decisions))


def test_never_upscale_skips_or_keeps_the_source_size_and_says_so(qtbot: Any, qloop: Any) -> None:
    presets = (HD_SKIP, HD_KEEP)
    runner = FakeRunner(_upscale_report)
    d, sub = _dialog(
        qtbot, ["a/small.mov", "a/big.mov"], runner, presets, checked=("HD skip", "HD keep")
    )

    async def scenario() -> list[str]:
        d.submit_button.click()
        lines = await _answer(d, "sizes_question", "send")
        await wait_until(lambda: bool(sub.calls))
        return lines

    lines = qloop.run_until_complete(scenario())
    assert lines == [
        "HD skip: a/small.mov is only 640×360, smaller than 1920x1080; this output is skipped "
        "so the video is not enlarged",
        "HD keep: a/small.mov is only 640×360, smaller than 1920x1080; it is converted at its "
        "own size instead of being enlarged",
    ]
    small, big = sub.calls[0]["items"]
    assert small.key == "a/small.mov"
    assert small.presets == ("HD keep",)
    assert "1920x1080" not in small.fops[0]
    assert small.fops[0].startswith("avthumb/mp4/vcodec/")
    assert "|saveas/" in small.fops[0]
    assert big.presets == ("HD skip", "HD keep")
    assert all("1920x1080" in f for f in big.fops)


class GatedClient:
    """Stats wait for the test; nothing exists."""

    def __init__(self) -> None:
        self.stats: list[str] = []

    def stat(self, bucket: str, key: str) -> ObjectInfo:
        self.stats.append(key)
        raise NotFoundError("no such file")


def test_progress_is_shown_and_cancel_stops_the_check(qtbot: Any, qloop: Any) -> None:
    client = GatedClient()
    gate: asyncio.Queue[None] = asyncio.Queue()

    async def run_blocking(fn: Callable[[], T]) -> T:
        await gate.get()
        return fn()

    async def no_buckets() -> list[Any]:
        return []

    runner = ClientPreflight(
        lambda: client,
        run_blocking,
        no_buckets,
        AccountSizes(lambda: client, run_blocking),
        stat_limit=1,
    )
    keys = [f"a/{i}.mov" for i in range(5)]
    d, sub = _dialog(qtbot, keys, runner)

    async def scenario() -> None:
        d.submit_button.click()
        gate.put_nowait(None)
        gate.put_nowait(None)
        await wait_until(lambda: d.progress.format() == "Checking 2 of 10 outputs…")
        assert d.progress.isVisible()
        assert d.cancel_button.text() == "Stop"
        d.cancel_button.click()
        assert d.isVisible()
        gate.put_nowait(None)  # the stat in flight finishes; no new one starts
        await wait_until(lambda: d.cancel_button.text() == "Cancel")

    qloop.run_until_complete(scenario())
    assert len(client.stats) == 3
    assert not sub.calls
    assert d.problem_label.text() == "The check was stopped; nothing was sent."
    assert d.submit_button.isEnabled()


def test_a_failed_check_asks_before_sending(qtbot: Any, qloop: Any) -> None:
    class Broken:
        async def check(self, *a: Any) -> PreflightReport:
            raise LookupError("No SecretKey for demo")

    d, sub = _dialog(qtbot, ["a/1.mov"], Broken())

    async def scenario() -> None:
        d.submit_button.click()
        await wait_until(lambda: d.flow.question is not None and d.flow.question.isVisible())
        assert "No SecretKey for demo" in d.flow.question.text_label.text()
        await _answer(d, "check_failed_question", "send")
        await wait_until(lambda: bool(sub.calls))

    qloop.run_until_complete(scenario())
    assert sub.calls[0]["items"][0].key == "a/1.mov"


def test_overwrite_ticked_in_the_form_answers_the_question_in_advance(
    qtbot: Any, qloop: Any
) -> None:
    report = PreflightReport(existing=(_existing("a/1_jpg-thumbnail.jpg", "a/1.mov", JPG),))
    d, sub = _dialog(qtbot, ["a/1.mov"], FakeRunner(report))
    d.form.force_check.setChecked(True)
    asked: list[str] = []

    async def record(question: Any) -> str:
        asked.append(question.objectName())
        return "cancel"

    d.flow.ask = record

    async def scenario() -> None:
        d.submit_button.click()
        await wait_until(lambda: bool(sub.calls))

    qloop.run_until_complete(scenario())
    assert asked == []
    assert sub.calls[0]["options"].force is True
    assert len(sub.calls[0]["items"][0].outputs) == 2
