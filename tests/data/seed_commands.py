"""Processing commands from the product's original documents, with the result each must give.

Commands from the product's original documents, copied literally (the SDK's `build_op` order for
the SDK-guide ones). The persistent-processing guide shows the first seven at code 0 (status and
notify examples), so the sandbox must run them as written — odd sampling rates such as
`ar/22061` are resampled to the nearest rate the codec supports, as the service does. Commands
the sandbox cannot honour must fail the item with a readable error instead.

`source` names the generated input (see tests/integration/test_seed_commands.py): `video` is 2 s of
320x240 @ 25 fps H.264 + 44.1 kHz AAC, `video_long` 12 s of 160x120 video, `mp3`/`wav` 2 s of
44.1 kHz stereo audio, `jpg` a 1280x720 noisy picture (so quality settings show in the file
size), `logo` a 64x32 solid red PNG stored as `LOGO_KEY`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Expect:
    """Properties of the output to check (None: not checked)."""

    container: str  # PyAV format name of the output (or of the HLS segments)
    vcodec: str | None = None  # None together with `acodec`: that stream must be absent
    acodec: str | None = None
    size: tuple[int, int] | None = None  # exact width x height
    box: tuple[int, int] | None = None  # fits inside, touching one side, aspect kept
    fps: float | None = None
    sample_rate: int | None = None
    duration: float | None = None  # seconds (HLS: the sum of the segments)
    video_kbps: int | None = None  # target video bit rate
    audio_kbps: int | None = None  # target audio bit rate
    hls: bool = False


@dataclass(frozen=True)
class SeedCommand:
    id: str
    source: str
    cmd: str
    expect: Expect | None  # None: the item fails
    error: str | None = None  # substring of the item's error when it fails


SEED_COMMANDS: tuple[SeedCommand, ...] = (
    # Persistent-processing guide: status example, all items code 0.
    SeedCommand(
        "mp4-r30-ar22061-mp3",
        "video",
        "avthumb/mp4/r/30/vb/256k/vcodec/libx264/ar/22061/ab/64k/acodec/libmp3lame",
        Expect(
            "mp4",
            "h264",
            "mp3",
            size=(320, 240),
            fps=30,
            sample_rate=22050,
            duration=2.0,
            video_kbps=256,
            audio_kbps=64,
        ),
    ),
    SeedCommand(
        "iphone_low",
        "video",
        "avthumb/iphone_low",
        Expect(
            "mp4",
            "h264",
            "aac",
            box=(480, 320),
            sample_rate=48000,
            duration=2.0,
            video_kbps=96,
            audio_kbps=64,
        ),
    ),
    SeedCommand(
        "m3u8-r30-ar22071-mp3",
        "video",
        "avthumb/m3u8/r/30/vb/256k/vcodec/libx264/ar/22071/ab/64k/acodec/libmp3lame",
        Expect(
            "mpegts",
            "h264",
            "mp3",
            size=(320, 240),
            fps=30,
            sample_rate=22050,
            duration=2.0,
            video_kbps=256,
            audio_kbps=64,
            hls=True,
        ),
    ),
    SeedCommand(
        "m3u8-preset-video_16x9_440k",
        "video",
        "avthumb/m3u8/preset/video_16x9_440k",
        Expect(
            "mpegts",
            "h264",
            "aac",
            size=(400, 224),
            fps=25,
            sample_rate=44100,
            duration=2.0,
            video_kbps=440,
            hls=True,
        ),
    ),
    # Persistent-processing guide: synchronous transcode example and the notify example.
    SeedCommand(
        "mp3-ab192k",
        "wav",
        "avthumb/mp3/ab/192k",
        Expect("mp3", None, "mp3", sample_rate=44100, duration=2.0, audio_kbps=192),
    ),
    SeedCommand(
        "mp3-aq6-ar16000",
        "mp3",
        "avthumb/mp3/aq/6/ar/16000",
        Expect("mp3", None, "mp3", sample_rate=16000, duration=2.0),
    ),
    SeedCommand(
        "mp3-ar44100-ab32k",
        "mp3",
        "avthumb/mp3/ar/44100/ab/32k",
        Expect("mp3", None, "mp3", sample_rate=44100, duration=2.0, audio_kbps=32),
    ),
    # SDK guide (video): two transcodes and a thumbnail.
    SeedCommand(
        "sdk-mp4-1080p",
        "video",
        "avthumb/mp4/vcodec/libx264/acodec/aac/vb/2000k/ab/128k/r/30/s/1920x1080",
        Expect(
            "mp4",
            "h264",
            "aac",
            size=(1920, 1080),
            fps=30,
            sample_rate=44100,
            duration=2.0,
            video_kbps=2000,
            audio_kbps=128,
        ),
    ),
    SeedCommand(
        "sdk-mp4-720p",
        "video",
        "avthumb/mp4/vcodec/libx264/acodec/aac/vb/1000k/ab/96k/r/30/s/1280x720",
        Expect(
            "mp4",
            "h264",
            "aac",
            size=(1280, 720),
            fps=30,
            sample_rate=44100,
            duration=2.0,
            video_kbps=1000,
            audio_kbps=96,
        ),
    ),
    SeedCommand(
        "sdk-vframe-offset10",
        "video_long",
        "vframe/jpg/offset/10/w/320/h/240",
        Expect("jpeg_pipe", "mjpeg", None, size=(320, 240)),
    ),
    # SDK guide (audio): conversions, then `af`, which no reference table lists.
    SeedCommand(
        "sdk-mp3-ab192k-ar44100",
        "wav",
        "avthumb/mp3/ab/192k/ar/44100",
        Expect("mp3", None, "mp3", sample_rate=44100, duration=2.0, audio_kbps=192),
    ),
    SeedCommand(
        "sdk-aac-ab128k-ar44100",
        "wav",
        "avthumb/aac/ab/128k/ar/44100",
        Expect("aac", None, "aac", sample_rate=44100, duration=2.0, audio_kbps=128),
    ),
    SeedCommand(
        "sdk-mp3-af-volume",
        "wav",
        "avthumb/mp3/ab/192k/af/volume=1.5",
        Expect("mp3", None, "mp3", sample_rate=44100, duration=2.0, audio_kbps=192),
    ),
    SeedCommand(
        "sdk-mp3-af-afade",
        "wav",
        "avthumb/mp3/ab/192k/af/afade=t=in:ss=0:d=3,afade=t=out:st=57:d=3",
        Expect("mp3", None, "mp3", sample_rate=44100, duration=2.0, audio_kbps=192),
    ),
    # SDK guide (images): a webp thumbnail, then pipes into a watermark and imageMogr2.
    SeedCommand(
        "sdk-imageView2-webp",
        "jpg",
        "imageView2/2/w/400/h/300/format/webp",
        Expect("webp_pipe", "webp", None, size=(400, 225)),
    ),
    # The watermark picture is on www.qiniu.com; the sandbox has no internet access and fetches
    # only its own objects, so this item fails naming the URL (SANDBOX_CHECKS has the same
    # command with a sandbox-hosted logo, which must succeed).
    SeedCommand(
        "sdk-imageView2-watermark",
        "jpg",
        "imageView2/2/w/800/h/600/format/webp|watermark/1/"
        "image/aHR0cDovL3d3dy5xaW5pdS5jb20vaW1hZ2VzL2xvZ28ucG5n/dissolve/50/gravity/SouthEast/"
        "dx/10/dy/10",
        None,
        "watermark: cannot fetch the image http://www.qiniu.com/images/logo.png",
    ),
    SeedCommand(
        "sdk-imageView2-imageMogr2",
        "jpg",
        "imageView2/2/w/800/h/600/format/webp|imageMogr2/quality/75",
        Expect("webp_pipe", "webp", None, size=(800, 450)),
    ),
)


LOGO_KEY = "seed-logo.png"
# `kodo://test-bucket/seed-logo.png`: a watermark picture the sandbox can fetch (its own object).
_LOCAL_LOGO = "a29kbzovL3Rlc3QtYnVja2V0L3NlZWQtbG9nby5wbmc="

# Not from the documents: rows the seed rows' effects are measured against (watermark visible,
# quality/75 smaller than quality/100) and the watermark with a picture the sandbox can fetch.
SANDBOX_CHECKS: tuple[SeedCommand, ...] = (
    SeedCommand(
        "check-imageView2-webp-800",
        "jpg",
        "imageView2/2/w/800/h/600/format/webp",
        Expect("webp_pipe", "webp", None, size=(800, 450)),
    ),
    SeedCommand(
        "check-watermark-local-logo",
        "jpg",
        f"imageView2/2/w/800/h/600/format/webp|watermark/1/image/{_LOCAL_LOGO}/dissolve/50/"
        "gravity/SouthEast/dx/10/dy/10",
        Expect("webp_pipe", "webp", None, size=(800, 450)),
    ),
    SeedCommand(
        "check-imageMogr2-quality100",
        "jpg",
        "imageView2/2/w/800/h/600/format/webp|imageMogr2/quality/100",
        Expect("webp_pipe", "webp", None, size=(800, 450)),
    ),
)


# Presets of the service's reference tables (legacy device presets and HLS presets), which must
# produce their documented sizes, bit rates and sampling rates.
REFERENCE_PRESETS: tuple[SeedCommand, ...] = (
    SeedCommand(
        "preset-flash",
        "video",
        "avthumb/flash",
        Expect(
            "flv",
            "flv1",
            "mp3",
            box=(320, 240),
            sample_rate=44100,
            duration=2.0,
            video_kbps=512,
            audio_kbps=64,
        ),
    ),
    SeedCommand(
        "preset-ipad_low",
        "video",
        "avthumb/ipad_low",
        Expect(
            "mp4",
            "h264",
            "aac",
            box=(1024, 768),
            sample_rate=48000,
            duration=2.0,
            video_kbps=512,
            audio_kbps=128,
        ),
    ),
    SeedCommand(
        "preset-webm",
        "video",
        "avthumb/webm",
        Expect(
            "webm",
            "vp8",
            "vorbis",
            size=(320, 240),
            sample_rate=48000,
            duration=2.0,
            video_kbps=700,
            audio_kbps=128,
        ),
    ),
    SeedCommand(
        "hls-preset-audio_64k",
        "video",
        "avthumb/m3u8/preset/audio_64k",
        Expect("mpegts", None, "aac", sample_rate=44100, duration=2.0, audio_kbps=64, hls=True),
    ),
    SeedCommand(
        "hls-preset-video_4x3_240k",
        "video",
        "avthumb/m3u8/preset/video_4x3_240k",
        Expect(
            "mpegts", "h264", "aac", size=(400, 300), fps=25, duration=2.0, video_kbps=240, hls=True
        ),
    ),
)
