"""Output verification rules: what each command's output should be, and the verdict on what was
measured (a short output warns with both durations; a clip the preset asked for does not)."""

from __future__ import annotations

import dataclasses
import json
import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from qfopgui.core.fops import Avthumb, Command, Vframe, Vsample, parse_command
from qfopgui.core.fops.enums import ImageFormat, Rotate
from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.core.output_checks import (
    Expectation,
    JobOutput,
    Measured,
    OutputKind,
    SourceFigures,
    check_output,
    expectation,
    job_outputs,
    read_playlist,
    source_of,
    tolerance,
)
from qfopgui.core.verification import (
    BAD_CLIP,
    BAD_DURATION,
    BAD_EMPTY,
    BAD_MISSING,
    BAD_RETURN_OLD,
    BAD_SIZE,
    OK_CLIP,
    OK_DURATION,
    OK_PICTURE,
    TEMPLATES,
    OutputCheck,
    Verification,
    VerifyState,
    unchecked,
    verdict,
)

MP4 = Command(Avthumb("mp4", s="1280x720", autoscale=True))
GIF = Command(Avthumb("gif", s="480x480", autoscale=True, r=10, ss=0, t=5))
THUMB = Command(Vframe(ImageFormat.JPG, offset=1, w=320))
SOURCE = SourceFigures(duration=10.0, width=1280, height=720)
I18N = Path(__file__).resolve().parents[3] / "qfopgui" / "i18n" / "verification_zh_CN.ts"


def record(**kw: object) -> JobRecord:
    base = JobRecord(
        id=1,
        profile="p",
        bucket="src",
        key="in/a.mp4",
        fops=(),
        presets=(),
        outputs=(),
        output_bucket="dst",
        pipeline="",
        batch_id="",
        state=JobState.DONE,
        persistent_id="z0.x",
        force=False,
        notify_url="",
        type=0,
        submitted_at=1.0,
        updated_at=1.0,
        started_at=None,
        finished_at=2.0,
        status_json=None,
        error="",
        retry_of=None,
    )
    return dataclasses.replace(base, **kw)  # type: ignore[arg-type]


def one(command: Command, found: Measured, source: SourceFigures | None = SOURCE) -> OutputCheck:
    out = JobOutput(0, "dst", ("out",), expectation(command))
    (check,) = check_output(out, "out", found, source)
    return check


# --- expected durations ------------------------------------------------------------------------


def test_clip_settings_shorten_the_expected_duration() -> None:
    assert expectation(MP4).duration(10.0) == 10.0
    assert expectation(GIF).duration(10.0) == 5.0
    assert expectation(GIF).duration(3.0) == 3.0  # t longer than what is left
    tail = expectation(Command(Avthumb("mp4", ss=7.5)))
    assert tail.duration(10.0) == 2.5
    assert expectation(Command(Avthumb("mp4", ss=12))).duration(10.0) == 0.0


def test_tolerance_is_half_a_second_or_five_percent() -> None:
    assert tolerance(2.0) == 0.5
    assert tolerance(10.0) == 0.5
    assert tolerance(100.0) == pytest.approx(5.0)


def test_a_short_output_warns_with_both_durations() -> None:
    check = one(MP4, Measured(True, 1000, duration=4.08))
    assert not check.ok
    assert check.template == BAD_DURATION
    assert check.params_dict == {"output": 4.08, "source": 10.0}
    assert check.message == "output 4.1 s, source 10.0 s"


def test_an_output_within_tolerance_is_verified() -> None:
    check = one(MP4, Measured(True, 1000, duration=10.046))  # AAC priming, last frame
    assert check.ok
    assert check.template == OK_DURATION
    assert not one(MP4, Measured(True, 1000, duration=9.4)).ok


def test_a_clip_the_preset_asked_for_is_verified() -> None:
    check = one(GIF, Measured(True, 1000, duration=5.0))
    assert check.ok
    assert check.template == OK_CLIP
    assert check.params_dict == {"output": 5.0, "expected": 5.0, "source": 10.0}


