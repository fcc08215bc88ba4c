"""Importing presets in two steps: a plan that changes nothing, then the person's decisions.

``plan_import`` sorts a file's presets into new ones and conflicts (same name as a preset the
library already has); ``resolve_import`` turns the plan plus one ``ConflictChoice`` per conflict
into the library's next list of custom presets, without touching any file.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from qfopgui.core.presets import Preset, PresetError, find_preset, unique_name
from qfopgui.services import preset_messages as M


class ConflictChoice(enum.Enum):
    """What to do with an imported preset whose name is already used.

    ``REPLACE`` of a built-in is not possible (built-ins are locked): it is treated as
    ``KEEP_BOTH``, so the import is added under a new name and nothing is lost.
    """

    REPLACE = "replace"  # the import takes the existing custom preset's place
    KEEP_BOTH = "keep_both"  # the import is added under a free name ("Name 2")
    SKIP = "skip"  # the import is dropped


@dataclass(frozen=True)
class Conflict:
    """An imported preset and the preset of the library that has the same name."""

    incoming: Preset
    existing: Preset

    @property
    def name(self) -> str:
        return self.incoming.name

    @property
    def can_replace(self) -> bool:
        """False for a built-in: choosing REPLACE keeps both instead."""
        return not self.existing.builtin

    @property
    def identical(self) -> bool:
        """The import is the same recipe (commands, template, description) as the existing one."""
        return replace(self.existing, builtin=False) == self.incoming


@dataclass(frozen=True)
class ImportPlan:
    """What importing ``source`` would do; reading it changed nothing."""

    source: Path
    presets: tuple[Preset, ...]  # everything in the file, in its order
    new: tuple[Preset, ...]
    conflicts: tuple[Conflict, ...]

    @property
    def conflict_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.conflicts)


@dataclass(frozen=True)
class ImportResult:
    """What an import did, by the names now in the library (``renamed``: file name → new)."""

    added: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    renamed: Mapping[str, str] = field(default_factory=dict)


def plan_import(source: Path, incoming: Sequence[Preset], library: Iterable[Preset]) -> ImportPlan:
    """Sort ``incoming`` (read from ``source``) against the library's presets (built-ins too)."""
    existing = tuple(library)
    presets = tuple(replace(p, builtin=False) for p in incoming)
    new: list[Preset] = []
    conflicts: list[Conflict] = []
    for preset in presets:
        found = find_preset(preset.name, existing)
        if found is None:
            new.append(preset)
        else:
            conflicts.append(Conflict(preset, found))
    return ImportPlan(source, presets, (*new,), (*conflicts,))


def resolve_import(
    plan: ImportPlan,
    decisions: Mapping[str, ConflictChoice],
    builtins: Sequence[Preset],
    custom: Sequence[Preset],
) -> tuple[tuple[Preset, ...], ImportResult]:
    """The custom presets after the import, and what was done.

    The plan is checked again against ``custom`` as it is now: a conflict whose preset has been
    deleted since is simply added, and a "new" preset whose name was taken since keeps both.
    Every conflict of the plan needs a decision (``PresetError`` otherwise, nothing done).
    """
    missing = [name for name in plan.conflict_names if name not in decisions]
    if missing:
        raise PresetError(M.NO_DECISION, name=missing[0])
    current = list(custom)
    builtin_names = {p.name for p in builtins}
    choices: list[tuple[Preset, ConflictChoice | None]] = []
    for preset in plan.presets:
        taken = preset.name in builtin_names or find_preset(preset.name, current) is not None
        choice = decisions.get(preset.name, ConflictChoice.KEEP_BOTH) if taken else None
        if choice is ConflictChoice.REPLACE and preset.name in builtin_names:
            choice = ConflictChoice.KEEP_BOTH
        choices.append((preset, choice))
    # names that stay as they are first, so a renamed import never takes one of them
    taken_names = builtin_names | {p.name for p in current}
    taken_names |= {p.name for p, c in choices if c is None}
    added: list[str] = []
    replaced: list[str] = []
    skipped: list[str] = []
    renamed: dict[str, str] = {}
    for preset, choice in choices:
        if choice is ConflictChoice.SKIP:
            skipped.append(preset.name)
        elif choice is ConflictChoice.REPLACE:
            current = [preset if p.name == preset.name else p for p in current]
            replaced.append(preset.name)
        elif choice is ConflictChoice.KEEP_BOTH:
            name = unique_name(preset.name, taken_names)
            taken_names.add(name)
            renamed[preset.name] = name
            current.append(replace(preset, name=name))
            added.append(name)
        else:
            current.append(preset)
            added.append(preset.name)
    result = ImportResult((*added,), (*replaced,), (*skipped,), renamed)
    return tuple(current), result
