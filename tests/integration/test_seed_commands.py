"""Every processing command of the product's original documents, run as written through the
official SDK's PersistentFop on the real sandbox, with each output probed (PyAV) against the
command's parameters. The table is tests/data/seed_commands.py.

All commands are submitted at once to a sandbox with several workers and polled together, so the
module costs about as much as its slowest transcode. The SDK is pointed at that module-scoped
sandbox the same way as the function-scoped `sdk` fixture (global config and regions cache,
restored afterwards), which cannot feed a module-scoped batch.
"""

from __future__ import annotations

import math
import subprocess
import time
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import imageio_ffmpeg
import pytest
import qiniu
from qiniu import config as qconfig
from qiniu.http import regions_provider

from qfopgui.sandbox import SandboxServer
from tests.data.seed_commands import (
    LOGO_KEY,
    REFERENCE_PRESETS,
    SANDBOX_CHECKS,
    SEED_COMMANDS,
    Expect,
    SeedCommand,
)
from tests.fixtures_sandbox import SANDBOX_BUCKET, sandbox_config

pytestmark = pytest.mark.integration
B = SANDBOX_BUCKET
_SECONDS = 2
COMMANDS = (*SEED_COMMANDS, *REFERENCE_PRESETS, *SANDBOX_CHECKS)

_SOURCES: dict[str, tuple[str, list[str]]] = {
    "video": (
        "source-video.mp4",
        [
            # noise: busy enough that the encoder needs (and so shows) each target bit rate
            *("-f", "lavfi", "-i", f"testsrc=d={_SECONDS}:s=320x240:r=25,noise=alls=60:allf=t"),
            *("-f", "lavfi", "-i", f"sine=frequency=440:duration={_SECONDS}:sample_rate=44100"),
            *("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"),
            *("-c:a", "aac", "-ac", "2", "-shortest"),
        ],
    ),
    "video_long": (
        "source-video.mov",
        [
            *("-f", "lavfi", "-i", "testsrc=duration=12:size=160x120:rate=5"),
            *("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"),
        ],
    ),
    "mp3": (
        "persistent.mp3",
        [
            *("-f", "lavfi", "-i", f"sine=frequency=440:duration={_SECONDS}:sample_rate=44100"),
            *("-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k"),
        ],
    ),
    "wav": (
        "sample.wav",
        [
            *("-f", "lavfi", "-i", f"sine=frequency=440:duration={_SECONDS}:sample_rate=44100"),
            *("-ac", "2", "-c:a", "pcm_s16le"),
        ],
    ),
    "jpg": (
        "original-photo.jpg",
        ["-f", "lavfi", "-i", "testsrc=size=1280x720,noise=alls=40:allf=t", "-frames:v", "1"],
    ),
    "logo": (LOGO_KEY, ["-f", "lavfi", "-i", "color=c=red:s=64x32", "-frames:v", "1"]),
}


@dataclass(frozen=True)
class SeedRun:
    sandbox: SandboxServer
    items: dict[str, dict[str, Any]]  # command id → its prefop item
    task_codes: dict[str, int]


def _generate(root: Path) -> dict[str, Path]:
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    paths: dict[str, Path] = {}
    for kind, (name, args) in _SOURCES.items():
        paths[kind] = root / name
        subprocess.run(
            [ffmpeg, "-nostdin", "-v", "error", "-y", *args, str(paths[kind])], check=True
        )
    return paths


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SeedRun]:
    root = tmp_path_factory.mktemp("seed-commands")
    sources = _generate(root)
    server = SandboxServer(sandbox_config(root / "sandbox", workers=4))
    server.start()
    saved = dict(qconfig._config), dict(qconfig._is_customized_default)
    try:
        with pytest.MonkeyPatch.context() as mp:
            cache = regions_provider._global_cache_scope._replace(
                memo_cache={}, persist_path=str(root / "qn-py-sdk" / "regions-cache.jsonl")
            )
            mp.setattr(regions_provider, "_global_cache_scope", cache)
            mp.setenv("TMPDIR", str(root))
            qconfig.set_default(default_uc_host=server.base_url, default_api_host=server.base_url)
            for path in sources.values():
                server.storage.put_file(B, path.name, path)
            yield _submit_all(server, qiniu.Auth(server.access_key, server.secret_key))
    finally:
        qconfig._config.clear()
        qconfig._config.update(saved[0])
        qconfig._is_customized_default.clear()
        qconfig._is_customized_default.update(saved[1])
        server.stop()


