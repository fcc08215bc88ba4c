"""avthumb `af/<filters>`: whitelisted audio filters with a safe argument charset (no ffmpeg run;
the measured effects are in tests/integration/test_seed_commands.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qfopgui.sandbox.processing.audio_filters import audio_filter_chain
from qfopgui.sandbox.processing.ffmpeg_args import build_plan
from qfopgui.sandbox.processing.fopparse import parse_command
from qfopgui.sandbox.processing.params import ParamError
from qfopgui.sandbox.processing.plan import BuildContext, FfmpegPlan


def _plan(cmd: str, tmp_path: Path) -> FfmpegPlan:
    ctx = BuildContext("ffmpeg", tmp_path / "in.wav", tmp_path, lambda url: tmp_path / "x")
    return build_plan(parse_command(cmd).steps[0], ctx)


@pytest.mark.parametrize(
    "chain",
    [
        "volume=1.5",
        "volume=-3dB",
        "afade=t=in:ss=0:d=3,afade=t=out:st=57:d=3",
        "atempo=1.25",
        "aresample=22050",
        "highpass=f=200,lowpass=f=3000",
        "loudnorm=I=-16:LRA=11:TP=-1.5",
    ],
)
def test_whitelisted_chains_go_to_ffmpeg_unchanged(chain: str, tmp_path: Path) -> None:
    assert audio_filter_chain(chain) == chain
    argv = _plan(f"avthumb/mp3/af/{chain}", tmp_path).argv
    assert argv[argv.index("-af") + 1] == chain


@pytest.mark.parametrize(
    ("chain", "says"),
    [
        ("amovie=x.wav", "filter 'amovie' is not allowed in the sandbox"),
        ("volume=1.5,asetrate=8000", "filter 'asetrate' is not allowed"),
        ("volume=1.5;amovie=x", "filter 'volume' must be name=arg:arg"),
        ("volume='1.5'", "filter 'volume' must be name=arg:arg"),
        ("volume=1.5[out]", "filter 'volume' must be name=arg:arg"),
        ("volume=1.5,,lowpass", "an empty filter in the chain"),
        ("", "the filter chain is empty"),
        (",".join(["volume=1"] * 17), "at most 16 filters"),
    ],
)
def test_other_filters_and_characters_are_refused_naming_the_filter(chain: str, says: str) -> None:
    with pytest.raises(ParamError) as info:
        audio_filter_chain(chain)
    assert says in str(info.value)
    assert str(info.value).startswith("invalid af: ")


@pytest.mark.parametrize(
    ("cmd", "says"),
    [
        ("avthumb/mp4/acodec/copy/af/volume=2", "invalid af: cannot be combined with acodec copy"),
        ("avthumb/mp4/an/1/af/volume=2", "audio parameters are not allowed for mp4 output"),
        ("avthumb/gif/af/volume=2", "audio parameters are not allowed for gif output"),
        ("avthumb/mp3/af/pan=mono", "filter 'pan' is not allowed"),
    ],
)
def test_af_that_could_not_take_effect_fails_the_item(cmd: str, says: str, tmp_path: Path) -> None:
    with pytest.raises(ParamError) as info:
        _plan(cmd, tmp_path)
    assert says in str(info.value)
