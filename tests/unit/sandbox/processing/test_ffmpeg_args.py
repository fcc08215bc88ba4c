"""fop step → ffmpeg argv translation and parameter validation (no ffmpeg is run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qfopgui.sandbox.processing.ffmpeg_args import build_plan
from qfopgui.sandbox.processing.fopparse import parse_command
from qfopgui.sandbox.processing.params import ParamError
from qfopgui.sandbox.processing.plan import BASE_ARGS, BuildContext, FfmpegPlan
from qfopgui.sandbox.processing.runner import readable_error
from tests.unit.sandbox.processing.conftest import b64


def _resolve(url: str) -> Path:
    raise ParamError(f"cannot resolve {url}")


def plan(cmd: str, tmp_path: Path) -> FfmpegPlan:
    ctx = BuildContext("ffmpeg", tmp_path / "in.mp4", tmp_path, _resolve)
    return build_plan(parse_command(cmd).steps[0], ctx)


def _after(argv: tuple[str, ...], flag: str) -> str:
    return argv[argv.index(flag) + 1]


def test_avthumb_mp4_defaults_and_quiet_flags(tmp_path: Path) -> None:
    p = plan("avthumb/mp4/vb/1.25m/ab/128k/ar/44100/r/30/gop/60", tmp_path)
    assert p.argv[1 : 1 + len(BASE_ARGS)] == BASE_ARGS
    assert _after(p.argv, "-c:v") == "libx264"
    assert _after(p.argv, "-preset") == "veryfast"
    assert _after(p.argv, "-b:v") == "1250000"
    assert _after(p.argv, "-b:a") == "128000"
    assert _after(p.argv, "-ar") == "44100"
    assert _after(p.argv, "-g") == "60"
    assert _after(p.argv, "-f") == "mp4"
    assert p.kind == "file"
    assert p.mime == "video/mp4"


def test_autoscale_keeps_aspect_and_even_dimensions(tmp_path: Path) -> None:
    fit = plan("avthumb/mp4/s/640x360/autoscale/1", tmp_path)
    assert _after(fit.argv, "-vf") == (
        "scale=640:360:force_original_aspect_ratio=decrease:force_divisible_by=2"
    )
    stretch = plan("avthumb/mp4/s/640x360", tmp_path)
    assert _after(stretch.argv, "-vf") == "scale=640:360"


def test_hls_forces_keyframes_at_segment_boundaries(tmp_path: Path) -> None:
    p = plan(f"avthumb/m3u8/segtime/4/noDomain/1/pattern/{b64('seg/$(count)')}", tmp_path)
    assert _after(p.argv, "-f") == "hls"
    assert _after(p.argv, "-hls_time") == "4"
    assert _after(p.argv, "-force_key_frames") == "expr:gte(t,n_forced*4)"
    assert _after(p.argv, "-sc_threshold") == "0"
    assert (p.kind, p.pattern, p.no_domain) == ("hls", "seg/$(count)", True)


def test_hls_key_writes_keyinfo(tmp_path: Path) -> None:
    key = b64("0123456789abcdef")
    p = plan(f"avthumb/m3u8/hlsKey/{key}/hlsKeyUrl/{b64('http://k.example/key')}", tmp_path)
    assert _after(p.argv, "-hls_key_info_file") == "hls.keyinfo"
    assert (tmp_path / "hls.key").read_bytes() == b"0123456789abcdef"
    assert (tmp_path / "hls.keyinfo").read_text().splitlines()[0] == "http://k.example/key"


def test_legacy_alias_and_audio_only_format(tmp_path: Path) -> None:
    p = plan("avthumb/m4a/acodec/libfaac/ab/64k", tmp_path)
    assert _after(p.argv, "-c:a") == "aac"
    assert "-vn" in p.argv
    assert _after(p.argv, "-f") == "ipod"


def test_watermark_text_uses_a_text_file(tmp_path: Path) -> None:
    p = plan(f"avthumb/mp4/wmText/{b64('50% off: a,b')}/wmGravityText/SouthEast", tmp_path)
    graph = _after(p.argv, "-filter_complex")
    assert "drawtext=textfile=wmtext.txt:expansion=none" in graph
    assert "x=w-tw+(0):y=h-th+(0)" in graph
    assert (tmp_path / "wmtext.txt").read_text() == "50% off: a,b"
    assert _after(p.argv, "-map") == "[vout]"


def test_vframe_and_vsample(tmp_path: Path) -> None:
    frame = plan("vframe/png/offset/7.5/w/480", tmp_path)
    assert _after(frame.argv, "-ss") == "7.5"
    assert _after(frame.argv, "-vf") == "scale=480:-2"
    assert _after(frame.argv, "-frames:v") == "1"
    sample = plan(f"vsample/jpg/ss/1/t/10/interval/2/pattern/{b64('f-$(count).jpg')}", tmp_path)
    assert _after(sample.argv, "-vf").startswith("fps=1/2")
    assert _after(sample.argv, "-frames:v") == "6"
    assert sample.kind == "frames"


@pytest.mark.parametrize(
    ("cmd", "message"),
    [
        ("avthumb/mp4/s/10x10", "invalid s: width must be between 20 and 3840"),
        ("avthumb/mp4/s/3000x3000", "invalid s: the short side must be at most 2160"),
        ("avthumb/mp4/vb/1m/crf/23", "invalid vb: cannot be combined with crf/h264Crf"),
        ("avthumb/mp4/gop/3001", "invalid gop: must be between 0 and 3000"),
        ("avthumb/mp3/aq/12", "invalid aq: must be between 0 and 9"),
        ("avthumb/mp4/ar/500000", "invalid ar: must be between 1000 and 192000"),
        ("avthumb/mp4/rotate/45", "invalid rotate: must be one of 90, 180, 270, auto"),
        ("avthumb/m3u8/segtime/1", "invalid segtime: must be between 2 and 120"),
        ("avthumb/mp4/avsmart/1", "avthumb: unsupported parameter 'avsmart' in the sandbox"),
        ("avthumb/m4a/acodec/libfdk_aac", "libfdk_aac is not available"),
        ("avthumb/m4a/audioProfile/aac_he", "aac_he needs libfdk_aac"),
        ("avthumb/xyz", "unsupported format 'xyz'"),
        ("avthumb/mp4/vcodec/libfoo", "invalid vcodec"),
        ("avthumb/mp3/vb/1m", "video parameters are not allowed for mp3 output"),
        ("avthumb/mp4/h264Profile/main/vcodec/libx265", "h264Profile: needs vcodec libx264"),
        ("avthumb/mp4/segtime/4", "unsupported parameter 'segtime'"),
        ("vframe/jpg/w/100", "vframe needs offset"),
        ("vframe/gif/offset/1", "the format must be jpg or png"),
        ("vframe/jpg/offset/1/w/4000", "invalid w: width must be between 20 and 3840"),
        ("vsample/jpg/t/10", "needs pattern"),
        (f"vsample/jpg/t/10/pattern/{b64('nocount')}", "must contain $(count)"),
        (f"vsample/jpg/t/10/interval/1/frames/3/pattern/{b64('$(count)')}", "frames"),
        ("avconcat/3/format/mp4/" + b64("kodo://b/k"), "mode must be 1"),
        ("avconcat/1/format/mp4/s/320x240/" + b64("kodo://b/k"), "not allowed in mode 1"),
        ("avconcat/2/format/mp4", "at least one more source"),
        ("avconcat/2/format/mp4/" + b64("http://example.com/x.mp4"), "cannot resolve"),
        ("imageAve", "unsupported fop 'imageAve'"),
    ],
)
def test_parameter_errors_are_readable(cmd: str, message: str, tmp_path: Path) -> None:
    with pytest.raises(ParamError) as info:
        plan(cmd, tmp_path)
    assert message in str(info.value)


def test_readable_error_picks_last_meaningful_line(tmp_path: Path) -> None:
    stderr = (
        f"[in#0 @ 0x55d0c0a1b2c0] Error opening input: Invalid data\n"
        f"Error opening input file {tmp_path}/in.mp4.\n"
        "Error opening input files: Invalid data found when processing input\n"
        "Conversion failed!\n"
    )
    assert readable_error(stderr, tmp_path) == (
        "Error opening input files: Invalid data found when processing input"
    )
    assert readable_error("[mp4 @ 0x1f] Could not write header\n") == "Could not write header"