def _submit_all(server: SandboxServer, auth: qiniu.Auth) -> SeedRun:
    """One pfop per command (so the workers run them side by side), then poll them all."""
    pfop = qiniu.PersistentFop(auth, B)
    ids: dict[str, str] = {}
    for seed in COMMANDS:
        ret, info = pfop.execute(_SOURCES[seed.source][0], fops=[seed.cmd])
        assert info.status_code == 200, (seed.id, info)
        ids[seed.id] = ret["persistentId"]
    final: dict[str, dict[str, Any]] = {}
    deadline = time.monotonic() + 50
    while len(final) < len(ids):
        assert time.monotonic() < deadline, f"still running: {sorted(set(ids) - set(final))}"
        for seed_id, pid in ids.items():
            if seed_id in final:
                continue
            ret, info = pfop.get_status(pid)
            assert info.status_code == 200, info
            if ret["code"] not in (1, 2):
                final[seed_id] = ret
        time.sleep(0.1)
    return SeedRun(
        server,
        {k: v["items"][0] for k, v in final.items()},
        {k: v["code"] for k, v in final.items()},
    )


@dataclass(frozen=True)
class Probed:
    container: str
    vcodec: str | None
    acodec: str | None
    width: int
    height: int
    fps: float | None
    sample_rate: int | None
    duration: float
    video_bps: int
    audio_bps: int
    size_bytes: int


def _probe(path: Path) -> Probed:
    with av.open(str(path)) as box:
        video = box.streams.video[0] if box.streams.video else None
        audio = box.streams.audio[0] if box.streams.audio else None
        rate: Fraction | None = video.average_rate if video is not None else None
        return Probed(
            container=box.format.name,
            vcodec=video.codec_context.codec.canonical_name if video is not None else None,
            acodec=audio.codec_context.codec.canonical_name if audio is not None else None,
            width=video.codec_context.width if video is not None else 0,
            height=video.codec_context.height if video is not None else 0,
            fps=float(rate) if rate else None,
            sample_rate=audio.codec_context.sample_rate if audio is not None else None,
            duration=(box.duration or 0) / av.time_base,
            video_bps=(video.codec_context.bit_rate or 0) if video is not None else 0,
            audio_bps=(audio.codec_context.bit_rate or 0) if audio is not None else 0,
            size_bytes=path.stat().st_size,
        )


def _stored(run: SeedRun, key: str) -> Path:
    obj = run.sandbox.storage.stat(B, key)
    assert obj is not None, f"output {key!r} is not stored"
    return obj.path


def _check_streams(seed: SeedCommand, got: Probed, want: Expect) -> None:
    assert want.container in got.container.split(","), (seed.id, got.container)
    assert got.vcodec == want.vcodec, (seed.id, got.vcodec)
    assert got.acodec == want.acodec, (seed.id, got.acodec)
    if want.size is not None:
        assert (got.width, got.height) == want.size, seed.id
    if want.box is not None:
        bw, bh = want.box
        assert got.width <= bw, (seed.id, got.width)
        assert got.height <= bh, (seed.id, got.height)
        assert got.width >= bw - 1 or got.height >= bh - 1, "touches one side of the box"
    if want.fps is not None:
        assert got.fps == pytest.approx(want.fps, rel=0.02), (seed.id, got.fps)
    if want.sample_rate is not None:
        assert got.sample_rate == want.sample_rate, (seed.id, got.sample_rate)


@pytest.mark.parametrize("seed", COMMANDS, ids=[s.id for s in COMMANDS])
def test_seed_command_runs_as_the_service_runs_it(seed_run: SeedRun, seed: SeedCommand) -> None:
    item = seed_run.items[seed.id]
    assert item["cmd"] == seed.cmd
    if seed.expect is None:
        assert seed.error is not None
        assert item["code"] == 3, item
        assert item["error"].startswith("execute fop cmd failed: "), item
        assert seed.error in item["error"], item
        assert seed_run.task_codes[seed.id] == 3
        return
    assert item["code"] == 0, item
    assert seed_run.task_codes[seed.id] == 0
    want = seed.expect
    if want.hls:
        playlist = _stored(seed_run, item["key"]).read_text(encoding="utf-8")
        assert playlist.startswith("#EXTM3U")
        parts = [_probe(_stored(seed_run, key)) for key in item["keys"]]
        assert parts, item
        # the playlist's own durations: PyAV only estimates an audio-only transport stream's
        duration = sum(
            float(line.split(":", 1)[1].split(",")[0])
            for line in playlist.splitlines()
            if line.startswith("#EXTINF:")
        )
    else:
        parts = [_probe(_stored(seed_run, item["key"]))]
        duration = parts[0].duration
    for part in parts:
        _check_streams(seed, part, want)
    if want.duration is not None:
        assert duration == pytest.approx(want.duration, abs=0.2), (seed.id, duration)
    _check_rates(seed, parts, want, duration)


