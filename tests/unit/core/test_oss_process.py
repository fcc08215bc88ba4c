"""plan_oss_job: the OSS ``x-oss-async-process`` strings built from presets, the capability
table, and what "Show commands" prints for an OSS account."""

from __future__ import annotations

import base64
import dataclasses
from datetime import datetime
from enum import Enum

import pytest

from qfopgui.core.fops import (
    Avconcat,
    Avinfo,
    Avthumb,
    Command,
    Hls,
    ImageFormat,
    Kind,
    ParamSpec,
    Rotate,
    Vframe,
    Vsample,
    Watermark,
)
from qfopgui.core.oss_capabilities import (
    OSS_FIELD_SUPPORT,
    Support,
    oss_field_support,
    oss_unsupported_fields,
)
from qfopgui.core.oss_process import (
    OssJobPlan,
    oss_preset_problems,
    plan_oss_job,
    show_oss_commands,
    sys_stage,
)
from qfopgui.core.plan import plan_job
from qfopgui.core.preset_form import schema
from qfopgui.core.presets import BUILTIN_PRESETS, Preset, builtin_preset

NOW = datetime(2024, 5, 21, 9, 8, 7)
SAVE = "|sys/saveas,o_{o},b_b3V0"  # b_ = "out"


def oss_plan(
    presets: list[Preset],
    *,
    key: str = "v/clip.mov",
    template: str | None = None,
    bucket: str = "out",
    topic: str | None = None,
) -> OssJobPlan:
    return plan_oss_job("media", key, presets, bucket, template, 4, NOW, notify_topic=topic)


def one(op: Avthumb | Vframe | Vsample | Avconcat | Avinfo, name: str = "custom") -> Preset:
    return Preset(name, (Command(op),))


# Each built-in preset: the processing stage (hand-checked against the OSS grammar: times in ms,
# bitrates in bit/s, codec names h264/vp9/aac/mp3/vorbis) or the (field, reason) problems.
BUILTIN_EXPECTED: dict[str, str | list[tuple[str, str]]] = {
    "MP4 H.264 480p": "video/convert,f_mp4,vcodec_h264,s_854x480,scaletype_fit,vb_1000000,"
    "acodec_aac,ab_128000",
    "MP4 H.264 720p": "video/convert,f_mp4,vcodec_h264,s_1280x720,scaletype_fit,vb_2000000,"
    "acodec_aac,ab_128000",
    "MP4 H.264 1080p": "video/convert,f_mp4,vcodec_h264,s_1920x1080,scaletype_fit,vb_4000000,"
    "acodec_aac,ab_192000",
    "HLS 720p": [
        ("segtime", "Aliyun OSS video conversion cannot make HLS (m3u8) streams"),
        ("noDomain", "Aliyun OSS video conversion cannot make HLS (m3u8) streams"),
        ("format", "Aliyun OSS video conversion cannot make HLS (m3u8) streams"),
    ],
    "MP3 128k": "audio/convert,f_mp3,acodec_mp3,ab_128000",
    "MP3 320k": "audio/convert,f_mp3,acodec_mp3,ab_320000",
    "AAC 128k": "audio/convert,f_m4a,acodec_aac,ab_128000",
    "WebM 720p": "video/convert,f_webm,vcodec_vp9,s_1280x720,scaletype_fit,vb_1500000,"
    "acodec_vorbis,ab_128000",
    "GIF (5 s, 480 wide)": [
        ("format", "Aliyun OSS cannot convert to {format}; choose one of {formats}"),
    ],
    "JPG thumbnail": "video/snapshots,f_jpg,w_320,ss_1000,num_1",
    "PNG poster frame": "video/snapshots,f_png,ss_3000,num_1",
}


def test_every_builtin_preset_has_an_expectation() -> None:
    assert set(BUILTIN_EXPECTED) == {p.name for p in BUILTIN_PRESETS}


