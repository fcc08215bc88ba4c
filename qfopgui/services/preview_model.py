"""What a preview sends and what it gives back: sample commands, result kinds, figures.

Pure rules (no I/O), shared by ``preset_preview`` and the view. The sentences a preview can
show are ``Problem`` templates listed in ``MESSAGES`` and translated in the "problems" context.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from enum import StrEnum

from qfopgui.core.fops import Avinfo, Avthumb, Command, Problem, Vframe, Vsample
from qfopgui.core.presets import Preset
from qfopgui.core.source_kinds import AUDIO_EXTS, IMAGE_EXTS

SAMPLE_SECONDS = 5.0
MAX_SAMPLE_FRAMES = 10  # vsample `frames`: only the first picture is shown

# Sentences (translated in the "problems" context; ``{why}``/``{error}`` are the server's).
NOT_SENT = "The sample job could not be sent: {why}"
ANSWER_LOST = (
    "The sample job may have been sent, but its answer was lost: {why}. Its files are "
    "deleted when qfopgui next starts."
)
NOT_NOTED = "The sample was not started: its temporary files could not be noted in {path} ({why})."
JOB_UNKNOWN = "The state of the sample job could not be read: {why}"
TIMED_OUT = (
    "The sample did not finish within {seconds} s. Its files are deleted once it ends, at "
    "the latest when qfopgui next starts."
)
ITEM_FAILED = "This output failed: {error}"
NO_RESULT = "The server reported no result for this output."
NO_DOMAIN = (
    "The bucket {bucket} has no download domain, so the result cannot be shown. Add one in "
    "the Qiniu console."
)
FETCH_FAILED = "The result could not be downloaded: {why}"
PROBE_FAILED = "The result could not be measured (avinfo): {why}"
FRAME_FAILED = "No picture could be taken from the result: {error}"
LEFT_OVER = (
    "{count} sample files could not be deleted yet; qfopgui deletes them when it next starts."
)
MESSAGES: tuple[str, ...] = (
    NOT_SENT,
    ANSWER_LOST,
    NOT_NOTED,
    JOB_UNKNOWN,
    TIMED_OUT,
    ITEM_FAILED,
    NO_RESULT,
    NO_DOMAIN,
    FETCH_FAILED,
    PROBE_FAILED,
    FRAME_FAILED,
    LEFT_OVER,
)


def preview_problem(template: str, **params: object) -> Problem:
    return Problem.make("preview", template, **params)


class OutputKind(StrEnum):
    IMAGE = "image"  # shown as a picture (vsample: its first frame)
    VIDEO = "video"  # figures plus a frame taken from it
    AUDIO = "audio"  # figures only
    OTHER = "other"  # avinfo and the like: nothing to show


# -- samples ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """One command of the preset as sent: shortened, saved to ``key`` under the prefix."""

    index: int
    original: Command
    command: Command
    key: str
    kind: OutputKind


def _short(t: float | None) -> float:
    return SAMPLE_SECONDS if t is None else min(t, SAMPLE_SECONDS)


def output_kind(command: Command) -> OutputKind:
    op = command.op
    if isinstance(op, Vframe | Vsample):
        return OutputKind.IMAGE
    if isinstance(op, Avinfo):
        return OutputKind.OTHER
    ext = op.output_ext
    if ext in IMAGE_EXTS:
        return OutputKind.IMAGE
    if ext in AUDIO_EXTS or (isinstance(op, Avthumb) and op.vn):
        return OutputKind.AUDIO
    return OutputKind.VIDEO


def sample_command(command: Command, bucket: str, prefix: str, index: int) -> Sample:
    """The command as a sample into ``<prefix><index>.<ext>`` (frames and HLS segments are
    named ``<prefix><index>-<count>``, so they stay under the prefix too)."""
    op = command.op
    ext = command.output_ext
    if isinstance(op, Avthumb):
        op = dataclasses.replace(op, t=_short(op.t))
        if op.format.lower() == "m3u8":
            pattern = f"{prefix}{index}-$(count).ts"
            op = dataclasses.replace(
                op, hls=dataclasses.replace(op.hls, pattern=pattern, save_pattern=None)
            )
    elif isinstance(op, Vsample):
        frames = None if op.frames is None else min(op.frames, MAX_SAMPLE_FRAMES)
        pattern = f"{prefix}{index}-$(count).{ext}"
        op = dataclasses.replace(
            op, t=_short(op.t), frames=frames, pattern=pattern, save_pattern=None
        )
    key = f"{prefix}{index}.{ext}"
    sent = Command(op).with_saveas(bucket, key)
    return Sample(index, command.without_saveas(), sent, key, output_kind(command))


def plan_samples(preset: Preset, bucket: str, prefix: str) -> tuple[Sample, ...]:
    return tuple(sample_command(c, bucket, prefix, n) for n, c in enumerate(preset.commands))


# -- results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MediaFigures:
    """What avinfo says about a result; None/"" when it does not say."""

    duration: float | None = None  # seconds
    width: int | None = None
    height: int | None = None
    video_codec: str = ""
    audio_codec: str = ""
    bit_rate: int | None = None  # bits per second, whole file


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) and number >= 0 else None


def figures_from_avinfo(info: object) -> MediaFigures:
    """Duration, size, codecs and bitrate of an ffprobe-style avinfo answer (tolerant)."""
    data = info if isinstance(info, dict) else {}
    fmt = data.get("format")
    fmt = fmt if isinstance(fmt, dict) else {}
    raw_streams = data.get("streams")
    streams = (
        [s for s in raw_streams if isinstance(s, dict)] if isinstance(raw_streams, list) else []
    )
    video = next((s for s in streams if s.get("codec_type") == "video"), {})
    audio = next((s for s in streams if s.get("codec_type") == "audio"), {})
    duration = _number(fmt.get("duration"))
    if duration is None:
        duration = _number(video.get("duration")) or _number(audio.get("duration"))
    width, height = _number(video.get("width")), _number(video.get("height"))
    rate = _number(fmt.get("bit_rate"))
    return MediaFigures(
        duration=duration,
        width=int(width) if width else None,
        height=int(height) if height else None,
        video_codec=str(video.get("codec_name") or ""),
        audio_codec=str(audio.get("codec_name") or ""),
        bit_rate=int(rate) if rate else None,
    )


@dataclass(frozen=True)
class PreviewOutput:
    """One command's sample: a picture (image bytes as downloaded), figures and problems."""

    command: str  # the preset's command, as written
    kind: OutputKind
    picture: bytes = b""
    figures: MediaFigures | None = None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class PreviewResult:
    source_key: str
    outputs: tuple[PreviewOutput, ...] = ()
    problems: tuple[Problem, ...] = ()  # about the whole run (not sent, timed out, left over)
    left_over: tuple[str, ...] = ()  # temporary keys still in the bucket (kept in the journal)


def command_problems(preset: Preset) -> list[Problem]:
    """What would make the sample fail; the name and output template play no part in it."""
    if not preset.commands:
        return [Problem.make("commands", "A preset needs at least one command")]
    return [p.with_subject(preset.name) for c in preset.commands for p in c.op.validate()]
