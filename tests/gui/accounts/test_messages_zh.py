"""Account validation sentences come from the Qt-free layer as templates; each has a finished
Chinese translation (context "services") and the dialog shows it, parameters filled in."""

from __future__ import annotations

import string
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from qfopgui.i18n import i18n_dir, install_translations, read_ts
from qfopgui.services.profile_checks import PROFILE_MESSAGES
from qfopgui.ui.translated_messages import SERVICES
from tests.gui.accounts.test_dialog_validation import paste, typed_dialog

pytestmark = pytest.mark.gui


@pytest.fixture
def zh(qapp: QApplication) -> Iterator[QApplication]:
    translators = install_translations(qapp, "zh_CN")
    assert translators
    yield qapp
    for t in translators:
        qapp.removeTranslator(t)


def fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_every_account_message_is_translated_with_its_placeholders() -> None:
    table = read_ts(i18n_dir() / "core_zh_CN.ts")
    assert len(PROFILE_MESSAGES) >= 20
    for template in PROFILE_MESSAGES:
        text = table.get((SERVICES, template), "")
        assert text.strip(), f"translate in core_zh_CN.ts [{SERVICES}]: {template}"
        assert fields(text) == fields(template), template


def test_the_dialog_shows_the_problem_in_chinese(zh: Any, qtbot: Any) -> None:
    d = typed_dialog(qtbot)
    paste(qtbot, d.ak_edit, "abc123")
    assert d.field_message("access_key") == (
        "AccessKey 有 6 个字符，而七牛密钥有 40 个。请从七牛控制台（密钥管理）复制完整的密钥。"
    )
    d.custom_radio.click()
    d.more_hosts.click()
    paste(qtbot, d.host_edits["uc"], "uc.example.com")
    assert d.field_message("uc") == "uc 服务地址必须以 http:// 或 https:// 开头。"  # {field} too
