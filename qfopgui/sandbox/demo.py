"""``--demo`` seeding: small generated media in bucket ``demo`` (+ ``demo-private``) and pipelines.

Media comes from imageio-ffmpeg's ffmpeg and lavfi sources, so nothing is downloaded. Seeding is
skipped when the data dir already holds this demo version.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from qfopgui.sandbox.pipelines import KnownPipelines
from qfopgui.sandbox.routes.common import ProcessorLike
from qfopgui.sandbox.storage import Storage

log = logging.getLogger(__name__)

DEMO_VERSION = "1"
DEMO_BUCKET = "demo"
DEMO_PRIVATE_BUCKET = "demo-private"
DEMO_PIPELINES = ("video-hd", "thumbnails")

_X264 = ["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p"]
_AAC = ["-c:a", "aac", "-b:a", "128k"]
# key → ffmpeg arguments between the inputs and the output file
DEMO_MEDIA: dict[str, list[str]] = {
    "videos/sample-1280x720-10s.mp4": [
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=1280x720:rate=25:duration=10",
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:sample_rate=44100:duration=10",
        *_X264,
        *_AAC,
        "-shortest",
        "-movflags",
        "+faststart",
    ],
    "videos/vertical-720x1280-5s.mp4": [
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=720x1280:rate=30:duration=5",
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=660:sample_rate=44100:duration=5",
        *_X264,
        *_AAC,
        "-shortest",
        "-movflags",
        "+faststart",
    ],
    "audio/tone-30s.wav": [
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:sample_rate=44100:duration=30",
        "-c:a",
        "pcm_s16le",
    ],
    "audio/tone-30s.mp3": [
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=523:sample_rate=44100:duration=30",
        "-c:a",
        "libmp3lame",
        "-b:a",
        "128k",
    ],
    "images/testsrc-1280x720.png": [
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=1280x720:rate=1:duration=1",
        "-frames:v",
        "1",
    ],
}
PRIVATE_MEDIA = {"videos/private-clip.mp4": "videos/vertical-720x1280-5s.mp4"}
README = (
    b"qfopgui sandbox demo bucket.\n"
    b"videos/ holds H.264/AAC test clips, audio/ a 30 s tone (WAV, MP3), images/ a PNG.\n"
)


def _already_seeded(storage: Storage) -> bool:
    if storage.get_meta("demo_version") != DEMO_VERSION:
        return False
    keys = [(DEMO_BUCKET, k) for k in DEMO_MEDIA]
    keys += [(DEMO_PRIVATE_BUCKET, k) for k in PRIVATE_MEDIA]
    return all(storage.stat(b, k) is not None for b, k in keys)


def generate_media(
    ffmpeg: str, workdir: Path, media: Mapping[str, Sequence[str]] = DEMO_MEDIA
) -> dict[str, Path]:
    """Run the ffmpeg jobs concurrently (they are independent and each is short); the OSS
    sandbox's demo passes a subset of ``DEMO_MEDIA``."""
    procs: list[tuple[str, Path, subprocess.Popen[bytes]]] = []
    for key, args in media.items():
        out = workdir / key.replace("/", "__")
        cmd = [ffmpeg, "-hide_banner", "-loglevel", "error", "-y", *args, str(out)]
        procs.append(
            (key, out, subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
        )
    results: dict[str, Path] = {}
    failures: list[str] = []
    for key, out, proc in procs:
        _, err = proc.communicate(timeout=300)
        if proc.returncode != 0 or not out.exists():
            failures.append(f"{key}: {err.decode('utf-8', 'replace').strip()[-400:]}")
        results[key] = out
    if failures:
        raise RuntimeError("demo media generation failed: " + "; ".join(failures))
    return results


def seed_demo(
    storage: Storage, processor: ProcessorLike | None, *, ffmpeg: str | None = None
) -> bool:
    """Create the demo buckets, media and pipelines; returns False when it was already there."""
    storage.create_bucket(DEMO_BUCKET)
    storage.create_bucket(DEMO_PRIVATE_BUCKET, private=True)
    known = KnownPipelines(storage)
    for name in DEMO_PIPELINES:
        known.add(name)  # pfop to them is accepted (only known queues are)
    if processor is not None:
        for name in DEMO_PIPELINES:
            processor.ensure_pipeline(name)
    if _already_seeded(storage):
        return False
    if ffmpeg is None:
        import imageio_ffmpeg

        ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    storage.tmp_dir.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="demo-", dir=storage.tmp_dir))
    try:
        files = generate_media(ffmpeg, workdir)
        for key, path in files.items():
            storage.put_file(DEMO_BUCKET, key, path)
        for key, source in PRIVATE_MEDIA.items():
            storage.put_file(DEMO_PRIVATE_BUCKET, key, files[source])
        storage.put_bytes(DEMO_BUCKET, "README.txt", README, mime_type="text/plain")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    storage.set_meta("demo_version", DEMO_VERSION)
    log.info("seeded demo media into buckets %s and %s", DEMO_BUCKET, DEMO_PRIVATE_BUCKET)
    return True