def test_a_clipped_output_shorter_than_its_clip_still_warns() -> None:
    check = one(GIF, Measured(True, 1000, duration=2.0))
    assert not check.ok
    assert check.template == BAD_CLIP
    assert check.message == ("output 2.0 s, expected 5.0 s (source 10.0 s, clipped by the preset)")


def test_missing_and_empty_outputs() -> None:
    assert one(MP4, Measured(False)).template == BAD_MISSING
    assert one(MP4, Measured(True, 0)).template == BAD_EMPTY
    assert one(THUMB, Measured(True, 0)).template == BAD_EMPTY


def test_unknown_source_duration_is_not_compared() -> None:
    check = one(MP4, Measured(True, 1000, duration=4.0), source=None)
    assert check.ok  # nothing to compare with: exists, not empty, has a duration
    assert "not compared" in check.message


def test_a_stale_object_explains_the_problem() -> None:
    out = JobOutput(0, "dst", ("out",), expectation(MP4), return_old=True)
    checks = check_output(out, "out", Measured(True, 10, duration=4.0), SOURCE)
    assert [c.template for c in checks] == [BAD_DURATION, BAD_RETURN_OLD]
    fine = check_output(out, "out", Measured(True, 10, duration=10.0), SOURCE)
    assert [c.template for c in fine] == [OK_DURATION]


# --- pictures ----------------------------------------------------------------------------------


def test_a_width_only_frame_follows_the_source_shape() -> None:
    assert one(THUMB, Measured(True, 9, width=320, height=180)).template == OK_PICTURE
    bad = one(THUMB, Measured(True, 9, width=320, height=240))
    assert bad.template == BAD_SIZE
    assert bad.message == "output is 320×240, expected 320×180"
    turned = Command(Vframe(ImageFormat.JPG, offset=1, w=320, rotate=Rotate.R90))
    assert one(turned, Measured(True, 9, width=320, height=569)).ok


def test_a_frame_with_both_sides_must_match_them() -> None:
    both = Command(Vframe(ImageFormat.PNG, offset=1, w=200, h=100))
    assert one(both, Measured(True, 9, width=200, height=100), source=None).ok
    assert one(both, Measured(True, 9, width=201, height=101), source=None).ok  # rounding
    assert not one(both, Measured(True, 9, width=200, height=150), source=None).ok


def test_a_full_size_frame_accepts_any_size_but_needs_a_picture() -> None:
    full = Command(Vframe(ImageFormat.PNG, offset=3))
    assert one(full, Measured(True, 9, width=17, height=5), source=None).ok
    assert not one(full, Measured(True, 9, readable=False), source=None).ok


# --- which outputs a job has -------------------------------------------------------------------


def status_json(*items: dict[str, object]) -> str:
    return json.dumps(
        {"id": "z0.x", "code": 0, "inputBucket": "src", "inputKey": "in/a.mp4", "items": items}
    )


def test_outputs_come_from_the_status_items_and_their_saveas() -> None:
    mp4 = MP4.with_saveas("dst", "out/a.mp4").build()
    gif = GIF.with_saveas("other", "out/a.gif").build()
    bad = THUMB.with_saveas("dst", "out/a.jpg").build()
    rec = record(
        fops=(mp4, gif, bad),
        outputs=("out/a.mp4", "out/a.gif", "out/a.jpg"),
        status_json=status_json(
            {"cmd": mp4, "code": 0, "key": "out/a.mp4"},
            {"cmd": gif, "code": 0, "key": "out/a.gif", "returnOld": 1},
            {"cmd": bad, "code": 3, "error": "boom"},
        ),
    )
    outputs = job_outputs(rec)
    assert [(o.index, o.bucket, o.keys, o.expect.kind) for o in outputs] == [
        (0, "dst", ("out/a.mp4",), OutputKind.MEDIA),
        (1, "other", ("out/a.gif",), OutputKind.MEDIA),
    ]
    assert outputs[1].expect == Expectation(OutputKind.MEDIA, ss=0, t=5)
    assert outputs[1].return_old


