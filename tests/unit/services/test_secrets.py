from __future__ import annotations

import logging

import keyring.backends.fail
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked

from qfopgui.services.secrets import SERVICE, SecretStore
from tests.helpers.memory_keyring import MemoryKeyring


def test_memory_keyring_stores_under_service_qfopgui(memory_keyring: MemoryKeyring) -> None:
    s = SecretStore()
    assert s.probe() is True
    assert s.set("Prod", "SK1") is True
    assert memory_keyring.store[(SERVICE, "Prod")] == "SK1"
    assert SERVICE == "qfopgui"
    fresh = SecretStore()  # a new session reads it back from the keyring
    assert fresh.get("Prod") == "SK1"
    fresh.delete("Prod")
    assert (SERVICE, "Prod") not in memory_keyring.store
    assert SecretStore().get("Prod") is None
    fresh.delete("Prod")  # deleting twice is fine


def test_fail_backend_means_session_only(caplog: pytest.LogCaptureFixture) -> None:
    s = SecretStore(keyring.backends.fail.Keyring())
    caplog.set_level(logging.DEBUG)
    assert s.probe() is False
    assert s.session_only
    assert not s.available
    assert s.set("Prod", "TOPSECRET") is False
    assert s.get("Prod") == "TOPSECRET"  # kept in memory for this session
    s.delete("Prod")
    assert s.get("Prod") is None
    assert "TOPSECRET" not in caplog.text


class Flaky(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.locked = True
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        if self.locked:
            raise KeyringLocked("locked")
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.locked:
            raise KeyringLocked("locked")
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("locked")


def test_any_keyring_error_falls_back_then_retry_saves() -> None:
    ring = Flaky()
    s = SecretStore(ring)
    assert s.set("A", "sk-a") is False  # KeyringLocked on set
    assert s.session_only
    assert s.last_error is not None
    assert "locked" in s.last_error
    assert s.get("A") == "sk-a"
    ring.locked = False  # the user unlocked the keyring
    assert s.retry() is True
    assert s.available
    assert ring.store[(SERVICE, "A")] == "sk-a"


def test_errors_on_get_are_caught() -> None:
    s = SecretStore(Flaky())
    assert s.get("nobody") is None
    assert s.session_only


class EchoingKeyring(KeyringBackend):
    """A backend whose errors repeat their arguments, password included (some D-Bus ones do)."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked(f"cannot store ({service!r}, {username!r}, {password!r})")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked(f"cannot delete {username}")


def test_a_keyring_error_that_echoes_the_secret_is_redacted(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The SecretKey reached the log through the text of a keyring error."""
    secret = "sk-VERY-SECRET-0123456789abcdefghij"
    store = SecretStore(EchoingKeyring())
    with caplog.at_level(logging.DEBUG):
        assert store.set("Team", secret) is False
    assert store.session_only
    assert store.last_error is not None
    assert secret not in store.last_error
    assert "[SecretKey]" in store.last_error  # the rest of the message is kept
    assert secret not in caplog.text
    assert store.get("Team") == secret  # still usable for this session
