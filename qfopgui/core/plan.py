"""What will be submitted for one source file: fop strings, output keys and problems.

The submit dialog previews exactly this and the submitter sends ``JobPlan.fops``; problems are
collected (never raised) so the dialog can show all of them at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from qfopgui.core.fops import Problem
from qfopgui.core.naming import NamingError, check_template, render_key
from qfopgui.core.object_keys import key_problem
from qfopgui.core.presets import Preset


@dataclass(frozen=True)
class PlannedOutput:
    preset_name: str
    output_key: str
    fop: str  # command + "|saveas/<entry(output_bucket, output_key)>"


@dataclass(frozen=True)
class JobPlan:
    """One pfop request (one source file). Submit only when ``ok``."""

    fops: tuple[str, ...]
    outputs: tuple[PlannedOutput, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.fops)

    @property
    def fops_param(self) -> str:
        """The pfop ``fops`` form value (commands joined with ``;``)."""
        return ";".join(self.fops)


def plan_job(
    source_bucket: str,
    source_key: str,
    presets: Sequence[Preset],
    output_bucket: str,
    template: str | None,
    index: int,
    now: datetime,
) -> JobPlan:
    """Plan every command of every preset for one file.

    ``template=None`` uses each preset's own template. Problems carry the preset name as
    ``subject``; naming problems use field ``template``; duplicate output keys within the job
    are reported too (the later one would overwrite the earlier). A source key Qiniu cannot
    hold (empty, not UTF-8, too long) is one problem with field ``source`` and no outputs.
    Never raises for any source key or template.
    """
    outputs: list[PlannedOutput] = []
    problems: list[Problem] = []
    source_problem = key_problem(source_key, field="source")
    if source_problem is not None:
        problems.append(source_problem)
    if not presets:
        problems.append(Problem.make("presets", "Choose at least one preset"))
    if not output_bucket:
        problems.append(Problem.make("bucket", "Choose the bucket to save the results in"))
    template_ok = True
    if template is not None:
        try:
            check_template(template)
        except NamingError as exc:
            # One problem for the dialog's name field, not one per preset.
            problems.append(Problem.make("template", exc.template, **exc.params))
            template_ok = False
    for preset in presets:
        problems += preset.validate()
        for command in preset.commands if template_ok and source_problem is None else ():
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
            fop = command.with_saveas(output_bucket, key).build()
            outputs.append(PlannedOutput(preset.name, key, fop))
    problems += _collisions(outputs)
    return JobPlan(
        fops=tuple(o.fop for o in outputs),
        outputs=tuple(outputs),
        problems=tuple(_dedupe(problems)),
    )


def _collisions(outputs: Sequence[PlannedOutput]) -> list[Problem]:
    first: dict[str, PlannedOutput] = {}
    out: list[Problem] = []
    for output in outputs:
        earlier = first.setdefault(output.output_key, output)
        if earlier is not output:
            out.append(
                Problem.make(
                    "template",
                    "Two outputs would both be saved as {key} ({first} and {second}); "
                    "add {{preset}} or {{ext}} to the output name",
                    key=output.output_key,
                    first=earlier.preset_name,
                    second=output.preset_name,
                ).with_subject(output.preset_name)
            )
    return out


def _dedupe(problems: Sequence[Problem]) -> list[Problem]:
    """The same preset listed twice should not double every message."""
    seen: set[Problem] = set()
    out: list[Problem] = []
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            out.append(problem)
    return out
