"""Property tests: valid models round-trip through build/parse and validate clean; arbitrary
strings either parse or raise FopSyntaxError."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from qfopgui.core.b64 import b64encode_bytes
from qfopgui.core.fops import (
    Avconcat,
    Avinfo,
    Avthumb,
    Command,
    ConcatMode,
    FopSyntaxError,
    Gravity,
    Hls,
    ImageFormat,
    Rotate,
    SaveAs,
    Vframe,
    Vsample,
    Watermark,
    parse_command,
    parse_fops,
)

token = st.from_regex(r"[A-Za-z0-9_.=:,-]{1,12}", fullmatch=True)
text = st.text(min_size=1, max_size=20)
seconds = st.decimals(min_value=0, max_value=36000, places=3).map(float)
positive_seconds = st.decimals(min_value="0.001", max_value=36000, places=3).map(float)
bitrate = st.from_regex(r"[1-9]\d{0,3}(\.\d{1,2})?[km]?", fullmatch=True)
size = st.builds("{}x{}".format, st.integers(20, 3840), st.integers(20, 2160))
pattern = st.builds("{}$(count){}".format, st.text(max_size=8), st.text(max_size=8))
extra = st.lists(
    st.tuples(st.from_regex(r"x[a-z]{1,6}", fullmatch=True), token),
    max_size=3,
    unique_by=lambda kv: kv[0],
).map(tuple)


def opt(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


@st.composite
def watermarks(draw: st.DrawFn) -> Watermark:
    kw: dict[str, Any] = {}
    if draw(st.booleans()):
        kw.update(
            image="http://x.example.com/" + draw(text),
            gravity=draw(opt(st.sampled_from(Gravity))),
            offset_x=draw(opt(st.integers(0, 2000))),
            offset_y=draw(opt(st.integers(0, 2000))),
        )
    if draw(st.booleans()):
        kw.update(
            text=draw(text),
            gravity_text=draw(opt(st.sampled_from(Gravity))),
            font=draw(opt(text)),
            font_color=draw(opt(st.sampled_from(["red", "#FF0000", "white"]))),
            font_size=draw(opt(st.integers(0, 2000))),
        )
    return Watermark(**kw)


@st.composite
def hls_options(draw: st.DrawFn) -> Hls:
    kw: dict[str, Any] = dict(
        segtime=draw(opt(st.decimals(2, 120, places=1).map(float))),
        seg_first_time=draw(opt(st.integers(1, 120).map(float))),
        preset=draw(opt(st.sampled_from(["video_240k", "video_16x9_440k", "audio_32k"]))),
    )
    if draw(st.booleans()):
        kw["no_domain"] = True
    else:
        kw["domain"] = draw(opt(text))
    if draw(st.booleans()):
        kw["hls_key"] = b64encode_bytes(draw(st.binary(min_size=16, max_size=16)))
        kw["hls_key_type"] = draw(opt(st.just("0")))
        kw["hls_key_url"] = draw(opt(text))
    kw[draw(st.sampled_from(["pattern", "save_pattern"]))] = draw(opt(pattern))
    return Hls(**kw)


@st.composite
def avthumbs(draw: st.DrawFn) -> Avthumb:
    fmt = draw(st.sampled_from(["mp4", "flv", "webm", "mp3", "aac", "m4a", "gif", "m3u8"]))
    acodec = draw(st.sampled_from([None, "libmp3lame", "aac", "libvorbis"]))
    kw: dict[str, Any] = dict(
        vcodec=draw(opt(token)),
        h264_profile=draw(opt(st.sampled_from(["baseline", "main", "high"]))),
        h264_level=draw(opt(st.sampled_from(["3", "3.1", "4.2"]))),
        s=draw(opt(size)),
        autoscale=draw(opt(st.booleans())),
        aspect=draw(opt(st.sampled_from(["16:9", "4:3"]))),
        r=draw(opt(st.decimals("0.5", 120, places=2).map(float))),
        gop=draw(opt(st.integers(0, 3000))),
        rotate=draw(opt(st.sampled_from(Rotate))),
        scodec=draw(opt(token)),
        subtitle=draw(opt(text)),
        acodec=acodec,
        ar=draw(opt(st.integers(8000, 96000))),
        ac=draw(opt(st.integers(1, 8))),
        write_xing=draw(opt(st.booleans())),
        ss=draw(opt(seconds)),
        t=draw(opt(positive_seconds)),
        stripmeta=draw(opt(st.booleans())),
        an=draw(opt(st.booleans())),
        vn=draw(opt(st.booleans())),
        sn=draw(opt(st.booleans())),
        watermark=draw(watermarks()),
        hls=draw(hls_options()) if fmt == "m3u8" else Hls(),
        extra=draw(extra),
    )
    rate = draw(st.sampled_from(["vb", "crf", "h264_crf", None]))
    if rate == "vb":
        kw["vb"] = draw(bitrate)
    elif rate is not None:
        kw[rate] = draw(st.integers(18, 28))
    if draw(st.booleans()):
        kw["ab"] = draw(bitrate)
    elif acodec == "libmp3lame" or (acodec is None and fmt == "mp3"):
        kw["aq"] = draw(opt(st.integers(0, 9)))
    elif acodec == "aac" or (acodec is None and fmt in ("aac", "m4a")):
        kw["aq"] = draw(opt(st.integers(10, 500)))
    return Avthumb(fmt, **kw)


@st.composite
def vsamples(draw: st.DrawFn) -> Vsample:
    w, h = draw(opt(st.integers(20, 3840))), draw(opt(st.integers(20, 2160)))
    kw: dict[str, Any] = dict(
        ss=draw(opt(seconds)),
        t=draw(opt(positive_seconds)),
        s=None if w is None and h is None else f"{w or ''}x{h or ''}",
        rotate=draw(opt(st.sampled_from(Rotate))),
        extra=draw(extra),
    )
    if draw(st.booleans()):
        kw["interval"] = draw(opt(positive_seconds))
    else:
        kw["frames"] = draw(opt(st.integers(1, 1000)))
    kw[draw(st.sampled_from(["pattern", "save_pattern"]))] = draw(pattern)
    return Vsample(draw(st.sampled_from(ImageFormat)), **kw)


@st.composite
def avconcats(draw: st.DrawFn) -> Avconcat:
    mode = draw(st.sampled_from(ConcatMode))
    urls = draw(
        st.lists(st.builds("http://{}".format, st.text(max_size=20)), min_size=1, max_size=20)
    )
    reencode = mode is ConcatMode.REENCODE
    return Avconcat(
        mode,
        format=draw(st.sampled_from(["mp4", "flv", "m4a"])),
        s=draw(opt(size)) if reencode else None,
        index=draw(opt(st.integers(1, len(urls) + 1))),
        maxrate=draw(opt(bitrate)),
        add_audio=draw(opt(st.booleans())) if reencode else None,
        urls=tuple(urls),
        extra=draw(extra),
    )


vframes = st.builds(
    Vframe,
    st.sampled_from(ImageFormat),
    offset=seconds,
    w=opt(st.integers(20, 3840)),
    h=opt(st.integers(20, 2160)),
    rotate=opt(st.sampled_from(Rotate)),
    extra=extra,
)
operations = st.one_of(avthumbs(), vframes, vsamples(), avconcats(), st.builds(Avinfo, extra))
saveas = st.builds(
    SaveAs,
    st.from_regex(r"[a-z0-9][a-z0-9-]{2,30}", fullmatch=True),
    opt(st.text(min_size=1, max_size=60)),
)
commands = st.builds(Command, operations, opt(saveas))


@settings(max_examples=150)
@given(commands)
def test_valid_commands_round_trip(command: Command) -> None:
    text = command.build()
    assert parse_command(text) == command
    assert parse_command(text).build() == text


@settings(max_examples=150)
@given(commands)
def test_generated_models_validate_clean(command: Command) -> None:
    assert command.validate() == []


@given(st.lists(commands, min_size=1, max_size=4))
def test_fops_lists_round_trip(items: list[Command]) -> None:
    assert parse_fops(";".join(c.build() for c in items)) == items


VOCAB = [
    "avthumb",
    "vframe",
    "vsample",
    "avconcat",
    "avinfo",
    "saveas",
    "mode",
    "mp4",
    "m3u8",
    "jpg",
    "png",
    "1",
    "2",
    "-3",
    "0.5",
    "s",
    "vb",
    "ab",
    "aq",
    "ss",
    "t",
    "offset",
    "w",
    "pattern",
    "wmText",
    "rotate",
    "auto",
    "90",
    "format",
    "preset",
    "video_240k",
    "segtime",
    "noDomain",
    "aHR0cDovL2EvYg==",
    "bXlidWNrZXQ6b3V0L2EubXA0",
    "1280x720",
    "",
    " ",
    "=",
]
fop_like = st.lists(
    st.lists(st.sampled_from(VOCAB) | st.text(max_size=4), min_size=1, max_size=8).map("/".join),
    min_size=1,
    max_size=3,
).map("|".join)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A valid command string with one token dropped, repeated, truncated or replaced."""
    parts = draw(commands).build().split("/")
    i = draw(st.integers(0, len(parts) - 1))
    how = draw(st.sampled_from(["drop", "repeat", "truncate", "replace"]))
    if how == "drop":
        del parts[i]
    elif how == "repeat":
        parts.insert(i, parts[i])
    elif how == "truncate":
        parts[i] = parts[i][: draw(st.integers(0, max(0, len(parts[i]) - 1)))]
    else:
        parts[i] = draw(st.sampled_from(VOCAB) | st.text(max_size=4))
    return "/".join(parts)


@settings(max_examples=300)
@given(st.text() | fop_like | mutated())
def test_random_strings_never_crash(text: str) -> None:
    try:
        command = parse_command(text)
    except FopSyntaxError as exc:
        message = str(exc)
    else:
        message = ""
    if message:
        return  # a readable FopSyntaxError is an accepted outcome
    # Whatever was accepted is stable: building and parsing again gives the same model.
    assert parse_command(command.build()) == command


@given(st.text() | fop_like.map(lambda s: s.replace("|", ";")))
def test_random_fops_never_crash(text: str) -> None:
    try:
        commands = parse_fops(text)
    except FopSyntaxError as exc:
        assert str(exc)  # noqa: PT017 -- the error must carry a message
    else:
        assert commands
