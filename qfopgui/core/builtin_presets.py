"""The presets every installation has (locked in the UI; duplicate to edit).

Codecs are ones both Qiniu documents and the sandbox's ffmpeg has (libx264, aac, libmp3lame,
libvpx-vp9, libvorbis). Video sizes use ``autoscale/1`` so the source's aspect ratio is kept:
``s`` is the box the picture must fit in.
"""

from __future__ import annotations

from dataclasses import dataclass

from qfopgui.core.fops import Avthumb, Command, Hls, ImageFormat, Operation, Vframe


@dataclass(frozen=True)
class BuiltinSpec:
    name: str
    description: str
    commands: tuple[Command, ...]


def _h264(fmt: str, size: str, vb: str, ab: str, hls: Hls | None = None) -> Avthumb:
    return Avthumb(
        fmt,
        vcodec="libx264",
        s=size,
        autoscale=True,
        vb=vb,
        acodec="aac",
        ab=ab,
        hls=hls or Hls(),
    )


def _one(op: Operation) -> tuple[Command, ...]:
    return (Command(op),)


BUILTIN_SPECS: tuple[BuiltinSpec, ...] = (
    BuiltinSpec(
        "MP4 H.264 480p",
        "H.264/AAC MP4 that fits in 854×480, 1 Mbit/s",
        _one(_h264("mp4", "854x480", "1m", "128k")),
    ),
    BuiltinSpec(
        "MP4 H.264 720p",
        "H.264/AAC MP4 that fits in 1280×720, 2 Mbit/s",
        _one(_h264("mp4", "1280x720", "2m", "128k")),
    ),
    BuiltinSpec(
        "MP4 H.264 1080p",
        "H.264/AAC MP4 that fits in 1920×1080, 4 Mbit/s",
        _one(_h264("mp4", "1920x1080", "4m", "192k")),
    ),
    BuiltinSpec(
        "HLS 720p",
        "HLS stream (m3u8 + 10 s segments, relative URLs), 1280×720, 2 Mbit/s",
        _one(_h264("m3u8", "1280x720", "2m", "128k", Hls(segtime=10, no_domain=True))),
    ),
    BuiltinSpec(
        "MP3 128k",
        "MP3 audio at 128 kbit/s",
        _one(Avthumb("mp3", acodec="libmp3lame", ab="128k")),
    ),
    BuiltinSpec(
        "MP3 320k",
        "MP3 audio at 320 kbit/s",
        _one(Avthumb("mp3", acodec="libmp3lame", ab="320k")),
    ),
    BuiltinSpec(
        "AAC 128k",
        "AAC audio in an .m4a file at 128 kbit/s",
        _one(Avthumb("m4a", acodec="aac", ab="128k")),
    ),
    BuiltinSpec(
        "WebM 720p",
        "VP9/Vorbis WebM that fits in 1280×720, 1.5 Mbit/s",
        _one(
            Avthumb(
                "webm",
                vcodec="libvpx-vp9",
                s="1280x720",
                autoscale=True,
                vb="1.5m",
                acodec="libvorbis",
                ab="128k",
            )
        ),
    ),
    BuiltinSpec(
        "GIF (5 s, 480 wide)",
        "Animated GIF of the first 5 seconds at 10 frames/s, fitting in 480×480 "
        "(480 wide for landscape video)",
        _one(Avthumb("gif", s="480x480", autoscale=True, r=10, ss=0, t=5)),
    ),
    BuiltinSpec(
        "JPG thumbnail",
        "JPG picture of the frame at 1 s, 320 pixels wide",
        _one(Vframe(ImageFormat.JPG, offset=1, w=320)),
    ),
    BuiltinSpec(
        "PNG poster frame",
        "PNG picture of the frame at 3 s, full size",
        _one(Vframe(ImageFormat.PNG, offset=3)),
    ),
)