def test_a_tracked_job_is_read_from_its_status() -> None:
    hls = parse_command("avthumb/m3u8/segtime/10").with_saveas("src", "out/a.m3u8").build()
    shots = Command(Vsample(ImageFormat.JPG, ss=0, t=2, pattern="c-$(count)")).build()
    rec = record(
        bucket="",
        key="",
        status_json=status_json(
            {"cmd": hls, "code": 0, "key": "out/a.m3u8"},
            {"cmd": shots, "code": 0, "keys": ["c-1", "c-2"]},
            {"cmd": "avinfo|saveas/ZHN0OmEuanNvbg==", "code": 0, "key": "a.json"},
        ),
    )
    assert source_of(rec) == ("src", "in/a.mp4")
    kinds = [(o.bucket, o.keys, o.expect.kind) for o in job_outputs(rec)]
    assert kinds == [
        ("src", ("out/a.m3u8",), OutputKind.PLAYLIST),
        ("dst", ("c-1", "c-2"), OutputKind.IMAGES),  # no saveas: the job's output bucket
        ("dst", ("a.json",), OutputKind.OTHER),
    ]


def test_unfinished_jobs_have_nothing_to_verify() -> None:
    assert job_outputs(record(state=JobState.PROCESSING, fops=(MP4.build(),))) == ()
    planned = record(fops=(MP4.build(),), outputs=("out.mp4",))  # done, no status kept
    assert [o.keys for o in job_outputs(planned)] == [("out.mp4",)]


# --- playlists ---------------------------------------------------------------------------------


def test_a_media_playlist_adds_up_its_segments() -> None:
    text = "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10.0,\na0.ts\n#EXTINF:4.5,\na1.ts\n"
    playlist = read_playlist(text)
    assert playlist is not None
    assert playlist.duration == pytest.approx(14.5)
    master = read_playlist("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nlow.m3u8\n")
    assert master is not None
    assert master.variants == 1
    assert master.duration is None
    assert read_playlist("<html>not found</html>") is None
    assert read_playlist("#EXTM3U\n#EXTINF:abc,\na.ts\n") is None


def test_a_playlist_output_is_judged_by_its_duration() -> None:
    hls = Command(Avthumb("m3u8"))
    assert one(hls, Measured(True, 90, duration=10.0)).ok
    assert not one(hls, Measured(True, 90, duration=4.0)).ok
    assert not one(hls, Measured(True, 90, readable=False)).ok
    assert one(hls, Measured(True, 90, variants=3)).ok


# --- the verdict and how it is stored ----------------------------------------------------------


def test_verdict_and_round_trip_through_the_row() -> None:
    good = OutputCheck.make("a", True, OK_DURATION, output=10.0, source=10.0)
    bad = OutputCheck.make("b", False, BAD_DURATION, output=4.1, source=10.0)
    assert verdict([good]).state is VerifyState.VERIFIED
    result = verdict([good, bad])
    assert result.state is VerifyState.WARNING
    assert result.problems == (bad,)
    assert result.outputs == 2
    rec = record(verify_state=result.state.value, verify_note=result.note())
    assert rec.verification == result
    assert verdict([]).state is VerifyState.UNCHECKED
    failed = unchecked("a", "no route to host")
    assert failed.details[0].message == "could not be checked: no route to host"


def test_unknown_or_damaged_rows_read_safely() -> None:
    assert record().verification is None
    assert record(verify_state="someday").verification is None
    damaged = record(verify_state="warning", verify_note="{not json")
    assert damaged.verification == Verification(VerifyState.WARNING)
    odd = json.dumps({"checks": [{"t": "x", "p": {"n": True, "ok": 1}}, "junk"]})
    kept = Verification.from_row("verified", odd)
    assert kept is not None
    assert kept.details == (OutputCheck("", False, "x", (("ok", 1),)),)


def test_every_template_has_a_chinese_translation() -> None:
    """The UI translates these in the "verification" context; a new one needs a translation."""
    table: dict[str, str] = {}
    for ctx in ET.parse(I18N).getroot().iter("context"):
        if ctx.findtext("name") != "verification":
            continue
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is not None and (tr.text or "").strip() and tr.get("type") is None:
                table[msg.findtext("source") or ""] = tr.text or ""
    missing = [t for t in TEMPLATES if t not in table]
    assert not missing
    for template in TEMPLATES:  # the same fields, or formatting the translation fails
        assert fields(table[template]) == fields(template), template


def fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}
