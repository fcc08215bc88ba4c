"""Command → form: which values the form shows, and what it cannot hold (by fop key)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from qfopgui.core.fops import Avthumb, Command, Problem, Vframe, Vsample
from qfopgui.core.fops.saveas import NAME as SAVEAS
from qfopgui.core.preset_form.binding import kind_of, param_of, part_objects, to_form
from qfopgui.core.preset_form.schema import (
    PRESET_SIZES,
    RESOLUTION_CUSTOM,
    RESOLUTION_SOURCE,
    FormKind,
    schema,
)


@dataclass(frozen=True)
class FormReading:
    """What the form shows for one command.

    ``values`` has every field of ``kind`` (``None`` = not set). ``unrepresented`` lists, by fop
    key in command order, each parameter the form cannot hold — saving from the form leaves
    them out; ``"saveas"`` is listed when the command had a saveas step (a preset never keeps
    one: its output name template decides where results go). ``notes`` explain those in
    translatable sentences. ``kind is None`` when the text could not be used at all; then
    ``problems`` says why. ``source`` is the command text it was read from, if any.
    """

    kind: FormKind | None
    values: Mapping[str, object] = field(default_factory=dict)
    unrepresented: tuple[str, ...] = ()
    notes: tuple[Problem, ...] = ()
    problems: tuple[Problem, ...] = ()
    source: str = ""


def resolution_of(size: object) -> str:
    """The resolution choice that stands for the size field's value."""
    if size is None:
        return RESOLUTION_SOURCE
    for name, preset in PRESET_SIZES.items():
        if preset == size:
            return name
    return RESOLUTION_CUSTOM


def form_values(command: Command, *, source: str = "") -> FormReading:
    """Read a command into the form; nothing the form cannot hold is dropped without a name."""
    op = command.op
    keys = [key for key, _ in op.params()]
    saveas = (SAVEAS,) if command.saveas is not None else ()
    kind = kind_of(op)
    if kind is None or not isinstance(op, Avthumb | Vframe | Vsample):
        name = op.build().split("/", 1)[0]
        problem = Problem.make(
            "command",
            "{operation} commands cannot be edited in the preset form",
            operation=name,
        )
        return FormReading(None, {}, (*keys, *saveas), problems=(problem,), source=source)
    form = schema(kind)
    parts = part_objects(op)
    values: dict[str, object] = {}
    for spec in form.fields:
        if spec.id == "format":
            values[spec.id] = to_form(spec, op.format)
        elif spec.id == "resolution":
            values[spec.id] = resolution_of(op.s if isinstance(op, Avthumb) else None)
        else:
            part, param = param_of(kind, spec.key)
            values[spec.id] = to_form(spec, getattr(parts[part], param.attr))
    unrepresented = tuple(k for k in keys if k not in form.keys)
    notes: list[Problem] = []
    if unrepresented:
        notes.append(
            Problem.make(
                "unrepresented",
                "The form cannot show these parameters, so saving from the form leaves them "
                "out: {keys}",
                keys=", ".join(unrepresented),
            )
        )
    if saveas:
        notes.append(
            Problem.make(
                SAVEAS,
                "The saveas step was left out: a preset does not say where results are saved, "
                "its output name template does",
            )
        )
    return FormReading(kind, values, (*unrepresented, *saveas), tuple(notes), source=source)
