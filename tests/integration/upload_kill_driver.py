"""The app that gets killed: `python -m tests.integration.upload_kill_driver BASE CLIP [LATENCY]`.

Runs the real app on `BASE` (the harness's `start_app`, with the sandbox as `--sandbox`),
opens the demo bucket's videos/ folder, drops CLIP on the Files table, accepts the upload
dialog with "Transcode on upload" = MP4 H.264 720p and then just keeps running until the
test SIGKILLs it. Right before Upload is clicked the sandbox gets LATENCY ms per request, so
the 5 parts take seconds and the test can kill it with some parts on the server and some not.
(The latency is set on the running server rather than through the server factory, so the
app's start — bucket list, folder listing — stays fast.)

Writes only under BASE (the test also points HOME, XDG_* and TMPDIR there). Prints `uploading`
on stdout once the upload was started; anything that goes wrong ends the process with a
traceback on stderr for the test to show.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

import asyncio
import sys
import threading
import time
from pathlib import Path

import keyring
import PySide6.QtWidgets  # noqa: F401  -- bind qasync to PySide6 before importing it
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.helpers.memory_keyring import MemoryKeyring
from tests.integration.app_harness import DEMO, open_folder, start_app
from tests.integration.test_e2e_uploads import MP4_720P, drop_paths, upload_dialog

UPLOADING = "uploading"
ORPHAN_AFTER = 120.0  # seconds: a child whose test died does not run for ever


async def upload_and_wait(base: Path, clip: Path, latency_ms: int) -> None:
    """Start the upload the way a user does, then run until killed."""
    app = await start_app(base)
    await open_folder(app, DEMO, "videos/", timeout=30)
    drop_paths(app.files.table.viewport(), clip)
    dialog = await upload_dialog(app)
    assert not dialog.problems.lines(), dialog.problems.lines()  # the clip will go up
    box = dialog.transcode
    box.setChecked(True)
    model = box.picker.model
    for row in range(model.rowCount()):
        on = model.item(row).data(Qt.ItemDataRole.UserRole) == MP4_720P
        model.item(row).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
    assert [p.name for p in box.picker.selected()] == [MP4_720P]
    app.server.faults.latency_ms = latency_ms  # only the upload is slow; the start is not
    dialog.upload_button.click()
    print(UPLOADING, flush=True)  # the test reads it
    await asyncio.Event().wait()  # the app keeps running; only SIGKILL ends it


def vanish_if_orphaned() -> None:
    """A guard thread: if the test is gone (new parent) or never kills us, just exit."""
    parent, deadline = os.getppid(), time.monotonic() + ORPHAN_AFTER
    while os.getppid() == parent and time.monotonic() < deadline:
        time.sleep(0.2)
    os._exit(3)


def main(argv: list[str]) -> int:
    base, clip = Path(argv[0]), Path(argv[1])
    latency_ms = int(argv[2]) if len(argv) > 2 else 600
    threading.Thread(target=vanish_if_orphaned, name="orphan-guard", daemon=True).start()
    keyring.set_keyring(MemoryKeyring())  # never the OS keychain
    qapp = QApplication([sys.argv[0]])
    qapp.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    loop.run_until_complete(upload_and_wait(base, clip, latency_ms))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
