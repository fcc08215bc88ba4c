"""Emulated MNS queue API (ReceiveMessage, DeleteMessage) and the ``/notify`` publisher.

SANDBOX-ONLY EMULATION of the documented MNS API, not verified against the live service.
``GET /queues/<q>/messages?waitseconds=N[&numOfMessages=M]`` long-polls (N ≤ 30) and answers
``<Message>`` XML (``<Messages>`` when numOfMessages is given), 404 ``MessageNotExist`` when
nothing came; ``DELETE /queues/<q>/messages?ReceiptHandle=H`` answers 204. Requests carry
``x-mns-version: 2015-06-06``, ``Date`` and the MNS signature (``mns_signing``).

A finished task that named ``/notify,topic_<b64>`` publishes one message to that topic. Its
body is the **base64** of UTF-8 JSON shaped like IMM's task notifications (the OSS format is
unconfirmed): ProjectName, RequestId, StartTime, EndTime, Success, Status, Code, Message,
TaskType, TaskId, EventId and Outputs ``[{"Bucket", "Object"}]``.
"""

from __future__ import annotations

import base64
import json
import secrets
from collections.abc import Sequence
from urllib.parse import parse_qsl, unquote
from xml.sax.saxutils import escape

from qfopgui.sandbox.oss.imm import imm_time
from qfopgui.sandbox.oss.mns_queue import (
    MessageNotExistError,
    MnsQueues,
    QueueMessage,
    ReceiptHandleError,
)
from qfopgui.sandbox.oss.mns_signing import MnsError, MnsVerifier
from qfopgui.sandbox.oss.side_http import SideAnswer
from qfopgui.sandbox.oss.tasks import SUCCEEDED, TaskRecord

MNS_VERSION = "2015-06-06"
MAX_WAIT = 30
_NS = "http://mns.aliyuncs.com/doc/v1/"
_XML = "text/xml;charset=utf-8"
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def notification(record: TaskRecord, project: str) -> dict[str, object]:
    """The JSON a finished task publishes (before base64)."""
    return {
        "ProjectName": project,
        "RequestId": record.request_id,
        "StartTime": imm_time(record.start),
        "EndTime": imm_time(record.end),
        "Success": record.status == SUCCEEDED,
        "Status": record.status,
        "Code": record.code,
        "Message": record.message,
        "TaskType": record.task_type,
        "TaskId": record.task_id,
        "EventId": record.event_id,
        "Outputs": [{"Bucket": record.target_bucket, "Object": key} for key in record.outputs],
    }


def encode_body(payload: dict[str, object]) -> str:
    return base64.b64encode(json.dumps(payload, ensure_ascii=False).encode()).decode()


class TaskNotifier:
    """The worker's completion hook: publish the task's message to its topic, if it has one."""

    def __init__(self, queues: MnsQueues, project: str) -> None:
        self._queues = queues
        self._project = project

    def __call__(self, record: TaskRecord) -> None:
        if record.topic:
            self._queues.publish(record.topic, encode_body(notification(record, self._project)))


def _el(name: str, value: object) -> str:
    return f"<{name}>{escape(str(value))}</{name}>"


def _message_xml(m: QueueMessage) -> str:
    return (
        f"{_el('MessageId', m.message_id)}{_el('ReceiptHandle', m.receipt_handle)}"
        f"{_el('MessageBodyMD5', m.body_md5)}{_el('MessageBody', m.body)}"
        f"{_el('EnqueueTime', m.enqueue_ms)}{_el('NextVisibleTime', m.next_visible_ms)}"
        f"{_el('FirstDequeueTime', m.first_dequeue_ms)}{_el('DequeueCount', m.dequeue_count)}"
        f"{_el('Priority', m.priority)}"
    )


class MnsService:
    """The side service (``side_http.Service``) for the configured queues."""

    def __init__(self, verifier: MnsVerifier, queues: MnsQueues) -> None:
        self._verifier = verifier
        self._queues = queues

    def __call__(
        self, method: str, raw_path: str, headers: Sequence[tuple[str, str]], body: bytes
    ) -> SideAnswer:
        request_id = secrets.token_hex(12).upper()
        host = next((v for k, v in headers if k.lower() == "host"), "")
        common = {"x-mns-request-id": request_id, "x-mns-version": MNS_VERSION}
        try:
            status, text = self._route(method, raw_path, headers)
        except MnsError as err:
            status = err.status
            text = (
                f'{_HEAD}<Error xmlns="{_NS}">{_el("Code", err.code)}'
                f"{_el('Message', err.message)}{_el('RequestId', request_id)}"
                f"{_el('HostId', 'http://' + host)}</Error>"
            )
        return SideAnswer(status, text.encode("utf-8"), _XML, common)

    def _route(
        self, method: str, raw_path: str, headers: Sequence[tuple[str, str]]
    ) -> tuple[int, str]:
        self._verifier.verify(method, raw_path, headers)
        version = next((v for k, v in headers if k.lower() == "x-mns-version"), "")
        if version != MNS_VERSION:
            raise MnsError(400, "InvalidArgument", f"x-mns-version must be {MNS_VERSION}.")
        path, _, query_text = raw_path.partition("?")
        query = dict(parse_qsl(query_text, keep_blank_values=True))
        parts = path.split("/")
        if len(parts) != 4 or parts[1] != "queues" or parts[3] != "messages":
            raise MnsError(
                404, "InvalidArgument", "the sandbox serves /queues/<name>/messages only."
            )
        queue = unquote(parts[2])
        if not self._queues.has_queue(queue):
            raise MnsError(404, "QueueNotExist", f"The queue {queue!r} does not exist.")
        if method == "GET":
            return self._receive(queue, query)
        if method == "DELETE":
            return self._delete(queue, query.get("ReceiptHandle", ""))
        raise MnsError(405, "InvalidArgument", f"{method} is not supported on messages.")

    def _receive(self, queue: str, query: dict[str, str]) -> tuple[int, str]:
        wait = _int_param(query, "waitseconds", 0, 0, MAX_WAIT)
        batch = "numOfMessages" in query
        count = _int_param(query, "numOfMessages", 1, 1, 16)
        got = self._queues.receive(queue, float(wait), count)
        if not got:
            raise MnsError(404, "MessageNotExist", "Message not exist.")
        if batch:
            items = "".join(f"<Message>{_message_xml(m)}</Message>" for m in got)
            return 200, f'{_HEAD}<Messages xmlns="{_NS}">{items}</Messages>'
        return 200, f'{_HEAD}<Message xmlns="{_NS}">{_message_xml(got[0])}</Message>'

    def _delete(self, queue: str, handle: str) -> tuple[int, str]:
        if not handle:
            raise MnsError(400, "InvalidArgument", "ReceiptHandle is required.")
        try:
            self._queues.delete(queue, handle)
        except MessageNotExistError:
            raise MnsError(404, "MessageNotExist", "Message not exist.") from None
        except ReceiptHandleError:
            raise MnsError(
                400, "ReceiptHandleError", "The receipt handle you provide is not valid."
            ) from None
        return 204, ""


def _int_param(query: dict[str, str], name: str, default: int, low: int, high: int) -> int:
    text = query.get(name, "")
    if not text:
        return default
    if not text.isdigit() or not low <= int(text) <= high:
        raise MnsError(400, "InvalidArgument", f"{name} must be an integer {low}-{high}.")
    return int(text)
