"""What a translator hands the executor: an ffmpeg argv plus how to name and store its outputs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

# Always quiet, never interactive, overwrite temp outputs.
BASE_ARGS = ("-nostdin", "-hide_banner", "-loglevel", "error", "-y")


@dataclass(frozen=True)
class FfmpegPlan:
    """One ffmpeg run. File names are relative to the work dir, which is the process cwd
    (so filter arguments never need path escaping)."""

    argv: tuple[str, ...]
    output: str  # the file (HLS: the playlist; frames: the printf pattern)
    kind: Literal["file", "hls", "frames"]
    mime: str
    ext: str
    pattern: str | None = None  # key template for HLS segments / vsample frames
    no_domain: bool = False  # HLS: relative segment URIs in the playlist
    domain: str | None = None  # HLS: explicit domain for segment URLs


@dataclass(frozen=True)
class BuildContext:
    """Inputs a translator needs besides the fop itself."""

    ffmpeg: str
    src: Path
    workdir: Path
    resolve: Callable[[str], Path]  # a URL given in a fop → local file of a stored object
