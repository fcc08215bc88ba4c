"""core.oss_status: an OSS job's state from its outputs (never failed) and from IMM/MNS (may be)."""

from __future__ import annotations

import random
import string
from datetime import UTC, datetime

import pytest

from qfopgui.core import oss_status as S
from qfopgui.core.fops import Command, ImageFormat, Vsample
from qfopgui.core.oss_process import plan_oss_job
from qfopgui.core.oss_status import (
    JobWatch,
    ObjectInfo,
    OutputTarget,
    TaskStatus,
    WatchPolicy,
    WatchSignal,
    WatchState,
    imm_task_report,
    mns_task_report,
    next_probe_at,
    observe_outputs,
    observe_probe_error,
    observe_task,
    output_targets,
    probe_delay,
    start_watch,
    timeout_for,
)
from qfopgui.core.presets import BUILTIN_PRESETS, Preset
from qfopgui.i18n import i18n_dir, read_ts

T0 = 1_800_000_000.0  # submit time (epoch seconds)
POLICY = WatchPolicy(timeout=600.0, clock_slack=60.0, jitter=0.0)
ONE = OutputTarget("dst", "out/a.mp4")
SERIES = OutputTarget("dst", "thumbs/s", series=True)


class _Fixed:
    def __init__(self, value: float) -> None:
        self.value = value

    def random(self) -> float:
        return self.value


def _obj(key: str, size: int = 10, age: float = 5.0) -> ObjectInfo:
    return ObjectInfo(key, size, T0 + age)


def _see(watch: JobWatch, at: float, *found: tuple[int, tuple[ObjectInfo, ...]]) -> JobWatch:
    return observe_outputs(watch, list(found), T0 + at, POLICY)


@pytest.mark.parametrize(
    ("objects", "state", "template"),
    [
        ((), WatchState.WAITING, S.WAITING),
        ((_obj("out/a.mp4"),), WatchState.DONE, S.DONE_OUTPUT),
        ((_obj("out/a.mp4", size=0),), WatchState.WAITING, S.EMPTY),
        ((_obj("out/a.mp4", age=-3600),), WatchState.WAITING, S.STALE),  # an old file
        ((_obj("out/a.mp4", age=-59),), WatchState.DONE, S.DONE_OUTPUT),  # within the slack
        ((_obj("out/a.mp4", age=-61),), WatchState.WAITING, S.STALE),  # just outside it
        ((ObjectInfo("out/a.mp4", 10, None),), WatchState.DONE, S.DONE_OUTPUT),  # no mtime
        ((_obj("out/other.mp4"),), WatchState.WAITING, S.WAITING),  # not our key
    ],
)
def test_a_single_output_before_the_deadline(
    objects: tuple[ObjectInfo, ...], state: WatchState, template: str
) -> None:
    after = _see(start_watch([ONE], T0, POLICY), 30, (0, objects))
    assert (after.state, after.text.template) == (state, template)
    assert after.probes == 1


def test_no_output_until_the_deadline_is_unknown_never_failed() -> None:
    watch = start_watch([ONE], T0, POLICY)
    assert watch.deadline == T0 + 600
    watch = _see(watch, 599.9, (0, ()))
    assert watch.state is WatchState.WAITING
    watch = observe_probe_error(watch, "connection reset")  # an error at the deadline: waits
    assert watch.state is WatchState.WAITING
    watch = _see(watch, 600, (0, ()))
    assert watch.state is WatchState.UNKNOWN
    assert watch.text == S.StatusText.make(S.TIMED_OUT, minutes=10)
    # a stale or empty file at the deadline is unknown as well, never failed
    for seen in ((_obj("out/a.mp4", age=-3600),), (_obj("out/a.mp4", size=0),)):
        late = _see(start_watch([ONE], T0, POLICY), 601, (0, seen))
        assert late.state is WatchState.UNKNOWN


def test_unknown_turns_done_when_a_later_look_finds_the_output() -> None:
    watch = _see(start_watch([ONE], T0, POLICY), 700, (0, ()))
    assert watch.state is WatchState.UNKNOWN
    assert _see(watch, 900, (0, (_obj("out/a.mp4", age=800),))).state is WatchState.DONE


def test_probe_errors_count_and_never_end_the_job() -> None:
    watch = start_watch([ONE], T0, POLICY)
    for n in range(1, 50):
        watch = observe_probe_error(watch, "AccessDenied")
        assert (watch.state, watch.errors) == (WatchState.WAITING, n)
    assert watch.text.message == "Could not check for the output: AccessDenied. Trying again."
    assert _see(watch, 10, (0, ())).errors == 0


