"""Sentences the application layer can show a person, as `str.format` templates.

Like `qfopgui.api.messages`, each error keeps its English template and parameters so the UI
can translate it (`qfopgui.ui.translated_messages.error_text`); `MESSAGES` lists every template
so a test can require a translation for each.
"""

from __future__ import annotations

from typing import Self

NO_SUCH_ACCOUNT = "There is no account named “{profile}”."
SECRET_MISSING = (
    "The SecretKey of account “{profile}” is not available. "
    "Open Account → Edit account… and enter it again."
)
NO_DOWNLOAD_ADDRESS = "The download address of {bucket} could not be found: {why}"
NO_DOWNLOAD_DOMAIN = (
    "The bucket {bucket} has no download domain. Add one in the Qiniu console to get links."
)


class ServiceError(Exception):
    """An error of the application layer with a plain-words `message` (and its template)."""

    def __init__(self, message: str, *, template: str = "", params: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.template = template or message
        self.params: dict[str, str] = dict(params or {})

    @classmethod
    def make(cls, template: str, /, **params: object) -> Self:
        texts = {k: str(v) for k, v in params.items()}
        return cls(template.format(**texts), template=template, params=texts)


class NoSuchAccountError(ServiceError, LookupError):
    """The profile was removed (or never existed)."""


class MissingSecretError(ServiceError, LookupError):
    """The profile has no SecretKey available in this session (keyring empty or unreadable)."""


class NoLinkError(ServiceError, LookupError):
    """No download link can be made for an object (no domain, or the domain lookup failed)."""


MESSAGES: tuple[str, ...] = tuple(
    v for k, v in dict(globals()).items() if k.isupper() and isinstance(v, str)
)
