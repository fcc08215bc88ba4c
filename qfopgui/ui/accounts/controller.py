"""Account flows behind the toolbar and welcome page: add, edit, remove, and the keyring banner.

Profiles JSON is written on the Qt thread (a tiny file); every keyring call goes through
`ctx.run_keyring`. When the keyring fails, keys stay in memory and a banner says so, with Retry.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from qfopgui.services.profiles import Profile
from qfopgui.ui.background import run_dialog
from qfopgui.ui.context import AppContext
from qfopgui.ui.accounts.account_dialog import AccountDialog

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from qfopgui.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)

Confirm = Callable[["QWidget | None", str, str, str], Awaitable[bool]]
KEYRING_BANNER = "keyring"


class AccountsController(QObject):
    """Owns no widgets of its own: opens dialogs and updates the window and the stores."""

    def __init__(self, window: MainWindow, ctx: AppContext, confirm: Confirm) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.confirm = confirm

    # -- entry points (slots) ---------------------------------------------------------------------
    def add_account(self) -> None:
        self.ctx.tasks.start(self.run_account_dialog(None), name="accounts:dialog")

    def edit_account(self, name: str | None = None) -> None:
        profile = self.ctx.profiles.get(name) if name else self.window.current_profile()
        if profile is not None:
            self.ctx.tasks.start(self.run_account_dialog(profile), name="accounts:dialog")

    def delete_account(self, name: str | None = None) -> None:
        profile = self.ctx.profiles.get(name) if name else self.window.current_profile()
        if profile is not None:
            self.ctx.tasks.start(self.remove(profile.name), name="accounts:delete")

    # -- flows ------------------------------------------------------------------------------------
    def make_dialog(self, profile: Profile | None) -> AccountDialog:
        return AccountDialog(
            make_client=self.ctx.clients.make_client,
            run_blocking=self.ctx.run_blocking,
            start_task=self.ctx.tasks.start,
            existing_names=self.ctx.profiles.names(),
            profile=profile,
            secure_storage=self.ctx.secrets.available,
            parent=self.window,
        )

    async def run_account_dialog(self, profile: Profile | None) -> None:
        dialog = self.make_dialog(profile)
        try:
            if await run_dialog(dialog) != QDialog.DialogCode.Accepted:
                return
            new = dialog.profile()
            if profile is not None:  # keep what the dialog does not edit
                new = replace(
                    new,
                    is_sandbox=profile.is_sandbox,
                    pipelines=profile.pipelines,
                    default_pipeline=profile.default_pipeline,
                )
            await self.save(new, dialog.secret(), rename_from=dialog.original_name)
        finally:
            dialog.deleteLater()

    async def save(
        self, profile: Profile, secret: str | None, *, rename_from: str | None = None
    ) -> None:
        """Write the profile (no secret), then the SecretKey to the keyring, then switch to it."""
        ctx = self.ctx
        old = rename_from if rename_from and rename_from != profile.name else None
        ctx.profiles.upsert(profile, rename_from=rename_from)
        secrets = ctx.secrets
        if old is not None:
            kept = secret

            def move() -> None:
                value = kept or secrets.get(old)
                if value:
                    secrets.set(profile.name, value)
                secrets.delete(old)

            await ctx.run_keyring(move)
            ctx.clients.forget(old)
        elif secret:
            await ctx.run_keyring(lambda: secrets.set(profile.name, secret))
        if secret:
            ctx.clients.remember_secret(profile.name, secret)
        ctx.clients.invalidate(profile.name)
        self.update_keyring_banner()
        ctx.profiles.set_current(profile.name)
        self.window.reload_profiles(select=profile.name)

    async def remove(self, name: str) -> bool:
        """Ask, then delete the profile and its keyring entry."""
        ok = await self.confirm(
            self.window,
            self.tr("Remove account"),
            self.tr(
                "Remove the account “%1” from this computer? Its SecretKey is deleted from "
                "secure storage. Nothing changes in your Qiniu account."
            ).replace("%1", name),
            self.tr("Remove"),
        )
        if not ok:
            return False
        self.ctx.profiles.delete(name)
        secrets = self.ctx.secrets
        await self.ctx.run_keyring(lambda: secrets.delete(name))
        self.ctx.clients.forget(name)
        self.window.reload_profiles()
        return True

    # -- secure storage ---------------------------------------------------------------------------
    async def check_secure_storage(self) -> bool:
        """Probe the keyring once (off the Qt thread) and show the banner if it is unusable."""
        await self.ctx.run_keyring(self.ctx.secrets.probe)
        self.update_keyring_banner()
        return bool(self.ctx.secrets.available)

    def update_keyring_banner(self) -> None:
        if self.ctx.secrets.available:
            self.window.hide_banner(KEYRING_BANNER)
            return
        self.window.show_banner(
            KEYRING_BANNER,
            self.tr("Secure storage isn't available; keys are kept for this session only."),
            level="warning",
            action_text=self.tr("Retry"),
            action=self.retry_secure_storage,
        )

    def retry_secure_storage(self) -> None:
        async def retry() -> None:
            await self.ctx.run_keyring(self.ctx.secrets.retry)
            self.update_keyring_banner()

        self.ctx.tasks.start(retry(), name="accounts:keyring-retry")
