"""Where planned outputs will be written, and the sentences about clashes between them.

``plan_job`` already reports two outputs of one source sharing a key; here the whole batch is
looked at (two sources writing the same key: the later job silently overwrites the earlier),
and the sentences for outputs that already exist in the bucket or could not be checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from qfopgui.core.fops import Problem
from qfopgui.core.plan import JobPlan


@dataclass(frozen=True)
class OutputTarget:
    """One object a job will write: ``bucket``/``key``, made from ``source`` by ``preset``."""

    bucket: str
    key: str
    source: str
    preset_name: str = ""


def targets_of(source_key: str, output_bucket: str, plan: JobPlan) -> tuple[OutputTarget, ...]:
    return tuple(
        OutputTarget(output_bucket, o.output_key, source_key, o.preset_name) for o in plan.outputs
    )


def batch_targets(
    output_bucket: str, plans: Iterable[tuple[str, JobPlan]]
) -> tuple[OutputTarget, ...]:
    """Every output of ``(source_key, plan)`` pairs, in order."""
    return tuple(t for source, plan in plans for t in targets_of(source, output_bucket, plan))


def duplicate_outputs(targets: Sequence[OutputTarget]) -> tuple[Problem, ...]:
    """One problem per output key that two different sources would both write (field
    ``duplicate``); clashes inside one source are ``plan_job``'s to report."""
    first: dict[tuple[str, str], OutputTarget] = {}
    out: dict[Problem, None] = {}
    for target in targets:
        earlier = first.setdefault((target.bucket, target.key), target)
        if earlier.source != target.source:
            problem = Problem.make(
                "duplicate",
                "{first} and {second} would both be saved as {key}; the later one would replace "
                "the other. Add {{name}} or {{dir}} to the output name",
                first=earlier.source,
                second=target.source,
                key=target.key,
            )
            out[problem] = None
    return tuple(out)


def existing_sentence(target: OutputTarget, size: int) -> Problem:
    return Problem.make(
        "existing",
        "{key} already exists in {bucket} ({size} bytes); the result for {file} would replace it",
        key=target.key,
        bucket=target.bucket,
        size=size,
        file=target.source,
    ).with_subject(target.preset_name)


def unchecked_sentence(target: OutputTarget, reason: str) -> Problem:
    return Problem.make(
        "unchecked",
        "Could not check whether {key} already exists in {bucket}: {reason}",
        key=target.key,
        bucket=target.bucket,
        reason=reason,
    ).with_subject(target.preset_name)


def no_size_sentence(key: str, reason: str) -> Problem:
    return Problem.make(
        "upscale",
        "The picture size of {key} could not be read ({reason}); it is converted as set",
        key=key,
        reason=reason,
    )
