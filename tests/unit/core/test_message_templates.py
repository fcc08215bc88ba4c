"""Core keeps the English templates behind its sentences so the UI can translate them."""

from __future__ import annotations

import pytest

from qfopgui.core.fops import Avthumb
from qfopgui.core.jobs import (
    FAILURE_HINTS,
    SERVER_NOTE,
    explain_server_error,
    failure_hint,
)
from qfopgui.core.presets import PresetError, PresetFileError, presets_from_json, remove_preset


@pytest.mark.parametrize(
    ("server", "hint"),
    [
        ("Error: moov atom not found", "The source video is incomplete or damaged"),
        ("  NO SUCH FILE  ", "The source file does not exist (any more)"),
        ("something odd", None),
    ],
)
def test_failure_hint_gives_the_key(server: str, hint: str | None) -> None:
    assert failure_hint(server) == hint
    if hint is None:
        assert explain_server_error(server) == server.strip()
    else:
        assert hint in FAILURE_HINTS
        assert explain_server_error(server) == SERVER_NOTE.format(words=hint, server=server.strip())


def test_range_problem_template_names_the_unit() -> None:
    (p,) = Avthumb(format="mp4", gop=5000).validate()
    assert p.template == "{label} must be between {min} and {max} {unit}"
    assert p.params_dict == {
        "label": "Keyframe interval",
        "min": "0",
        "max": "3000",
        "unit": "frames",
    }
    assert p.message == p.template.format(**p.params_dict)


def test_preset_errors_keep_template_and_params() -> None:
    with pytest.raises(PresetError) as err:
        remove_preset((), "Nope")
    assert err.value.template == "There is no preset named '{name}'"
    assert err.value.params == {"name": "Nope"}
    assert str(err.value) == "There is no preset named 'Nope'"


def test_preset_file_error_carries_the_problem() -> None:
    text = '{"version": 1, "presets": [{"name": "P", "commands": ["vframe/jpg"]}]}'
    with pytest.raises(PresetFileError) as err:
        presets_from_json(text, source="f.json")
    assert err.value.problem is not None
    assert err.value.problem.field == "offset"
    assert err.value.params == {"source": "f.json", "name": "P"}
    assert str(err.value) == f"f.json, preset 'P': {err.value.problem.message}"
