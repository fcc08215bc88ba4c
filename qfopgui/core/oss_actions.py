"""One preset command → the processing stage of an OSS ``x-oss-async-process`` string.

avthumb → ``video/convert`` (or ``audio/convert`` for an audio format), vframe → a one-picture
``video/snapshots``, vsample → ``video/snapshots`` with an interval or a count. OSS's grammar is
``<category>/<action>,<key>_<value>,…``: times are milliseconds and bitrates bits per second,
where Qiniu's are seconds and ``128k`` (``oss_values``). Problems are collected, never raised;
the values that break OSS's ranges (``oss_capabilities``) are problems too. Snapshots are built
in ``oss_snapshots``.
"""

from __future__ import annotations

from dataclasses import dataclass

from qfopgui.core.fops import Avthumb, Command, Problem, Rotate, Vframe, Vsample
from qfopgui.core.fops.checks import parse_size
from qfopgui.core.fops.grammar import format_number
from qfopgui.core.oss_capabilities import (
    AUDIO_CODECS,
    AUDIO_FORMATS,
    OSS_AUDIO_BITRATE,
    OSS_CHANNELS,
    OSS_CRF,
    OSS_FPS,
    OSS_SAMPLE_RATES,
    OSS_VIDEO_BITRATE,
    VIDEO_CODECS,
    VIDEO_FORMATS,
    command_unsupported,
)
from qfopgui.core.oss_snapshots import vframe_stage, vsample_stage
from qfopgui.core.oss_values import bits_per_second, check_range, check_sides, join_stage, ms

_VIDEO_ONLY = ("vcodec", "s", "autoscale", "r", "vb", "crf", "h264_crf", "gop", "rotate", "sn")
_SPECS = {spec.attr: spec for spec in Avthumb.PARAMS}


@dataclass(frozen=True)
class OssStage:
    """``text`` is what would be sent (``""`` for an operation OSS has no action for); it can
    only run when ``problems`` is empty.

    ``multi_file``: OSS writes several pictures named ``<o>_<n>_<i>.<ext>``, so ``sys/saveas``
    gets the output name without its extension.
    """

    text: str
    problems: tuple[Problem, ...]
    multi_file: bool = False


def oss_stage(command: Command) -> OssStage:
    """The processing stage for ``command`` (without ``|sys/saveas``)."""
    problems = list(command_unsupported(command).values())
    op = command.op
    if isinstance(op, Avthumb):
        text, more = _convert(op)
    elif isinstance(op, Vframe):
        text, more = vframe_stage(op)
    elif isinstance(op, Vsample):
        text, more = vsample_stage(op)
    else:
        text, more = "", [_operation_problem(type(op).__name__.lower())]
    problems += more
    return OssStage(text, tuple(problems), isinstance(op, Vsample))


def _operation_problem(name: str) -> Problem:
    if name == "avconcat":
        return Problem.make("commands", "qfopgui cannot send a concatenation to Aliyun OSS yet")
    return Problem.make(
        "commands", "Aliyun OSS has no asynchronous command like {operation}", operation=name
    )


def _convert(op: Avthumb) -> tuple[str, list[Problem]]:
    fmt = op.format.lower()
    problems: list[Problem] = []
    audio = fmt in AUDIO_FORMATS
    if fmt == "m3u8":
        problems.append(
            Problem.make("format", "Aliyun OSS video conversion cannot make HLS (m3u8) streams")
        )
    elif not audio and fmt not in VIDEO_FORMATS:
        problems.append(
            Problem.make(
                "format",
                "Aliyun OSS cannot convert to {format}; choose one of {formats}",
                format=op.format,
                formats=", ".join((*VIDEO_FORMATS, *AUDIO_FORMATS)),
            )
        )
    if op.vn and not audio:
        problems.append(
            Problem.make(
                "vn", "To drop the video on Aliyun OSS, choose an audio format such as mp3 or m4a"
            )
        )
    params: list[tuple[str, str]] = [("f", fmt)]
    if audio:
        problems += _no_video_settings(op)
    else:
        params += _video_params(op, problems)
    params += _audio_params(op, problems)
    if op.ss is not None:
        params.append(("ss", ms(op.ss)))
    if op.t is not None:
        params.append(("t", ms(op.t)))
    if op.sn and not audio:
        params.append(("sn", "1"))
    return join_stage("audio/convert" if audio else "video/convert", params), problems


