"""Every sentence the preset library can show a person, as ``str.format`` templates.

They are raised as ``PresetError``/``PresetFileError`` (``template`` + ``params``) or reported in
``LibraryHealth``, and translated in the ``problems`` context like every other preset error.
``{path}`` is a file, ``{error}`` the operating system's own words (not translated).
"""

from __future__ import annotations

# --- refused changes ----------------------------------------------------------------------------

NAME_TAKEN = "A preset named “{name}” already exists. Choose another name."
BUILTIN_NAME = "“{name}” is the name of a built-in preset. Choose another name."
NO_SUCH_PRESET = "There is no preset named “{name}”."
BUILTIN_LOCKED = (
    "“{name}” is a built-in preset and cannot be changed. Duplicate it to get a copy you can edit."
)
BUILTIN_UNDELETABLE = "“{name}” is a built-in preset and cannot be deleted."
INVALID = "The preset “{name}” cannot be saved: {problem}"
READ_ONLY = (
    "Presets cannot be changed now: the preset library ({path}) was left untouched when the "
    "app started (see the message shown then). This change was not saved."
)
NO_DECISION = "Choose what to do with the imported preset “{name}”: replace, keep both or skip."

# --- disk -------------------------------------------------------------------------------------

WRITE_FAILED = (
    "The preset library ({path}) could not be saved: {error}. Nothing was changed. "
    "Check that its folder is writable and the disk is not full."
)
EXPORT_FAILED = (
    "The presets could not be exported to {path}: {error}. Choose another folder or file name."
)
IMPORT_MISSING = "The file {path} does not exist. Nothing was imported."
IMPORT_UNREADABLE = "The file {path} could not be read: {error}. Nothing was imported."
IMPORT_NEWER = (
    "{path} was made by a newer qfopgui (format {version}; this version reads up to "
    "{supported}). Nothing was imported; update qfopgui to import it."
)

# --- what opening the library found (LibraryHealth) -------------------------------------------

SET_ASIDE_DAMAGED = (
    "The preset library could not be read ({error}), so a new, empty one was started. "
    "The file was kept as {backup}; the presets in it are not shown."
)
OPENED_NEWER = (
    "The preset library ({path}) was made by a newer qfopgui (format {version}; this version "
    "reads up to {supported}). It was left as it is: built-in presets can be used, but "
    "changes are not saved. Use the newer qfopgui, or move the file away to start a new library."
)
OPENED_UNREADABLE = (
    "The preset library ({path}) could not be read ({error}). It was left as it is: built-in "
    "presets can be used, but changes are not saved. Make the file readable, then restart "
    "the app."
)
CANNOT_SET_ASIDE = (
    "The preset library ({path}) is damaged ({error}) and could not be moved aside "
    "({move_error}). It was left as it is: built-in presets can be used, but changes are not "
    "saved. Move the file away, then restart the app."
)
RENAMED_ON_OPEN = (
    "Some of your presets have the same name as a built-in preset of this version, "
    "so they were renamed: {names}."
)

MESSAGES: tuple[str, ...] = tuple(
    v for k, v in dict(globals()).items() if k.isupper() and isinstance(v, str)
)
