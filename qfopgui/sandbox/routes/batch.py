"""rs ``POST /batch``: many record operations in one management-signed request.

The form body (or query) repeats ``op=<path>``, e.g. ``op=/stat/<entry>&op=/copy/<a>/<b>``, as
the official SDK's ``BucketManager.batch`` sends it. Each op is resolved in ``RS_OPS`` and run
by the same code as its single route. The answer lists ``{"code": <status>, "data": <answer>}``
per op in order (``data`` is ``{"error": "…"}`` for a failed one); HTTP 200 when every op
succeeded, 298 when any failed. More than ``MAX_OPS`` ops, or none, answers 400.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl

from qfopgui.sandbox.routes.common import (
    ERR_INVALID_ARGUMENT,
    ApiError,
    Context,
    Request,
    Response,
    json_response,
)
from qfopgui.sandbox.routes.record_ops import RS_OPS, Op
from qfopgui.sandbox.routes.region_guard import ZONE_ERROR, entry_in_other_region

MAX_OPS = 1000
STATUS_PARTIAL = 298
_OPS: list[tuple[re.Pattern[str], Op]] = [(re.compile(p), op) for p, op in RS_OPS.values()]


def _ops(req: Request) -> list[str]:
    """Every ``op`` value of the query and the urlencoded body, in order."""
    pairs = parse_qsl(req.query_string, keep_blank_values=True)
    ctype = req.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if req.body and ctype in ("application/x-www-form-urlencoded", ""):
        try:
            pairs += parse_qsl(req.body.decode("utf-8"), keep_blank_values=True)
        except UnicodeDecodeError as exc:
            raise ApiError(400, ERR_INVALID_ARGUMENT) from exc
    return [value for name, value in pairs if name == "op"]


def run_op(ctx: Context, path: str, listener: str) -> dict[str, Any]:
    """One op's result item; its errors become the item's code instead of failing the batch.

    The leading ``/`` is optional: the SDK's ``build_batch_*`` helpers send ``stat/<entry>``.
    An op whose source bucket lives in another region than the `listener` that received the
    batch fails alone with 400 ``incorrect zone``, as its single route would.
    """
    path = path if path.startswith("/") else "/" + path
    for pattern, op in _OPS:
        match = pattern.fullmatch(path)
        if match is None:
            continue
        if entry_in_other_region(ctx, listener, match.groups()):
            return {"code": 400, "data": {"error": ZONE_ERROR}}
        try:
            resp = op(ctx, match.groups())
        except ApiError as exc:
            return {"code": exc.status, "data": {"error": exc.message}}
        return {"code": resp.status, "data": json.loads(resp.body or b"{}")}
    return {"code": 400, "data": {"error": f"unsupported batch op: {path[:100]!r}"}}


def batch(ctx: Context, req: Request, _: tuple[str, ...]) -> Response:
    """``POST /batch`` with ``op=…`` repeated (at most ``MAX_OPS``)."""
    ctx.require_management(req)
    ops = _ops(req)
    if not ops:
        raise ApiError(400, "no op: send one or more op=<operation path> form fields")
    if len(ops) > MAX_OPS:
        raise ApiError(400, f"too many ops: {len(ops)} (at most {MAX_OPS} per batch)")
    results = [run_op(ctx, path, req.listener) for path in ops]
    failed = any(item["code"] != 200 for item in results)
    return json_response(results, STATUS_PARTIAL if failed else 200)
