"""What kind of media a bucket object is (video, audio, image), from its mime type or name."""

from __future__ import annotations

from enum import IntEnum


class Kind(IntEnum):
    OTHER = 0
    VIDEO = 1
    AUDIO = 2
    IMAGE = 3
    FOLDER = 4


_EXT_KIND = {
    **dict.fromkeys(
        [
            "mp4",
            "mov",
            "mkv",
            "avi",
            "flv",
            "m3u8",
            "ts",
            "webm",
            "wmv",
            "m4v",
            "mpg",
            "mpeg",
            "3gp",
            "mxf",
            "f4v",
        ],
        Kind.VIDEO,
    ),
    **dict.fromkeys(
        ["mp3", "aac", "m4a", "wav", "flac", "ogg", "oga", "opus", "amr", "wma", "aiff"], Kind.AUDIO
    ),
    **dict.fromkeys(
        [
            "jpg",
            "jpeg",
            "png",
            "gif",
            "webp",
            "bmp",
            "heic",
            "heif",
            "tif",
            "tiff",
            "avif",
            "svg",
            "ico",
        ],
        Kind.IMAGE,
    ),
}
_MIME_KIND = {"video": Kind.VIDEO, "audio": Kind.AUDIO, "image": Kind.IMAGE}


def kind_of(key: str, mime: str) -> Kind:
    """Video/audio/image by mime type first, then by extension (buckets often say octet-stream)."""
    major = mime.partition("/")[0]
    if major in _MIME_KIND:
        return _MIME_KIND[major]
    if "mpegurl" in mime:
        return Kind.VIDEO
    return _EXT_KIND.get(key.rpartition(".")[2].lower(), Kind.OTHER) if "." in key else Kind.OTHER
