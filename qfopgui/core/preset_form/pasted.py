"""Pasted text → form readings ("Edit as command").

Accepted: one or more fop commands separated by ``;`` or line breaks, each with or without a
``|saveas/…`` step (read, then reported as left out); a ``qshell pfop <bucket> <key> '<fops>'
[options]`` command line, whose fops argument is the one argument that starts with an
operation name; a processing URL ``http(s)://host/key?<fop>`` (also ``?p/1/<fop>`` and private
URLs with ``&e=…&token=…``). Anything else becomes a problem, never an exception.
"""

from __future__ import annotations

import re
import shlex

from qfopgui.core.fops import OPERATION_NAMES, FopSyntaxError, Problem, parse_command
from qfopgui.core.preset_form.reading import FormReading, form_values

_SEPARATORS = re.compile(r"[;\r\n]+")
_URL = re.compile(r"https?://", re.IGNORECASE)
_PERSISTENT_PREFIX = "p/1/"
_QSHELL = "qshell"
_PFOP = "pfop"


def _starts_with_operation(text: str) -> bool:
    return re.split(r"[/|;]", text, maxsplit=1)[0] in OPERATION_NAMES


def _failed(problem: Problem, source: str) -> list[FormReading]:
    return [FormReading(None, problems=(problem,), source=source)]


def _from_qshell(text: str) -> str | Problem:
    try:
        args = shlex.split(text.replace("\\\n", " "))
    except ValueError:
        return Problem.make(
            "command", "The qshell command line has an unclosed quote; check the quotes"
        )
    if len(args) < 2 or args[1] != _PFOP:
        return Problem.make(
            "command",
            "Only qshell pfop command lines can be read; paste the fops part instead",
        )
    found = [a for a in args[2:] if _starts_with_operation(a)]
    if len(found) != 1:
        return Problem.make(
            "command",
            "Could not find the fops argument in the qshell command line; paste the fops "
            "part instead",
        )
    return found[0]


def _from_url(text: str) -> str | Problem:
    _, sep, query = text.partition("?")
    query = query.split("&", 1)[0].removeprefix(_PERSISTENT_PREFIX)
    if not sep or not _starts_with_operation(query):
        return Problem.make(
            "command", "The address has no processing command after '?', like ?vframe/jpg/offset/1"
        )
    return query


def fops_part(text: str) -> str | Problem:
    """The fops string inside pasted text (see the module docstring for what is accepted)."""
    stripped = text.strip().removeprefix("$ ").strip()
    first = stripped.split(None, 1)[0] if stripped else ""
    if first == _QSHELL:
        return _from_qshell(stripped)
    if _URL.match(stripped):
        return _from_url(stripped)
    return stripped


def edit_as_command(text: str) -> list[FormReading]:
    """One reading per command in ``text``, in order; a command that cannot be read gives a
    reading with ``kind None`` and a problem naming its number."""
    found = fops_part(text)
    if isinstance(found, Problem):
        return _failed(found, text)
    commands = [part.strip() for part in _SEPARATORS.split(found) if part.strip()]
    if not commands:
        return _failed(Problem.make("command", "Paste a command such as avthumb/mp4/vb/1m"), text)
    out: list[FormReading] = []
    for number, command in enumerate(commands, 1):
        try:
            parsed = parse_command(command)
        except FopSyntaxError as exc:
            problem = Problem.make(
                "command",
                "Command {number} could not be read: {error}",
                number=number,
                error=exc,
            )
            out.append(FormReading(None, problems=(problem,), source=command))
            continue
        out.append(form_values(parsed, source=command))
    return out
