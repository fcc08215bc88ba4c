"""rsf ``GET|POST /v2/list``: the streamed listing (qshell's ``listbucket2 --api-version v2``).

The answer is one JSON object per line, in key order: ``{"item": {…}, "marker": "…", "dir": ""}``
for an object (the same item fields as ``/list``) and ``{"item": null, "marker": "…", "dir":
"<common prefix>"}`` for a rolled-up prefix. Each ``marker`` resumes the listing right after its
line; the last line's marker is empty when nothing is left. Without ``limit`` the whole listing
is sent; ``limit`` caps the lines of one answer.
"""

from __future__ import annotations

import json
from typing import Any

from qfopgui.sandbox.routes.common import ApiError, Context, Request, Response
from qfopgui.sandbox.routes.objects import decode_marker, encode_marker, object_item

PAGE = 1000


def _limit(raw: str) -> int | None:
    # `limit=0` means "no limit": the official Node.js SDK's listPrefixV2 sends it by default.
    if not raw:
        return None
    if not raw.isdigit():
        raise ApiError(400, "invalid list limit: expected a whole number")
    return int(raw) or None


def list_v2(ctx: Context, req: Request, _: tuple[str, ...]) -> Response:
    """``/v2/list?bucket=&prefix=&delimiter=&marker=&limit=``, management-signed."""
    ctx.require_management(req)
    params = req.form()
    bucket = params.get("bucket", "")
    ctx.require_bucket(bucket)
    limit = _limit(params.get("limit", ""))
    prefix, delimiter = params.get("prefix", ""), params.get("delimiter", "")
    marker = params.get("marker", "")
    after = decode_marker(marker) if marker else ""
    entries: list[tuple[str, dict[str, Any] | None]] = []  # (key or prefix, item)
    more = True
    while more and (limit is None or len(entries) < limit):
        want = PAGE if limit is None else min(PAGE, limit - len(entries))
        page = ctx.storage.list(
            bucket, prefix=prefix, delimiter=delimiter, marker_key=after, limit=want
        )
        found: list[tuple[str, dict[str, Any] | None]] = [
            (obj.key, object_item(obj)) for obj in page.items
        ]
        found += [(group, None) for group in page.common_prefixes]
        found.sort(key=lambda entry: entry[0])  # a prefix sorts where its keys would
        entries += found
        more = bool(page.next_marker_key)
        after = page.next_marker_key
    lines = []
    for index, (name, item) in enumerate(entries):
        last = index == len(entries) - 1
        line = {
            "item": item,
            "marker": "" if last and not more else encode_marker(name),
            "dir": "" if item is not None else name,
        }
        lines.append(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
    return Response(status=200, body="".join(lines).encode("utf-8"))
