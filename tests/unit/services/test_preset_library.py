"""PresetLibrary: changes survive a restart, built-ins stay locked, failed writes change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qfopgui.core.fops import Avthumb, Command, ImageFormat, Vframe
from qfopgui.core.presets import BUILTIN_PRESETS, Preset, PresetError, PresetFileError
from qfopgui.services import preset_messages as M
from qfopgui.services.preset_library import PresetLibrary

BUILTIN = BUILTIN_PRESETS[1].name
A = Preset(
    "Small MP4", (Command(Avthumb("mp4", vb="500k")),), "{name}-small.{ext}", description="a"
)
B = Preset("Poster", (Command(Vframe(format=ImageFormat.JPG, offset=2.0)),), description="b")


def _lib(tmp_path: Path) -> PresetLibrary:
    return PresetLibrary(tmp_path / "presets.json")


def _state(lib: PresetLibrary) -> tuple[tuple[Preset, ...], bytes | None]:
    return lib.custom(), lib.path.read_bytes() if lib.path.exists() else None


def test_a_new_library_has_only_the_builtins_and_writes_nothing(tmp_path: Path) -> None:
    lib = _lib(tmp_path)
    assert lib.presets() == BUILTIN_PRESETS
    assert lib.custom() == ()
    assert not lib.health.needs_attention
    assert not lib.read_only
    assert not lib.path.exists()


def test_save_rename_delete_survive_a_restart(tmp_path: Path) -> None:
    lib = _lib(tmp_path)
    assert lib.save(A) == A
    lib.save(B)
    assert _lib(tmp_path).custom() == (A, B)
    assert _lib(tmp_path).presets() == (*BUILTIN_PRESETS, A, B)

    edited = Preset("Tiny MP4", (Command(Avthumb("mp4", vb="200k")),), description="edited")
    lib.save(edited, replacing=A.name)
    again = _lib(tmp_path)
    assert again.custom() == (edited, B)  # renamed in place: same position
    assert again.get(A.name) is None
    assert again.get("Tiny MP4") == edited

    again.save(B, replacing=B.name)  # saving under its own name is fine
    again.delete("Tiny MP4")
    assert _lib(tmp_path).custom() == (B,)
    assert json.loads(lib.path.read_text("utf-8"))["version"] == 1


def test_stored_presets_are_never_marked_builtin(tmp_path: Path) -> None:
    lib = _lib(tmp_path)
    saved = lib.save(Preset("Mine", A.commands, builtin=True))
    assert not saved.builtin
    assert not _lib(tmp_path).get("Mine").builtin  # type: ignore[union-attr]
    assert not _lib(tmp_path).is_builtin("Mine")


def test_name_clashes_are_refused(tmp_path: Path) -> None:
    lib = _lib(tmp_path)
    lib.save(A)
    lib.save(B)
    before = _state(lib)
    with pytest.raises(PresetError) as taken:
        lib.save(A)
    assert taken.value.template == M.NAME_TAKEN
    assert taken.value.params == {"name": A.name}
    with pytest.raises(PresetError) as rename:
        lib.save(Preset(B.name, A.commands), replacing=A.name)
    assert rename.value.template == M.NAME_TAKEN
    with pytest.raises(PresetError) as builtin:
        lib.save(Preset(BUILTIN, A.commands))
    assert builtin.value.template == M.BUILTIN_NAME
    assert (
        str(builtin.value) == f"“{BUILTIN}” is the name of a built-in preset. Choose another name."
    )
    with pytest.raises(PresetError) as save_as:
        lib.save_as(A, BUILTIN)
    assert save_as.value.template == M.BUILTIN_NAME
    assert _state(lib) == before


def test_builtins_are_locked(tmp_path: Path) -> None:
    lib = _lib(tmp_path)
    assert lib.is_builtin(BUILTIN)
    assert lib.get(BUILTIN) == BUILTIN_PRESETS[1]
    with pytest.raises(PresetError) as delete:
        lib.delete(BUILTIN)
    assert delete.value.template == M.BUILTIN_UNDELETABLE
    with pytest.raises(PresetError) as change:
        lib.save(Preset(BUILTIN, A.commands), replacing=BUILTIN)
    assert change.value.template == M.BUILTIN_LOCKED
    with pytest.raises(PresetError) as rename:
        lib.save(Preset("Renamed", A.commands), replacing=BUILTIN)
    assert rename.value.template == M.BUILTIN_LOCKED
    assert lib.presets() == BUILTIN_PRESETS
    assert not lib.path.exists()


def test_missing_and_invalid_presets_are_refused(tmp_path: Path) -> None:
    lib = _lib(tmp_path)
    for call in (lambda: lib.delete("Nope"), lambda: lib.duplicate("Nope")):
        with pytest.raises(PresetError) as missing:
            call()
        assert missing.value.template == M.NO_SUCH_PRESET
    with pytest.raises(PresetError) as other:
        lib.save(A, replacing="Nope")
    assert other.value.template == M.NO_SUCH_PRESET
    with pytest.raises(PresetError) as invalid:
        lib.save(Preset("Empty", ()))
    assert invalid.value.template == M.INVALID
    assert invalid.value.problem is not None
    assert invalid.value.problem.field == "commands"
    assert "at least one command" in str(invalid.value)
    assert not lib.path.exists()


def test_save_as_keeps_the_original(tmp_path: Path) -> None:
    lib = _lib(tmp_path)
    lib.save(A)
    copy = lib.save_as(A, "Small MP4 for phones")
    assert copy == Preset("Small MP4 for phones", A.commands, A.template, description="a")
    from_builtin = lib.save_as(BUILTIN_PRESETS[0], "My 480p")
    assert not from_builtin.builtin
    assert from_builtin.commands == BUILTIN_PRESETS[0].commands
    assert [p.name for p in _lib(tmp_path).custom()] == [A.name, copy.name, "My 480p"]


def test_duplicate_makes_an_editable_uniquely_named_copy(tmp_path: Path) -> None:
    lib = _lib(tmp_path)
    first = lib.duplicate(BUILTIN)
    second = lib.duplicate(BUILTIN)
    assert (first.name, second.name) == (f"{BUILTIN} copy", f"{BUILTIN} copy 2")
    assert not first.builtin
    assert first.commands == BUILTIN_PRESETS[1].commands
    edited = replace_commands(first, A.commands)
    lib.save(edited, replacing=first.name)  # the copy is editable
    assert _lib(tmp_path).custom() == (edited, second)
    assert lib.get(BUILTIN) == BUILTIN_PRESETS[1]  # the original is untouched


def replace_commands(preset: Preset, commands: tuple[Command, ...]) -> Preset:
    return Preset(preset.name, commands, preset.template, description=preset.description)


def _failing_writer(path: Path, text: str) -> None:
    raise PermissionError(13, "Permission denied", str(path))


def test_a_failed_write_changes_neither_file_nor_library(tmp_path: Path) -> None:
    _lib(tmp_path).save(A)
    lib = PresetLibrary(tmp_path / "presets.json", writer=_failing_writer)
    before = _state(lib)
    calls = (
        lambda: lib.save(B),
        lambda: lib.save(B, replacing=A.name),
        lambda: lib.delete(A.name),
        lambda: lib.duplicate(A.name),
    )
    for call in calls:
        with pytest.raises(PresetFileError) as failed:
            call()
        assert failed.value.template == M.WRITE_FAILED
        assert failed.value.params["error"] == "Permission denied"
        assert "Nothing was changed" in str(failed.value)
        assert _state(lib) == before
    with pytest.raises(PresetFileError) as export:
        lib.export_all(tmp_path / "out.json")
    assert export.value.template == M.EXPORT_FAILED
    assert not (tmp_path / "out.json").exists()


def test_a_library_whose_folder_is_a_file_refuses_changes(tmp_path: Path) -> None:
    (tmp_path / "config").write_text("not a folder", "utf-8")
    lib = PresetLibrary(tmp_path / "config" / "presets.json")  # the real writer
    with pytest.raises(PresetFileError) as failed:
        lib.save(A)
    assert failed.value.template == M.WRITE_FAILED
    assert lib.custom() == ()
    assert (tmp_path / "config").read_text("utf-8") == "not a folder"
    with pytest.raises(PresetFileError) as export:
        _lib(tmp_path).export_one(BUILTIN, tmp_path / "config" / "x.json")
    assert export.value.template == M.EXPORT_FAILED


def test_a_write_never_leaves_temporary_files(tmp_path: Path) -> None:
    lib = _lib(tmp_path)
    lib.save(A)
    lib.save(B)
    lib.delete(A.name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["presets.json"]