def test_several_outputs_are_done_only_when_all_are_there() -> None:
    two = OutputTarget("dst", "out/b.mp4")
    watch = start_watch([ONE, two], T0, POLICY)
    watch = _see(watch, 10, (0, (_obj("out/a.mp4"),)), (1, ()))
    assert watch.state is WatchState.WAITING
    assert watch.text.message == "Waiting for the output (1 of 2 ready)"
    assert watch.pending == (1,)
    watch = _see(watch, 20, (1, (_obj("out/b.mp4"),)))
    assert (watch.state, watch.text.message) == (WatchState.DONE, "Every output is there (2 of 2)")


def test_a_picture_series_is_done_when_its_listing_stops_changing() -> None:
    watch = start_watch([SERIES], T0, POLICY)
    assert SERIES.prefix == "thumbs/s_"
    first = (_obj("thumbs/s_0_1.jpg"),)
    both = (*first, _obj("thumbs/s_0_2.jpg"))
    noise = (_obj("thumbs/s_notes.txt"), _obj("thumbs/s_0_9.jpg", size=0))  # not pictures
    watch = _see(watch, 5, (0, first))
    assert (watch.state, watch.text.message) == (
        WatchState.WAITING,
        "1 pictures so far; waiting until no more appear",
    )
    watch = _see(watch, 10, (0, both + noise))
    assert watch.state is WatchState.WAITING
    watch = _see(watch, 20, (0, tuple(reversed(both))))  # the same set, in any order
    assert watch.state is WatchState.DONE
    assert watch.seen[0] == both


def test_old_pictures_of_an_earlier_run_do_not_count() -> None:
    old = (_obj("thumbs/s_0_1.jpg", age=-7200),)
    watch = _see(start_watch([SERIES], T0, POLICY), 5, (0, old))
    watch = _see(watch, 10, (0, old))
    assert watch.state is WatchState.WAITING


def test_targets_from_a_plan_use_the_saveas_key_and_the_task_ids() -> None:
    shots = Preset("shots", (Command(Vsample(ImageFormat.JPG, interval=2, pattern="$(count)")),))
    presets = [BUILTIN_PRESETS[0], shots]
    plan = plan_oss_job("src", "in/a.mov", presets, "dst", "out/{name}.{ext}", 0, datetime.now(UTC))
    assert plan.ok, plan.problems
    targets = output_targets(plan, ["MediaConvert-1"])
    assert targets == (
        OutputTarget("dst", "out/a.mp4", False, "MediaConvert-1"),
        OutputTarget("dst", "out/a", True, ""),  # OSS names the pictures out/a_<n>_<i>.jpg
    )
    assert targets[1].prefix == "out/a_"


def test_the_timeout_grows_with_the_source_duration() -> None:
    policy = WatchPolicy(timeout=1800, per_source_second=3, max_timeout=7200)
    assert timeout_for(policy) == 1800
    assert timeout_for(policy, 100) == 2100
    assert timeout_for(policy, 10_000) == 7200  # capped
    assert timeout_for(policy, -5) == 1800
    watch = start_watch([ONE], T0, policy, duration=100)
    assert watch.deadline == T0 + 2100


def test_backoff_schedule_errors_and_jitter() -> None:
    mid = _Fixed(0.5)  # no jitter
    steps = [probe_delay(POLICY, n, 0, mid) for n in range(7)]
    assert steps == [2, 5, 10, 30, 60, 60, 60]
    assert probe_delay(POLICY, 0, 1, mid) == 5  # an error waits longer than a first probe
    assert probe_delay(POLICY, 0, 3, mid) == 30
    assert probe_delay(POLICY, 4, 1, mid) == 60  # never shorter than the healthy step
    jittery = WatchPolicy(jitter=0.2)
    assert probe_delay(jittery, 0, 0, _Fixed(0.0)) == pytest.approx(1.6)
    assert probe_delay(jittery, 0, 0, _Fixed(1.0)) == pytest.approx(2.4)


