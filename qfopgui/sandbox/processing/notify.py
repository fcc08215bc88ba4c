"""The pfop completion callback: POST the final prefop JSON to notifyURL."""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from typing import Any

log = logging.getLogger(__name__)


def post_result(url: str, body: dict[str, Any], *, timeout: float) -> bool:
    """True when the receiver answered 2xx; any error or other status counts as failure."""
    if not url.startswith(("http://", "https://")):
        log.info("notify to %r skipped: not an http(s) URL", url)
        return False
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        url,
        data=data,
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": "qfopgui-sandbox"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        status = exc.code
    except (OSError, ValueError) as exc:
        log.info("notify to %s failed: %s", url, exc)
        return False
    if not 200 <= status < 300:
        log.info("notify to %s answered %d", url, status)
    return 200 <= status < 300
