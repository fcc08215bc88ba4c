"""Scanning dropped files and folders: keys keep the folder structure, and symlinks, empty,
unreadable and odd files become problems instead of uploads; which keys the bucket has."""

from __future__ import annotations

import asyncio
import bisect
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from qfopgui.api.errors import NoSuchBucketError, NotFoundError
from qfopgui.api.models import ListPage, ObjectInfo
from qfopgui.services import upload_messages as M
from qfopgui.services import upload_scan
from qfopgui.services.upload_scan import (
    common_prefix,
    existing_keys,
    folder_prefix,
    scan_local,
)
from qfopgui.services.upload_types import ProblemKind

T = TypeVar("T")
ROOT = os.geteuid() == 0  # chmod 000 does not stop root from reading


def write(path: Path, data: bytes = b"data") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def kinds(scan: upload_scan.LocalScan) -> dict[str, ProblemKind]:
    return {Path(p.path).name: p.kind for p in scan.problems}


# --- keys ----------------------------------------------------------------------------------------


def test_a_dropped_folder_keeps_its_structure_under_the_prefix(tmp_path: Path) -> None:
    write(tmp_path / "clips" / "a.mp4")
    write(tmp_path / "clips" / "sub" / "b.mp4")
    write(tmp_path / "c.mp4")
    scan = scan_local([tmp_path / "clips", tmp_path / "c.mp4"], "videos/")
    assert [i.key for i in scan.items] == [
        "videos/clips/a.mp4",
        "videos/clips/sub/b.mp4",
        "videos/c.mp4",
    ]
    assert scan.problems == ()
    a = scan.items[0]
    assert a.path == str(tmp_path / "clips" / "a.mp4")
    assert (a.size, a.mtime_ns) == (4, (tmp_path / "clips" / "a.mp4").stat().st_mtime_ns)


def test_prefix_is_a_folder_and_the_bucket_root_has_none(tmp_path: Path) -> None:
    write(tmp_path / "clips" / "a.mp4")
    assert folder_prefix("videos") == "videos/"
    assert folder_prefix("") == ""
    assert [i.key for i in scan_local([tmp_path / "clips"], "videos").items] == [
        "videos/clips/a.mp4"
    ]
    assert [i.key for i in scan_local([tmp_path / "clips"], "").items] == ["clips/a.mp4"]


def test_the_same_file_dropped_twice_is_uploaded_once(tmp_path: Path) -> None:
    a = write(tmp_path / "clips" / "a.mp4")
    scan = scan_local([tmp_path / "clips" / "a.mp4", a], "")
    assert [i.key for i in scan.items] == ["a.mp4"]


def test_two_files_that_would_get_one_key_keep_the_first(tmp_path: Path) -> None:
    write(tmp_path / "one" / "clips" / "a.mp4")
    write(tmp_path / "two" / "clips" / "a.mp4")
    scan = scan_local([tmp_path / "one" / "clips", tmp_path / "two" / "clips"], "v/")
    assert [i.path for i in scan.items] == [str(tmp_path / "one" / "clips" / "a.mp4")]
    (p,) = scan.problems
    assert (p.kind, p.template, p.message) == (
        ProblemKind.BAD_NAME,
        M.SAME_KEY,
        "Another file of this upload would also be saved as v/clips/a.mp4",
    )


# --- problems ------------------------------------------------------------------------------------


def test_empty_files_are_reported_with_the_template_to_translate(tmp_path: Path) -> None:
    write(tmp_path / "clips" / "a.mp4")
    write(tmp_path / "clips" / "empty.bin", b"")
    scan = scan_local([tmp_path / "clips"], "")
    assert [i.key for i in scan.items] == ["clips/a.mp4"]
    (p,) = scan.problems
    assert (p.path, p.kind, p.message, p.template, p.params) == (
        str(tmp_path / "clips" / "empty.bin"),
        ProblemKind.EMPTY,
        "Empty (0 bytes), not uploaded",
        M.EMPTY,
        (),
    )


@pytest.mark.skipif(ROOT, reason="root reads files whatever their mode")
def test_a_folder_of_three_files_scans_to_one_item_and_two_problems(tmp_path: Path) -> None:
    folder = tmp_path / "clips"
    write(folder / "a.mp4")
    write(folder / "empty.mp4", b"")
    locked = write(folder / "locked.mp4")
    locked.chmod(0)
    try:
        scan = scan_local([folder], "videos/")
        assert [i.key for i in scan.items] == ["videos/clips/a.mp4"]
        assert kinds(scan) == {"empty.mp4": ProblemKind.EMPTY, "locked.mp4": ProblemKind.UNREADABLE}
        write(folder / "b.mp4")
        again = scan_local([folder], "videos/")
        assert [i.key for i in again.items] == ["videos/clips/a.mp4", "videos/clips/b.mp4"]
        assert len(again.problems) == 2
    finally:
        locked.chmod(0o644)


