"""The sandbox's own fop grammar (syntax only; parameter values are checked when run)."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qfopgui.sandbox.processing.fopparse import (
    FopSyntaxError,
    SaveAs,
    b64decode,
    decode_entry,
    parse_command,
    parse_fops,
)
from tests.unit.sandbox.processing.conftest import b64, entry


def test_commands_steps_and_saveas() -> None:
    fops = f"avthumb/mp4/vb/1m/s/640x360|saveas/{entry('out', 'a/b.mp4')};vframe/jpg/offset/7"
    first, second = parse_fops(fops)
    assert first.cmd == f"avthumb/mp4/vb/1m/s/640x360|saveas/{entry('out', 'a/b.mp4')}"
    assert first.steps[0].op == "avthumb"
    assert first.steps[0].arg == "mp4"
    assert first.steps[0].params == {"vb": "1m", "s": "640x360"}
    assert first.saveas == SaveAs("out", "a/b.mp4")
    assert second.saveas is None
    assert second.steps[0].arg == "jpg"
    assert second.steps[0].params == {"offset": "7"}


def test_pipe_of_two_operations() -> None:
    cmd = parse_command("avthumb/mp4|vframe/png/offset/1")
    assert [s.op for s in cmd.steps] == ["avthumb", "vframe"]


def test_saveas_entry_splits_at_first_colon_and_accepts_unpadded() -> None:
    padded = entry("bkt", "视频/a:b.mp4")
    assert decode_entry(padded) == SaveAs("bkt", "视频/a:b.mp4")
    assert decode_entry(padded.rstrip("=")) == SaveAs("bkt", "视频/a:b.mp4")
    assert decode_entry(b64("onlybucket")) == SaveAs("onlybucket", None)


@given(st.binary(min_size=1, max_size=64))
def test_b64decode_accepts_padded_and_unpadded(data: bytes) -> None:
    encoded = base64.urlsafe_b64encode(data).decode()
    assert b64decode(encoded) == data
    assert b64decode(encoded.rstrip("=")) == data


def test_avconcat_both_mode_forms_and_urls() -> None:
    urls = [b64("http://127.0.0.1:1/dl/b/x.mp4"), b64("kodo://b/y.mp4")]
    new = parse_command("avconcat/2/format/mp4/index/2/" + "/".join(urls)).steps[0]
    old = parse_command("avconcat/mode/2/format/mp4/index/2/" + "/".join(urls)).steps[0]
    for step in (new, old):
        assert step.arg == "2"
        assert step.params == {"format": "mp4", "index": "2"}
        assert list(step.urls) == urls


def test_trailing_semicolon_is_tolerated() -> None:
    assert len(parse_fops("avinfo;")) == 1


@pytest.mark.parametrize(
    "fops",
    [
        "",
        "avthumb/mp4||vframe/jpg/offset/1",  # empty pipe step
        "avthumb/mp4;;avinfo",  # empty command
        "avthumb/mp4/vb",  # parameter without a value
        "avthumb/mp4/vb/1m/vb/2m",  # duplicate parameter
        "avthumb/mp4|saveas/!!!",  # undecodable entry
        f"saveas/{entry('b', 'k')}",  # nothing to do
        f"avthumb/mp4|saveas/{entry('b', 'k')}|avinfo",  # saveas not last
        "avthumb/mp4/s/640 x360",  # whitespace
        "9op/x",  # bad operation name
    ],
)
def test_syntax_errors(fops: str) -> None:
    with pytest.raises(FopSyntaxError):
        parse_fops(fops)
