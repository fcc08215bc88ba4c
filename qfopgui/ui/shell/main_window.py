"""The main window shell: toolbar, nav list, stacked views, banners, status bar. No business logic.

Other features add their views through `add_view()` and talk to the user through
`show_banner()` / `set_status()`; the Files view's selection drives `transcode_requested`.
The window is the `AccountsHost` of the accounts controller and follows its signals.
Closing it by hand (close button, Account → Quit) while jobs are active asks first; a close
from code (`close()`: the app's shutdown, the smoke test) never does.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from functools import partial
from urllib.parse import urlsplit

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QIcon
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from qfopgui.services.profiles import Profile
from qfopgui.ui.accounts.controller import AccountsController
from qfopgui.ui.accounts.names import short_name
from qfopgui.ui.context import AppContext
from qfopgui.ui.files.files_view import FilesView, error_text
from qfopgui.ui.shell.main_menus import MainMenus
from qfopgui.ui.shell.main_toolbar import MainToolbar
from qfopgui.ui.shell.quit_gate import ActiveJobs, Pending, QuitGate, Settle
from qfopgui.ui.shell.status_sections import StatusSections
from qfopgui.ui.shell.view_nav import NAV_KEY_ROLE, ViewNav
from qfopgui.ui.shell.welcome import WelcomePage
from qfopgui.ui.shell.window_state import restore_window_state, save_window_state
from qfopgui.ui.widgets.banner import BannerArea
from qfopgui.ui.widgets.confirm import confirm as default_confirm
from qfopgui.ui.widgets.icons import icon

log = logging.getLogger(__name__)

Confirm = Callable[[QWidget | None, str, str, str], Awaitable[bool]]
APP_TITLE = "qfopgui"


class MainWindow(QMainWindow):
    transcode_requested = Signal(str, list)  # bucket, keys
    profile_changed = Signal(str)
    refresh_requested = Signal()
    closed = Signal()
    banner_dismissed = Signal(str)  # key of a banner the user closed
    account_removed = Signal(str)  # name of an account the user removed

    def __init__(
        self,
        ctx: AppContext,
        *,
        active_jobs: ActiveJobs,
        confirm: Confirm | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.quit_gate = QuitGate(self, ctx.tasks, active_jobs)
        self._views: dict[str, QWidget] = {}
        self.setWindowTitle(APP_TITLE)
        self.setWindowIcon(icon("app"))
        self.resize(1100, 700)
        self.accounts = AccountsController(self, ctx, confirm or default_confirm, parent=self)
        self.accounts.profiles_changed.connect(self._profiles_changed)
        self.accounts.account_removed.connect(self.account_removed)
        self._build_toolbar()
        self._build_body()
        self._build_menus()
        self._files = FilesView(ctx)
        self._files.selection_changed.connect(self._update_actions)
        self._files.connection_changed.connect(self._connection_changed)
        self.add_view("files", self.tr("Files"), self._files, icon=icon("folder"))
        self.welcome = WelcomePage()
        self.welcome.add_account_clicked.connect(self.accounts.add_account)
        self.welcome.try_sandbox_clicked.connect(self.start_sandbox)
        self.stack.addWidget(self.welcome)
        restore_window_state(self, self.splitter, ctx.settings)
        self.reload_profiles()

    # -- building -------------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        self.toolbar = MainToolbar(self)
        self.addToolBar(self.toolbar)
        self.profile_combo = self.toolbar.profile_combo
        self.profile_combo.currentIndexChanged.connect(self._combo_changed)
        self.account_button = self.toolbar.account_button
        self.refresh_action = self.toolbar.refresh_action
        self.refresh_action.triggered.connect(self.refresh)
        self.transcode_action = self.toolbar.transcode_action
        self.transcode_action.triggered.connect(self._transcode)

    def _build_body(self) -> None:
        self.nav = QListWidget()
        self.nav.setObjectName("main_nav")
        self.nav.setAccessibleName(self.tr("Views"))
        self.nav.setIconSize(QSize(18, 18))
        self.nav.setMaximumWidth(200)
        self.nav.setMinimumWidth(120)
        self.nav.currentItemChanged.connect(self._nav_changed)
        self.view_nav = ViewNav(self.nav, self, self.show_view)
        self.stack = QStackedWidget()
        self.banners = BannerArea()
        self.banners.dismissed.connect(self.banner_dismissed)
        content = QWidget()
        col = QVBoxLayout(content)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(self.stack, 1)
        col.addWidget(self.banners)  # below: showing or hiding one never moves a view's rows
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(content)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([150, 950])
        self.setCentralWidget(self.splitter)
        self.statusBar().setSizeGripEnabled(True)
        self.status_sections = StatusSections(self.statusBar())
        self.connection_dot = self.status_sections.connection_dot

    def _build_menus(self) -> None:
        m = self.menus = MainMenus(self.menuBar(), self)
        self.account_menu, self.add_account_action = m.account_menu, m.add_account_action
        self.edit_account_action, self.delete_account_action = (
            m.edit_account_action,
            m.delete_account_action,
        )
        self.sandbox_action, self.quit_action = m.sandbox_action, m.quit_action
        self.quit_action.triggered.connect(self.request_quit)
        self.account_button.setMenu(self.account_menu)
        self.add_account_action.triggered.connect(self.accounts.add_account)
        self.edit_account_action.triggered.connect(self.accounts.edit_current)
        self.delete_account_action.triggered.connect(self.accounts.remove_current)
        self.sandbox_action.triggered.connect(self.start_sandbox)
        m.open_logs_action.triggered.connect(self.open_log_folder)

    # -- public API for features ----------------------------------------------------------------
    @property
    def files_view(self) -> FilesView:
        return self._files

    def add_view(self, key: str, title: str, widget: QWidget, *, icon: QIcon | None = None) -> None:
        """Add a view to the nav and the stack; Ctrl+N follows nav order (N = 1…9)."""
        if key in self._views:
            raise ValueError(f"view {key!r} already added")
        self._views[key] = widget
        self.stack.addWidget(widget)
        self.view_nav.add(key, title, icon)

    def set_primary_widget(self, key: str, widget: QWidget) -> None:
        """The view's primary action, shown on the toolbar while the view is current."""
        self.toolbar.primary.add(key, widget)
        self.toolbar.primary.show_for(self.current_view())

    def views(self) -> list[str]:
        return list(self._views)

    def show_view(self, key: str) -> None:
        if key not in self._views:
            raise KeyError(key)
        self.view_nav.select(key)
        if self.ctx.profiles.list():
            self.stack.setCurrentWidget(self._views[key])
        self.toolbar.primary.show_for(key if self.ctx.profiles.list() else None)
        self._update_actions()

    def current_view(self) -> str | None:
        return self.view_nav.current()

    def set_nav_badge(self, key: str, text: str) -> None:
        self.view_nav.set_badge(key, text)

    def show_banner(
        self,
        key: str,
        text: str,
        *,
        level: str = "info",
        action_text: str | None = None,
        action: Callable[[], object] | None = None,
    ) -> None:
        self.banners.show_banner(key, text, level=level, action_text=action_text, action=action)

    def hide_banner(self, key: str) -> None:
        self.banners.hide_banner(key)

    def add_banner_button(
        self, key: str, text: str, action: Callable[[], object], *, name: str = ""
    ) -> None:
        """One more button on the banner shown under `key` (no such banner: nothing)."""
        banner = self.banners.banner(key)
        if banner is not None:
            banner.add_button(text, action, name=name)

    def set_status(self, section: str, text: str) -> None:
        """One label per section in the status bar, created on first use, in that order."""
        self.status_sections.set(section, text)

    def set_connection(self, state: str, text: str) -> None:
        """The connection words, after a dot coloured by `state` (connected/connecting/error)."""
        self.status_sections.set_connection(state, text)

    def status_text(self, section: str) -> str:
        return self.status_sections.text(section)

    def current_profile(self) -> Profile | None:
        return self._files.current_profile()

    def dialog_parent(self) -> QWidget:
        """The widget features parent their dialogs to (window-modal on this window)."""
        return self

    # -- profiles ---------------------------------------------------------------------------------
    def profile_label(self, p: Profile, *, short: bool = False) -> str:
        """The account as "Name · region/host"; `short` shortens a long name (for sentences)."""
        if p.is_sandbox:
            where = self.tr("on this computer")
        elif p.hosts:
            base = p.hosts.get("base") or next(iter(p.hosts.values()), "")
            where = urlsplit(base).netloc or base
        else:
            where = p.region
        return f"{short_name(p.name) if short else p.name} · {where}"

    def _profiles_changed(self, select: str) -> None:
        """The accounts controller saved or removed an account."""
        self.reload_profiles(select=select or None)

    def _update_account_actions(self) -> None:
        """Edit/Remove act on the account on screen; the Sandbox can't be removed."""
        profile = self.current_profile()
        self.menus.update_account(profile, self.accounts.can_remove(profile))
        title = f"{short_name(profile.name)} — {APP_TITLE}" if profile is not None else APP_TITLE
        self.setWindowTitle(title)

    def reload_profiles(self, select: str | None = None) -> None:
        """Refill the combo; show the welcome page when there is no account."""
        profiles = self.ctx.profiles.list()
        current = self.ctx.profiles.current
        target = select or (current.name if current else None)
        if target is None and profiles:
            target = profiles[0].name
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        for p in profiles:
            label = self.profile_label(p)
            self.profile_combo.addItem(icon("sandbox") if p.is_sandbox else QIcon(), label, p.name)
            self.profile_combo.setItemData(
                self.profile_combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole
            )
        idx = self.profile_combo.findData(target) if target else -1
        self.profile_combo.setCurrentIndex(idx)
        self.profile_combo.blockSignals(False)
        self.profile_combo.update_tooltip()
        has = bool(profiles)
        for w in (self.profile_combo, self.refresh_action):
            w.setEnabled(has)
        self.nav.setVisible(has)
        if not has:
            self.stack.setCurrentWidget(self.welcome)
            self.toolbar.primary.show_for(None)
            self._files.set_profile(None)
            self._update_actions()
            self._update_account_actions()
            return
        self._update_account_actions()
        if self.stack.currentWidget() is self.welcome or self.nav.currentItem() is None:
            self.show_view(self.current_view() or "files")
        shown = self._files.current_profile()
        if target and (
            shown is None or shown.name != target or self.ctx.profiles.get(target) != shown
        ):
            self.select_profile(target)

    def _combo_changed(self, index: int) -> None:
        name = self.profile_combo.itemData(index)
        if name:
            self.select_profile(name)

    def select_profile(self, name: str) -> None:
        """Switch account (starts the sandbox first when it is a sandbox account)."""
        self.ctx.tasks.start_load(self._activate(name), name="window:profile")

    async def _activate(self, name: str) -> None:
        profile = self.ctx.profiles.get(name)
        if profile is None:
            return
        if self.ctx.profiles.current is None or self.ctx.profiles.current.name != name:
            self.ctx.profiles.set_current(name)
        if profile.is_sandbox:
            self.set_connection("connecting", self.tr("Starting the sandbox…"))
            try:
                profile = await self.ctx.sandbox.ensure_profile(name)
            except Exception as exc:  # noqa: BLE001 - shown as a banner with Retry
                self.set_connection("", "")
                self.show_banner(
                    "sandbox",
                    self.tr("The sandbox could not start: %1").replace("%1", error_text(exc)),
                    level="error",
                    action_text=self.tr("Retry"),
                    action=partial(self.select_profile, name),
                )
                return
            self.hide_banner("sandbox")
        label = self.profile_label(profile, short=True)
        self.set_connection("connecting", self.tr("Connecting to %1…").replace("%1", label))
        self._files.set_profile(profile)
        self._update_actions()
        self._update_account_actions()
        self.profile_changed.emit(name)

    def _connection_changed(self, ok: bool, message: str) -> None:
        profile = self._files.current_profile()
        label = self.profile_label(profile, short=True) if profile else ""
        if ok:
            self.set_connection("connected", self.tr("Connected: %1").replace("%1", label))
        else:
            self.set_connection("error", self.tr("Not connected: %1").replace("%1", message))

    def start_sandbox(self) -> None:
        self.ctx.tasks.start(self._start_sandbox(), name="window:sandbox")

    async def _start_sandbox(self) -> None:
        self.welcome.set_busy(True, self.tr("Starting the sandbox…"))
        try:
            profile = await self.ctx.sandbox.ensure_profile()
        except Exception as exc:  # noqa: BLE001
            self.show_banner(
                "sandbox",
                self.tr("The sandbox could not start: %1").replace("%1", error_text(exc)),
                level="error",
                action_text=self.tr("Retry"),
                action=self.start_sandbox,
            )
            return
        finally:
            self.welcome.set_busy(False)
        self.ctx.profiles.set_current(profile.name)
        self.reload_profiles(select=profile.name)

    # -- actions ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._files.refresh()
        self.refresh_requested.emit()

    def _transcode(self) -> None:
        bucket, keys = self._files.current_bucket(), self._files.selected_keys()
        if bucket and keys:
            self.transcode_requested.emit(bucket, keys)

    def _update_actions(self) -> None:
        n = len(self._files.selected_keys()) if self._files.current_bucket() else 0
        self.transcode_action.setEnabled(n > 0)
        self.toolbar.set_transcode_count(n)

    def _nav_changed(self, item: QListWidgetItem | None, _prev: object = None) -> None:
        if item is not None:
            self.show_view(item.data(NAV_KEY_ROLE))

    def open_log_folder(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.paths.log_dir)))

    def task_failed(self, exc: BaseException, name: str) -> None:
        """TaskOwner's error route: unexpected failures become a banner (details in the log)."""
        self.show_banner(
            "task-error",
            self.tr("Something went wrong (%1): %2")
            .replace("%1", name)
            .replace("%2", error_text(exc)),
            level="error",
            action_text=self.tr("Open log folder"),
            action=self.open_log_folder,
        )

    def save_state(self) -> None:
        save_window_state(self, self.splitter, self.ctx.settings, self.current_view() or "files")

    # -- quitting ---------------------------------------------------------------------------------
    def request_quit(self) -> None:
        """Account → Quit (Ctrl+Q): offer to save unsaved work, ask when jobs are active."""
        if not self.quit_gate.ask(self.close):
            self.close()

    def add_close_guard(self, pending: Pending, settle: Settle) -> None:
        """A feature with unsaved work: ``settle()`` asks and returns False to stay open."""
        self.quit_gate.add_guard(pending, settle)

    def closeEvent(self, event: QCloseEvent) -> None:
        # spontaneous: the window system (close button, Alt+F4, logout); close() from code is not
        if event.spontaneous() and self.quit_gate.ask(self.close):
            event.ignore()
            return
        self.save_state()
        super().closeEvent(event)
        self.closed.emit()
