"""Links for many outputs: only finished jobs, one URL per line whatever the keys, a safe CSV."""

from __future__ import annotations

import asyncio
import csv
import dataclasses
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from qfopgui.api.models import BucketInfo
from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.core.object_keys import key_url_path
from qfopgui.services.batch_links import LINKS_HEADER, collect_links, export_links_csv
from qfopgui.services.csv_export import CsvExportError
from qfopgui.services.links import LinkResolver

HOSTILE = "clips/a\nb#c?d=1 %2F..mp4"
_IDS = itertools.count(1)


def make_record(**kw: Any) -> JobRecord:
    base = JobRecord(
        id=next(_IDS),
        profile="demo",
        bucket="media",
        key="clips/c.mov",
        fops=("avthumb/mp4|saveas/eA==",),
        presets=("MP4 H.264 720p",),
        outputs=("clips/c_720p.mp4",),
        output_bucket="media",
        pipeline="",
        batch_id="b1",
        state=JobState.WAITING,
        persistent_id="z0.pid",
        force=False,
        notify_url="",
        type=0,
        submitted_at=1_700_000_000.0,
        updated_at=1_700_000_000.0,
        started_at=None,
        finished_at=None,
        status_json=None,
        error="",
        retry_of=None,
    )
    return dataclasses.replace(base, **kw)


class Client:
    """Buckets and domains as a server would answer; URLs built like the real client's."""

    def __init__(self) -> None:
        self.signed: list[tuple[str, int]] = []

    def list_buckets(self) -> list[BucketInfo]:
        return [BucketInfo("media", "z0", private=False), BucketInfo("vault", "z0", private=True)]

    def bucket_domains(self, bucket: str) -> list[str]:
        return {"media": ["cdn.example.com"], "vault": ["v.example.com"]}.get(bucket, [])

    def download_url(
        self, domain: str, key: str, *, private: bool = False, expires: int = 3600
    ) -> str:
        url = f"https://{domain}/{key_url_path(key)}"
        if private:
            self.signed.append((key, expires))
            url += f"?e={expires}&token=t"
        return url


async def inline(fn: Callable[[], Any]) -> Any:
    return fn()


def resolver(client: Client) -> LinkResolver:
    return LinkResolver(lambda _profile: client, inline)


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_only_done_jobs_give_links_one_per_output_in_order() -> None:
    done = make_record(
        state=JobState.DONE,
        output_bucket="media",
        outputs=("v/a_720p.mp4", "v/a.jpg"),
        presets=("MP4 H.264 720p", "JPG thumbnail"),
    )
    waiting = make_record(state=JobState.WAITING, output_bucket="media")
    failed = make_record(state=JobState.FAILED, output_bucket="media")
    found = run(collect_links(resolver(Client()), [done, waiting, failed]))
    assert found.text().splitlines() == [
        "https://cdn.example.com/v/a_720p.mp4",
        "https://cdn.example.com/v/a.jpg",
    ]
    assert [link.preset for link in found.links] == ["MP4 H.264 720p", "JPG thumbnail"]
    assert found.not_done == 2
    assert found.missing == ()


def test_a_hostile_key_stays_one_line_and_names_exactly_that_object() -> None:
    record = make_record(state=JobState.DONE, output_bucket="media", outputs=(HOSTILE, "ok.mp4"))
    found = run(collect_links(resolver(Client()), [record]))
    lines = found.text().split("\n")
    assert len(lines) == 2
    assert unquote(urlsplit(lines[0]).path)[1:] == HOSTILE
    assert urlsplit(lines[0]).query == ""
    assert urlsplit(lines[0]).fragment == ""


def test_private_outputs_are_signed_with_the_chosen_expiry() -> None:
    client = Client()
    record = make_record(state=JobState.DONE, output_bucket="vault", outputs=("x.mp4",))
    found = run(collect_links(resolver(client), [record], expires=7 * 86400))
    assert client.signed == [("x.mp4", 7 * 86400)]
    assert found.links[0].url.endswith(f"?e={7 * 86400}&token=t")


def test_an_output_without_a_domain_is_listed_with_the_reason_not_dropped() -> None:
    record = make_record(state=JobState.DONE, output_bucket="nodomain", outputs=("x.mp4",))
    found = run(collect_links(resolver(Client()), [record]))
    assert found.links == ()
    (missing,) = found.missing
    assert missing.output_key == "x.mp4"
    assert "no download domain" in missing.reason


def test_the_same_output_of_two_jobs_is_linked_once() -> None:
    a = make_record(state=JobState.DONE, output_bucket="media", outputs=("same.mp4",))
    b = make_record(state=JobState.DONE, output_bucket="media", outputs=("same.mp4",))
    assert (
        run(collect_links(resolver(Client()), [a, b])).text() == "https://cdn.example.com/same.mp4"
    )


def test_links_csv_has_source_preset_output_and_url_with_safe_cells(tmp_path: Path) -> None:
    record = make_record(
        state=JobState.DONE,
        key="=HYPERLINK(evil).mp4",
        output_bucket="media",
        outputs=("v/out.mp4",),
        presets=("MP4 H.264 720p",),
    )
    found = run(collect_links(resolver(Client()), [record]))
    path = tmp_path / "links.csv"
    assert export_links_csv(path, found.links) == 1
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == LINKS_HEADER
    assert rows[1] == [
        record.bucket,
        "'=HYPERLINK(evil).mp4",
        "MP4 H.264 720p",
        "media",
        "v/out.mp4",
        "https://cdn.example.com/v/out.mp4",
    ]


def test_a_failed_csv_write_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "links.csv"
    with pytest.raises(CsvExportError):
        export_links_csv(target, ())
    assert not target.exists()
    assert not target.with_name("links.csv.part").exists()
