"""Render the README screenshots from a real sandbox session (offscreen, temporary data).

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--lang en zh_CN] [--extra]

Each language gets its own session: a fresh base directory, the in-process sandbox with its demo
media, and real submissions that ffmpeg runs to completion; the Transfers shot drops files made
with ffmpeg on Files and catches the real uploads half-way (the sandbox answering slowly through
its fault injection). English goes to ``OUT/*.png``, other languages to ``OUT/<lang>/*.png``.
``--extra`` also renders the welcome page and the account dialog (not used by the README; handy
when reviewing the UI).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import keyring
from keyring.backend import KeyringBackend

ROOT = Path(__file__).resolve().parents[1]
WINDOW_SIZE = (1280, 800)
DIALOG_SIZE = (1240, 660)
VIDEOS = ("videos/sample-1280x720-10s.mp4", "videos/vertical-720x1280-5s.mp4")
SUBMIT_PRESETS = ("MP4 H.264 480p", "JPG thumbnail")
# the second batch fails on purpose: the sandbox's ffmpeg has no HE-AAC encoder (libfdk_aac), and
# the Jobs view explains that in plain words
MIXED_KEYS = ("audio/tone-30s.mp3",)
MIXED_PRESETS = ("Audiobook HE-AAC",)
HE_AAC = ("Audiobook HE-AAC", "avthumb/m4a/acodec/libfdk_aac/audioProfile/aac_he/ab/48k")
# a preset of the user's own, shown in the Presets view: 720p at CRF 23, a 30 s preview, a poster
OWN_PRESET = (
    "Web 720p + poster",
    "Short preview for the website, with a poster frame",
    (
        "avthumb/mp4/s/1280x720/autoscale/1/crf/23/acodec/aac/ab/128k/t/30",
        "vframe/jpg/offset/3/w/640",
    ),
)


class MemoryKeyring(KeyringBackend):
    """Keeps the session's secrets in memory: a screenshot run never touches the OS keychain."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._items.pop((service, username), None)


async def wait_until(pred: Callable[[], object], what: str, limit: float = 60.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not pred():
        if loop.time() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def settle(seconds: float = 0.3) -> None:
    """Let queued timers and repaints run before grabbing."""
    await asyncio.sleep(seconds)


def save(widget: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path)):
        raise RuntimeError(f"could not write {path}")
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def check_presets(dialog: Any, names: Sequence[str]) -> None:
    from PySide6.QtCore import Qt

    model = dialog.presets_model
    for row in range(model.rowCount()):
        item = model.item(row)
        on = item.data(Qt.ItemDataRole.UserRole) in names  # the stable (English) preset name
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def add_own_preset(library: Any) -> None:
    from qfopgui.core.fops import parse_command
    from qfopgui.core.presets import Preset
    from qfopgui.core.upscale import UpscalePolicy

    name, description, commands = OWN_PRESET
    preset = Preset(
        name,
        tuple(parse_command(c) for c in commands),
        description=description,
        never_upscale=UpscalePolicy.KEEP_SOURCE_SIZE,
    )
    library.save(preset)
    library.save(Preset(HE_AAC[0], (parse_command(HE_AAC[1]),)))


def select_keys(files_view: Any, keys: Sequence[str]) -> None:
    from PySide6.QtCore import QItemSelectionModel

    sel = files_view.table.selectionModel()
    sel.clearSelection()
    model = files_view.model
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in range(model.rowCount()):
        if model.key_at(row) in keys:
            sel.select(model.index(row, 0), flags)
            sel.setCurrentIndex(model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)


async def submit(
    feature: Any,
    keys: Sequence[str],
    presets: Sequence[str],
    pipeline: str,
    shot: Path | None = None,
) -> list[Any]:
    """Open the Transcode dialog as the toolbar would, optionally grab it, then submit."""
    dialog = feature.open_submit("demo", list(keys))
    dialog.resize(*DIALOG_SIZE)
    check_presets(dialog, presets)
    dialog.form.pipeline_combo.setCurrentText(pipeline)
    await wait_until(lambda: dialog.submit_button.isEnabled(), "the submit preview")
    if shot is not None:
        dialog.commands_toggle.setChecked(True)
        await wait_until(lambda: dialog.form.bucket_combo.count() > 0, "the bucket list", 10)
        await settle()
        save(dialog, shot)
    before = len(feature.model.records())
    dialog.submit_button.click()
    n = len(keys)
    await wait_until(lambda: len(feature.model.records()) >= before + n, "the submission")
    return list(feature.model.records()[before:])


