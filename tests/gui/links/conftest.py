"""Fakes for the links tests: a shell that records what it is told, and a client whose buckets
cover the cases (public, private, several domains, no domain); URLs are built like the real
client's (`key_url_path`), private ones carry their expiry."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from qfopgui.api.models import BucketInfo
from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.core.object_keys import key_url_path
from qfopgui.services.links import LinkResolver
from qfopgui.settings import Settings
from qfopgui.ui.background import TaskOwner, TaskStarter
from qfopgui.ui.links.link_flow import LinkFlow
from qfopgui.ui.links.link_preferences import LinkPreferences

_IDS = itertools.count(1)
DOMAINS = {
    "media": ["media.example.com"],
    "vault": ["vault.example.com"],
    "multi": ["a.example.com", "b.example.com"],
}


def make_record(**kw: Any) -> JobRecord:
    job_id = kw.pop("id", None) or next(_IDS) + 200_000
    base = JobRecord(
        id=job_id,
        profile="demo",
        bucket="media",
        key=f"clips/c{job_id}.mov",
        fops=("avthumb/mp4|saveas/eA==", "vframe/jpg/offset/1|saveas/eQ=="),
        presets=("MP4 H.264 720p", "JPG thumbnail"),
        outputs=(f"clips/c{job_id}_720p.mp4", f"clips/c{job_id}_thumb.jpg"),
        output_bucket="media",
        pipeline="",
        batch_id="b1",
        state=JobState.DONE,
        persistent_id=f"z0.pid{job_id}",
        force=False,
        notify_url="",
        type=0,
        submitted_at=1_700_000_000.0 + job_id,
        updated_at=1_700_000_000.0,
        started_at=None,
        finished_at=None,
        status_json=None,
        error="",
        retry_of=None,
    )
    return dataclasses.replace(base, **kw)


class LinkClient:
    def __init__(self) -> None:
        self.signed: list[tuple[str, int]] = []

    def list_buckets(self) -> list[BucketInfo]:
        return [BucketInfo("media"), BucketInfo("vault", private=True), BucketInfo("multi")]

    def bucket_domains(self, bucket: str) -> list[str]:
        return list(DOMAINS.get(bucket, []))

    def download_url(
        self, domain: str, key: str, *, private: bool = False, expires: int = 3600
    ) -> str:
        url = f"https://{domain}/{key_url_path(key)}"
        if private:
            self.signed.append((key, expires))
            url += f"?e={expires}&token=signed"
        return url


class FakeShell(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.banners: dict[str, dict[str, Any]] = {}
        self.status: dict[str, str] = {}

    def show_banner(
        self,
        key: str,
        text: str,
        *,
        level: str = "info",
        action_text: str | None = None,
        action: Callable[[], object] | None = None,
    ) -> None:
        self.banners[key] = {"text": text, "level": level}

    def hide_banner(self, key: str) -> None:
        self.banners.pop(key, None)

    def set_status(self, section: str, text: str) -> None:
        self.status[section] = text

    def dialog_parent(self) -> QWidget:
        return self


async def inline(fn: Callable[[], Any]) -> Any:
    return fn()


@pytest.fixture
def links(qloop: asyncio.AbstractEventLoop, qapp: Any, tmp_path: Path) -> Iterator[SimpleNamespace]:
    """A LinkFlow over the fake client, real settings on a temp file, the clipboard captured."""
    settings = Settings(tmp_path / "settings.ini")
    prefs = LinkPreferences(settings)
    client = LinkClient()
    resolver = LinkResolver(lambda _p: client, inline, domain_choice=prefs.domain_for)
    shell = FakeShell()
    owner = TaskOwner()
    flow = LinkFlow(shell, resolver, prefs, TaskStarter(owner), inline)
    copied: list[str] = []
    flow.put_on_clipboard = copied.append
    yield SimpleNamespace(
        flow=flow,
        shell=shell,
        client=client,
        prefs=prefs,
        settings=settings,
        copied=copied,
        owner=owner,
        loop=qloop,
        tmp=tmp_path,
    )
    owner.cancel_all()
    shell.close()
    shell.deleteLater()
