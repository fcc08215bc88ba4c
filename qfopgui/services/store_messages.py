"""Every sentence the job store can show a person, as ``str.format`` templates.

They live in one place so the UI can translate them (``StoreError.template``/``params`` and
``StoreHealth.template``/``params``; translation context ``store_errors``).
``{path}`` is the database file, ``{backup}`` where an unusable one was moved, ``{error}`` the
operating system's or sqlite's own words (not translated).
"""

from __future__ import annotations

# --- why a store call failed (StoreError) -------------------------------------------------------

DISK_FULL = (
    "The disk is full, so the job history ({path}) could not be saved. "
    "Free some disk space, then try again."
)
READ_ONLY = (
    "The job history ({path}) is read-only, so this change was not saved. "
    "Make the file and its folder writable, then restart the app."
)
IO_ERROR = (
    "The job history ({path}) could not be read or written because of a disk error. "
    "Check the disk, then restart the app."
)
LOCKED = (
    "The job history ({path}) is busy in another program, perhaps a second copy of this app. "
    "Close it, then try again."
)
DAMAGED = (
    "The job history ({path}) is damaged. Restart the app so it can check the file: "
    "a damaged file is kept as a copy and a new, empty history is started."
)
CANNOT_OPEN = (
    "The job history ({path}) cannot be opened: {error}. "
    "Check that its folder exists and is writable, then restart the app."
)
MIGRATION_FAILED = (
    "The job history ({path}) could not be updated for this version of the app: {error}. "
    "The file was left as it was."
)
NEWER = (
    "The job history ({path}) was written by a newer version of the app "
    "(format {found}; this version knows {known})."
)
CLOSED = "The job history is closed because the app is shutting down."
OTHER = (
    "The job history ({path}) cannot be used: {error}. "
    "Restart the app; if this keeps happening, move the file somewhere else."
)

# --- what opening found (StoreHealth) -----------------------------------------------------------

SET_ASIDE_DAMAGED = (
    "The job history was damaged, so the app started a new, empty one. "
    "The damaged file was kept as {backup}. "
    "Jobs already sent to the server still run, but earlier jobs are no longer listed here."
)
SET_ASIDE_NEWER = (
    "The job history was written by a newer version of the app "
    "(format {found}; this version knows {known}), so this version started a new, empty one. "
    "The file was kept as {backup}: to use it again, rename it back to {name} "
    "and run the newer version."
)
SET_ASIDE_UNREADABLE = (
    "The job history could not be read ({error}), so the app started a new, empty one. "
    "The file was kept as {backup}."
)
OPENED_READ_ONLY = (
    "The job history ({path}) is read-only: earlier jobs are shown, but new jobs cannot be "
    "submitted and running ones are not updated. "
    "Make the file and its folder writable, then restart the app."
)
IN_MEMORY = (
    "The job history ({path}) cannot be used and could not be moved aside ({error}). "
    "Jobs submitted now are kept only until the app quits. "
    "Move the file somewhere else or make its folder writable, then restart the app."
)
IN_MEMORY_NO_FILE = (
    "The job history ({path}) cannot be created ({error}). "
    "Jobs submitted now are kept only until the app quits. "
    "Make sure its folder is writable, then restart the app."
)

MESSAGES: tuple[str, ...] = (
    DISK_FULL,
    READ_ONLY,
    IO_ERROR,
    LOCKED,
    DAMAGED,
    CANNOT_OPEN,
    MIGRATION_FAILED,
    NEWER,
    CLOSED,
    OTHER,
    SET_ASIDE_DAMAGED,
    SET_ASIDE_NEWER,
    SET_ASIDE_UNREADABLE,
    OPENED_READ_ONLY,
    IN_MEMORY,
    IN_MEMORY_NO_FILE,
)
