"""Sandbox-only administration (NOT a Qiniu API): the pipelines this sandbox knows.

Qiniu creates queues only in its web console; the sandbox offers this route instead so a client
(the app, a test) can make a queue exist. Every call needs a management signature (``Qiniu`` or
``QBox``) made with one of the sandbox's key pairs.

- ``GET /sandbox-admin/pipelines`` → ``{"shared": "0.default", "pipelines": [names]}``
- ``POST /sandbox-admin/pipelines`` form ``name=`` → ``{"name": n, "created": bool}`` (idempotent)
- ``DELETE /sandbox-admin/pipelines/<name>`` → ``{"name": n, "deleted": bool}``; a name given by
  ``--pipeline`` (the configuration) cannot be deleted (400).
"""

from __future__ import annotations

from urllib.parse import unquote

from qfopgui.sandbox.pipelines import NAME_RULE, SHARED, is_shared, valid_pipeline_name
from qfopgui.sandbox.routes.common import ApiError, Context, Request, Response, json_response
from qfopgui.sandbox.routes.fop import known_pipelines


def _checked_name(name: str) -> str:
    if not name:
        raise ApiError(400, "invalid argument: name is missing (the pipeline to create)")
    if not valid_pipeline_name(name):
        raise ApiError(400, f"invalid pipeline name {name!r}: use {NAME_RULE}")
    return name


def list_pipelines(ctx: Context, req: Request, _: tuple[str, ...]) -> Response:
    ctx.require_management(req)
    return json_response({"shared": SHARED, "pipelines": known_pipelines(ctx).names()})


def create_pipeline(ctx: Context, req: Request, _: tuple[str, ...]) -> Response:
    ctx.require_management(req)
    name = _checked_name(req.form().get("name", "").strip())
    created = False if is_shared(name) else known_pipelines(ctx).add(name)
    return json_response({"name": name, "created": created})


def delete_pipeline(ctx: Context, req: Request, groups: tuple[str, ...]) -> Response:
    ctx.require_management(req)
    name = _checked_name(unquote(groups[0]))
    known = known_pipelines(ctx)
    if is_shared(name) or name in known.fixed:
        raise ApiError(400, f"pipeline {name!r} is built in or configured and cannot be deleted")
    return json_response({"name": name, "deleted": known.remove(name)})
