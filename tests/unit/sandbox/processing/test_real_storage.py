"""The processor over the sandbox's real Storage (files + sqlite), not the test fake."""

from __future__ import annotations

from pathlib import Path

import av
import pytest

from qfopgui.sandbox.storage import Storage
from tests.unit.sandbox.processing.conftest import (
    Media,
    ProcessorFactory,
    b64,
    entry,
    wait_final,
)

pytestmark = pytest.mark.slow


def test_pfop_against_real_storage(
    make_processor: ProcessorFactory, media: Media, tmp_path: Path
) -> None:
    storage = Storage(tmp_path / "real")
    try:
        storage.create_bucket("media")
        storage.put_file("media", "in/clip.mp4", media.clip)
        proc = make_processor(storage=storage, data_dir=tmp_path / "real-proc")
        fops = ";".join(
            [
                f"avthumb/mp4/s/160x120|saveas/{entry('media', 'out/small.mp4')}",
                f"avthumb/m3u8/segtime/2/savePattern/{b64('out/hls-$(count).ts')}"
                f"|saveas/{entry('media', 'out/index.m3u8')}",
            ]
        )
        status = wait_final(proc, proc.submit(bucket="media", key="in/clip.mp4", fops=fops))
        assert status["code"] == 0, status
        small, hls = status["items"]
        stored = storage.stat("media", "out/small.mp4")
        assert stored is not None
        assert stored.hash == small["hash"]
        assert stored.mime_type == "video/mp4"
        with av.open(str(stored.path)) as c:
            assert c.streams.video[0].codec_context.width == 160
        assert hls["keys"] == ["out/hls-000000.ts", "out/hls-000001.ts"]
        playlist = storage.stat("media", "out/index.m3u8")
        assert playlist is not None
        assert "hls-000001.ts" in playlist.path.read_text()
        proc.close()
    finally:
        storage.close()
