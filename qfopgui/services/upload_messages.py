"""Sentences about uploads a person may see, as `str.format` templates (translation context
``uploads``, catalogue ``qfopgui/i18n/uploads_core_zh_CN.ts``).

A `ScanProblem` or `Transfer` carries the English text and the template with its parameters
(`template`/`params`, `error_template`/`error_params`, `note_template`/`note_params`), so the UI
can show it in the user's language. ``{error}`` is the operating system's words or an API
message (already a sentence of its own); ``{key}`` and ``{path}`` are names, never translated.
A name Qiniu refuses keeps the template of `core.object_keys.key_problem` (context ``problems``).
"""

from __future__ import annotations

from collections.abc import Mapping

CONTEXT = "uploads"

# --- why a local file is not uploaded (ScanProblem) -------------------------------------------

SYMLINK = "Symbolic link, not followed"
EMPTY = "Empty (0 bytes), not uploaded"
UNREADABLE = "Cannot be read: {error}"
FOLDER_UNREADABLE = "The folder cannot be read: {error}"
NOT_A_FILE = "Not a regular file (a device, socket or pipe), not uploaded"
GONE = "No longer exists"
SAME_KEY = "Another file of this upload would also be saved as {key}"

# --- why a transfer stopped (Transfer.error) --------------------------------------------------

RESUMABLE = "{error} Retry continues from where it stopped (the parts already sent are kept)."
NOT_SENT = "{error} Retry sends it again."
OUTCOME_UNKNOWN = (
    "The answer to the last request was lost, so the file may or may not be in the bucket. "
    "Retry checks the bucket first and sends only what is missing."
)
FILE_GONE = "The file cannot be read any more: {error}"
FILE_CHANGED_DURING = "The file changed while it was being uploaded. Retry uploads it again."
HASH_MISMATCH = (
    "The file saved in the bucket differs from the local file (their hashes differ), perhaps "
    "because the file changed during the upload. Retry uploads it again."
)
APPEARED = (
    "{key} was created in the bucket after this upload was planned, so it was not replaced. "
    "Upload it again and choose Overwrite or Keep both."
)
SESSION_LOST = "The server lost this upload twice in a row. Retry starts it again."
CANNOT_PLAN = "The presets cannot be applied to this file: {problem}"
RECORD_NOT_SAVED = "The upload could not be recorded, so it was not started: {error}"
UNEXPECTED = "Unexpected error: {error}"

# --- what the user should know about a transfer (Transfer.note) -------------------------------

FILE_CHANGED = "The file changed since its upload began, so it was uploaded again from the start."
SESSION_GONE = (
    "The server no longer had the earlier part of this upload, so it started again "
    "from the beginning."
)
RESUMED = "Continued the earlier upload: {parts} of {total} parts were already on the server."
NO_JOB_ID = (
    "The file was uploaded, but the answer named no transcoding job, so it cannot be followed. "
    "Check the outputs in Jobs."
)

# --- the upload records file (UploadRecords.open) ---------------------------------------------

RECORDS_SET_ASIDE = (
    "The list of uploads in progress was damaged or unreadable, so a new one was started. "
    "Unfinished uploads must be started again. The old file was kept as {backup}."
)
RECORDS_FAILED = "The list of uploads in progress ({path}) could not be read or written: {error}"
RECORDS_IN_MEMORY = (
    "The list of uploads in progress ({path}) cannot be used ({error}). Uploads still work, "
    "but they cannot be continued after the app is closed."
)

MESSAGES: tuple[str, ...] = tuple(
    v for k, v in dict(globals()).items() if k.isupper() and k != "CONTEXT" and isinstance(v, str)
)


def render(template: str, params: Mapping[str, str]) -> str:
    """The English sentence (a broken template falls back to the template itself)."""
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
