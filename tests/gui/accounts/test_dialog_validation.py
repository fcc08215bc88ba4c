"""The account dialog checks as the user types: each problem under its field, the field outlined,
Save disabled until nothing is wrong, and the typed text left exactly as typed."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QToolButton

from qfopgui.services.profiles import Profile
from qfopgui.ui.accounts.account_dialog import AccountDialog
from tests.gui.test_account_dialog import AK, SK, make

pytestmark = pytest.mark.gui


def paste(qtbot: Any, edit: QLineEdit, text: str) -> None:
    """Select all and paste, as a person copying a key from a web page does."""
    QApplication.clipboard().setText(text)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def typed_dialog(qtbot: Any, **kw: Any) -> AccountDialog:
    """A new-account dialog with a valid name and keys typed in."""
    d, _made, _owner = make(qtbot, **kw)
    d.show()
    qtbot.keyClicks(d.name_edit, "Prod")
    qtbot.keyClicks(d.ak_edit, AK)
    qtbot.keyClicks(d.sk_edit, SK)
    assert d.problems() == []
    assert d.save_button.isEnabled()
    return d


def assert_shown(d: AccountDialog, field: str, words: str, label: Any) -> None:
    assert words in d.field_message(field)
    assert label.isVisible()
    assert words in label.text()
    edit = {"name": d.name_edit, "access_key": d.ak_edit, "secret_key": d.sk_edit}.get(
        field, d.host_edits.get(field, d.base_edit)
    )
    assert edit.property("invalid") is True
    assert words in edit.accessibleDescription()
    assert not d.save_button.isEnabled()


@pytest.mark.parametrize(
    ("field", "text", "words"),
    [
        ("name", "x" * 65, "The name is 65 characters long; use at most 64."),
        ("name", "Team\tmedia", "control character"),
        ("name", "  TAKEN ", "Another account is already called “Taken”."),
        ("name", "sandbox", "built-in practice account"),
        ("access_key", AK[:20] + " " + AK[20:], "The AccessKey contains a space or line break."),
        ("access_key", AK[:20] + "+" + AK[21:], "The AccessKey contains “+”."),
        ("access_key", "abc123", "The AccessKey has 6 characters, but a Qiniu key has 40."),
        ("secret_key", SK[:20] + "\n" + SK[20:], "The SecretKey contains a space or line break."),
        ("secret_key", SK[:20] + "/" + SK[21:], "a character Qiniu keys never have"),
        ("secret_key", "s" * 129, "The SecretKey has 129 characters"),
    ],
)
def test_a_pasted_wrong_value_is_refused_at_its_field(
    qtbot: Any, field: str, text: str, words: str
) -> None:
    d = typed_dialog(qtbot, existing_names=["Taken"], reserved_names=["Sandbox"])
    edit = {"name": d.name_edit, "access_key": d.ak_edit, "secret_key": d.sk_edit}[field]
    label = {"name": d.name_error, "access_key": d.ak_error, "secret_key": d.sk_error}[field]
    paste(qtbot, edit, text)
    assert edit.text() == text  # the user's text is kept as pasted
    assert_shown(d, field, words, label)
    others = [f for f in ("name", "access_key", "secret_key") if f != field]
    assert all(d.field_message(f) == "" for f in others)  # only that field says something
    assert "+" not in d.field_message("secret_key")
    assert "/" not in d.field_message("secret_key")
    d.accept()
    assert d.result() == 0  # Enter does not get around the check
    paste(qtbot, edit, {"name": "Prod", "access_key": AK, "secret_key": SK}[field])
    assert d.field_message(field) == ""
    assert edit.property("invalid") is False
    assert not label.isVisible()
    assert d.save_button.isEnabled()


def test_keys_are_trimmed_at_the_ends_and_the_name_too(qtbot: Any) -> None:
    d = typed_dialog(qtbot)
    paste(qtbot, d.ak_edit, f"  {AK}\n")
    paste(qtbot, d.sk_edit, f"{SK}\n")
    paste(qtbot, d.name_edit, "  Prod  ")
    assert d.problems() == []
    assert d.ak_edit.text() == f"  {AK}\n"  # shown as typed …
    d.save_button.click()
    assert d.result() == 1
    assert d.profile() == Profile("Prod", AK)  # … saved trimmed
    assert d.secret() == SK


@pytest.mark.parametrize(
    ("field", "text", "words"),
    [
        ("base", "ftp://qiniu.example.com", "The base URL must start with http:// or https://."),
        ("base", "qiniu.example.com", "The base URL must start with http:// or https://."),
        ("base", "https://", "The base URL has no host name after “https://”."),
        ("base", "https://qiniu.example.com/api?x=1", "without a path"),
        ("base", "http://qiniu.example.com:99999", "The base URL has an invalid port."),
        ("base", "http://qiniu example.com", "The base URL contains a space."),
        ("uc", "http://uc.example.com/v2", "The uc host must be only the scheme, host and port"),
        ("io", "io.example.com", "The io host must start with http:// or https://."),
    ],
)
def test_custom_hosts_say_which_field_is_wrong(
    qtbot: Any, field: str, text: str, words: str
) -> None:
    d = typed_dialog(qtbot)
    d.custom_radio.click()
    qtbot.keyClicks(d.base_edit, "https://qiniu.example.com")
    assert d.save_button.isEnabled()
    edit = d.base_edit if field == "base" else d.host_edits[field]
    label = d.base_error if field == "base" else d.hosts_error
    if field != "base":
        d.more_hosts.click()
    edit.clear()
    qtbot.keyClicks(edit, text)
    assert edit.text() == text
    assert_shown(d, field, words, label)
    assert d.hosts_box.isVisible() or field == "base"
    d.region_radio.click()  # hosts no longer used: nothing is wrong any more
    assert d.field_message(field) == ""
    assert d.save_button.isEnabled()


def test_a_new_dialog_scolds_nobody_but_save_waits(qtbot: Any) -> None:
    d, _made, _owner = make(qtbot)
    d.show()
    assert not d.save_button.isEnabled()
    assert d.save_button.toolTip() == "Give the account a name."
    assert not any(m.isVisible() for m in (d.name_error, d.ak_error, d.sk_error))
    qtbot.keyClicks(d.name_edit, "Prod")
    assert not d.ak_error.isVisible()  # not typed in yet: no message, but Save still waits
    assert d.save_button.toolTip() == "Enter the AccessKey."
    qtbot.keyClicks(d.ak_edit, "abc")
    assert d.ak_error.isVisible()
    qtbot.keyClicks(d.ak_edit, AK[3:])
    assert not d.ak_error.isVisible()
    assert d.save_button.toolTip() == "Enter the SecretKey."
    qtbot.keyClicks(d.sk_edit, SK)
    assert d.save_button.isEnabled()


def test_editing_shows_what_is_wrong_with_the_saved_account_and_allows_a_case_rename(
    qtbot: Any,
) -> None:
    saved = Profile("prod", "short-key")
    d, _made, _owner = make(qtbot, profile=saved, existing_names=["prod", "Other"])
    d.show()
    assert "has 9 characters" in d.field_message("access_key")  # shown at once
    assert d.field_message("secret_key") == ""  # empty: the saved key is kept
    paste(qtbot, d.ak_edit, AK)
    paste(qtbot, d.name_edit, "Prod")  # the same account, new capitals
    assert d.field_message("name") == ""
    paste(qtbot, d.name_edit, "OTHER")
    assert "“Other”" in d.field_message("name")
    paste(qtbot, d.name_edit, "Prod")
    d.save_button.click()
    assert d.result() == 1
    assert d.profile().name == "Prod"
    assert d.secret() is None


def test_test_connection_says_what_to_fix_first(qtbot: Any) -> None:
    d, made, _owner = make(qtbot)
    d.show()
    qtbot.keyClicks(d.ak_edit, "short")
    d.test_button.click()
    assert "The AccessKey has 5 characters" in d.test_result.text()
    assert made == []  # no request with a key that cannot work


def test_every_input_has_an_accessible_name(qtbot: Any) -> None:
    d, _made, _owner = make(qtbot)
    inputs = d.findChildren(QLineEdit) + d.findChildren(QComboBox) + d.findChildren(QToolButton)
    assert len(inputs) >= 12
    unnamed = [w for w in inputs if not (w.accessibleName() or getattr(w, "text", str)())]
    assert unnamed == []
    assert d.host_edits["uc"].accessibleName() == "uc host"
