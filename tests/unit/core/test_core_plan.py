"""plan_job: what the submit dialog previews and the submitter sends."""

from __future__ import annotations

import base64
from datetime import datetime

import pytest
import qiniu

from qfopgui.core.fops import Avthumb, Command, SaveAs, parse_command
from qfopgui.core.plan import JobPlan, PlannedOutput, plan_job
from qfopgui.core.presets import Preset, builtin_preset

NOW = datetime(2024, 5, 21, 9, 8, 7)
MP4 = builtin_preset("MP4 H.264 720p")
THUMB = builtin_preset("JPG thumbnail")


def plan(
    presets: list[Preset],
    template: str | None = None,
    key: str = "v/clip.mov",
    out_bucket: str = "out",
) -> JobPlan:
    return plan_job("media", key, presets, out_bucket, template, 4, NOW)


def test_two_presets() -> None:
    result = plan([MP4, THUMB])
    assert result.problems == ()
    assert result.ok
    assert [o.output_key for o in result.outputs] == [
        "v/clip_mp4-h-264-720p.mp4",
        "v/clip_jpg-thumbnail.jpg",
    ]
    first = result.outputs[0]
    assert first == PlannedOutput(
        "MP4 H.264 720p",
        "v/clip_mp4-h-264-720p.mp4",
        qiniu.op_save(MP4.commands[0].build(), "out", "v/clip_mp4-h-264-720p.mp4"),
    )
    assert result.fops == tuple(o.fop for o in result.outputs)
    assert result.fops_param == ";".join(result.fops)
    parsed = parse_command(result.fops[1])
    assert parsed.saveas == SaveAs("out", "v/clip_jpg-thumbnail.jpg")
    assert parsed.without_saveas() == THUMB.commands[0]


def test_template_override_and_tokens() -> None:
    result = plan([MP4], template="{bucket}/{date}-{time}-{index}/{name}.{ext}")
    assert result.outputs[0].output_key == "media/20240521-090807-4/clip.mp4"


def test_preset_own_template_used_when_none() -> None:
    mine = Preset("Mine", MP4.commands, "converted/{name}.{ext}")
    assert plan([mine]).outputs[0].output_key == "converted/clip.mp4"


def test_collisions_reported() -> None:
    result = plan([MP4, builtin_preset("MP4 H.264 480p")], template="{dir}/{name}.{ext}")
    assert not result.ok
    [problem] = result.problems
    assert problem.field == "template"
    assert "v/clip.mp4" in problem.message
    assert "MP4 H.264 720p" in problem.message
    assert "MP4 H.264 480p" in problem.message
    two_cmds = Preset("Two", (MP4.commands[0], MP4.commands[0]))
    assert [p.field for p in plan([two_cmds]).problems] == ["template"]


def test_naming_problems_collected_not_raised() -> None:
    result = plan([MP4, THUMB], template="{dir}/{nope}.{ext}")
    assert result.outputs == ()
    assert result.fops == ()
    assert {p.field for p in result.problems} == {"template"}
    assert len(result.problems) == 1  # de-duplicated
    assert "Unknown token {nope}" in result.problems[0].message


def test_overwriting_source_is_a_problem() -> None:
    result = plan([MP4], template="{dir}/{name}.{ext}", key="v/clip.mp4", out_bucket="media")
    assert [p.field for p in result.problems] == ["template"]
    assert result.problems[0].subject == "MP4 H.264 720p"
    assert "source file itself" in result.problems[0].message
    # another bucket is fine
    assert plan([MP4], template="{dir}/{name}.{ext}", key="v/clip.mp4").ok


def test_validation_problems_carry_preset_name() -> None:
    bad = Preset("Bad", (Command(Avthumb("mp4", s="1x1")),))
    result = plan([bad])
    assert not result.ok
    assert {(p.subject, p.field) for p in result.problems} == {("Bad", "s")}
    assert len(result.outputs) == 1  # still previewed


def test_no_presets_or_bucket() -> None:
    assert [p.field for p in plan([]).problems] == ["presets"]
    assert not plan([]).ok
    assert [p.field for p in plan([MP4], out_bucket="").problems] == ["bucket"]


# --- hostile source keys -----------------------------------------------------------------------


def _saveas_target(fop: str) -> tuple[str, str | None]:
    entry = fop.rsplit("|saveas/", 1)[1]
    bucket, _, key = base64.urlsafe_b64decode(entry).decode("utf-8").partition(":")
    return bucket, key


@pytest.mark.parametrize(
    "source",
    [
        "../x.mp4",
        "a/./b.mov",
        "a/../b.mov",
        "a?b#c%d.mp4",
        "=cmd|' /C calc'!A0.mov",
        "视频/😀 a+b.mov",
        "semi;colon|pipe.mov",
    ],
)
def test_hostile_sources_plan_with_exact_saveas(source: str) -> None:
    result = plan([MP4, THUMB], key=source)
    assert result.problems == ()
    assert result.ok
    for output, fop in zip(result.outputs, result.fops, strict=True):
        assert _saveas_target(fop) == ("out", output.output_key)
        assert fop == qiniu.op_save(fop.rsplit("|saveas/", 1)[0], "out", output.output_key)
        assert parse_command(fop).saveas == SaveAs("out", output.output_key)
    stem = source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    assert all(stem in o.output_key for o in result.outputs)


@pytest.mark.parametrize("source", ["clip\udcff.mov", "", "长" * 251])
def test_source_keys_qiniu_cannot_hold_are_one_problem(source: str) -> None:
    result = plan([MP4, THUMB], key=source)
    assert not result.ok
    assert result.outputs == ()
    assert result.fops == ()
    [problem] = result.problems
    assert problem.field == "source"
    assert problem.subject == ""
    problem.message.encode("utf-8")


def test_lone_surrogate_source_problem_names_the_file() -> None:
    [problem] = plan([MP4], key="v/clip\udcff.mov").problems
    assert "v/clip\\udcff.mov" in problem.message
    assert "not valid UTF-8" in problem.message


def test_surrogate_template_is_a_problem_not_an_exception() -> None:
    result = plan([MP4], template="{dir}/{name}\udcff.{ext}")
    assert not result.ok
    assert [p.field for p in result.problems] == ["template"]
    assert "not valid UTF-8" in result.problems[0].message
