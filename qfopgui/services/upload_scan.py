"""What a drop of files and folders would upload, and which of those keys the bucket has.

`scan_local` is blocking (it walks folders and opens each file to prove it can be read), so the
service runs it in an executor. Folders keep their structure under the target prefix: dropping
`clips/` into `videos/` gives `videos/clips/a.mp4`. Symbolic links are never followed (they may
point outside the folder, or in a loop); they, unreadable and empty files, things that are not
regular files and names Qiniu refuses become `ScanProblem`s instead of stopping the scan.

`existing_keys` asks the bucket: one stat per key (bounded concurrency) for a small batch, or a
listing of the keys' common prefix for a large one, falling back to stats when that prefix
holds far more objects than the batch.
"""

from __future__ import annotations

import asyncio
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from qfopgui.api.errors import NoSuchBucketError, NotFoundError
from qfopgui.api.models import ListPage, ObjectInfo
from qfopgui.core.object_keys import key_problem
from qfopgui.services import upload_messages as M
from qfopgui.services.executors import RunIn
from qfopgui.services.upload_types import ProblemKind, ScanProblem, UploadItem

STAT_LIMIT = 200  # more keys than this: try listing their common prefix first
STAT_CONCURRENCY = 8
LIST_PAGE = 1000


class ExistsClient(Protocol):
    """The two reads `existing_keys` needs (QiniuClient has them)."""

    def stat(self, bucket: str, key: str) -> ObjectInfo: ...

    def list_page(
        self,
        bucket: str,
        *,
        prefix: str = "",
        delimiter: str = "",
        marker: str = "",
        limit: int = ...,
    ) -> ListPage: ...


@dataclass(frozen=True)
class LocalScan:
    items: tuple[UploadItem, ...]
    problems: tuple[ScanProblem, ...]


def folder_prefix(prefix: str) -> str:
    """The prefix as a folder: "" stays "", anything else ends with "/"."""
    return prefix if not prefix or prefix.endswith("/") else prefix + "/"


def problem(path: str, kind: ProblemKind, template: str, **params: str) -> ScanProblem:
    pairs = tuple(sorted(params.items()))
    return ScanProblem(path, kind, M.render(template, params), template, pairs)