def _check_rates(seed: SeedCommand, parts: list[Probed], want: Expect, duration: float) -> None:
    """Per-stream rates where the container records them, else the whole file against the sum
    of the targets (transport streams and Matroska keep no per-stream video rate)."""
    video = [p.video_bps for p in parts]
    audio = [p.audio_bps for p in parts]
    if want.audio_kbps is not None and all(audio):
        for bps in audio:
            assert bps == pytest.approx(want.audio_kbps * 1000, rel=0.15), (seed.id, bps)
    if want.video_kbps is None:
        return
    if all(video):
        for bps in video:
            assert 0.5 <= bps / (want.video_kbps * 1000) <= 1.6, (seed.id, bps)
        return
    total_bits = sum(p.size_bytes for p in parts) * 8
    target = (want.video_kbps + (want.audio_kbps or 128)) * 1000 * duration
    assert 0.5 * target <= total_bits <= 1.6 * target, (seed.id, total_bits, target)


# -- effects the stream checks above cannot see ------------------------------------------------


def _output(run: SeedRun, seed_id: str) -> Path:
    item = run.items[seed_id]
    assert item["code"] == 0, item
    return _stored(run, item["key"])


def _pcm(path: Path) -> list[int]:
    """The decoded samples (s16, channels interleaved) of an audio file."""
    samples = array("h")
    with av.open(str(path)) as box:
        resampler = av.AudioResampler(format="s16", layout="mono")
        for frame in box.decode(audio=0):
            for out in resampler.resample(frame):
                samples.frombytes(bytes(out.planes[0])[: out.samples * 2])
    return list(samples)


def _rms(samples: list[int], start: float, end: float, rate: int = 44100) -> float:
    window = samples[int(start * rate) : int(end * rate)]
    assert window
    return math.sqrt(sum(s * s for s in window) / len(window))


def test_af_volume_raises_the_level_by_its_factor(seed_run: SeedRun) -> None:
    plain = _pcm(_output(seed_run, "mp3-ab192k"))  # the same command without af
    louder = _pcm(_output(seed_run, "sdk-mp3-af-volume"))
    ratio = _rms(louder, 0.5, 1.5) / _rms(plain, 0.5, 1.5)
    assert ratio == pytest.approx(1.5, rel=0.05)


def test_af_afade_makes_the_start_quieter_than_the_middle(seed_run: SeedRun) -> None:
    # past the mp3 encoder's priming silence; a 3 s linear fade-in is at ~3 % at 0.1 s
    plain = _pcm(_output(seed_run, "mp3-ab192k"))
    faded = _pcm(_output(seed_run, "sdk-mp3-af-afade"))
    assert _rms(plain, 0.05, 0.15) > 0.8 * _rms(plain, 0.9, 1.1)
    assert _rms(faded, 0.05, 0.15) < 0.3 * _rms(faded, 0.9, 1.1)


def _rgb(path: Path) -> tuple[int, int, bytes]:
    with av.open(str(path)) as box:
        frame = next(iter(box.decode(video=0))).reformat(format="rgb24")
        row = frame.width * 3
        plane = frame.planes[0]
        data = bytes(plane)
        rows = b"".join(
            data[y * plane.line_size : y * plane.line_size + row] for y in range(frame.height)
        )
        return frame.width, frame.height, rows


def _region_diff(a: bytes, b: bytes, width: int, box: tuple[int, int, int, int]) -> float:
    """Mean absolute difference of the RGB bytes inside box = (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    total = count = 0
    for y in range(y0, y1):
        start, end = (y * width + x0) * 3, (y * width + x1) * 3
        total += sum(abs(p - q) for p, q in zip(a[start:end], b[start:end], strict=True))
        count += end - start
    return total / count


def test_watermark_from_a_sandbox_object_shows_at_its_gravity_corner(seed_run: SeedRun) -> None:
    width, height, plain = _rgb(_output(seed_run, "check-imageView2-webp-800"))
    marked_w, marked_h, marked = _rgb(_output(seed_run, "check-watermark-local-logo"))
    assert (marked_w, marked_h) == (width, height) == (800, 450)
    # SouthEast with dx/dy 10: the 64x32 logo spans x 726..790, y 408..440
    corner = (732, 414, 784, 434)
    assert _region_diff(plain, marked, width, corner) > 25
    assert _region_diff(plain, marked, width, (10, 10, 74, 42)) < 3  # elsewhere: untouched


def test_imagemogr2_quality_75_gives_a_smaller_file_than_quality_100(seed_run: SeedRun) -> None:
    q75 = _output(seed_run, "sdk-imageView2-imageMogr2").stat().st_size
    q100 = _output(seed_run, "check-imageMogr2-quality100").stat().st_size
    assert q75 < 0.8 * q100, (q75, q100)
