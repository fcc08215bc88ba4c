"""Links for many outputs at once: a job, a batch, a selection → one URL per line, or a CSV.

Only outputs of finished jobs get a link (an output of a waiting or failed job does not exist).
Each URL comes from ``LinkResolver`` (signed for private buckets, valid for ``expires``
seconds), so an object key is always percent-encoded into the URL: a key with a line break,
``#`` or ``?`` cannot break the one-URL-per-line text or point at another object. The CSV cells
go through ``csv_export.safe_cell`` like every other export.

``collect_object_links`` does the same for objects picked in Files (no job, no preset: the
source columns stay empty). ``link_places`` names the buckets a set of jobs links into, so the
UI can ask once for the expiry (private buckets) and the domain (buckets with several).
"""

from __future__ import annotations

import contextlib
import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

from qfopgui.core.job_rules import superseded_ids
from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.services.csv_export import CsvExportError, safe_cell

LINKS_HEADER = ("source_bucket", "source", "preset", "output_bucket", "output", "url")
DEFAULT_EXPIRES = 3600
_NOT_IN_A_LINE = re.compile("[\x00-\x20\x7f-\x9f\u2028\u2029]")  # controls, space, line seps


class UrlMaker(Protocol):
    async def url(self, profile: str, bucket: str, key: str, *, expires: int = ...) -> str: ...


@dataclass(frozen=True)
class OutputLink:
    """One output of one finished job and its download URL."""

    job_id: int
    source_bucket: str
    source_key: str
    preset: str
    output_bucket: str
    output_key: str
    url: str


@dataclass(frozen=True)
class MissingLink:
    """An output no URL could be made for; ``reason`` is the resolver's sentence."""

    output_bucket: str
    output_key: str
    reason: str
    error: LookupError


@dataclass(frozen=True)
class BatchLinks:
    links: tuple[OutputLink, ...]
    missing: tuple[MissingLink, ...] = ()
    not_done: int = 0  # jobs left out because they are not done (no outputs yet, or failed)

    def text(self) -> str:
        """One URL per line, in job and output order (what "Copy links" puts on the clipboard)."""
        return "\n".join(_one_line(link.url) for link in self.links)


def _one_line(url: str) -> str:
    """Keys are percent-encoded already; a domain from the server is made safe the same way."""
    return _NOT_IN_A_LINE.sub(lambda m: quote(m.group(), safe=""), url)


def link_places(records: Iterable[JobRecord]) -> list[tuple[str, str]]:
    """(profile, output bucket) of the done jobs among ``records``, each once, in order."""
    places = ((r.profile, r.output_bucket) for r in records if r.state is JobState.DONE)
    return list(dict.fromkeys(places))


def records_of_batches(records: Iterable[JobRecord], batch_ids: Iterable[str]) -> list[JobRecord]:
    """The jobs of these batches that count: a job a retry replaced is left out (its retry,
    in the same batch, carries the outputs)."""
    wanted = set(batch_ids) - {""}
    records = list(records)
    replaced = superseded_ids(records)
    return [r for r in records if r.batch_id in wanted and r.id not in replaced]


async def collect_links(
    resolver: UrlMaker, records: Iterable[JobRecord], *, expires: int = DEFAULT_EXPIRES
) -> BatchLinks:
    """The URL of every output of the done jobs among ``records`` (each output once)."""
    links: list[OutputLink] = []
    missing: list[MissingLink] = []
    not_done = 0
    seen: set[tuple[str, str]] = set()
    for record in records:
        if record.state is not JobState.DONE:
            not_done += 1
            continue
        for index, output in enumerate(record.outputs):
            where = (record.output_bucket, output)
            if where in seen:
                continue
            seen.add(where)
            try:
                url = await resolver.url(
                    record.profile, record.output_bucket, output, expires=expires
                )
            except LookupError as exc:
                missing.append(MissingLink(record.output_bucket, output, str(exc), exc))
                continue
            preset = record.presets[index] if index < len(record.presets) else ""
            links.append(
                OutputLink(
                    record.id,
                    record.bucket,
                    record.key,
                    preset,
                    record.output_bucket,
                    output,
                    url,
                )
            )
    return BatchLinks(tuple(links), tuple(missing), not_done)


async def collect_object_links(
    resolver: UrlMaker,
    profile: str,
    bucket: str,
    keys: Iterable[str],
    *,
    expires: int = DEFAULT_EXPIRES,
) -> BatchLinks:
    """The URL of each object (each key once, in order); for "Copy links" in Files."""
    links: list[OutputLink] = []
    missing: list[MissingLink] = []
    for key in dict.fromkeys(keys):
        try:
            url = await resolver.url(profile, bucket, key, expires=expires)
        except LookupError as exc:
            missing.append(MissingLink(bucket, key, str(exc), exc))
            continue
        links.append(OutputLink(0, "", "", "", bucket, key, url))
    return BatchLinks(tuple(links), tuple(missing))


def link_row(link: OutputLink) -> list[str]:
    cells = (
        link.source_bucket,
        link.source_key,
        link.preset,
        link.output_bucket,
        link.output_key,
        link.url,
    )
    return [safe_cell(c) for c in cells]


def export_links_csv(path: Path, links: Sequence[OutputLink]) -> int:
    """Write the links (UTF-8 with BOM, all or nothing); returns the rows written. Blocking."""
    tmp = path.with_name(path.name + ".part")
    try:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(LINKS_HEADER)
            writer.writerows(link_row(link) for link in links)
        tmp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise CsvExportError(path, exc.strerror or str(exc)) from exc
    return len(links)
