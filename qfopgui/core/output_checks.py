"""What each output of a done job should be, and whether what was measured matches it.

Pure rules, no I/O (`qfopgui.services.output_verifier` does the requests). From a job's
commands (parsed with `qfopgui.core.fops`) each output gets an `Expectation`:

* avthumb → audio/video whose duration is the source's, clipped by ``ss`` (start) and ``t``
  (length) — a preset that asks for a 5 s GIF expects 5 s, not the source's 10 s; ``m3u8``
  → an HLS playlist, whose segment durations add up the same way;
* vframe → one picture of ``w``×``h`` (only one of them set: the other follows the source's
  shape; neither: any size);
* vsample → some pictures; avconcat / avinfo → a file that is not empty (the joined parts'
  lengths, or a JSON answer, are not known here).

Durations are compared within `tolerance()`; see there for why it is not zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from qfopgui.core.fops import Avthumb, Command, FopSyntaxError, Vframe, Vsample, parse_command
from qfopgui.core.fops.enums import Rotate
from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.core.verification import (
    BAD_CLIP,
    BAD_DURATION,
    BAD_EMPTY,
    BAD_MISSING,
    BAD_NO_DURATION,
    BAD_NO_PICTURES,
    BAD_NOT_MEDIA,
    BAD_NOT_PICTURE,
    BAD_NOT_PLAYLIST,
    BAD_RETURN_OLD,
    BAD_SIZE,
    OK_CLIP,
    OK_DURATION,
    OK_EXISTS,
    OK_MASTER,
    OK_NO_SOURCE,
    OK_PICTURE,
    OK_PICTURES,
    OutputCheck,
)

MIN_TOLERANCE = 0.5  # seconds
RELATIVE_TOLERANCE = 0.05
PIXEL_TOLERANCE = 2  # encoders round odd sizes to even ones
VERIFIABLE_STATES = frozenset({JobState.DONE, JobState.NOTIFY_FAILED})


class OutputKind(StrEnum):
    MEDIA = "media"  # audio/video: its duration is compared with the source's
    PLAYLIST = "playlist"  # HLS: the playlist's total duration
    IMAGE = "image"  # one picture: its size
    IMAGES = "images"  # vsample: several pictures
    OTHER = "other"  # avconcat, avinfo, unreadable commands: exists and is not empty


@dataclass(frozen=True)
class Expectation:
    kind: OutputKind
    ss: float | None = None  # avthumb start
    t: float | None = None  # avthumb length
    width: int | None = None  # vframe w
    height: int | None = None  # vframe h
    turned: bool = False  # rotated by 90 or 270 degrees: the source's sides swap

    @property
    def clipped(self) -> bool:
        return bool(self.ss) or self.t is not None

    def duration(self, source: float) -> float:
        """The length this output should have when the source lasts ``source`` seconds."""
        remaining = max(0.0, float(source) - max(0.0, float(self.ss or 0.0)))
        return remaining if self.t is None else min(max(0.0, float(self.t)), remaining)

    @property
    def needs_source(self) -> bool:
        """Whether the source's figures are needed to judge this output."""
        if self.kind in (OutputKind.MEDIA, OutputKind.PLAYLIST):
            return True
        return self.kind is OutputKind.IMAGE and (self.width is None) != (self.height is None)


def expectation(command: Command) -> Expectation:
    op = command.op
    if isinstance(op, Avthumb):
        kind = OutputKind.PLAYLIST if op.output_ext == "m3u8" else OutputKind.MEDIA
        return Expectation(kind, ss=op.ss, t=op.t)
    if isinstance(op, Vframe):
        turned = op.rotate in (Rotate.R90, Rotate.R270)
        return Expectation(OutputKind.IMAGE, width=op.w, height=op.h, turned=turned)
    if isinstance(op, Vsample):
        return Expectation(OutputKind.IMAGES)
    return Expectation(OutputKind.OTHER)


