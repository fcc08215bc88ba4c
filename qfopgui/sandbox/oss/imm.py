"""Emulated IMM ``GetTask`` (OpenAPI 2020-09-30, RPC style) for the OSS sandbox's tasks.

SANDBOX-ONLY EMULATION of the documented API; whether real IMM's GetTask accepts the TaskIds
that OSS's ``x-oss-async-process`` returns is unconfirmed. ``GET`` or ``POST /?Action=GetTask&
ProjectName=&TaskType=&TaskId=`` (POST may carry the parameters as a form body), signed with
the RPC signature (``rpc_signing``). ``TaskType`` must be the TaskId's prefix before the first
'-' (``MediaConvert``). Every configured project sees every task (the sandbox binds all its
buckets to each project). Errors are POP JSON ``{RequestId, HostId, Code, Message, Recommend}``.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Sequence
from urllib.parse import parse_qsl

from qfopgui.sandbox.oss.rpc_signing import RpcAuthError, RpcVerifier
from qfopgui.sandbox.oss.side_http import SideAnswer
from qfopgui.sandbox.oss.tasks import TaskRecord

IMM_VERSION = "2020-09-30"
_JSON = "application/json;charset=utf-8"


def imm_time(seconds: float) -> str:
    """``2021-12-24T03:01:41.662Z`` (UTC, milliseconds); "" for a time not reached yet."""
    if not seconds:
        return ""
    whole = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
    return f"{whole}.{int(seconds * 1000) % 1000:03d}Z"


def task_info(record: TaskRecord, project: str, request_id: str) -> dict[str, object]:
    """The GetTask answer for one task."""
    return {
        "RequestId": request_id,
        "ProjectName": project,
        "TaskType": record.task_type,
        "TaskId": record.task_id,
        "Status": record.status,
        "Code": record.code,
        "Message": record.message,
        "StartTime": imm_time(record.start),
        "EndTime": imm_time(record.end),
        "Progress": record.progress,
        "EventId": record.event_id,
    }


class ImmService:
    """The side service (``side_http.Service``) answering GetTask from the task store."""

    def __init__(
        self,
        verifier: RpcVerifier,
        projects: Sequence[str],
        tasks: Callable[[str], TaskRecord | None],
    ) -> None:
        self._verifier = verifier
        self._projects = tuple(projects)
        self._tasks = tasks

    def __call__(
        self, method: str, raw_path: str, headers: Sequence[tuple[str, str]], body: bytes
    ) -> SideAnswer:
        request_id = str(uuid.uuid4()).upper()
        host = next((v for k, v in headers if k.lower() == "host"), "")
        path, _, query = raw_path.partition("?")
        params = parse_qsl(query, keep_blank_values=True)
        content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
        if method == "POST" and content_type.startswith("application/x-www-form-urlencoded"):
            params += parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
        try:
            if method not in ("GET", "POST") or path not in ("", "/"):
                raise RpcAuthError(
                    404,
                    "InvalidAction.NotFound",
                    "Specified api is not found, please check your url and method.",
                )
            self._verifier.verify(method, params)
            answer = self._get_task(dict(params), request_id)
        except RpcAuthError as err:
            error = {
                "RequestId": request_id,
                "HostId": host,
                "Code": err.code,
                "Message": err.message,
                "Recommend": "This is the qfopgui sandbox's emulated IMM (not the real service).",
            }
            return SideAnswer(err.status, json.dumps(error).encode(), _JSON)
        return SideAnswer(200, json.dumps(answer).encode(), _JSON)

    def _get_task(self, params: dict[str, str], request_id: str) -> dict[str, object]:
        if params.get("Action") != "GetTask":
            raise RpcAuthError(
                404,
                "InvalidAction.NotFound",
                f"Specified api {params.get('Action', '')!r} is not found; the sandbox "
                "emulates GetTask only.",
            )
        for name in ("ProjectName", "TaskType", "TaskId"):
            if not params.get(name):
                raise RpcAuthError(
                    400,
                    f"Missing{name}",
                    f"The input parameter {name} that is mandatory for processing this "
                    "request is not supplied.",
                )
        project = params["ProjectName"]
        if project not in self._projects:
            raise RpcAuthError(
                404, "ResourceNotFound", f"The specified project {project!r} does not exist."
            )
        record = self._tasks(params["TaskId"])
        if record is None or record.task_type != params["TaskType"]:
            raise RpcAuthError(
                404,
                "ResourceNotFound",
                f"The specified task {params['TaskType']}/{params['TaskId']} does not exist.",
            )
        return task_info(record, project, request_id)
