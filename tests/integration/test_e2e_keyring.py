"""Acceptance: with no keyring backend the app still works, and a SecretKey never hits the disk.

keyring's "fail" backend is what a machine without Secret Service/Keychain gets. The account
is added through the real account dialog; the sandbox is given that account's key pair as an
extra credential (in memory only), so listing buckets proves the session-held key is used.
"""

from __future__ import annotations

import asyncio
import base64
import secrets
from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtWidgets import QDialogButtonBox

from qfopgui.ui.accounts.account_dialog import AccountDialog
from tests.helpers.aio import wait_until
from tests.integration.app_harness import CLIP_720P, DEMO, new_basedir, open_folder, running_app

pytestmark = [pytest.mark.integration, pytest.mark.gui, pytest.mark.slow]

ACCOUNT = "Team media"
ACCESS_KEY = "e2e-team-ak-0123456789"  # the dialog accepts 20–128 key characters


def test_no_keyring_keeps_key_for_the_session_and_off_disk(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, seeded_sandbox_dir: Path
) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())  # the autouse fixture restores it
    secret_key = "e2eSK-" + secrets.token_urlsafe(30)
    base = new_basedir(seeded_sandbox_dir, tmp_path / "app")

    async def scenario() -> dict[str, Any]:
        extra = [(ACCESS_KEY, secret_key)]  # the sandbox knows the account's key pair
        async with running_app(base, extra_credentials=extra) as app:
            window = app.window
            await wait_until(lambda: window.banners.banner("keyring") is not None, timeout=10)
            await wait_until(lambda: app.ctx.sandbox.running, timeout=30)
            window.accounts.add_account()
            await wait_until(lambda: (d := window.findChild(AccountDialog)) and d.isVisible())
            dialog = window.findChild(AccountDialog)
            storage_hint = dialog.storage_label.text()
            dialog.name_edit.setText(ACCOUNT)
            dialog.ak_edit.setText(ACCESS_KEY)
            dialog.sk_edit.setText(secret_key)
            dialog.custom_radio.setChecked(True)
            dialog.base_edit.setText(app.ctx.sandbox.base_url)
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
            await wait_until(
                lambda: (p := window.current_profile()) is not None and p.name == ACCOUNT,
                timeout=10,
            )
            # the session-held key lists the buckets and the files of the new account
            await open_folder(app, DEMO, "videos/", timeout=30)
            fv = app.files
            return {
                "storage_hint": storage_hint,
                "banner": window.banners.banner("keyring").text,
                "available": app.ctx.secrets.available,
                "session_key": app.ctx.secrets.get(ACCOUNT),
                "buckets": [
                    fv.bucket_list.item(i).text().split("\n")[0]  # line 2: the region
                    for i in range(fv.bucket_list.count())
                ],
                "videos": [fv.model.key_at(r) for r in range(fv.model.rowCount())],
                "profile": window.current_profile(),
                "status": window.status_text("connection"),
            }

    got = qloop.run_until_complete(scenario())
    assert "session only" in got["storage_hint"]
    assert got["banner"] == "Secure storage isn't available; keys are kept for this session only."
    assert got["available"] is False
    assert got["session_key"] == secret_key
    assert got["profile"].access_key == ACCESS_KEY
    assert got["profile"].hosts
    assert not got["profile"].is_sandbox
    assert DEMO in got["buckets"]
    assert CLIP_720P in got["videos"]
    assert "Connected" in got["status"]

    # every file the app wrote (config, data with the sandbox, logs, cache), byte for byte
    files = [f for f in base.rglob("*") if f.is_file()]
    profiles = base / "config" / "profiles.json"
    assert profiles in files
    assert ACCESS_KEY.encode() in profiles.read_bytes()
    assert any(f.parent.name == "logs" for f in files)
    needles = [secret_key.encode(), base64.b64encode(secret_key.encode())]
    leaks = [str(f) for f in files for n in needles if n in f.read_bytes()]
    assert not leaks, f"the SecretKey was written to {leaks}"
