"""The rules about Qiniu object keys (file names), kept in one place.

Qiniu accepts any non-empty UTF-8 string of at most 750 bytes as a key: control characters,
``%``, ``#``, ``?``, spaces, ``+`` and ``.``/``..`` path segments are all ordinary characters to
it (keys are flat names; ``/`` is just a character). It refuses keys that are not UTF-8 with
``400 key must be utf8 encoding``. A Python ``str`` can hold text that is not UTF-8: a lone
surrogate such as ``"\\udcff"`` is what ``os.fsdecode`` makes of a byte that is not valid UTF-8.

``key_problem`` says what Qiniu would refuse; ``link_problem`` adds the keys no download URL can
name; ``key_url_path`` builds the URL path; ``display_key`` makes a key safe to show in a message.
"""

from __future__ import annotations

import re
from itertools import pairwise
from urllib.parse import quote

from qfopgui.core.fops.problems import Problem

MAX_KEY_BYTES = 750
DOT_SEGMENTS = frozenset({".", ".."})

# C0/C1 control characters and DEL, lone surrogates, and the bidirectional controls that can
# make a name read differently from what it is (U+202A–U+202E, U+2066–U+2069).
_UNSAFE_TO_SHOW = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")

__all__ = [
    "DOT_SEGMENTS",
    "MAX_KEY_BYTES",
    "display_key",
    "is_utf8",
    "key_problem",
    "key_url_path",
    "link_problem",
]


def is_utf8(text: str) -> bool:
    """False when ``text`` holds lone surrogates, so it cannot be sent as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def display_key(key: str, *, limit: int = 120) -> str:
    """``key`` as it may appear in a message: control characters, lone surrogates and
    bidirectional controls become ``\\x1b``/``\\udcff``-style escapes, and a very long key is
    shortened with ``…`` so a sentence stays readable."""

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"

    shown = _UNSAFE_TO_SHOW.sub(escape, key)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def key_problem(key: str, *, field: str = "key") -> Problem | None:
    """Why Qiniu would refuse ``key`` (empty, not UTF-8, longer than 750 UTF-8 bytes), or None.

    ``field`` is the problem's field; its message names the key in ``display_key`` form.
    """
    if not key:
        return Problem.make(field, "The file name is empty")
    if not is_utf8(key):
        return Problem.make(
            field,
            "The file name {key} contains bytes that are not valid UTF-8 text; rename the file",
            key=display_key(key),
        )
    size = len(key.encode("utf-8"))
    if size > MAX_KEY_BYTES:
        return Problem.make(
            field,
            "The file name {key} is {size} bytes long; the limit is {max} bytes",
            key=display_key(key),
            size=size,
            max=MAX_KEY_BYTES,
        )
    return None


def link_problem(key: str, *, field: str = "key") -> Problem | None:
    """``key_problem``, plus the keys that no download URL can name: exactly ``.`` or ``..``.

    Such a key is a whole path segment made of dots; HTTP clients and browsers resolve it as
    "this folder"/"the parent folder" whether its dots are written plainly or as ``%2E``.
    """
    problem = key_problem(key, field=field)
    if problem is not None:
        return problem
    if key in DOT_SEGMENTS:
        return Problem.make(
            field,
            "The file name {key} is only dots, so no download link can name it; rename the file",
            key=key,
        )
    return None


def _is_plain_segment(segment: str) -> bool:
    return bool(segment) and segment not in DOT_SEGMENTS


def key_url_path(key: str) -> str:
    """The percent-encoded URL path (no leading ``/``) that names exactly the object ``key``.

    Qiniu decodes the request path once and takes the result as the key, so any encoding of the
    key's UTF-8 bytes names it — as long as nothing between us and Qiniu rewrites the path.
    Facts this encoding is built on:

    * requests and urllib3 apply RFC 3986 "remove dot segments" to every http(s) URL before
      sending, so ``a/../b`` is sent as ``b`` and ``../x.mp4`` climbs out of the bucket path.
    * Writing the dots as ``%2E`` does not help: requests decodes ``%2E`` back to ``.`` (it
      un-escapes unreserved characters after normalising) and sends ``a/../b`` on the wire, and
      the WHATWG URL standard (browsers) treats ``%2e``, ``.%2e``, ``%2e.`` and ``%2e%2e``
      segments as dot segments and removes them.
    * ``%2F`` is not a segment separator for any of them, so a segment such as ``..%2Fb`` is
      never a dot segment, and all of them pass ``%2F`` on unchanged. ``//`` is kept by them
      but merged by some proxies (nginx ``merge_slashes``).

    So: every byte except ASCII letters, digits and ``-._~`` is percent-encoded (UTF-8,
    uppercase hex; ``%``, ``#``, ``?``, space, ``+`` and ``;`` included), and a ``/`` next to a
    ``.``/``..`` or empty segment is written as ``%2F``; other ``/`` stay readable. Such a path
    contains only characters that requests, urllib3 and WHATWG parsers leave alone.
    ``unquote(key_url_path(key)) == key``.

    A key that is exactly ``.`` or ``..`` has no such path (see ``link_problem``); this raises
    ``ValueError`` for those and for keys that ``key_problem`` refuses.
    """
    problem = link_problem(key)
    if problem is not None:
        raise ValueError(problem.message)
    segments = key.split("/")
    out = [quote(segments[0], safe="")]
    for before, after in pairwise(segments):
        plain = _is_plain_segment(before) and _is_plain_segment(after)
        out.append("/" if plain else "%2F")
        out.append(quote(after, safe=""))
    return "".join(out)
