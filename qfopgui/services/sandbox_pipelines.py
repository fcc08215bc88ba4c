"""The app's client of its sandbox's admin route, so a pipeline added in the app exists there.

Qiniu has no public API to create pipelines (queues are made in the Qiniu console), so for a
real account the app only keeps the names. The bundled sandbox refuses pfop to a queue it does
not know, like the service; to keep "add a pipeline, then submit to it" working on the sandbox
account, the app creates the queue through the sandbox-only route
``POST /sandbox-admin/pipelines`` (form ``name=``, signed like any management call).

Qt-free. The HTTP call blocks: run `SandboxPipelines.create` from the event loop (it hands the
request to the network executor), or `create_pipeline` from a worker thread.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Protocol

import requests

from qfopgui.api.config import Credentials
from qfopgui.api.signing import Signer
from qfopgui.services.executors import RunIn

ADMIN_PATH = "/sandbox-admin/pipelines"
TIMEOUT_S = 10.0


class SandboxPipelineError(Exception):
    """The sandbox did not create the pipeline; `str()` says why in plain words."""


class SandboxLike(Protocol):
    """What `SandboxPipelines` needs from `qfopgui.services.sandbox_manager.SandboxManager`."""

    def start(self) -> Awaitable[str]: ...

    def credentials(self) -> tuple[str, str]: ...


def _server_words(resp: requests.Response) -> str:
    try:
        body = resp.json()
    except ValueError:
        return resp.text.strip()[:200]
    error = body.get("error") if isinstance(body, dict) else None
    return str(error)[:200] if error else resp.text.strip()[:200]


def create_pipeline(
    base_url: str, credentials: Credentials, name: str, *, timeout: float = TIMEOUT_S
) -> bool:
    """Blocking: make `name` known to the sandbox at `base_url`; True when it was new."""
    signer = Signer(credentials)
    try:
        resp = requests.post(
            base_url.rstrip("/") + ADMIN_PATH,
            data={"name": name},
            auth=signer.management_auth(),
            timeout=timeout,
        )
    except requests.RequestException as exc:
        raise SandboxPipelineError(f"the sandbox did not answer ({type(exc).__name__})") from exc
    if resp.status_code != 200:
        words = _server_words(resp)
        raise SandboxPipelineError(f"HTTP {resp.status_code}: {words}" if words else "refused")
    try:
        body = resp.json()
    except ValueError as exc:
        raise SandboxPipelineError("the sandbox's answer was not JSON") from exc
    return bool(body.get("created")) if isinstance(body, dict) else False


class SandboxPipelines:
    """Creates pipelines in the app's own sandbox (started first if it is not running)."""

    def __init__(self, sandbox: SandboxLike, run_blocking: RunIn) -> None:
        self._sandbox = sandbox
        self._run = run_blocking

    async def create(self, name: str) -> bool:
        """True when the sandbox did not know `name` before; SandboxPipelineError if refused."""
        base_url = await self._sandbox.start()
        sandbox = self._sandbox

        def call() -> bool:
            ak, sk = sandbox.credentials()  # a small file read: off the event loop too
            return create_pipeline(base_url, Credentials(ak, sk), name)

        return await self._run(call)
