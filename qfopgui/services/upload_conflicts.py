"""The batch's one answer to "these names already exist": skip, overwrite, or keep both.

Keep both names the new file like a desktop does: `a.mp4` → `a (1).mp4`, `a (2).mp4`, … the
first that is free against the keys known to exist in the bucket AND every key of the same
batch (so two renamed files never meet). A proposed name may itself exist in the bucket, which
the scan did not ask about, so `resolve_keep_both` asks the bucket about each new name and moves
on until every one is free.

Overwrite is the only choice whose upload token may replace an object; every other upload is
insert-only, so a key created after the scan is refused (614) instead of silently replaced.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass

from qfopgui.services.upload_types import ConflictChoice, UploadItem

MAX_SUFFIX = 100_000
MAX_ROUNDS = 20  # bucket checks of proposed names before giving up (insert-only still guards)

Exists = Callable[[Sequence[str]], Awaitable[set[str]]]


@dataclass(frozen=True)
class PlannedUpload:
    """One item after the conflict choice: its final key and what its token allows."""

    item: UploadItem
    key: str
    overwrite: bool = False  # the token may replace an existing object
    skipped: bool = False  # the key exists and the user chose Skip

    @property
    def renamed(self) -> bool:
        return self.key != self.item.key


def split_name(key: str) -> tuple[str, str]:
    """(`dir/name`, `.ext`) of a key; a leading dot (`.profile`) is part of the name."""
    folder, _, name = key.rpartition("/")
    dot = name.rfind(".")
    if dot <= 0:
        return key, ""
    head = f"{folder}/{name[:dot]}" if folder else name[:dot]
    return head, name[dot:]


def numbered(key: str, n: int) -> str:
    """`dir/a.mp4`, 2 → `dir/a (2).mp4`."""
    head, ext = split_name(key)
    return f"{head} ({n}){ext}"


def first_free(key: str, taken: Collection[str]) -> str:
    """The first `name (n).ext` not in `taken`."""
    for n in range(1, MAX_SUFFIX):
        candidate = numbered(key, n)
        if candidate not in taken:
            return candidate
    raise ValueError(f"no free name for {key!r}")


def apply_choice(
    items: Sequence[UploadItem],
    existing: Collection[str],
    choice: ConflictChoice,
    *,
    also_taken: Collection[str] = (),
) -> list[PlannedUpload]:
    """The plan for each item (in order). `also_taken`: names found in the bucket since."""
    out: list[PlannedUpload] = []
    taken = {i.key for i in items} | set(existing) | set(also_taken)
    for item in items:
        if item.key not in existing:
            out.append(PlannedUpload(item, item.key))
        elif choice is ConflictChoice.SKIP:
            out.append(PlannedUpload(item, item.key, skipped=True))
        elif choice is ConflictChoice.OVERWRITE:
            out.append(PlannedUpload(item, item.key, overwrite=True))
        else:
            key = first_free(item.key, taken)
            taken.add(key)
            out.append(PlannedUpload(item, key))
    return out


async def resolve_keep_both(
    items: Sequence[UploadItem], existing: Collection[str], exists: Exists
) -> list[PlannedUpload]:
    """Keep both, with every new name checked against the bucket (see the module docstring).

    `exists(keys)` answers which of `keys` the bucket has. After `MAX_ROUNDS` rounds the last
    plan is returned as it is: its insert-only tokens still never replace anything.
    """
    found: set[str] = set()
    checked: set[str] = set()
    plan = apply_choice(items, existing, ConflictChoice.KEEP_BOTH)
    for _round in range(MAX_ROUNDS):
        new = [p.key for p in plan if p.renamed and p.key not in checked]
        if not new:
            break
        checked.update(new)
        there = await exists(new)
        if not there:
            break
        found |= there
        plan = apply_choice(items, existing, ConflictChoice.KEEP_BOTH, also_taken=found)
    return plan
