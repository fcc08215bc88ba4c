"""Which sources a preset cannot process, by MIME type and extension (pure rules in core)."""

from __future__ import annotations

import pytest

from qfopgui.core.fops import Avinfo, Avthumb, Command, ImageFormat, Vframe, Vsample
from qfopgui.core.presets import Preset
from qfopgui.core.source_kinds import SourceKind, command_problem, source_kind
from qfopgui.services.preflight import SourceFile, not_applicable_sources

MP4 = Command(Avthumb("mp4", vcodec="libx264"))
MP3 = Command(Avthumb("mp3"))
MUTE = Command(Avthumb("mp4", an=True))
THUMB = Command(Vframe(ImageFormat.JPG, offset=1))
SAMPLE = Command(Vsample(ImageFormat.JPG, ss=0, t=5, pattern="cCQoY291bnQp"))
INFO = Command(Avinfo())


@pytest.mark.parametrize(
    ("key", "mime", "kind"),
    [
        ("a/b.MP4", "", SourceKind.VIDEO),
        ("song.mp3", "application/octet-stream", SourceKind.AUDIO),  # generic type: by name
        ("noext", "audio/mpeg", SourceKind.AUDIO),  # a specific type beats the name
        ("clip.mp4", "text/plain", SourceKind.OTHER),
        ("photo.jpeg", "", SourceKind.IMAGE),
        ("notes.txt", "", SourceKind.OTHER),
        ("data.json", "application/json; charset=utf-8", SourceKind.OTHER),
        ("mystery", "", SourceKind.UNKNOWN),
        (".mp4", "", SourceKind.UNKNOWN),  # a hidden file's name, not an extension
        ("list.m3u8", "application/vnd.apple.mpegurl", SourceKind.VIDEO),
    ],
)
def test_source_kind(key: str, mime: str, kind: SourceKind) -> None:
    assert source_kind(key, mime) is kind


@pytest.mark.parametrize(
    ("key", "mime", "command", "template"),
    [
        ("v.mp4", "video/mp4", MP4, None),
        ("v.mp4", "video/mp4", MP3, None),  # the sound of a video
        ("v.mp4", "video/mp4", THUMB, None),
        ("v.mp4", "video/mp4", MUTE, None),
        ("s.mp3", "audio/mpeg", MP3, None),
        ("s.mp3", "audio/mpeg", MP4, None),  # audio in an mp4 container is fine
        ("s.mp3", "audio/mpeg", INFO, None),
        ("p.png", "image/png", INFO, None),
        ("mystery", "", THUMB, None),  # unknown kind: never refused
        (
            "s.mp3",
            "audio/mpeg",
            THUMB,
            "{key} is an audio file; {operation} takes pictures from a video, so it needs a video",
        ),
        (
            "s.mp3",
            "audio/mpeg",
            SAMPLE,
            "{key} is an audio file; {operation} takes pictures from a video, so it needs a video",
        ),
        (
            "s.wav",
            "",
            MUTE,
            "{key} is an audio file, but this {operation} command drops the sound and keeps "
            "only the picture, so nothing would be left",
        ),
        ("p.jpg", "image/jpeg", MP3, "{key} is a picture; {operation} needs a video or audio file"),
        ("p.jpg", "image/jpeg", THUMB, "{key} is a picture; {operation} needs a video"),
        (
            "readme.txt",
            "text/plain",
            MP4,
            "{key} is not a video or audio file, so {operation} cannot process it",
        ),
        (
            "readme.txt",
            "text/plain",
            INFO,
            "{key} is not a video or audio file, so {operation} cannot process it",
        ),
    ],
)
def test_command_applicability(key: str, mime: str, command: Command, template: str | None) -> None:
    problem = command_problem(key, mime, command)
    if template is None:
        assert problem is None
        return
    assert problem is not None
    assert problem.template == template
    assert problem.field == "source"
    assert problem.params_dict["key"] == key
    assert problem.params_dict["operation"] == command.op.build().split("/")[0]
    assert problem.message.startswith(key)


def test_sources_report_each_preset_reason_once() -> None:
    both = Preset("Thumb and MP4", (THUMB, MP4, THUMB))
    sample = Preset("Samples", (SAMPLE,))
    sources = [
        SourceFile("b", "v.mp4", "video/mp4"),
        SourceFile("b", "s.mp3", "audio/mpeg"),
        SourceFile("b", "t.txt", ""),
    ]
    found = {n.source.key: n.reasons for n in not_applicable_sources(sources, [both, sample])}
    assert set(found) == {"s.mp3", "t.txt"}
    assert [(p.subject, p.params_dict["operation"]) for p in found["s.mp3"]] == [
        ("Thumb and MP4", "vframe"),
        ("Samples", "vsample"),
    ]
    assert [p.subject for p in found["t.txt"]] == ["Thumb and MP4", "Thumb and MP4", "Samples"]
