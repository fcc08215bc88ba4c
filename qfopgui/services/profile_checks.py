"""Checking an account as a person typed it: one problem per field, in words they can act on.

The store (`services.profiles`) accepts any well-formed profile (older files, the sandbox,
tests); these rules are for the account dialog, which shows each problem at its field.
Sentences are `str.format` templates, translated by the UI in the "services" context
(`FIELD_WORDS` too).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from qfopgui.services.profiles import SERVICES

if TYPE_CHECKING:
    from qfopgui.services.profiles import Profile


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
