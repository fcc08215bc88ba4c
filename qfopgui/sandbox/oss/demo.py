"""``--provider oss --demo``: a source bucket with two small generated videos, an output bucket,
an IMM project and one MNS queue subscribed to a topic, so the app has something to try.

The media comes from the Qiniu demo's generator (imageio-ffmpeg + lavfi, nothing downloaded);
seeding is skipped when the data dir already holds this demo version.
"""

from __future__ import annotations

import dataclasses
import logging
import shutil
import tempfile
from pathlib import Path

from qfopgui.sandbox.demo import DEMO_MEDIA, generate_media
from qfopgui.sandbox.oss.checksums import file_digests
from qfopgui.sandbox.oss.config import OssConfig
from qfopgui.sandbox.oss.model import stored_meta
from qfopgui.sandbox.storage import Storage

log = logging.getLogger(__name__)

OSS_DEMO_VERSION = "1"
OSS_DEMO_BUCKET = "demo"
OSS_DEMO_OUTPUT_BUCKET = "demo-output"
OSS_DEMO_PROJECT = "demo-imm"
OSS_DEMO_QUEUE = "demo-queue"
OSS_DEMO_TOPIC = "demo-topic"
OSS_DEMO_VIDEOS = ("videos/sample-1280x720-10s.mp4", "videos/vertical-720x1280-5s.mp4")
_META = "oss_demo_version"


def with_demo(config: OssConfig) -> OssConfig:
    """The config plus the demo's buckets, IMM project and MNS queue → topic subscription."""
    buckets = list(dict.fromkeys([*config.buckets, OSS_DEMO_BUCKET, OSS_DEMO_OUTPUT_BUCKET]))
    projects = tuple(dict.fromkeys([*config.imm_projects, OSS_DEMO_PROJECT]))
    queues = dict(config.mns_queues)
    queues.setdefault(OSS_DEMO_QUEUE, OSS_DEMO_TOPIC)
    return dataclasses.replace(
        config, buckets=buckets, imm_projects=projects, mns_queues=tuple(queues.items())
    )


def _seeded(storage: Storage) -> bool:
    return storage.get_meta(_META) == OSS_DEMO_VERSION and all(
        storage.stat(OSS_DEMO_BUCKET, key) is not None for key in OSS_DEMO_VIDEOS
    )


def seed_oss_demo(storage: Storage, *, region: str, ffmpeg: str | None = None) -> bool:
    """Create the demo buckets and videos; False when they were already there."""
    for name in (OSS_DEMO_BUCKET, OSS_DEMO_OUTPUT_BUCKET):
        storage.create_bucket(name, region=region)
    if _seeded(storage):
        return False
    if ffmpeg is None:
        import imageio_ffmpeg

        ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    workdir = Path(tempfile.mkdtemp(prefix="oss-demo-", dir=storage.tmp_dir))
    try:
        files = generate_media(ffmpeg, workdir, {k: DEMO_MEDIA[k] for k in OSS_DEMO_VIDEOS})
        for key, path in files.items():
            digests = file_digests(path)  # OSS ETag / CRC-64, as an upload would record them
            meta = stored_meta(digests.etag, digests.crc64)
            storage.put_file(
                OSS_DEMO_BUCKET, key, path, move=True, mime_type="video/mp4", meta=meta
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    storage.set_meta(_META, OSS_DEMO_VERSION)
    log.info("seeded the OSS demo into %s (outputs: %s)", OSS_DEMO_BUCKET, OSS_DEMO_OUTPUT_BUCKET)
    return True
