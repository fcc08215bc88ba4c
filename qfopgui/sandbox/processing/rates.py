"""Sampling and bit rates as the service applies them: a requested sampling rate the codec cannot
take goes to the nearest one it can, and a bit rate above the source's with the codec unchanged
keeps the source's.

The service's own example runs `avthumb/mp4/.../ar/22061/.../acodec/libmp3lame` at code 0, while
ffmpeg refuses any rate an encoder does not list; hence the per-encoder tables.
"""

from __future__ import annotations

AR_MIN, AR_MAX = 1000, 192000
_AAC = (7350, 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 64000, 88200)
# Rates each encoder accepts; encoders missing here take any rate in [AR_MIN, AR_MAX].
CODEC_RATES: dict[str, tuple[int, ...]] = {
    "libmp3lame": (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000),
    "aac": (*_AAC, 96000),
    "libopus": (8000, 12000, 16000, 24000, 48000),
    "libopencore_amrnb": (8000,),
}
# The codec each encoder writes (as probed), for "codec unchanged" in the bit rate ceiling.
ENCODED_AS = {
    "libx264": "h264",
    "libx265": "hevc",
    "libvpx": "vp8",
    "libvpx-vp9": "vp9",
    "libtheora": "theora",
    "libxvid": "mpeg4",
    "mpeg4": "mpeg4",
    "flv": "flv1",
    "libmp3lame": "mp3",
    "aac": "aac",
    "libvorbis": "vorbis",
    "libopus": "opus",
}


def nearest_rate(encoder: str, rate: int) -> int:
    """The encoder's supported sampling rate closest to `rate` (ties go to the higher one)."""
    rates = CODEC_RATES.get(encoder)
    if rates is None:
        return rate
    return min(rates, key=lambda r: (abs(r - rate), -r))


def ceiling(bps: str, encoder: str, source_codec: str, source_bps: int) -> str:
    """The service's rule for `vb`/`ab`: above the source's rate with the codec unchanged, the
    source's rate is used (a bigger file of the same codec would gain nothing)."""
    if source_bps and ENCODED_AS.get(encoder) == source_codec and int(bps) > source_bps:
        return str(source_bps)
    return bps
