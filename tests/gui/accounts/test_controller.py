"""The accounts controller against a small host (no main window): it reports changes as
signals, refuses to remove the Sandbox, and its module does not import the window."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from qfopgui.services.profiles import Profile
from qfopgui.services.secrets import SERVICE
from qfopgui.ui.accounts.account_dialog import AccountDialog
from qfopgui.ui.accounts.controller import AccountsController
from qfopgui.ui.accounts.host import AccountsHost
from tests.gui.appfakes import make_ctx
from tests.gui.test_account_dialog import AK, SK
from tests.helpers.aio import wait_until
from tests.helpers.memory_keyring import MemoryKeyring

pytestmark = pytest.mark.gui


class Host:
    """An `AccountsHost`: one widget to parent dialogs to, banners kept in a dict."""

    def __init__(self, profile: Profile | None = None) -> None:
        self.profile = profile
        self.widget = QWidget()
        self.banners: dict[str, str] = {}

    def current_profile(self) -> Profile | None:
        return self.profile

    def dialog_parent(self) -> QWidget:
        return self.widget

    def show_banner(
        self,
        key: str,
        text: str,
        *,
        level: str = "info",
        action_text: str | None = None,
        action: Callable[[], object] | None = None,
    ) -> None:
        self.banners[key] = text

    def hide_banner(self, key: str) -> None:
        self.banners.pop(key, None)


async def yes(_parent: Any, _title: str, _text: str, _ok: str) -> bool:
    return True


def controller(qtbot: Any, ctx: Any, host: Host) -> AccountsController:
    typed: AccountsHost = host  # the fake really is an AccountsHost (mypy checks this line)
    qtbot.addWidget(host.widget)
    return AccountsController(typed, ctx, yes)


def test_save_and_remove_emit_signals(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    ctx = make_ctx(tmp_path)
    host = Host()
    accounts = controller(qtbot, ctx, host)
    changed: list[str] = []
    removed: list[str] = []
    accounts.profiles_changed.connect(changed.append)
    accounts.account_removed.connect(removed.append)

    async def scenario() -> None:
        await accounts.save(Profile("Prod", AK), SK)
        assert changed == ["Prod"]
        assert memory_keyring.store[(SERVICE, "Prod")] == SK
        assert await accounts.remove("Prod") is True
        assert removed == ["Prod"]
        assert changed == ["Prod", ""]
        await ctx.tasks.shutdown()

    qloop.run_until_complete(scenario())
    assert (SERVICE, "Prod") not in memory_keyring.store


def test_the_add_dialog_is_parented_to_the_host_and_saves_through_signals(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path
) -> None:
    ctx = make_ctx(tmp_path)
    host = Host()
    host.widget.show()
    accounts = controller(qtbot, ctx, host)
    changed: list[str] = []
    accounts.profiles_changed.connect(changed.append)

    async def scenario() -> None:
        accounts.add_account()
        await wait_until(
            lambda: any(d.isVisible() for d in host.widget.findChildren(AccountDialog))
        )
        (d,) = host.widget.findChildren(AccountDialog)
        qtbot.keyClicks(d.name_edit, "sandbox")  # the Sandbox's name, not yet taken
        assert "built-in practice account" in d.field_message("name")
        d.name_edit.clear()
        qtbot.keyClicks(d.name_edit, "Prod")
        qtbot.keyClicks(d.ak_edit, AK)
        qtbot.keyClicks(d.sk_edit, SK)
        d.save_button.click()
        await wait_until(lambda: changed == ["Prod"])
        await ctx.tasks.shutdown()

    qloop.run_until_complete(scenario())
    assert ctx.profiles.names() == ["Prod"]


def test_the_sandbox_is_never_removed_even_when_asked_directly(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path
) -> None:
    ctx = make_ctx(tmp_path)
    sandbox = Profile("Sandbox", "x", hosts={"base": "http://127.0.0.1:1"}, is_sandbox=True)
    ctx.profiles.upsert(sandbox)
    host = Host(sandbox)
    accounts = controller(qtbot, ctx, host)
    removed: list[str] = []
    accounts.account_removed.connect(removed.append)
    assert not accounts.can_remove(sandbox)

    async def scenario() -> bool:
        try:
            return await accounts.remove("Sandbox")
        finally:
            await ctx.tasks.shutdown()

    assert qloop.run_until_complete(scenario()) is False
    assert "Sandbox" in ctx.profiles
    assert removed == []
    assert "can't be removed" in host.banners["accounts"]


def test_the_controller_does_not_import_the_main_window() -> None:
    code = (
        "import sys, qfopgui.ui.accounts.controller\n"
        "print('qfopgui.ui.shell.main_window' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.strip() == "False"