async def wait_finished(feature: Any, ids: set[int], limit: float = 90.0) -> None:
    def done() -> bool:
        recs = [feature.model.get(i) for i in ids]
        return all(r is not None and r.state.is_terminal for r in recs)

    await wait_until(done, "the jobs to finish", limit)


STALE_KEY = "videos/stale/sample-1280x720-10s.mp4"


async def stale_output_job(ctx: Any, feature: Any, tmp: Path) -> Any:
    """A job whose output is an older 4 s clip: another tool sent it without overwrite onto a
    key that already held one, so the server kept the old file; tracked here by its ID. Its
    verification warns with both durations (the Verification screenshot)."""
    import subprocess

    import imageio_ffmpeg

    from qfopgui.core.fops import Avthumb, Command

    clip = tmp / "short.mp4"
    make = [
        imageio_ffmpeg.get_ffmpeg_exe(),
        *("-y", "-loglevel", "error"),
        *("-f", "lavfi", "-i", "testsrc=size=320x180:rate=25:duration=4"),
        *("-f", "lavfi", "-i", "sine=frequency=440:duration=4"),
        *("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", str(clip)),
    ]
    await ctx.run_blocking(lambda: subprocess.run(make, check=True, timeout=30))
    client = ctx.clients.client_for(feature.profile)
    await ctx.run_blocking(lambda: client.upload_file("demo", STALE_KEY, clip))
    fop = Command(Avthumb("mp4")).with_saveas("demo", STALE_KEY).build()
    pid = await ctx.run_blocking(lambda: client.pfop("demo", VIDEOS[0], [fop]))
    result = await ctx.jobs.track(feature.profile, pid)
    (rec,) = result.added
    await wait_until(lambda: feature.model.get(rec.id).verify_state, "the stale output check")
    return feature.model.get(rec.id)


UPLOADS_SIZE = (1024, 700)
# Transfers: real uploads of a shoot's files, caught half-way. The sandbox answers each request
# this much later (fault injection on the running server) so the run takes long enough to catch.
# Files go up 2 at a time, each in one request up to 4 MiB, else in 4 MiB parts (3 in flight)
# between a start and a final request: with every request taking L, the queue below runs as
#   slot 1: camera-a (3 L: start, parts, final) → harbour-sunrise (9 parts: 5 L)
#   slot 2: camera-b, night-drive (fails), gulls (1 L each) → market (3 parts: 3 L)
# so from 5 L on, the sunrise is in its second round of parts (two thirds sent, a speed measured)
# while the market is finishing, and the poster and the voice-over wait.
UPLOAD_LATENCY_MS = 3000
UPLOAD_PRESET = "MP4 H.264 720p"


@dataclass(frozen=True)
class Shoot:
    """Local files made with ffmpeg, dropped on Files in two goes (the videos, then the rest).

    `taken` also has `earlier_cut`: a colleague uploads that to the same key after the scan, so
    its insert-only upload is refused (the Transfers view's failed row). `big` is the one caught
    mid-way, `finishing` the one whose final request is on its way then.
    """

    videos: tuple[Path, ...]
    others: tuple[Path, ...]
    taken: Path
    earlier_cut: Path
    big: Path
    finishing: Path


# name, seconds, Mbit/s, MiB it must stay under (see UPLOAD_LATENCY_MS for the order)
SHOOT_VIDEOS = (
    ("interview-camera-a-take-03.mp4", 6, 8, 8),  # 2 parts
    ("interview-camera-b-take-03.mp4", 5, 5, 4),  # one request
    ("b-roll-night-drive.mov", 4, 4, 4),
    ("b-roll-gulls.mov", 4, 5, 4),
    ("b-roll-harbour-sunrise.mov", 8, 35, 36),  # 9 parts
    ("b-roll-market.mov", 8, 10, 12),  # 3 parts
)


