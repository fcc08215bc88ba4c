"""Opening the preset library: a damaged file is set aside intact; a newer or unreadable one is
left untouched and the library opens read-only."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from qfopgui.core.fops import Avthumb, Command
from qfopgui.core.presets import (
    BUILTIN_PRESETS,
    FILE_VERSION,
    Preset,
    PresetError,
    presets_to_json,
)
from qfopgui.services import preset_messages as M
from qfopgui.services.preset_library import PresetLibrary
from qfopgui.services.preset_library_file import LibraryStatus

A = Preset("Small MP4", (Command(Avthumb("mp4", vb="500k")),))
NOW = 1_800_000_000.0  # a fixed time for the backup name

DAMAGED = [
    b'{"version": 1, "presets": [',  # cut short
    b"\xff\xfe not utf-8",
    b'{"version": 1, "presets": [{"name": "X", "commands": ["bogus/x"]}]}',
    b'{"version": 1, "presets": [{"name": "X", "commands": ["vframe/jpg"]}]}',  # invalid preset
    b'["not", "an", "object"]',
]


@pytest.mark.parametrize("raw", DAMAGED)
def test_a_damaged_file_is_set_aside_with_its_bytes(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "presets.json"
    path.write_bytes(raw)
    lib = PresetLibrary(path, now=NOW)
    health = lib.health
    assert health.status is LibraryStatus.RECOVERED
    assert not lib.read_only
    assert health.backup_path is not None
    assert health.backup_path.parent == tmp_path
    assert health.backup_path.name.startswith("presets.json.damaged-")
    assert health.backup_path.read_bytes() == raw
    assert not path.exists()  # nothing written until the first change
    assert health.template == M.SET_ASIDE_DAMAGED
    assert health.params["backup"] == str(health.backup_path)
    assert str(health.backup_path) in health.message
    assert lib.custom() == ()
    lib.save(A)  # a new library starts; the backup stays
    assert PresetLibrary(path).custom() == (A,)
    assert health.backup_path.read_bytes() == raw


def test_a_second_damaged_file_gets_its_own_backup(tmp_path: Path) -> None:
    path = tmp_path / "presets.json"
    path.write_bytes(b"first")
    one = PresetLibrary(path, now=NOW).health.backup_path
    path.write_bytes(b"second")
    two = PresetLibrary(path, now=NOW).health.backup_path
    assert one is not None
    assert two is not None
    assert one != two
    assert (one.read_bytes(), two.read_bytes()) == (b"first", b"second")


def _newer(path: Path) -> bytes:
    raw = json.dumps({"version": FILE_VERSION + 1, "presets": [], "tags": []}).encode()
    path.write_bytes(raw)
    return raw


def test_a_newer_file_is_left_untouched_and_opens_read_only(tmp_path: Path) -> None:
    path = tmp_path / "presets.json"
    raw = _newer(path)
    lib = PresetLibrary(path)
    assert lib.read_only
    assert lib.health.status is LibraryStatus.READ_ONLY
    assert lib.health.template == M.OPENED_NEWER
    assert lib.health.params["version"] == str(FILE_VERSION + 1)
    assert lib.health.params["supported"] == str(FILE_VERSION)
    assert "made by a newer qfopgui" in lib.health.message
    assert lib.presets() == BUILTIN_PRESETS
    for call in (
        lambda: lib.save(A),
        lambda: lib.duplicate(BUILTIN_PRESETS[0].name),
        lambda: lib.delete("x"),
    ):
        with pytest.raises(PresetError) as refused:
            call()
        assert refused.value.template == M.READ_ONLY
    assert path.read_bytes() == raw
    assert sorted(p.name for p in tmp_path.iterdir()) == ["presets.json"]


def test_a_damaged_file_that_cannot_be_moved_is_left_and_opens_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "presets.json"
    path.write_bytes(b"garbage")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    lib = PresetLibrary(path)
    monkeypatch.undo()
    assert lib.read_only
    assert lib.health.template == M.CANNOT_SET_ASIDE
    assert lib.health.params["move_error"] == "Permission denied"
    with pytest.raises(PresetError):
        lib.save(A)
    assert path.read_bytes() == b"garbage"


def test_an_unreadable_file_is_left_and_opens_read_only(tmp_path: Path) -> None:
    path = tmp_path / "presets.json"
    path.mkdir()  # reading a folder fails like an unreadable file, even as root
    lib = PresetLibrary(path)
    assert lib.read_only
    assert lib.health.template == M.OPENED_UNREADABLE
    assert path.is_dir()
    assert list(path.iterdir()) == []


def test_a_custom_preset_named_like_a_builtin_is_renamed(tmp_path: Path) -> None:
    path = tmp_path / "presets.json"
    clash = Preset(BUILTIN_PRESETS[0].name, A.commands, description="mine")
    raw = presets_to_json([clash, A]).encode()
    path.write_bytes(raw)
    lib = PresetLibrary(path)
    renamed = f"{clash.name} 2"
    assert [p.name for p in lib.custom()] == [renamed, A.name]
    assert lib.custom()[0].commands == A.commands
    assert lib.get(clash.name) == BUILTIN_PRESETS[0]
    assert lib.health.template == M.RENAMED_ON_OPEN
    assert renamed in lib.health.message
    assert path.read_bytes() == raw  # saved with the next change only
