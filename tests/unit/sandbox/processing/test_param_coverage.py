"""Every avthumb / vframe / vsample parameter of the service's tables either changes what ffmpeg
is asked to do or fails the item with a readable error naming it — never silently ignored.

Table-driven over parameter names: `REFERENCE` is the service's documented names (copied from its
parameter tables, including the names-only list of newer avthumb parameters) and `ACCEPTED_*` is
what the sandbox's translators honour. Each name of either set needs a case below, so adding a
parameter to a translator without handling (and a case) fails `test_every_parameter_has_a_case`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from qfopgui.sandbox.processing import params as P
from qfopgui.sandbox.processing.avthumb_args import ACCEPTED_AVTHUMB
from qfopgui.sandbox.processing.ffmpeg_args import ACCEPTED_VFRAME, ACCEPTED_VSAMPLE, build_plan
from qfopgui.sandbox.processing.fopparse import Step, parse_command
from qfopgui.sandbox.processing.params import ParamError
from qfopgui.sandbox.processing.plan import BuildContext, FfmpegPlan
from qfopgui.sandbox.processing.probe import summary
from tests.unit.sandbox.processing.conftest import Media, b64


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


REFERENCE: dict[str, frozenset[str]] = {
    "avthumb": _names(
        # core table
        "ab aq ar ac acodec audioProfile r vb vcodec scodec subtitle ss t s autoscale aspect "
        "stripmeta rotate h264Crf crf h264Profile h264Level gop writeXing an vn sn "
        # watermark
        "wmImage wmGravity wmOffsetX wmOffsetY wmText wmGravityText wmFont wmFontColor "
        "wmFontSize "
        # HLS
        "segtime segFirstTime noDomain domain hlsKey hlsKeyType hlsKeyUrl hlsIVType hlsIV "
        "hlsDurationModify multiAudio segmentType segmentInit pattern savePattern preset "
        # newer names (semantics mostly unconfirmed)
        "avsmart smtType smtQuality smtEnhance refine maxrate ref hr padW padH padVideoX "
        "padVideoY colorspace keyFramePosition rotateinfo flip compressLevel gifHighColor "
        "deinterlace wmVideo wmScale wmScaleType wmVideoOrder wmConstant wmAlpha wmIgnoreLoop "
        "wmFontStyle wmPos wmDuration wmShortest mosaic mosaicGravity mosaicOffsetX "
        "mosaicOffsetY mosaicSize mosaicStart mosaicDuration stream cut volume loudnorm "
        "loudnormI loudnormLRA loudnormTP speex amix amixOffset amixStart amixDuration multiArep "
        "multiArepOffset multiArepStart multiArepDuration hlsMethod"
    ),
    "vframe": frozenset({"offset", "w", "h", "rotate"}),
    "vsample": frozenset(
        {"ss", "t", "s", "rotate", "interval", "frames", "pattern", "savePattern"}
    ),
}
ACCEPTED = {"avthumb": ACCEPTED_AVTHUMB, "vframe": ACCEPTED_VFRAME, "vsample": ACCEPTED_VSAMPLE}
LOGO = b64("kodo://src/logo.png")
KEY = b64("0123456789abcdef")
KEY_URL = b64("http://keys.example/k1")

Check = Callable[[FfmpegPlan, Path], bool]


def argv(*tokens: str) -> Check:
    """The argv holds these tokens next to each other."""
    n = len(tokens)
    return lambda plan, _: any(plan.argv[i : i + n] == tokens for i in range(len(plan.argv)))


def argv_text(fragment: str) -> Check:
    """Some argv token contains this text (filter graphs)."""
    return lambda plan, _: any(fragment in token for token in plan.argv)


def field(name: str, value: object) -> Check:
    return lambda plan, _: getattr(plan, name) == value


def file_text(name: str, fragment: str) -> Check:
    return lambda _, workdir: (
        (workdir / name).is_file() and fragment in (workdir / name).read_text(encoding="utf-8")
    )


@dataclass(frozen=True)
class Effect:
    cmd: str
    check: Check


@dataclass(frozen=True)
class Refusal:
    cmd: str
    message: str


Case = Effect | Refusal
_MP4 = "avthumb/mp4"
_HLS = "avthumb/m3u8"
_WM = f"{_MP4}/wmImage/{LOGO}"
_TXT = f"{_MP4}/wmText/{b64('hello')}"
_VS = "vsample/jpg/t/10"
_PAT = f"pattern/{b64('f-$(count)')}"

AVTHUMB: dict[str, Case] = {
    "ab": Effect(f"{_MP4}/ab/64k", argv("-b:a", "64000")),
    "af": Effect("avthumb/mp3/af/volume=1.5", argv("-af", "volume=1.5")),
    "aq": Effect("avthumb/mp3/aq/6", argv("-q:a", "6")),
    "ar": Effect("avthumb/mp3/ar/22061", argv("-ar", "22050")),
    "ac": Effect(f"{_MP4}/ac/1", argv("-ac", "1")),
    "acodec": Effect(f"{_MP4}/acodec/libmp3lame", argv("-c:a", "libmp3lame")),
    "audioProfile": Effect("avthumb/m4a/audioProfile/aac_low", argv("-profile:a", "aac_low")),
    "r": Effect(f"{_MP4}/r/30", argv("-r", "30")),
    "vb": Effect(f"{_MP4}/vb/256k", argv("-b:v", "256000")),
    "vcodec": Effect(f"{_MP4}/vcodec/libx265", argv("-c:v", "libx265")),
    "ss": Effect(f"{_MP4}/ss/1.5", argv("-ss", "1.5")),
    "t": Effect(f"{_MP4}/t/2.25", argv("-t", "2.25")),
    "s": Effect(f"{_MP4}/s/640x360", argv("-vf", "scale=640:360")),
    "autoscale": Effect(
        f"{_MP4}/s/640x360/autoscale/1", argv_text("force_original_aspect_ratio=decrease")
    ),
    "aspect": Effect(f"{_MP4}/aspect/16:9", argv("-aspect", "16:9")),
    "stripmeta": Effect(f"{_MP4}/stripmeta/1", argv("-map_metadata", "-1")),
    "rotate": Effect(f"{_MP4}/rotate/90", argv("-vf", "transpose=clock")),
    "h264Crf": Effect(f"{_MP4}/h264Crf/20", argv("-crf", "20")),
    "crf": Effect(f"{_MP4}/crf/28", argv("-crf", "28")),
    "h264Profile": Effect(f"{_MP4}/h264Profile/main", argv("-profile:v", "main")),
    "h264Level": Effect(f"{_MP4}/h264Level/3.1", argv("-level:v", "3.1")),
    "gop": Effect(f"{_MP4}/gop/60", argv("-g", "60")),
    "writeXing": Effect("avthumb/mp3/writeXing/0", argv("-write_xing", "0")),
    "an": Effect(f"{_MP4}/an/1", argv("-an")),
    "vn": Effect(f"{_MP4}/vn/1", argv("-vn")),
    "sn": Effect("avthumb/mkv/sn/1", argv("-sn")),
    "maxrate": Effect(f"{_MP4}/maxrate/1m", argv("-maxrate", "1000000")),
    "wmImage": Effect(_WM, argv_text("overlay=")),
    "wmGravity": Effect(f"{_WM}/wmGravity/SouthWest", argv_text("overlay=x=0:y=H-h+(0)")),
    "wmOffsetX": Effect(f"{_WM}/wmOffsetX/-12", argv_text("overlay=x=W-w+(-12)")),
    "wmOffsetY": Effect(f"{_WM}/wmOffsetY/7", argv_text(":y=7[")),
    "wmText": Effect(_TXT, file_text("wmtext.txt", "hello")),
    "wmGravityText": Effect(f"{_TXT}/wmGravityText/South", argv_text("y=h-th+(0)")),
    "wmFont": Effect(f"{_TXT}/wmFont/{b64('DejaVu Sans')}", argv_text("font=DejaVu Sans")),
    "wmFontColor": Effect(f"{_TXT}/wmFontColor/{b64('red')}", argv_text("fontcolor=red")),
    "wmFontSize": Effect(f"{_TXT}/wmFontSize/400", argv_text("fontsize=20")),
    "segtime": Effect(f"{_HLS}/segtime/4", argv("-hls_time", "4")),
    "segFirstTime": Effect(f"{_HLS}/segFirstTime/2", argv("-hls_init_time", "2")),
    "noDomain": Effect(f"{_HLS}/noDomain/1", field("no_domain", True)),
    "domain": Effect(f"{_HLS}/domain/{b64('cdn.example')}", field("domain", "cdn.example")),
    "hlsKey": Effect(
        f"{_HLS}/hlsKey/{KEY}/hlsKeyUrl/{KEY_URL}", argv("-hls_key_info_file", "hls.keyinfo")
    ),
    "hlsKeyUrl": Effect(
        f"{_HLS}/hlsKey/{KEY}/hlsKeyUrl/{KEY_URL}",
        file_text("hls.keyinfo", "http://keys.example/k1"),
    ),
    "hlsKeyType": Refusal(
        f"{_HLS}/hlsKey/{KEY}/hlsKeyUrl/{KEY_URL}/hlsKeyType/1.0", "invalid hlsKeyType"
    ),
    "pattern": Effect(f"{_HLS}/pattern/{b64('s-$(count)')}", field("pattern", "s-$(count)")),
    "savePattern": Effect(
        f"{_HLS}/savePattern/{b64('s-$(count)')}", field("pattern", "s-$(count)")
    ),
    "preset": Effect(f"{_HLS}/preset/video_4x3_240k", argv("-b:v", "240000")),
    "subtitle": Effect(f"{_MP4}/subtitle/{b64('kodo://src/s.srt')}", argv("-map", "1:s:0")),
    "scodec": Effect(f"{_MP4}/scodec/mov_text", argv("-c:s", "mov_text")),
}
for _name in sorted(REFERENCE["avthumb"] - set(AVTHUMB)):
    AVTHUMB[_name] = Refusal(
        f"{_MP4}/{_name}/1", f"avthumb: unsupported parameter '{_name}' in the sandbox"
    )

VFRAME: dict[str, Case] = {
    "offset": Effect("vframe/jpg/offset/7", argv("-ss", "7")),
    "w": Effect("vframe/jpg/offset/1/w/480", argv("-vf", "scale=480:-2")),
    "h": Effect("vframe/jpg/offset/1/h/360", argv("-vf", "scale=-2:360")),
    "rotate": Effect("vframe/png/offset/1/rotate/270", argv("-vf", "transpose=cclock")),
}
VSAMPLE: dict[str, Case] = {
    "ss": Effect(f"{_VS}/ss/1.5/{_PAT}", argv("-ss", "1.5")),
    "t": Effect(f"vsample/jpg/t/3/{_PAT}", argv("-t", "3")),
    "s": Effect(f"{_VS}/s/480x360/{_PAT}", argv_text("scale=480:360")),
    "rotate": Effect(f"{_VS}/rotate/180/{_PAT}", argv_text("hflip,vflip")),
    "interval": Effect(f"{_VS}/interval/2/{_PAT}", argv("-vf", "fps=1/2")),
    "frames": Effect(f"{_VS}/frames/4/{_PAT}", argv("-vf", "fps=4/10")),
    "pattern": Effect(f"{_VS}/{_PAT}", field("pattern", "f-$(count)")),
    "savePattern": Effect(f"{_VS}/savePattern/{b64('g-$(count)')}", field("pattern", "g-$(count)")),
}
CASES = {"avthumb": AVTHUMB, "vframe": VFRAME, "vsample": VSAMPLE}
ALL = [(op, name) for op, table in CASES.items() for name in sorted(table)]


def _build(step: Step, workdir: Path) -> FfmpegPlan:
    workdir.mkdir(parents=True, exist_ok=True)
    ctx = BuildContext("ffmpeg", workdir / "in.mp4", workdir, lambda url: workdir / "logo.png")
    return build_plan(step, ctx)


def _without(step: Step, name: str) -> Step:
    return Step(step.op, step.arg, {k: v for k, v in step.params.items() if k != name})


@pytest.mark.parametrize("op", sorted(CASES))
def test_every_parameter_has_a_case(op: str) -> None:
    missing = sorted((REFERENCE[op] | ACCEPTED[op]) - set(CASES[op]))
    assert not missing, f"{op}: parameters without an effect or refusal case: {missing}"
    assert not set(CASES[op]) - REFERENCE[op] - ACCEPTED[op], "a case for an unknown name"


@pytest.mark.parametrize(("op", "name"), ALL, ids=[f"{op}-{name}" for op, name in ALL])
def test_parameter_takes_effect_or_is_refused_readably(op: str, name: str, tmp_path: Path) -> None:
    case = CASES[op][name]
    step = parse_command(case.cmd).steps[0]
    assert step.op == op
    assert name in step.params, "the case must use the parameter"
    if isinstance(case, Refusal):
        assert name not in ACCEPTED[op] or name == "hlsKeyType"
        with pytest.raises(ParamError) as info:
            _build(step, tmp_path / "with")
        assert case.message in str(info.value)
        assert name in str(info.value), "the error names the parameter"
        return
    assert name in ACCEPTED[op]
    plan = _build(step, tmp_path / "with")
    assert case.check(plan, tmp_path / "with"), plan.argv
    try:
        base = _build(_without(step, name), tmp_path / "without")
    except ParamError:
        return  # without it the command is not even valid: it clearly matters
    assert not case.check(base, tmp_path / "without"), "no difference without the parameter"


@pytest.mark.parametrize(
    ("cmd", "message"),
    [
        ("avthumb/mp4/vcodec/copy/vb/1m", "invalid vb: cannot be combined with vcodec copy"),
        ("avthumb/mp4/vcodec/copy/r/30", "invalid r: cannot be combined with vcodec copy"),
        ("avthumb/mp4/acodec/copy/ab/64k", "invalid ab: cannot be combined with acodec copy"),
        ("avthumb/mp4/acodec/copy/ar/8000", "invalid ar: cannot be combined with acodec copy"),
        ("avthumb/mp4/an/1/ab/64k", "audio parameters are not allowed for mp4 output"),
        ("avthumb/gif/ar/8000", "audio parameters are not allowed for gif output"),
        ("avthumb/mp3/wmGravity/South", "video parameters are not allowed"),
        ("avthumb/mp4/vn/1/maxrate/1m", "video parameters are not allowed"),
        ("avthumb/mp4/writeXing/1", "invalid writeXing: only applies to mp3 output"),
        ("avthumb/mp4/autoscale/1", "invalid autoscale: autoscale/1 needs s/<W>x<H>"),
        ("avthumb/mp4/s/640x360>", "invalid s"),
        ("avthumb/mp4/ar/999", "invalid ar: must be between 1000 and 192000"),
    ],
)
def test_parameters_that_would_be_ignored_are_refused(
    cmd: str, message: str, tmp_path: Path
) -> None:
    with pytest.raises(ParamError) as info:
        _build(parse_command(cmd).steps[0], tmp_path)
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("codec_cmd", "requested", "used"),
    [
        ("avthumb/mp3", 22061, 22050),
        ("avthumb/mp3", 22071, 22050),
        ("avthumb/mp3", 96000, 48000),
        ("avthumb/mp3", 5000, 8000),
        ("avthumb/m4a", 50000, 48000),
        ("avthumb/m4a", 7000, 7350),
        ("avthumb/opus", 44100, 48000),
        ("avthumb/amr", 16000, 8000),
        ("avthumb/ogg", 22061, 22061),  # vorbis takes any rate
        ("avthumb/mp4/acodec/libmp3lame", 12050, 12000),
    ],
)
def test_sampling_rate_goes_to_the_nearest_the_codec_supports(
    codec_cmd: str, requested: int, used: int, tmp_path: Path
) -> None:
    plan = _build(parse_command(f"{codec_cmd}/ar/{requested}").steps[0], tmp_path)
    assert argv("-ar", str(used))(plan, tmp_path)


@pytest.mark.parametrize(
    ("cmd", "expected"),
    [
        ("avthumb/iphone_low", ("480:320", "96000", "64000", "48000", "aac")),
        ("avthumb/android_high", ("480:320", "700000", "128000", "48000", "aac")),
        ("avthumb/ipad", ("1024:768", "700000", "128000", "48000", "aac")),
        ("avthumb/flash", ("320:240", "512000", "64000", "44100", "libmp3lame")),
        ("avthumb/webm", (None, "700000", "128000", "48000", "libvorbis")),
        ("avthumb/m3u8/preset/video_16x9_440k", ("400:224", "440000", None, None, "aac")),
        ("avthumb/m3u8/preset/video_4x3_150k", ("400:300", "150000", None, None, "aac")),
    ],
)
def test_presets_use_their_documented_values(
    cmd: str, expected: tuple[str | None, str, str | None, str | None, str], tmp_path: Path
) -> None:
    size, vb, ab, ar, acodec = expected
    plan = _build(parse_command(cmd).steps[0], tmp_path)
    assert argv("-b:v", vb)(plan, tmp_path)
    assert argv("-c:a", acodec)(plan, tmp_path)
    assert ab is None or argv("-b:a", ab)(plan, tmp_path)
    assert ar is None or argv("-ar", ar)(plan, tmp_path)
    assert size is None or argv_text(f"scale={size}")(plan, tmp_path)


def test_preset_drops_its_video_defaults_for_audio_only_output(tmp_path: Path) -> None:
    plan = _build(parse_command("avthumb/webm/vn/1").steps[0], tmp_path)
    assert "-vn" in plan.argv
    assert "-b:v" not in plan.argv
    assert argv("-b:a", "128000")(plan, tmp_path)


@pytest.mark.parametrize(
    ("cmd", "flag", "capped"),
    [
        ("avthumb/mp4/ab/320k", "-b:a", True),  # aac → aac above the source: the source's
        ("avthumb/mp4/acodec/libmp3lame/ab/320k", "-b:a", False),  # codec changes
        ("avthumb/mp4/ab/8k", "-b:a", False),  # below the source
        ("avthumb/mp4/vb/50m", "-b:v", True),  # h264 → h264
        ("avthumb/mp4/vcodec/libx265/vb/50m", "-b:v", False),
    ],
)
def test_bit_rate_above_the_source_with_the_same_codec_keeps_the_source_rate(
    cmd: str, flag: str, capped: bool, media: Media, tmp_path: Path
) -> None:
    source = summary(media.clip)
    source_bps = source.audio_bit_rate if flag == "-b:a" else source.video_bit_rate
    assert source_bps > 0
    ctx = BuildContext("ffmpeg", media.clip, tmp_path, lambda url: tmp_path / "x")
    plan = build_plan(parse_command(cmd).steps[0], ctx)
    requested = P.bitrate("x", parse_command(cmd).steps[0].params[flag[-1] + "b"])
    assert _value(plan.argv, flag) == (str(source_bps) if capped else requested)


def _value(tokens: tuple[str, ...], flag: str) -> str:
    return tokens[tokens.index(flag) + 1]


def test_old_hls_form_names_the_preset_without_its_key(tmp_path: Path) -> None:
    plan = _build(parse_command("avthumb/m3u8/segtime/15/video_240k").steps[0], tmp_path)
    assert argv("-hls_time", "15")(plan, tmp_path)
    assert argv("-b:v", "240000")(plan, tmp_path)