def make_shoot(folder: Path) -> Shoot:
    """The shoot's files (blocking, a few seconds): noisy test pictures are what they weigh."""
    import subprocess

    import imageio_ffmpeg

    ffmpeg = (imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-loglevel", "error")

    def video(path: Path, seconds: int, mbits: int, tone: int) -> Path:
        rate = f"{mbits}M"
        subprocess.run(
            [
                *ffmpeg,
                *("-f", "lavfi", "-i", f"testsrc2=size=1280x720:rate=25:duration={seconds}"),
                *("-f", "lavfi", "-i", f"sine=frequency={tone}:duration={seconds}"),
                *("-vf", "noise=alls=25:allf=t", "-c:v", "libx264", "-preset", "ultrafast"),
                *("-b:v", rate, "-maxrate", rate, "-bufsize", rate, "-pix_fmt", "yuv420p"),
                *("-c:a", "aac", "-shortest", str(path)),
            ],
            check=True,
            timeout=120,
        )
        return path

    shoot = folder / "harbour-shoot"
    shoot.mkdir(parents=True, exist_ok=True)
    videos = tuple(
        video(shoot / name, seconds, mbits, 220 + 55 * i)
        for i, (name, seconds, mbits, _most) in enumerate(SHOOT_VIDEOS)
    )
    for path, (_name, _seconds, _mbits, most) in zip(videos, SHOOT_VIDEOS, strict=True):
        if path.stat().st_size > most * 1024 * 1024:  # the timing above would not hold
            raise RuntimeError(f"{path.name} came out larger than {most} MiB")
    poster, voice = shoot / "poster.jpg", shoot / "voice-over-final.wav"
    still = ("-f", "lavfi", "-i", "testsrc2=size=1920x1080", "-frames:v", "1", "-q:v", "2")
    subprocess.run([*ffmpeg, *still, str(poster)], check=True, timeout=60)
    tone = ("-f", "lavfi", "-i", "sine=frequency=330:duration=30", "-ac", "2", "-ar", "48000")
    subprocess.run([*ffmpeg, *tone, str(voice)], check=True, timeout=60)
    earlier = folder / "from-a-colleague" / "b-roll-night-drive.mov"
    earlier.parent.mkdir(parents=True, exist_ok=True)
    return Shoot(
        videos=videos,
        others=(poster, voice),
        taken=videos[2],
        earlier_cut=video(earlier, 3, 2, 880),
        big=videos[4],
        finishing=videos[5],
    )


def drop_files(widget: Any, paths: Sequence[Path]) -> None:
    """What a file manager does when the user drops these files on `widget`."""
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(30, 30), actions, mime, buttons, mods)
    QApplication.sendEvent(widget, enter)
    dropped = QDropEvent(QPointF(30, 30), actions, mime, buttons, mods)
    QApplication.sendEvent(widget, dropped)
    if not (enter.isAccepted() and dropped.isAccepted()):
        raise RuntimeError("the Files view did not take the drop")


async def upload_dialog(uploads: Any) -> Any:
    """The upload dialog the drop opened, once the scan is done."""
    await wait_until(lambda: uploads.dialog is not None and uploads.dialog.isVisible(), "the scan")
    return uploads.dialog


def transcode_on_upload(dialog: Any, presets: Sequence[str]) -> None:
    from PySide6.QtCore import Qt

    box = dialog.transcode
    box.setChecked(bool(presets))
    model = box.picker.model
    for row in range(model.rowCount()):
        on = model.item(row).data(Qt.ItemDataRole.UserRole) in presets
        model.item(row).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


