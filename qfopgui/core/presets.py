"""Named presets (one or more commands + an output name template) and their JSON files.

File format (versioned so later releases can migrate)::

    {"version": 1, "presets": [{"name": "...", "description": "...",
      "template": "{dir}/{name}_{preset}.{ext}", "commands": ["avthumb/mp4/...", ...],
      "never_upscale": "skip" | "keep_source_size"}]}

``never_upscale`` is optional (absent: sizes are used as set, even when that enlarges).

Commands are stored as fop strings: ``parse_command(build(x)) == x`` is tested, and the file
stays readable. Every problem with a file becomes a ``PresetFileError`` with a plain sentence.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from qfopgui.core.builtin_presets import BUILTIN_SPECS
from qfopgui.core.fops import Command, FopSyntaxError, Problem, parse_command
from qfopgui.core.naming import DEFAULT_TEMPLATE, NamingError, check_template
from qfopgui.core.upscale import UpscalePolicy

FILE_VERSION = 1


DEFAULT_SOURCE = "The preset file"


class PresetError(ValueError):
    """A preset operation was refused (e.g. deleting a built-in). ``str(err)`` is a sentence;
    ``template``/``params`` (and ``problem`` for ``{problem}``) allow translating it."""

    def __init__(self, template: str, /, *, problem: Problem | None = None, **params: object):
        self.template = template
        self.params = {k: str(v) for k, v in params.items()}
        self.problem = problem
        extra = {"problem": problem.message} if problem is not None else {}
        super().__init__(template.format(**self.params, **extra))

    @property
    def message(self) -> str:
        return str(self)


class PresetFileError(PresetError):
    """A preset file could not be read or written."""


@dataclass(frozen=True)
class Preset:
    """A named recipe: commands without ``saveas``; outputs are named by ``template``.

    Each command's output extension comes from the command itself (``Command.output_ext``):
    avthumb's format (``m3u8`` for HLS), vframe's picture format, … ``never_upscale`` says what
    to do with a source smaller than a size the preset sets (None: enlarge it as asked).
    """

    name: str
    commands: tuple[Command, ...]
    template: str = DEFAULT_TEMPLATE
    builtin: bool = False
    description: str = ""
    never_upscale: UpscalePolicy | None = None

    @property
    def output_exts(self) -> tuple[str, ...]:
        return tuple(c.output_ext for c in self.commands)

    def validate(self) -> list[Problem]:
        """Problems of the preset itself and of each command, tagged with the preset's name."""
        out: list[Problem] = []
        if not self.name.strip():
            out.append(Problem.make("name", "Give the preset a name"))
        if not self.commands:
            out.append(Problem.make("commands", "A preset needs at least one command"))
        for command in self.commands:
            if command.saveas is not None:
                out.append(
                    Problem.make(
                        "saveas",
                        "Preset commands must not contain saveas; the output name template "
                        "decides where results go",
                    )
                )
            out += command.validate()
        try:
            check_template(self.template)
        except NamingError as exc:
            out.append(Problem.make("template", exc.template, **exc.params))
        return [p.with_subject(self.name) for p in out]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "description": self.description,
            "template": self.template,
            "commands": [c.build() for c in self.commands],
        }
        if self.never_upscale is not None:
            out["never_upscale"] = self.never_upscale.value
        return out


BUILTIN_PRESETS: tuple[Preset, ...] = tuple(
    Preset(s.name, s.commands, builtin=True, description=s.description) for s in BUILTIN_SPECS
)


def find_preset(name: str, presets: Iterable[Preset] = BUILTIN_PRESETS) -> Preset | None:
    return next((p for p in presets if p.name == name), None)


def builtin_preset(name: str) -> Preset:
    found = find_preset(name)
    if found is None:
        raise KeyError(name)
    return found


def all_presets(user_presets: Iterable[Preset]) -> tuple[Preset, ...]:
    """Built-ins first, then the user's own."""
    return (*BUILTIN_PRESETS, *(p for p in user_presets if not p.builtin))


def add_preset(presets: Sequence[Preset], preset: Preset) -> tuple[Preset, ...]:
    if find_preset(preset.name, (*BUILTIN_PRESETS, *presets)) is not None:
        raise PresetError("A preset named '{name}' already exists", name=preset.name)
    return (*presets, replace(preset, builtin=False))


def remove_preset(presets: Sequence[Preset], name: str) -> tuple[Preset, ...]:
    """Remove a user preset; built-ins cannot be removed."""
    found = find_preset(name, (*BUILTIN_PRESETS, *presets))
    if found is None:
        raise PresetError("There is no preset named '{name}'", name=name)
    if found.builtin:
        raise PresetError("'{name}' is a built-in preset and cannot be deleted", name=name)
    return tuple(p for p in presets if p.name != name)


def unique_name(base: str, taken: Iterable[str]) -> str:
    names = set(taken)
    if base not in names:
        return base
    n = 2
    while f"{base} {n}" in names:
        n += 1
    return f"{base} {n}"


