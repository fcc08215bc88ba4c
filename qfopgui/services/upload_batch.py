"""The records a batch of uploads starts with: final keys after the conflict choice, and for
transcode on upload the exact fops planned for each final key (`core.plan.plan_job`, the same
plan the Transcode dialog sends with pfop).

Never-upscale rules are not applied here: they need the probed size of a file that is not in
the bucket yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from qfopgui.core.plan import plan_job
from qfopgui.services import upload_messages as M
from qfopgui.services.upload_conflicts import PlannedUpload
from qfopgui.services.upload_records import NewUpload
from qfopgui.services.upload_types import TranscodeOnUpload, TransferState


def new_uploads(
    profile: str,
    bucket: str,
    planned: Sequence[PlannedUpload],
    transcode: TranscodeOnUpload | None,
    *,
    batch_id: str,
    part_size: int,
    now: datetime,
) -> list[NewUpload]:
    """One record per planned item, in order (skipped ones too, so they are listed)."""
    presets = transcode.presets if transcode is not None else ()
    out: list[NewUpload] = []
    for index, p in enumerate(planned, start=1):
        base = NewUpload(
            profile=profile,
            bucket=bucket,
            key=p.key,
            path=p.item.path,
            size=p.item.size,
            mtime_ns=p.item.mtime_ns,
            part_size=part_size,
            overwrite=p.overwrite,
        )
        if p.skipped:
            out.append(replace(base, state=TransferState.SKIPPED))
            continue
        if not presets or transcode is None:
            out.append(base)
            continue
        plan = plan_job(bucket, p.key, presets, bucket, None, index, now)
        if plan.problems or not plan.fops:
            words = plan.problems[0].message if plan.problems else ""
            out.append(
                replace(
                    base,
                    state=TransferState.FAILED,
                    error=M.CANNOT_PLAN,
                    error_params={"problem": words},
                )
            )
            continue
        out.append(
            replace(
                base,
                presets=tuple(o.preset_name for o in plan.outputs),
                fops=plan.fops,
                outputs=tuple(o.output_key for o in plan.outputs),
                pipeline=transcode.pipeline,
                notify_url=transcode.notify_url,
                batch_id=batch_id,
            )
        )
    return out
