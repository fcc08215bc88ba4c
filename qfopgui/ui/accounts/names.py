"""Account names inside sentences: a 2,000-character name must not make a dialog, banner or
window title 2,000 characters wide, so it is shortened in the middle (start and end stay)."""

from __future__ import annotations

NAME_IN_TEXT = 48  # characters of a name shown inside a sentence


def short_name(name: str, limit: int = NAME_IN_TEXT) -> str:
    """`name`, or its start and end around "…" so that it has at most `limit` characters."""
    if len(name) <= limit:
        return name
    keep = max(limit - 1, 2)
    head = (keep + 1) // 2
    return f"{name[:head]}…{name[len(name) - (keep - head) :]}"
