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
import re
import shutil
import time
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from qfopgui.api.config import Endpoints

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
SERVICES = ("uc", "rs", "rsf", "api", "up", "io")
HOST_KEYS = frozenset((*SERVICES, "base"))


class ProfileError(ValueError):
    """A profile is invalid or the operation conflicts with another profile."""


# --- checking what a person typed --------------------------------------------------------------
# The store accepts any well-formed profile (older files, the sandbox, tests); these rules are
# for the account dialog, which shows each problem at its field. Sentences are `str.format`
# templates, translated by the UI in the "services" context (`FIELD_WORDS` too).

NAME_MAX = 64
KEY_MIN, KEY_MAX, KEY_TYPICAL = 20, 128, 40  # Qiniu AK/SK: 40 URL-safe base64 characters
_KEY_CHARS = re.compile(r"[A-Za-z0-9_-]")
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

NAME_MISSING = "Give the account a name."
NAME_TOO_LONG = "The name is {count} characters long; use at most {max}."
NAME_CONTROL = "The name contains a line break, tab or other control character. Remove it."
NAME_TAKEN = "Another account is already called “{other}”. Choose a different name."
NAME_RESERVED = "“{name}” is the name of the built-in practice account. Choose a different name."
KEY_MISSING = "Enter the {key}."
KEY_SPACE = (
    "The {key} contains a space or line break. "
    "Copy it again from the Qiniu portal (Key management)."
)
KEY_CHARACTER = "The {key} contains “{char}”. Qiniu keys use only letters, digits, “-” and “_”."
SECRET_CHARACTER = (
    "The SecretKey contains a character Qiniu keys never have. "
    "They use only letters, digits, “-” and “_”."
)
KEY_LENGTH = (
    "The {key} has {count} characters, but a Qiniu key has {typical}. "
    "Copy the whole key from the Qiniu portal (Key management)."
)
HOSTS_MISSING = "Enter a base URL, or a host for every service."
HOST_SPACE = "The {field} contains a space. Enter only the address, like https://qiniu.example.com."
HOST_SCHEME = "The {field} must start with http:// or https://."
HOST_NO_HOST = "The {field} has no host name after “{scheme}://”."
HOST_PORT = (
    "The {field} has an invalid port. "
    "Use a number from 1 to 65535, like https://qiniu.example.com:8080."
)
HOST_PATH = (
    "The {field} must be only the scheme, host and port "
    "(like https://qiniu.example.com:8080), without a path or “?…”."
)

# what {field} means in the host sentences, per field id
FIELD_WORDS: dict[str, str] = {
    "base": "base URL",
    "uc": "uc host",
    "rs": "rs host",
    "rsf": "rsf host",
    "api": "api host",
    "up": "up host",
    "io": "io host",
}
KEY_FIELDS = {"access_key": "AccessKey", "secret_key": "SecretKey"}


@dataclass(frozen=True)
class ProfileProblem:
    """One thing wrong with an account as typed, and the field it belongs to.

    `field` is "name", "access_key", "secret_key", "base" or a service id (uc, rs, …);
    `template` + `params` let the UI show the sentence in the user's language.
    """

    field: str
    message: str
    template: str
    params: tuple[tuple[str, str], ...] = ()

    @classmethod
    def make(cls, field: str, template: str, /, **params: object) -> ProfileProblem:
        texts = {k: str(v) for k, v in params.items()}
        return cls(field, template.format(**texts), template, tuple(texts.items()))

    @property
    def params_dict(self) -> dict[str, str]:
        return dict(self.params)

    def __str__(self) -> str:
        return self.message


def check_name(
    name: str,
    existing: Iterable[str] = (),
    *,
    original: str | None = None,
    reserved: Iterable[str] = (),
) -> ProfileProblem | None:
    """The name is trimmed; it must be there, short, printable and unique ignoring case.

    `original` is the name being edited (renaming "prod" to "Prod" is fine); `reserved` are
    names other accounts may not take (the sandbox's).
    """
    name = name.strip()
    if not name:
        return ProfileProblem.make("name", NAME_MISSING)
    if len(name) > NAME_MAX:
        return ProfileProblem.make("name", NAME_TOO_LONG, count=len(name), max=NAME_MAX)
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in _BIDI_CONTROLS for c in name):
        return ProfileProblem.make("name", NAME_CONTROL)
    folded = name.casefold()
    mine = original.strip().casefold() if original else None
    for other in existing:
        if other.strip().casefold() == folded and other.strip().casefold() != mine:
            return ProfileProblem.make("name", NAME_TAKEN, other=other)
    for word in reserved:
        if word.casefold() == folded and word.casefold() != mine:
            return ProfileProblem.make("name", NAME_RESERVED, name=word)
    return None


