from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import keyring.backends.fail
import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel

from qfopgui.log import setup_logging, shutdown_logging
from qfopgui.services.profiles import Profile
from qfopgui.services.secrets import SERVICE, SecretStore
from qfopgui.ui.context import AppContext
from qfopgui.ui.shell.main_window import MainWindow
from tests.gui.appfakes import FakeClient, make_ctx, obj
from tests.helpers.aio import wait_signal, wait_until
from tests.helpers.memory_keyring import MemoryKeyring

pytestmark = pytest.mark.gui

SECRET = "SK-very-secret-0123456789abcdef"
ACCESS_KEY = "AK-of-this-test-0123456789abcdef0123456"


def media_client() -> FakeClient:
    return FakeClient(
        objects={"media": [obj("a.mp4", mime="video/mp4"), obj("b.jpg"), obj("dir/c.mp3")]}
    )


def run(
    qloop: asyncio.AbstractEventLoop,
    qtbot: Any,
    ctx: AppContext,
    body: Callable[[MainWindow], Coroutine[Any, Any, Any]],
    **kw: Any,
) -> Any:
    kw.setdefault("active_jobs", lambda: 0)

    async def scenario() -> Any:
        w = MainWindow(ctx, **kw)
        qtbot.addWidget(w)
        w.show()
        try:
            return await body(w)
        finally:
            await ctx.tasks.shutdown()

    return qloop.run_until_complete(scenario())


def test_welcome_page_when_there_are_no_profiles(qloop: Any, qtbot: Any, tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path)

    async def body(w: MainWindow) -> None:
        assert w.stack.currentWidget() is w.welcome
        assert not w.nav.isVisible()
        assert not w.transcode_action.isEnabled()
        assert w.welcome.add_button.isVisible()
        assert w.welcome.sandbox_button.isVisible()

    run(qloop, qtbot, ctx, body)


def test_try_the_sandbox_from_the_welcome_page(qloop: Any, qtbot: Any, tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path, media_client())

    async def body(w: MainWindow) -> None:
        w.welcome.sandbox_button.click()
        await wait_until(lambda: w.files_view.current_profile() is not None)
        assert w.files_view.current_profile().is_sandbox  # type: ignore[union-attr]
        assert w.stack.currentWidget() is w.files_view
        assert "Sandbox" in w.profile_combo.currentText()

    run(qloop, qtbot, ctx, body)
    assert ctx.sandbox.started >= 1  # ensure_profile is idempotent; activation may call it again


