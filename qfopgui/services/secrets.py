"""SecretKeys in the OS keyring (service "qfopgui", one entry per profile), never on disk in clear.

When no usable keyring exists (the "fail" backend, a locked collection, D-Bus trouble), keys are
kept in memory for this session only and `session_only` says so; the UI shows a banner with a
Retry action. There is deliberately no plain-text fallback. Every call may block on a keyring
prompt, so callers run them in the serial keyring executor, never on the Qt thread.
"""

from __future__ import annotations

import logging
import threading

import keyring
import keyring.backends.fail
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

log = logging.getLogger(__name__)

SERVICE = "qfopgui"
_PROBE_USER = "__qfopgui_probe__"


class SecretStore:
    """get/set/delete a profile's SecretKey; falls back to session memory when the keyring fails."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend
        self._memory: dict[str, str] = {}
        self._lock = threading.Lock()
        self._available = True
        self.last_error: str | None = None

    @property
    def available(self) -> bool:
        """False once the keyring has failed; secrets are then held for this session only."""
        return self._available

    @property
    def session_only(self) -> bool:
        return not self._available

    def _ring(self) -> KeyringBackend:
        return self._backend if self._backend is not None else keyring.get_keyring()

    def _fail(self, what: str, exc: BaseException, *, secret: str = "") -> None:
        """Record and log the failure, with every known SecretKey cut out of its text.

        Some backends echo their arguments in the error (the password included), so the text
        is redacted before it is kept, logged or shown.
        """
        self._available = False
        self.last_error = self._redacted(f"{type(exc).__name__}: {exc}", secret)
        log.warning(
            "keyring %s failed, keeping keys for this session only: %s", what, self.last_error
        )

    def _redacted(self, text: str, secret: str) -> str:
        with self._lock:
            secrets = {secret, *self._memory.values()}
        for value in sorted((v for v in secrets if v), key=len, reverse=True):
            text = text.replace(value, "[SecretKey]")
        return text

    def probe(self) -> bool:
        """Check that a real keyring answers. Blocking; call from the keyring executor."""
        try:
            ring = self._ring()
            if isinstance(ring, keyring.backends.fail.Keyring):
                raise KeyringError("no secure storage backend is available")
            ring.get_password(SERVICE, _PROBE_USER)
        except Exception as exc:  # noqa: BLE001 - backends raise D-Bus/OS errors too
            self._fail("probe", exc)
            return False
        self._available = True
        self.last_error = None
        return True

    def get(self, profile: str) -> str | None:
        with self._lock:
            if profile in self._memory:
                return self._memory[profile]
        if not self._available:
            return None
        try:
            secret = self._ring().get_password(SERVICE, profile)
        except Exception as exc:  # noqa: BLE001
            self._fail("get", exc)
            return None
        if secret is not None:
            with self._lock:
                self._memory[profile] = secret
        return secret

    def set(self, profile: str, secret: str) -> bool:
        """Store the secret; returns True if it is in the keyring, False if session-only."""
        with self._lock:
            self._memory[profile] = secret
        if not self._available:
            return False
        try:
            self._ring().set_password(SERVICE, profile, secret)
        except Exception as exc:  # noqa: BLE001
            self._fail("set", exc, secret=secret)
            return False
        return True

    def delete(self, profile: str) -> None:
        with self._lock:
            self._memory.pop(profile, None)
        if not self._available:
            return
        try:
            self._ring().delete_password(SERVICE, profile)
        except PasswordDeleteError:
            pass  # nothing stored under that name: already gone
        except Exception as exc:  # noqa: BLE001
            self._fail("delete", exc)

    def retry(self) -> bool:
        """Probe again; if the keyring works now, save the session-only keys into it."""
        if not self.probe():
            return False
        with self._lock:
            pending = dict(self._memory)
        return all(self.set(profile, secret) for profile, secret in pending.items())
