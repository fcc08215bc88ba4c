"""The sandbox's registry of known pipelines, its configuration and its CLI flag."""

from __future__ import annotations

from pathlib import Path

import pytest

from qfopgui.sandbox.cli import build_parser
from qfopgui.sandbox.pipelines import KnownPipelines, valid_pipeline_name
from qfopgui.sandbox.storage import Storage
from tests.fixtures_sandbox import sandbox_config


def test_shared_queue_is_always_known_and_others_only_when_added(tmp_path: Path) -> None:
    storage = Storage(tmp_path)
    try:
        known = KnownPipelines(storage, ["fixed-q", "0.default"])
        assert known.knows("")
        assert known.knows("0.default")
        assert known.knows("fixed-q")
        assert not known.knows("later")
        assert known.add("later") is True
        assert known.add("later") is False  # idempotent
        assert known.add("fixed-q") is False
        assert known.names() == ["fixed-q", "later"]
        assert known.remove("later") is True
        assert not known.knows("later")
        assert known.remove("fixed-q") is False  # configured names are not stored ones
        with pytest.raises(ValueError, match="letters, digits"):
            known.add("has space")
    finally:
        storage.close()


def test_added_names_survive_a_restart_of_the_data_dir(tmp_path: Path) -> None:
    storage = Storage(tmp_path)
    KnownPipelines(storage).add("kept-q")
    storage.close()
    storage = Storage(tmp_path)
    try:
        assert KnownPipelines(storage).names() == ["kept-q"]
    finally:
        storage.close()


def test_a_damaged_stored_list_means_no_stored_names(tmp_path: Path) -> None:
    storage = Storage(tmp_path)
    try:
        storage.set_meta("known_pipelines", "{not json")
        assert KnownPipelines(storage).names() == []
        storage.set_meta("known_pipelines", '["ok-q", 3, "bad name"]')
        assert KnownPipelines(storage).names() == ["ok-q"]
    finally:
        storage.close()


@pytest.mark.parametrize(
    ("name", "ok"),
    [("video-hd", True), ("a.b_c-1", True), ("", False), ("a b", False), ("x" * 101, False)],
)
def test_name_rule_is_the_apps(name: str, ok: bool) -> None:
    assert valid_pipeline_name(name) is ok


def test_config_refuses_a_bad_pipeline_name(tmp_path: Path) -> None:
    assert sandbox_config(tmp_path, pipelines=["good-q"]).pipelines == ["good-q"]
    with pytest.raises(ValueError, match="invalid pipeline name"):
        sandbox_config(tmp_path, pipelines=["bad/q"])


def test_cli_pipeline_flag_is_repeatable_and_checked(capsys: pytest.CaptureFixture[str]) -> None:
    args = build_parser().parse_args(["--pipeline", "a-q", "--pipeline", "b.q"])
    assert args.pipeline == ["a-q", "b.q"]
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--pipeline", "no good"])
    assert "invalid pipeline name" in capsys.readouterr().err
