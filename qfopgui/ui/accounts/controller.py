"""Account flows behind the toolbar and welcome page: add, edit, remove, and the keyring banner.

Profiles JSON is written on the Qt thread (a tiny file); every keyring call goes through
`ctx.run_keyring`. When the keyring fails, keys stay in memory and a banner says so, with Retry.
The controller knows its window only as an `AccountsHost` and reports changes as signals:
`profiles_changed(name to select, "" for any)` and `account_removed(name)`.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from qfopgui.services.profiles import Profile
from qfopgui.services.sandbox_manager import PROFILE_NAME as SANDBOX_NAME
from qfopgui.ui.accounts.account_dialog import AccountDialog
from qfopgui.ui.accounts.host import AccountsHost
from qfopgui.ui.accounts.names import short_name
from qfopgui.ui.background import run_dialog
from qfopgui.ui.context import AppContext

log = logging.getLogger(__name__)

Confirm = Callable[[QWidget | None, str, str, str], Awaitable[bool]]
KEYRING_BANNER = "keyring"
ACCOUNTS_BANNER = "accounts"


class AccountsController(QObject):
    """Owns no widgets of its own: opens dialogs, updates the stores, emits what changed."""

    profiles_changed = Signal(str)  # the account to select ("" when any will do)
    account_removed = Signal(str)  # its name, after the profile and its key are gone

    def __init__(
        self,
        host: AccountsHost,
        ctx: AppContext,
        confirm: Confirm,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.ctx = ctx
        self.confirm = confirm

    # -- entry points (slots) ---------------------------------------------------------------------
    def add_account(self) -> None:
        self.ctx.tasks.start(self.run_account_dialog(None), name="accounts:dialog")

    def edit_current(self) -> None:
        profile = self.host.current_profile()
        if profile is not None:
            self.edit_account(profile.name)

    def edit_account(self, name: str) -> None:
        profile = self.ctx.profiles.get(name)
        if profile is not None:
            self.ctx.tasks.start(self.run_account_dialog(profile), name="accounts:dialog")

    def remove_current(self) -> None:
        profile = self.host.current_profile()
        if profile is not None:
            self.ctx.tasks.start(self.remove(profile.name), name="accounts:delete")

    @staticmethod
    def can_remove(profile: Profile | None) -> bool:
        """The built-in Sandbox account stays (it is re-created on every start anyway)."""
        return profile is not None and not profile.is_sandbox

    # -- flows ------------------------------------------------------------------------------------
    def make_dialog(self, profile: Profile | None) -> AccountDialog:
        profiles = self.ctx.profiles
        has_sandbox = any(p.is_sandbox for p in profiles.list())
        return AccountDialog(
            make_client=self.ctx.clients.make_client,
            run_blocking=self.ctx.run_blocking,
            start_task=self.ctx.tasks.start,
            existing_names=profiles.names(),
            reserved_names=() if has_sandbox else (SANDBOX_NAME,),
            profile=profile,
            secure_storage=self.ctx.secrets.available,
            parent=self.host.dialog_parent(),
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
        self.profiles_changed.emit(profile.name)

    async def remove(self, name: str) -> bool:
        """Ask, then delete the profile and its keyring entry. The Sandbox is never removed."""
        profile = self.ctx.profiles.get(name)
        if profile is None:
            return False
        if not self.can_remove(profile):
            self.host.show_banner(
                ACCOUNTS_BANNER,
                self.tr(
                    "The Sandbox account is built in and can't be removed. It only uses this "
                    "computer; switch to another account in the toolbar instead."
                ),
                level="info",
            )
            return False
        ok = await self.confirm(
            self.host.dialog_parent(),
            self.tr("Remove account"),
            self.tr(
                "Remove the account “%1” from this computer? Its SecretKey is deleted from "
                "secure storage. Nothing changes in your Qiniu account."
            ).replace("%1", short_name(name)),
            self.tr("Remove"),
        )
        if not ok:
            return False
        self.ctx.profiles.delete(name)
        secrets = self.ctx.secrets
        await self.ctx.run_keyring(lambda: secrets.delete(name))
        self.ctx.clients.forget(name)
        self.account_removed.emit(name)
        self.profiles_changed.emit("")
        return True

    # -- secure storage ---------------------------------------------------------------------------
    async def check_secure_storage(self) -> bool:
        """Probe the keyring once (off the Qt thread) and show the banner if it is unusable."""
        await self.ctx.run_keyring(self.ctx.secrets.probe)
        self.update_keyring_banner()
        return bool(self.ctx.secrets.available)

    def update_keyring_banner(self) -> None:
        if self.ctx.secrets.available:
            self.host.hide_banner(KEYRING_BANNER)
            return
        self.host.show_banner(
            KEYRING_BANNER,
            self.tr("Secure storage isn't available; keys are kept for this session only."),
            level="warning",
            action_text=self.tr("Retry"),
            action=self.retry_secure_storage,
        )

    def retry_secure_storage(self) -> None:
        self.ctx.tasks.start(self._retry_secure_storage(), name="accounts:keyring-retry")

    async def _retry_secure_storage(self) -> None:
        await self.ctx.run_keyring(self.ctx.secrets.retry)
        self.update_keyring_banner()