def duplicate_preset(preset: Preset, existing: Iterable[Preset]) -> Preset:
    """An editable copy ("Duplicate to edit")."""
    taken = [p.name for p in (*BUILTIN_PRESETS, *existing)]
    return replace(preset, name=unique_name(f"{preset.name} copy", taken), builtin=False)


def presets_to_json(presets: Iterable[Preset]) -> str:
    data = {"version": FILE_VERSION, "presets": [p.to_dict() for p in presets]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def presets_from_json(text: str, *, source: str = DEFAULT_SOURCE) -> list[Preset]:
    """Read and fully validate a preset file's text; ``PresetFileError`` on any problem."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PresetFileError(
            "{source} is not valid JSON (line {line}).", source=source, line=exc.lineno
        ) from None
    if not isinstance(data, dict) or "presets" not in data:
        raise PresetFileError("{source} is not a qfopgui preset file.", source=source)
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise PresetFileError("{source} has no valid version number.", source=source)
    if version > FILE_VERSION:
        raise PresetFileError(
            "{source} was made by a newer qfopgui (format version {version}); "
            "this version reads format {supported}.",
            source=source,
            version=version,
            supported=FILE_VERSION,
        )
    if version != FILE_VERSION:
        raise PresetFileError(
            "{source} has an unknown format version ({version}).", source=source, version=version
        )
    items = data["presets"]
    if not isinstance(items, list):
        raise PresetFileError("{source}: 'presets' must be a list.", source=source)
    presets = [_preset_from_item(item, n, source) for n, item in enumerate(items, 1)]
    seen: set[str] = set()
    for preset in presets:
        if preset.name in seen:
            raise PresetFileError(
                "{source} has two presets named '{name}'.", source=source, name=preset.name
            )
        seen.add(preset.name)
    return presets


def _preset_from_item(item: object, number: int, source: str) -> Preset:
    if not isinstance(item, dict):
        raise PresetFileError(
            "{source}, preset {number} is not an object.", source=source, number=number
        )
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise PresetFileError(
            "{source}, preset {number} has no name.", source=source, number=number
        )
    template = item.get("template", DEFAULT_TEMPLATE)
    description = item.get("description", "")
    commands = item.get("commands")
    if not isinstance(template, str) or not isinstance(description, str):
        raise PresetFileError(
            "{source}, preset '{name}': template and description must be text.",
            source=source,
            name=name,
        )
    if not isinstance(commands, list) or not all(isinstance(c, str) for c in commands):
        raise PresetFileError(
            "{source}, preset '{name}': 'commands' must be a list of command strings.",
            source=source,
            name=name,
        )
    parsed: list[Command] = []
    for n, text in enumerate(commands, 1):
        try:
            parsed.append(parse_command(text))
        except FopSyntaxError as exc:
            raise PresetFileError(
                "{source}, preset '{name}', command {number}: {error}",
                source=source,
                name=name,
                number=n,
                error=exc,
            ) from None
    never_upscale = item.get("never_upscale")
    if never_upscale is not None and never_upscale not in set(UpscalePolicy):
        raise PresetFileError(
            "{source}, preset '{name}': 'never_upscale' must be one of {choices}.",
            source=source,
            name=name,
            choices=", ".join(p.value for p in UpscalePolicy),
        )
    preset = Preset(
        name,
        tuple(parsed),
        template,
        builtin=False,
        description=description,
        never_upscale=None if never_upscale is None else UpscalePolicy(never_upscale),
    )
    problems = preset.validate()
    if problems:
        raise PresetFileError(
            "{source}, preset '{name}': {problem}", problem=problems[0], source=source, name=name
        )
    return preset


def load_presets(path: Path) -> list[Preset]:
    """The user's presets; a missing file means none yet."""
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PresetFileError("Could not read {path}: {error}", path=path, error=exc) from None
    return presets_from_json(text, source=str(path))


def save_presets(path: Path, presets: Iterable[Preset]) -> None:
    """Atomically write the user's presets (built-ins are never written)."""
    _write_atomic(path, presets_to_json(p for p in presets if not p.builtin))


def export_presets(path: Path, presets: Iterable[Preset]) -> None:
    """Write the given presets (built-ins included, as ordinary presets) to share them."""
    _write_atomic(path, presets_to_json(presets))


def import_presets(path: Path, existing: Iterable[Preset]) -> list[Preset]:
    """Read presets from a file; names that clash get " (imported)" and a number if needed."""
    if not path.exists():
        raise PresetFileError("{path} does not exist.", path=path)
    imported = load_presets(path)
    taken = {p.name for p in (*BUILTIN_PRESETS, *existing)}
    out: list[Preset] = []
    for preset in imported:
        name = preset.name
        if name in taken:
            name = unique_name(f"{name} (imported)", taken)
        taken.add(name)
        out.append(replace(preset, name=name))
    return out


def _write_atomic(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise PresetFileError("Could not write {path}: {error}", path=path, error=exc) from None