def test_save_account_stores_secret_in_keyring_and_opens_it(
    qloop: Any, qtbot: Any, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    ctx = make_ctx(tmp_path, media_client())

    async def body(w: MainWindow) -> None:
        await w.accounts.save(Profile("Prod", "AK", region="z1"), SECRET)
        await wait_until(lambda: w.files_view.model.rowCount() == 3)
        assert w.profile_combo.currentText() == "Prod · z1"
        assert w.stack.currentWidget() is w.files_view
        assert w.files_view.current_bucket() == "media"

    run(qloop, qtbot, ctx, body)
    assert memory_keyring.store[(SERVICE, "Prod")] == SECRET
    assert SECRET not in ctx.paths.profiles_file.read_text()
    made = ctx.client_maker.made  # type: ignore[attr-defined]
    assert made[0][0].secret_key == SECRET


def test_no_keyring_session_only_banner_and_no_secret_on_disk(
    qloop: Any, qtbot: Any, tmp_path: Path
) -> None:
    redactor = setup_logging(tmp_path / "logs")
    ctx = make_ctx(
        tmp_path,
        media_client(),
        secrets=SecretStore(keyring.backends.fail.Keyring()),
        on_secret=redactor.add_secret,
    )

    async def body(w: MainWindow) -> None:
        assert await w.accounts.check_secure_storage() is False
        banner = w.banners.banner("keyring")
        assert banner is not None
        assert banner.isVisible()
        assert "kept for this session only" in banner.text
        assert banner.action_button is not None
        assert banner.action_button.text() == "Retry"
        await w.accounts.save(Profile("Prod", "AK"), SECRET)
        await wait_until(lambda: w.files_view.model.rowCount() == 3)  # the key works this session
        import logging

        logging.getLogger("qfopgui.test").warning("would leak %s", SECRET)
        w.save_state()

    try:
        run(qloop, qtbot, ctx, body)
    finally:
        shutdown_logging()
    found = [
        p
        for d in (ctx.paths.config_dir, ctx.paths.data_dir, ctx.paths.log_dir, tmp_path / "logs")
        for p in d.rglob("*")
        if p.is_file() and SECRET.encode() in p.read_bytes()
    ]
    assert found == []
    assert (tmp_path / "logs" / "qfopgui.log").read_text().count("would leak ***") == 1


def test_switch_profiles_from_the_combo(qloop: Any, qtbot: Any, tmp_path: Path) -> None:
    ctx = make_ctx(
        tmp_path,
        media_client(),
        profiles=[(Profile("A", "ak-a"), "sk-a"), (Profile("B", "ak-b", region="z2"), "sk-b")],
    )
    ctx.profiles.set_current("A")

    async def body(w: MainWindow) -> None:
        await wait_until(lambda: w.files_view.current_profile() is not None)
        assert w.files_view.current_profile().name == "A"  # type: ignore[union-attr]
        assert w.current_view() == "files"  # nav selection matches the page shown
        assert w.stack.currentWidget() is w.files_view
        labels = [w.profile_combo.itemText(i) for i in range(w.profile_combo.count())]
        assert labels == ["A · z0", "B · z2"]
        waiter = asyncio.ensure_future(wait_signal(w.profile_changed))
        await asyncio.sleep(0)
        w.profile_combo.setCurrentIndex(1)
        assert await waiter == ("B",)
        assert w.current_profile().name == "B"  # type: ignore[union-attr]

    run(qloop, qtbot, ctx, body)
    assert ctx.profiles.current.name == "B"


def test_delete_asks_first_and_removes_keyring_entry(
    qloop: Any, qtbot: Any, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    ctx = make_ctx(tmp_path, media_client(), profiles=[(Profile("A", "ak"), "sk-a")])
    answers = [False, True]
    asked: list[str] = []

    async def confirm(_parent: Any, _title: str, text: str, _ok: str) -> bool:
        asked.append(text)
        return answers.pop(0)

    async def body(w: MainWindow) -> None:
        await wait_until(lambda: w.files_view.current_profile() is not None)
        assert await w.accounts.remove("A") is False
        assert "A" in ctx.profiles
        assert (SERVICE, "A") in memory_keyring.store
        assert await w.accounts.remove("A") is True
        assert "A" not in ctx.profiles
        assert (SERVICE, "A") not in memory_keyring.store
        assert w.stack.currentWidget() is w.welcome

    run(qloop, qtbot, ctx, body, confirm=confirm)
    assert len(asked) == 2
    assert "“A”" in asked[0]


def test_transcode_emits_selected_files_only(qloop: Any, qtbot: Any, tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path, media_client(), profiles=[(Profile("A", "ak"), "sk")])

    async def body(w: MainWindow) -> list[Any]:
        fv = w.files_view
        await wait_until(lambda: fv.model.rowCount() == 3)
        fv.table.selectRow(0)  # the folder "dir/"
        assert fv.model.is_folder(0)
        assert not w.transcode_action.isEnabled()
        fv.table.selectAll()
        assert w.transcode_action.isEnabled()
        got: list[Any] = []
        w.transcode_requested.connect(lambda b, k: got.append((b, k)))
        w.transcode_action.trigger()
        return got

    got = run(qloop, qtbot, ctx, body)
    assert got == [("media", ["a.mp4", "b.jpg"])]


def test_views_banners_status_and_badges(qloop: Any, qtbot: Any, tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path, media_client(), profiles=[(Profile("A", "ak"), "sk")])

    async def body(w: MainWindow) -> None:
        jobs = QLabel("jobs here")
        w.add_view("jobs", "Jobs", jobs)
        with pytest.raises(ValueError, match="already"):
            w.add_view("jobs", "Jobs", QLabel())
        w.show_view("jobs")
        assert w.stack.currentWidget() is jobs
        assert w.current_view() == "jobs"
        w.set_nav_badge("jobs", "12")
        assert w.nav.item(1).text() == "Jobs  12"
        w.set_nav_badge("jobs", "")
        assert w.nav.item(1).text() == "Jobs"
        clicked: list[int] = []
        w.show_banner(
            "offline",
            "Offline",
            level="warning",
            action_text="Retry now",
            action=lambda: clicked.append(1),
        )
        banner = w.banners.banner("offline")
        assert banner is not None
        assert banner.action_button is not None
        banner.action_button.click()
        assert clicked == [1]
        w.hide_banner("offline")
        assert w.banners.banner("offline") is None
        with pytest.raises(ValueError, match="level"):
            w.show_banner("x", "bad", level="shouting")
        w.set_status("jobs", "watching 12 jobs")
        assert w.status_text("jobs") == "watching 12 jobs"
        w.show_view("files")
        (ctrl2,) = [s for s in w.findChildren(QShortcut) if s.key() == QKeySequence("Ctrl+2")]
        ctrl2.activated.emit()
        assert w.current_view() == "jobs"

    run(qloop, qtbot, ctx, body)


def test_geometry_is_saved_and_restored(qloop: Any, qtbot: Any, tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path)

    async def first(w: MainWindow) -> None:
        w.resize(777, 555)
        await asyncio.sleep(0.05)
        w.close()

    run(qloop, qtbot, ctx, first)
    assert ctx.settings.get("window/geometry")
    ctx2 = make_ctx(tmp_path)

    async def second(w: MainWindow) -> tuple[int, int]:
        return w.width(), w.height()

    assert run(qloop, qtbot, ctx2, second) == (777, 555)


def test_open_log_folder_opens_the_log_dir(
    qloop: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    ctx = make_ctx(tmp_path)

    async def body(w: MainWindow) -> None:
        w.open_log_folder()

    run(qloop, qtbot, ctx, body)
    assert [u.toLocalFile() for u in opened] == [str(ctx.paths.log_dir)]


def test_saved_sandbox_profile_starts_the_sandbox_when_selected(
    qloop: Any, qtbot: Any, tmp_path: Path
) -> None:
    ctx = make_ctx(tmp_path, media_client(), profiles=[(Profile("A", "ak"), "sk")])
    ctx.profiles.upsert(Profile("Sandbox", "x", hosts={"base": "http://old"}, is_sandbox=True))
    ctx.profiles.set_current("A")

    async def body(w: MainWindow) -> None:
        await wait_until(lambda: w.files_view.current_profile() is not None)
        assert ctx.sandbox.started == 0
        w.profile_combo.setCurrentIndex(w.profile_combo.findData("Sandbox"))
        await wait_until(lambda: ctx.sandbox.started == 1)
        await wait_until(lambda: w.files_view.model.rowCount() == 3)

    run(qloop, qtbot, ctx, body)


def test_rename_moves_the_keyring_entry(
    qloop: Any, qtbot: Any, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    ctx = make_ctx(
        tmp_path, media_client(), profiles=[(Profile("Old", "ak", pipelines=("p",)), "sk")]
    )

    async def body(w: MainWindow) -> None:
        await wait_until(lambda: w.files_view.current_profile() is not None)
        await w.accounts.save(Profile("New", "ak", pipelines=("p",)), None, rename_from="Old")
        await wait_until(lambda: w.files_view.model.rowCount() == 3)
        assert w.profile_combo.currentText() == "New · z0"

    run(qloop, qtbot, ctx, body)
    assert memory_keyring.store == {(SERVICE, "New"): "sk"}
    assert ctx.profiles.names() == ["New"]
    assert ctx.profiles.get("New").pipelines == ("p",)


def test_add_account_dialog_flow_without_nested_loop(
    qloop: Any, qtbot: Any, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from qfopgui.ui.accounts.account_dialog import AccountDialog

    ctx = make_ctx(tmp_path, media_client())

    async def body(w: MainWindow) -> None:
        w.welcome.add_button.click()
        await wait_until(lambda: any(d.isVisible() for d in w.findChildren(AccountDialog)))
        (d,) = [d for d in w.findChildren(AccountDialog) if d.isVisible()]
        qtbot.keyClicks(d.name_edit, "Prod")
        qtbot.keyClicks(d.ak_edit, ACCESS_KEY)
        qtbot.keyClicks(d.sk_edit, SECRET)
        d.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        await wait_until(lambda: w.files_view.model.rowCount() == 3)

    run(qloop, qtbot, ctx, body)
    assert ctx.profiles.names() == ["Prod"]
    assert memory_keyring.store[(SERVICE, "Prod")] == SECRET
