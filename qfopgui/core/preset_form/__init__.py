"""The preset form without Qt: a field schema generated from the fop models, command ↔ form
values, and "edit as command" for pasted text.

``schema(kind)`` gives the fields to draw; ``form_values(command)`` fills them (naming each
parameter the form cannot hold); ``command_from_form(kind, values)`` checks them and builds the
command; ``edit_as_command(text)`` reads pasted fops, qshell lines and processing URLs.
"""

from __future__ import annotations

from qfopgui.core.preset_form.pasted import edit_as_command, fops_part
from qfopgui.core.preset_form.reading import FormReading, form_values, resolution_of
from qfopgui.core.preset_form.schema import (
    AVTHUMB_SCHEMA,
    NOT_EDITABLE,
    PRESET_SIZES,
    RESOLUTION_CUSTOM,
    RESOLUTION_SOURCE,
    RESOLUTIONS,
    SCHEMAS,
    VFRAME_SCHEMA,
    VSAMPLE_SCHEMA,
    Choice,
    FieldKind,
    FieldSpec,
    FormKind,
    FormSchema,
    Resolution,
    form_texts,
    new_form,
    schema,
)
from qfopgui.core.preset_form.writing import FormResult, command_from_form

__all__ = [
    "AVTHUMB_SCHEMA",
    "NOT_EDITABLE",
    "PRESET_SIZES",
    "RESOLUTIONS",
    "RESOLUTION_CUSTOM",
    "RESOLUTION_SOURCE",
    "SCHEMAS",
    "VFRAME_SCHEMA",
    "VSAMPLE_SCHEMA",
    "Choice",
    "FieldKind",
    "FieldSpec",
    "FormKind",
    "FormReading",
    "FormResult",
    "FormSchema",
    "Resolution",
    "command_from_form",
    "edit_as_command",
    "fops_part",
    "form_texts",
    "form_values",
    "new_form",
    "resolution_of",
    "schema",
]
