"""Presets: built-ins, validation, JSON load/save/import/export with readable errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qfopgui.core.fops import Avthumb, Command, ImageFormat, SaveAs, Vframe, parse_command
from qfopgui.core.naming import DEFAULT_TEMPLATE
from qfopgui.core.presets import (
    BUILTIN_PRESETS,
    FILE_VERSION,
    Preset,
    PresetError,
    PresetFileError,
    add_preset,
    all_presets,
    builtin_preset,
    duplicate_preset,
    export_presets,
    find_preset,
    import_presets,
    load_presets,
    presets_from_json,
    presets_to_json,
    remove_preset,
    save_presets,
)
from qfopgui.core.upscale import UpscalePolicy

EXPECTED_BUILTINS = [
    "MP4 H.264 480p",
    "MP4 H.264 720p",
    "MP4 H.264 1080p",
    "HLS 720p",
    "MP3 128k",
    "MP3 320k",
    "AAC 128k",
    "WebM 720p",
    "GIF (5 s, 480 wide)",
    "JPG thumbnail",
    "PNG poster frame",
]
MINE = Preset(
    "Mine 中文",
    (Command(Avthumb("mp4", vb="1m")),),
    "{name}-{index}.{ext}",
    description="my preset",
)


def test_builtins_present_valid_and_locked() -> None:
    assert [p.name for p in BUILTIN_PRESETS] == EXPECTED_BUILTINS
    for preset in BUILTIN_PRESETS:
        assert preset.builtin
        assert preset.validate() == [], preset.name
        assert preset.template == DEFAULT_TEMPLATE
        for command in preset.commands:
            assert command.saveas is None
            assert parse_command(command.build()) == command


def test_builtin_commands_and_extensions() -> None:
    assert builtin_preset("MP4 H.264 720p").commands[0].build() == (
        "avthumb/mp4/vcodec/libx264/s/1280x720/autoscale/1/vb/2m/acodec/aac/ab/128k"
    )
    exts = {p.name: p.output_exts for p in BUILTIN_PRESETS}
    assert exts["HLS 720p"] == ("m3u8",)
    assert exts["MP3 320k"] == ("mp3",)
    assert exts["AAC 128k"] == ("m4a",)
    assert exts["WebM 720p"] == ("webm",)
    assert exts["GIF (5 s, 480 wide)"] == ("gif",)
    assert exts["JPG thumbnail"] == ("jpg",)
    assert exts["PNG poster frame"] == ("png",)
    hls = builtin_preset("HLS 720p").commands[0].op
    assert isinstance(hls, Avthumb)
    assert hls.hls.segtime == 10
    thumb = builtin_preset("JPG thumbnail").commands[0].op
    assert thumb == Vframe(ImageFormat.JPG, offset=1, w=320)
    gif = builtin_preset("GIF (5 s, 480 wide)").commands[0].op
    assert isinstance(gif, Avthumb)
    assert gif.t == 5
    assert gif.s is not None
    assert gif.s.startswith("480x")
    with pytest.raises(KeyError):
        builtin_preset("nope")


def test_lookup_add_remove() -> None:
    assert find_preset("PNG poster frame") is BUILTIN_PRESETS[-1]
    assert find_preset("nope") is None
    mine = add_preset((), MINE)
    assert find_preset("Mine 中文", mine) == MINE
    with pytest.raises(PresetError, match="already exists"):
        add_preset(mine, MINE)
    with pytest.raises(PresetError, match="already exists"):
        add_preset(mine, Preset("MP3 128k", MINE.commands))
    with pytest.raises(PresetError, match="built-in preset and cannot be deleted"):
        remove_preset(mine, "MP3 128k")
    with pytest.raises(PresetError, match="no preset named"):
        remove_preset(mine, "nope")
    assert remove_preset(mine, "Mine 中文") == ()
    assert all_presets(mine)[-1] == MINE
    assert len(all_presets(mine)) == len(BUILTIN_PRESETS) + 1


def test_duplicate_to_edit() -> None:
    copy = duplicate_preset(builtin_preset("MP3 128k"), [])
    assert copy.name == "MP3 128k copy"
    assert not copy.builtin
    again = duplicate_preset(builtin_preset("MP3 128k"), [copy])
    assert again.name == "MP3 128k copy 2"


def test_preset_validation_names_preset() -> None:
    bad = Preset("Bad", (Command(Avthumb("mp4", gop=5000), SaveAs("b", "k")),), "{oops}")
    problems = bad.validate()
    assert {p.field for p in problems} == {"saveas", "gop", "template"}
    assert all(p.subject == "Bad" for p in problems)
    assert str(problems[0]).startswith("Bad: ")
    assert {p.field for p in Preset("", ()).validate()} == {"name", "commands"}


def test_json_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "presets.json"
    save_presets(path, [*BUILTIN_PRESETS, MINE])
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == FILE_VERSION
    assert [p["name"] for p in data["presets"]] == ["Mine 中文"]  # built-ins are not saved
    assert load_presets(path) == [MINE]
    assert load_presets(tmp_path / "missing.json") == []


def test_export_and_import_renames_clashes(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    export_presets(path, [builtin_preset("MP3 128k"), MINE])
    imported = import_presets(path, [MINE])
    assert [p.name for p in imported] == ["MP3 128k (imported)", "Mine 中文 (imported)"]
    assert not any(p.builtin for p in imported)
    assert imported[0].commands == builtin_preset("MP3 128k").commands
    with pytest.raises(PresetFileError, match="does not exist"):
        import_presets(tmp_path / "nope.json", [])


def _doc(**preset: object) -> str:
    item = {"name": "X", "commands": ["avthumb/mp4"], **preset}
    return json.dumps({"version": 1, "presets": [item]})


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{not json", "not valid JSON (line 1)"),
        ("[]", "not a qfopgui preset file"),
        ('{"presets": []}', "no valid version"),
        ('{"version": true, "presets": []}', "no valid version"),
        ('{"version": 2, "presets": []}', "newer qfopgui (format version 2)"),
        ('{"version": 0, "presets": []}', "unknown format version"),
        ('{"version": 1, "presets": {}}', "must be a list"),
        ('{"version": 1, "presets": [3]}', "preset 1 is not an object"),
        (_doc(name=""), "has no name"),
        (_doc(commands="avthumb/mp4"), "must be a list of command strings"),
        (_doc(commands=[1]), "must be a list of command strings"),
        (_doc(template=5), "must be text"),
        (_doc(commands=["avthumb/mp4/vb"]), "preset 'X', command 1: avthumb: parameter 'vb'"),
        (_doc(commands=["imageView2/2/w/100"]), "not a supported operation"),
        (_doc(commands=["avthumb/mp4/s/9999x720"]), "Width must be between 20 and 3840"),
        (_doc(template="{bad}"), "Unknown token {bad}"),
        (_doc(commands=["avthumb/mp4|saveas/aHVv"]), "must not contain saveas"),
        (
            json.dumps({"version": 1, "presets": [{"name": "X", "commands": ["avinfo"]}] * 2}),
            "two presets named 'X'",
        ),
    ],
)
def test_bad_files_give_clear_errors(text: str, fragment: str) -> None:
    with pytest.raises(PresetFileError) as info:
        presets_from_json(text, source="presets.json")
    assert fragment in str(info.value)


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(PresetFileError, match="Could not read"):
        load_presets(path)
    with pytest.raises(PresetFileError, match="Could not write"):
        save_presets(path / "child.json", [MINE])  # parent is a file


def test_to_json_is_stable_text() -> None:
    text = presets_to_json([MINE])
    assert "中文" in text  # not escaped: the file stays readable
    assert presets_from_json(text) == [MINE]


@pytest.mark.parametrize("policy", [None, *UpscalePolicy])
def test_never_upscale_survives_the_file(policy: UpscalePolicy | None) -> None:
    preset = Preset("p", (parse_command("avthumb/mp4/s/1920x1080"),), never_upscale=policy)
    text = presets_to_json([preset])
    assert ("never_upscale" in json.loads(text)["presets"][0]) is (policy is not None)
    (back,) = presets_from_json(text)
    assert back == preset


def test_unknown_never_upscale_value_is_refused_by_name() -> None:
    item = {"name": "p", "commands": ["avthumb/mp4"], "never_upscale": "shrink"}
    text = json.dumps({"version": FILE_VERSION, "presets": [item]})
    with pytest.raises(PresetFileError, match="never_upscale"):
        presets_from_json(text)
