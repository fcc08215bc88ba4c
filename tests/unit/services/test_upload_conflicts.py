"""The batch's conflict choice: skip, overwrite (the only one whose token may replace), and
keep both with `name (n).ext`, free against the bucket and the rest of the batch."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from qfopgui.services.upload_conflicts import (
    apply_choice,
    first_free,
    numbered,
    resolve_keep_both,
    split_name,
)
from qfopgui.services.upload_types import ConflictChoice, UploadItem


def item(key: str) -> UploadItem:
    return UploadItem(path=f"/local/{key}", size=10, mtime_ns=1, key=key)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("a.mp4", "a (1).mp4"),
        ("videos/a.mp4", "videos/a (1).mp4"),
        ("videos/archive.tar.gz", "videos/archive.tar (1).gz"),
        ("README", "README (1)"),
        ("dir.v2/README", "dir.v2/README (1)"),
        (".profile", ".profile (1)"),
        ("v/.hidden.mp4", "v/.hidden (1).mp4"),
    ],
)
def test_numbered_names_keep_folder_and_extension(key: str, expected: str) -> None:
    assert numbered(key, 1) == expected


def test_split_name() -> None:
    assert split_name("v/a.b.mp4") == ("v/a.b", ".mp4")
    assert split_name("v/noext") == ("v/noext", "")


def test_first_free_skips_taken_names() -> None:
    assert first_free("a.mp4", {"a.mp4", "a (1).mp4", "a (2).mp4"}) == "a (3).mp4"


def test_skip_marks_existing_keys_and_uploads_the_rest_insert_only() -> None:
    plan = apply_choice([item("a.mp4"), item("b.mp4")], {"a.mp4"}, ConflictChoice.SKIP)
    assert [(p.key, p.skipped, p.overwrite) for p in plan] == [
        ("a.mp4", True, False),
        ("b.mp4", False, False),
    ]


def test_overwrite_is_the_only_choice_that_may_replace() -> None:
    plan = apply_choice([item("a.mp4"), item("b.mp4")], {"a.mp4"}, ConflictChoice.OVERWRITE)
    assert [(p.key, p.skipped, p.overwrite) for p in plan] == [
        ("a.mp4", False, True),
        ("b.mp4", False, False),
    ]


def test_keep_both_avoids_existing_keys_and_the_batchs_own_keys() -> None:
    items = [item("a.mp4"), item("a (1).mp4"), item("c.mp4")]
    existing = {"a.mp4", "a (1).mp4"}
    plan = apply_choice(items, existing, ConflictChoice.KEEP_BOTH)
    assert [p.key for p in plan] == ["a (2).mp4", "a (1) (1).mp4", "c.mp4"]
    assert [p.renamed for p in plan] == [True, True, False]
    assert not any(p.overwrite or p.skipped for p in plan)


def test_keep_both_asks_the_bucket_about_each_new_name() -> None:
    in_bucket = {"v/a.mp4", "v/a (1).mp4", "v/a (2).mp4", "v/b.mp4"}
    asked: list[list[str]] = []

    async def exists(keys: Sequence[str]) -> set[str]:
        asked.append(sorted(keys))
        return {k for k in keys if k in in_bucket}

    items = [item("v/a.mp4"), item("v/b.mp4")]
    plan = asyncio.run(resolve_keep_both(items, {"v/a.mp4", "v/b.mp4"}, exists))
    assert [p.key for p in plan] == ["v/a (3).mp4", "v/b (1).mp4"]
    assert asked == [["v/a (1).mp4", "v/b (1).mp4"], ["v/a (2).mp4"], ["v/a (3).mp4"]]