@pytest.mark.parametrize("name", list(BUILTIN_EXPECTED))
def test_builtin_preset_on_oss(name: str) -> None:
    preset = builtin_preset(name)
    result = oss_plan([preset])
    expected = BUILTIN_EXPECTED[name]
    [output] = result.outputs
    if isinstance(expected, str):
        assert result.problems == ()
        assert result.ok
        o = _b64(output.output_key)
        assert output.process == expected + SAVE.format(o=o)
    else:
        assert not result.ok
        assert [(p.field, p.template) for p in result.problems] == expected
        assert all(p.subject == name for p in result.problems)


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def test_reference_vector_a_process_string() -> None:
    """The documented request body: same parameters in the same order, unpadded o_/b_."""
    op = Avthumb(
        "mp4",
        vcodec="libx264",
        r=25,
        s="1280x720",
        vb="2m",
        acodec="aac",
        ar=44100,
        ac=2,
        ab="128k",
    )
    result = plan_oss_job(
        "examplebucket", "input/video 1.mov", [one(op)], "examplebucket", "out/output.mp4", 1, NOW
    )
    assert result.problems == ()
    assert result.processes == (
        "video/convert,f_mp4,vcodec_h264,fps_25,s_1280x720,vb_2000000,acodec_aac,ar_44100,ac_2,"
        "ab_128000|sys/saveas,o_b3V0L291dHB1dC5tcDQ,b_ZXhhbXBsZWJ1Y2tldA",
    )


def test_notify_topic_is_appended_to_the_system_stage() -> None:
    result = oss_plan([builtin_preset("JPG thumbnail")], topic="test-topic")
    assert result.processes[0].endswith("/notify,topic_dGVzdC10b3BpYw")
    assert sys_stage("b", "k", "") == "sys/saveas,o_aw,b_Yg"


@pytest.mark.parametrize(
    "template",
    [
        None,
        "{dir}/{name}_{preset}.{ext}",
        "out/{date}/{time}/{index}-{bucket}-{name}.{ext}",
        "{name}.{ext}",
        "{dir}/{preset}/{name}.{ext}",
    ],
)
@pytest.mark.parametrize("key", ["v/clip.mov", "clip.mov", "深/层 目录/视频 1.mp4", "a/b/c"])
def test_naming_template_gives_the_same_keys_as_qiniu(template: str | None, key: str) -> None:
    presets = list(BUILTIN_PRESETS)
    qiniu = plan_job("media", key, presets, "out", template, 4, NOW)
    oss = oss_plan(presets, key=key, template=template)
    assert [o.output_key for o in oss.outputs] == [o.output_key for o in qiniu.outputs]
    assert [o.preset_name for o in oss.outputs] == [o.preset_name for o in qiniu.outputs]


def test_naming_problems_are_the_same_as_qiniu() -> None:
    bad = "{nope}.{ext}"
    qiniu = plan_job("media", "v/a.mov", [builtin_preset("MP4 H.264 720p")], "out", bad, 1, NOW)
    oss = oss_plan([builtin_preset("MP4 H.264 720p")], key="v/a.mov", template=bad)
    assert oss.problems == qiniu.problems
    assert oss.outputs == ()


def test_two_outputs_with_one_name_are_a_problem() -> None:
    result = oss_plan(
        [builtin_preset("MP4 H.264 480p"), builtin_preset("MP4 H.264 720p")],
        template="{name}.{ext}",
    )
    assert [p.field for p in result.problems] == ["template"]
    assert "both be saved as clip.mp4 " in result.problems[0].message


def _sample(spec: ParamSpec) -> object:
    if spec.choices is not None:
        member: Enum = next(iter(spec.choices))
        return member
    return {
        Kind.FLAG: True,
        Kind.INT: 1,
        Kind.NUMBER: 10.0,
        Kind.TEXT: "x",
        Kind.B64: "x",
        Kind.CHOICE: None,
    }[spec.kind]


def _command_setting(kind: str, key: str) -> Command:
    """A command of ``kind`` whose only set parameter is ``key`` (any value)."""
    if kind == "avthumb":
        for table, part in (
            (Avthumb.PARAMS, None),
            (Watermark.PARAMS, "watermark"),
            (Hls.PARAMS, "hls"),
        ):
            for spec in table:
                if spec.key == key:
                    base = Avthumb("mp4")
                    if part is None:
                        return Command(dataclasses.replace(base, **{spec.attr: _sample(spec)}))
                    group = dataclasses.replace(getattr(base, part), **{spec.attr: _sample(spec)})
                    return Command(dataclasses.replace(base, **{part: group}))
    op_type = Vframe if kind == "vframe" else Vsample
    spec = next(s for s in op_type.PARAMS if s.key == key)
    op = op_type(ImageFormat.JPG)
    return Command(dataclasses.replace(op, **{spec.attr: _sample(spec)}))


