"""pfop image steps (imageView2 modes, imageMogr2, watermark) and the imageView2 code shared with
real-time GETs: geometry without ffmpeg, outputs with real ffmpeg on small pictures."""

from __future__ import annotations

import subprocess
from pathlib import Path

import av
import pytest

from qfopgui.sandbox.processing import image_view as IV
from qfopgui.sandbox.processing.ffmpeg_args import build_plan
from qfopgui.sandbox.processing.fopparse import parse_command
from qfopgui.sandbox.processing.params import ParamError
from qfopgui.sandbox.processing.plan import BuildContext, FfmpegPlan
from qfopgui.sandbox.processing.realtime import render
from qfopgui.sandbox.processing.tasks import DONE
from tests.unit.sandbox.processing.conftest import (
    FFMPEG,
    Media,
    ProcessorFactory,
    b64,
    entry,
    wait_final,
)
from tests.unit.sandbox.processing.fakes import FakeStorage


@pytest.fixture(scope="module")
def photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 320x180 JPEG (landscape, 16:9)."""
    path = tmp_path_factory.mktemp("photo") / "photo.jpg"
    subprocess.run(
        [
            FFMPEG,
            "-nostdin",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=320x180",
            "-frames:v",
            "1",
            str(path),
        ],
        check=True,
    )
    return path


def _plan(cmd: str, src: Path, workdir: Path, logo: Path | None = None) -> FfmpegPlan:
    workdir.mkdir(parents=True, exist_ok=True)

    def resolve(url: str) -> Path:
        if logo is None:
            raise ParamError(f"source not found: {url}")
        return logo

    return build_plan(parse_command(cmd).steps[0], BuildContext(FFMPEG, src, workdir, resolve))


def _run(cmd: str, src: Path, workdir: Path, logo: Path | None = None) -> tuple[str, int, int]:
    plan = _plan(cmd, src, workdir, logo)
    subprocess.run(plan.argv, cwd=workdir, check=True, capture_output=True)
    with av.open(str(workdir / plan.output)) as box:
        ctx = box.streams.video[0].codec_context
        return ctx.name, ctx.width, ctx.height


@pytest.mark.parametrize(
    ("fop", "source", "scaled", "crop"),
    [
        ("imageView2/0/w/160/h/40", (320, 180), (71, 40), None),  # short side bound
        ("imageView2/0/w/160", (180, 320), (90, 160), None),  # long side bound (portrait)
        ("imageView2/1/w/100/h/100", (320, 180), (178, 100), (100, 100)),
        ("imageView2/1/w/80", (320, 180), (142, 80), (80, 80)),  # one side: a square
        ("imageView2/2/w/160/h/160", (320, 180), (160, 90), None),
        ("imageView2/3/w/100/h/100", (320, 180), (178, 100), None),
        ("imageView2/4/w/100/h/50", (180, 320), (56, 100), None),  # long >= 100, short >= 50
        ("imageView2/5/w/100/h/50", (180, 320), (56, 100), (50, 100)),  # portrait: short x long
        ("imageView2/5/w/100/h/60", (320, 180), (107, 60), (100, 60)),
        ("imageView2/1/w/500/h/500", (320, 180), (320, 180), None),  # never enlarged
        ("imageView2/2/w/2000/h/2000", (320, 180), (320, 180), None),
    ],
)
def test_image_view_modes_scale_and_crop_as_the_service_describes(
    fop: str, source: tuple[int, int], scaled: tuple[int, int], crop: tuple[int, int] | None
) -> None:
    geo = IV.geometry(IV.parse_image_view(fop.split("/")), *source)
    assert ((geo.width, geo.height), geo.crop) == (scaled, crop)


@pytest.mark.parametrize(
    ("fop", "says"),
    [
        ("imageView2/6/w/10", "mode '6' is not supported"),
        ("imageView2/2", "give w, h or both"),
        ("imageView2/2/w/10/format/tiff", "format 'tiff' is not supported"),
        ("imageView2/2/w/10/blur/3", "imageView2: unsupported parameter 'blur'"),
        ("imageView2/2/w/10/q/0", "invalid q"),
        ("imageMogr2/blur/3x5", "imageMogr2: unsupported parameter 'blur' in the sandbox"),
        ("imageMogr2/thumbnail/1000@", "invalid thumbnail"),
        ("imageMogr2/crop/axb", "invalid crop"),
        ("imageMogr2/rotate/400", "invalid rotate"),
        ("imageMogr2/format/png/quality/80", "quality: applies to jpg and webp output only"),
        ("imageMogr2/gravity/Center", "gravity only with crop"),
        ("imageMogr2/strip/strip", "given twice"),
        ("watermark/3/text/aGk=", "mode must be 1 (picture) or 2 (text)"),
        ("watermark/1/dissolve/50", "mode 1 needs image"),
        (f"watermark/1/image/{b64('kodo://b/k')}/ws/0.5", "unsupported parameter 'ws'"),
        (f"watermark/1/image/{b64('kodo://b/k')}/gravity/Up", "invalid gravity"),
        (f"watermark/1/image/{b64('kodo://b/k')}/dissolve/0", "invalid dissolve"),
        (f"watermark/2/text/{b64('hi')}/fill/{b64('no;colour')}", "invalid fill"),
    ],
)
def test_bad_image_steps_fail_readably(fop: str, says: str, photo: Path, tmp_path: Path) -> None:
    with pytest.raises(ParamError) as info:
        _plan(fop, photo, tmp_path)
    assert says in str(info.value)


def test_watermark_url_outside_the_sandbox_fails_naming_it(photo: Path, tmp_path: Path) -> None:
    url = "http://www.qiniu.com/images/logo.png"
    with pytest.raises(ParamError) as info:
        _plan(f"watermark/1/image/{b64(url)}", photo, tmp_path, logo=photo)
    assert f"watermark: cannot fetch the image {url}: the sandbox has no internet" in str(
        info.value
    )
    with pytest.raises(ParamError, match="source not found"):  # a sandbox URL, no such object
        _plan(f"watermark/1/image/{b64('kodo://src/none.png')}", photo, tmp_path)


@pytest.mark.parametrize(
    ("fop", "expected"),
    [
        ("imageView2/1/w/100/h/100/format/webp", ("webp", 100, 100)),
        ("imageView2/2/w/100/h/100/format/png", ("png", 100, 56)),
        ("imageView2/2/w/64/format/gif", ("gif", 64, 36)),
        ("imageMogr2/thumbnail/!50p", ("mjpeg", 160, 90)),
        ("imageMogr2/thumbnail/!50px", ("mjpeg", 160, 180)),
        ("imageMogr2/thumbnail/!x50p", ("mjpeg", 320, 90)),
        ("imageMogr2/thumbnail/160x", ("mjpeg", 160, 90)),
        ("imageMogr2/thumbnail/x90", ("mjpeg", 160, 90)),
        ("imageMogr2/thumbnail/100x100", ("mjpeg", 100, 56)),
        ("imageMogr2/thumbnail/!100x100r", ("mjpeg", 178, 100)),
        ("imageMogr2/thumbnail/100x100!", ("mjpeg", 100, 100)),
        ("imageMogr2/thumbnail/640x640>", ("mjpeg", 320, 180)),  # shrink only: unchanged
        ("imageMogr2/thumbnail/640x640<", ("mjpeg", 640, 360)),  # enlarge only
        ("imageMogr2/crop/100x50/gravity/SouthEast", ("mjpeg", 100, 50)),
        ("imageMogr2/crop/!100x50a300a0", ("mjpeg", 20, 50)),  # clipped to the picture
        ("imageMogr2/crop/x60", ("mjpeg", 320, 60)),
        ("imageMogr2/rotate/90/format/png", ("png", 180, 320)),
        ("imageMogr2/rotate/45/format/png", ("png", 354, 354)),
        ("imageMogr2/thumbnail/160x/quality/60/format/webp/strip/auto-orient", ("webp", 160, 90)),
        (f"watermark/2/text/{b64('hi')}/fill/{b64('red')}/gravity/Center", ("mjpeg", 320, 180)),
    ],
)
def test_image_steps_produce_the_documented_picture(
    fop: str, expected: tuple[str, int, int], photo: Path, tmp_path: Path
) -> None:
    assert _run(fop, photo, tmp_path) == expected


def test_imagemogr2_flags_and_quality_change_the_ffmpeg_run(photo: Path, tmp_path: Path) -> None:
    plain = _plan("imageMogr2/format/jpg", photo, tmp_path).argv
    assert "-noautorotate" in plain
    assert "-map_metadata" not in plain
    tuned = _plan("imageMogr2/auto-orient/strip/quality/90", photo, tmp_path).argv
    assert "-noautorotate" not in tuned
    assert tuned[tuned.index("-map_metadata") + 1] == "-1"
    assert tuned[tuned.index("-q:v") + 1] == "5"  # q 90 → qscale 5 (q 75: 9)
    webp = _plan("imageMogr2/format/webp/quality/60", photo, tmp_path).argv
    assert webp[webp.index("-quality") + 1] == "60"


def test_watermark_picture_is_blended_at_its_gravity(
    photo: Path, media: Media, tmp_path: Path
) -> None:
    """The 40x20 red logo at SouthWest, margins 5/5, half transparent."""
    cmd = f"watermark/1/image/{b64('kodo://src/logo.png')}/dissolve/50/gravity/SouthWest/dx/5/dy/5"
    plan = _plan(cmd, photo, tmp_path, logo=media.logo)
    graph = plan.argv[plan.argv.index("-filter_complex") + 1]
    assert "colorchannelmixer=aa=0.5" in graph
    assert "overlay=x=5:y=H-h-(5)" in graph
    subprocess.run(plan.argv, cwd=tmp_path, check=True, capture_output=True)
    with av.open(str(tmp_path / plan.output)) as box:
        frame = next(iter(box.decode(video=0))).reformat(format="rgb24")
    with av.open(str(photo)) as box:
        before = next(iter(box.decode(video=0))).reformat(format="rgb24")

    def pixel(f: av.VideoFrame, x: int, y: int) -> tuple[int, int, int]:
        plane = f.planes[0]
        at = y * plane.line_size + x * 3
        r, g, b = bytes(plane)[at : at + 3]
        return r, g, b

    inside, outside = (25, 180 - 15), (25, 100)
    r0, g0, b0 = pixel(before, *inside)
    r1, g1, b1 = pixel(frame, *inside)
    assert (r0, g0, b0) == (0, 0, 0)  # testsrc's black bottom-left strip
    assert 100 <= r1 <= 155  # half of the red logo over black
    assert g1 + b1 < 30
    away = zip(pixel(before, *outside), pixel(frame, *outside), strict=True)
    assert sum(abs(p - q) for p, q in away) < 30


def test_realtime_image_view_shares_modes_and_formats(photo: Path, tmp_path: Path) -> None:
    out = render("imageView2/1/w/60/h/60/format/webp", photo, ffmpeg=FFMPEG, tmp_root=tmp_path)
    assert out.mime == "image/webp"
    (tmp_path / "o.webp").write_bytes(out.body)
    with av.open(str(tmp_path / "o.webp")) as box:
        ctx = box.streams.video[0].codec_context
        assert (ctx.name, ctx.width, ctx.height) == ("webp", 60, 60)


def test_pfop_pipe_feeds_each_image_step_into_the_next(
    make_processor: ProcessorFactory, storage: FakeStorage, photo: Path
) -> None:
    storage.put_file("src", "photo.jpg", photo)
    proc = make_processor()
    fops = (
        "imageView2/2/w/160/h/160/format/png|imageMogr2/rotate/90|"
        f"watermark/1/image/{b64('kodo://src/logo.png')}|saveas/{entry('src', 'out.png')}"
    )
    status = wait_final(proc, proc.submit(bucket="src", key="photo.jpg", fops=fops), 60)
    item = status["items"][0]
    assert item["code"] == DONE, item
    stored = storage.stat("src", "out.png")
    assert stored is not None
    with av.open(str(stored.path)) as box:
        ctx = box.streams.video[0].codec_context
        assert (ctx.name, ctx.width, ctx.height) == ("png", 90, 160)
