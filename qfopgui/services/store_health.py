"""What opening the job database found, for the app to tell the user (`JobStore.open()`)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


class StoreStatus(enum.Enum):
    OK = "ok"  # the existing file is healthy and writable (maybe migrated; see backup_path)
    FRESH = "fresh"  # there was no file: a new, empty one was created
    RECOVERED = "recovered"  # the file was unusable: moved to `backup_path`, a new one started
    READ_ONLY = "read_only"  # healthy but cannot be written: shown, every write is refused
    IN_MEMORY = "in_memory"  # no usable file at all: jobs are kept only until the app quits


class SetAsideReason(enum.Enum):
    """Why an existing file could not be used (the word in its backup name)."""

    DAMAGED = "damaged"  # not a database, or the integrity check failed
    NEWER = "newer"  # written by a newer version of the app (higher user_version)
    UNREADABLE = "unreadable"  # sqlite or the OS could not read it at all


@dataclass(frozen=True)
class StoreHealth:
    """The report of one open. ``template``/``params`` (``store_messages``) are empty for OK and
    FRESH: nothing the user must know. ``backup_path`` is where an unusable file was moved
    (RECOVERED), or the copy written before a schema migration (OK)."""

    status: StoreStatus
    path: Path
    backup_path: Path | None = None
    reason: SetAsideReason | None = None
    template: str = ""
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """The English sentence ("" when there is nothing to tell)."""
        return self.template.format(**self.params) if self.template else ""

    @property
    def needs_attention(self) -> bool:
        """True when the user should be told (show ``message``, e.g. in a banner)."""
        return bool(self.template)
