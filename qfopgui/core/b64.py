"""URL-safe base64 as Qiniu uses it (`+`→`-`, `/`→`_`): padded on output, lenient on input.

Kept in core (stdlib only) so the fop model and the naming code do not depend on the SDK;
tests prove the output equals ``qiniu.utils.urlsafe_base64_encode``.
"""

from __future__ import annotations

import base64
import binascii
import re

_B64_TOKEN = re.compile(r"[A-Za-z0-9_\-+/]*={0,2}")


def b64encode_text(text: str) -> str:
    """Encode UTF-8 text; ``=`` padding is kept, exactly like the SDK."""
    return b64encode_bytes(text.encode("utf-8"))


def b64encode_bytes(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii")


def b64decode_bytes(token: str) -> bytes:
    """Decode URL-safe (or standard) base64, with or without padding.

    Raises ``ValueError`` for anything that is not base64, instead of silently skipping
    characters the way ``base64.urlsafe_b64decode`` does.
    """
    if not _B64_TOKEN.fullmatch(token):
        raise ValueError("not base64")
    body = token.rstrip("=")
    if len(body) % 4 == 1:
        raise ValueError("not base64 (wrong length)")
    body += "=" * (-len(body) % 4)
    try:
        return base64.b64decode(body.replace("-", "+").replace("_", "/"), validate=True)
    except binascii.Error as exc:
        raise ValueError("not base64") from exc


def b64decode_text(token: str) -> str:
    """Decode base64 that must hold UTF-8 text; ``ValueError`` otherwise."""
    try:
        return b64decode_bytes(token).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError("base64 does not hold UTF-8 text") from exc
