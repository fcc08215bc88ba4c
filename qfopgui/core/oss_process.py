"""What will be sent to Aliyun OSS for one source file: one ``x-oss-async-process`` string per
output, the output keys and the problems — the OSS twin of ``core.plan.plan_job``.

A process string is ``<stage>|sys/saveas,o_<key>,b_<bucket>[/notify,topic_<topic>]`` with key,
bucket and topic in URL-safe base64 without ``=`` padding (the form of OSS's own examples). The
output keys come from the same naming code as Qiniu's plan, so a template names outputs the same
on both providers. Problems are collected, never raised.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from qfopgui.core.fops import Problem
from qfopgui.core.naming import NamingError, check_template, render_key
from qfopgui.core.object_keys import display_key, key_problem
from qfopgui.core.oss_actions import oss_stage
from qfopgui.core.presets import Preset

MAX_OSS_KEY_BYTES = 1023
_BUCKET = re.compile(r"[a-z0-9][a-z0-9-]{1,61}[a-z0-9]")
# Fields whose Qiniu range problems are replaced by OSS's own ranges (see oss_actions), and
# fields OSS decides itself (the picture names of a series).
_OSS_RANGED = frozenset({"s", "w", "h", "r", "vb", "ab", "ar", "ac", "crf", "h264Crf"})
_OSS_IGNORED = frozenset({"pattern", "savePattern"})
_QINIU_RANGES = frozenset(
    {
        "{label} must be between {min} and {max} {unit}",
        "{label} must be between {min} and {max}",
        "Width must be between {min} and {max} pixels",
        "Height must be between {min} and {max} pixels",
    }
)


def oss_b64(text: str) -> str:
    """URL-safe base64 of UTF-8 text without ``=`` padding (``o_``/``b_``/``topic_`` values)."""
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def sys_stage(bucket: str, key: str, notify_topic: str | None = None) -> str:
    """``sys/saveas,o_…,b_…`` plus ``/notify,topic_…`` when a topic is given."""
    text = f"sys/saveas,o_{oss_b64(key)},b_{oss_b64(bucket)}"
    return f"{text}/notify,topic_{oss_b64(notify_topic)}" if notify_topic else text


@dataclass(frozen=True)
class OssPlannedOutput:
    """``output_key`` is the name the template gives (as on Qiniu); ``saveas_key`` is what
    ``o_`` holds — the same, or without the extension for a picture series (``multi_file``),
    whose files OSS names ``<saveas_key>_<n>_<i>.<ext>``."""

    preset_name: str
    output_key: str
    saveas_key: str
    process: str
    multi_file: bool = False


@dataclass(frozen=True)
class OssJobPlan:
    """One ``async_process_object`` request per output (one source file). Submit when ``ok``."""

    source_bucket: str
    source_key: str
    output_bucket: str
    outputs: tuple[OssPlannedOutput, ...]
    problems: tuple[Problem, ...]

    @property
    def processes(self) -> tuple[str, ...]:
        return tuple(o.process for o in self.outputs)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.outputs)


def plan_oss_job(
    source_bucket: str,
    source_key: str,
    presets: Sequence[Preset],
    output_bucket: str,
    template: str | None,
    index: int,
    now: datetime,
    *,
    notify_topic: str | None = None,
) -> OssJobPlan:
    """Plan every command of every preset for one file on OSS (same arguments as ``plan_job``).

    Problems carry the preset name as ``subject``. Besides ``plan_job``'s problems (with OSS's
    ranges instead of Qiniu's), a field OSS cannot express is a problem naming the field and
    the reason. Never raises for any source key or template.
    """
    outputs: list[OssPlannedOutput] = []
    problems: list[Problem] = []
    source_problem = key_problem(source_key, field="source")
    if source_problem is not None:
        problems.append(source_problem)
    if not presets:
        problems.append(Problem.make("presets", "Choose at least one preset"))
    problems += _bucket_problems(output_bucket)
    template_ok = True
    if template is not None:
        try:
            check_template(template)
        except NamingError as exc:
            problems.append(Problem.make("template", exc.template, **exc.params))
            template_ok = False
    for preset in presets:
        problems += [p for p in preset.validate() if _applies_on_oss(p)]
        for command in preset.commands:
            stage = oss_stage(command)
            problems += [p.with_subject(preset.name) for p in stage.problems]
            if not template_ok or source_problem is not None or not stage.text:
                continue
            try:
                key = render_key(
                    template if template is not None else preset.template,
                    source_key=source_key,
                    ext=command.output_ext,
                    preset=preset.name,
                    bucket=source_bucket,
                    index=index,
                    now=now,
                    output_bucket=output_bucket,
                )
            except NamingError as exc:
                problems.append(
                    Problem.make("template", exc.template, **exc.params).with_subject(preset.name)
                )
                continue
            problems += [p.with_subject(preset.name) for p in _oss_key_problems(key)]
            saveas_key = _series_base(key, command.output_ext) if stage.multi_file else key
            process = f"{stage.text}|{sys_stage(output_bucket, saveas_key, notify_topic)}"
            outputs.append(
                OssPlannedOutput(preset.name, key, saveas_key, process, stage.multi_file)
            )
    problems += _collisions(outputs)
    return OssJobPlan(
        source_bucket,
        source_key,
        output_bucket,
        tuple(outputs),
        tuple(dict.fromkeys(problems)),
    )


def oss_preset_problems(preset: Preset) -> list[Problem]:
    """Why ``preset`` cannot run on OSS, before any file is chosen (for the Presets view):
    the preset's own problems with OSS's ranges, and every stage problem, tagged with its name.
    """
    out = [p for p in preset.validate() if _applies_on_oss(p)]
    for command in preset.commands:
        out += [p.with_subject(preset.name) for p in oss_stage(command).problems]
    return list(dict.fromkeys(out))


def show_oss_commands(plan: OssJobPlan) -> list[str]:
    """What "Show commands" prints for an OSS account: each request's process string, then
    (indented) where its result goes, since ``o_``/``b_`` are unreadable base64."""
    lines: list[str] = []
    for output in plan.outputs:
        target = f"{plan.output_bucket}/{display_key(output.saveas_key, limit=300)}"
        lines.append(output.process)
        lines.append(f"    → {target}_*" if output.multi_file else f"    → {target}")
    return lines


def _applies_on_oss(problem: Problem) -> bool:
    """Drop the model's Qiniu-only range checks (OSS's replace them) and series-name checks."""
    if problem.field in _OSS_IGNORED:
        return False
    return not (problem.field in _OSS_RANGED and problem.template in _QINIU_RANGES)


def _series_base(key: str, ext: str) -> str:
    """``a/b.jpg`` → ``a/b``: OSS adds ``_<n>_<i>.jpg`` to a name without an extension."""
    suffix = f".{ext}"
    return key[: -len(suffix)] if key.endswith(suffix) and len(key) > len(suffix) else key


def _bucket_problems(bucket: str) -> list[Problem]:
    if not bucket:
        return [Problem.make("bucket", "Choose the bucket to save the results in")]
    if _BUCKET.fullmatch(bucket) is None or "--" in bucket:
        return [
            Problem.make(
                "bucket",
                "{bucket} is not an Aliyun OSS bucket name: use 3 to 63 lowercase letters, "
                "digits and hyphens, starting and ending with a letter or digit",
                bucket=display_key(bucket),
            )
        ]
    return []


def _oss_key_problems(key: str) -> list[Problem]:
    out: list[Problem] = []
    if key.startswith(("/", "\\")):
        out.append(
            Problem.make(
                "template",
                "The output name {key} starts with '/' or '\\', which Aliyun OSS refuses",
                key=display_key(key),
            )
        )
    if len(key.encode("utf-8", "surrogatepass")) > MAX_OSS_KEY_BYTES:
        out.append(
            Problem.make(
                "template",
                "The output name is longer than {max} bytes",
                max=MAX_OSS_KEY_BYTES,
            )
        )
    return out


def _collisions(outputs: Sequence[OssPlannedOutput]) -> list[Problem]:
    first: dict[str, OssPlannedOutput] = {}
    out: list[Problem] = []
    for output in outputs:
        earlier = first.setdefault(output.saveas_key, output)
        if earlier is not output:
            out.append(
                Problem.make(
                    "template",
                    "Two outputs would both be saved as {key} ({first} and {second}); "
                    "add {{preset}} or {{ext}} to the output name",
                    key=display_key(output.output_key),
                    first=earlier.preset_name,
                    second=output.preset_name,
                ).with_subject(output.preset_name)
            )
    return out
