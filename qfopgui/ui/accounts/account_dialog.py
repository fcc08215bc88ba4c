"""Add or edit an account: name, AccessKey, SecretKey, region or custom hosts, Test connection.

The dialog only collects and checks; the caller saves (profile JSON + keyring). Every change is
checked with `services.profile_checks.validate_profile`: a problem shows under its field (which is
marked), Save stays disabled until none is left, and the typed text is never altered. Test
connection lists buckets off the Qt thread and turns each failure into a sentence.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qfopgui.api.config import KNOWN_REGIONS
from qfopgui.services.profile_checks import ProfileProblem, validate_profile
from qfopgui.services.profiles import SERVICES, Profile
from qfopgui.ui.accounts.connection_messages import connected_text, failure_text
from qfopgui.ui.accounts.field_problems import (
    ERROR_COLOUR,
    INVALID_STYLE,
    FieldMessage,
    mark_invalid,
    problem_text,
    stacked,
)

log = logging.getLogger(__name__)

# Marks the region names of api.config.KNOWN_REGIONS for lupdate (translated with self.tr later).
REGION_LABELS = (
    QT_TRANSLATE_NOOP("AccountDialog", "East China (Zhejiang)"),
    QT_TRANSLATE_NOOP("AccountDialog", "East China (Zhejiang 2)"),
    QT_TRANSLATE_NOOP("AccountDialog", "North China (Hebei)"),
    QT_TRANSLATE_NOOP("AccountDialog", "South China (Guangdong)"),
    QT_TRANSLATE_NOOP("AccountDialog", "North America"),
    QT_TRANSLATE_NOOP("AccountDialog", "Southeast Asia (Singapore)"),
)

MakeClient = Callable[[str, str, Any], Any]  # (ak, sk, endpoints) -> client
RunIn = Callable[[Callable[[], Any]], Awaitable[Any]]
StartTask = Callable[..., Any]


class AccountDialog(QDialog):
    """`profile()` and `secret()` hold the result once accepted."""

    def __init__(
        self,
        *,
        make_client: MakeClient,
        run_blocking: RunIn,
        start_task: StartTask,
        existing_names: Iterable[str] = (),
        reserved_names: Iterable[str] = (),
        profile: Profile | None = None,
        secure_storage: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._make_client = make_client
        self._run_blocking = run_blocking
        self._start_task = start_task
        self._existing = tuple(existing_names)
        self._reserved = tuple(reserved_names)
        self.original_name = profile.name if profile else None
        self._result: Profile | None = None
        self._touched: set[str] = set()  # fields whose problems are shown (typed in, or loaded)
        self._shown: dict[str, str] = {}  # field → the sentence shown there
        self.setWindowTitle(self.tr("Edit account") if profile else self.tr("Add Qiniu account"))
        self.setMinimumWidth(560)
        self.setStyleSheet(INVALID_STYLE)
        self._build(secure_storage, editing=profile is not None)
        if profile is not None:
            self._load(profile)
            self._touched.update(self._fields)
        self._region_mode_changed()
        self._wire()
        self.revalidate()

    # -- layout -----------------------------------------------------------------------------------
    def _build(self, secure_storage: bool, *, editing: bool) -> None:
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. Production"))
        self.name_edit.setAccessibleName(self.tr("Account name"))
        self.name_error = FieldMessage()
        form.addRow(self.tr("Name"), stacked(self.name_edit, self.name_error))
        self.ak_edit = QLineEdit()
        self.ak_edit.setPlaceholderText(self.tr("From Qiniu portal → Key management"))
        self.ak_edit.setAccessibleName(self.tr("AccessKey"))
        self.ak_error = FieldMessage()
        form.addRow(self.tr("AccessKey"), stacked(self.ak_edit, self.ak_error))
        self.sk_edit = QLineEdit()
        self.sk_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.sk_edit.setAccessibleName(self.tr("SecretKey"))
        if editing:
            self.sk_edit.setPlaceholderText(self.tr("Leave empty to keep the saved key"))
        self.show_sk = QToolButton()
        self.show_sk.setText(self.tr("Show"))
        self.show_sk.setCheckable(True)
        self.show_sk.setAccessibleName(self.tr("Show the SecretKey"))
        sk_row = QHBoxLayout()
        sk_row.addWidget(self.sk_edit, 1)
        sk_row.addWidget(self.show_sk)
        self.sk_error = FieldMessage()
        form.addRow(self.tr("SecretKey"), stacked(sk_row, self.sk_error))

        self.region_radio = QRadioButton(self.tr("Qiniu region"))
        self.custom_radio = QRadioButton(self.tr("Custom hosts (private cloud)"))
        group = QButtonGroup(self)
        group.addButton(self.region_radio)
        group.addButton(self.custom_radio)
        self.region_radio.setChecked(True)
        self.region_combo = QComboBox()
        self.region_combo.setAccessibleName(self.tr("Qiniu region"))
        for rid, label in KNOWN_REGIONS.items():
            self.region_combo.addItem(f"{self.tr(label)} — {rid}", rid)
        self.base_edit = QLineEdit()
        self.base_edit.setPlaceholderText("https://qiniu.example.com")
        self.base_edit.setAccessibleName(self.tr("Base URL"))
        self.base_error = FieldMessage()
        self.more_hosts = QToolButton()
        self.more_hosts.setText(self.tr("Per-service hosts…"))
        self.more_hosts.setCheckable(True)
        self.more_hosts.setAccessibleName(self.tr("Show the per-service hosts"))
        self.hosts_box = QWidget()
        grid = QGridLayout(self.hosts_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.host_edits: dict[str, QLineEdit] = {}
        for n, svc in enumerate(SERVICES):
            edit = QLineEdit()
            edit.setPlaceholderText(self.tr("same as base URL"))
            edit.setAccessibleName(self.tr("%1 host").replace("%1", svc))
            self.host_edits[svc] = edit
            grid.addWidget(QLabel(svc), n // 2, (n % 2) * 2)
            grid.addWidget(edit, n // 2, (n % 2) * 2 + 1)
        self.hosts_error = FieldMessage()  # one sentence per service host that is wrong
        self.hosts_box.setVisible(False)
        where = QVBoxLayout()
        where.addWidget(self.region_radio)
        where.addWidget(self.region_combo)
        where.addWidget(self.custom_radio)
        base_row = QHBoxLayout()
        base_row.addWidget(self.base_edit, 1)
        base_row.addWidget(self.more_hosts)
        where.addLayout(base_row)
        where.addWidget(self.base_error)
        where.addWidget(self.hosts_box)
        where.addWidget(self.hosts_error)
        form.addRow(self.tr("Where"), where)

        self.storage_label = QLabel(
            self.tr("The SecretKey is stored in your system's secure storage (keychain).")
            if secure_storage
            else self.tr(
                "Secure storage isn't available: the SecretKey is kept for this "
                "session only and you will be asked again next time."
            )
        )
        self.storage_label.setWordWrap(True)
        if secure_storage:
            self.storage_label.setEnabled(False)  # a quiet hint
        else:
            self.storage_label.setStyleSheet("color: #b7791f;")  # amber: worth reading

        self.test_button = QToolButton()
        self.test_button.setText(self.tr("Test connection"))
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button, 0)
        test_row.addWidget(self.test_result, 1)

        self.error_label = QLabel()  # a problem of no field on screen
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert isinstance(save, QPushButton)
        self.save_button = save

        col = QVBoxLayout(self)
        col.addLayout(form)
        col.addWidget(self.storage_label)
        col.addLayout(test_row)
        col.addWidget(self.error_label)
        col.addWidget(self.buttons)

        self._fields: dict[str, QLineEdit] = {
            "name": self.name_edit,
            "access_key": self.ak_edit,
            "secret_key": self.sk_edit,
            "base": self.base_edit,
            **self.host_edits,
        }
        self._messages: dict[str, FieldMessage] = {
            "name": self.name_error,
            "access_key": self.ak_error,
            "secret_key": self.sk_error,
            "base": self.base_error,
        }

    def _wire(self) -> None:
        self.show_sk.toggled.connect(self._toggle_secret)
        self.more_hosts.toggled.connect(self.hosts_box.setVisible)
        self.region_radio.toggled.connect(self._region_mode_changed)
        self.region_radio.toggled.connect(self.revalidate)
        for edit in self._fields.values():
            edit.textChanged.connect(self.revalidate)
            edit.textEdited.connect(self._edited)
        self.test_button.clicked.connect(self.test_connection)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _edited(self, _text: str) -> None:
        """A person typed in a field: from now on its problem is shown."""
        field = next((f for f, e in self._fields.items() if e is self.sender()), None)
        if field is not None and field not in self._touched:
            self._touched.add(field)
            self.revalidate()

    def _load(self, p: Profile) -> None:
        self.name_edit.setText(p.name)
        self.ak_edit.setText(p.access_key)
        hosts = dict(p.hosts or {})
        if hosts:
            self.custom_radio.setChecked(True)
            self.base_edit.setText(hosts.get("base", ""))
            for svc, edit in self.host_edits.items():
                edit.setText(hosts.get(svc, ""))
            if any(hosts.get(s) for s in SERVICES):
                self.more_hosts.setChecked(True)
        i = self.region_combo.findData(p.region)
        if i < 0:
            self.region_combo.addItem(p.region, p.region)
            i = self.region_combo.count() - 1
        self.region_combo.setCurrentIndex(i)

    def _toggle_secret(self, shown: bool) -> None:
        self.sk_edit.setEchoMode(
            QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        )
        self.show_sk.setText(self.tr("Hide") if shown else self.tr("Show"))

    def _region_mode_changed(self) -> None:
        custom = self.custom_radio.isChecked()
        self.region_combo.setEnabled(not custom)
        self.base_edit.setEnabled(custom)
        self.more_hosts.setEnabled(custom)
        self.hosts_box.setEnabled(custom)

    # -- values -----------------------------------------------------------------------------------
    def _profile_from_fields(self) -> Profile:
        hosts: dict[str, str] | None = None
        if self.custom_radio.isChecked():
            hosts = {k: e.text().strip() for k, e in self.host_edits.items() if e.text().strip()}
            if self.base_edit.text().strip():
                hosts["base"] = self.base_edit.text().strip()
        return Profile(
            name=self.name_edit.text().strip(),
            access_key=self.ak_edit.text().strip(),
            region=str(self.region_combo.currentData() or "z0"),
            hosts=hosts,
        )

    def profile(self) -> Profile:
        """The accepted profile (pipelines etc. are kept by the caller when editing)."""
        return self._result or self._profile_from_fields()

    def secret(self) -> str | None:
        """The SecretKey typed in, or None when editing and left empty (keep the saved one)."""
        return self.sk_edit.text().strip() or None

    def problems(self) -> list[ProfileProblem]:
        """Everything that stops saving, at most one per field, in the form's order."""
        return validate_profile(
            self._profile_from_fields(),
            self.secret(),
            existing_names=self._existing,
            original_name=self.original_name,
            reserved_names=self._reserved,
        )

    def field_message(self, field: str) -> str:
        """The sentence shown at `field` ("" when none)."""
        return self._shown.get(field, "")

    def revalidate(self) -> None:
        """Show each touched field's problem at the field; Save only when there is none."""
        problems = self.problems()
        shown = {p.field: problem_text(p) for p in problems if p.field in self._touched}
        self._shown = shown
        for field, edit in self._fields.items():
            mark_invalid(edit, shown.get(field, ""))
        for field, label in self._messages.items():
            label.show_text(shown.get(field, ""))
        self.hosts_error.show_text("\n".join(shown[s] for s in SERVICES if s in shown))
        if any(s in shown for s in SERVICES):
            self.more_hosts.setChecked(True)  # a wrong host must be visible
        self.save_button.setEnabled(not problems)
        self.save_button.setToolTip(problem_text(problems[0]) if problems else "")

    def accept(self) -> None:
        problems = self.problems()
        if problems:  # Enter, or a caller: show every problem and go to the first field
            self._touched.update(self._fields)
            self.revalidate()
            self._fields[problems[0].field].setFocus()
            return
        self._result = self._profile_from_fields()
        super().accept()

    # -- Test connection --------------------------------------------------------------------------
    def test_connection(self) -> None:
        """Needs valid keys and hosts (not a name): else say what is missing first."""
        issue = next((p for p in self.problems() if p.field != "name"), None)
        if issue is not None:
            self.test_result.setStyleSheet(f"color: {ERROR_COLOUR};")
            self.test_result.setText(problem_text(issue))
            return
        if not self.secret():
            self.test_result.setText(self.tr("Enter the SecretKey to test the connection."))
            return
        self._start_task(self._test(), name="account-dialog:test")

    async def _test(self) -> None:
        p = self._profile_from_fields()
        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.test_result.setText(self.tr("Connecting…"))
        try:
            client = self._make_client(p.access_key, self.secret() or "", p.endpoints())
            buckets = await self._run_blocking(client.list_buckets)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a sentence
            self.test_result.setText(self.explain(exc, p))
            self.test_result.setStyleSheet("color: #c0392b;")
            return
        finally:
            self.test_button.setEnabled(True)
        self.test_result.setStyleSheet("color: #2e8b57;")
        self.test_result.setText(connected_text(p, buckets))

    def explain(self, exc: BaseException, p: Profile) -> str:
        """What went wrong, in words that say what to do next."""
        return failure_text(exc, p)
