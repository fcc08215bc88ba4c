"""Which source files a command can process, judged from the MIME type and the file name.

A pfop on the wrong kind of file (a thumbnail of an MP3, an MP3 of a JPEG, anything of a text
file) fails on the server after a wait; the dialog warns before submitting. Unknown kinds
(no MIME type and an unfamiliar extension) are never refused: only a probe could tell.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from qfopgui.core.fops import Avconcat, Avinfo, Avthumb, Command, Problem, Vframe, Vsample
from qfopgui.core.presets import Preset


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


class SourceKind(StrEnum):
    VIDEO = "video"
    AUDIO = "audio"
    IMAGE = "image"
    OTHER = "other"  # text, documents, archives: nothing a media command can read
    UNKNOWN = "unknown"


VIDEO_EXTS = _words(
    "mp4 m4v mov mkv webm avi flv f4v wmv mpg mpeg ts m2ts mts 3gp 3g2 ogv vob rm rmvb asf m3u8"
)
AUDIO_EXTS = _words("mp3 aac m4a wav flac ogg oga opus wma amr ape aiff aif ac3 mka")
IMAGE_EXTS = _words("jpg jpeg png gif bmp webp tif tiff heic heif avif ico svg")
OTHER_EXTS = _words(
    "txt md csv json xml html htm log pdf doc docx xls xlsx ppt pptx zip gz tgz tar 7z rar "
    "js css py ini yaml yml srt vtt ass"
)
_OTHER_MIMES = ("text/", "application/json", "application/xml", "application/pdf")
_OTHER_MIME_WORDS = ("zip", "msword", "officedocument", "x-tar", "gzip", "x-7z", "x-rar")
_VIDEO_MIMES = ("application/vnd.apple.mpegurl", "application/x-mpegurl")


def extension(key: str) -> str:
    """Lower-case extension of the last path part ("" when there is none)."""
    name = key.rsplit("/", 1)[-1]
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem else ""


def source_kind(key: str, mime_type: str = "") -> SourceKind:
    """The MIME type decides when it is specific; ``application/octet-stream`` and empty ones
    (common for uploads without a type) fall back to the extension."""
    mime = mime_type.strip().lower().split(";", 1)[0]
    if mime.startswith("video/") or mime in _VIDEO_MIMES:
        return SourceKind.VIDEO
    if mime.startswith("audio/"):
        return SourceKind.AUDIO
    if mime.startswith("image/"):
        return SourceKind.IMAGE
    if mime.startswith(_OTHER_MIMES) or any(w in mime for w in _OTHER_MIME_WORDS):
        return SourceKind.OTHER
    ext = extension(key)
    for exts, kind in (
        (VIDEO_EXTS, SourceKind.VIDEO),
        (AUDIO_EXTS, SourceKind.AUDIO),
        (IMAGE_EXTS, SourceKind.IMAGE),
        (OTHER_EXTS, SourceKind.OTHER),
    ):
        if ext in exts:
            return kind
    return SourceKind.UNKNOWN


def accepted_kinds(command: Command) -> frozenset[SourceKind]:
    """The source kinds ``command`` can produce something from."""
    op = command.op
    media = frozenset({SourceKind.VIDEO, SourceKind.AUDIO})
    if isinstance(op, Vframe | Vsample):
        return frozenset({SourceKind.VIDEO})
    if isinstance(op, Avthumb):
        if op.an and not op.vn:
            return frozenset({SourceKind.VIDEO})  # the sound is dropped: a video track is needed
        return media  # sound-only formats take the audio track of a video too
    if isinstance(op, Avinfo):
        return media | {SourceKind.IMAGE}
    if isinstance(op, Avconcat):
        return media
    return media


def command_problem(key: str, mime_type: str, command: Command) -> Problem | None:
    """Why ``command`` cannot process the source (field ``source``), or None when it can."""
    kind = source_kind(key, mime_type)
    if kind is SourceKind.UNKNOWN or kind in accepted_kinds(command):
        return None
    operation = command.op.build().split("/", 1)[0]
    needs_video = accepted_kinds(command) == frozenset({SourceKind.VIDEO})
    if kind is SourceKind.OTHER:
        return Problem.make(
            "source",
            "{key} is not a video or audio file, so {operation} cannot process it",
            key=key,
            operation=operation,
        )
    if kind is SourceKind.AUDIO:
        if isinstance(command.op, Avthumb):
            return Problem.make(
                "source",
                "{key} is an audio file, but this {operation} command drops the sound and keeps "
                "only the picture, so nothing would be left",
                key=key,
                operation=operation,
            )
        return Problem.make(
            "source",
            "{key} is an audio file; {operation} takes pictures from a video, so it needs a video",
            key=key,
            operation=operation,
        )
    if needs_video:
        return Problem.make(
            "source",
            "{key} is a picture; {operation} needs a video",
            key=key,
            operation=operation,
        )
    return Problem.make(
        "source",
        "{key} is a picture; {operation} needs a video or audio file",
        key=key,
        operation=operation,
    )


def preset_problems(key: str, mime_type: str, preset: Preset) -> tuple[Problem, ...]:
    """One problem per command of ``preset`` that cannot process the source (subject: preset)."""
    found = (command_problem(key, mime_type, c) for c in preset.commands)
    return tuple(dict.fromkeys(p.with_subject(preset.name) for p in found if p is not None))


def not_applicable(key: str, mime_type: str, presets: Sequence[Preset]) -> tuple[Problem, ...]:
    """Every reason any of ``presets`` cannot process the source (empty: all of them can)."""
    return tuple(p for preset in presets for p in preset_problems(key, mime_type, preset))
