"""Media information through PyAV (imageio-ffmpeg ships no ffprobe).

`avinfo()` mimics `ffprobe -show_streams -show_format -of json`: numbers are strings where
ffprobe prints strings (durations, bit rates, sample rates) and ints where it prints ints.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import av


class ProbeError(ValueError):
    """The file is not readable media; the message is short and readable."""


def _fraction(value: Fraction | None) -> str:
    if value is None or value.denominator == 0:
        return "0/0"
    return f"{value.numerator}/{value.denominator}"


def _seconds(value: float | None) -> str | None:
    return None if value is None else f"{value:.6f}"


def _codec_name(ctx: Any) -> str:
    if ctx is None:
        return "unknown"
    codec = getattr(ctx, "codec", None)
    return str(getattr(codec, "canonical_name", None) or ctx.name)


def _open(path: Path) -> Any:
    try:
        return av.open(str(path))
    except av.error.FFmpegError as exc:
        raise ProbeError(f"not a valid media file: {exc.strerror or exc}") from exc
    except (OSError, ValueError) as exc:
        raise ProbeError(f"not a valid media file: {exc}") from exc


def avinfo(path: Path) -> dict[str, Any]:
    """ffprobe-style `{"streams": [...], "format": {...}}`."""
    container = _open(path)
    try:
        streams: list[dict[str, Any]] = []
        for stream in container.streams:
            ctx = stream.codec_context
            item: dict[str, Any] = {
                "index": stream.index,
                # ffprobe prints the codec descriptor name ("mp3"), not the decoder ("mp3float")
                "codec_name": _codec_name(ctx),
                "codec_long_name": getattr(getattr(ctx, "codec", None), "long_name", "") or "",
                "codec_type": stream.type,
                "codec_time_base": _fraction(stream.time_base),
                "time_base": _fraction(stream.time_base),
                "start_time": _seconds(
                    float(stream.start_time * stream.time_base)
                    if stream.start_time is not None and stream.time_base
                    else None
                ),
            }
            if stream.duration is not None and stream.time_base:
                item["duration"] = _seconds(float(stream.duration * stream.time_base))
            if ctx is not None and ctx.bit_rate:
                item["bit_rate"] = str(ctx.bit_rate)
            if stream.frames:
                item["nb_frames"] = str(stream.frames)
            if stream.type == "video":
                item.update(
                    width=ctx.width,
                    height=ctx.height,
                    pix_fmt=getattr(ctx, "pix_fmt", None) or "",
                    r_frame_rate=_fraction(stream.base_rate or stream.guessed_rate),
                    avg_frame_rate=_fraction(stream.average_rate),
                )
            elif stream.type == "audio":
                item.update(
                    sample_rate=str(ctx.sample_rate),
                    channels=ctx.channels,
                    channel_layout=getattr(getattr(ctx, "layout", None), "name", ""),
                    sample_fmt=getattr(getattr(ctx, "format", None), "name", ""),
                )
            if stream.metadata:
                item["tags"] = dict(stream.metadata)
            streams.append({k: v for k, v in item.items() if v is not None})
        duration = container.duration / av.time_base if container.duration is not None else None
        start = container.start_time / av.time_base if container.start_time is not None else None
        fmt: dict[str, Any] = {
            "filename": path.name,
            "nb_streams": len(container.streams),
            "format_name": container.format.name,
            "format_long_name": container.format.long_name,
            "start_time": _seconds(start) or "0.000000",
            "size": str(path.stat().st_size),
        }
        if duration is not None:
            fmt["duration"] = _seconds(duration)
        if container.bit_rate:
            fmt["bit_rate"] = str(container.bit_rate)
        if container.metadata:
            fmt["tags"] = dict(container.metadata)
        return {"streams": streams, "format": fmt}
    finally:
        container.close()


@dataclass(frozen=True)
class MediaSummary:
    """What the translators need to know about an input."""

    duration: float | None
    has_video: bool
    has_audio: bool
    width: int
    height: int
    fps: float
    # codec descriptor names ("h264", "aac"; "" without that stream) and bit rates (0: unknown),
    # for avthumb's rule that a bit rate above the source's, same codec, keeps the source's
    video_codec: str = ""
    audio_codec: str = ""
    video_bit_rate: int = 0
    audio_bit_rate: int = 0


def summary(path: Path) -> MediaSummary:
    container = _open(path)
    try:
        video = container.streams.video[0] if container.streams.video else None
        audio = container.streams.audio[0] if container.streams.audio else None
        duration = container.duration / av.time_base if container.duration is not None else None
        rate = (video.average_rate or video.guessed_rate) if video is not None else None
        return MediaSummary(
            duration=duration,
            has_video=video is not None,
            has_audio=audio is not None,
            width=video.codec_context.width if video is not None else 0,
            height=video.codec_context.height if video is not None else 0,
            fps=float(rate) if rate else 25.0,
            video_codec=_codec_name(video.codec_context) if video is not None else "",
            audio_codec=_codec_name(audio.codec_context) if audio is not None else "",
            video_bit_rate=int(video.codec_context.bit_rate or 0) if video is not None else 0,
            audio_bit_rate=int(audio.codec_context.bit_rate or 0) if audio is not None else 0,
        )
    finally:
        container.close()
