"""Properties of the OSS process strings: o_/b_/topic_ decode back to what was asked for, for
any Unicode key; plan_oss_job never raises and names outputs exactly like plan_job; and the
strings built from the built-in presets are read by the OSS sandbox the way they were meant."""

from __future__ import annotations

import base64
import re
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qfopgui.core.oss_process import oss_b64, plan_oss_job, sys_stage
from qfopgui.core.plan import plan_job
from qfopgui.core.presets import BUILTIN_PRESETS, Preset
from qfopgui.sandbox.oss import media_args
from qfopgui.sandbox.oss.process import parse_process

NOW = datetime(2024, 5, 21, 9, 8, 7)
URLSAFE_UNPADDED = re.compile(r"[A-Za-z0-9_-]*")
KEYS = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=120)
BUCKETS = st.from_regex(r"[a-z0-9][a-z0-9-]{1,61}[a-z0-9]", fullmatch=True).filter(
    lambda b: "--" not in b
)
TEMPLATES = st.lists(
    st.sampled_from(
        ["{dir}/", "{name}", "_", "{preset}", ".", "{ext}", "{index}", "{date}", "-", "{bucket}"]
    ),
    min_size=1,
    max_size=8,
).map("".join)


def decode(token: str) -> str:
    """Read a value the way OSS documents it: URL-safe base64, padding optional."""
    return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("utf-8")


def system_values(process: str) -> dict[str, str]:
    """``{"o": …, "b": …, "topic": …}`` of the ``sys/…`` stage, decoded."""
    _stage, bar, system = process.partition("|")
    assert bar
    assert system.startswith("sys/saveas,")
    out: dict[str, str] = {}
    for op in system.removeprefix("sys/").split("/"):
        for part in op.split(",")[1:]:
            name, _, value = part.partition("_")
            assert URLSAFE_UNPADDED.fullmatch(value), value
            out[name] = decode(value)
    return out


@settings(max_examples=200, deadline=None)
@given(key=KEYS, bucket=BUCKETS, topic=st.one_of(st.none(), KEYS))
def test_saveas_and_topic_decode_back(key: str, bucket: str, topic: str | None) -> None:
    text = sys_stage(bucket, key, topic)
    values = system_values(f"video/convert,f_mp4|{text}")
    assert values["o"] == key
    assert values["b"] == bucket
    assert values.get("topic") == topic
    assert "=" not in text
    assert oss_b64(key) == base64.urlsafe_b64encode(key.encode()).decode().rstrip("=")


@settings(max_examples=100, deadline=None)
@given(key=KEYS, template=st.one_of(st.none(), TEMPLATES), bucket=BUCKETS)
def test_plan_never_raises_and_names_outputs_like_qiniu(
    key: str, template: str | None, bucket: str
) -> None:
    presets = BUILTIN_PRESETS[:3] + BUILTIN_PRESETS[-2:]
    oss = plan_oss_job("media", key, presets, bucket, template, 2, NOW)
    qiniu = plan_job("media", key, presets, bucket, template, 2, NOW)
    assert [o.output_key for o in oss.outputs] == [o.output_key for o in qiniu.outputs]
    for output in oss.outputs:
        values = system_values(output.process)
        assert values["o"] == output.saveas_key == output.output_key
        assert values["b"] == bucket


RUNNABLE = [p for p in BUILTIN_PRESETS if plan_oss_job("m", "a.mov", [p], "out", None, 1, NOW).ok]


@pytest.mark.parametrize("preset", RUNNABLE, ids=lambda p: p.name)
def test_the_sandbox_reads_the_builtin_strings_as_meant(preset: Preset) -> None:
    """Same grammar on both sides: the OSS sandbox parses each string, finds the target, and
    can turn every parameter into ffmpeg arguments (it refuses parameters it does not know)."""
    plan = plan_oss_job("media", "in/clip 1.mov", [preset], "out-bucket", None, 1, NOW)
    [output] = plan.outputs
    action, params, bucket, key = parse_process(output.process, "media")
    assert (bucket, key) == ("out-bucket", output.output_key)
    if action == "video/convert":
        media_args.video_convert(params, key)
    elif action == "audio/convert":
        media_args.audio_convert(params, key)
    else:
        assert action == "video/snapshots"
        media_args.snapshots(params)
