"""Fixtures for sandbox route tests: a server wired to a FakeProcessor."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from qfopgui.sandbox import SandboxServer
from tests.unit.sandbox.fakes import FakeProcessor


@pytest.fixture
def fake_processor() -> FakeProcessor:
    return FakeProcessor()


@pytest.fixture
def fsandbox(
    sandbox_factory: Callable[..., SandboxServer], fake_processor: FakeProcessor
) -> SandboxServer:
    """A sandbox whose processor is a recording fake (no ffmpeg, instant)."""
    return sandbox_factory(
        processor_factory=lambda storage, config: fake_processor,
        private_buckets=["private-bucket"],
        buckets=["test-bucket", "other-bucket"],
        pipelines=["video-hd"],  # the route tests submit to it; unknown queues are refused
    )
