"""The pipelines (private processing queues) this sandbox knows; pfop to any other is refused.

The real service has no public API to create queues (they are made in the Qiniu console), so a
pfop or an upload naming a queue the account does not have is refused. The sandbox mirrors that
with this registry: the shared public queue (``""`` / ``0.default``) always exists; named queues
come from the configuration (``--pipeline NAME``; fixed for the run), from ``--demo`` seeding,
and from the sandbox-only admin route. Seeded and admin-created names are kept in the storage's
key/value table, so they survive a restart of the same data dir.

Name rules are the app's rules for a profile's pipeline names: 1–100 letters, digits, ``-``,
``_`` and ``.``.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable
from typing import Protocol

SHARED = "0.default"
META_KEY = "known_pipelines"
NAME_RULE = "1–100 letters, digits, '-', '_' or '.'"
_NAME_RE = re.compile(r"[A-Za-z0-9_.\-]{1,100}")
# One read-modify-write at a time: the registry object is rebuilt per request, the list is not.
_WRITE_LOCK = threading.Lock()


class MetaStore(Protocol):
    """The part of ``qfopgui.sandbox.storage.Storage`` the registry needs."""

    def get_meta(self, name: str) -> str | None: ...

    def set_meta(self, name: str, value: str) -> None: ...


def valid_pipeline_name(name: str) -> bool:
    return _NAME_RE.fullmatch(name) is not None


def is_shared(name: str) -> bool:
    """``""`` and ``0.default`` both mean the shared public queue."""
    return name in ("", SHARED)


class KnownPipelines:
    """Fixed names (configuration) plus stored names (demo seeding, admin route)."""

    def __init__(self, store: MetaStore, fixed: Iterable[str] = ()) -> None:
        self._store = store
        self._fixed = tuple(dict.fromkeys(n for n in fixed if not is_shared(n)))

    @property
    def fixed(self) -> tuple[str, ...]:
        return self._fixed

    def stored(self) -> list[str]:
        raw = self._store.get_meta(META_KEY)
        try:
            names = json.loads(raw) if raw else []
        except ValueError:
            return []
        if not isinstance(names, list):
            return []
        return [n for n in names if isinstance(n, str) and valid_pipeline_name(n)]

    def names(self) -> list[str]:
        """Every named queue, sorted (the shared queue is implied, not listed)."""
        return sorted({*self._fixed, *self.stored()})

    def knows(self, name: str) -> bool:
        return is_shared(name) or name in self._fixed or name in self.stored()

    def add(self, name: str) -> bool:
        """Make ``name`` known (idempotent); True when it was new. ValueError on a bad name."""
        if not valid_pipeline_name(name):
            raise ValueError(f"invalid pipeline name {name!r}: use {NAME_RULE}")
        if self.knows(name):
            return False
        with _WRITE_LOCK:
            stored = self.stored()
            if name in stored:
                return False
            self._store.set_meta(META_KEY, json.dumps([*stored, name]))
        return True

    def remove(self, name: str) -> bool:
        """Forget a stored name; True when it was there. Configured names cannot be removed."""
        with _WRITE_LOCK:
            stored = self.stored()
            if name not in stored:
                return False
            self._store.set_meta(META_KEY, json.dumps([n for n in stored if n != name]))
        return True
