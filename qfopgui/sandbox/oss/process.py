"""``POST /<key>?x-oss-async-process``: parse the instruction, answer with IDs, queue the work.

Grammar: ``<category>/<action>[,<k>_<v>]*|sys/saveas,o_<b64>[,b_<b64>][/notify,topic_<b64>]``.
The body must be the literal ``x-oss-async-process=<process>`` (not form-encoded); the query
form ``?x-oss-async-process=<process>`` is also accepted. Sandbox choices where OSS is
unconfirmed: an unknown action, a missing ``sys/saveas`` or a missing target bucket is refused
at submit time (400 InvalidArgument / 404 NoSuchBucket); bad parameters fail the task later
(no output appears), as the app must expect from the live service. ``/notify,topic_<b64>``
makes the finished task publish a message to that topic (the emulated MNS, ``mns.py``).
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
import string
import uuid

from qfopgui.sandbox.oss.answers import OssError
from qfopgui.sandbox.oss.checksums import check_content_md5
from qfopgui.sandbox.oss.model import OssContext, OssRequest, ProcessJob
from qfopgui.sandbox.oss.objects import no_such_key
from qfopgui.sandbox.routes.common import Response

FIELD = "x-oss-async-process"
ACTIONS = {  # action → TaskId prefix (only MediaConvert- is seen on OSS; the rest are ours)
    "video/convert": "MediaConvert",
    "audio/convert": "MediaConvert",
    "video/snapshots": "VideoSnapshots",
    "video/snapshot": "VideoSnapshots",
}
_BASE62 = string.digits + string.ascii_letters


def decode_b64(value: str) -> str:
    """URL-safe or standard alphabet, padded or not (official samples use all four)."""
    text = value.replace("-", "+").replace("_", "/")
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True).decode("utf-8")
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise OssError(400, "InvalidArgument", f"{value!r} is not valid base64.") from exc


def _params(parts: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for part in parts:
        name, sep, value = part.partition("_")
        if not name or not sep:
            raise OssError(400, "InvalidArgument", f"processing parameter {part!r} is not k_v.")
        params[name] = value
    return params


def parse_process(process: str, source_bucket: str) -> tuple[str, dict[str, str], str, str]:
    """(action, params, target bucket, target key) of a processing instruction."""
    stage, _, system = process.partition("|")
    head, *rest = stage.split(",")
    action = head.strip()
    if action not in ACTIONS:
        raise OssError(
            400,
            "InvalidArgument",
            f"unsupported processing action {action!r}; the sandbox runs {', '.join(ACTIONS)}.",
        )
    saveas: dict[str, str] | None = None
    for op in system.split("/")[1:] if system.startswith("sys/") else []:
        name, *args = op.split(",")
        if name == "saveas":
            saveas = _params(args)
    if saveas is None or not saveas.get("o"):
        raise OssError(400, "InvalidArgument", "the process needs |sys/saveas,o_<base64 key>.")
    target_key = decode_b64(saveas["o"])
    target_bucket = decode_b64(saveas["b"]) if saveas.get("b") else source_bucket
    return action, _params(rest), target_bucket, target_key


def notify_topic(process: str) -> str:
    """The decoded ``/notify,topic_<b64>`` topic of a processing instruction, "" when none."""
    _, _, system = process.partition("|")
    for op in system.split("/")[1:] if system.startswith("sys/") else []:
        name, *args = op.split(",")
        if name == "notify":
            topic = _params(args).get("topic", "")
            if not topic:
                raise OssError(400, "InvalidArgument", "notify needs topic_<base64 topic>.")
            return decode_b64(topic)
    return ""


def _instruction(req: OssRequest) -> str:
    if req.param(FIELD):
        return req.param(FIELD)
    prefix = (FIELD + "=").encode()
    if not req.body.startswith(prefix):
        raise OssError(400, "InvalidRequest", "no x-oss-async-process parameter found")
    try:
        return req.body[len(prefix) :].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise OssError(400, "InvalidArgument", "the process is not UTF-8 text.") from exc


def event_id() -> str:
    """``<3 hex>-<27 base62>``, the observed EventId form."""
    tail = "".join(secrets.choice(_BASE62) for _ in range(27))
    return f"{secrets.token_hex(2)[:3].upper()}-{tail}"


def async_process(ctx: OssContext, req: OssRequest) -> Response:
    check_content_md5(req.header("Content-MD5"), req.body)
    process = _instruction(req)
    if ctx.storage.stat(req.bucket, req.key) is None:
        raise no_such_key(req.key)
    action, params, target_bucket, target_key = parse_process(process, req.bucket)
    topic = notify_topic(process)
    if not ctx.storage.bucket_exists(target_bucket):
        raise OssError(
            404,
            "NoSuchBucket",
            "The saveas target bucket does not exist.",
            {"BucketName": target_bucket},
        )
    if ctx.processor is None:
        raise OssError(503, "ServiceUnavailable", "media processing is not available.")
    task_id = f"{ACTIONS[action]}-{uuid.uuid4()}"
    answer = {"EventId": event_id(), "RequestId": str(uuid.uuid4()).upper(), "TaskId": task_id}
    job = ProcessJob(
        task_id,
        req.bucket,
        req.key,
        action,
        params,
        target_bucket,
        target_key,
        topic=topic,
        event_id=answer["EventId"],
        request_id=answer["RequestId"],
    )
    ctx.processor.submit(job)
    return Response(status=200, body=json.dumps(answer).encode(), content_type="application/json")
