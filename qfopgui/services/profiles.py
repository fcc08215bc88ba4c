"""Accounts ("profiles"): name, AccessKey and where requests go. JSON on disk, never a secret.

The SecretKey lives in the OS keyring (`services.secrets`); this file holds only what is safe to
read over someone's shoulder. A damaged file is moved aside and reported instead of crashing the
app, so one bad edit never locks a user out.
"""

from __future__ import annotations

import builtins
import json
import logging
import os
import shutil
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from qfopgui.api.config import Endpoints

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
SERVICES = ("uc", "rs", "rsf", "api", "up", "io")
HOST_KEYS = frozenset((*SERVICES, "base"))


class ProfileError(ValueError):
    """A profile is invalid or the operation conflicts with another profile."""


@dataclass(frozen=True)
class Profile:
    """One account. `hosts` (keys uc/rs/rsf/api/up/io or "base") overrides the region's hosts."""

    name: str
    access_key: str
    region: str = "z0"
    hosts: Mapping[str, str] | None = None
    is_sandbox: bool = False
    pipelines: tuple[str, ...] = field(default=())
    default_pipeline: str = ""

    def endpoints(self) -> Endpoints:
        """Where requests go. No host but (at most) uc: each bucket's hosts are discovered
        through uc's region query, as the SDKs do. A base URL, or any other service host, is
        explicit (private cloud): one base URL for every service, then per-service overrides,
        and no query at all."""
        hosts = dict(self.hosts or {})
        base = hosts.pop("base", "").strip()
        overrides = {k: v.strip().rstrip("/") for k, v in hosts.items() if k in SERVICES and v}
        if not base and set(overrides) <= {"uc"}:
            return Endpoints.discovered(self.region or "z0", overrides.get("uc", ""))
        ep = Endpoints.single(base) if base else Endpoints.for_region(self.region or "z0")
        return replace(ep, **{k: overrides.get(k, getattr(ep, k)) for k in SERVICES})

    def validate(self) -> None:
        """Raise ProfileError with a message a person can act on."""
        if not self.name.strip():
            raise ProfileError("The account needs a name.")
        if not self.access_key.strip():
            raise ProfileError("The AccessKey is empty.")
        for key, value in (self.hosts or {}).items():
            if key not in HOST_KEYS:
                raise ProfileError(f"Unknown service host {key!r}.")
            if value and not value.startswith(("http://", "https://")):
                raise ProfileError(f"The {key} host must start with http:// or https://.")

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "access_key": self.access_key,
            "region": self.region,
            "hosts": dict(self.hosts) if self.hosts else None,
            "is_sandbox": self.is_sandbox,
            "pipelines": list(self.pipelines),
            "default_pipeline": self.default_pipeline,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Profile:
        hosts = data.get("hosts")
        if hosts is not None and not isinstance(hosts, Mapping):
            raise ProfileError("hosts must be an object")
        return cls(
            name=str(data["name"]),
            access_key=str(data.get("access_key", "")),
            region=str(data.get("region") or "z0"),
            hosts={str(k): str(v) for k, v in hosts.items()} if hosts else None,
            is_sandbox=bool(data.get("is_sandbox", False)),
            pipelines=tuple(str(p) for p in data.get("pipelines") or ()),
            default_pipeline=str(data.get("default_pipeline") or ""),
        )


class ProfileStore:
    """Profiles in one versioned JSON file, written atomically (temp file + rename).

    If the file cannot be read, it is copied to `<name>.bad-<time>` and the store starts empty;
    `load_error` then says what happened so the UI can tell the user.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._profiles: dict[str, Profile] = {}
        self._current: str | None = None
        self.load_error: str | None = None
        self.backup_path: Path | None = None
        self._load()

    @property
    def path(self) -> Path:
        return self._path

    # -- reading ------------------------------------------------------------------------------
    def _load(self) -> None:
        if not self._path.exists():
            return
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ProfileError("not a JSON object")
            version = data.get("version")
            if not isinstance(version, int) or version > FORMAT_VERSION:
                raise ProfileError(f"unsupported format version {version!r}")
            profiles = [Profile.from_json(p) for p in data.get("profiles", [])]
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            self._quarantine(exc)
            return
        self._profiles = {p.name: p for p in profiles}
        current = data.get("current")
        self._current = current if current in self._profiles else None

    def _quarantine(self, exc: Exception) -> None:
        backup = self._path.with_name(f"{self._path.name}.bad-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            shutil.copy2(self._path, backup)
            self.backup_path = backup
        except OSError:
            log.exception("could not back up the damaged profiles file")
        self.load_error = (
            f"The accounts file could not be read ({exc}). "
            f"A copy was kept as {backup.name}; accounts need to be added again."
        )
        log.error("profiles file %s unreadable: %s", self._path, exc)

    def list(self) -> builtins.list[Profile]:
        return builtins.list(self._profiles.values())

    def names(self) -> builtins.list[str]:
        return builtins.list(self._profiles)

    def get(self, name: str) -> Profile | None:
        return self._profiles.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self._profiles

    def __len__(self) -> int:
        return len(self._profiles)

    @property
    def current(self) -> Profile | None:
        return self._profiles.get(self._current) if self._current else None

    # -- writing ------------------------------------------------------------------------------
    def set_current(self, name: str | None) -> None:
        if name is not None and name not in self._profiles:
            raise ProfileError(f"There is no account named {name!r}.")
        self._current = name
        self._save()

    def upsert(self, profile: Profile, *, rename_from: str | None = None) -> Profile:
        """Add or replace `profile`; with `rename_from`, the old entry is replaced in place."""
        profile.validate()
        old = rename_from if rename_from and rename_from in self._profiles else None
        if profile.name in self._profiles and profile.name != (old or profile.name):
            raise ProfileError(f"An account named {profile.name!r} already exists.")
        if old and old != profile.name:
            # keep the position in the list so the combo does not jump around
            self._profiles = {
                (profile.name if k == old else k): (profile if k == old else v)
                for k, v in self._profiles.items()
            }
            if self._current == old:
                self._current = profile.name
        else:
            self._profiles[profile.name] = profile
        self._save()
        return profile

    def delete(self, name: str) -> None:
        if self._profiles.pop(name, None) is None:
            return
        if self._current == name:
            self._current = next(iter(self._profiles), None)
        self._save()

    def _save(self) -> None:
        data = {
            "version": FORMAT_VERSION,
            "current": self._current,
            "profiles": [p.to_json() for p in self._profiles.values()],
        }
        self._path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._path.with_name(self._path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self._path)
        self.load_error = None
