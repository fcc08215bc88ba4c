"""The preset library: built-in presets (locked) plus the user's own, kept in one JSON file.

Synchronous and Qt-free: the UI calls it off the Qt thread. The file is read once, when the
library is made (see ``preset_library_file`` for what happens to a damaged or newer file); each
change writes the whole file atomically and only then changes what the library holds, so a
failed write leaves both the file and the library as they were. Every refusal is a
``PresetError`` (``PresetFileError`` for files) whose ``template``/``params`` come from
``preset_messages``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from qfopgui.core.presets import (
    BUILTIN_PRESETS,
    FILE_VERSION,
    Preset,
    PresetError,
    PresetFileError,
    duplicate_preset,
    find_preset,
    presets_from_json,
    presets_to_json,
)
from qfopgui.services import preset_messages as M
from qfopgui.services.atomic_file import Writer, os_words, write_text_atomic
from qfopgui.services.preset_import import (
    ConflictChoice,
    ImportPlan,
    ImportResult,
    plan_import,
    resolve_import,
)
from qfopgui.services.preset_library_file import LibraryHealth, file_version, open_library

LIBRARY_FILE_NAME = "presets.json"  # in the config folder (``Paths.config_dir``)


class PresetLibrary:
    """Built-ins first, then the user's presets in the order they were added."""

    def __init__(
        self, path: Path, *, writer: Writer = write_text_atomic, now: float | None = None
    ) -> None:
        self._path = path
        self._writer = writer
        self._lock = threading.RLock()
        opened = open_library(path, now=time.time() if now is None else now)
        self._custom: tuple[Preset, ...] = opened.custom
        self.health: LibraryHealth = opened.health

    @property
    def path(self) -> Path:
        return self._path

    @property
    def read_only(self) -> bool:
        """True when the file was left untouched on opening; every change is refused."""
        return self.health.read_only

    # -- reading ----------------------------------------------------------------------------
    def presets(self) -> tuple[Preset, ...]:
        return (*BUILTIN_PRESETS, *self._custom)

    def custom(self) -> tuple[Preset, ...]:
        return self._custom

    def get(self, name: str) -> Preset | None:
        return find_preset(name, self.presets())

    def is_builtin(self, name: str) -> bool:
        return find_preset(name, BUILTIN_PRESETS) is not None

    # -- changing ---------------------------------------------------------------------------
    def save(self, preset: Preset, *, replacing: str | None = None) -> Preset:
        """Add ``preset``, or with ``replacing`` (its current name) update/rename it in place.

        Refused: an invalid preset, a name used by another preset or a built-in, changing a
        built-in. Returns the preset as stored (never marked built-in).
        """
        preset = replace(preset, builtin=False)
        with self._lock:
            self._check_writable()
            problems = preset.validate()
            if problems:
                raise PresetError(M.INVALID, problem=problems[0], name=preset.name)
            if replacing is not None:
                if self.is_builtin(replacing):
                    raise PresetError(M.BUILTIN_LOCKED, name=replacing)
                if find_preset(replacing, self._custom) is None:
                    raise PresetError(M.NO_SUCH_PRESET, name=replacing)
            self._check_name_free(preset.name, allowed=replacing)
            if replacing is None:
                custom = (*self._custom, preset)
            else:
                custom = tuple(preset if p.name == replacing else p for p in self._custom)
            self._commit(custom)
            return preset

    def save_as(self, preset: Preset, new_name: str) -> Preset:
        """A new custom preset with ``new_name`` (the original, even a built-in, is unchanged)."""
        return self.save(replace(preset, name=new_name))

    def delete(self, name: str) -> None:
        with self._lock:
            self._check_writable()
            if self.is_builtin(name):
                raise PresetError(M.BUILTIN_UNDELETABLE, name=name)
            if find_preset(name, self._custom) is None:
                raise PresetError(M.NO_SUCH_PRESET, name=name)
            self._commit(tuple(p for p in self._custom if p.name != name))

    def duplicate(self, name: str) -> Preset:
        """ "Duplicate to edit": an editable copy ("<name> copy", numbered if taken) is added to
        the library and returned; works for built-ins too."""
        with self._lock:
            self._check_writable()
            original = self.get(name)
            if original is None:
                raise PresetError(M.NO_SUCH_PRESET, name=name)
            copy = duplicate_preset(original, self._custom)
            self._commit((*self._custom, copy))
            return copy

    # -- sharing ----------------------------------------------------------------------------
    def export_one(self, name: str, path: Path) -> None:
        """Write one preset (a built-in too, as an ordinary preset) to a versioned JSON file."""
        preset = self.get(name)
        if preset is None:
            raise PresetError(M.NO_SUCH_PRESET, name=name)
        self._export(path, (preset,))

    def export_all(self, path: Path) -> None:
        """Write every custom preset (built-ins are in every installation, so they are not)."""
        self._export(path, self._custom)

    def read_import(self, path: Path) -> ImportPlan:
        """Read ``path`` and say what importing it would do; nothing is changed.

        ``PresetFileError`` when the file is missing, unreadable, damaged (the first problem
        found, e.g. "is not valid JSON (line 3)") or made by a newer qfopgui.
        """
        try:
            text = path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            raise PresetFileError(M.IMPORT_MISSING, path=path) from None
        except OSError as exc:
            raise PresetFileError(M.IMPORT_UNREADABLE, path=path, error=os_words(exc)) from None
        except UnicodeDecodeError as exc:
            raise PresetFileError(M.IMPORT_UNREADABLE, path=path, error=exc.reason) from None
        version = file_version(text)
        if version is not None and version > FILE_VERSION:
            raise PresetFileError(
                M.IMPORT_NEWER, path=path, version=version, supported=FILE_VERSION
            )
        incoming = presets_from_json(text, source=str(path))
        with self._lock:
            return plan_import(path, incoming, self.presets())

    def apply_import(
        self, plan: ImportPlan, decisions: Mapping[str, ConflictChoice]
    ) -> ImportResult:
        """Import ``plan`` with one decision per conflicting name (see ``ConflictChoice``;
        REPLACE of a built-in keeps both). All or nothing: if the file cannot be written,
        ``PresetFileError`` and neither the file nor the library changes."""
        with self._lock:
            self._check_writable()
            custom, result = resolve_import(plan, decisions, BUILTIN_PRESETS, self._custom)
            self._commit(custom)
            return result

    # -- internals --------------------------------------------------------------------------
    def _check_writable(self) -> None:
        if self.read_only:
            raise PresetError(M.READ_ONLY, path=self._path)

    def _check_name_free(self, name: str, *, allowed: str | None) -> None:
        if self.is_builtin(name):
            raise PresetError(M.BUILTIN_NAME, name=name)
        if name != allowed and find_preset(name, self._custom) is not None:
            raise PresetError(M.NAME_TAKEN, name=name)

    def _commit(self, custom: Sequence[Preset]) -> None:
        """Write first; only a written file changes what the library holds."""
        try:
            self._writer(self._path, presets_to_json(custom))
        except OSError as exc:
            raise PresetFileError(M.WRITE_FAILED, path=self._path, error=os_words(exc)) from None
        self._custom = tuple(custom)

    def _export(self, path: Path, presets: Sequence[Preset]) -> None:
        try:
            self._writer(path, presets_to_json(presets))
        except OSError as exc:
            raise PresetFileError(M.EXPORT_FAILED, path=path, error=os_words(exc)) from None
