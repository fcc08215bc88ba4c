"""What the user's pre-flight answers do to the batch, before anything is sent.

Pure functions over `SubmitItem`s (no widgets): "Skip those" drops the outputs that already
exist, a never-upscale SKIP drops that output, KEEP_SOURCE_SIZE sends the command without the
size. An item whose outputs are all dropped is not sent at all. The `fops`, `presets` and
`outputs` of an item stay aligned (one entry per output).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from qfopgui.core.upscale import UpscaleDecision
from qfopgui.services.preflight import PreflightReport
from qfopgui.services.submitter import SubmitItem


@dataclass(frozen=True)
class Applied:
    """The items left to send, and the upscale decisions that changed one of them."""

    items: tuple[SubmitItem, ...]
    changed: tuple[UpscaleDecision, ...]


def output_count(items: Iterable[SubmitItem]) -> int:
    return sum(len(i.outputs) for i in items)


def drop_outputs(items: Sequence[SubmitItem], keys: Iterable[tuple[str, str]]) -> list[SubmitItem]:
    """Items without the outputs ``(bucket, key)``; items left with none are not sent."""
    drop = set(keys)
    out: list[SubmitItem] = []
    for item in items:
        keep = [n for n, key in enumerate(item.outputs) if (item.output_bucket, key) not in drop]
        if not keep:
            continue
        if len(keep) == len(item.outputs):
            out.append(item)
            continue
        out.append(_only(item, keep))
    return out


def apply_upscale(items: Sequence[SubmitItem], decisions: Sequence[UpscaleDecision]) -> Applied:
    """Each decision matched to the output its command made (same source, preset and command):
    SKIP removes it, KEEP_SOURCE_SIZE replaces its fop by the replacement saved to the same key."""
    out: list[SubmitItem] = []
    changed: list[UpscaleDecision] = []
    for item in items:
        mine = [d for d in decisions if (d.bucket, d.key) == (item.bucket, item.key)]
        if not mine:
            out.append(item)
            continue
        fops = list(item.fops)
        keep: list[int] = []
        for n, (fop, preset, key) in enumerate(
            zip(item.fops, item.presets, item.outputs, strict=True)
        ):
            decision = next(
                (
                    d
                    for d in mine
                    if d.preset_name == preset
                    and d.command.with_saveas(item.output_bucket, key).build() == fop
                ),
                None,
            )
            if decision is None:
                keep.append(n)
                continue
            changed.append(decision)
            if decision.replacement is not None:
                fops[n] = decision.replacement.with_saveas(item.output_bucket, key).build()
                keep.append(n)
        if keep:
            out.append(_only(dataclasses.replace(item, fops=tuple(fops)), keep))
    return Applied(tuple(out), tuple(changed))


def existing_keys(report: PreflightReport) -> list[tuple[str, str]]:
    """The ``(bucket, key)`` of every output that already exists, once each, in order."""
    return list(dict.fromkeys((e.target.bucket, e.target.key) for e in report.existing))


def still_planned(
    items: Sequence[SubmitItem], keys: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Those ``keys`` some item still writes (an output skipped for upscaling is not asked
    about again)."""
    planned = {(i.output_bucket, k) for i in items for k in i.outputs}
    return [k for k in keys if k in planned]


def _only(item: SubmitItem, keep: Sequence[int]) -> SubmitItem:
    return dataclasses.replace(
        item,
        fops=tuple(item.fops[n] for n in keep),
        presets=tuple(item.presets[n] for n in keep),
        outputs=tuple(item.outputs[n] for n in keep),
    )
