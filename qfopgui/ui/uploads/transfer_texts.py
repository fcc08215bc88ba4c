"""The words the Transfers view and its messages use for a transfer (states, names, folders).

One place for them, so the table, the details line and the tests read the same sentences.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from qfopgui.services.upload_types import Transfer, TransferState
from qfopgui.ui.translated_messages import preset_display_name

CONTEXT = "TransferTexts"
SERVICE_CONTEXT = "uploads"  # the upload service's sentences (`services.upload_messages`)

STATE_COLOURS = {
    TransferState.QUEUED: "#7f8c8d",
    TransferState.UPLOADING: "#2471a3",
    TransferState.COMPLETING: "#2471a3",
    TransferState.DONE: "#1e8449",
    TransferState.FAILED: "#c0392b",
    TransferState.CANCELLED: "#7f8c8d",
    TransferState.SKIPPED: "#7f8c8d",
}


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def state_text(state: TransferState) -> str:
    """The word in the State column (colour is never the only hint)."""
    words = {
        TransferState.QUEUED: _t("Waiting"),
        TransferState.UPLOADING: _t("Uploading"),
        TransferState.COMPLETING: _t("Finishing"),
        TransferState.DONE: _t("Uploaded"),
        TransferState.FAILED: _t("Failed"),
        TransferState.CANCELLED: _t("Cancelled"),
        TransferState.SKIPPED: _t("Skipped: already there"),
    }
    return words[state]


def name_of(key: str) -> str:
    """The file name part of a key ("videos/a.mp4" → "a.mp4")."""
    return key.rstrip("/").rsplit("/", 1)[-1] or key


def folder_of(key: str) -> str:
    """The folder part of a key with its slash ("videos/a.mp4" → "videos/", top level → "")."""
    head, slash, _tail = key.rpartition("/")
    return head + slash


def place_text(bucket: str, prefix: str) -> str:
    """Where files go, as people read it: "media / videos/clips/" (the bucket alone at its top)."""
    return f"{bucket} / {prefix}" if prefix else bucket


def service_text(template: str, params: Iterable[tuple[str, str]], english: str) -> str:
    """A sentence of the upload service in the user's language (its English without a
    template, or when a translation is broken)."""
    if not template:
        return english
    try:
        return QCoreApplication.translate(SERVICE_CONTEXT, template).format(**dict(params))
    except (KeyError, IndexError, ValueError):
        return english


def error_text(t: Transfer) -> str:
    """Why a transfer stopped, in plain words."""
    return service_text(t.error_template, t.error_params, t.error)


def note_text(t: Transfer) -> str:
    """What is worth knowing about a transfer that went well ("started again from …")."""
    return service_text(t.note_template, t.note_params, t.note)


def details_text(t: Transfer) -> str:
    """One line about a transfer under the table: what it is doing, or why it stopped."""
    parts = [f"{place_text(t.bucket, t.key)}", state_text(t.state)]
    if t.state is TransferState.FAILED and t.error:
        parts[-1] = _t("Failed: %1").replace("%1", error_text(t))
    note = note_text(t)
    if note:
        parts.append(note)
    elif t.resumed and t.active:
        parts.append(_t("continued from an earlier session"))
    if t.presets:
        parts.append(
            _t("transcoded on upload: %1").replace(
                "%1", ", ".join(preset_display_name(p) for p in t.presets)
            )
        )
    if t.job_id is not None:
        parts.append(_t("job #%1").replace("%1", str(t.job_id)))
    return " · ".join(parts)
