"""Tiny lavfi-generated media, a fake storage, and Processor factories for engine tests."""

from __future__ import annotations

import base64
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import imageio_ffmpeg
import pytest

from qfopgui.sandbox.processing import Processor
from tests.unit.sandbox.processing.fakes import FakeStorage

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


def entry(bucket: str, key: str) -> str:
    return b64(f"{bucket}:{key}")


@dataclass(frozen=True)
class Media:
    clip: Path  # 4 s, 320x240 @ 25 fps, h264 + aac sine
    short: Path  # 2 s, same format (avconcat partner)
    silent: Path  # 2 s, video only
    logo: Path  # 40x20 solid red PNG
    junk: Path  # not media


def _gen(out: Path, *args: str) -> None:
    subprocess.run([FFMPEG, "-nostdin", "-v", "error", "-y", *args, str(out)], check=True)


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> Media:
    root = tmp_path_factory.mktemp("media")
    enc = ["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p"]
    for name, seconds in (("clip.mp4", 4), ("short.mp4", 2)):
        _gen(
            root / name,
            "-f",
            "lavfi",
            "-i",
            f"testsrc=duration={seconds}:size=320x240:rate=25",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency=440:duration={seconds}:sample_rate=44100",
            *enc,
            "-c:a",
            "aac",
            "-shortest",
        )
    _gen(root / "silent.mp4", "-f", "lavfi", "-i", "testsrc=duration=2:size=320x240:rate=25", *enc)
    _gen(root / "logo.png", "-f", "lavfi", "-i", "color=c=red:s=40x20", "-frames:v", "1")
    junk = root / "junk.mp4"
    junk.write_bytes(b"this is not a video file\n" * 40)
    return Media(
        root / "clip.mp4", root / "short.mp4", root / "silent.mp4", root / "logo.png", junk
    )


@pytest.fixture
def storage(tmp_path: Path, media: Media) -> FakeStorage:
    store = FakeStorage(tmp_path / "objects")
    store.put_file("src", "clip.mp4", media.clip)
    store.put_file("src", "short.mp4", media.short)
    store.put_file("src", "silent.mp4", media.silent)
    store.put_file("src", "logo.png", media.logo)
    store.put_file("src", "junk.mp4", media.junk)
    return store


ProcessorFactory = Callable[..., Processor]


@pytest.fixture
def make_processor(tmp_path: Path, storage: FakeStorage) -> Iterator[ProcessorFactory]:
    """Build processors over `tmp_path/proc` (same dir each call); all are closed at teardown."""
    made: list[Processor] = []

    def make(**kwargs: Any) -> Processor:
        kwargs.setdefault("data_dir", tmp_path / "proc")
        kwargs.setdefault("ffmpeg", FFMPEG)
        proc = Processor(kwargs.pop("storage", storage), **kwargs)
        made.append(proc)
        return proc

    yield make
    for proc in made:
        proc.close()


def wait_for(pred: Callable[[], object], timeout: float = 60.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def wait_final(proc: Processor, pid: str, timeout: float = 120.0) -> dict[str, Any]:
    """Poll status until the task leaves 1/2; returns the final prefop object."""
    wait_for(lambda: (proc.status(pid) or {}).get("code") not in (1, 2), timeout, f"task {pid}")
    status = proc.status(pid)
    assert status is not None
    return status


@dataclass(frozen=True)
class Gate:
    """An `ffmpeg` wrapper that logs each call's work dir and blocks until `open()`."""

    script: Path
    flag: Path
    log: Path

    def open(self) -> None:
        self.flag.touch()

    def calls(self) -> list[str]:
        if not self.log.exists():
            return []
        return [line for line in self.log.read_text().splitlines() if line]


@pytest.fixture
def gate(tmp_path: Path) -> Gate:
    if sys.platform == "win32":
        pytest.skip("the gate wrapper is a POSIX shell script")
    flag, log = tmp_path / "gate-open", tmp_path / "gate.log"
    script = tmp_path / "gated-ffmpeg"
    script.write_text(
        "#!/bin/sh\n"
        f'echo "$(pwd)" >> "{log}"\n'
        f'while [ ! -e "{flag}" ]; do sleep 0.02; done\n'
        f'exec "{FFMPEG}" "$@"\n'
    )
    script.chmod(0o755)
    return Gate(script, flag, log)
