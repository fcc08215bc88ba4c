"""Replacing a small text file all at once: a reader (or a crash) sees the old file or the new
one, never half of each. Used for the JSON files in the config folder."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

Writer = Callable[[Path, str], None]
"""Writes ``text`` to ``path`` or raises ``OSError`` leaving ``path`` as it was; injectable so
tests can simulate a read-only folder or a full disk even when running as root."""


def write_text_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it over."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def os_words(exc: OSError) -> str:
    """The operating system's own short description ("Permission denied")."""
    return exc.strerror or str(exc) or type(exc).__name__
