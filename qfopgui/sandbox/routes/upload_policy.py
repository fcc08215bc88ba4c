"""Put-policy features of uploads: magic variables, MIME/key limits and the upload callback.

How the service renders templates: in a JSON template (``returnBody``, or ``callbackBody`` with
``callbackBodyType: application/json``) a ``$(var)`` inside a string literal is replaced by the
JSON-escaped text, and a ``$(var)`` standing as a value on its own is replaced by its JSON
encoding (strings quoted, numbers as numbers; an unknown variable becomes ``null``). A form
``callbackBody`` (``key=$(key)&h=$(etag)``) gets URL-encoded values.

The callback is a ``POST`` to ``callbackUrl`` (``;``-separated URLs are tried in order) signed
``Authorization: QBox <ak>:<sign>`` exactly as ``qiniu.Auth.verify_callback`` checks it; its JSON
answer becomes the upload response. The sandbox only calls back loopback hosts.
"""

from __future__ import annotations

import ipaddress
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

from qfopgui.sandbox.routes.common import ApiError

_VAR_RE = re.compile(r"\$\(([A-Za-z0-9_:.\-]+)\)")
_FORM = "application/x-www-form-urlencoded"
_JSON = "application/json"
_CALLBACK_TIMEOUT_S = 10.0
_LOOPBACK_NAMES = ("localhost",)
_SNIFF: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"),
    (b"ftyp", 4, "video/mp4"),
    (b"%PDF-", 0, "application/pdf"),
)


def render_json_template(template: str, values: dict[str, Any]) -> str:
    """Substitute ``$(var)`` in a JSON template, quoting by position (see module docstring)."""
    out: list[str] = []
    in_string = False
    i = 0
    while i < len(template):
        ch = template[i]
        if in_string and ch == "\\":
            out.append(template[i : i + 2])
            i += 2
            continue
        match = _VAR_RE.match(template, i) if ch == "$" else None
        if match is not None:
            value = values.get(match.group(1))
            if in_string:
                text = "" if value is None else str(value)
                out.append(json.dumps(text, ensure_ascii=False)[1:-1])
            else:
                out.append(json.dumps(value, ensure_ascii=False))
            i = match.end()
            continue
        if ch == '"':
            in_string = not in_string
        out.append(ch)
        i += 1
    return "".join(out)


def render_form_template(template: str, values: dict[str, Any]) -> str:
    """Substitute ``$(var)`` with URL-encoded values (form ``callbackBody``)."""

    def one(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        return urllib.parse.quote("" if value is None else str(value), safe="")

    return _VAR_RE.sub(one, template)


def sniff_mime(head: bytes) -> str | None:
    """Content-based MIME type for ``detectMime`` / ``mimeLimit`` (a few common signatures)."""
    for magic, offset, mime in _SNIFF:
        if head[offset : offset + len(magic)] == magic:
            return mime
    stripped = head.lstrip()
    if stripped[:1] in (b"{", b"["):
        try:
            json.loads(head.decode("utf-8"))
            return _JSON
        except (UnicodeDecodeError, ValueError):
            pass
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text/plain" if head else None


def mime_allowed(mime_type: str, limit: str) -> bool:
    """``mimeLimit``: ``image/*;video/mp4`` allows only those; ``!a/b;c/*`` denies those."""
    deny = limit.startswith("!")
    patterns = [p.strip().lower() for p in limit.lstrip("!").split(";") if p.strip()]
    mime = mime_type.lower()
    hit = any(
        mime == p or (p.endswith("/*") and mime.startswith(p[:-1])) or p == "*/*" for p in patterns
    )
    return not hit if deny else hit


def check_key_limit(policy: dict[str, Any], key: str) -> None:
    """``keylimit``: a list of the only keys this token may write (403 otherwise)."""
    limit = policy.get("keylimit")
    if isinstance(limit, list) and limit and key not in [str(k) for k in limit]:
        raise ApiError(403, "key not in keylimit")


def check_callback_urls(policy: dict[str, Any]) -> list[str]:
    """The policy's callback URLs; refuses (400) any URL that is not http(s) on a loopback host."""
    raw = str(policy.get("callbackUrl", "") or "")
    urls = [u.strip() for u in raw.split(";") if u.strip()]
    for url in urls:
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not _is_loopback(parsed.hostname or ""):
            raise ApiError(
                400,
                "invalid callbackUrl: this sandbox only calls back http(s) URLs on loopback "
                "hosts (127.0.0.1, ::1, localhost)",
            )
    return urls


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run_callback(
    urls: list[str],
    policy: dict[str, Any],
    values: dict[str, Any],
    sign: Callable[[str, str, str], str],
) -> bytes:
    """POST the rendered ``callbackBody`` to each URL in turn; the first JSON answer wins.

    ``sign(url, body, content_type)`` returns the ``QBox`` token. Any failure of every URL
    → 579 (the object is already stored, as with the service).
    """
    body_type = str(policy.get("callbackBodyType", "") or _FORM).split(";")[0].strip()
    template = str(policy.get("callbackBody", "") or "")
    if body_type == _JSON:
        body = render_json_template(template, values)
    else:
        body = render_form_template(template, values)
    last_error = "callback failed"
    for url in urls:
        request = urllib.request.Request(
            url,
            data=body.encode("utf-8"),
            method="POST",
            headers={
                "Content-Type": body_type,
                "Authorization": "QBox " + sign(url, body, body_type),
                "User-Agent": "qfopgui-sandbox-callback",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=_CALLBACK_TIMEOUT_S) as answer:
                payload: bytes = answer.read()
            json.loads(payload.decode("utf-8"))
            return payload
        except urllib.error.HTTPError as exc:
            last_error = f"callback failed: {url} answered {exc.code}"
        except (OSError, ValueError) as exc:
            last_error = f"callback failed: {url}: {type(exc).__name__}"
    raise ApiError(579, last_error)
