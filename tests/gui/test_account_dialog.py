from __future__ import annotations

import asyncio
from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit

from qfopgui.api.config import Endpoints
from qfopgui.api.errors import AuthError, BadRequestError, NetworkError
from qfopgui.api.models import BucketInfo
from qfopgui.services.executors import DaemonThreadExecutor, runner
from qfopgui.services.profiles import Profile
from qfopgui.ui.accounts.account_dialog import AccountDialog
from qfopgui.ui.background import TaskOwner
from tests.gui.appfakes import FakeClient
from tests.helpers.aio import wait_until

pytestmark = pytest.mark.gui


def make(
    qtbot: Any, client: FakeClient | None = None, **kw: Any
) -> tuple[AccountDialog, list[Any], TaskOwner]:
    made: list[Any] = []
    owner = TaskOwner()

    def make_client(ak: str, sk: str, endpoints: Endpoints) -> FakeClient:
        made.append((ak, sk, endpoints))
        return client or FakeClient()

    d = AccountDialog(
        make_client=make_client,
        run_blocking=runner(DaemonThreadExecutor(2)),
        start_task=owner.start,
        **kw,
    )
    qtbot.addWidget(d)
    return d, made, owner


AK = "Xb3kP9mQ2rT7vW1yZ4cF6hJ8nL0sD5gE_aB-cK2m"  # 40 URL-safe base64 characters, like Qiniu's
SK = "Qw8eR4tY6uI2oP0aS9dF7gH5jK3lZ1xC-vB_nM4q"
WRONG_SK = "WRONG" + SK[5:]


def fill(d: AccountDialog, name: str = "Prod", ak: str = AK, sk: str = SK) -> None:
    d.name_edit.setText(name)
    d.ak_edit.setText(ak)
    d.sk_edit.setText(sk)


def test_custom_hosts_need_a_base_url_or_every_host(qtbot: Any) -> None:
    d, _made, _owner = make(qtbot)
    d.show()
    fill(d)
    d.custom_radio.setChecked(True)
    assert not d.save_button.isEnabled()
    d.accept()  # Enter with a problem left: shown at the field, nothing accepted
    assert d.result() == 0
    assert d.field_message("base") == "Enter a base URL, or a host for every service."
    assert d.base_error.isVisible()
    qtbot.keyClicks(d.base_edit, "http://127.0.0.1:9000")
    assert d.field_message("base") == ""
    assert d.save_button.isEnabled()
    d.save_button.click()
    assert d.result() == 1
    assert d.profile() == Profile("Prod", AK, hosts={"base": "http://127.0.0.1:9000"})
    assert d.secret() == SK


def test_secret_field_is_a_password_with_show_toggle(qtbot: Any) -> None:
    d, _made, _owner = make(qtbot)
    assert d.sk_edit.echoMode() == QLineEdit.EchoMode.Password
    d.show_sk.setChecked(True)
    assert d.sk_edit.echoMode() == QLineEdit.EchoMode.Normal


def test_editing_keeps_secret_when_left_empty(qtbot: Any) -> None:
    p = Profile("Prod", AK, region="z1")
    d, _made, _owner = make(qtbot, profile=p, existing_names=["Prod"])
    assert d.region_combo.currentData() == "z1"
    d.accept()  # nothing changed, SK left empty
    assert d.result() == 1
    assert d.profile() == p
    assert d.secret() is None
    assert d.original_name == "Prod"


def run_test(qloop: asyncio.AbstractEventLoop, d: AccountDialog, owner: TaskOwner) -> str:
    async def scenario() -> str:
        d.test_button.click()
        await wait_until(lambda: d.test_result.text() not in ("", "Connecting…"))
        await owner.shutdown()
        return d.test_result.text()

    return qloop.run_until_complete(scenario())


def test_connection_auth_error_is_explained(qtbot: Any, qloop: asyncio.AbstractEventLoop) -> None:
    client = FakeClient(fail_buckets=AuthError("bad token", status=401, server_message="bad token"))
    d, made, owner = make(qtbot, client)
    fill(d, sk=WRONG_SK)
    text = run_test(qloop, d, owner)
    assert "AccessKey or SecretKey is wrong" in text
    assert "bad token" in text
    assert made[0][:2] == (AK, WRONG_SK)
    assert made[0][2] == Endpoints.discovered("z0")  # a region profile discovers buckets


def test_connection_network_error_names_the_host(
    qtbot: Any, qloop: asyncio.AbstractEventLoop
) -> None:
    d, _made, owner = make(qtbot, FakeClient(fail_buckets=NetworkError("refused")))
    fill(d)
    d.custom_radio.setChecked(True)
    d.base_edit.setText("http://127.0.0.1:1")
    text = run_test(qloop, d, owner)
    assert "Could not reach http://127.0.0.1:1" in text


def test_wrong_region_error_says_so(qtbot: Any, qloop: asyncio.AbstractEventLoop) -> None:
    err = BadRequestError(
        "The request was refused.", status=400, server_message="incorrect region, please use z1"
    )
    d, _made, owner = make(qtbot, FakeClient(fail_buckets=err))
    fill(d)
    assert "region does not match" in run_test(qloop, d, owner)


def test_success_lists_buckets_and_flags_region(
    qtbot: Any, qloop: asyncio.AbstractEventLoop
) -> None:
    client = FakeClient(buckets=[BucketInfo("media", "z1"), BucketInfo("raw", "z1")])
    d, _made, owner = make(qtbot, client)
    fill(d)
    text = run_test(qloop, d, owner)
    assert "Connected. 2 buckets: media, raw" in text
    assert "region z1, not z0" in text
