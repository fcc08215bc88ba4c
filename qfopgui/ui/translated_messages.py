"""Core/API/services text in the user's language.

The Qt-free layers keep their English sentences *and* the templates behind them
(``Problem.template``/``params``, ``NamingError``, ``PresetError``, ``QiniuError.template``,
``core.jobs.failure_hint`` …). Here each template goes through ``QCoreApplication.translate``
and is then filled with ``str.format``; parameters that are words themselves (a field label,
a unit, a "why") are translated too. Unknown templates fall back to the English text, so a
missing translation never loses information. Catalogue: ``qfopgui/i18n/core_zh_CN.ts``.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from functools import cache

from PySide6.QtCore import QCoreApplication

from qfopgui.api import messages
from qfopgui.api.errors import QiniuError
from qfopgui.core.fops import Problem
from qfopgui.core.jobs import (
    FAILED_WORD,
    FAILURE_HINTS,
    NO_REASON_TEXT,
    NOTIFY_FAILED_TEXT,
    SERVER_NOTE,
    JobRecord,
    StatusLike,
    failed_items,
    failure_hint,
    item_op,
)
from qfopgui.core.naming import NamingError
from qfopgui.core.presets import BUILTIN_PRESETS, PresetError
from qfopgui.services.messages import ServiceError
from qfopgui.services.preset_library_file import LibraryHealth
from qfopgui.services.store_errors import StoreError
from qfopgui.services.store_health import StoreHealth
from qfopgui.services.submitter import NO_JOB_ID, RESUBMITTED, TIMED_OUT, UNEXPECTED

# translation contexts (one per kind of text, so translators see related sentences together)
PROBLEMS = "problems"  # Problem, NamingError and PresetError templates
PARAMS = "fop_params"  # ParamSpec labels and units
FAILURES = "failures"  # job failure hints and stored submit errors
API = "api_errors"  # qfopgui.api.messages
PRESETS = "presets"  # built-in preset names and descriptions
SERVICES = "services"  # qfopgui.services.messages
STORE = "store_errors"  # qfopgui.services.store_messages (StoreError, StoreHealth)

# sentence glue, translated in FAILURES
OP_LINE = "{op}: {words}"
LINE_JOIN = "; "
THEN = "{first}. {second}"
SERVER_PART = "server: {server}"
HTTP_PART = "HTTP {status}"
REQID_PART = "request ID {reqid}"
DETAIL_JOIN = ", "

_WORD_PARAMS = {
    "label": PARAMS,
    "other_label": PARAMS,
    "unit": PARAMS,
    "source": PROBLEMS,
    "why": API,
    "reason": PROBLEMS,  # short reasons such as "the bucket has no download domain"
}


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text) if text else text


def _fill(context: str, template: str, params: Mapping[str, str], fallback: str) -> str:
    """Translate ``template`` and format it with (translated word) ``params``."""
    values = {k: _tr(_WORD_PARAMS[k], v) if k in _WORD_PARAMS else v for k, v in params.items()}
    try:
        return _tr(context, template).format(**values)
    except (KeyError, IndexError, ValueError):  # a broken translation: keep the English
        pass
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return fallback


# --- validation ------------------------------------------------------------------------------


def problem_text(problem: Problem, *, subject: bool = True) -> str:
    """A validation problem in the user's language; ``subject`` prefixes the preset name."""
    text = _fill(PROBLEMS, problem.template, problem.params_dict, problem.message)
    if problem.subject and subject:
        return f"{preset_display_name(problem.subject)}: {text}"
    return text


def naming_error_text(err: NamingError) -> str:
    return _fill(PROBLEMS, err.template, err.params, str(err))


def preset_error_text(err: PresetError) -> str:
    params = dict(err.params)
    if err.problem is not None:
        params["problem"] = problem_text(err.problem, subject=False)
    return _fill(PROBLEMS, err.template, params, str(err))


def preset_library_health_text(health: LibraryHealth) -> str:
    """What opening the preset library found (a damaged, newer or unreadable file)."""
    return _fill(PROBLEMS, health.template, dict(health.params), health.message)


def param_label(label: str) -> str:
    """A ``ParamSpec.label`` (e.g. for a form) in the user's language."""
    return _tr(PARAMS, label)


# --- built-in presets -----------------------------------------------------------------------

_BUILTIN_DESCRIPTIONS = {p.name: p.description for p in BUILTIN_PRESETS}


def preset_display_name(name: str) -> str:
    """What the UI shows for a preset. Built-ins keep their stable English ``name`` in the
    store, CSV and settings but read in the user's language; a user's own preset is shown as
    named (never translated, even if another catalogue happens to know the same words)."""
    return _tr(PRESETS, name) if name in _BUILTIN_DESCRIPTIONS else name


def preset_description(name: str, description: str) -> str:
    """A preset's description in the user's language (built-ins only; see above)."""
    if _BUILTIN_DESCRIPTIONS.get(name) == description:
        return _tr(PRESETS, description)
    return description


# --- job failures ----------------------------------------------------------------------------


def hint_text(server_text: str) -> str | None:
    """The translated plain-words hint for a server error text, or None when none applies."""
    hint = failure_hint(server_text)
    return _tr(FAILURES, hint) if hint else None


def server_error_text(server_text: str) -> str:
    """Like ``core.jobs.explain_server_error``, translated: hint plus the server's own text."""
    text = server_text.strip()
    hint = hint_text(text)
    if hint is None:
        return text
    return _fill(FAILURES, SERVER_NOTE, {"words": hint, "server": text}, f"{hint} ({text})")


