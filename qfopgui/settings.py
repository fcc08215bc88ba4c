"""Typed settings over QSettings in IniFormat at an explicit path (never the Windows registry).

Every key is declared once with its type and default; `schema_version` plus ordered upgrade
functions let later versions rename or convert keys without surprising anyone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Key:
    name: str
    type: type
    default: Any


KEYS: dict[str, Key] = {
    k.name: k
    for k in (
        Key("schema_version", int, SCHEMA_VERSION),
        Key("window/geometry", bytes, b""),
        Key("window/state", bytes, b""),
        Key("window/splitter", bytes, b""),
        Key("ui/language", str, ""),
        Key("ui/last_view", str, "files"),
        Key("files/last_bucket", str, ""),
        Key("files/details_visible", bool, True),
        Key("files/hide_outputs", bool, False),  # Files: hide what qfopgui's jobs made
        Key("submit/checked_presets", str, ""),  # JSON list of the presets ticked last time
        Key("uploads/presets", str, ""),  # JSON list: Transcode on upload's presets ([] = off)
        Key("links/expiry", int, 86400),  # seconds a private link works (last choice)
        Key("links/domains", str, ""),  # JSON {profile: {bucket: domain}}: the chosen domains
    )
}

# upgrade functions from version N to N+1, applied in order (none yet)
UPGRADES: dict[int, Callable[[QSettings], None]] = {}


class Settings:
    """`get(name)` / `set(name, value)` for declared keys only; values come back typed."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)
        self._upgrade()

    @property
    def path(self) -> Path:
        return Path(self._qs.fileName())

    def _upgrade(self) -> None:
        stored = self._qs.value("schema_version")
        version = int(stored) if stored is not None else SCHEMA_VERSION
        while version < SCHEMA_VERSION:
            step = UPGRADES.get(version)
            if step is not None:
                step(self._qs)
            version += 1
        self._qs.setValue("schema_version", SCHEMA_VERSION)

    def get(self, name: str) -> Any:
        key = KEYS[name]
        raw = self._qs.value(name)
        if raw is None:
            return key.default
        try:
            if key.type is bytes:
                return bytes(raw.data()) if isinstance(raw, QByteArray) else bytes(raw)
            if key.type is bool:
                return raw in (True, "true", "1", 1)
            return key.type(raw)
        except (TypeError, ValueError):
            return key.default

    def set(self, name: str, value: Any) -> None:
        key = KEYS[name]
        if key.type is bytes:
            value = QByteArray(bytes(value))
        self._qs.setValue(name, value)

    def sync(self) -> None:
        self._qs.sync()
