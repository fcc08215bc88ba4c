"""Account menu: its actions reach the accounts controller, and the Sandbox can't be removed."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from qfopgui.services.profiles import Profile
from qfopgui.ui.accounts.account_dialog import AccountDialog
from qfopgui.ui.shell.main_window import MainWindow
from tests.gui.appfakes import FakeClient, make_ctx
from tests.gui.shell.conftest import run_window
from tests.helpers.aio import wait_until

pytestmark = pytest.mark.gui


class Confirm:
    """Records each question and answers with `answer`."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[str] = []

    async def __call__(self, _parent: Any, _title: str, text: str, _ok: str) -> bool:
        self.asked.append(text)
        return self.answer


def sandbox_ctx(tmp_path: Path) -> Any:
    ctx = make_ctx(tmp_path, FakeClient(), profiles=[(Profile("A", "ak"), "sk")])
    ctx.profiles.upsert(Profile("Sandbox", "x", hosts={"base": "http://old"}, is_sandbox=True))
    return ctx


def test_remove_account_is_disabled_for_the_sandbox_and_says_why(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path
) -> None:
    ctx = sandbox_ctx(tmp_path)
    ctx.profiles.set_current("Sandbox")
    confirm = Confirm(True)

    async def body(w: MainWindow) -> None:
        await wait_until(lambda: (p := w.current_profile()) is not None and p.is_sandbox)
        action = w.delete_account_action
        assert not action.isEnabled()
        assert action.toolTip() == "The Sandbox account is built in and can't be removed."
        assert w.account_menu.toolTipsVisible()
        assert w.edit_account_action.isEnabled()
        # and when called directly, the controller refuses with a message
        assert await w.accounts.remove("Sandbox") is False
        banner = w.banners.banner("accounts")
        assert banner is not None
        assert "can't be removed" in banner.text
        assert "Sandbox" in ctx.profiles
        assert confirm.asked == []
        # another account can be removed: the action comes back, naming it
        w.profile_combo.setCurrentIndex(w.profile_combo.findData("A"))
        await wait_until(lambda: (p := w.current_profile()) is not None and p.name == "A")
        assert action.isEnabled()
        assert action.toolTip() == "Remove “A” from this computer"

    run_window(qloop, qtbot, ctx, body, confirm=confirm)


def test_menu_actions_run_the_account_flows_on_the_account_on_screen(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path
) -> None:
    ctx = sandbox_ctx(tmp_path)
    ctx.profiles.set_current("A")
    confirm = Confirm(True)
    removed: list[str] = []

    async def body(w: MainWindow) -> None:
        w.account_removed.connect(removed.append)
        await wait_until(lambda: (p := w.current_profile()) is not None and p.name == "A")
        w.edit_account_action.trigger()
        await wait_until(lambda: any(d.isVisible() for d in w.findChildren(AccountDialog)))
        (dialog,) = [d for d in w.findChildren(AccountDialog) if d.isVisible()]
        assert dialog.original_name == "A"
        assert dialog.name_edit.text() == "A"
        assert dialog.windowTitle() == "Edit account"
        dialog.reject()
        await wait_until(lambda: not dialog.isVisible())
        w.add_account_action.trigger()
        await wait_until(lambda: any(d.isVisible() for d in w.findChildren(AccountDialog)))
        (dialog,) = [d for d in w.findChildren(AccountDialog) if d.isVisible()]
        assert dialog.original_name is None
        dialog.reject()
        await wait_until(lambda: not dialog.isVisible())
        w.delete_account_action.trigger()
        await wait_until(lambda: "A" not in ctx.profiles)
        assert len(confirm.asked) == 1
        assert "“A”" in confirm.asked[0]
        assert removed == ["A"]
        # the window followed the controller's profiles_changed: only the Sandbox is left
        await wait_until(lambda: w.profile_combo.count() == 1)
        assert w.profile_combo.itemData(0) == "Sandbox"

    run_window(qloop, qtbot, ctx, body, confirm=confirm)
