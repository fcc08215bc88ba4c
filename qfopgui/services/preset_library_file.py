"""Opening the preset library file defensively, with a report of what was found.

- no file: an empty library (the file is written at the first change);
- a damaged file (not JSON, not a preset file, an invalid preset) is moved to
  ``presets.json.damaged-20261201-221500`` with its bytes intact and an empty library starts;
- a file from a newer qfopgui, a file that cannot be read, or a damaged file that cannot be moved
  aside is left exactly as it is and the library opens read-only (built-ins only), so it is never
  overwritten by this version.
"""

from __future__ import annotations

import enum
import json
import logging
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from qfopgui.core.presets import (
    BUILTIN_PRESETS,
    FILE_VERSION,
    Preset,
    PresetFileError,
    presets_from_json,
    unique_name,
)
from qfopgui.services import preset_messages as M
from qfopgui.services.atomic_file import os_words

log = logging.getLogger(__name__)

DAMAGED_SUFFIX = "damaged"


class LibraryStatus(enum.Enum):
    OK = "ok"  # the file was read (or there was none yet)
    RECOVERED = "recovered"  # the file was damaged: moved to ``backup_path``, a new one started
    READ_ONLY = "read_only"  # the file was left untouched: built-ins only, every change refused


@dataclass(frozen=True)
class LibraryHealth:
    """The report of one open. ``template``/``params`` (``preset_messages``) are empty when
    there is nothing the user must know."""

    status: LibraryStatus
    path: Path
    backup_path: Path | None = None
    template: str = ""
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return self.template.format(**self.params) if self.template else ""

    @property
    def needs_attention(self) -> bool:
        return bool(self.template)

    @property
    def read_only(self) -> bool:
        return self.status is LibraryStatus.READ_ONLY


@dataclass(frozen=True)
class Opened:
    custom: tuple[Preset, ...]
    health: LibraryHealth


def file_version(text: str) -> int | None:
    """The ``version`` of a preset file's text, or None when it has none that can be read."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return None
    version = data.get("version") if isinstance(data, dict) else None
    if isinstance(version, int) and not isinstance(version, bool):
        return version
    return None


def open_library(path: Path, *, now: float) -> Opened:
    """Read the library file, setting a damaged one aside (see the module's notes)."""
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):  # no file yet (writes will say why)
        return Opened((), LibraryHealth(LibraryStatus.OK, path))
    except OSError as exc:
        log.warning("preset library %s cannot be read: %s", path, exc)
        return _read_only(path, M.OPENED_UNREADABLE, error=os_words(exc))
    try:
        text = raw.decode("utf-8")
        version = file_version(text)
        if version is not None and version > FILE_VERSION:
            return _read_only(path, M.OPENED_NEWER, version=version, supported=FILE_VERSION)
        custom = presets_from_json(text, source=str(path))
    except (UnicodeDecodeError, PresetFileError) as exc:
        return _set_aside(path, str(exc), now)
    return _without_builtin_names(path, custom)


def set_aside(path: Path, now: float) -> Path:
    """Move ``path`` to ``<name>.damaged-<time>`` (a free name); raises OSError."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    base = f"{path.name}.{DAMAGED_SUFFIX}-{stamp}"
    target, n = path.with_name(base), 1
    while os.path.lexists(target):
        n += 1
        target = path.with_name(f"{base}-{n}")
    os.replace(path, target)  # a rename: the bytes are kept exactly
    return target


def _set_aside(path: Path, error: str, now: float) -> Opened:
    log.warning("preset library %s is damaged: %s", path, error)
    try:
        backup = set_aside(path, now)
    except OSError as exc:
        log.warning("cannot move the damaged preset library %s aside: %s", path, exc)
        return _read_only(path, M.CANNOT_SET_ASIDE, error=error, move_error=os_words(exc))
    log.warning("moved the damaged preset library to %s", backup)
    params = {"error": error, "backup": str(backup)}
    health = LibraryHealth(LibraryStatus.RECOVERED, path, backup, M.SET_ASIDE_DAMAGED, params)
    return Opened((), health)


def _read_only(path: Path, template: str, **params: object) -> Opened:
    texts = {"path": str(path), **{k: str(v) for k, v in params.items()}}
    return Opened((), LibraryHealth(LibraryStatus.READ_ONLY, path, template=template, params=texts))


def _without_builtin_names(path: Path, custom: Sequence[Preset]) -> Opened:
    """A newer version may add a built-in with a name a person already used: their preset gets a
    free name (saved with the next change) rather than being hidden or hiding the built-in."""
    builtin_names = {p.name for p in BUILTIN_PRESETS}
    taken = builtin_names | {p.name for p in custom}
    out: list[Preset] = []
    pairs: list[str] = []
    for preset in custom:
        if preset.name in builtin_names:
            new = unique_name(preset.name, taken)
            taken.add(new)
            pairs.append(f"“{preset.name}” → “{new}”")
            preset = replace(preset, name=new)
        out.append(preset)
    if not pairs:
        return Opened(tuple(out), LibraryHealth(LibraryStatus.OK, path))
    params = {"names": ", ".join(pairs)}
    return Opened(
        tuple(out), LibraryHealth(LibraryStatus.OK, path, None, M.RENAMED_ON_OPEN, params)
    )