UNSUPPORTED = [
    (kind, key, support.reason.template)
    for kind, table in OSS_FIELD_SUPPORT.items()
    for key, support in table.items()
    if support.support is Support.UNSUPPORTED and support.reason is not None
]


def test_the_table_names_the_reasons_the_ui_will_show() -> None:
    assert ("avthumb", "wmText", "Aliyun OSS cannot add a text watermark during conversion") in (
        UNSUPPORTED
    )
    assert len(UNSUPPORTED) >= 25
    assert all(
        s.reason is not None
        for t in OSS_FIELD_SUPPORT.values()
        for s in t.values()
        if s.support is not Support.SUPPORTED
    )


@pytest.mark.parametrize(("kind", "key", "reason"), UNSUPPORTED)
def test_each_unsupported_field_yields_its_reason(kind: str, key: str, reason: str) -> None:
    preset = Preset("p", (_command_setting(kind, key),))
    found = oss_unsupported_fields(preset)
    assert found[key].template == reason
    assert found[key].field == key
    assert found[key].subject == "p"
    result = oss_plan([preset])
    assert not result.ok
    assert any(p.field == key and p.template == reason for p in result.problems)


@pytest.mark.parametrize("kind", ["avthumb", "vframe", "vsample"])
def test_table_covers_every_form_field_and_model_parameter(kind: str) -> None:
    keys = {f.id for f in schema(kind).fields}
    tables = {
        "avthumb": (Avthumb.PARAMS, Watermark.PARAMS, Hls.PARAMS),
        "vframe": (Vframe.PARAMS,),
        "vsample": (Vsample.PARAMS,),
    }[kind]
    keys |= {spec.key for table in tables for spec in table}
    assert keys <= set(OSS_FIELD_SUPPORT[kind]), keys - set(OSS_FIELD_SUPPORT[kind])


def test_unknown_field_and_extra_parameter_are_unsupported() -> None:
    assert oss_field_support("avthumb", "nosuch").support is Support.UNSUPPORTED
    result = oss_plan([one(Avthumb("mp4", extra=(("foo", "1"),)))])
    assert [p.field for p in result.problems] == ["foo"]


def test_series_names_are_ignored_not_a_problem() -> None:
    op = Vsample(ImageFormat.JPG, ss=1, t=10, s="320x", interval=2, pattern="f-$(count)")
    result = oss_plan([one(op)], template="{dir}/{name}-shots.{ext}")
    assert result.problems == ()
    [output] = result.outputs
    assert output.output_key == "v/clip-shots.jpg"
    assert output.saveas_key == "v/clip-shots"  # OSS adds _<n>_<i>.jpg
    assert output.multi_file
    assert output.process.startswith("video/snapshots,f_jpg,w_320,ss_1000,inter_2000,num_5|")
    assert oss_field_support("vsample", "pattern").support is Support.IGNORED


def test_series_by_count_spreads_over_the_duration() -> None:
    op = Vsample(ImageFormat.PNG, t=12, frames=4, pattern="$(count)")
    stage = oss_plan([one(op)]).processes[0].split("|")[0]
    assert stage == "video/snapshots,f_png,inter_3000,num_4"


