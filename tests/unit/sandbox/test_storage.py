"""Storage: metadata + files, replacement, listing semantics and efficiency, persistence."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import pytest
from qiniu.utils import etag

from qfopgui.sandbox.storage import NoSuchBucketError, Storage, successor


@pytest.fixture
def storage(tmp_path: Path) -> Storage:
    s = Storage(tmp_path / "data")
    s.create_bucket("b1")
    yield s
    s.close()


def test_put_stat_delete_and_etag(storage: Storage, tmp_path: Path) -> None:
    obj = storage.put_bytes("b1", "a/hello.txt", b"hello")
    assert obj.hash == "Fqr0xh3cxeii2r7eDztILNmuqUNN"  # qiniu.utils.etag of b"hello"
    assert obj.fsize == 5
    assert obj.mime_type == "text/plain"
    assert obj.path.read_bytes() == b"hello"
    assert "a/hello" not in str(obj.path)  # files are named by hash, not by key
    stat = storage.stat("b1", "a/hello.txt")
    assert stat is not None
    assert stat.hash == obj.hash
    assert stat.put_time == obj.put_time
    src = tmp_path / "five.bin"
    src.write_bytes(b"\0" * (5 << 20))
    big = storage.put_file("b1", "big.mp4", src)
    assert big.hash == "lrMhp7oU8rzWSRlmUeGJ73Q2pVa-" == etag(str(src))
    assert big.mime_type == "video/mp4"
    assert src.exists()
    assert storage.delete("b1", "a/hello.txt") is True
    assert storage.delete("b1", "a/hello.txt") is False
    assert storage.stat("b1", "a/hello.txt") is None
    assert not obj.path.exists()


def test_replace_is_atomic_and_removes_old_file(storage: Storage, tmp_path: Path) -> None:
    first = storage.put_bytes("b1", "k", b"one")
    second = storage.put_bytes("b1", "k", b"two", mime_type="x/y")
    assert first.path != second.path
    assert not first.path.exists()
    stat = storage.stat("b1", "k")
    assert stat is not None
    assert stat.path.read_bytes() == b"two"
    assert stat.mime_type == "x/y"
    moved = tmp_path / "m.bin"
    moved.write_bytes(b"three")
    storage.put_file("b1", "k", moved, move=True)
    assert not moved.exists()
    assert not second.path.exists()


def test_unknown_bucket_rejected(storage: Storage) -> None:
    with pytest.raises(NoSuchBucketError):
        storage.put_bytes("nope", "k", b"x")
    assert storage.stat("nope", "k") is None


def test_buckets_and_meta(storage: Storage) -> None:
    storage.create_bucket("b0", private=True, region="z1")
    rows = storage.buckets()
    assert [r.name for r in rows] == ["b0", "b1"]
    assert rows[0].private
    assert rows[0].region == "z1"
    assert rows[0].ctime > 0
    storage.create_bucket("b0")  # idempotent; updates privacy
    assert storage.bucket("b0") is not None
    assert not storage.bucket("b0").private
    storage.set_meta("x", "1")
    assert storage.get_meta("x") == "1"
    assert storage.get_meta("y") is None


def _reference(keys: list[str], prefix: str, delimiter: str) -> list[tuple[str, str]]:
    """Brute-force listing: ordered ("item"|"prefix", value) entries."""
    out: list[tuple[str, str]] = []
    for key in sorted(keys):
        if not key.startswith(prefix):
            continue
        idx = key.find(delimiter, len(prefix)) if delimiter else -1
        if idx >= 0:
            cp = key[: idx + len(delimiter)]
            if not out or out[-1] != ("prefix", cp):
                out.append(("prefix", cp))
        else:
            out.append(("item", key))
    return out


def _paged(storage: Storage, prefix: str, delimiter: str, limit: int) -> list[tuple[str, str]]:
    got: list[tuple[str, str]] = []
    marker = ""
    for _ in range(10_000):
        page = storage.list(
            "b1", prefix=prefix, delimiter=delimiter, marker_key=marker, limit=limit
        )
        assert len(page.items) + len(page.common_prefixes) <= limit
        entries = [("item", o.key) for o in page.items] + [
            ("prefix", p) for p in page.common_prefixes
        ]
        got.extend(sorted(entries, key=lambda e: e[1]))
        if not page.next_marker_key:
            return got
        marker = page.next_marker_key
    raise AssertionError("listing did not terminate")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_listing_matches_brute_force(storage: Storage, seed: int) -> None:
    rng = random.Random(seed)
    parts = ["a", "b", "a/", "x", "/", "é", "a-b", "zz", "0"]
    keys = sorted(
        {"".join(rng.choice(parts) for _ in range(rng.randint(1, 5))) for _ in range(300)}
    )
    for key in keys:
        storage.put_bytes("b1", key, b"")
    for prefix in ["", "a", "a/", "b", "é"]:
        for delimiter in ["", "/", "a-"]:
            expected = _reference(keys, prefix, delimiter)
            for limit in [1, 3, 1000]:
                assert _paged(storage, prefix, delimiter, limit) == expected, (
                    prefix,
                    delimiter,
                    limit,
                )


def test_delimiter_skips_groups_with_range_queries(storage: Storage) -> None:
    for group in ("a", "b"):
        for i in range(1500):
            storage.put_bytes("b1", f"{group}/{i:05d}", b"")
    storage.put_bytes("b1", "top.txt", b"")
    selects: list[str] = []
    storage._db.set_trace_callback(lambda sql: selects.append(sql) if "SELECT" in sql else None)
    page = storage.list("b1", delimiter="/", limit=1000)
    storage._db.set_trace_callback(None)
    assert page.common_prefixes == ["a/", "b/"]
    assert [o.key for o in page.items] == ["top.txt"]
    assert page.next_marker_key == ""
    assert len(selects) <= 6, selects  # one range query per group, not one row per key


def test_marker_inside_group_skips_the_group(storage: Storage) -> None:
    for key in ["a/1", "a/2", "a0", "b"]:
        storage.put_bytes("b1", key, b"")
    first = storage.list("b1", delimiter="/", limit=1)
    assert first.common_prefixes == ["a/"]
    assert first.next_marker_key == "a/"
    rest = storage.list("b1", delimiter="/", marker_key="a/", limit=10)
    assert [o.key for o in rest.items] == ["a0", "b"]
    assert rest.next_marker_key == ""


def test_successor() -> None:
    assert successor("a/") == "a0"
    assert successor("") is None
    assert successor("a\U0010ffff") == "b"


def test_persistence_across_instances(tmp_path: Path) -> None:
    s1 = Storage(tmp_path / "d")
    s1.create_bucket("b1", private=True)
    s1.put_bytes("b1", "k", b"data")
    s1.close()
    s2 = Storage(tmp_path / "d")
    obj = s2.stat("b1", "k")
    assert obj is not None
    assert obj.path.read_bytes() == b"data"
    assert s2.bucket("b1") is not None
    assert s2.bucket("b1").private
    s2.close()


def test_concurrent_writers(storage: Storage) -> None:
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(50):
                storage.put_bytes("b1", f"t{n}/{i}", f"{n}-{i}".encode())
                storage.put_bytes("b1", "shared", f"{n}-{i}".encode())
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(storage.list("b1", prefix="t", limit=1000).items) == 300
    shared = storage.stat("b1", "shared")
    assert shared is not None
    assert shared.path.exists()
    files = [p for p in (storage.data_dir / "objects").rglob("*") if p.is_file()]
    assert len(files) == 301  # every replaced version was cleaned up
