"""What output verification says, in the user's language: the Status column's words, the
details pane's headline and lines, and the tooltip.

The findings are core templates (`qfopgui.core.verification`) translated in the
"verification" context and filled with their figures: seconds with one decimal ("4.1 s").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication

from qfopgui.core.jobs import JobRecord
from qfopgui.core.output_checks import VERIFIABLE_STATES
from qfopgui.core.verification import (
    BAD_CLIP,
    BAD_DURATION,
    NO_DOMAIN,
    OK_CLIP,
    OK_DURATION,
    OutputCheck,
    Verification,
    VerifyState,
    format_param,
)
from qfopgui.ui.translated_messages import stored_error_text

CONTEXT = "verification"  # the core templates' translation context
_DURATION_TEMPLATES = frozenset({OK_DURATION, OK_CLIP})
_TIMING_PROBLEMS = frozenset({BAD_DURATION, BAD_CLIP})


class Level(StrEnum):
    OK = "ok"
    WARNING = "warning"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class VerificationView:
    level: Level
    headline: str
    lines: tuple[str, ...] = ()

    def text(self) -> str:
        return "\n".join((self.headline, *self.bullets()))

    def bullets(self) -> list[str]:
        return [f"• {line}" for line in self.lines]


def is_warned(rec: JobRecord) -> bool:
    """A done job whose outputs need a look (cheap: no JSON is read)."""
    return rec.verify_state == VerifyState.WARNING.value and rec.state in VERIFIABLE_STATES


def warned_count(records: Sequence[JobRecord]) -> int:
    """The number on the "Check output" chip."""
    return sum(1 for r in records if is_warned(r))


def is_verified(rec: JobRecord) -> bool:
    return rec.verify_state == VerifyState.VERIFIED.value and rec.state in VERIFIABLE_STATES


def status_word(rec: JobRecord, state_word: str) -> str:
    """The Status column's word: "Check output" instead of "Done" when the outputs look wrong
    (with a warning icon); a verified job keeps "Done" (with a checked-circle icon)."""
    if is_warned(rec):
        return QCoreApplication.translate("VerificationText", "Check output")
    return state_word


def status_accessible(rec: JobRecord, state_word: str) -> str:
    """What a screen reader says for the Status cell (the icons say "verified" to the eye)."""
    if is_verified(rec):
        return f"{state_word}, " + QCoreApplication.translate(
            "VerificationText", "outputs verified"
        )
    if is_warned(rec):
        return f"{status_word(rec, state_word)}, {state_word}"
    return state_word


def check_text(check: OutputCheck) -> str:
    """One finding in the user's language (the key is not included)."""
    values = {k: format_param(v) for k, v in check.params}
    why = values.get("why")
    if why is not None:
        values["why"] = (
            QCoreApplication.translate(CONTEXT, NO_DOMAIN)
            if why == NO_DOMAIN
            else stored_error_text(why)
        )
    try:
        return QCoreApplication.translate(CONTEXT, check.template).format(**values)
    except (KeyError, IndexError, ValueError):  # a broken translation: keep the English
        return check.message


def check_line(check: OutputCheck, *, with_key: bool = True) -> str:
    text = check_text(check)
    return f"{check.output}: {text}" if check.output and with_key else text


def _verified_headline(result: Verification) -> str:
    n = result.outputs
    timed = any(c.template in _DURATION_TEMPLATES for c in result.details)
    if n == 1:
        return (
            QCoreApplication.translate(
                "VerificationText", "Verified: 1 output, its duration matches the source"
            )
            if timed
            else QCoreApplication.translate("VerificationText", "Verified: 1 output, as expected")
        )
    text = (
        QCoreApplication.translate(
            "VerificationText", "Verified: %1 outputs, durations match the source"
        )
        if timed
        else QCoreApplication.translate("VerificationText", "Verified: %1 outputs, as expected")
    )
    return text.replace("%1", str(n))


def _warning_headline(result: Verification) -> str:
    bad = len({c.output for c in result.problems})
    if result.outputs <= 1:
        return QCoreApplication.translate(
            "VerificationText", "Check output: it does not look right"
        )
    return (
        QCoreApplication.translate(
            "VerificationText", "Check output: %1 of %2 outputs do not look right"
        )
        .replace("%1", str(bad))
        .replace("%2", str(result.outputs))
    )


def verification_view(rec: JobRecord) -> VerificationView | None:
    """The details pane's "Verification" part; None for jobs that are not done or not
    checked yet."""
    if rec.state not in VERIFIABLE_STATES:
        return None
    result = rec.verification
    if result is None:
        return None
    if result.state is VerifyState.VERIFIED:
        return VerificationView(Level.OK, _verified_headline(result))
    keyed = result.outputs > 1  # one output: its key is in the command box below already
    if result.state is VerifyState.WARNING:
        return VerificationView(
            Level.WARNING,
            _warning_headline(result),
            tuple(check_line(c, with_key=keyed) for c in _problems_first(result.problems)),
        )
    return VerificationView(
        Level.UNKNOWN,
        QCoreApplication.translate("VerificationText", "Outputs not verified yet"),
        tuple(check_line(c, with_key=keyed) for c in result.details),
    )


def _problems_first(checks: Sequence[OutputCheck]) -> list[OutputCheck]:
    """Timing problems (the numbers people look for) before the rest; otherwise as found."""
    return sorted(checks, key=lambda c: c.template not in _TIMING_PROBLEMS)


def verification_tooltip(rec: JobRecord) -> str | None:
    view = verification_view(rec)
    return view.text() if view is not None else None