def check_key(field: str, value: str, *, required: bool = True) -> ProfileProblem | None:
    """An AccessKey ("access_key") or SecretKey ("secret_key"), trimmed at the ends.

    Inside, a pasted key must have no whitespace and only URL-safe base64 characters, and a
    plausible length. The SecretKey's characters are never repeated in a message.
    """
    key = KEY_FIELDS[field]
    value = value.strip()
    if not value:
        return ProfileProblem.make(field, KEY_MISSING, key=key) if required else None
    if any(c.isspace() for c in value):
        return ProfileProblem.make(field, KEY_SPACE, key=key)
    bad = next((c for c in value if not _KEY_CHARS.fullmatch(c)), None)
    if bad is not None:
        if field == "secret_key":
            return ProfileProblem.make(field, SECRET_CHARACTER)
        return ProfileProblem.make(field, KEY_CHARACTER, key=key, char=bad)
    if not KEY_MIN <= len(value) <= KEY_MAX:
        return ProfileProblem.make(
            field, KEY_LENGTH, key=key, count=len(value), typical=KEY_TYPICAL
        )
    return None


def check_host(field: str, value: str) -> ProfileProblem | None:
    """A custom host (`field` "base" or a service id): http(s)://host[:port], nothing more.

    Empty is fine here (a service without its own host uses the base URL).
    """
    words = FIELD_WORDS[field]
    value = value.strip()
    if not value:
        return None
    if any(c.isspace() for c in value):
        return ProfileProblem.make(field, HOST_SPACE, field=words)
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not value.lower().startswith(
        f"{parts.scheme.lower()}://"
    ):
        return ProfileProblem.make(field, HOST_SCHEME, field=words)
    if not parts.hostname:
        return ProfileProblem.make(field, HOST_NO_HOST, field=words, scheme=parts.scheme)
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0:
        return ProfileProblem.make(field, HOST_PORT, field=words)
    if parts.path not in ("", "/") or parts.query or parts.fragment or "?" in value:
        return ProfileProblem.make(field, HOST_PATH, field=words)
    return None


def validate_profile(
    profile: Profile,
    secret: str | None,
    *,
    existing_names: Iterable[str] = (),
    original_name: str | None = None,
    reserved_names: Iterable[str] = (),
) -> list[ProfileProblem]:
    """Every problem with an account as typed, at most one per field, in the form's order.

    An empty `secret` is fine only when editing (`original_name` set): the saved key is kept.
    `profile.hosts` not None means custom hosts: a base URL or a host for every service.
    """
    found = [
        check_name(profile.name, existing_names, original=original_name, reserved=reserved_names),
        check_key("access_key", profile.access_key),
        check_key("secret_key", secret or "", required=original_name is None),
    ]
    if profile.hosts is not None:
        hosts = {k: v.strip() for k, v in profile.hosts.items()}
        if not hosts.get("base") and not all(hosts.get(s) for s in SERVICES):
            found.append(ProfileProblem.make("base", HOSTS_MISSING))
        found.extend(check_host(k, hosts.get(k, "")) for k in ("base", *SERVICES))
    problems = [p for p in found if p is not None]
    firsts = {p.field: p for p in reversed(problems)}  # the first problem of each field wins
    return [p for p in problems if firsts[p.field] is p]


PROFILE_MESSAGES: tuple[str, ...] = (
    NAME_MISSING,
    NAME_TOO_LONG,
    NAME_CONTROL,
    NAME_TAKEN,
    NAME_RESERVED,
    KEY_MISSING,
    KEY_SPACE,
    KEY_CHARACTER,
    SECRET_CHARACTER,
    KEY_LENGTH,
    HOSTS_MISSING,
    HOST_SPACE,
    HOST_SCHEME,
    HOST_NO_HOST,
    HOST_PORT,
    HOST_PATH,
    *FIELD_WORDS.values(),
)


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
        """Region hosts, or one base URL for every service, then per-service overrides."""
        hosts = dict(self.hosts or {})
        base = hosts.pop("base", "").strip()
        ep = Endpoints.single(base) if base else Endpoints.for_region(self.region or "z0")
        overrides = {k: v.strip().rstrip("/") for k, v in hosts.items() if k in SERVICES and v}
        return replace(ep, **overrides) if overrides else ep

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
