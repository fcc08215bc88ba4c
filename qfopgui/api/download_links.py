"""Download URLs: `scheme://domain/<key path>[?query]` (signed by the client when private)."""

from __future__ import annotations

import ipaddress

from qfopgui.api.errors import InvalidKeyError
from qfopgui.core.object_keys import key_url_path, link_problem

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


def public_url(domain: str, key: str, query: str = "") -> str:
    """The unsigned URL of `key` on `domain` (see `QiniuClient.download_url`)."""
    problem = link_problem(key)
    if problem is not None:
        raise InvalidKeyError(
            problem.message, template=problem.template, params=problem.params_dict
        )
    domain = domain.strip().rstrip("/")
    if "://" in domain:
        base = domain
    else:
        scheme = "http" if is_loopback(domain) else "https"
        base = f"{scheme}://{domain}"
    url = f"{base}/{key_url_path(key)}"
    return f"{url}?{query}" if query else url


def is_loopback(domain: str) -> bool:
    """True for `127.x`, `::1`, `localhost` (with optional port and path)."""
    host = domain.strip().split("/", 1)[0]
    if host.startswith("["):
        host = host[1:].split("]", 1)[0]
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    if host.lower().rstrip(".") in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
