"""Preview on this file: run a preset on one source as a short sample, show it, delete it.

Each command runs as a sample (avthumb and vsample: ``ss`` kept, ``t`` at most 5 s; vframe as
it is) saved under ``.qfopgui-preview/<id>/`` in the *source* bucket: the account can certainly
write there (the source is processed there, while the output bucket may not be chosen yet),
the sample stays in the source's region, and one listing of the prefix finds every sample object
(vsample frames and HLS segments included) when cleaning up. The objects are noted in the
``PreviewJournal`` before the pfop is sent and deleted afterwards — also when the run is
cancelled (a shielded cleanup waits for the job to end first) or, failing that, by
``cleanup_pending()`` at the next start.

HLS samples are measured and pictured through their first segment. Expected server trouble
never raises: it becomes a ``Problem`` (a template of ``preview_model.MESSAGES``) on the run or
on one output.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import math
import uuid
from collections.abc import Awaitable, Callable, Sequence
from enum import StrEnum
from typing import Protocol

from qfopgui.api.errors import NotFoundError, OutcomeUnknownError, QiniuError
from qfopgui.api.models import BucketInfo
from qfopgui.api.responses import Answer, Context, parse_json
from qfopgui.core.fops import Command, ImageFormat, Problem, Vframe
from qfopgui.core.jobs import ItemLike, StatusLike
from qfopgui.core.object_keys import key_problem
from qfopgui.core.presets import Preset
from qfopgui.services.executors import RunIn
from qfopgui.services.messages import NoSuchAccountError
from qfopgui.services.preview_journal import (
    RUNNING_CODES,
    CleanupClient,
    PreviewEntry,
    PreviewJournal,
    SampleCleaner,
)
from qfopgui.services.preview_model import (
    ANSWER_LOST,
    FETCH_FAILED,
    FRAME_FAILED,
    ITEM_FAILED,
    JOB_UNKNOWN,
    LEFT_OVER,
    NO_DOMAIN,
    NO_RESULT,
    NOT_NOTED,
    NOT_SENT,
    PROBE_FAILED,
    TIMED_OUT,
    MediaFigures,
    OutputKind,
    PreviewOutput,
    PreviewResult,
    Sample,
    command_problems,
    figures_from_avinfo,
    plan_samples,
    preview_problem,
)

log = logging.getLogger(__name__)


class PreviewStage(StrEnum):
    SUBMITTING = "submitting"
    PROCESSING = "processing"
    FETCHING = "fetching"
    CLEANING = "cleaning"


Progress = Callable[[PreviewStage], None]


class Fetcher(Protocol):
    def request(self, method: str, url: str, *, idempotent: bool, ctx: Context = ...) -> Answer: ...


class PreviewClient(CleanupClient, Protocol):
    """What a preview needs of `QiniuClient`."""

    @property
    def transport(self) -> Fetcher: ...
    def list_buckets(self) -> list[BucketInfo]: ...
    def bucket_domains(self, bucket: str) -> list[str]: ...
    def pfop(
        self, bucket: str, key: str, fops: Sequence[str], *, pipeline: str = "", force: bool = False
    ) -> str: ...
    def download_url(
        self, domain: str, key: str, *, private: bool = False, query: str = ""
    ) -> str: ...


# -- the runner ---------------------------------------------------------------------------------


class _Run:
    """One run's client, journal entry (kept up to date on disk) and download address."""

    def __init__(self, client: PreviewClient, entry: PreviewEntry, journal: PreviewJournal):
        self.client = client
        self.entry = entry
        self._journal = journal
        self.where: tuple[str, bool] | Problem | None = None  # (domain, private), once asked
        self.sending: asyncio.Future[str] | None = None  # the last pfop, finished or not

    async def note(self, entry: PreviewEntry) -> None:
        """Record more of what the run wrote; the entry's prefix is already on disk, so a
        failed write only loses precision (logged)."""
        self.entry = entry
        try:
            await self._journal.put(entry)
        except OSError as exc:
            log.warning("preview journal not updated: %s", exc)