@dataclass(frozen=True)
class JobOutput:
    """One command's output(s) as the server reported them (planned keys as a fallback)."""

    index: int  # the command's position in the job
    bucket: str
    keys: tuple[str, ...]  # several for vsample
    expect: Expectation
    return_old: bool = False  # the server kept an object that already existed


def source_of(rec: JobRecord) -> tuple[str, str]:
    """The bucket and key the job processed (tracked jobs learn them from the status)."""
    if rec.bucket and rec.key:
        return rec.bucket, rec.key
    status = rec.status()
    return (status.input_bucket, status.input_key) if status is not None else ("", "")


def _command(texts: Sequence[str]) -> Command | None:
    for text in texts:
        if not text:
            continue
        try:
            return parse_command(text)
        except FopSyntaxError:
            continue
    return None


def job_outputs(rec: JobRecord) -> tuple[JobOutput, ...]:
    """Every output a done job made: failed commands and outputs without a key are left out."""
    if rec.state not in VERIFIABLE_STATES:
        return ()
    status = rec.status()
    items = list(status.items) if status is not None else []
    source_bucket, _key = source_of(rec)
    out: list[JobOutput] = []
    for i in range(max(len(items), len(rec.fops))):
        item = items[i] if i < len(items) else None
        if item is not None and item.code != 0:
            continue
        fop = rec.fops[i] if i < len(rec.fops) else ""
        command = _command((item.cmd if item is not None else "", fop))
        expect = expectation(command) if command is not None else Expectation(OutputKind.OTHER)
        saveas = command.saveas if command is not None else None
        bucket = saveas.bucket if saveas is not None else (rec.output_bucket or source_bucket)
        planned = rec.outputs[i] if i < len(rec.outputs) else ""
        if item is not None and item.keys:
            keys: tuple[str, ...] = tuple(item.keys)
        elif expect.kind is OutputKind.IMAGES:
            keys = ()  # a vsample names its pictures in `keys` only
        else:
            key = (
                (item.key if item is not None else "") or (saveas.key if saveas else "") or planned
            )
            keys = (key,) if key else ()
        if not keys and expect.kind is not OutputKind.IMAGES:
            continue
        return_old = item.return_old if item is not None else False
        out.append(JobOutput(i, bucket, keys, expect, return_old))
    return tuple(out)


# --- what was measured -------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceFigures:
    """The source's duration (seconds) and picture size, when known."""

    duration: float | None = None
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class Measured:
    """What the requests found about one output key."""

    exists: bool
    size: int = 0  # bytes
    readable: bool = True  # avinfo / the playlist answered as media / a playlist
    duration: float | None = None
    width: int | None = None
    height: int | None = None
    variants: int = 0  # HLS master playlist: its streams (no duration then)
    count: int = 0  # vsample: pictures made


def tolerance(expected: float) -> float:
    """How far a duration may be from the expected one: max(0.5 s, 5 %).

    Not zero, because a correct output rarely lasts exactly as long as its source: container
    durations end on frame and packet boundaries (40 ms per frame at 25 fps, 23 ms per AAC
    packet), AAC encoders add ~46 ms of priming and MP3 adds padding, ``ss`` snaps to a nearby
    keyframe, HLS segments are rounded, and variable-frame-rate sources drift. The 0.5 s floor
    keeps short clips from being flagged for a frame; 5 % scales it for long files. A truncated
    or stale output is off by far more.
    """
    return max(MIN_TOLERANCE, RELATIVE_TOLERANCE * expected)


def check_output(
    output: JobOutput, key: str, found: Measured, source: SourceFigures | None
) -> list[OutputCheck]:
    """The findings about one key (one, plus a hint when a stale object explains a problem)."""
    checks = [_check(output.expect, key, found, source)]
    if output.return_old and not checks[0].ok:
        checks.append(OutputCheck.make(key, False, BAD_RETURN_OLD))
    return checks


