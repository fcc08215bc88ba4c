"""Every English text the Qt-free layers can show a person, found by reading their source.

Used by the i18n tests so that a new template without a translation fails CI. Templates must be
literal strings at the call site (or a constant of ``qfopgui.api.messages``); anything the
scanner cannot read is reported as *unreadable* so it can't slip through.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

import qfopgui
from qfopgui.api import errors as api_errors
from qfopgui.api import messages
from qfopgui.core import jobs, presets
from qfopgui.core.preset_form import form_texts
from qfopgui.services import store_messages, submitter

ROOT = Path(qfopgui.__file__).parent
_SPEC_NAMES = {"ParamSpec", "_S"}
_ERROR_NAMES = {"NamingError", "PresetError", "PresetFileError"}
# QiniuError and its subclasses (ValueError/TypeError in api are programming errors, never shown)
_QINIU_ERROR_SUFFIXES = tuple(
    name
    for name, obj in vars(api_errors).items()
    if isinstance(obj, type) and issubclass(obj, api_errors.QiniuError)
)


@dataclass
class CoreStrings:
    problems: set[str] = field(default_factory=set)  # Problem/NamingError/PresetError templates
    labels: set[str] = field(default_factory=set)  # ParamSpec labels and units
    failures: set[str] = field(default_factory=set)  # hints and stored-error sentences
    api: set[str] = field(default_factory=set)  # QiniuError templates and reasons
    store: set[str] = field(default_factory=set)  # StoreError / StoreHealth templates
    unreadable: list[str] = field(default_factory=list)  # "file:line what" the scan cannot read


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr if func.attr != "make" else f"{_name(func.value)}.make"
    return ""


def _literals(node: ast.expr) -> list[str] | None:
    """The strings an expression can be: a constant or a conditional of constants."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        a, b = _literals(node.body), _literals(node.orelse)
        return None if a is None or b is None else a + b
    return None


def _arg(call: ast.Call, index: int, keyword: str) -> ast.expr | None:
    if len(call.args) > index:
        return call.args[index]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _is_rewrap(node: ast.expr) -> bool:
    """``Problem.make(field, exc.template, **exc.params)`` re-uses a NamingError template."""
    return isinstance(node, ast.Attribute) and node.attr == "template"


def _scan_core(out: CoreStrings) -> None:
    for path in sorted((ROOT / "core").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name, where = _name(node.func), f"{path.name}:{node.lineno}"
            if name == "Problem.make":
                targets = [(_arg(node, 1, "template"), out.problems)]
            elif name in _ERROR_NAMES:
                targets = [(_arg(node, 0, "template"), out.problems)]
            elif name in _SPEC_NAMES:
                targets = [(_arg(node, 3, "label"), out.labels)]
                unit = _arg(node, 99, "unit")
                if unit is not None:
                    targets.append((unit, out.labels))
            elif name == "check_bitrate":
                targets = [(_arg(node, 1, "label"), out.labels)]
            elif name == "Problem":
                out.unreadable.append(f"{where} Problem(...) without a template; use Problem.make")
                continue
            else:
                continue
            for arg, bucket in targets:
                if arg is None or _is_rewrap(arg):
                    continue
                found = _literals(arg)
                if found is None:
                    out.unreadable.append(f"{where} {name} with a non-literal text")
                else:
                    bucket.update(found)


def _scan_api(out: CoreStrings) -> None:
    """API errors must be built with ``<Error>.make(messages.X)``: no literal sentences."""
    out.api.update(messages.MESSAGES + messages.REASONS)
    for path in sorted((ROOT / "api").glob("*.py")):
        if path.name == "messages.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            first = node.args[0] if node.args else None
            literal = isinstance(first, ast.Constant | ast.JoinedStr)
            if name.removesuffix(".make").endswith(_QINIU_ERROR_SUFFIXES) and literal:
                out.unreadable.append(f"{path.name}:{node.lineno} {name} with a literal message")
            reason = node.args[1] if name == "protocol_error" and len(node.args) > 1 else None
            if isinstance(reason, ast.Constant | ast.JoinedStr):
                out.unreadable.append(f"{path.name}:{node.lineno} protocol_error literal")


def _scan_store(out: CoreStrings) -> None:
    """Store texts must be ``StoreError.make(M.X)``/``store_messages`` constants, never literal."""
    out.store.update(store_messages.MESSAGES)
    for path in sorted((ROOT / "services").glob("store*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            if _name(node.func).removesuffix(".make") == "StoreError" and isinstance(
                node.args[0], ast.Constant | ast.JoinedStr
            ):
                out.unreadable.append(f"{path.name}:{node.lineno} StoreError with a literal text")


def collect() -> CoreStrings:
    out = CoreStrings()
    _scan_core(out)
    _scan_api(out)
    _scan_store(out)
    out.problems.add(presets.DEFAULT_SOURCE)
    out.labels.update(form_texts())  # preset form labels, tooltips, groups and choices
    out.failures.update(jobs.FAILURE_HINTS)
    out.failures.update(
        {jobs.NOTIFY_FAILED_TEXT, jobs.NO_REASON_TEXT, jobs.FAILED_WORD, jobs.SERVER_NOTE}
    )
    out.failures.update(
        {submitter.TIMED_OUT, submitter.RESUBMITTED, submitter.UNEXPECTED, submitter.NO_JOB_ID}
    )
    return out
