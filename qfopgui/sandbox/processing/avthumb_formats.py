"""What avthumb can produce: output containers, codec aliases and the legacy/HLS presets.

Kept apart from the argv builder so the tables Qiniu's parameters map onto are read in one place;
vframe/avconcat reuse `FORMATS` for their own outputs. `libfaac` is a legacy Qiniu alias and maps
to ffmpeg's native `aac`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Container:
    muxer: str
    ext: str
    mime: str
    vcodec: str | None  # None: audio-only container
    acodec: str | None  # None: no audio (gif)


FORMATS: dict[str, Container] = {
    "mp4": Container("mp4", "mp4", "video/mp4", "libx264", "aac"),
    "mov": Container("mov", "mov", "video/quicktime", "libx264", "aac"),
    "flv": Container("flv", "flv", "video/x-flv", "libx264", "aac"),
    "webm": Container("webm", "webm", "video/webm", "libvpx", "libvorbis"),
    "mkv": Container("matroska", "mkv", "video/x-matroska", "libx264", "aac"),
    "avi": Container("avi", "avi", "video/x-msvideo", "libx264", "libmp3lame"),
    "ogv": Container("ogg", "ogv", "video/ogg", "libtheora", "libvorbis"),
    "ts": Container("mpegts", "ts", "video/mp2t", "libx264", "aac"),
    "m3u8": Container("hls", "m3u8", "application/x-mpegurl", "libx264", "aac"),
    "gif": Container("gif", "gif", "image/gif", "gif", None),
    "mp3": Container("mp3", "mp3", "audio/mpeg", None, "libmp3lame"),
    "aac": Container("adts", "aac", "audio/aac", None, "aac"),
    "m4a": Container("ipod", "m4a", "audio/mp4", None, "aac"),
    "ogg": Container("ogg", "ogg", "audio/ogg", None, "libvorbis"),
    "oga": Container("ogg", "oga", "audio/ogg", None, "libvorbis"),
    "opus": Container("opus", "opus", "audio/ogg", None, "libopus"),
    "wav": Container("wav", "wav", "audio/wav", None, "pcm_s16le"),
    "flac": Container("flac", "flac", "audio/flac", None, "flac"),
    "amr": Container("amr", "amr", "audio/amr", None, "libopencore_amrnb"),
}
FORMATS["hls"] = FORMATS["m3u8"]

VCODECS = {
    "libx264": "libx264",
    "h264": "libx264",
    "libx265": "libx265",
    "hevc": "libx265",
    "h265": "libx265",
    "libvpx": "libvpx",
    "vp8": "libvpx",
    "libvpx-vp9": "libvpx-vp9",
    "vp9": "libvpx-vp9",
    "libtheora": "libtheora",
    "libxvid": "libxvid",
    "mpeg4": "mpeg4",
    "flv": "flv",
    "gif": "gif",
    "copy": "copy",
}
ACODECS = {
    "libmp3lame": "libmp3lame",
    "mp3": "libmp3lame",
    "aac": "aac",
    "libfaac": "aac",
    "libvorbis": "libvorbis",
    "vorbis": "libvorbis",
    "libopus": "libopus",
    "opus": "libopus",
    "amr_nb": "libopencore_amrnb",
    "libopencore_amrnb": "libopencore_amrnb",
    "pcm_s16le": "pcm_s16le",
    "flac": "flac",
    "copy": "copy",
}
MISSING = "is not available in the sandbox's ffmpeg build"


# Legacy device presets (``avthumb/<preset>``, Qiniu's old v6 list): format, then defaults.
# The mobile presets use libfaac (here ffmpeg's native aac) at 48 kHz; `webm` is both a format and
# a preset (libvpx 700k, libvorbis 128k, 48 kHz).
def _mobile(size: str, vb: str, ab: str) -> tuple[str, dict[str, str]]:
    return (
        "mp4",
        {"vcodec": "libx264", "s": size, "vb": vb, "acodec": "libfaac", "ab": ab, "ar": "48000"},
    )


DEVICE_PRESETS: dict[str, tuple[str, dict[str, str]]] = {
    "android_high": _mobile("480x320", "700k", "128k"),
    "android_low": _mobile("480x320", "96k", "64k"),
    "android": _mobile("480x320", "512k", "128k"),
    "iphone_high": _mobile("480x320", "700k", "128k"),
    "iphone_low": _mobile("480x320", "96k", "64k"),
    "iphone": _mobile("480x320", "512k", "128k"),
    "ipad_high": _mobile("1024x768", "1200k", "128k"),
    "ipad_low": _mobile("1024x768", "512k", "128k"),
    "ipad": _mobile("1024x768", "700k", "128k"),
    "flash": (
        "flv",
        {
            "vcodec": "flv",
            "s": "320x240",
            "vb": "512k",
            "acodec": "libmp3lame",
            "ab": "64k",
            "ar": "44100",
        },
    ),
    "webm": (
        "webm",
        {"vcodec": "libvpx", "vb": "700k", "acodec": "libvorbis", "ab": "128k", "ar": "48000"},
    ),
}
HLS_PRESETS: dict[str, dict[str, str]] = {
    "audio_32k": {"ab": "32k", "vn": "1"},
    "audio_48k": {"ab": "48k", "vn": "1"},
    "audio_64k": {"ab": "64k", "vn": "1"},
    **{f"video_16x9_{b}": {"s": "400x224", "vb": b} for b in ("150k", "240k", "440k", "640k")},
    **{f"video_4x3_{b}": {"s": "400x300", "vb": b} for b in ("150k", "240k", "440k", "640k")},
    **{f"video_{b}": {"vb": b} for b in ("150k", "240k", "440k", "640k", "1000k", "1500k")},
}
