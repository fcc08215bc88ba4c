"""The job store on a really full and a really read-only file system (a small tmpfs).

Needs permission to mount (root on Linux); skipped otherwise. Root ignores file modes, so a
read-only mount is the honest way to get "cannot write" here.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from qfopgui.services import store_messages as M
from qfopgui.services.store import JobStore, StoreError
from qfopgui.services.store_health import SetAsideReason, StoreStatus
from tests.unit.services.test_store_health import garble_middle_pages, populated, submit

Remount = Callable[[], None]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, check=False, timeout=30)


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[tuple[Path, Remount]]:
    """A 512 KiB tmpfs and a function that remounts it read-only."""
    if not sys.platform.startswith("linux"):
        pytest.skip("tmpfs mounts are Linux only")
    where = tmp_path / "mnt"
    where.mkdir()
    try:
        done = _run("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(where))
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"cannot run mount: {exc}")
    if done.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here: {done.stderr.strip()}")

    def read_only() -> None:
        ro = _run("mount", "-o", "remount,ro", str(where))
        assert ro.returncode == 0, ro.stderr

    try:
        yield where, read_only
    finally:
        if _run("umount", str(where)).returncode != 0:
            _run("umount", "-l", str(where))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_full_disk_raises_disk_full_and_writing_resumes_after_space_is_freed(
    tmpfs: tuple[Path, Remount],
) -> None:
    where, _ = tmpfs
    path = where / "jobs.db"
    store = JobStore(path)
    assert store.open().status is StoreStatus.FRESH
    filler = where / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:  # fill the disk, then give back a little room
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        os.ftruncate(fd, max(0, os.fstat(fd).st_size - 64 * 1024))
    finally:
        os.close(fd)
    written: list[int] = []
    with pytest.raises(StoreError) as full:  # noqa: PT012 - write until the disk is full
        for i in range(1000):
            written.append(submit(store, key=f"in/{i:04d}-" + "x" * 2000))
    assert full.value.disk_full
    assert full.value.template == M.DISK_FULL
    assert full.value.message == M.DISK_FULL.format(path=path)
    assert written, "the store wrote nothing before the disk filled"
    assert sorted(r.id for r in store.jobs()) == written  # reads still work, no partial row
    filler.unlink()
    assert store.get(submit(store)) is not None  # space freed: the same store writes again
    store.close()


def test_a_read_only_mount_opens_read_only_and_refuses_writes(
    tmpfs: tuple[Path, Remount],
) -> None:
    where, read_only = tmpfs
    path = where / "jobs.db"
    ids = populated(path, n=5)
    read_only()
    before = _digest(path)
    store = JobStore(path)
    health = store.open()
    assert health.status is StoreStatus.READ_ONLY
    assert health.message == M.OPENED_READ_ONLY.format(path=path)
    assert sorted(r.id for r in store.jobs()) == ids
    with pytest.raises(StoreError) as refused:
        submit(store)
    assert refused.value.read_only
    assert refused.value.message == M.READ_ONLY.format(path=path)
    store.close()
    assert _digest(path) == before


def test_a_damaged_file_on_a_read_only_mount_leaves_an_in_memory_store(
    tmpfs: tuple[Path, Remount],
) -> None:
    where, read_only = tmpfs
    path = where / "jobs.db"
    populated(path, n=200)
    garble_middle_pages(path)
    read_only()
    before = _digest(path)
    store = JobStore(path)
    health = store.open()
    assert health.status is StoreStatus.IN_MEMORY
    assert health.reason is SetAsideReason.DAMAGED
    assert health.template == M.IN_MEMORY
    assert "Read-only file system" in health.message
    assert store.get(submit(store)) is not None  # the app still works, in memory
    store.close()
    assert _digest(path) == before


def test_no_file_on_a_read_only_mount_leaves_an_in_memory_store(
    tmpfs: tuple[Path, Remount],
) -> None:
    where, read_only = tmpfs
    read_only()
    store = JobStore(where / "jobs.db")
    health = store.open()
    assert health.status is StoreStatus.IN_MEMORY
    assert health.template == M.IN_MEMORY_NO_FILE
    assert store.get(submit(store)) is not None
    store.close()
    assert not (where / "jobs.db").exists()
