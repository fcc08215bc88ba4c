"""Export and import: a round trip is exact, a bad file changes nothing, and each conflict
decision does what it says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qfopgui.core.fops import Avthumb, Command
from qfopgui.core.presets import (
    BUILTIN_PRESETS,
    FILE_VERSION,
    Preset,
    PresetError,
    PresetFileError,
    presets_from_json,
    presets_to_json,
)
from qfopgui.services import preset_messages as M
from qfopgui.services.preset_import import ConflictChoice
from qfopgui.services.preset_library import PresetLibrary


def _preset(name: str, vb: str = "500k", description: str = "") -> Preset:
    return Preset(name, (Command(Avthumb("mp4", vb=vb)),), description=description)


A, B, C = _preset("A", "300k", "first"), _preset("B", "400k"), _preset("C", "600k")
BUILTIN = BUILTIN_PRESETS[0]


def _lib(tmp_path: Path, *presets: Preset) -> PresetLibrary:
    lib = PresetLibrary(tmp_path / "presets.json")
    for p in presets:
        lib.save(p)
    return lib


def _file(tmp_path: Path, *presets: Preset) -> Path:
    path = tmp_path / "import.json"
    path.write_text(presets_to_json(presets), "utf-8")
    return path


def test_export_all_delete_all_import_is_identical(tmp_path: Path) -> None:
    lib = _lib(tmp_path, A, B, C)
    before = lib.presets()
    out = tmp_path / "shared" / "all.json"
    lib.export_all(out)
    assert json.loads(out.read_text("utf-8"))["version"] == FILE_VERSION
    for p in lib.custom():
        lib.delete(p.name)
    assert lib.presets() == BUILTIN_PRESETS
    plan = lib.read_import(out)
    assert plan.new == (A, B, C)
    assert plan.conflicts == ()
    result = lib.apply_import(plan, {})
    assert result.added == ("A", "B", "C")
    assert result.replaced == result.skipped == ()
    assert lib.presets() == before
    assert PresetLibrary(lib.path).presets() == before  # and on disk


def test_export_one_writes_just_that_preset_even_a_builtin(tmp_path: Path) -> None:
    lib = _lib(tmp_path, A, B)
    lib.export_one("B", tmp_path / "b.json")
    assert presets_from_json((tmp_path / "b.json").read_text("utf-8")) == [B]
    lib.export_one(BUILTIN.name, tmp_path / "builtin.json")
    [shared] = presets_from_json((tmp_path / "builtin.json").read_text("utf-8"))
    assert (shared.name, shared.commands, shared.builtin) == (BUILTIN.name, BUILTIN.commands, False)
    with pytest.raises(PresetError) as missing:
        lib.export_one("Nope", tmp_path / "nope.json")
    assert missing.value.template == M.NO_SUCH_PRESET
    assert not (tmp_path / "nope.json").exists()


def _snapshot(lib: PresetLibrary) -> tuple[tuple[Preset, ...], bytes]:
    return lib.presets(), lib.path.read_bytes()


BAD_FILES = [
    ("{", "is not valid JSON (line 1)."),
    ('{"presets": []}', "has no valid version number."),
    ('{"version": 1}', "is not a qfopgui preset file."),
    ('{"version": 1, "presets": [{"name": "X", "commands": ["bogus/x"]}]}', "command 1"),
    (presets_to_json([A, A]), "has two presets named 'A'."),
]


@pytest.mark.parametrize(("text", "why"), BAD_FILES)
def test_a_malformed_import_changes_nothing_and_says_why(
    tmp_path: Path, text: str, why: str
) -> None:
    lib = _lib(tmp_path, A)
    before = _snapshot(lib)
    bad = tmp_path / "bad.json"
    bad.write_text(text, "utf-8")
    with pytest.raises(PresetFileError) as err:
        lib.read_import(bad)
    assert why in str(err.value)
    assert str(bad) in str(err.value)
    assert _snapshot(lib) == before
    assert bad.read_text("utf-8") == text


def test_a_newer_import_changes_nothing_and_says_so(tmp_path: Path) -> None:
    lib = _lib(tmp_path, A)
    before = _snapshot(lib)
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"version": FILE_VERSION + 3, "presets": [{"x": 1}]}), "utf-8")
    with pytest.raises(PresetFileError) as err:
        lib.read_import(newer)
    assert err.value.template == M.IMPORT_NEWER
    assert err.value.params["version"] == str(FILE_VERSION + 3)
    assert err.value.params["supported"] == str(FILE_VERSION)
    assert (
        f"made by a newer qfopgui (format {FILE_VERSION + 3}; "
        f"this version reads up to {FILE_VERSION})"
    ) in str(err.value)
    assert _snapshot(lib) == before


def test_missing_and_unreadable_imports_say_so(tmp_path: Path) -> None:
    lib = _lib(tmp_path)
    with pytest.raises(PresetFileError) as missing:
        lib.read_import(tmp_path / "gone.json")
    assert missing.value.template == M.IMPORT_MISSING
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(PresetFileError) as binary:
        lib.read_import(tmp_path / "binary.json")
    assert binary.value.template == M.IMPORT_UNREADABLE
    with pytest.raises(PresetFileError) as folder:
        lib.read_import(tmp_path)
    assert folder.value.template == M.IMPORT_UNREADABLE
    assert not lib.path.exists()


def test_the_plan_lists_new_presets_and_conflicts_without_changing_anything(
    tmp_path: Path,
) -> None:
    lib = _lib(tmp_path, A, B)
    before = _snapshot(lib)
    incoming_a = _preset("A", "999k")
    plan = lib.read_import(_file(tmp_path, incoming_a, C, B, _preset(BUILTIN.name)))
    assert plan.new == (C,)
    assert plan.conflict_names == ("A", "B", BUILTIN.name)
    a, b, builtin = plan.conflicts
    assert (a.incoming, a.existing) == (incoming_a, A)
    assert a.can_replace
    assert not a.identical
    assert b.identical  # the same recipe as the one the library has
    assert builtin.existing == BUILTIN
    assert not builtin.can_replace
    assert _snapshot(lib) == before


def test_conflict_decisions_do_exactly_that(tmp_path: Path) -> None:
    lib = _lib(tmp_path, A, B, C)
    new_a, new_b, new_c, d = (
        _preset("A", "1m"),
        _preset("B", "2m"),
        _preset("C", "3m"),
        _preset("D"),
    )
    plan = lib.read_import(_file(tmp_path, new_a, new_b, new_c, d))
    decisions = {
        "A": ConflictChoice.REPLACE,
        "B": ConflictChoice.KEEP_BOTH,
        "C": ConflictChoice.SKIP,
    }
    result = lib.apply_import(plan, decisions)
    assert result.replaced == ("A",)
    assert result.added == ("B 2", "D")
    assert result.skipped == ("C",)
    assert result.renamed == {"B": "B 2"}
    expected = (new_a, B, C, _preset("B 2", "2m"), d)  # replaced in place, new ones appended
    assert lib.custom() == expected
    assert PresetLibrary(lib.path).custom() == expected


def test_replacing_a_builtin_keeps_both(tmp_path: Path) -> None:
    lib = _lib(tmp_path)
    mine = _preset(BUILTIN.name, "9m")
    plan = lib.read_import(_file(tmp_path, mine))
    result = lib.apply_import(plan, {BUILTIN.name: ConflictChoice.REPLACE})
    renamed = f"{BUILTIN.name} 2"
    assert result.replaced == ()
    assert result.added == (renamed,)
    assert lib.get(BUILTIN.name) == BUILTIN
    assert lib.get(renamed) == _preset(renamed, "9m")


def test_keep_both_never_takes_a_name_from_the_same_file(tmp_path: Path) -> None:
    lib = _lib(tmp_path, A)
    plan = lib.read_import(_file(tmp_path, _preset("A", "1m"), _preset("A 2", "2m")))
    result = lib.apply_import(plan, {"A": ConflictChoice.KEEP_BOTH})
    assert result.added == ("A 3", "A 2")
    assert [p.name for p in lib.custom()] == ["A", "A 3", "A 2"]


def test_every_conflict_needs_a_decision(tmp_path: Path) -> None:
    lib = _lib(tmp_path, A)
    before = _snapshot(lib)
    plan = lib.read_import(_file(tmp_path, _preset("A", "1m"), C))
    with pytest.raises(PresetError) as err:
        lib.apply_import(plan, {})
    assert err.value.template == M.NO_DECISION
    assert err.value.params == {"name": "A"}
    assert _snapshot(lib) == before


def test_the_plan_is_checked_again_when_applied(tmp_path: Path) -> None:
    lib = _lib(tmp_path, A)
    plan = lib.read_import(_file(tmp_path, _preset("A", "1m"), C))
    lib.delete("A")  # the conflict went away
    lib.save(_preset("C", "5m"))  # a "new" name was taken meanwhile
    result = lib.apply_import(plan, {"A": ConflictChoice.SKIP})
    assert result.added == ("A", "C 2")
    assert result.skipped == ()
    assert lib.get("C") == _preset("C", "5m")


def test_a_failed_import_write_changes_nothing(tmp_path: Path) -> None:
    _lib(tmp_path, A)
    writes: list[Path] = []

    def full_disk(path: Path, text: str) -> None:
        writes.append(path)
        raise OSError(28, "No space left on device")

    lib = PresetLibrary(tmp_path / "presets.json", writer=full_disk)
    before = _snapshot(lib)
    plan = lib.read_import(_file(tmp_path, _preset("A", "1m"), C))
    with pytest.raises(PresetFileError) as err:
        lib.apply_import(plan, {"A": ConflictChoice.REPLACE})
    assert err.value.template == M.WRITE_FAILED
    assert err.value.params["error"] == "No space left on device"
    assert writes == [lib.path]
    assert _snapshot(lib) == before


def test_a_read_only_library_can_plan_but_not_apply(tmp_path: Path) -> None:
    path = tmp_path / "presets.json"
    path.write_text(json.dumps({"version": FILE_VERSION + 1, "presets": []}), "utf-8")
    lib = PresetLibrary(path)
    plan = lib.read_import(_file(tmp_path, C))
    assert plan.new == (C,)
    with pytest.raises(PresetError) as err:
        lib.apply_import(plan, {})
    assert err.value.template == M.READ_ONLY
    assert lib.custom() == ()
