"""Data-processing routes: ``POST /pfop[/]`` and ``GET /status/get/prefop``.

A task may only go to a known pipeline (``qfopgui.sandbox.pipelines``): an unknown one is
refused with HTTP 400 ``{"error": "no such pipeline: <name>"}`` — the real service's code and
words for this are unconfirmed; 400 is its documented "malformed request" status. Uploads whose
token asks for processing in an unknown pipeline are refused the same way when the token is
checked (``check_policy_pipeline``), before anything is stored.
"""

from __future__ import annotations

from collections.abc import Mapping

from qfopgui.sandbox.pipelines import KnownPipelines
from qfopgui.sandbox.routes.common import (
    ERR_INVALID_ARGUMENT,
    ERR_NO_SUCH_FILE,
    ApiError,
    Context,
    Request,
    Response,
    json_response,
)

ERR_NO_SUCH_PIPELINE = "no such pipeline: {name}"


def known_pipelines(ctx: Context) -> KnownPipelines:
    """The registry of this sandbox: configured names plus those kept in its data dir."""
    return KnownPipelines(ctx.storage, ctx.config.pipelines)


def require_known_pipeline(ctx: Context, name: str) -> None:
    if not known_pipelines(ctx).knows(name):
        raise ApiError(400, ERR_NO_SUCH_PIPELINE.format(name=name))


def check_policy_pipeline(ctx: Context, policy: Mapping[str, object]) -> None:
    """An upload token that asks for processing must name a known ``persistentPipeline``."""
    if not policy.get("persistentOps") and not policy.get("persistentWorkflowTemplateID"):
        return
    require_known_pipeline(ctx, str(policy.get("persistentPipeline", "") or ""))


def submit_to_processor(
    ctx: Context,
    *,
    bucket: str,
    key: str,
    fops: str,
    pipeline: str,
    notify_url: str,
    force: bool,
    type_: int,
    workflow_template_id: str,
    reqid: str,
) -> str:
    """Hand a task to the processor, turning its request-level errors into API errors."""
    processor = ctx.processor
    if processor is None:
        raise ApiError(599, "processing is not available in this sandbox")
    require_known_pipeline(ctx, pipeline)  # the processor only ever sees known queues
    row = ctx.storage.bucket(bucket)
    try:
        return processor.submit(
            bucket=bucket,
            key=key,
            fops=fops,
            pipeline=pipeline,
            notify_url=notify_url,
            force=force,
            type=type_,
            workflow_template_id=workflow_template_id,
            reqid=reqid,
            region=row.region if row is not None else "",
        )
    except Exception as exc:
        # ProcessingRequestError(status, message) — matched by shape so this module does not
        # depend on the processing package being importable.
        status = getattr(exc, "status", None)
        message = getattr(exc, "message", None) or str(exc)
        if isinstance(status, int) and 400 <= status < 700:
            raise ApiError(status, str(message)) from exc
        raise


def pfop(ctx: Context, req: Request, _: tuple[str, ...]) -> Response:
    """``POST /pfop`` form: bucket, key, fops, notifyURL, force, pipeline, type, workflowTemplateID.

    Missing bucket → 631, missing key → 612, no fops and no template → 400.
    """
    ctx.require_management(req)
    form = req.form()
    bucket = form.get("bucket", "")
    ctx.require_bucket(bucket)
    key = form.get("key", "")
    if not key or ctx.storage.stat(bucket, key) is None:
        raise ApiError(612, ERR_NO_SUCH_FILE)
    fops = form.get("fops", "")
    template = form.get("workflowTemplateID", "")
    if not fops.strip() and not template:
        raise ApiError(400, ERR_INVALID_ARGUMENT)
    raw_type = form.get("type", "") or "0"
    if raw_type not in ("0", "1"):
        raise ApiError(400, ERR_INVALID_ARGUMENT)
    persistent_id = submit_to_processor(
        ctx,
        bucket=bucket,
        key=key,
        fops=fops,
        pipeline=form.get("pipeline", ""),
        notify_url=form.get("notifyURL", ""),
        force=form.get("force", "") in ("1", "true"),
        type_=int(raw_type),
        workflow_template_id=template,
        reqid=req.reqid,
    )
    return json_response({"persistentId": persistent_id})


def prefop(ctx: Context, req: Request, _: tuple[str, ...]) -> Response:
    """``GET /status/get/prefop?id=`` — signed or unsigned (a bad signature is still a 401)."""
    if "Authorization" in req.headers:
        ctx.require_management(req)
    persistent_id = req.form().get("id", "")
    if not persistent_id:
        raise ApiError(400, ERR_INVALID_ARGUMENT)
    status = ctx.processor.status(persistent_id) if ctx.processor is not None else None
    if status is None:
        raise ApiError(612, ERR_NO_SUCH_FILE)
    return json_response(status)
