"""ffmpeg subprocesses: timeouts, readable errors, and prompt termination on shutdown."""

from __future__ import annotations

import re
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path

DEFAULT_TIMEOUT = 900.0
_GENERIC = (  # ffmpeg's follow-up noise after the real reason
    "conversion failed!",
    "exiting normally",
    "error while filtering",
    "nothing was written into output file",
    "terminating thread with return code",
    "task finished with error code",
    "error sending frames to consumers",
    "could not open encoder before eof",
    "ff_frame_thread_encoder_init failed",
)
_PREFIX_RE = re.compile(r"^\[[^\]]*@ 0x[0-9a-f]+\]\s*")


class FfmpegError(RuntimeError):
    """ffmpeg failed; `str()` is a short readable reason."""


class Cancelled(RuntimeError):
    """The runner was closed while (or before) the process ran; the task must be retried."""


def readable_error(stderr: str, workdir: Path | None = None) -> str:
    """The last meaningful stderr line, without `[muxer @ 0x…]` prefixes or temp paths."""
    lines = [_PREFIX_RE.sub("", line).strip() for line in stderr.splitlines()]
    lines = [line for line in lines if line]
    if workdir is not None:
        lines = [line.replace(f"{workdir}/", "").replace(str(workdir), ".") for line in lines]
    for line in reversed(lines):
        if not line.lower().startswith(_GENERIC):
            return line[:300]
    return lines[-1][:300] if lines else "ffmpeg failed without a message"


class Runner:
    """Runs processes one call per worker thread; `close()` terminates all of them."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout
        self._lock = threading.Lock()
        self._procs: set[subprocess.Popen[bytes]] = set()
        self._closed = False

    @property
    def closed(self) -> bool:
        return self._closed

    def run(self, argv: Sequence[str], *, cwd: Path, timeout: float | None = None) -> None:
        """Run to completion; FfmpegError on failure/timeout, Cancelled after close()."""
        limit = self.timeout if timeout is None else timeout
        with self._lock:
            if self._closed:
                raise Cancelled("processor is closing")
            proc = subprocess.Popen(
                list(argv),
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            self._procs.add(proc)
        try:
            try:
                _, err = proc.communicate(timeout=limit)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
                if self._closed:
                    raise Cancelled("processor is closing") from None
                raise FfmpegError(f"ffmpeg timed out after {limit:g} s") from None
        finally:
            with self._lock:
                self._procs.discard(proc)
        if self._closed and proc.returncode != 0:
            raise Cancelled("processor is closing")
        if proc.returncode != 0:
            raise FfmpegError(readable_error(err.decode("utf-8", "replace"), cwd))

    def close(self, grace: float = 2.0) -> None:
        """Refuse new runs, terminate running ones, kill any that linger past `grace`."""
        with self._lock:
            self._closed = True
            procs = list(self._procs)
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                proc.kill()
