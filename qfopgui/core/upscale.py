"""Never enlarge: what to do with an avthumb size (``s``) larger than the source picture.

Enlarging a 640×360 video to 1080p makes a bigger file that looks no better. The user picks a
policy: skip that output, or keep the source's own size (the command without ``s``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeGuard

from qfopgui.core.fops import Avthumb, Command, Problem
from qfopgui.core.fops.checks import parse_size


class UpscalePolicy(StrEnum):
    SKIP = "skip"  # do not make this output for this source
    KEEP_SOURCE_SIZE = "keep_source_size"  # make it at the source's own size


@dataclass(frozen=True)
class MediaSize:
    width: int
    height: int

    def __str__(self) -> str:
        return f"{self.width}×{self.height}"


def target_size(command: Command) -> tuple[int | None, int | None] | None:
    """The ``s`` of an avthumb command as (width, height); None when it sets no size."""
    op = command.op
    if not isinstance(op, Avthumb) or op.s is None:
        return None
    return parse_size(op.s)


def would_upscale(source: MediaSize, command: Command) -> bool:
    """With ``autoscale`` the picture is fitted into the ``s`` box keeping its shape, so it is
    enlarged when it fits the box in both directions with room to spare; without it the picture
    is stretched to exactly ``s``, enlarged when either side grows."""
    size = target_size(command)
    if size is None or source.width <= 0 or source.height <= 0:
        return False
    w, h = size
    assert isinstance(command.op, Avthumb)
    if command.op.autoscale:
        factors = [t / s for t, s in ((w, source.width), (h, source.height)) if t is not None]
        return bool(factors) and min(factors) > 1
    return (w is not None and w > source.width) or (h is not None and h > source.height)


def keep_source_size(command: Command) -> Command:
    """The same command at the source's own size (no ``s``; ``autoscale`` means nothing then)."""
    op = command.op
    assert isinstance(op, Avthumb)
    return dataclasses.replace(command, op=dataclasses.replace(op, s=None, autoscale=None))


@dataclass(frozen=True)
class UpscaleDecision:
    """One output of one source that would have been enlarged, and what happens instead.

    ``replacement`` is the command to send instead (KEEP_SOURCE_SIZE) or None (SKIP: send none).
    """

    bucket: str
    key: str
    preset_name: str
    command: Command
    source: MediaSize
    policy: UpscalePolicy
    replacement: Command | None

    @property
    def sentence(self) -> Problem:
        target = self.command.op.s if isinstance(self.command.op, Avthumb) else ""
        if self.policy is UpscalePolicy.SKIP:
            problem = Problem.make(
                "upscale",
                "{key} is only {width}×{height}, smaller than {target}; this output is skipped "
                "so the video is not enlarged",
                key=self.key,
                width=self.source.width,
                height=self.source.height,
                target=target,
            )
        else:
            problem = Problem.make(
                "upscale",
                "{key} is only {width}×{height}, smaller than {target}; it is converted at its "
                "own size instead of being enlarged",
                key=self.key,
                width=self.source.width,
                height=self.source.height,
                target=target,
            )
        return problem.with_subject(self.preset_name)


def decide(
    bucket: str,
    key: str,
    preset_name: str,
    command: Command,
    source: MediaSize,
    policy: UpscalePolicy,
) -> UpscaleDecision | None:
    """None when ``command`` would not enlarge ``source``; otherwise what the policy does."""
    if not would_upscale(source, command):
        return None
    replacement = keep_source_size(command) if policy is UpscalePolicy.KEEP_SOURCE_SIZE else None
    return UpscaleDecision(bucket, key, preset_name, command, source, policy, replacement)


def size_from_avinfo(info: object) -> MediaSize | None:
    """Width and height of the first video stream of an avinfo (ffprobe-style) answer, or None
    when there is none or the answer is not shaped as expected."""
    streams = info.get("streams") if isinstance(info, dict) else None
    if not isinstance(streams, list):
        return None
    for stream in streams:
        if not isinstance(stream, dict) or stream.get("codec_type") != "video":
            continue
        w, h = stream.get("width"), stream.get("height")
        if _pixels(w) and _pixels(h):
            return MediaSize(w, h)
    return None


def _pixels(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0