def _no_video_settings(op: Avthumb) -> list[Problem]:
    return [
        Problem.make(
            _SPECS[attr].key,
            "{label} does not apply to audio output on Aliyun OSS",
            label=_SPECS[attr].label,
        )
        for attr in _VIDEO_ONLY
        if getattr(op, attr) is not None
    ]


def _video_params(op: Avthumb, problems: list[Problem]) -> list[tuple[str, str]]:
    params: list[tuple[str, str]] = []
    if op.vcodec is not None:
        codec = VIDEO_CODECS.get(op.vcodec.lower())
        if codec is None:
            problems.append(
                Problem.make(
                    "vcodec",
                    "Aliyun OSS cannot encode video as {codec}; choose one of {codecs}",
                    codec=op.vcodec,
                    codecs=", ".join(sorted(set(VIDEO_CODECS.values()))),
                )
            )
        else:
            params.append(("vcodec", codec))
    if op.r is not None:
        problems += check_range("r", "Frame rate", op.r, OSS_FPS, "frames per second")
        params.append(("fps", format_number(op.r)))
    if op.s is not None:
        size = parse_size(op.s)
        if size is not None and None not in size:
            problems += check_sides(size[0], size[1], field="s")
            params.append(("s", op.s))
            if op.autoscale:
                params.append(("scaletype", "fit"))
    if op.vb is not None:
        bits = bits_per_second("vb", "Video bitrate", op.vb, OSS_VIDEO_BITRATE, problems)
        if bits is not None:
            params.append(("vb", bits))
    crf = op.crf if op.crf is not None else op.h264_crf
    if crf is not None:
        key = "crf" if op.crf is not None else "h264Crf"
        problems += check_range(key, "Quality (CRF)", crf, OSS_CRF)
        params.append(("crf", str(crf)))
    if op.gop is not None:
        params.append(("g", str(op.gop)))
    if op.rotate is Rotate.AUTO:
        params.append(("arotate", "1"))
    elif op.rotate is not None:
        problems.append(
            Problem.make(
                "rotate",
                "Aliyun OSS can only turn video automatically (from the source's rotation tag), "
                "not by a fixed angle",
            )
        )
    return params


def _audio_params(op: Avthumb, problems: list[Problem]) -> list[tuple[str, str]]:
    params: list[tuple[str, str]] = []
    if op.acodec is not None:
        codec = AUDIO_CODECS.get(op.acodec.lower())
        if codec is None:
            problems.append(
                Problem.make(
                    "acodec",
                    "Aliyun OSS cannot encode audio as {codec}; choose one of {codecs}",
                    codec=op.acodec,
                    codecs=", ".join(sorted(set(AUDIO_CODECS.values()))),
                )
            )
        else:
            params.append(("acodec", codec))
    if op.ar is not None:
        if op.ar not in OSS_SAMPLE_RATES:
            problems.append(
                Problem.make(
                    "ar",
                    "Sample rate on Aliyun OSS must be one of {rates} Hz",
                    rates=", ".join(str(r) for r in OSS_SAMPLE_RATES),
                )
            )
        params.append(("ar", str(op.ar)))
    if op.ac is not None:
        problems += check_range("ac", "Audio channels", op.ac, OSS_CHANNELS)
        params.append(("ac", str(op.ac)))
    if op.ab is not None:
        bits = bits_per_second("ab", "Audio bitrate", op.ab, OSS_AUDIO_BITRATE, problems)
        if bits is not None:
            params.append(("ab", bits))
    return params