def _check(
    expect: Expectation, key: str, found: Measured, source: SourceFigures | None
) -> OutputCheck:
    if not found.exists:
        return OutputCheck.make(key, False, BAD_MISSING)
    if found.size <= 0 and expect.kind is not OutputKind.IMAGES:
        return OutputCheck.make(key, False, BAD_EMPTY)
    if expect.kind in (OutputKind.MEDIA, OutputKind.PLAYLIST):
        return _check_duration(expect, key, found, source)
    if expect.kind is OutputKind.IMAGE:
        return _check_picture(expect, key, found, source)
    if expect.kind is OutputKind.IMAGES:
        if found.count <= 0:
            return OutputCheck.make(key, False, BAD_NO_PICTURES)
        return OutputCheck.make(key, True, OK_PICTURES, count=found.count)
    return OutputCheck.make(key, True, OK_EXISTS, size=found.size)


def _check_duration(
    expect: Expectation, key: str, found: Measured, source: SourceFigures | None
) -> OutputCheck:
    if not found.readable:
        bad = BAD_NOT_PLAYLIST if expect.kind is OutputKind.PLAYLIST else BAD_NOT_MEDIA
        return OutputCheck.make(key, False, bad)
    if found.variants:
        return OutputCheck.make(key, True, OK_MASTER, variants=found.variants)
    if found.duration is None:
        return OutputCheck.make(key, False, BAD_NO_DURATION)
    got = round(float(found.duration), 3)
    if source is None or source.duration is None:
        return OutputCheck.make(key, True, OK_NO_SOURCE, output=got)
    whole = round(float(source.duration), 3)
    wanted = round(expect.duration(source.duration), 3)
    ok = abs(found.duration - wanted) <= tolerance(wanted)
    if expect.clipped and wanted != whole:
        template = OK_CLIP if ok else BAD_CLIP
        return OutputCheck.make(key, ok, template, output=got, expected=wanted, source=whole)
    return OutputCheck.make(key, ok, OK_DURATION if ok else BAD_DURATION, output=got, source=whole)


def expected_size(
    expect: Expectation, source: SourceFigures | None
) -> tuple[int | None, int | None]:
    """The picture size a vframe should make: (w, h), a side None when anything goes."""
    w, h = expect.width, expect.height
    if (w is None) == (h is None) or source is None or not source.width or not source.height:
        return w, h
    sw, sh = (source.height, source.width) if expect.turned else (source.width, source.height)
    if w is not None:
        return w, round(w * sh / sw)
    assert h is not None
    return round(h * sw / sh), h


def _check_picture(
    expect: Expectation, key: str, found: Measured, source: SourceFigures | None
) -> OutputCheck:
    if not found.readable or not found.width or not found.height:
        return OutputCheck.make(key, False, BAD_NOT_PICTURE)
    ew, eh = expected_size(expect, source)
    fits = all(
        want is None or abs(got - want) <= PIXEL_TOLERANCE
        for got, want in ((found.width, ew), (found.height, eh))
    )
    if fits:
        return OutputCheck.make(key, True, OK_PICTURE, w=found.width, h=found.height)
    return OutputCheck.make(
        key,
        False,
        BAD_SIZE,
        w=found.width,
        h=found.height,
        ew=ew if ew is not None else "?",
        eh=eh if eh is not None else "?",
    )


# --- HLS playlists -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Playlist:
    duration: float | None  # sum of the segments (None for a master playlist)
    variants: int = 0  # streams a master playlist lists


def read_playlist(text: str) -> Playlist | None:
    """An m3u8's total duration (``#EXTINF`` summed); None when it is not a playlist."""
    lines = [line.strip() for line in text.lstrip("\ufeff").splitlines() if line.strip()]
    if not lines or lines[0] != "#EXTM3U":
        return None
    variants = sum(1 for line in lines if line.startswith("#EXT-X-STREAM-INF"))
    if variants:
        return Playlist(None, variants)
    total = 0.0
    segments = 0
    for line in lines:
        if line.startswith("#EXTINF:"):
            value = line[len("#EXTINF:") :].split(",", 1)[0].strip()
            try:
                total += float(value)
            except ValueError:
                return None
            segments += 1
    return Playlist(total if segments else None)
