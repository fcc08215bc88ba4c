"""Submitter.drain: at quit, a pfop already on the wire gets its row completed first.

Found by the end-to-end test that quits mid-batch: without it the store closed under the
request, the accepted job's row stayed "submitting" and came back as "needs decision".
"""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from qfopgui.services.submitter import SubmitOptions
from tests.helpers.aio import wait_until
from tests.unit.services.fakes import FakeClient
from tests.unit.services.test_submitter import Env, items


def _slow_client(release: threading.Event) -> FakeClient:
    client = FakeClient()

    def blocking(**call: Any) -> str:
        release.wait(5)
        return "z0.accepted"

    client.pfop_hook = blocking
    return client


def test_drain_waits_for_the_request_on_the_wire(tmp_path: Path) -> None:
    release = threading.Event()
    client = _slow_client(release)
    env = Env(tmp_path / "j.db", client)

    async def main() -> None:
        task = asyncio.create_task(env.submitter.submit("work", items(3), SubmitOptions()))
        await wait_until(lambda: client.pfop_calls)
        task.cancel()  # the app quits: the batch task is cancelled first
        with pytest.raises(asyncio.CancelledError):
            await task
        threading.Timer(0.2, release.set).start()
        await env.submitter.drain(grace=5)
        assert env.rows() == [(1, "v0.mp4", "waiting")]  # done before the store may close

    env.run(main())


def test_drain_gives_up_after_its_timeout(tmp_path: Path) -> None:
    release = threading.Event()
    client = _slow_client(release)
    env = Env(tmp_path / "j.db", client)

    async def main() -> float:
        task = asyncio.create_task(env.submitter.submit("work", items(1), SubmitOptions()))
        await wait_until(lambda: client.pfop_calls)
        start = time.monotonic()
        await env.submitter.drain(grace=0.2)
        took = time.monotonic() - start
        assert env.rows() == [(1, "v0.mp4", "submitting")]  # left for "needs decision"
        release.set()
        await task
        return took

    assert env.run(main()) < 2.0


def test_drain_with_nothing_in_flight_returns_at_once(tmp_path: Path) -> None:
    env = Env(tmp_path / "j.db", FakeClient())

    async def main() -> float:
        start = time.monotonic()
        await env.submitter.drain(grace=5)
        return time.monotonic() - start

    assert env.run(main()) < 0.1