def test_next_probe_lands_on_the_deadline_and_stops_when_final() -> None:
    watch = start_watch([ONE], T0, POLICY)
    rng = random.Random(1)
    assert next_probe_at(watch, T0, POLICY, rng) == T0 + 2
    assert next_probe_at(watch, T0 + 599, POLICY, rng) == T0 + 600
    assert next_probe_at(watch, T0 + 600, POLICY, rng) == T0 + 602  # after an error there
    done = _see(watch, 10, (0, (_obj("out/a.mp4"),)))
    assert next_probe_at(done, T0 + 10, POLICY, rng) is None


@pytest.mark.parametrize(
    ("report", "state", "message"),
    [
        (imm_task_report("Running"), WatchState.WAITING, S.TASK_RUNNING),
        (imm_task_report("Succeeded"), WatchState.DONE, S.TASK_SUCCEEDED),
        (
            imm_task_report("Failed", code="InvalidParameter", message=" bad vcodec "),
            WatchState.FAILED,
            "The service reports that the task failed: bad vcodec",
        ),
        (imm_task_report("Failed"), WatchState.FAILED, S.TASK_FAILED_SILENT),
        (
            imm_task_report("Queued"),
            WatchState.WAITING,
            "The service answered “Queued”, which this app does not know; still waiting",
        ),
        (mns_task_report(True, "ok"), WatchState.DONE, S.TASK_SUCCEEDED),
        (mns_task_report("true"), WatchState.DONE, S.TASK_SUCCEEDED),
        (
            mns_task_report("false", "The source is damaged"),
            WatchState.FAILED,
            "The service reports that the task failed: The source is damaged",
        ),
        (mns_task_report(False, None), WatchState.FAILED, S.TASK_FAILED_SILENT),
        (
            mns_task_report("maybe"),
            WatchState.WAITING,
            "The service answered “maybe”, which this app does not know; still waiting",
        ),
    ],
)
def test_imm_and_mns_answers(report: S.TaskReport, state: WatchState, message: str) -> None:
    watch = observe_task(start_watch([ONE], T0, POLICY), 0, report, WatchSignal.IMM_GETTASK)
    assert (watch.state, watch.text.message) == (state, message)
    assert watch.signal is WatchSignal.IMM_GETTASK


def test_imm_status_words_and_codes() -> None:
    report = imm_task_report(" failed ", code="E1", message="m")
    assert (report.status, report.code, report.message, report.raw) == (
        TaskStatus.FAILED,
        "E1",
        "m",
        " failed ",
    )
    assert imm_task_report("SUCCEEDED").status is TaskStatus.SUCCEEDED


def test_a_running_task_outlasts_the_output_timeout() -> None:
    watch = start_watch([ONE], T0, POLICY)
    watch = observe_task(watch, 0, imm_task_report("Running"), WatchSignal.IMM_GETTASK)
    watch = _see(watch, 5000, (0, ()))
    assert (watch.state, watch.text.template) == (WatchState.WAITING, S.TASK_RUNNING)


def test_one_task_succeeding_of_two_is_not_done_and_a_failure_is_final() -> None:
    two = OutputTarget("dst", "out/b.mp4", task_id="t2")
    watch = start_watch([ONE, two], T0, POLICY)
    watch = observe_task(watch, 1, mns_task_report(True), WatchSignal.MNS_QUEUE)
    assert (watch.state, watch.pending) == (WatchState.WAITING, (0,))
    failed = observe_task(watch, 0, mns_task_report(False, "x"), WatchSignal.MNS_QUEUE)
    assert failed.state is WatchState.FAILED
    # final stays final: a later output or answer changes nothing
    assert _see(failed, 10, (0, (_obj("out/a.mp4"),))) is failed
    assert observe_task(failed, 0, mns_task_report(True), WatchSignal.MNS_QUEUE) is failed
    assert observe_probe_error(failed, "x") is failed


def test_every_text_has_a_chinese_translation_with_the_same_fields() -> None:
    catalogue = read_ts(i18n_dir() / "core_zh_CN.ts")
    for text in S.TEXTS:
        zh = catalogue.get((S.TEXT_CONTEXT, text), "")
        assert zh.strip(), f"translate in core_zh_CN.ts [{S.TEXT_CONTEXT}]: {text}"
        assert zh != text
        fields = {f for _l, f, _s, _c in string.Formatter().parse(text) if f}
        assert {f for _l, f, _s, _c in string.Formatter().parse(zh) if f} == fields, text
    signals = {S.signal_text(s).template for s in WatchSignal}
    assert signals == set(S.SIGNAL_TEXTS.values())
    assert len(signals) == 3
