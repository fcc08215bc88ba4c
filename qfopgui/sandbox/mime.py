"""Deterministic MIME types from key extensions (media first, then the stdlib tables)."""

from __future__ import annotations

import mimetypes
import os

_MIME_OVERRIDES = {
    ".mp4": "video/mp4",
    ".m4a": "audio/mp4",
    ".mov": "video/quicktime",
    ".m3u8": "application/x-mpegurl",
    ".ts": "video/mp2t",
    ".flv": "video/x-flv",
    ".webm": "video/webm",
    ".mp3": "audio/mpeg",
    ".aac": "audio/aac",
    ".wav": "audio/wav",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".json": "application/json",
    ".txt": "text/plain",
}


def guess_mime(key: str) -> str:
    """Deterministic MIME guess from the key's extension (media types first, then the stdlib)."""
    ext = os.path.splitext(key)[1].lower()
    if ext in _MIME_OVERRIDES:
        return _MIME_OVERRIDES[ext]
    guessed, _ = mimetypes.guess_type("x" + ext, strict=False)
    return guessed or "application/octet-stream"
