"""avthumb's ``af/<filters>``: a comma-separated chain of whitelisted ffmpeg audio filters.

Each filter is ``name`` or ``name=arg:arg...`` (e.g. ``volume=1.5``,
``afade=t=in:ss=0:d=3,afade=t=out:st=57:d=3``). Arguments are limited to ``[A-Za-z0-9.=:_-]``,
so a value can never open another filter, a graph label or a quoted string; none of the
whitelisted filters reads or writes files. Anything else fails the item naming the filter.
"""

from __future__ import annotations

import re

from qfopgui.sandbox.processing.params import ParamError

ALLOWED = ("volume", "afade", "atempo", "aresample", "highpass", "lowpass", "loudnorm")
_FILTER_RE = re.compile(r"([a-z]+)(?:=([A-Za-z0-9.=:_-]+))?")
MAX_FILTERS = 16


def audio_filter_chain(value: str) -> str:
    """Validate an ``af`` value and return it as an ffmpeg ``-af`` argument."""
    if not value:
        raise ParamError("invalid af: the filter chain is empty")
    parts = value.split(",")
    if len(parts) > MAX_FILTERS:
        raise ParamError(f"invalid af: at most {MAX_FILTERS} filters")
    for part in parts:
        if not part:
            raise ParamError("invalid af: an empty filter in the chain (a stray comma)")
        match = _FILTER_RE.fullmatch(part)
        if match is None:
            name = re.split(r"[=:]", part, maxsplit=1)[0] or part
            raise ParamError(
                f"invalid af: filter {name!r} must be name=arg:arg with only letters, digits "
                "and . = : _ - in its arguments"
            )
        if match.group(1) not in ALLOWED:
            raise ParamError(
                f"invalid af: filter {match.group(1)!r} is not allowed in the sandbox "
                f"(allowed: {', '.join(ALLOWED)})"
            )
    return value
