"""A pfop whose answer is lost is never "Failed": the whole chain, from the real client on a
misbehaving loopback server through the submitter and the jobs service to the store.

Before, a connection reset after the server had read the request was recorded Failed, so
"Retry all failed" submitted the job a second time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from qfopgui.api.client import QiniuClient
from qfopgui.api.config import Credentials, Endpoints
from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.services.jobs import JobsService
from qfopgui.services.store import JobStore
from qfopgui.services.submitter import SubmitItem, SubmitOptions, Submitter
from tests.unit.api import hostile_server as hs
from tests.unit.api.hostile_server import HostileServer


class _Poller:
    def __init__(self) -> None:
        self.on_changed: Any = None
        self.on_error: Any = None
        self.tracked: list[int] = []
        self.watching = 0
        self.next_check_in = None

    def track(self, records: Iterable[JobRecord]) -> None:
        self.tracked.extend(r.id for r in records)

    def forget(self, ids: Iterable[int]) -> None: ...

    async def run(self) -> None: ...


async def _in_thread(fn: Callable[[], Any]) -> Any:
    return await asyncio.to_thread(fn)


async def _inline(fn: Callable[[], Any]) -> Any:
    return fn()


@pytest.mark.parametrize(
    "behaviour", [hs.reset, hs.stall_after_headers], ids=["reset", "headers-then-stall"]
)
def test_a_lost_answer_needs_a_decision_and_retry_all_failed_leaves_it(
    tmp_path: Path, behaviour: hs.Behaviour
) -> None:
    with HostileServer(behaviour) as server:
        client = QiniuClient(
            Credentials("ak", "sk"),
            Endpoints.single(server.base_url),
            deadline=2.0,
            sleep=lambda _s: None,
        )
        store = JobStore(tmp_path / "jobs.sqlite")
        poller = _Poller()
        submitter = Submitter(
            store=store, run_store=_inline, client_for=lambda _p: client, run_blocking=_in_thread
        )
        jobs = JobsService(
            store=store,
            run_store=_inline,
            run_blocking=_in_thread,
            submitter=submitter,
            poller=poller,  # type: ignore[arg-type]
            status_client_for=lambda _p: client,
            prepare_account=_prepare,
        )
        item = SubmitItem("media", "a.mov", ("avthumb/mp4",), ("MP4",), ("a.mp4",), "media")

        async def scenario() -> Any:
            await jobs.start()
            [rec] = await jobs.submit("demo", [item], SubmitOptions())
            return rec, await jobs.retry_all_failed("demo")

        rec, retried = asyncio.run(scenario())
        client.close()
        pfops = [r for r in server.requests if r == ("POST", "/pfop/")]

    assert rec.state is JobState.UNRESOLVED  # "needs decision", with the reason
    assert "may or may not" in rec.error
    assert retried.new == ()  # Retry all failed does not touch it
    assert store.get(rec.id).state is JobState.UNRESOLVED  # type: ignore[union-attr]
    assert poller.tracked == []  # no persistentId: nothing to poll
    assert pfops == [("POST", "/pfop/")]  # the server saw exactly one pfop


async def _prepare(_name: str) -> None:
    return None
