from __future__ import annotations

import json
from pathlib import Path

import pytest

from qfopgui.api.config import Endpoints
from qfopgui.services.profiles import Profile, ProfileError, ProfileStore


def test_round_trip_and_current(tmp_path: Path) -> None:
    path = tmp_path / "profiles.json"
    store = ProfileStore(path)
    a = Profile("Prod", "AK1", region="z1", pipelines=("hd",), default_pipeline="hd")
    b = Profile("Local", "AK2", hosts={"base": "http://127.0.0.1:9000"}, is_sandbox=True)
    store.upsert(a)
    store.upsert(b)
    store.set_current("Local")
    again = ProfileStore(path)
    assert again.list() == [a, b]
    assert again.current == b
    assert again.get("Prod") == a
    data = json.loads(path.read_text())
    assert data["version"] == 1


def test_rename_keeps_position_and_current(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "p.json")
    store.upsert(Profile("A", "ak"))
    store.upsert(Profile("B", "ak"))
    store.set_current("A")
    store.upsert(Profile("A2", "ak"), rename_from="A")
    assert store.names() == ["A2", "B"]
    assert store.current is not None
    assert store.current.name == "A2"
    with pytest.raises(ProfileError):
        store.upsert(Profile("B", "ak"), rename_from="A2")  # would overwrite another profile


def test_delete_moves_current(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "p.json")
    store.upsert(Profile("A", "ak"))
    store.upsert(Profile("B", "ak"))
    store.set_current("A")
    store.delete("A")
    assert store.names() == ["B"]
    assert store.current is not None
    assert store.current.name == "B"
    store.delete("B")
    assert store.current is None
    assert ProfileStore(tmp_path / "p.json").list() == []


def test_endpoints_region_base_and_overrides() -> None:
    assert Profile("a", "k", region="z2").endpoints() == Endpoints.for_region("z2")
    single = Profile("a", "k", hosts={"base": "http://127.0.0.1:9/"}).endpoints()
    assert single == Endpoints.single("http://127.0.0.1:9")
    mixed = Profile("a", "k", region="z0", hosts={"up": "https://up.example.com/"}).endpoints()
    assert mixed.up == "https://up.example.com"
    assert mixed.rs == Endpoints.for_region("z0").rs


@pytest.mark.parametrize(
    "profile",
    [
        Profile("", "ak"),
        Profile("x", ""),
        Profile("x", "ak", hosts={"base": "ftp://nope"}),
        Profile("x", "ak", hosts={"bogus": "http://a"}),
    ],
)
def test_invalid_profiles_are_refused(tmp_path: Path, profile: Profile) -> None:
    with pytest.raises(ProfileError):
        ProfileStore(tmp_path / "p.json").upsert(profile)


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[]",
        '{"version": 99, "profiles": []}',
        '{"version": 1, "profiles": [{"no_name": 1}]}',
    ],
)
def test_damaged_file_is_backed_up_not_fatal(tmp_path: Path, content: str) -> None:
    path = tmp_path / "profiles.json"
    path.write_text(content)
    store = ProfileStore(path)
    assert store.list() == []
    assert store.load_error
    assert "could not be read" in store.load_error
    assert store.backup_path is not None
    assert store.backup_path.read_text() == content
    store.upsert(Profile("A", "ak"))  # still usable; writes a fresh file
    assert ProfileStore(path).names() == ["A"]


def test_file_never_contains_a_secret_field(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "p.json")
    store.upsert(Profile("A", "ak"))
    data = json.loads((tmp_path / "p.json").read_text())
    assert not any("secret" in k for p in data["profiles"] for k in p)


def test_atomic_write_leaves_no_temp_file(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "p.json")
    store.upsert(Profile("A", "ak"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json"]