@pytest.mark.parametrize(
    ("op", "field", "template"),
    [
        (
            Avthumb("mp4", r=120),
            "r",
            "{label} must be between {min} and {max} {unit} on Aliyun OSS",
        ),
        (
            Avthumb("mp4", s="30x720"),
            "s",
            "{label} must be between {min} and {max} {unit} on Aliyun OSS",
        ),
        (
            Avthumb("mp4", s="8000x720"),
            "s",
            "{label} must be between {min} and {max} {unit} on Aliyun OSS",
        ),
        (Avthumb("mp4", vb="100m"), "vb", "{label} must be between {min} and {max} on Aliyun OSS"),
        (Avthumb("mp3", ab="1m"), "ab", "{label} must be between {min} and {max} on Aliyun OSS"),
        (
            Avthumb("mp3", ab="fast"),
            "ab",
            "{label} must look like 128k, 1.25m or a plain number, not '{value}'",
        ),
        (Avthumb("mp3", ar=22000), "ar", "Sample rate on Aliyun OSS must be one of {rates} Hz"),
        (Avthumb("mp3", ac=9), "ac", "{label} must be between {min} and {max} on Aliyun OSS"),
        (
            Vframe(ImageFormat.JPG, offset=1, w=5000),
            "w",
            "{label} must be between {min} and {max} {unit} on Aliyun OSS",
        ),
        (
            Vframe(ImageFormat.JPG, offset=1, h=32),
            "h",
            "{label} must be between {min} and {max} {unit} on Aliyun OSS",
        ),
        (
            Avthumb("mp4", vcodec="libtheora"),
            "vcodec",
            "Aliyun OSS cannot encode video as {codec}; choose one of {codecs}",
        ),
        (
            Avthumb("mp4", acodec="pcm_s16le"),
            "acodec",
            "Aliyun OSS cannot encode audio as {codec}; choose one of {codecs}",
        ),
        (
            Avthumb("mp4", rotate=Rotate.R90),
            "rotate",
            "Aliyun OSS can only turn video automatically (from the source's rotation tag), "
            "not by a fixed angle",
        ),
        (
            Avthumb("mp4", vn=True),
            "vn",
            "To drop the video on Aliyun OSS, choose an audio format such as mp3 or m4a",
        ),
        (Avthumb("mp3", vb="1m"), "vb", "{label} does not apply to audio output on Aliyun OSS"),
        (Avinfo(), "commands", "Aliyun OSS has no asynchronous command like {operation}"),
    ],
)
def test_values_oss_cannot_take_are_problems(op: object, field: str, template: str) -> None:
    assert isinstance(op, Avthumb | Vframe | Vsample | Avinfo)
    result = oss_plan([one(op)])
    assert [(p.field, p.template) for p in result.problems] == [(field, template)]
    assert not result.ok


@pytest.mark.parametrize(
    "op",
    [
        Avthumb("mp4", crf=40),  # Qiniu allows 18–28, OSS 0–51
        Avthumb("mp4", s="3000x3000"),  # over Qiniu's 2160 height, inside OSS's 4096
        Vframe(ImageFormat.JPG, offset=1, w=4000),  # over Qiniu's 3840 width
    ],
)
def test_oss_ranges_replace_qiniu_ranges(op: Avthumb | Vframe) -> None:
    assert Command(op).validate()  # Qiniu would refuse it
    assert oss_plan([one(op)]).problems == ()


def test_auto_rotation_clip_and_subtitles_are_written_in_oss_units() -> None:
    op = Avthumb("mp4", rotate=Rotate.AUTO, gop=250, ss=1.5, t=60, sn=True)
    stage = oss_plan([one(op)]).processes[0].split("|")[0]
    assert stage == "video/convert,f_mp4,g_250,arotate_1,ss_1500,t_60000,sn_1"


@pytest.mark.parametrize(
    "bucket", ["", "UPPER", "ab", "-start", "end-", "under_score", "a" * 64, "two--dashes"]
)
def test_output_bucket_must_be_an_oss_bucket_name(bucket: str) -> None:
    result = oss_plan([builtin_preset("MP3 128k")], bucket=bucket)
    assert [p.field for p in result.problems] == ["bucket"]


def test_source_key_problem_gives_no_outputs() -> None:
    result = oss_plan([builtin_preset("MP3 128k")], key="")
    assert result.outputs == ()
    assert [p.field for p in result.problems] == ["source"]


def test_show_commands_prints_each_request_and_its_target() -> None:
    plan = oss_plan(
        [
            builtin_preset("MP3 128k"),
            one(Vsample(ImageFormat.JPG, interval=1, pattern="$(count)"), "shots"),
        ]
    )
    lines = show_oss_commands(plan)
    assert lines == [
        plan.processes[0],
        "    → out/v/clip_mp3-128k.mp3",
        plan.processes[1],
        "    → out/v/clip_shots_*",
    ]


@pytest.mark.parametrize("name", list(BUILTIN_EXPECTED))
def test_a_preset_says_before_submit_whether_it_runs_on_oss(name: str) -> None:
    expected = BUILTIN_EXPECTED[name]
    problems = oss_preset_problems(builtin_preset(name))
    if isinstance(expected, str):
        assert problems == []
    else:
        assert [(p.field, p.template) for p in problems] == expected


def test_an_operation_oss_cannot_run_has_no_request() -> None:
    result = oss_plan([one(Avinfo())])
    assert result.outputs == ()
    assert [p.field for p in result.problems] == ["commands"]
