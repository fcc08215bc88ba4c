"""Hostile keys through Files → Copy links / Export links… in the real app on the real sandbox:
the clipboard holds exactly one line per link, each URL fetches exactly its object (public and
private buckets; decoys sit where a normalised path would land), and the CSV cells that a
spreadsheet would run as formulas are neutralised."""

from __future__ import annotations

import asyncio
import csv
from pathlib import Path
from typing import Any

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from tests.helpers.aio import wait_until
from tests.integration.app_harness import new_basedir, open_folder, running_app, select_files

pytestmark = [pytest.mark.integration, pytest.mark.gui]

PUBLIC, PRIVATE = "demo", "demo-private"
AT_ROOT = [
    "new\nline.mp4",
    "tab\there.txt",
    "=cmd|'calc'!A0.txt",  # no slash: it stays a file at the root
    "+1+2.txt",
    "-minus.txt",
    "@at.txt",
    "%2F.txt",
    "a%2Fb.txt",
    "%2e%2e.txt",
    "😀 party.mp4",
    "cr\rhere.txt",
]
IN_DOTDOT = ["../x.mp4"]  # the Files view shows it in the folder "../"
DECOYS = ["x.mp4", "b.txt"]  # where "../x.mp4" or a decoded "a%2Fb" would land instead


def content(bucket: str, key: str) -> bytes:
    return f"object {key!r} in {bucket}".encode()


def fetch(url: str) -> tuple[int, bytes]:
    resp = requests.get(url, timeout=10)
    return resp.status_code, resp.content


async def copy_selection(app: Any, *, private: bool) -> list[str]:
    """Ctrl+Shift+C on the Files table; for a private bucket, answer the expiry question."""
    flow = app.feature.link_flow
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    # offscreen has no window manager to give the window back its focus after a dialog
    app.window.activateWindow()
    await wait_until(app.window.isActiveWindow, timeout=5)
    table = app.files.table
    table.setFocus()
    QTest.keyClick(
        table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    if private:
        await wait_until(lambda: flow.dialog is not None and flow.dialog.isVisible(), timeout=5)
        assert flow.dialog.expiry_combo is not None
        flow.dialog.ok_button.click()
    await wait_until(lambda: clipboard.text() != "", timeout=10)
    return clipboard.text().split("\n")


async def check_fetched(bucket: str, keys: list[str], lines: list[str]) -> None:
    assert len(lines) == len(keys)  # exactly one line per link, whatever the keys hold
    assert sorted(keys) == sorted(AT_ROOT) or keys == IN_DOTDOT
    loop = asyncio.get_running_loop()
    got = await asyncio.gather(*(loop.run_in_executor(None, fetch, u) for u in lines))
    for key, url, (status, body) in zip(keys, lines, got, strict=True):
        assert all(c.isprintable() and not c.isspace() for c in url), url
        assert status == 200, (key, url)
        assert body == content(bucket, key), (key, url)


def test_copy_and_export_links_of_hostile_keys(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, seeded_sandbox_dir: Path
) -> None:
    base = new_basedir(seeded_sandbox_dir, tmp_path / "app")
    csv_path = tmp_path / "links.csv"

    async def scenario() -> None:
        async with running_app(base) as app:
            await wait_until(lambda: app.servers and app.ctx.sandbox.running, timeout=30)
            for bucket in (PUBLIC, PRIVATE):
                for key in AT_ROOT + IN_DOTDOT + DECOYS:
                    app.server.storage.put_bytes(bucket, key, content(bucket, key))
            for bucket in (PUBLIC, PRIVATE):
                await open_folder(app, bucket, "")
                select_files(app, AT_ROOT)
                lines = await copy_selection(app, private=bucket == PRIVATE)
                await check_fetched(bucket, app.files.selected_keys(), lines)  # table order
                if bucket == PRIVATE:
                    assert all("token=" in u for u in lines)
            await open_folder(app, PUBLIC, "../")
            select_files(app, IN_DOTDOT)
            await check_fetched(PUBLIC, IN_DOTDOT, await copy_selection(app, private=False))

            await open_folder(app, PUBLIC, "")
            select_files(app, AT_ROOT)
            menu = app.rt.features.files_menu

            async def chosen(_suggested: str) -> Path:
                return csv_path

            app.feature.link_flow.choose_export_path = chosen
            menu.export_links_action.trigger()
            await wait_until(csv_path.exists, timeout=10)
            status = app.window.status_text("files-action")
            assert status == f"Exported {len(AT_ROOT)} links to links.csv"

    qloop.run_until_complete(scenario())
    with open(csv_path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["source_bucket", "source", "preset", "output_bucket", "output", "url"]
    by_key = {}
    for row in rows[1:]:
        assert row[3] == PUBLIC
        by_key[row[4]] = row[5]
    expected = {("'" + k if k[0] in "=+-@\t\r" else k) for k in AT_ROOT}
    assert set(by_key) == expected  # formulas neutralised; newline and tab kept inside quotes
    assert all(not url.startswith(("=", "+", "-", "@")) for url in by_key.values())