async def uploads_in_progress(rt: Any, server: Any, shoot: Shoot, shot: Path) -> None:
    """Upload the shoot into the folder Files shows, as a user drops it, and grab the Transfers
    view half-way: some uploaded, the big clip uploading (speed, time left), one finishing, two
    waiting, and the one whose key a colleague took meanwhile failed (selected: its message
    below)."""
    from collections import Counter

    from qfopgui.services import upload_messages as M
    from qfopgui.services.upload_types import ACTIVE_STATES, TransferState

    w, ctx, uploads = rt.window, rt.ctx, rt.features.uploads
    target = uploads.target()
    if target is None:
        raise RuntimeError("no folder is open in Files")
    profile, bucket, prefix = target
    big_key, finishing_key = prefix + shoot.big.name, prefix + shoot.finishing.name
    total = len(shoot.videos) + len(shoot.others)

    def transfers() -> dict[str, Any]:
        return {t.key: t for t in uploads.model.transfers()}

    def caught() -> bool:
        ts = transfers()
        big, finishing = ts.get(big_key), ts.get(finishing_key)
        states = Counter(t.state for t in ts.values())
        return (
            len(ts) == total
            and big is not None
            and big.state is TransferState.UPLOADING
            and big.speed > 0
            and 0.45 <= big.sent / big.size <= 0.8  # its second round of parts
            and finishing is not None
            and finishing.state is TransferState.COMPLETING
            and states[TransferState.FAILED] == 1
            and states[TransferState.DONE] == 3
            and states[TransferState.QUEUED] == 2
        )

    w.show_view("files")
    drop_files(w.files_view.table.viewport(), shoot.videos)
    dialog = await upload_dialog(uploads)
    # after the scan (nothing there yet), a colleague uploads an earlier cut of one clip under
    # the same name: its upload is insert-only, so the service refuses to replace it
    client = ctx.clients.client_for(profile)
    taken = prefix + shoot.taken.name
    await ctx.run_blocking(lambda: client.upload_file(bucket, taken, shoot.earlier_cut))
    transcode_on_upload(dialog, [UPLOAD_PRESET])
    server.faults.latency_ms = UPLOAD_LATENCY_MS
    try:
        dialog.upload_button.click()
        await wait_until(lambda: len(transfers()) == len(shoot.videos), "the videos queued")
        drop_files(w.files_view.table.viewport(), shoot.others)  # then the poster and audio
        dialog = await upload_dialog(uploads)
        transcode_on_upload(dialog, [])
        dialog.upload_button.click()
        await wait_until(lambda: len(transfers()) == total, "the rest queued")
        w.show_view("transfers")
        await wait_until(caught, "the uploads half-way", 120)
        failed = next(t for t in transfers().values() if t.state is TransferState.FAILED)
        if failed.error_template != M.APPEARED:
            raise RuntimeError(f"{failed.key} failed for another reason: {failed.error}")
        uploads.view.select_ids([failed.id])
        await settle(0.4)  # the overall line and the badge follow within 250 ms
        if not caught():
            raise RuntimeError("the uploads moved on before the grab: raise UPLOAD_LATENCY_MS")
        save(w, shot)
    finally:
        server.faults.latency_ms = 0
    # let them finish (and the jobs they started), so the session ends with nothing in flight
    await wait_until(
        lambda: all(t.state not in ACTIVE_STATES for t in transfers().values()),
        "the uploads to finish",
    )
    jobs = {t.job_id for t in transfers().values() if t.job_id is not None}
    await wait_finished(rt.features.jobs, jobs, 120)