def test_a_file_that_cannot_be_opened_is_a_problem_with_the_os_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same rule without relying on file modes (they do not stop root)."""
    folder = tmp_path / "clips"
    write(folder / "a.mp4")
    write(folder / "b.mp4")
    write(folder / "empty.mp4", b"")
    locked = write(folder / "locked.mp4")
    real_open = open

    def guarded_open(path: Any, *args: Any, **kwargs: Any) -> Any:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(upload_scan, "open", guarded_open, raising=False)
    scan = scan_local([folder], "videos/")
    assert [i.key for i in scan.items] == ["videos/clips/a.mp4", "videos/clips/b.mp4"]
    assert kinds(scan) == {"empty.mp4": ProblemKind.EMPTY, "locked.mp4": ProblemKind.UNREADABLE}
    unreadable = next(p for p in scan.problems if p.kind is ProblemKind.UNREADABLE)
    assert unreadable.message == "Cannot be read: Permission denied"
    assert (unreadable.template, unreadable.params) == (
        M.UNREADABLE,
        (("error", "Permission denied"),),
    )


def test_symlinks_are_reported_and_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside / "secret.mp4")
    folder = tmp_path / "clips"
    write(folder / "a.mp4")
    (folder / "to-outside").symlink_to(outside, target_is_directory=True)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "link.mp4").symlink_to(folder / "a.mp4")
    (tmp_path / "top-link").symlink_to(folder / "a.mp4")
    scan = scan_local([folder, tmp_path / "top-link"], "")
    assert [i.key for i in scan.items] == ["clips/a.mp4"]
    assert kinds(scan) == dict.fromkeys(
        ["link.mp4", "loop", "to-outside", "top-link"], ProblemKind.SYMLINK
    )
    assert {p.message for p in scan.problems} == {"Symbolic link, not followed"}


def test_pipes_missing_paths_and_names_qiniu_refuses(tmp_path: Path) -> None:
    folder = tmp_path / "clips"
    write(folder / "a.mp4")
    os.mkfifo(folder / "pipe")
    bad = os.path.join(os.fsencode(folder), b"\xff.mp4")
    with open(bad, "wb") as fh:
        fh.write(b"x")
    scan = scan_local([folder, tmp_path / "gone.mp4"], "")
    assert [i.key for i in scan.items] == ["clips/a.mp4"]
    found = {p.kind: p for p in scan.problems}
    assert set(found) == {ProblemKind.NOT_A_FILE, ProblemKind.BAD_NAME}
    assert {p.message for p in scan.problems if p.kind is ProblemKind.NOT_A_FILE} == {
        M.NOT_A_FILE,
        M.GONE,
    }
    assert "not valid UTF-8" in found[ProblemKind.BAD_NAME].message
    assert found[ProblemKind.BAD_NAME].template.startswith("The file name {key}")


def test_an_unreadable_folder_is_one_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "clips"
    write(folder / "a.mp4")
    write(folder / "private" / "b.mp4")
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if str(path).endswith("private"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(upload_scan.os, "scandir", scandir)
    scan = scan_local([folder], "")
    assert [i.key for i in scan.items] == ["clips/a.mp4"]
    (p,) = scan.problems
    assert (p.kind, p.message) == (
        ProblemKind.UNREADABLE,
        "The folder cannot be read: Permission denied",
    )


# --- existing keys -------------------------------------------------------------------------------


class FakeBucket:
    def __init__(self, keys: set[str], *, missing_bucket: bool = False) -> None:
        self.keys = keys
        self.missing_bucket = missing_bucket
        self.stats: list[str] = []
        self.listings: list[tuple[str, str]] = []
        self._order: list[str] = []

    def _sorted(self) -> list[str]:
        if len(self._order) != len(self.keys):
            self._order = sorted(self.keys)
        return self._order

    def stat(self, bucket: str, key: str) -> ObjectInfo:
        self.stats.append(key)
        if self.missing_bucket:
            raise NoSuchBucketError("no such bucket")
        if key not in self.keys:
            raise NotFoundError("no such file")
        return ObjectInfo(key=key, fsize=1, hash="h", mime_type="x", put_time=0)

    def list_page(
        self,
        bucket: str,
        *,
        prefix: str = "",
        delimiter: str = "",
        marker: str = "",
        limit: int = 1000,
    ) -> ListPage:
        self.listings.append((prefix, marker))
        ordered = self._sorted()
        start = (
            bisect.bisect_right(ordered, marker) if marker else bisect.bisect_left(ordered, prefix)
        )
        names = [k for k in ordered[start : start + limit] if k.startswith(prefix)]
        items = [ObjectInfo(key=k, fsize=1, hash="h", mime_type="x", put_time=0) for k in names]
        more = len(names) == limit
        return ListPage(items=tuple(items), prefixes=(), marker=names[-1] if more else "")


async def inline(fn: Callable[[], T]) -> T:
    return fn()


def test_few_keys_are_stat_each_and_a_missing_bucket_is_an_error() -> None:
    bucket = FakeBucket({"v/a.mp4", "v/zzz"})
    found = asyncio.run(existing_keys(bucket, "b", ["v/a.mp4", "v/b.mp4"], inline))
    assert found == {"v/a.mp4"}
    assert sorted(bucket.stats) == ["v/a.mp4", "v/b.mp4"]
    assert bucket.listings == []
    with pytest.raises(NoSuchBucketError):
        asyncio.run(existing_keys(FakeBucket(set(), missing_bucket=True), "b", ["k"], inline))


def test_many_keys_list_their_common_prefix_instead() -> None:
    keys = [f"v/clips/{n:04d}.mp4" for n in range(300)]
    bucket = FakeBucket({keys[5], keys[299], "v/other.mp4"})
    found = asyncio.run(existing_keys(bucket, "b", keys, inline))
    assert found == {keys[5], keys[299]}
    assert bucket.stats == []
    assert bucket.listings == [("v/clips/0", "")]
    assert common_prefix(["v/a", "v/ab", "v/b"]) == "v/"


def test_a_crowded_prefix_falls_back_to_stats() -> None:
    keys = [f"v/{n:04d}.mp4" for n in range(210)]
    crowded = {f"v/0{n:05d}-old" for n in range(50_000)} | {keys[0]}
    bucket = FakeBucket(crowded)
    found = asyncio.run(existing_keys(bucket, "b", keys, inline))
    assert found == {keys[0]}
    assert len(bucket.listings) == 21  # 210 keys // 10 pages, then stats are cheaper
    assert len(bucket.stats) == 210
