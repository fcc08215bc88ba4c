"""vframe and vsample → OSS ``video/snapshots`` (one picture, or a series by interval/count).

A single picture is ``num_1`` at ``ss`` with the output name kept (OSS keeps the last frame
under a name with an extension); a series leaves the extension off so OSS numbers the files.
"""

from __future__ import annotations

from qfopgui.core.fops import Problem, Vframe, Vsample
from qfopgui.core.fops.checks import parse_size
from qfopgui.core.oss_values import check_sides, join_stage, ms


def vframe_stage(op: Vframe) -> tuple[str, list[Problem]]:
    problems = check_sides(op.w, op.h)
    params: list[tuple[str, str]] = [("f", op.format.value)]
    params += [(k, str(v)) for k, v in (("w", op.w), ("h", op.h)) if v is not None]
    if op.offset is None:
        problems.append(Problem.make("offset", "Choose the time of the frame (offset in seconds)"))
    else:
        params.append(("ss", ms(op.offset)))
    params.append(("num", "1"))
    return join_stage("video/snapshots", params), problems


def vsample_stage(op: Vsample) -> tuple[str, list[Problem]]:
    problems: list[Problem] = []
    params: list[tuple[str, str]] = [("f", op.format.value)]
    size = parse_size(op.s) if op.s is not None else None
    if size is not None:
        problems += check_sides(size[0], size[1], field="s")
        params += [(k, str(v)) for k, v in (("w", size[0]), ("h", size[1])) if v is not None]
    if op.ss is not None:
        params.append(("ss", ms(op.ss)))
    if op.interval:
        params.append(("inter", ms(op.interval)))
        if op.t:
            params.append(("num", str(max(1, int(op.t // op.interval)))))
    elif op.frames:
        if op.t:
            params.append(("inter", ms(op.t / op.frames)))
        params.append(("num", str(op.frames)))
    else:
        problems.append(
            Problem.make(
                "interval", "Aliyun OSS needs an interval or a number of pictures for snapshots"
            )
        )
    return join_stage("video/snapshots", params), problems