async def session(lang: str, out: Path, extra: bool, shoot: Shoot) -> None:
    from PySide6.QtWidgets import QApplication

    from qfopgui.app import MainThreadGC, build, install_features, shutdown
    from qfopgui.core.jobs import JobState
    from qfopgui.i18n import install_translations
    from qfopgui.log import setup_logging, shutdown_logging
    from qfopgui.paths import Paths
    from qfopgui.services import sandbox_manager

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translations(app, lang)
    collector = MainThreadGC()
    collector.start()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="qfopgui-shots-") as tmp:
        paths = Paths.under(Path(tmp)).ensure()
        servers: list[Any] = []  # the sandbox server the app starts (the Transfers shot slows it)
        app_factory = sandbox_manager.default_server_factory

        def keep_server(*args: Any) -> Any:
            servers.append(app_factory(*args))
            return servers[-1]

        with mock.patch.object(sandbox_manager, "default_server_factory", keep_server):
            rt = build(paths, setup_logging(paths.log_dir))
        try:
            add_own_preset(rt.ctx.presets)
            install_features(rt)
            w, ctx = rt.window, rt.ctx
            feature = rt.features.jobs
            w.resize(*WINDOW_SIZE)
            w.show()
            if extra:
                await settle()
                save(w, out / "welcome.png")
                dialog = w.accounts.make_dialog(None)
                dialog.open()
                await settle()
                save(dialog, out / "account.png")
                dialog.reject()
            ctx.tasks.start(ctx.jobs.run(), name="app:jobs")
            w.start_sandbox()
            fv = w.files_view
            await wait_until(lambda: fv.current_bucket() == "demo", "the sandbox", 120)
            await wait_until(lambda: fv.model.rowCount() > 0 and not fv.model.loading, "files")

            first = await submit(feature, VIDEOS, SUBMIT_PRESETS, "video-hd", out / "submit.png")
            second = await submit(feature, MIXED_KEYS, MIXED_PRESETS, "thumbnails")
            await wait_finished(feature, {r.id for r in [*first, *second]})

            view = feature.view
            view.set_batch("")
            w.show_view("jobs")
            failed = [r for r in feature.model.records() if r.state is JobState.FAILED]
            if not failed:
                raise RuntimeError("the mixed batch should have made a failed job")
            view.select_job(failed[0].id)
            await settle(0.6)
            save(w, out / "jobs.png")

            # Verification: the first batch's outputs were checked (the Status icon), and a job
            # whose output is a stale, shorter file warns with the numbers
            await wait_until(
                lambda: all(feature.model.get(r.id).verify_state for r in first),
                "the outputs of the first batch to be checked",
            )
            stale = await stale_output_job(ctx, feature, Path(tmp))
            view.set_batch("")
            view.select_job(stale.id)
            await settle(0.6)
            save(w, out / "verified.png")

            w.show_view("pipelines")
            await feature.pipelines.refresh_stats()
            await settle()
            save(w, out / "pipelines.png")

            presets = rt.features.presets
            feature.batch_banner.clear()  # read already: the Jobs shot shows it
            w.show_view("presets")
            await presets.select("MP4 H.264 720p")
            await settle()
            save(w, out / "presets.png")
            await presets.select(OWN_PRESET[0])
            presets.editor.tabs.setCurrentIndex(0)
            await settle()
            save(w, out / "preset_editor.png")

            w.show_view("files")
            fv.open_folder("videos/")
            await wait_until(
                lambda: fv.model.rowCount() > len(VIDEOS) and not fv.model.loading,
                "the outputs in videos/",
            )
            select_keys(fv, VIDEOS[:1])  # one file: the Details pane lists its outputs
            await wait_until(lambda: fv.details.jobs(), "the outputs of the selected file")
            # its poster frame (made by the sandbox's ?vframe) at the top of the pane
            await wait_until(lambda: fv.details.preview.has_picture(), "the poster frame", 30)
            await settle()
            save(w, out / "files.png")

            # Transfers: real uploads in progress at 1024×700, the failed one selected (its
            # message in the details line)
            w.resize(*UPLOADS_SIZE)
            await uploads_in_progress(rt, servers[-1], shoot, out / "uploads.png")
            w.resize(*WINDOW_SIZE)
        finally:
            await shutdown(rt)
            collector.stop()
            shutdown_logging()
            for t in translators:
                app.removeTranslator(t)
    print(f"{lang}: {time.monotonic() - started:.0f} s")


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    p.add_argument("--lang", nargs="+", choices=("en", "zh_CN"), default=["en", "zh_CN"])
    p.add_argument("--extra", action="store_true", help="also the welcome page and account dialog")
    args = p.parse_args(argv)

    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication  # PySide6 before qasync

    # isort: split
    import qasync

    from qfopgui.ui.widgets.icons import icon

    def quiet(kind: QtMsgType, _ctx: Any, text: str) -> None:
        if "propagateSizeHints" not in text:  # the offscreen platform's harmless complaint
            print(text, file=sys.stderr)

    qInstallMessageHandler(quiet)
    keyring.set_keyring(MemoryKeyring())
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("qfopgui")
    app.setWindowIcon(icon("app"))
    app.setQuitOnLastWindowClosed(False)
    out = args.out.resolve()
    with tempfile.TemporaryDirectory(prefix="qfopgui-shoot-") as files:
        shoot = make_shoot(Path(files))  # the local files the Transfers shot uploads
        for lang in args.lang:
            target = out if lang == "en" else out / lang
            with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
                runner.run(session(lang, target, args.extra, shoot))
    return 0


if __name__ == "__main__":
    sys.exit(main())