def _os_words(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


class _Scanner:
    def __init__(self, prefix: str) -> None:
        self.prefix = folder_prefix(prefix)
        self.items: list[UploadItem] = []
        self.problems: list[ScanProblem] = []
        self._paths: set[str] = set()
        self._keys: dict[str, str] = {}  # key → path of the item that has it

    def top(self, path: Path) -> None:
        where = os.path.abspath(path)
        try:
            st = os.lstat(where)
        except FileNotFoundError:
            self.problems.append(problem(where, ProblemKind.NOT_A_FILE, M.GONE))
            return
        except OSError as exc:
            self.problems.append(
                problem(where, ProblemKind.UNREADABLE, M.UNREADABLE, error=_os_words(exc))
            )
            return
        self.entry(where, os.path.basename(where.rstrip(os.sep)) or where, st)

    def entry(self, where: str, rel: str, st: os.stat_result) -> None:
        if stat.S_ISLNK(st.st_mode):
            self.problems.append(problem(where, ProblemKind.SYMLINK, M.SYMLINK))
        elif stat.S_ISDIR(st.st_mode):
            self.folder(where, rel)
        elif stat.S_ISREG(st.st_mode):
            self.file(where, rel, st)
        else:
            self.problems.append(problem(where, ProblemKind.NOT_A_FILE, M.NOT_A_FILE))

    def folder(self, root: str, root_rel: str) -> None:
        stack = [(root, root_rel)]
        while stack:
            where, rel = stack.pop()
            try:
                with os.scandir(where) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                self.problems.append(
                    problem(
                        where, ProblemKind.UNREADABLE, M.FOLDER_UNREADABLE, error=_os_words(exc)
                    )
                )
                continue
            folders: list[tuple[str, str]] = []
            for e in entries:
                child_rel = f"{rel}/{e.name}"
                try:
                    st = e.stat(follow_symlinks=False)
                except OSError as exc:
                    self.problems.append(
                        problem(e.path, ProblemKind.UNREADABLE, M.UNREADABLE, error=_os_words(exc))
                    )
                    continue
                if stat.S_ISDIR(st.st_mode):
                    folders.append((e.path, child_rel))
                else:
                    self.entry(e.path, child_rel, st)
            stack.extend(reversed(folders))  # depth first, in name order

    def file(self, where: str, rel: str, st: os.stat_result) -> None:
        if where in self._paths:
            return  # the same file dropped twice (itself and inside its folder)
        self._paths.add(where)
        if st.st_size == 0:
            self.problems.append(problem(where, ProblemKind.EMPTY, M.EMPTY))
            return
        try:
            with open(where, "rb") as fh:
                fh.read(1)
        except OSError as exc:
            self.problems.append(
                problem(where, ProblemKind.UNREADABLE, M.UNREADABLE, error=_os_words(exc))
            )
            return
        key = self.prefix + rel
        bad = key_problem(key)
        if bad is not None:
            self.problems.append(
                ScanProblem(
                    where,
                    ProblemKind.BAD_NAME,
                    bad.message,
                    bad.template,
                    tuple(sorted(bad.params_dict.items())),
                )
            )
            return
        if key in self._keys:
            self.problems.append(problem(where, ProblemKind.BAD_NAME, M.SAME_KEY, key=key))
            return
        self._keys[key] = where
        self.items.append(UploadItem(where, st.st_size, st.st_mtime_ns, key))


def scan_local(paths: Iterable[Path], prefix: str) -> LocalScan:
    """Blocking: the upload items and the problems of the dropped `paths` (see module doc)."""
    scanner = _Scanner(prefix)
    for path in paths:
        scanner.top(Path(path))
    return LocalScan(tuple(scanner.items), tuple(scanner.problems))


# --- which keys exist ----------------------------------------------------------------------------


def common_prefix(keys: Sequence[str]) -> str:
    """The longest string every key starts with (characters, not path segments)."""
    if not keys:
        return ""
    first, last = min(keys), max(keys)
    n = 0
    while n < len(first) and first[n] == last[n]:
        n += 1
    return first[:n]


def list_existing(
    client: ExistsClient, bucket: str, keys: Sequence[str], *, max_pages: int
) -> set[str] | None:
    """Blocking: the keys found by listing their common prefix, or None when that takes more
    than `max_pages` pages (stats are cheaper then)."""
    wanted = set(keys)
    found: set[str] = set()
    marker = ""
    for _page in range(max(1, max_pages)):
        page = client.list_page(bucket, prefix=common_prefix(keys), marker=marker, limit=LIST_PAGE)
        found.update(item.key for item in page.items if item.key in wanted)
        if not page.marker or page.marker == marker:
            return found
        marker = page.marker
    return None


def stat_exists(client: ExistsClient, bucket: str, key: str) -> bool:
    """Blocking: whether the object is there (a missing bucket is an error, not "no")."""
    try:
        client.stat(bucket, key)
    except NoSuchBucketError:
        raise
    except NotFoundError:
        return False
    return True


async def existing_keys(
    client: ExistsClient,
    bucket: str,
    keys: Sequence[str],
    run_blocking: RunIn,
    *,
    concurrency: int = STAT_CONCURRENCY,
    stat_limit: int = STAT_LIMIT,
) -> set[str]:
    """The subset of `keys` the bucket already has (see the module docstring)."""
    unique = sorted(set(keys))
    if not unique:
        return set()
    if len(unique) > stat_limit:
        pages = len(unique) // 10  # a page is dearer than a stat, but it answers 1000 keys
        listed = await run_blocking(lambda: list_existing(client, bucket, unique, max_pages=pages))
        if listed is not None:
            return listed
    gate = asyncio.Semaphore(max(1, concurrency))

    async def one(key: str) -> str | None:
        async with gate:
            there = await run_blocking(lambda: stat_exists(client, bucket, key))
        return key if there else None

    try:
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(one(k)) for k in unique]
    except ExceptionGroup as failed:  # the first failure, as itself (the others were stopped)
        raise first_error(failed) from None
    return {k for t in tasks if (k := t.result()) is not None}


def first_error(group: BaseExceptionGroup[Exception]) -> Exception:
    """The first exception of a (nested) group: what to show for a batch that stopped."""
    first: BaseException = group
    while isinstance(first, BaseExceptionGroup):
        first = first.exceptions[0]
    assert isinstance(first, Exception)
    return first