class PreviewRunner:
    """Runs previews (``run``) and deletes what earlier ones left (``cleanup_pending``)."""

    def __init__(
        self,
        client_for: Callable[[str], PreviewClient],
        run_blocking: RunIn,
        journal: PreviewJournal,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        poll_interval: float = 1.0,
        timeout: float = 300.0,
        prepare_account: Callable[[str], Awaitable[object]] | None = None,
    ) -> None:
        self._client_for = client_for
        self._run_blocking = run_blocking
        self._journal = journal
        self._sleep = sleep
        self._interval = poll_interval
        self._timeout = timeout
        self._prepare_account = prepare_account
        if poll_interval <= 0 or timeout <= 0:
            raise ValueError("poll_interval and timeout must be positive")
        self._polls = max(1, math.ceil(timeout / poll_interval))
        self._cleaner = SampleCleaner(
            journal, run_blocking, sleep=sleep, poll_interval=poll_interval, polls=self._polls
        )
        self._active: set[str] = set()
        self._cleanups: set[asyncio.Task[tuple[str, ...]]] = set()

    async def run(
        self,
        profile: str,
        bucket: str,
        key: str,
        preset: Preset,
        *,
        pipeline: str = "",
        progress: Progress | None = None,
    ) -> PreviewResult:
        report = progress or (lambda _stage: None)
        problems = command_problems(preset)
        source = key_problem(key, field="source")
        if source is not None:
            problems.insert(0, source)
        if problems:
            return PreviewResult(key, problems=tuple(problems))
        try:
            client = self._client_for(profile)
        except LookupError as exc:
            return PreviewResult(key, problems=(preview_problem(NOT_SENT, why=exc),))
        entry = PreviewEntry(uuid.uuid4().hex[:16], profile, bucket)
        samples = plan_samples(preset, bucket, entry.prefix)
        entry = entry.with_keys(tuple(s.key for s in samples))
        report(PreviewStage.SUBMITTING)
        try:
            await self._journal.put(entry)
        except OSError as exc:
            why = exc.strerror or str(exc)
            return PreviewResult(
                key, problems=(preview_problem(NOT_NOTED, path=self._journal.path, why=why),)
            )
        run = _Run(client, entry, self._journal)
        self._active.add(entry.id)
        try:
            result = await self._sample(run, key, samples, pipeline, report)
        finally:
            cleanup = asyncio.get_running_loop().create_task(self._clean_after(run, report))
            self._cleanups.add(cleanup)
            cleanup.add_done_callback(self._cleanups.discard)
            left = await asyncio.shield(cleanup)
        if left:
            extra = preview_problem(LEFT_OVER, count=len(left))
            result = dataclasses.replace(result, problems=(*result.problems, extra), left_over=left)
        return result

    async def cleanup_pending(self) -> int:
        """At start-up: delete what earlier runs left (jobs still running are left for later);
        returns how many objects were deleted."""
        deleted = 0
        for entry in await self._journal.entries():
            if entry.id in self._active:
                continue
            try:
                if self._prepare_account is not None:
                    await self._prepare_account(entry.profile)
                client = self._client_for(entry.profile)
            except NoSuchAccountError:
                log.info("dropping preview %s: account %s is gone", entry.id, entry.profile)
                await self._cleaner.drop(entry)
                continue
            except LookupError as exc:
                log.info("preview %s left for later: %s", entry.id, exc)
                continue
            count, _left = await self._cleaner.clean(client, entry, wait=False, final=True)
            deleted += count
        return deleted

    # -- one run ---------------------------------------------------------------------------------

    async def _sample(
        self, run: _Run, key: str, samples: tuple[Sample, ...], pipeline: str, report: Progress
    ) -> PreviewResult:
        fops = [s.command.build() for s in samples]
        found = await self._job(run, key, fops, pipeline)
        if isinstance(found, Problem):
            return PreviewResult(key, problems=(found,))
        report(PreviewStage.PROCESSING)
        status = await self._finished(run.client, found)
        if isinstance(status, Problem):
            return PreviewResult(key, problems=(status,))
        report(PreviewStage.FETCHING)
        items = list(status.items)
        outputs = []
        for sample in samples:
            item = items[sample.index] if sample.index < len(items) else None
            outputs.append(await self._output(run, sample, item, pipeline))
        return PreviewResult(key, tuple(outputs))

    async def _job(self, run: _Run, key: str, fops: list[str], pipeline: str) -> str | Problem:
        """Send a pfop for the run; its persistentId is noted in the journal."""
        bucket, client = run.entry.bucket, run.client
        # shielded: when the run is cancelled mid-request, the cleanup still learns the job ID
        run.sending = asyncio.ensure_future(
            self._run_blocking(
                lambda: client.pfop(bucket, key, fops, pipeline=pipeline, force=True)
            )
        )
        return await self._sent(run, await_shielded=True)

    @staticmethod
    async def _sent(run: _Run, *, await_shielded: bool) -> str | Problem:
        """The outcome of ``run.sending``, noted in the journal (idempotent)."""
        assert run.sending is not None
        try:
            pid = await (asyncio.shield(run.sending) if await_shielded else run.sending)
        except OutcomeUnknownError as exc:
            await run.note(dataclasses.replace(run.entry, uncertain=True))
            return preview_problem(ANSWER_LOST, why=exc.message)
        except QiniuError as exc:
            return preview_problem(NOT_SENT, why=exc.message)
        if pid not in run.entry.jobs:
            await run.note(run.entry.with_job(pid))
        return pid

    async def _finished(self, client: PreviewClient, pid: str) -> StatusLike | Problem:
        """Poll until the job ends (or ``timeout``)."""
        for attempt in range(self._polls):
            if attempt:
                await self._sleep(self._interval)
            try:
                status = await self._run_blocking(lambda: client.prefop(pid))
            except NotFoundError as exc:
                return preview_problem(JOB_UNKNOWN, why=exc.message)
            except QiniuError as exc:  # transient (rate limit, network): ask again
                log.info("prefop %s failed: %s", pid, exc)
                continue
            if status.code not in RUNNING_CODES:
                return status
        return preview_problem(TIMED_OUT, seconds=f"{self._timeout:g}")

    async def _output(
        self, run: _Run, sample: Sample, item: ItemLike | None, pipeline: str
    ) -> PreviewOutput:
        out = PreviewOutput(sample.original.build(), sample.kind)
        if item is None:
            return dataclasses.replace(out, problems=(preview_problem(NO_RESULT),))
        written = tuple(k for k in (item.key, *item.keys) if k)
        if written:
            await run.note(run.entry.with_keys(written))
        if item.code != 0:
            return dataclasses.replace(
                out, problems=(preview_problem(ITEM_FAILED, error=_said(item)),)
            )
        main = item.keys[0] if item.keys else item.key or sample.key  # vsample frame, HLS segment
        if sample.kind is OutputKind.IMAGE:
            picture = await self._download(run, main)
            if isinstance(picture, Problem):
                return dataclasses.replace(out, problems=(picture,))
            return dataclasses.replace(out, picture=picture)
        if sample.kind is OutputKind.OTHER:
            return out
        probed = await self._avinfo(run, main)
        if isinstance(probed, Problem):
            return dataclasses.replace(out, problems=(probed,))
        out = dataclasses.replace(out, figures=probed)
        if sample.kind is OutputKind.AUDIO:
            return out
        frame = await self._frame(run, main, probed, sample.index, pipeline)
        if isinstance(frame, Problem):
            return dataclasses.replace(out, problems=(frame,))
        return dataclasses.replace(out, picture=frame)

    async def _frame(
        self, run: _Run, key: str, figures: MediaFigures, index: int, pipeline: str
    ) -> bytes | Problem:
        """A vframe of the sample (into the prefix too), taken a little after its start."""
        offset = min(1.0, figures.duration / 2) if figures.duration else 0.0
        frame_key = f"{run.entry.prefix}{index}-frame.jpg"
        await run.note(run.entry.with_keys((frame_key,)))
        vframe = Command(Vframe(ImageFormat.JPG, offset=round(offset, 3)))
        fop = vframe.with_saveas(run.entry.bucket, frame_key).build()
        found = await self._job(run, key, [fop], pipeline)
        if isinstance(found, Problem):
            return found
        status = await self._finished(run.client, found)
        if isinstance(status, Problem):
            return status
        item = status.items[0] if status.items else None
        if item is None:
            return preview_problem(NO_RESULT)
        if item.code != 0:
            return preview_problem(FRAME_FAILED, error=_said(item))
        return await self._download(run, item.key or frame_key)

    async def _where(self, run: _Run) -> tuple[str, bool] | Problem:
        """The bucket's first download domain and whether links must be signed (asked once)."""
        if run.where is None:
            client, bucket = run.client, run.entry.bucket
            try:
                domains = await self._run_blocking(lambda: client.bucket_domains(bucket))
            except QiniuError as exc:
                run.where = preview_problem(FETCH_FAILED, why=exc.message)
                return run.where
            if not domains:
                run.where = preview_problem(NO_DOMAIN, bucket=bucket)
                return run.where
            try:
                buckets = await self._run_blocking(client.list_buckets)
            except QiniuError as exc:  # like LinkResolver: unknown means public
                log.info("listing buckets failed: %s", exc)
                buckets = []
            run.where = (domains[0], any(b.name == bucket and b.private for b in buckets))
        return run.where

    async def _get(self, run: _Run, key: str, query: str = "") -> Answer | Problem:
        where = await self._where(run)
        if isinstance(where, Problem):
            return where
        domain, private = where
        client, ctx = run.client, Context(bucket=run.entry.bucket, key=key)
        try:
            url = client.download_url(domain, key, private=private, query=query)
            return await self._run_blocking(
                lambda: client.transport.request("GET", url, idempotent=True, ctx=ctx)
            )
        except QiniuError as exc:
            return preview_problem(PROBE_FAILED if query else FETCH_FAILED, why=exc.message)

    async def _download(self, run: _Run, key: str) -> bytes | Problem:
        answer = await self._get(run, key)
        return answer if isinstance(answer, Problem) else answer.body

    async def _avinfo(self, run: _Run, key: str) -> MediaFigures | Problem:
        answer = await self._get(run, key, "avinfo")
        if isinstance(answer, Problem):
            return answer
        try:
            return figures_from_avinfo(parse_json(answer))
        except QiniuError as exc:
            return preview_problem(PROBE_FAILED, why=exc.message)

    # -- cleaning up -----------------------------------------------------------------------------

    async def _clean_after(self, run: _Run, report: Progress) -> tuple[str, ...]:
        try:
            report(PreviewStage.CLEANING)
        except Exception:  # a closed view must not stop the cleanup
            log.exception("preview progress callback failed")
        try:
            if run.sending is not None:  # a pfop cancelled mid-request may still have started
                await self._sent(run, await_shielded=False)
            _count, left = await self._cleaner.clean(run.client, run.entry, wait=True, final=False)
            return left
        finally:
            self._active.discard(run.entry.id)


def _said(item: ItemLike) -> str:
    return (item.error or item.desc or "").strip()