def status_failure_text(status: StatusLike) -> str:
    """Like ``core.jobs.summarize_failure``, in the user's language."""
    if status.code == 4:
        return _tr(FAILURES, NOTIFY_FAILED_TEXT)
    failed = failed_items(status)
    lines: list[str] = []
    for it in failed:
        text = (it.error or it.desc).strip()
        words = server_error_text(text) if text else _tr(FAILURES, FAILED_WORD)
        op = item_op(it) if len(failed) > 1 else ""
        lines.append(_fill(FAILURES, OP_LINE, {"op": op, "words": words}, words) if op else words)
    if not lines:
        return status.desc or _tr(FAILURES, NO_REASON_TEXT)
    return _tr(FAILURES, LINE_JOIN).join(dict.fromkeys(lines))


def failure_text(record_or_status: JobRecord | StatusLike) -> str:
    """Why a job failed, translated: from its last prefop answer when it has one (code 3/4),
    otherwise from the English text the store/submitter wrote in ``error``."""
    if isinstance(record_or_status, JobRecord):
        status = record_or_status.status()
        if status is not None and status.code in (3, 4):
            return status_failure_text(status)
        return stored_error_text(record_or_status.error)
    return status_failure_text(record_or_status)


_RESUBMITTED = re.compile(re.escape(RESUBMITTED).replace(re.escape("{new_id}"), r"(\d+)"))
_UNEXPECTED_PREFIX = UNEXPECTED.split("{", 1)[0]
_SERVER_MARK = SERVER_NOTE.split("{words}", 1)[1].split("{server}", 1)[0]  # " (server: "


def split_server_note(text: str) -> tuple[str, str]:
    """``"words (server: text)"`` → (words, text); (text, "") when there is no server part."""
    words, mark, rest = text.partition(_SERVER_MARK)
    if mark and rest.endswith(")"):
        return words, rest[:-1]
    return text, ""


def stored_error_text(text: str) -> str:
    """Translate an English error text stored on a job row (submit errors, summaries).

    Recognises the submitter's sentences, API messages (their parameters are recovered) and
    failure hints; anything else is returned as it is.
    """
    text = text.strip()
    if not text:
        return ""
    if text in (TIMED_OUT, NO_JOB_ID):
        return _tr(FAILURES, text)
    then = ". " + TIMED_OUT
    if text.endswith(then):
        first = stored_error_text(text[: -len(then)]).rstrip(".。")
        advice = _tr(FAILURES, TIMED_OUT)
        return _fill(FAILURES, THEN, {"first": first, "second": advice}, text)
    if match := _RESUBMITTED.fullmatch(text):
        return _fill(FAILURES, RESUBMITTED, {"new_id": match.group(1)}, text)
    if text.startswith(_UNEXPECTED_PREFIX):
        return _fill(FAILURES, UNEXPECTED, {"error": text[len(_UNEXPECTED_PREFIX) :]}, text)
    words, server = split_server_note(text)
    translated = _known_words(words)
    if not server:
        return translated
    return _fill(FAILURES, SERVER_NOTE, {"words": translated, "server": server}, text)


def _known_words(words: str) -> str:
    if words in FAILURE_HINTS or words in (NOTIFY_FAILED_TEXT, NO_REASON_TEXT):
        return _tr(FAILURES, words)
    for template, pattern in _api_patterns():
        match = pattern.fullmatch(words)
        if match:
            return _fill(API, template, match.groupdict(), words)
    return words


@cache
def _api_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each API message template as a regex capturing its parameters (fewest fields first)."""
    out: list[tuple[int, str, re.Pattern[str]]] = []
    for template in messages.MESSAGES:
        regex, fields = "", 0
        for literal, name, _spec, _conv in string.Formatter().parse(template):
            regex += re.escape(literal)
            if name is not None:
                regex += f"(?P<{name}>.+?)"
                fields += 1
        out.append((fields, template, re.compile(regex, re.DOTALL)))
    return tuple((t, p) for _n, t, p in sorted(out, key=lambda x: x[0]))


# --- API errors ------------------------------------------------------------------------------


def api_error_text(exc: BaseException) -> str:
    """The person-readable sentence of an error: QiniuError messages translated by their
    template (bucket, key, host… filled in); any other error as its own text."""
    if isinstance(exc, QiniuError):
        return _fill(API, exc.template, exc.params, exc.message)
    if isinstance(exc, ServiceError):
        return _fill(SERVICES, exc.template, exc.params, exc.message)
    if isinstance(exc, StoreError):
        return _fill(STORE, exc.template, dict(exc.params), exc.message)
    return str(exc) or type(exc).__name__


def store_health_text(health: StoreHealth) -> str:
    """What opening the job database found, in the user's language ("" when all is well)."""
    return _fill(STORE, health.template, dict(health.params), health.message)


def api_error_detail(exc: BaseException) -> str:
    """A short support line: HTTP status, request ID and the server's words (if not already in
    the sentence); empty for errors that have none."""
    if not isinstance(exc, QiniuError):
        return ""
    parts: list[str] = []
    if exc.status is not None:
        parts.append(_fill(FAILURES, HTTP_PART, {"status": str(exc.status)}, ""))
    if exc.reqid:
        parts.append(_fill(FAILURES, REQID_PART, {"reqid": exc.reqid}, ""))
    server = exc.server_message or ""
    if server and server not in exc.message:
        parts.append(_fill(FAILURES, SERVER_PART, {"server": server}, ""))
    return _tr(FAILURES, DETAIL_JOIN).join(p for p in parts if p)
